"""Token search: exact (ignoring case and spaces) or a pattern, with a time limit on patterns."""

from __future__ import annotations

import re
import time

import numpy as np

from qkatlas.server import wire
from qkatlas.server.errors import bad
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase, _factorize

SEARCH_COLUMNS = ("token", "token_raw")


class SearchPart(ServiceBase):
    # ---- search -----------------------------------------------------------------------------------------
    def search_message(self, snap: Snapshot, q: str, regex: bool = False, case: bool = False,
                       column: str = "token") -> bytes:
        if column not in SEARCH_COLUMNS:
            raise bad(f"column {column!r}: search 'token' or 'token_raw'")
        if len(q) > self.limits.query_chars:
            raise bad(f"parameter 'q' has {len(q)} characters; at most {self.limits.query_chars}")
        if not q.strip() and not regex:
            raise bad("parameter 'q' is empty: give a token or, with regex=true, a pattern")
        codes, uniq = snap.memo(("vocab", column), lambda: _factorize(snap.atlas.tokens[column]))
        if regex:
            hit = _regex_hits(q, case, uniq, self.limits.regex_seconds)
        else:
            want = q.strip() if case else q.strip().casefold()
            hit = np.fromiter(((s.strip() if case else s.strip().casefold()) == want for s in uniq), bool, len(uniq))
        rows = np.flatnonzero(hit[codes]).astype(np.uint32) if len(uniq) else np.zeros(0, np.uint32)
        self.limits.check(4 * len(rows), f"{len(rows)} matching tokens", "search a narrower token or pattern")
        n_seq = int(len(np.unique(np.searchsorted(snap.starts, rows, side="right")))) if len(rows) else 0
        meta = {"q": q, "regex": regex, "case": case, "n_tokens": int(len(rows)), "n_sequences": n_seq,
                "n_distinct": int(hit.sum())}
        return wire.pack({"rows": rows}, meta)



def _regex_hits(pattern: str, case: bool, uniq: list[str], seconds: float) -> np.ndarray:
    """Which distinct tokens match ``pattern``; 400 for a bad or too slow pattern."""
    try:
        import regex as engine  # timeouts: a pathological pattern cannot hold a worker

        flags = engine.V0 | (0 if case else engine.IGNORECASE)
    except ImportError:  # pragma: no cover - regex comes with transformers
        engine, flags = re, 0 if case else re.IGNORECASE
    try:
        pat = engine.compile(pattern, flags)
    except (re.error, getattr(engine, "error", re.error), ValueError, OverflowError, RecursionError) as err:
        raise bad(f"bad pattern {pattern[:80]!r}: {err}") from None
    deadline = time.monotonic() + seconds
    hits = np.zeros(len(uniq), bool)
    try:
        for i, s in enumerate(uniq):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            hits[i] = (pat.search(s, timeout=left) if engine is not re else pat.search(s)) is not None
    except TimeoutError:
        raise bad(f"pattern {pattern[:80]!r} takes too long (over {seconds:g} s); simplify it") from None
    return hits
