"""What an export or a figure takes from an atlas: which heads (``--heads L2H5,L4H*``), which
layouts (``--layouts``) and which tokens (``--sample N``).

Why ``--sample`` keeps the first whole sequences rather than a random draw: a token's row is its
identity in the explorer's URL (``#token=ROW``) and in every per-head array; keeping a prefix of
whole sequences keeps every kept row's number, so a link from the served explorer opens the same
token in the export, and every kept query still has all the keys of its sequence (the demo
corpora are already seeded random samples of their source).
"""

from __future__ import annotations

import re

import numpy as np

from qkatlas.atlas.paths import layout_name
from qkatlas.errors import InputError

_HEAD = re.compile(r"^L(\d+|\*)H(\d+|\*)$", re.IGNORECASE)
HEADS_HELP = "heads as L{layer}H{head}, comma-separated; * for all, e.g. L2H5,L4H* (default: every head)"


def parse_heads(spec: str | None, n_layers: int, n_heads: int) -> list[tuple[int, int]]:
    """``"L2H5,L4H*"`` -> [(2, 5), (4, 0), ..., (4, n_heads - 1)], sorted, no repeats; None/"" = all."""
    every = [(l, h) for l in range(n_layers) for h in range(n_heads)]
    if spec is None or not str(spec).strip():
        return every
    chosen: set[tuple[int, int]] = set()
    for part in (p.strip() for p in str(spec).split(",")):
        if not part:
            continue
        m = _HEAD.match(part)
        if not m:
            raise InputError(f"--heads {spec!r}: {part!r} is not a head; write L{{layer}}H{{head}} (0-based), "
                             "* for all, comma-separated, e.g. L2H5,L4H*")
        layers = range(n_layers) if m[1] == "*" else [int(m[1])]
        heads = range(n_heads) if m[2] == "*" else [int(m[2])]
        for l in layers:
            for h in heads:
                if not (0 <= l < n_layers and 0 <= h < n_heads):
                    raise InputError(f"--heads {spec!r}: {part} is out of range; this atlas has layers 0..{n_layers - 1} "
                                     f"and heads 0..{n_heads - 1}")
                chosen.add((l, h))
    if not chosen:
        raise InputError(f"--heads {spec!r}: names no head; e.g. L2H5,L4H*")
    return sorted(chosen)


def parse_layouts(spec: str | None, available: list[tuple[str, int]]) -> list[str]:
    """Layout names (``pca-2d,tsne-2d``) among the atlas's complete ones; None/"" = all of them.

    A bare method (``tsne``) means all its dimensions.
    """
    have = [layout_name(m, d) for m, d in available]
    if spec is None or not str(spec).strip():
        return have
    out: list[str] = []
    for part in (p.strip().lower() for p in str(spec).split(",") if p.strip()):
        names = [part] if part in have else [n for n in have if n.rsplit("-", 1)[0] == part]
        if not names:
            raise InputError(f"--layouts {spec!r}: the atlas has no complete layout {part!r} "
                             f"(have: {', '.join(have) or 'none'}; add one with `qkatlas layout`)")
        out.extend(n for n in names if n not in out)
    return out


def token_prefix(lengths: np.ndarray, sample: int | None) -> tuple[int, int]:
    """(sequences, tokens) kept by ``--sample N``: the first whole sequences with at most N tokens
    (at least one sequence). ``None`` keeps everything."""
    lengths = np.asarray(lengths, np.int64)
    total = int(lengths.sum())
    if sample is None or sample >= total:
        return len(lengths), total
    if sample < 1:
        raise InputError(f"--sample {sample}: give a positive number of tokens")
    ends = np.cumsum(lengths)
    n_seq = max(1, int(np.searchsorted(ends, sample, side="right")))
    return n_seq, int(ends[n_seq - 1])
