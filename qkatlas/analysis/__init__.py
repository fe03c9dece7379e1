"""Head analysis: pure computation over an atlas (nothing here writes files).

* ``metrics.compute(atlas)`` -> (heads DataFrame: metrics, label, rule, head map; aggregate arrays),
  from one streaming pass (``streaming``) feeding ``metrics.MetricSums`` and ``aggregate.AggregateSums``;
* ``taxonomy``: one explainable label per head; ``similarity``: behaviour vectors, head map,
  similar heads; ``aggregate``: corpus-average attention maps and read helpers;
* ``bilinear``: why a head attends (components of its bilinear form, ``components`` /
  ``contributions``); ``sequences``: the sequences where a head's pattern is strongest
  (``top_sequences``), value-weighted attention of a sequence;
* ``compare``: heads of two atlases of the same corpus matched to each other;
* ``report``: the HTML report.

Results are stored by ``qkatlas.pipeline.analyze`` (``qkatlas analyze ATLAS``) through the atlas
writer and read back with ``Atlas.head_metrics()`` / ``Atlas.aggregate()``, which refuse a stale
result instead of recomputing inside a read.
"""

from qkatlas.analysis.aggregate import aggregate_attention, offset_profile, patch_offset_attention
from qkatlas.analysis.bilinear import components, contributions
from qkatlas.analysis.metrics import METRICS, head_metrics
from qkatlas.analysis.sequences import top_sequences, value_weighted_attention
from qkatlas.analysis.similarity import similar_heads
from qkatlas.analysis.taxonomy import COLORS, DESCRIPTIONS, LABELS

__all__ = [
    "COLORS", "DESCRIPTIONS", "LABELS", "METRICS", "aggregate_attention", "components", "contributions",
    "head_metrics", "offset_profile", "patch_offset_attention", "similar_heads", "top_sequences",
    "value_weighted_attention",
]
