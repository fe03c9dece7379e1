"""``compare``: heads of two atlases of the same corpus matched one to one, written to a folder.

The computation is ``qkatlas.analysis.compare`` (pure); this stage reads each atlas's head
analysis (the stored one when current; else computed in memory, nothing is written into the
atlases), runs it and writes a small result folder:

    <out>/summary.json        what was compared, mean similarity, label agreement, layer map
    <out>/matches.parquet     one row per matched pair: layer_a, head_a, layer_b, head_b, similarity,
                              attention_similarity, metric_similarity, label_a, label_b (best first)
    <out>/similarity.npy      float32 (heads of A, heads of B), row = layer_a * n_heads_a + head_a
    <out>/metric_similarity.npy, <out>/attention_similarity.npy   the two parts (the latter only
                              when sequences with the same tokens were shared)
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from qkatlas.atlas import files
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError


def _analysis(atlas: Atlas, log):
    if atlas.analysis_current:
        return atlas.head_metrics(), dict(atlas.aggregate())
    from qkatlas.analysis.metrics import compute

    log(f"{atlas.path}: head analysis missing or out of date; computing it in memory "
        f"(run `qkatlas analyze {atlas.path}` to store it)")
    return compute(atlas)


def compare_in_memory(atlas_a: Atlas, atlas_b: Atlas, *, attention_weight: float = 0.5, max_sequences: int = 64,
                      seed: int = 0, log=print):
    """The ``Comparison`` of two open atlases, nothing written (what ``compare`` writes; the
    explorer's ``/api/compare`` answers it from memory)."""
    from qkatlas.analysis.compare import compare_atlases

    heads_a, maps_a = _analysis(atlas_a, log)
    heads_b, maps_b = _analysis(atlas_b, log)
    return compare_atlases(atlas_a, atlas_b, heads_a, maps_a, heads_b, maps_b, attention_weight=attention_weight,
                           max_sequences=max_sequences, seed=seed)


def compare(a, b, out, *, attention_weight: float = 0.5, max_sequences: int = 64, seed: int = 0, log=print):
    """Compare the heads of the atlases at ``a`` and ``b``; write the result folder ``out``.

    Returns the ``qkatlas.analysis.compare.Comparison``.
    """
    from qkatlas.analysis.compare import summary_text

    if not 0 <= attention_weight <= 1:
        raise InputError(f"--attention-weight {attention_weight}: give a number from 0 to 1")
    if max_sequences < 1:
        raise InputError(f"--sequences {max_sequences}: give at least 1")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: is a file; give a folder for the comparison's files")
    result = compare_in_memory(Atlas.open(a), Atlas.open(b), attention_weight=attention_weight,
                               max_sequences=max_sequences, seed=seed, log=log)
    out.mkdir(parents=True, exist_ok=True)
    files.save_npy_atomic(out / "similarity.npy", result.similarity.astype(np.float32))
    files.save_npy_atomic(out / "metric_similarity.npy", result.metric_similarity.astype(np.float32))
    if result.attention_similarity is not None:
        files.save_npy_atomic(out / "attention_similarity.npy", result.attention_similarity.astype(np.float32))
    else:
        (out / "attention_similarity.npy").unlink(missing_ok=True)
    files.write_parquet_atomic(out / "matches.parquet", result.matches)
    files.write_json_atomic(out / "summary.json", json.loads(json.dumps(result.summary)))
    log(summary_text(result))
    log(f"comparison written to {out}")
    return result
