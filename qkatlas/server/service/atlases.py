"""Summaries of atlases, their info (layouts with progress, columns, limits) and one head's panel."""

from __future__ import annotations

import numpy as np

from qkatlas.atlas import paths
from qkatlas.atlas.paths import layout_name
from qkatlas.layout.order import sort_key
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import KNOWN_COLUMNS, ServiceBase, _heads_done, public


class AtlasesPart(ServiceBase):
    # ---- identity and summary ---------------------------------------------------------------
    @staticmethod
    def layouts(snap: Snapshot) -> list[dict]:
        """Complete layouts, 2-D first, methods in the registry's order (``layout.methods.sort_key``)."""
        ordered = sorted(snap.atlas.layouts, key=lambda md: (md[1], sort_key(md[0])))
        return [{"name": layout_name(m, d), "method": m, "dim": d} for m, d in ordered]

    def summary(self, snap: Snapshot, status: str = "ready") -> dict:
        a = snap.atlas
        m = a.model
        return {
            "id": snap.id,
            "name": public(m.get("name", snap.id)),
            "status": status,
            "model": public({k: v for k, v in m.items() if k not in ("scales",)}),
            "corpus": public({k: v for k, v in a.corpus.items() if k not in ("skipped",)}),
            "kind": m.get("kind", "text-encoder"),
            "image": a.is_image,
            "causal": a.causal,
            "n_layers": a.n_layers,
            "n_heads": a.n_heads,
            "n_kv_heads": a.n_kv_heads,
            "n_tokens": a.n_tokens,
            "n_sequences": snap.n_sequences,
            "layouts": self.layouts(snap),
        }

    @staticmethod
    def layout_progress(snap: Snapshot) -> list[dict]:
        """Every layout the manifest names, complete or not, with how many heads are done."""
        a = snap.atlas
        total = a.n_layers * a.n_heads
        out = []
        for entry in a.manifest.get("layouts", {}).values():
            try:
                method, dim = str(entry["method"]), int(entry["dim"])
            except (KeyError, TypeError, ValueError):
                continue
            complete = bool(entry.get("complete"))
            done = total if complete else _heads_done(snap, method, dim)
            out.append({"name": layout_name(method, dim), "method": method, "dim": dim, "complete": complete,
                        "heads_done": done, "heads_total": total})
        return sorted(out, key=lambda x: (x["dim"], sort_key(x["method"])))

    def info(self, snap: Snapshot) -> dict:
        a = snap.atlas
        out = self.summary(snap)
        tok = a.tokens
        out["token_columns"] = list(map(str, tok.columns))
        out["metadata_columns"] = [str(c) for c in tok.columns if c not in KNOWN_COLUMNS and tok[c].dtype.kind in "iufb"]
        out["thumbnails"] = self.thumbnails_spec(snap)
        out["images"] = a.is_image and (a.path / paths.IMAGES).is_dir()
        out["scales"] = a.model.get("scales")
        out["extra_terms"] = a.contract.has_extra_terms
        out["layout_progress"] = self.layout_progress(snap)
        out["analysis"] = a.analysis_current
        out["limits"] = {"response_bytes": self.limits.response_bytes, "attention_cells": self.limits.attention_cells}
        return out

    # ---- head panel -----------------------------------------------------------------------------------------
    def head_info(self, snap: Snapshot, layer: int, head: int) -> dict:
        """One head: its attention terms (and those beyond q . k in words), label and metrics if analysed."""
        a = snap.atlas
        self.one_head(snap, layer, head)
        t = a.terms(layer, head)
        out: dict = {
            "layer": layer, "head": head, "kv_head": a.kv_head(head),
            "terms": {"scale": t.scale, "causal": t.causal, "window": t.window, "softcap": t.softcap,
                      "alibi_slope": t.alibi_slope},
            "beyond_qk": list(t.beyond_qk),
            "label": None, "rule": None, "metrics": None, "fidelity": {}, "geometry": {}, "analysis_error": None,
        }
        fid = a.fidelity()
        if len(fid):
            rows = fid[(fid["layer"] == layer) & (fid["head"] == head)]
            out["fidelity"] = {str(r.layout): (None if not np.isfinite(r.fidelity) else round(float(r.fidelity), 6))
                               for r in rows.itertuples()}
            out["geometry"] = {str(r.layout): round(float(r.geometry), 6) for r in rows.itertuples() if np.isfinite(r.geometry)}
        from qkatlas.errors import StaleResultError

        try:
            df = a.head_metrics()
        except StaleResultError as e:
            out["analysis_error"] = str(e).replace(str(a.path), a.path.name)
            return out
        row = df[(df["layer"] == layer) & (df["head"] == head)]
        if len(row):
            r = row.iloc[0]
            out["label"] = None if "label" not in row or r.get("label") is None else str(r["label"])
            out["rule"] = None if "rule" not in row or r.get("rule") is None else str(r["rule"])
            out["metrics"] = {str(c): (None if not np.isfinite(float(r[c])) else round(float(r[c]), 6))
                              for c in df.columns if c not in ("layer", "head") and df[c].dtype.kind in "iuf"}
        return out

