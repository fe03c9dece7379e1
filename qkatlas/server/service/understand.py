"""Why a head attends: its components' shares, what each adds to one logit, each point's
coordinate on a component, its top sequences, value norms and value-weighted attention.

Shares and top sequences are read from the stored analysis (``qkatlas analyze``; 404 naming it
when missing or stale). Contributions and component coordinates are recomputed from the stored
vectors (``qkatlas.analysis.bilinear``: one pass over the head, cached per atlas version), because
an atlas stores no component directions; the same deterministic computation wrote the shares.
"""

from __future__ import annotations

import numpy as np

from qkatlas.atlas import paths
from qkatlas.server import wire
from qkatlas.server.errors import bad, too_large
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase, _stats, clean

TEXT_CHARS = 160  # a top sequence's text, truncated: the list is a pointer, the sequence view shows it all


def _floats(values) -> list:
    """float32 values as JSON numbers with 7 significant digits (small shares keep their precision;
    ``clean`` rounds to 6 decimals), NaN -> None."""
    return [float(f"{v:.7g}") if np.isfinite(v) else None for v in np.asarray(values, np.float64)]


class UnderstandPart(ServiceBase):
    def components_json(self, snap: Snapshot, layer: int, head: int) -> dict:
        self.one_head(snap, layer, head)
        df = snap.atlas.head_components(layer, head)  # StaleResultError (404 naming `qkatlas analyze`)
        return {"layer": layer, "head": head, "source": "vectors", "shares": _floats(df["share"]),
                "sigma": _floats(df["sigma"]), "explained": _floats(df["explained"])}

    def contributions_json(self, snap: Snapshot, layer: int, head: int, query: int, key: int, k: int | None = None) -> dict:
        """The top ``k`` components' parts of the logit of (query row, key row); ``rest`` is the
        remainder (the other components, the sequence's mean key, soft-cap, ALiBi), so that the
        parts add up to the logit exactly."""
        from qkatlas.analysis.bilinear import STORED_R, contributions

        self.one_head(snap, layer, head)
        (qs, _), (ks, _) = self.token(snap, query), self.token(snap, key)
        if qs != ks:
            raise bad(f"query row {query} (sequence {qs}) and key row {key} (sequence {ks}) are in different "
                      "sequences; attention stays within a sequence")
        c = contributions(snap.atlas, layer, head, query, key)
        kept = np.asarray(c["components"][: min(k or STORED_R, STORED_R)], np.float64)
        return {"layer": layer, "head": head, "query": query, "key": key, "seq": c["seq"], "query_pos": c["query_pos"],
                "key_pos": c["key_pos"], "logit": c["logit"], "contributions": [float(v) for v in kept],
                "rest": float(c["logit"] - kept.sum()), "sequence_offset": float(c["sequence_offset"]),
                "probability": float(c["probability"]), "masked": bool(c["masked"])}

    def component_scores_message(self, snap: Snapshot, layer: int, head: int, component: int, sample: int | None) -> bytes:
        from qkatlas.analysis.bilinear import component_coordinates

        self.one_head(snap, layer, head)
        d = snap.atlas.d_head
        if not 0 <= component < d:
            raise bad(f"component {component} out of range: heads of atlas {snap.id!r} have components 0..{d - 1}")
        rows = self.sample_rows(snap, sample)
        n = snap.atlas.n_tokens
        m = n if rows is None else len(rows)
        self.limits.check(4 * 2 * m, f"component scores of {2 * m} points", "ask with a sample of tokens (sample=N)")

        def make() -> bytes:
            v = component_coordinates(snap.atlas, layer, head, component)
            if rows is not None:
                v = np.concatenate([v[rows], v[n + rows.astype(np.int64)]])
            top = float(np.abs(v).max()) if v.size else 0.0
            meta = {"layer": layer, "head": head, "component": component, "n_per_role": m,
                    "sample": None if rows is None else m, "max_abs": top}
            return wire.pack({"scores": np.ascontiguousarray(v, np.float32)}, meta)

        return self._cached(snap, ("component-scores", layer, head, component, m), make)

    def top_sequences_json(self, snap: Snapshot, layer: int, head: int) -> dict:
        from qkatlas.analysis.sequences import LABEL_METRIC

        self.one_head(snap, layer, head)
        a = snap.atlas
        df = a.head_sequences(layer, head)  # StaleResultError (404 naming `qkatlas analyze`)
        if len(df):
            label = str(df["label"].iloc[0])
        else:
            h = a.head_metrics()
            label = str(h.loc[(h["layer"] == layer) & (h["head"] == head), "label"].iloc[0])
        texts = a.sequences["text"].to_numpy()
        rows = []
        for r in df.itertuples(index=False):
            text = str(texts[int(r.seq)])
            rows.append({"rank": int(r.rank), "seq": int(r.seq), "score": clean([r.score])[0],
                         "text": text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "\u2026"})
        metric = {"positional": "max(local, offset_mode_share)", "content": "top1 - max(first_token, special)"}.get(
            label, LABEL_METRIC.get(label, "top1"))
        return {"layer": layer, "head": head, "label": label, "metric": metric, "rows": rows}

    def value_norms_message(self, snap: Snapshot, layer: int, head: int, sample: int | None) -> bytes:
        """||v|| of each token in the value head ``head`` reads, for its query and its key point
        (uint8 of the head's max, the /norms message's shape: one head, queries then keys)."""
        self.one_head(snap, layer, head)
        rows = self.sample_rows(snap, sample)
        m = snap.atlas.n_tokens if rows is None else len(rows)

        def make() -> bytes:
            v = snap.atlas.value_norms(layer, head)
            if rows is not None:
                v = v[rows]
            top = float(v.max()) if v.size and v.max() > 0 else 1.0
            q = np.clip(np.rint(v / top * 255), 0, 255).astype(np.uint8)
            return wire.pack({"norms": np.concatenate([q, q])[None], "max": np.array([top], np.float32)},
                             {"heads": [(layer, head)], "n_per_role": m, "quant": "uint8 of max"})

        return self._cached(snap, ("value-norms", layer, head, m, _stats(snap.atlas.path, paths.layer_file("value_norms", layer))), make)

    def value_weighted(self, snap: Snapshot, layer: int, head: int, seq: int) -> np.ndarray:
        """(n, n) value-weighted attention of a sequence, within the attention size limit."""
        from qkatlas.analysis.sequences import value_weighted_attention

        n = int(snap.lengths[seq])
        if n * n > self.limits.attention_cells:
            raise too_large(f"value-weighted attention of sequence {seq} is {n} x {n} = {n * n:,} weights, over this "
                            f"server's limit of {self.limits.attention_cells:,}; it needs the whole sequence")
        return value_weighted_attention(snap.atlas, layer, head, seq)
