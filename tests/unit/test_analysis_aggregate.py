"""Aggregate attention maps: shapes, NaN where no (query, key) pair exists, value weighting,
relative-offset profiles, and 2-D patch offsets for image atlases."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.analysis import aggregate_attention, offset_profile, patch_offset_attention
from qkatlas.analysis.aggregate import MAX_POSITIONS
from qkatlas.errors import InputError, StaleResultError
from support.synth import analyzed, make_atlas

LENGTHS = (6, 9, 12)


def test_position_maps_and_counts(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["prev", "first_last"]], LENGTHS, value_norms=lambda i, n: 0.01 if i == 0 else 1.0)
    with pytest.raises(StaleResultError, match="qkatlas analyze"):  # not analysed yet: a clear error, no recompute
        aggregate_attention(atlas, 0, 0)
    atlas = analyzed(atlas)
    m = aggregate_attention(atlas, 0, 0)
    assert m.shape == (12, 12) and m.dtype == np.float32
    assert np.allclose(np.diagonal(m, offset=-1), 1, atol=1e-5)
    counts = atlas.aggregate()["counts"]
    assert counts[0, 0] == 3 and counts[8, 8] == 2 and counts[11, 11] == 1 and counts[2, 10] == 1
    half, weighted = aggregate_attention(atlas, 0, 1), aggregate_attention(atlas, 0, 1, weighted=True)
    assert np.allclose(half[:, 0], 0.5, atol=1e-5)
    assert np.allclose(weighted[:, 0], 0.01 / 1.01, atol=2e-4)  # [CLS] has tiny ||v||
    bins, mass = offset_profile(atlas, 0, 0)
    assert bins[0] == -9 and bins[-1] == 9 and len(mass) == len(bins)
    assert mass.sum() == pytest.approx(1, abs=1e-5)
    n_queries = sum(LENGTHS)
    assert mass[list(bins).index(-1)] == pytest.approx((n_queries - 3) / n_queries, abs=1e-5)  # all but query 0
    with pytest.raises(InputError, match="only for image atlases"):
        patch_offset_attention(atlas, 0, 0)
    with pytest.raises(InputError, match="out of range"):
        aggregate_attention(atlas, 1, 0)


def test_causal_upper_triangle_is_nan_and_positions_are_capped(tmp_path):
    atlas = analyzed(make_atlas(tmp_path / "a", [["prev"]], (70, 5), causal=True))
    m = aggregate_attention(atlas, 0, 0, weighted=True)
    assert m.shape == (MAX_POSITIONS, MAX_POSITIONS)
    assert np.isnan(m[np.triu_indices(MAX_POSITIONS, k=1)]).all()
    assert not np.isnan(m[np.tril_indices(MAX_POSITIONS)]).any()
    assert np.allclose(np.diagonal(m, offset=-1), 1, atol=1e-5)
    counts = atlas.aggregate()["counts"]
    assert counts[3, 3] == 2 and counts[10, 3] == 1 and counts[3, 10] == 0


def test_patch_offsets_for_images(tmp_path):
    atlas = analyzed(make_atlas(tmp_path / "a", [["right_patch", "uniform"]], image_grid=(3, 3)))
    right = patch_offset_attention(atlas, 0, 0)
    assert right.shape == (5, 5)  # offsets -2..2 in rows and columns; centre = same patch
    assert right[2, 3] == pytest.approx(1, abs=1e-5)  # same row, one column right
    maps = atlas.aggregate()
    assert maps["patch_offset_counts"][2, 2] == 27 and maps["patch_offset_counts"][2, 3] == 18
    assert maps["patch_queries"] == 27
    uni = patch_offset_attention(atlas, 0, 1, weighted=True)
    assert np.allclose(uni, 1 / 10, atol=1e-5)  # 10 tokens: [CLS] + 9 patches
    assert aggregate_attention(atlas, 0, 0).shape == (10, 10)
