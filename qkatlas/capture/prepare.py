"""Corpus -> model inputs: tokenised text or preprocessed images, plus the token and sequence tables.

Why before the model runs: the total token count must be known to pre-allocate every per-layer
array on disk (memory-mapped), and a bad corpus must fail before minutes of loading weights.
Token rows are ordered by (sequence, position), whatever order batches later run in.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

import numpy as np

from qkatlas.atlas import schema
from qkatlas.capture.loader import LoadedModel
from qkatlas.errors import InputError

TOKENIZE_CHUNK = 1024  # texts tokenised per call


@dataclass
class Prepared:
    """A corpus turned into model inputs plus the token and sequence tables."""

    corpus_name: str
    corpus_sha256: str
    corpus_kind: str
    inputs: list  # per sequence: int32 token ids (numpy), or an index into `images`
    tokens: "object"  # pandas DataFrame
    sequences: "object"  # pandas DataFrame
    n_truncated: int = 0
    skipped: list | None = None
    thumbnails: np.ndarray | None = None
    images: list | None = None  # vision: the corpus's image items (decoded per batch, not kept as pixels)
    loaded: "LoadedModel | None" = None

    def pixel_batch(self, seqs: list[int]):
        """Model inputs for the images ``seqs`` (preprocessed now: memory is one batch of pixels)."""
        pixels, _ = self.loaded.preprocess_images([self.images[s].image for s in seqs])
        return pixels

    def seen_images(self):
        """Each image as the model sees it (uint8 H x W x 3), one at a time."""
        for item in self.images:
            yield self.loaded.preprocess_images([item.image])[1][0]


def prepare(loaded: LoadedModel, corpus, max_length: int | None = None) -> Prepared:
    """Tokenise (text) or preprocess (images) a loaded corpus for ``loaded``'s model."""
    from qkatlas.corpus.images import ImageCorpus

    is_images = isinstance(corpus, ImageCorpus)
    if is_images != (loaded.kind == "vision"):
        what = "an image" if is_images else "a text"
        need = "a folder of images or demo:images" if loaded.kind == "vision" else "a text corpus (.txt, .jsonl, demo:wiki)"
        raise InputError(f"corpus {corpus.name!r} is {what} corpus but model {loaded.name!r} is a {loaded.kind} model; give {need}")
    return _prepare_images(loaded, corpus) if is_images else _prepare_text(loaded, corpus, max_length)


def _prepare_text(loaded, tc, max_length) -> Prepared:
    """Tokenise every text, a chunk of texts at a time; the token table is built column by column
    from one flat id array and the corpus's distinct ids (decoded once each), never as one Python
    object per token (at 500k tokens, per-token tuples and the whole corpus's tokenizer output at
    once left ~0.3 GB more resident than these columns)."""
    import pandas as pd

    tok = loaded.tokenizer
    limit = min(x for x in (max_length, loaded.max_length) if x) if (max_length or loaded.max_length) else None
    ids, full_lengths = [], []  # per sequence: int32 token ids (as the model sees them), the uncut length
    for i in range(0, len(tc.texts), TOKENIZE_CHUNK):  # a chunk at a time: the tokenizer's objects stay small
        chunk = tc.texts[i:i + TOKENIZE_CHUNK]
        full = tok(chunk, add_special_tokens=True)["input_ids"]
        full_lengths += [len(f) for f in full]
        if limit:
            full = tok(chunk, add_special_tokens=True, truncation=True, max_length=limit)["input_ids"]
        ids += [np.asarray(f, np.int32) for f in full]
        del full
    lengths = np.fromiter((len(i) for i in ids), np.int64, len(ids))
    truncated = [full > n for full, n in zip(full_lengths, lengths.tolist())]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    flat = np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, np.int64)
    seq_len = np.repeat(lengths, lengths)
    pos = np.arange(len(flat)) - np.repeat(starts, lengths)
    distinct, which = np.unique(flat, return_inverse=True)
    text = [tok.decode([int(t)]) for t in distinct]
    special = set(tok.all_special_ids)
    tokens = pd.DataFrame({
        "seq": np.repeat(np.arange(len(ids)), lengths), "pos": pos, "seq_len": seq_len,
        "pos_norm": np.where(seq_len > 1, pos / np.maximum(seq_len - 1, 1), 0.0), "token_id": flat,
        "token": np.array(text, dtype=object)[which],
        "token_raw": np.array([tok.convert_ids_to_tokens(int(t)) for t in distinct], dtype=object)[which],
        "token_len": np.array([len(t.strip()) for t in text], np.int64)[which],
        "is_special": np.array([int(t) in special for t in distinct], bool)[which],
        "is_punct": np.array([_is_punct(t) for t in text], bool)[which],
        "added": False,
    })
    columns = schema.token_columns(images=False)
    tokens = schema.conform(tokens, columns, "tokens")
    seq_rows = [(s, int(starts[s]), int(lengths[s]), tc.texts[s], truncated[s], full_lengths[s]) for s in range(len(ids))]
    sequences = schema.conform(pd.DataFrame(seq_rows, columns=list(schema.SEQUENCE_COLUMNS)), schema.SEQUENCE_COLUMNS, "sequences")
    return Prepared(tc.name, tc.sha256, "text", ids, tokens, sequences, n_truncated=sum(truncated), skipped=[])


def check_sequence_length(loaded: LoadedModel, actual: int, expected: int) -> None:
    """The model's attention must see exactly the tokens the token table describes; a vision model
    with tokens the adapter does not declare (registers, an extra distillation token) would shift
    every patch label, so it is an error, never a silent misalignment."""
    if actual == expected:
        return
    a = loaded.adapter
    if loaded.kind == "vision":
        prefix = list(a.prefix_tokens)
        raise InputError(
            f"model {loaded.name!r}: its attention sees {actual} tokens per image, but the {a.family} adapter expects "
            f"{expected} ({expected - len(prefix)} patches + {len(prefix)} prefix tokens {prefix or ''}); the model puts "
            f"{actual - expected:+d} tokens the adapter does not declare (registers?), so patches would be mislabelled"
        )
    raise InputError(f"model {loaded.name!r}: its attention sees {actual} tokens per sequence where the batch has "
                     f"{expected}; the {a.family} adapter does not support this model variant")


def _is_punct(text: str) -> bool:
    s = text.strip()
    return bool(s) and all(unicodedata.category(c).startswith("P") for c in s)


def _prepare_images(loaded, ic) -> Prepared:
    import pandas as pd

    from qkatlas.corpus.images import patch_features

    items = ic.items
    patch = loaded.image["patch_size"]
    prefix = list(loaded.adapter.prefix_tokens)
    h = hashlib.sha256()
    rows, seq_rows, thumbs, start = [], [], [], 0
    nan = np.nan
    for s, item in enumerate(items):
        img = loaded.preprocess_images([item.image])[1][0]
        h.update(item.name.encode() + b"\0" + img.tobytes())
        f = patch_features(img, patch)
        n_patches = len(f["patch_row"])
        n = n_patches + len(prefix)  # prefix tokens ([CLS], distillation, registers) first
        whole = np.asarray(_resize(img, f["thumbnails"].shape[1]))
        thumbs.append(np.concatenate([np.repeat(whole[None], len(prefix), axis=0), f["thumbnails"]]))
        for p, name in enumerate(prefix):
            rows.append((s, p, n, p / (n - 1), -1, name, name, len(name), True, False, -1, -1, nan, nan, nan))
        for i in range(n_patches):
            r, c = int(f["patch_row"][i]), int(f["patch_col"][i])
            pos = i + len(prefix)
            rows.append((s, pos, n, pos / (n - 1), -1, f"r{r}c{c}", f"r{r}c{c}", 0, False, False, r, c,
                         float(f["hue"][i]), float(f["saturation"][i]), float(f["brightness"][i])))
        seq_rows.append((s, start, n, item.name, False, n, item.source))
        start += n
    tokens = pd.DataFrame(rows, columns=list(schema.token_columns(images=True))[:10] + list(schema.IMAGE_TOKEN_COLUMNS))
    tokens["added"] = False
    tokens = schema.conform(tokens, schema.token_columns(images=True), "tokens")
    sequences = schema.conform(pd.DataFrame(seq_rows, columns=list(schema.sequence_columns(images=True))),
                               schema.sequence_columns(images=True), "sequences")
    return Prepared(ic.name, h.hexdigest(), "images", list(range(len(items))), tokens, sequences,
                    skipped=[list(x) for x in ic.skipped], thumbnails=np.concatenate(thumbs), images=items, loaded=loaded)


def _resize(img: np.ndarray, size: int):
    from PIL import Image

    return Image.fromarray(img).resize((size, size), resample=Image.BILINEAR)
