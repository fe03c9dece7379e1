"""A synthetic atlas with many heads for the explorer's scale tests and benchmark, written in seconds
without running a model: random float16 queries and keys, and a PCA-like 2-D layout per head (an
anisotropic Gaussian cloud with the queries and keys offset from each other), through the atlas
format's own writer (``qkatlas.atlas.writer``), like ``tests/support/synth.py``.

    write_wide_atlas(path)   # 32 layers x 32 heads = 1,024 heads over 10,240 tokens

The q/k are small (d_head 4, grouped-query with 8 key heads) so that the atlas stays ~150 MB; the
explorer's matrix reads only the layouts and the token table.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from qkatlas.atlas import paths
from qkatlas.atlas.writer import AtlasWriter, new_manifest

WORDS = ["the", "of", "and", "in", "a", "to", "was", "is", "for", "as", "on", "by", "with", "he", ",", ".",
         "city", "river", "war", "king", "music", "film", "first", "new", "state", "world"]


def write_wide_atlas(path: Path, n_layers: int = 32, n_heads: int = 32, n_tokens: int = 10_240,
                     seq_len: int = 32, d_head: int = 4, n_kv_heads: int = 8, seed: int = 0) -> Path:
    """Write the atlas at ``path`` (must not exist); returns it."""
    path = Path(path)
    rng = np.random.default_rng(seed)
    n_seq = n_tokens // seq_len
    n = n_seq * seq_len
    seq = np.repeat(np.arange(n_seq), seq_len)
    pos = np.tile(np.arange(seq_len), n_seq)
    words = np.array(WORDS)[rng.integers(0, len(WORDS), n)]
    words[pos == 0], words[pos == seq_len - 1] = "[CLS]", "[SEP]"
    tokens = pd.DataFrame({
        "seq": seq, "pos": pos, "seq_len": seq_len, "pos_norm": pos / (seq_len - 1),
        "token_id": rng.integers(1000, 30000, n), "token": words, "is_special": (pos == 0) | (pos == seq_len - 1),
    })
    tokens["token_raw"] = tokens["token"]
    tokens["token_len"] = tokens["token"].str.len()
    tokens["is_punct"] = tokens["token"].isin([",", "."])
    tokens["added"] = False
    seqs = pd.DataFrame({"seq": range(n_seq), "start": np.arange(n_seq) * seq_len, "n_tokens": seq_len,
                         "text": [f"synthetic sentence {s}" for s in range(n_seq)], "truncated": False,
                         "n_tokens_original": seq_len})
    path.mkdir(parents=True)
    writer = AtlasWriter(path)
    writer.write_tables(tokens, seqs, images=False)
    kv_head_of = [h * n_kv_heads // n_heads for h in range(n_heads)]
    for layer in range(n_layers):
        for kind, shape in (("queries", (n_heads, n, d_head)), ("keys", (n_kv_heads, n, d_head)), ("value_norms", (n_kv_heads, n))):
            out = writer.layer_array(kind, layer, shape, create=True)
            out[:] = rng.standard_normal(shape, dtype=np.float32).astype(np.float16) if kind != "value_norms" else 1.0
            out.flush()
            del out
    writer.write_normalization(np.zeros((n_layers, n_heads, d_head), np.float32), np.ones((n_layers, n_heads), np.float32))
    for layer in range(n_layers):
        for head in range(n_heads):
            writer.write_layout("pca", 2, layer, head, _pca_like(rng, n))
    model = {"name": f"synthetic-{n_layers}x{n_heads}", "family": "test", "model_type": "test", "kind": "text-encoder",
             "causal": False, "n_layers": n_layers, "n_heads": n_heads, "n_kv_heads": n_kv_heads, "d_head": d_head,
             "kv_head_of": kv_head_of, "scales": [1.0] * n_layers, "max_length": seq_len}
    corpus = {"name": "synthetic", "spec": "synthetic", "kind": "text",
              "sha256": hashlib.sha256(json.dumps([n_layers, n_heads, n, seed]).encode()).hexdigest(),
              "n_sequences": n_seq, "n_tokens": n, "n_truncated": 0, "skipped": []}
    manifest = new_manifest(model, corpus, {}, {})
    manifest["layouts"] = {"pca-2d": {"method": "pca", "dim": 2, "complete": True, "params": {"synthetic": True},
                                      "seconds": 0.0, "files": paths.layout_pattern("pca", 2)}}
    writer.write_manifest(manifest)
    return path


def _pca_like(rng: np.random.Generator, n: int) -> np.ndarray:
    """(2n, 2): queries then keys, a rotated anisotropic cloud each, the keys shifted from the queries."""
    angle = rng.uniform(0, np.pi)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    scale = np.array([1.0, rng.uniform(0.2, 0.8)])
    q = (rng.standard_normal((n, 2)) * scale) @ rot.T
    k = (rng.standard_normal((n, 2)) * scale * 0.8) @ rot.T + rng.uniform(-1.5, 1.5, 2)
    return np.concatenate([q, k]).astype(np.float16)


if __name__ == "__main__":
    import sys
    import time

    t0 = time.perf_counter()
    out = write_wide_atlas(Path(sys.argv[1]))
    print(f"wrote {out} in {time.perf_counter() - t0:.1f} s")
