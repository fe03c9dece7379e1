"""What ``--heads``, ``--layouts`` and ``--sample`` select, and their one-line errors."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.errors import InputError
from qkatlas.share.select import parse_heads, parse_layouts, token_prefix


def test_heads():
    assert parse_heads(None, 2, 3) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert parse_heads("L1H2, l0h1,L1H2", 2, 3) == [(0, 1), (1, 2)]
    assert parse_heads("L1H*", 2, 3) == [(1, 0), (1, 1), (1, 2)]
    assert parse_heads("L*H0", 2, 3) == [(0, 0), (1, 0)]
    for spec, pattern in [("L2H0", "out of range"), ("H1", "not a head"), ("L1-H1", "not a head"), (",", "names no head")]:
        with pytest.raises(InputError, match=pattern) as e:
            parse_heads(spec, 2, 3)
        assert "\n" not in str(e.value)


def test_layouts():
    have = [("pca", 2), ("tsne", 2), ("pca", 3)]
    assert parse_layouts(None, have) == ["pca-2d", "tsne-2d", "pca-3d"]
    assert parse_layouts("tsne-2d,pca", have) == ["tsne-2d", "pca-2d", "pca-3d"]
    with pytest.raises(InputError, match=r"no complete layout 'umap-2d' \(have: pca-2d, tsne-2d, pca-3d"):
        parse_layouts("umap-2d", have)


def test_sample_keeps_whole_sequences_from_the_start():
    lengths = np.array([5, 7, 3, 10])
    assert token_prefix(lengths, None) == (4, 25)
    assert token_prefix(lengths, 100) == (4, 25)
    assert token_prefix(lengths, 12) == (2, 12)
    assert token_prefix(lengths, 14) == (2, 12)
    assert token_prefix(lengths, 2) == (1, 5)  # at least one sequence
    with pytest.raises(InputError, match="positive"):
        token_prefix(lengths, 0)
