"""An atlas seen through its first whole sequences (``--sample``), for the server's encoders.

Why a view and not new encoders: the export writes exactly what the explorer's API answers (the
same QKB1 messages and JSON, made by ``qkatlas.server.service``), so the front end decodes one
format. The service reads an ``Atlas``; ``AtlasPrefix`` answers the same reads for rows
``0 .. n_tokens - 1`` only (every kept row keeps its number, see ``share.select``) and passes
everything else (model, contract, layouts, stored analysis) to the atlas.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from qkatlas.atlas.reader import Atlas


class AtlasPrefix:
    """The first ``n_sequences`` sequences (``n_tokens`` token rows) of ``atlas``, read-only."""

    def __init__(self, atlas: Atlas, n_sequences: int, n_tokens: int):
        self.base = atlas
        self.n_tokens = int(n_tokens)
        self.n_kept_sequences = int(n_sequences)
        corpus = {**atlas.corpus, "n_tokens": self.n_tokens, "n_sequences": self.n_kept_sequences,
                  "sampled_from": {"n_tokens": atlas.n_tokens, "n_sequences": atlas.n_sequences}}
        self.manifest = {**atlas.manifest, "corpus": corpus}

    def __getattr__(self, name):  # model, contract, layouts, terms, head_metrics, aggregate, path, ...
        return getattr(self.base, name)

    @property
    def corpus(self) -> dict:
        return self.manifest["corpus"]

    @cached_property
    def tokens(self):
        return self.base.tokens.iloc[: self.n_tokens].reset_index(drop=True)

    @cached_property
    def sequences(self):
        return self.base.sequences.iloc[: self.n_kept_sequences].reset_index(drop=True)

    @property
    def n_sequences(self) -> int:
        return self.n_kept_sequences

    def _rows(self, rows) -> slice | np.ndarray:
        if isinstance(rows, slice) and rows == slice(None):
            return slice(0, self.n_tokens)
        return rows

    def queries(self, layer: int, head: int, rows=slice(None)) -> np.ndarray:
        return self.base.queries(layer, head, self._rows(rows))

    def keys(self, layer: int, head: int, rows=slice(None)) -> np.ndarray:
        return self.base.keys(layer, head, self._rows(rows))

    def normalized(self, layer: int, head: int, rows=slice(None)) -> tuple[np.ndarray, np.ndarray]:
        return self.base.normalized(layer, head, self._rows(rows))

    def coords(self, layer: int, head: int, method: str, dim: int, partial_ok: bool = False) -> np.ndarray:
        c = self.base.coords(layer, head, method, dim, partial_ok)
        n, total = self.n_tokens, self.base.n_tokens
        return c if n == total else np.concatenate([c[:n], c[total: total + n]])

    @property
    def thumbnails(self) -> np.ndarray | None:
        th = self.base.thumbnails
        return None if th is None else th[: self.n_tokens]

    def image_path(self, seq: int):
        if not 0 <= int(seq) < self.n_kept_sequences:
            return None
        return self.base.image_path(seq)


def prefix(atlas: Atlas, n_sequences: int, n_tokens: int) -> Atlas | AtlasPrefix:
    """``atlas`` itself when nothing is cut, else its prefix view."""
    if n_tokens >= atlas.n_tokens:
        return atlas
    return AtlasPrefix(atlas, n_sequences, n_tokens)
