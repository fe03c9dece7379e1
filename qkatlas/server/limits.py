"""Size limits of the API: every answer is bounded, and a request over a limit gets a 413 that says
how to ask for less (one layer, one head, a sample, a range of rows).

The numbers are per response; the defaults fit a 72-head x 10k-token atlas's whole matrix and
refuse a 1,024-head one, whose matrix the explorer loads per layer anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from qkatlas.server.errors import too_large

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    response_bytes: int = 64 * MiB  # layouts, norms, tokens, search, sample, tables (JSON and binary)
    attention_cells: int = 4 << 20  # a whole sequence's attention matrix (float32: 16 MiB)
    similar_k: int = 1000  # most similar heads per request
    cache_bytes: int = 256 * MiB  # encoded responses kept in memory, in all
    cache_item_bytes: int = 64 * MiB  # a response above this is never cached
    regex_seconds: float = 1.0  # a search pattern that runs longer is refused (400)
    query_chars: int = 1000  # search text / pattern length

    def check(self, nbytes: int, what: str, hint: str) -> None:
        """413 when ``nbytes`` is over the response limit; ``hint`` says how to ask for less."""
        if nbytes > self.response_bytes:
            raise too_large(
                f"{what} would be {_size(nbytes)}, over this server's limit of {_size(self.response_bytes)} "
                f"per response; {hint}"
            )


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} B"
