"""Hugging Face datasets as text corpora, streamed (the optional ``datasets`` package).

``hf:NAME[:CONFIG]:SPLIT[#COLUMN]`` where NAME is a Hub id (``wikitext``, ``org/name``), a local
folder of data files (Parquet/Arrow/JSON/CSV shards, read by ``datasets.load_dataset``), or a
folder written by ``Dataset.save_to_disk``/``DatasetDict.save_to_disk``. Hub and data-file
datasets are opened with ``streaming=True`` (rows are fetched as they are read, so ``-n`` stops
the download early); a saved dataset is memory-mapped by ``load_from_disk`` and read in batches
of the one column. Errors say which dataset, and why: offline mode, an unknown config or split
(with the ones that exist), a missing column (with the columns present).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

from qkatlas.errors import InputError

DATASETS_PIP = "pip install datasets"
BATCH_ROWS = 1024


def _one_line(e: BaseException, limit: int = 300) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def datasets_available() -> bool:
    """Whether the optional ``datasets`` package is installed (checked without importing it)."""
    return importlib.util.find_spec("datasets") is not None


def hf_offline() -> bool:
    """Whether Hugging Face offline mode is on (``HF_HUB_OFFLINE``/``HF_DATASETS_OFFLINE``)."""
    for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
        if os.environ.get(var, "").strip().upper() in ("1", "ON", "YES", "TRUE"):
            return True
    try:
        import datasets

        return bool(getattr(datasets.config, "HF_HUB_OFFLINE", False))
    except Exception:  # pragma: no cover - datasets missing or odd: environment says enough
        return False


def is_saved_dataset(path) -> bool:
    """A folder written by ``datasets``' ``save_to_disk`` (a Dataset or a DatasetDict)."""
    p = Path(path).expanduser()
    return (p / "dataset_dict.json").is_file() or ((p / "state.json").is_file() and (p / "dataset_info.json").is_file())


def _looks_local(name: str) -> bool:
    return name.startswith(("/", "./", "../", "~")) or os.path.isabs(name)


def open_hf_stream(spec: str, name: str, config: str | None, split: str, column: str | None):
    """(corpus name, source, lazy iterator of texts) for a Hugging Face dataset spec."""
    column = column or "text"
    local = Path(name).expanduser()
    if _looks_local(name) and not local.exists():
        raise InputError(f"corpus {spec!r}: no such folder {name!r}; check the path")
    if not datasets_available():
        what = "a saved Hugging Face dataset" if local.is_dir() else "a Hugging Face dataset"
        also = "" if local.exists() else ", and it is not a file here either (check the path)"
        raise InputError(
            f"corpus {spec!r}: reading {what} needs the `datasets` package, which is not installed "
            f"({DATASETS_PIP}){also}"
        )
    source = f"hf:{name}" + (f":{config}" if config else "") + f":{split}#{column}"
    if is_saved_dataset(local):
        return spec, source, _saved_stream(spec, local, config, split, column)
    return spec, source, _streaming(spec, name, config, split, column)


# --------------------------------------------------------------------------- save_to_disk folders


def _saved_stream(spec: str, folder: Path, config: str | None, split: str, column: str) -> Iterator[str]:
    import datasets

    if config:
        raise InputError(
            f"corpus {spec!r}: {folder} is a dataset saved with save_to_disk, which has no configs; "
            f"write hf:{folder}:SPLIT"
        )
    try:
        ds = datasets.load_from_disk(str(folder))
    except Exception as e:  # datasets raises many kinds; the user needs one line
        raise InputError(f"corpus {spec!r}: cannot open the saved dataset {folder} ({_one_line(e)})") from None
    if isinstance(ds, datasets.DatasetDict):
        if split not in ds:
            raise InputError(
                f"corpus {spec!r}: the saved dataset {folder} has no split {split!r} "
                f"(splits: {', '.join(ds)}); write hf:{folder}:SPLIT"
            )
        ds = ds[split]
    _check_columns(spec, folder.as_posix(), list(ds.column_names), column, ds.features)
    return _saved_rows(spec, ds.select_columns([column]), column)


def _saved_rows(spec: str, ds, column: str) -> Iterator[str]:
    found = False
    for batch in ds.iter(batch_size=BATCH_ROWS):
        for value in batch[column]:
            if isinstance(value, str) and value.strip():
                found = True
                yield value.strip()
    if not found:
        raise InputError(f"corpus {spec!r}: column {column!r} has no non-empty text")


# --------------------------------------------------------------------------- load_dataset (streaming)


def _streaming(spec: str, name: str, config: str | None, split: str, column: str) -> Iterator[str]:
    """Rows of ``load_dataset(name, config, split=split, streaming=True)``; the dataset is opened
    when the iterator is first advanced (``take`` does that at once)."""
    import datasets

    try:
        ds = datasets.load_dataset(name, config, split=split, streaming=True)
    except Exception as e:  # datasets raises many kinds; the user needs one line
        raise _load_error(spec, name, e) from None
    names = ds.column_names
    if names is not None:
        _check_columns(spec, name, list(names), column, getattr(ds, "features", None))
        ds = ds.select_columns([column])
    found = False
    rows = iter(ds)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except Exception as e:
            raise _load_error(spec, name, e, reading=True) from None
        number += 1
        if column not in row:
            _check_columns(spec, name, list(row), column, None)
        value = row[column]
        if isinstance(value, str) and value.strip():
            found = True
            yield value.strip()
    if not found:
        raise InputError(f"corpus {spec!r}: column {column!r} of dataset {name!r} has no non-empty text ({number} rows)")


def _dtype(features, column: str):
    return getattr(features.get(column), "dtype", None) if features is not None else None


def _check_columns(spec: str, name: str, names: list[str], column: str, features) -> None:
    text_columns = [n for n in names if _dtype(features, n) in ("string", "large_string")] or names
    if column not in names:
        example = spec.split("#")[0] + f"#{text_columns[0] if text_columns else 'text'}"
        raise InputError(
            f"corpus {spec!r}: dataset {name!r} has no column {column!r} (columns: {', '.join(names) or 'none'}); "
            f"pick the text column with #COLUMN, e.g. {example}"
        )
    dtype = _dtype(features, column)
    if dtype not in (None, "string", "large_string"):
        raise InputError(f"corpus {spec!r}: column {column!r} of dataset {name!r} holds {dtype}, not text")


def _load_error(spec: str, name: str, e: BaseException, reading: bool = False) -> InputError:
    error = _hub_error(spec, name, e, reading)
    if spec.startswith("hf:"):
        return error
    # a bare name: the user may have meant a file
    return InputError(f"{error} (no file {spec!r} here either; a Hugging Face dataset is written hf:NAME)")


def _hub_error(spec: str, name: str, e: BaseException, reading: bool) -> InputError:
    what = "reading" if reading else "loading"
    message = _one_line(e)
    offline_hint = "offlinemodeisenabled" in message.replace(" ", "").lower() or "offline" in message.lower()
    network = isinstance(e, ConnectionError) or type(e).__name__ in ("ConnectionError", "OfflineModeIsEnabled") or offline_hint
    if network and hf_offline():
        return InputError(
            f"corpus {spec!r}: dataset {name!r} is not on this machine and fetching it needs the network, "
            "but Hugging Face offline mode is on (HF_HUB_OFFLINE=1); unset it when online, or use a local copy "
            "(hf:FOLDER for a save_to_disk folder or a folder of data files, or a .parquet/.arrow/.jsonl file)"
        )
    if network:
        return InputError(
            f"corpus {spec!r}: could not reach the Hugging Face Hub for dataset {name!r} ({message}); "
            "check the network, or use a local copy (hf:FOLDER, .parquet, .arrow, .jsonl)"
        )
    if type(e).__name__ in ("DatasetNotFoundError", "FileNotFoundDatasetsError", "DataFilesNotFoundError"):
        return InputError(
            f"corpus {spec!r}: no dataset {name!r} on the Hugging Face Hub (or it is private or gated) and no "
            f"such file here ({message}); check the name or the path"
        )
    return InputError(f"corpus {spec!r}: {what} Hugging Face dataset {name!r} failed: {message}")
