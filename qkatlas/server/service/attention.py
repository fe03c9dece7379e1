"""Attention of a sequence or of one token, through the attention contract (one row per click)."""

from __future__ import annotations

import numpy as np

from qkatlas.server import wire
from qkatlas.server.errors import bad, too_large
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase

ATTENTION_CHUNK = 256  # queries per block when a key's column is computed


class AttentionPart(ServiceBase):
    # ---- attention --------------------------------------------------------------------------------------
    def attention_message(self, snap: Snapshot, layer: int, head: int, seq: int | None = None,
                          token: int | None = None, role: str = "query", weighting: str = "plain") -> bytes:
        """A sequence's attention (n x n), or one token's: its query row or its key column (n).
        ``weighting="value"``: value-weighted attention p_ij ||v_j|| / sum_k p_ik ||v_k||."""
        a = snap.atlas
        self.one_head(snap, layer, head)
        if role not in ("query", "key"):
            raise bad(f"role {role!r}: choose query or key")
        if weighting not in ("plain", "value"):
            raise bad(f"weighting {weighting!r}: choose plain or value")
        pos = None
        if token is not None:
            s, pos = self.token(snap, token)
            if seq is not None and seq != s:
                raise bad(f"token {token} is in sequence {s}, not {seq}")
            seq = s
        if seq is None:
            raise bad("give 'seq' (a sequence) or 'token' (a token row)")
        self.seq(snap, seq)
        n = int(snap.lengths[seq])
        meta: dict = {"layer": layer, "head": head, "seq": seq, "start": int(snap.starts[seq]), "n": n}
        if weighting == "value":  # needs the whole sequence's rows (each row is renormalised)
            full = self.value_weighted(snap, layer, head, seq)  # type: ignore[attr-defined]  # UnderstandPart
            arr = full if pos is None else full[pos] if role == "query" else full[:, pos]
            meta["role"] = None if pos is None else role
            if pos is not None:
                meta[role] = pos
            meta["weighting"] = "value"
            return wire.pack({"attention": np.ascontiguousarray(arr, np.float32)}, meta)
        if pos is None:
            if n * n > self.limits.attention_cells:
                raise too_large(f"the attention of sequence {seq} is {n} x {n} = {n * n:,} weights, over this server's "
                                f"limit of {self.limits.attention_cells:,}; ask for one token's row (token=ROW) or "
                                "column (token=ROW&role=key) instead")
            arr = a.attention(layer, head, seq)
            meta["role"] = None
        elif role == "query":
            arr = a.attention(layer, head, seq, query=pos)
            meta["query"], meta["role"] = pos, "query"
        else:
            arr = self._key_column(snap, layer, head, seq, pos)
            meta["key"], meta["role"] = pos, "key"
        return wire.pack({"attention": np.ascontiguousarray(arr, np.float32)}, meta)

    @staticmethod
    def _key_column(snap: Snapshot, layer: int, head: int, seq: int, pos: int) -> np.ndarray:
        """Attention every query of the sequence gives the key at ``pos`` (n,), in blocks of queries."""
        a = snap.atlas
        terms = a.terms(layer, head)
        rows = a.sequence_rows(seq)
        k = a.keys(layer, head, rows)
        n = rows.stop - rows.start
        out = np.empty(n, np.float32)
        for i in range(0, n, ATTENTION_CHUNK):
            j = min(n, i + ATTENTION_CHUNK)
            q = a.queries(layer, head, slice(rows.start + i, rows.start + j))
            out[i:j] = terms.probabilities(q, k, np.arange(i, j))[:, pos]
        return out

