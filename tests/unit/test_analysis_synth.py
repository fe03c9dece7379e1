"""The synthetic atlas of ``support.synth`` has exactly the attention it was built for."""

from __future__ import annotations

import numpy as np

from support.synth import make_atlas


def test_synthetic_attention_is_exact(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["prev", "first", "first_last"]])
    a = atlas.attention(0, 0, 1)  # 9 tokens
    assert np.allclose(np.diagonal(a, offset=-1), 1, atol=1e-6)
    assert np.allclose(atlas.attention(0, 1, 2)[:, 0], 1, atol=1e-6)
    half = atlas.attention(0, 2, 0)
    assert np.allclose(half[:, [0, -1]], 0.5, atol=1e-6)
