"""Head analysis: per-head metrics, a taxonomy label, a head map, aggregate maps, a report.

Public API (everything takes an opened ``qkatlas.atlas.store.Atlas``; results are computed
once by ``compute_head_metrics`` and stored in the atlas as ``heads.parquet`` and
``aggregate.npz``, or computed on first use):

* ``head_metrics(atlas)`` -> DataFrame, one row per head (metrics, label, rule, map_x, map_y)
* ``similar_heads(atlas, layer, head, k=8)`` -> [(layer, head, similarity)]
* ``aggregate_attention(atlas, layer, head, weighted=False)`` -> (P, P) array
* ``patch_offset_attention(atlas, layer, head, weighted=False)`` -> images: (2R-1, 2C-1) array
* ``offset_profile(atlas, layer, head)`` -> (offsets, mean share per query)
* ``write_report(path, out=None)`` -> path of a self-contained HTML report
* ``COLORS`` / ``DESCRIPTIONS`` / ``LABELS``: the taxonomy's fixed label colours, texts, order
"""

from qkatlas.analysis.aggregate import aggregate_attention, offset_profile, patch_offset_attention
from qkatlas.analysis.metrics import METRICS, compute_head_metrics, head_metrics
from qkatlas.analysis.report import write_report
from qkatlas.analysis.similarity import similar_heads
from qkatlas.analysis.taxonomy import COLORS, DESCRIPTIONS, LABELS

__all__ = [
    "COLORS", "DESCRIPTIONS", "LABELS", "METRICS", "aggregate_attention", "compute_head_metrics",
    "head_metrics", "offset_profile", "patch_offset_attention", "similar_heads", "write_report",
]
