"""A tiny synthetic atlas written straight in the store format (FORMAT.md), with heads whose
attention is known exactly: query i carries M * one-hot of the positions it should attend, key j
the one-hot of its own position, so softmax puts (1 - ~1e-13) on the targets, split evenly.

Analysis tests import ``make_atlas`` and ``TARGETS`` from here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from qkatlas.atlas import files, paths, schema
from qkatlas.atlas.reader import Atlas, read_manifest
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.atlas.reader import Atlas
from qkatlas.normalize import compute_normalization

M = 30.0  # logit gap: exp(-30) ~ 1e-13, exact in float16 (one-hot values 30 and 1)


def _prev(i, n, g):
    return [i - 1] if i > 0 else None


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
}


def make_atlas(path, heads, lengths=(6, 9, 12), causal=False, value_norms=None, image_grid=None, kv_head_of=None) -> Atlas:
    """Write an atlas whose layer l, head h follows ``TARGETS[heads[l][h]]``.

    ``value_norms``: f(position, n) -> ||v|| (default 1); ``image_grid`` (rows, cols): an image atlas
    ([CLS] + rows*cols patches per sequence, lengths ignored); ``kv_head_of``: grouped-query map
    (query heads sharing a key head must share keys, which they do: keys are positional one-hots).
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
                word = "[CLS]" if i == 0 else ("[SEP]" if special else f"w{i}")
                rows.append((s, i, n, i / (n - 1), 100 + i, word, special, -1, -1))
    tokens = pd.DataFrame(rows, columns=["seq", "pos", "seq_len", "pos_norm", "token_id", "token", "is_special", "patch_row", "patch_col"])
    tokens["token_raw"] = tokens["token"]
    tokens["token_len"] = tokens["token"].str.len()
    tokens["is_punct"] = False
    tokens["added"] = False
    tokens = tokens.astype({"seq": "int32", "pos": "int32", "seq_len": "int32", "pos_norm": "float32",
                            "token_len": "int16", "patch_row": "int16", "patch_col": "int16"})
    if not image_grid:
        tokens = tokens.drop(columns=["patch_row", "patch_col"])
    path.mkdir(parents=True)
    tokens.to_parquet(path / paths.TOKENS, index=False)
    seqs = pd.DataFrame({"seq": range(len(lengths)), "start": starts, "n_tokens": lengths,
                         "text": [f"image_{s}" if image_grid else f"sentence {s}" for s in range(len(lengths))],
                         "truncated": False, "n_tokens_original": lengths})
    if image_grid:
        seqs["source"] = "synthetic"
    seqs.to_parquet(path / paths.SEQUENCES, index=False)
    shift = np.zeros((n_layers, n_heads, d), np.float32)
    scale = np.ones((n_layers, n_heads), np.float32)
    for layer in range(n_layers):
        for kind, arr in (("queries", q[layer]), ("keys", k[layer]), ("value_norms", vn[layer])):
            (path / kind).mkdir(exist_ok=True)
            np.save(path / paths.layer_file(kind, layer), arr.astype(np.float16))
        for h in range(n_heads):
            shift[layer, h], scale[layer, h] = compute_normalization(q[layer, h], k[layer, kv_head_of[h]])
    np.savez(path / paths.NORMALIZATION, key_shift=shift, scale=scale)
    manifest = {
        "format": schema.FORMAT_NAME, "format_version": schema.FORMAT_VERSION, "status": "complete",
        "created": "2026-01-01T00:00:00Z",
        "model": {"name": "synthetic", "family": "test", "model_type": "test",
                  "kind": "vision" if image_grid else ("text-decoder" if causal else "text-encoder"),
                  "causal": causal, "n_layers": n_layers, "n_heads": n_heads, "n_kv_heads": n_kv, "d_head": d,
                  "kv_head_of": kv_head_of, "scales": [1.0] * n_layers, "max_length": max(lengths)},
        "corpus": {"name": "synthetic", "spec": "synthetic", "kind": "images" if image_grid else "text",
                   "sha256": hashlib.sha256(json.dumps([heads, list(lengths)]).encode()).hexdigest(),
                   "n_sequences": len(lengths), "n_tokens": n_tokens, "n_truncated": 0, "skipped": []},
        "settings": {}, "layouts": {},
    }
    files.write_json_atomic(path / paths.MANIFEST, manifest)
    return Atlas.open(path)
