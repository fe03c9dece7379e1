"""Two served atlases compared: their heads matched one to one (``GET /api/compare``).

The computation is ``qkatlas.pipeline.compare.compare_in_memory`` (what ``qkatlas compare A B``
writes, here kept in memory): the stored head analysis of each atlas when current, else computed
in memory (nothing is written). It is the one answer of the service that computes more than a
read, so it is cached per pair of atlas versions (snapshot generations and the analysis files'
stamps): the explorer's compare view asks once and every later request is a cache hit.

Why it is bounded: the matches table has one row per head of the smaller atlas (the assignment is
one to one) and the similarity matrices are not sent; the body is still checked against the
response limit like every table.
"""

from __future__ import annotations

import math
import threading

from qkatlas.atlas import paths
from qkatlas.server.errors import bad
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase, _stats, columns, dumps, public

MATCH_COLUMNS = ("layer_a", "head_a", "layer_b", "head_b", "similarity", "attention_similarity",
                 "metric_similarity", "label_a", "label_b")
_locks: dict[tuple, threading.Lock] = {}
_locks_guard = threading.Lock()


class ComparePart(ServiceBase):
    def compare_json(self, snap_a: Snapshot, snap_b: Snapshot) -> bytes:
        """``{a, b, summary, matches}`` of two atlases (JSON bytes, cached per pair of versions)."""
        if snap_a.id == snap_b.id:
            raise bad(f"compare: a and b are both {snap_a.id!r}; give two different atlases (see /api/atlases)")
        stamp = tuple(_stats(s.atlas.path, paths.HEAD_METRICS, paths.AGGREGATE) for s in (snap_a, snap_b))
        key = ("compare", snap_a.id, snap_a.generation, snap_b.id, snap_b.generation, stamp)
        hit = self.cache.get(key)
        if hit is None:
            with _locks_guard:  # one computation per pair at a time: a second request waits for the first
                lock = _locks.setdefault(key[:5], threading.Lock())
            with lock:
                hit = self.cache.get_or_make(key, lambda: _compare(snap_a, snap_b))
        self.limits.check(len(hit), "the comparison", "compare smaller atlases (fewer heads)")
        return hit


def _compare(snap_a: Snapshot, snap_b: Snapshot) -> bytes:
    from qkatlas.pipeline.compare import compare_in_memory

    result = compare_in_memory(snap_a.atlas, snap_b.atlas, log=lambda *_: None)
    table = result.matches
    table = table[[c for c in MATCH_COLUMNS if c in table.columns]]
    summary = _finite(public(result.summary))
    summary["a"]["id"], summary["b"]["id"] = snap_a.id, snap_b.id
    summary["layer_map"] = {str(k): v for k, v in summary["layer_map"].items()}
    return dumps({"a": snap_a.id, "b": snap_b.id, "summary": summary, "matches": columns(table)})


def _finite(value):
    """``value`` with NaN/inf floats as None (JSON has no NaN; e.g. no label agreement to measure)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
