"""Stored analysis, read and never computed: head table, similar heads, aggregate maps, fidelity."""

from __future__ import annotations

import numpy as np

from qkatlas.atlas import paths
from qkatlas.server import wire
from qkatlas.server.errors import bad
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase, _stats, columns, dumps


class AnalysisPart(ServiceBase):
    # ---- stored head analysis (qkatlas analyze) ---------------------------------------------------------
    def heads_json(self, snap: Snapshot) -> bytes:
        a = snap.atlas

        def make() -> bytes:
            df = a.head_metrics()  # StaleResultError (404 naming `qkatlas analyze`) when missing or stale
            out = columns(df)
            skip = {"layer", "head", "map_x", "map_y"}
            out["metrics"] = [str(c) for c in df.columns if str(c) not in skip and df[c].dtype.kind in "iuf"]
            out["labels"] = sorted(map(str, df["label"].dropna().unique())) if "label" in df.columns else []
            out["has_map"] = "map_x" in df.columns and "map_y" in df.columns
            return dumps(out)

        body = self._cached(snap, ("heads", _stats(a.path, paths.HEAD_METRICS, paths.FIDELITY, paths.AGGREGATE)), make)
        self.limits.check(len(body), "the head table", "this atlas has too many heads to list at once")
        return body

    def similar(self, snap: Snapshot, layer: int, head: int, k: int = 8) -> dict:
        from qkatlas.analysis.similarity import similar_heads

        self.one_head(snap, layer, head)
        if not 1 <= k <= self.limits.similar_k:
            raise bad(f"k {k}: must be between 1 and {self.limits.similar_k}")
        rows = similar_heads(snap.atlas, layer, head, k)
        return {"layer": layer, "head": head,
                "heads": [{"layer": l, "head": h, "score": round(s, 6) if np.isfinite(s) else None} for l, h, s in rows]}

    def aggregate_message(self, snap: Snapshot, layer: int, head: int, weighted: bool = False) -> bytes:
        self.one_head(snap, layer, head)

        def make() -> bytes:
            maps = snap.atlas.aggregate()  # StaleResultError when missing or stale
            p = np.ascontiguousarray(maps["attn_value_weighted" if weighted else "attn"][layer, head], np.float32)
            return wire.pack({"attention": p}, {"layer": layer, "head": head, "weighted": weighted, "positions": int(p.shape[0])})

        return self._cached(snap, ("aggregate", layer, head, weighted, _stats(snap.atlas.path, paths.AGGREGATE)), make)

    def fidelity_json(self, snap: Snapshot, layer: int | None = None) -> bytes:
        a = snap.atlas
        if layer is not None:
            self.heads(snap, layer, None)

        def make() -> bytes:
            df = a.fidelity()
            if layer is not None:
                df = df[df["layer"] == layer]
            return dumps(columns(df))

        body = self._cached(snap, ("fidelity", layer, _stats(a.path, paths.FIDELITY)), make)
        self.limits.check(len(body), "the fidelity table", "ask per layer (layer=...)")
        return body

