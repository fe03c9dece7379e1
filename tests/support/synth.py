"""A tiny synthetic atlas written through the atlas format's own writer (``qkatlas.atlas``), with
heads whose attention is known exactly: query i carries M * one-hot of the positions it should
attend, key j the one-hot of its own position, so softmax puts (1 - ~1e-13) on the targets,
split evenly.

Analysis tests import ``make_atlas``, ``TARGETS`` and ``repeated_ids`` from here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from qkatlas.atlas import paths, schema
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter, new_manifest
from qkatlas.normalize import compute_normalization

M = 30.0  # logit gap: exp(-30) ~ 1e-13, exact in float16 (one-hot values 30 and 1)


def _prev(i, n, g):
    return [i - 1] if i > 0 else None


def _copy_half(i, n):
    """Sequences of ``repeated_ids``: [CLS] then L tokens twice (n = 1 + 2L); None outside them."""
    return (n - 1) // 2 if n >= 5 and (n - 1) % 2 == 0 else None


def _induction(i, n, g):
    """The token after the first occurrence of the query's token (second copy), else the first token."""
    half = _copy_half(i, n)
    return [i - half + 1] if half and i > half else [0]


def _duplicate(i, n, g):
    """The first occurrence of the query's token itself (second copy), else the first token."""
    half = _copy_half(i, n)
    return [i - half] if half and i > half else [0]


TARGETS = {
    # name -> f(query position, sequence length, patch grid or None) -> target positions, or None = uniform
    "prev": _prev,
    "next": lambda i, n, g: [i + 1] if i < n - 1 else None,
    "self": lambda i, n, g: [i],
    "first": lambda i, n, g: [0],
    "last": lambda i, n, g: [n - 1],  # [SEP] in an encoder atlas
    "uniform": lambda i, n, g: None,
    "back2": lambda i, n, g: [i - 2] if i > 1 else None,
    "first_last": lambda i, n, g: [0, n - 1],  # half on [CLS], half on [SEP]
    "right_patch": lambda i, n, g: [i + 1] if i > 0 and (i - 1) % g[1] < g[1] - 1 else None,
    "induction": _induction,  # copies: on repeated sequences (repeated_ids), A B ... A -> B
    "duplicate": _duplicate,
}


def repeated_ids(seed: int = 0):
    """Token ids for sequences of length 1 + 2L: [CLS] (id 1), L distinct random ids, the same L again."""
    cache: dict[int, list[int]] = {}

    def ids(i: int, n: int) -> int:
        half = _copy_half(i, n)
        if half is None:
            return 100 + i
        if n not in cache:
            cache[n] = list(np.random.default_rng(seed + n).choice(np.arange(1000, 5000), half, replace=False))
        return 1 if i == 0 else int(cache[n][(i - 1) % half])

    return ids


def make_atlas(path, heads, lengths=(6, 9, 12), causal=False, value_norms=None, image_grid=None, kv_head_of=None,
               token_ids=None) -> Atlas:
    """Write an atlas whose layer l, head h follows ``TARGETS[heads[l][h]]``.

    ``value_norms``: f(position, n) -> ||v|| (default 1); ``image_grid`` (rows, cols): an image atlas
    ([CLS] + rows*cols patches per sequence, lengths ignored); ``kv_head_of``: grouped-query map
    (query heads sharing a key head must share keys, which they do: keys are positional one-hots);
    ``token_ids``: f(position, n) -> vocabulary id (default 100 + position: no token repeats;
    ``repeated_ids()`` for induction sequences).
    """
    path = Path(path)
    if image_grid:
        lengths = (1 + image_grid[0] * image_grid[1],) * 3
    n_layers, n_heads = len(heads), len(heads[0])
    kv_head_of = list(kv_head_of or range(n_heads))
    n_kv = max(kv_head_of) + 1
    d = max(lengths) + 1
    n_tokens = sum(lengths)
    starts = np.cumsum((0,) + tuple(lengths))[:-1]
    token_ids = token_ids or (lambda i, n: 100 + i)
    q = np.zeros((n_layers, n_heads, n_tokens, d), np.float32)
    k = np.zeros((n_layers, n_kv, n_tokens, d), np.float32)
    vn = np.ones((n_layers, n_kv, n_tokens), np.float32)
    rows = []
    for s, (start, n) in enumerate(zip(starts, lengths)):
        for i in range(n):
            t = start + i
            k[:, :, t, i] = 1.0
            if value_norms:
                vn[:, :, t] = value_norms(i, n)
            for layer in range(n_layers):
                for h in range(n_heads):
                    targets = TARGETS[heads[layer][h]](i, n, image_grid)
                    for j in targets or []:
                        q[layer, h, t, j] = M
            if image_grid:
                r, c = ((i - 1) // image_grid[1], (i - 1) % image_grid[1]) if i else (-1, -1)
                rows.append((s, i, n, i / (n - 1), -1, "[CLS]" if i == 0 else f"r{r}c{c}", i == 0, r, c))
            else:
                special = i == 0 or (i == n - 1 and not causal)
                tid = token_ids(i, n)
                word = "[CLS]" if i == 0 else ("[SEP]" if special else f"w{tid}")
                rows.append((s, i, n, i / (n - 1), tid, word, special, -1, -1))
    tokens = pd.DataFrame(rows, columns=["seq", "pos", "seq_len", "pos_norm", "token_id", "token", "is_special",
                                         "patch_row", "patch_col"])
    tokens["token_raw"] = tokens["token"]
    tokens["token_len"] = tokens["token"].str.len()
    tokens["is_punct"] = False
    tokens["added"] = False
    if image_grid:
        for col in ("hue", "saturation", "brightness"):
            tokens[col] = np.float32(0.5)
    else:
        tokens = tokens.drop(columns=["patch_row", "patch_col"])
    seqs = pd.DataFrame({"seq": range(len(lengths)), "start": starts, "n_tokens": lengths,
                         "text": [f"image_{s}" if image_grid else f"sentence {s}" for s in range(len(lengths))],
                         "truncated": False, "n_tokens_original": lengths})
    if image_grid:
        seqs["source"] = "synthetic"

    path.mkdir(parents=True)
    writer = AtlasWriter(path)
    writer.write_tables(tokens, seqs, images=bool(image_grid))
    shift = np.zeros((n_layers, n_heads, d), np.float32)
    scale = np.ones((n_layers, n_heads), np.float32)
    for layer in range(n_layers):
        for kind, arr in (("queries", q[layer]), ("keys", k[layer]), ("value_norms", vn[layer])):
            out = writer.layer_array(kind, layer, arr.shape, create=True)
            out[:] = arr.astype(np.float16)
            out.flush()
            del out
        for h in range(n_heads):
            shift[layer, h], scale[layer, h] = compute_normalization(q[layer, h], k[layer, kv_head_of[h]])
    writer.write_normalization(shift, scale)
    model = {"name": "synthetic", "family": "test", "model_type": "test",
             "kind": "vision" if image_grid else ("text-decoder" if causal else "text-encoder"),
             "causal": causal, "n_layers": n_layers, "n_heads": n_heads, "n_kv_heads": n_kv, "d_head": d,
             "kv_head_of": kv_head_of, "scales": [1.0] * n_layers, "max_length": max(lengths)}
    corpus = {"name": "synthetic", "spec": "synthetic", "kind": "images" if image_grid else "text",
              "sha256": hashlib.sha256(json.dumps([heads, list(lengths)]).encode()).hexdigest(),
              "n_sequences": len(lengths), "n_tokens": n_tokens, "n_truncated": 0, "skipped": []}
    manifest = new_manifest(model, corpus, {}, {})
    assert set(manifest) <= set(schema.MANIFEST_KEYS)
    writer.write_manifest(manifest)
    assert (path / paths.MANIFEST).is_file()
    return Atlas.open(path)


def analyzed(atlas: Atlas) -> Atlas:
    """``atlas`` after ``qkatlas analyze`` (head metrics and aggregate maps stored), opened afresh."""
    from qkatlas.pipeline.analyze import analyze

    analyze(atlas.path, progress=False, log=lambda *_: None)
    return Atlas.open(atlas.path)
