"""Corpora: text (files, lists, datasets, demo:wiki) and images (folders, demo:images).

``load_corpus`` resolves a spec before any model is loaded, so a bad corpus fails in a second
with a clear message instead of after minutes of loading weights.

Corpus specs (``--corpus``)::

    demo:wiki                        300 seeded Wikipedia sentences (-n: sample size)
    demo:images                      ~60 offline images (photos + synthetic patterns)
    FILE.txt                         one sequence per line (UTF-8)
    FILE.jsonl[#FIELD]               one JSON object per line; its string FIELD (default: text)
    FILE.parquet[#COLUMN]            a Parquet file's string COLUMN (default: text)
    FILE.arrow|.feather[#COLUMN]     an Arrow IPC file or stream (Feather v2, save_to_disk shards)
    FOLDER                           PNG/JPEG/WebP/BMP images under FOLDER (recursive), or a
                                     folder written by datasets' save_to_disk (its train split)
    hf:NAME[#COLUMN]                 a Hugging Face dataset, split train
    hf:NAME:SPLIT[#COLUMN]           ... that split
    hf:NAME:CONFIG:SPLIT[#COLUMN]    ... that config and split (e.g. hf:wikitext:wikitext-103-raw-v1:train)

NAME is a Hub id (needs the network unless cached, and ``pip install datasets``), a local folder
of data files, or a ``save_to_disk`` folder. A bare NAME without ``hf:`` that is not a file is
still tried as a dataset (the old form ``NAME`` / ``NAME:SPLIT``). Files and datasets are
streamed: ``-n N`` takes the first N non-empty texts and stops reading there.

Other modules can add corpus kinds by spec prefix without touching ``load_corpus``: an entry in
``SPEC_LOADERS`` maps a prefix (``"induction:"``) or an exact spec to a loader, given as a
callable or as a lazily imported ``"module:function"`` string; the loader is called as
``loader(spec, max_sequences=..., seed=...)`` and returns a TextCorpus or an ImageCorpus.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

from qkatlas.corpus.hf import is_saved_dataset
from qkatlas.corpus.text import TextCorpus, iter_texts, load_text_corpus
from qkatlas.errors import InputError

IMAGE_DEMO = "demo:images"

# spec prefix (ending in ":") or exact spec -> loader(spec, max_sequences=, seed=) or "module:function"
SPEC_LOADERS: dict[str, Callable | str] = {
    "induction:": "qkatlas.corpus.induction:load_induction_corpus",
}


def register_corpus(prefix: str, loader: Callable | str) -> None:
    """Route specs equal to ``prefix``, or starting with it when it ends in ``:``, to ``loader``."""
    SPEC_LOADERS[prefix] = loader


def _registered(spec) -> tuple[str, Callable | str] | None:
    if not isinstance(spec, str):
        return None
    if spec in SPEC_LOADERS:
        return spec, SPEC_LOADERS[spec]
    matches = [p for p in SPEC_LOADERS if p.endswith(":") and spec.startswith(p)]
    if not matches:
        return None
    prefix = max(matches, key=len)
    return prefix, SPEC_LOADERS[prefix]


def _resolve(prefix: str, loader: Callable | str) -> Callable:
    if callable(loader):
        return loader
    module_name, _, attr = loader.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name and module_name.startswith(e.name):
            raise InputError(
                f"corpus kind {prefix!r} is served by {module_name}, which is not in this installation"
            ) from None
        raise
    if not callable(getattr(module, attr, None)):
        raise InputError(f"corpus kind {prefix!r}: {module_name} has no loader function {attr!r}")
    return getattr(module, attr)


def is_image_spec(spec) -> bool:
    """``demo:images`` or a folder that is not a saved Hugging Face dataset."""
    if not isinstance(spec, (str, os.PathLike)):
        return False
    if str(spec) == IMAGE_DEMO:
        return True
    path = Path(spec).expanduser()
    return path.is_dir() and not is_saved_dataset(path)


def load_corpus(spec, max_sequences: int | None = None, seed: int = 0):
    """A TextCorpus or an ImageCorpus for ``spec`` (see the module docstring for the forms)."""
    if max_sequences is not None and max_sequences < 1:
        raise InputError(f"max_sequences={max_sequences}: use a positive number or leave it unset")
    if isinstance(spec, os.PathLike):
        spec = os.fspath(spec)
    registered = _registered(spec)
    if registered is not None:
        prefix, loader = registered
        return _resolve(prefix, loader)(spec, max_sequences=max_sequences, seed=seed)
    if is_image_spec(spec):
        from qkatlas.corpus.images import demo_images, load_image_folder

        if str(spec) == IMAGE_DEMO:
            corpus = demo_images(seed=seed)
            corpus.items = corpus.items[:max_sequences] if max_sequences else corpus.items
            return corpus
        try:
            return load_image_folder(spec, max_images=max_sequences)
        except InputError as e:
            raise _maybe_data_folder(spec, e) from None
    return load_text_corpus(spec, max_sequences=max_sequences, seed=seed)


_DATA_SUFFIXES = (".parquet", ".arrow", ".jsonl", ".json", ".csv", ".txt", ".feather")


def _maybe_data_folder(spec, error: InputError) -> InputError:
    """An image-folder error, with a hint when the folder holds data files instead of images."""
    if "no readable image" not in str(error):
        return error
    try:
        data = sorted(p.name for p in Path(spec).expanduser().iterdir() if p.name.lower().endswith(_DATA_SUFFIXES))
    except OSError:
        return error
    if not data:
        return error
    shown = ", ".join(data[:3]) + (", ..." if len(data) > 3 else "")
    return InputError(
        f"{error}; the folder holds data files ({shown}): for text, give one file "
        f"({Path(spec) / data[0]}) or the folder as a Hugging Face dataset, hf:{spec}[:SPLIT]"
    )


__all__ = [
    "TextCorpus", "load_corpus", "load_text_corpus", "iter_texts", "is_image_spec", "IMAGE_DEMO",
    "SPEC_LOADERS", "register_corpus",
]
