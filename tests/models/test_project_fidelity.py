"""Fidelity: constructed cases with known answers, and agreement with the definition on a real atlas."""

from __future__ import annotations

import numpy as np
import pytest

from support.tiny import laid_out, reference_fidelity
from qkatlas.atlas import files, paths, schema
from qkatlas.atlas.reader import Atlas, read_manifest
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.layout.fidelity import SequenceBlocks


def _one_sequence(n=10):
    """d=1: every query is 1, key j is j, so every query's top-5 attended keys are 5..9."""
    q = np.ones((n, 1), np.float32)
    k = np.arange(n, dtype=np.float32)[:, None]
    return q, k


def _layout(query_x: float, n=10):
    yq = np.column_stack([np.full(n, query_x), np.zeros(n)]).astype(np.float32)
    yk = np.column_stack([np.arange(n), np.zeros(n)]).astype(np.float32)
    return yq, yk


def test_known_values_one_sequence():
    q, k = _one_sequence()
    blocks = SequenceBlocks([0], [10], causal=False)
    att = blocks.top_attended(q, k)
    assert blocks.fidelity(att, *_layout(10.0)) == 1.0  # nearest keys 9..5: exactly the attended ones
    assert blocks.fidelity(att, *_layout(0.0)) == 0.0  # nearest keys 0..4: none attended
    assert blocks.fidelity(att, *_layout(3.0)) == pytest.approx(0.2)  # nearest {1..5}: only key 5


def test_original_space_is_perfect_when_distance_ranks_like_attention():
    """Unit-norm keys: -||q - k||^2 = 2 q.k - const, so the nearest keys are the most attended."""
    rng = np.random.default_rng(0)
    lengths = [7, 12, 30, 9]
    n = sum(lengths)
    k = rng.normal(size=(n, 8)).astype(np.float32)
    k /= np.linalg.norm(k, axis=1, keepdims=True)
    q = (rng.normal(size=(n, 8)) * 3).astype(np.float32)
    starts = np.cumsum([0] + lengths[:-1])
    for causal in (False, True):
        blocks = SequenceBlocks(starts, lengths, causal=causal)
        att = blocks.top_attended(q, k)
        assert blocks.fidelity(att, q, k) == 1.0
        # a layout that reverses every distance ranking within the sequence: keys mirrored
        assert blocks.fidelity(att, q, -k) < 0.5


def test_short_queries_are_skipped_and_counted_right():
    """Causal: queries at positions 0..4 have at most 5 keys and are skipped; the rest count."""
    q, k = _one_sequence(12)
    blocks = SequenceBlocks([0], [12], causal=True)
    assert blocks.n_scored == 12 - 5
    att = blocks.top_attended(q, k)
    # query i (i >= 5) attends to keys i-4..i; a layout putting every query at 0 picks keys 0..4
    yq = np.zeros((12, 2), np.float32)
    yk = np.column_stack([np.arange(12), np.zeros(12)]).astype(np.float32)
    expected = np.mean([len(set(range(i - 4, i + 1)) & set(range(5))) / 5 for i in range(5, 12)])
    assert blocks.fidelity(att, yq, yk) == pytest.approx(expected)
    tiny = SequenceBlocks([0], [5], causal=False)
    assert tiny.n_scored == 0 and np.isnan(tiny.fidelity(tiny.top_attended(q[:5], k[:5]), yq[:5], yk[:5]))


def test_pipeline_fidelity_matches_the_definition(tmp_path_factory):
    path = laid_out(tmp_path_factory, "laid-out")
    atlas = Atlas.open(path)
    fid = atlas.fidelity()
    names = {paths.layout_name(m, d) for m, d in atlas.layouts} | {"original"}
    assert set(fid["layout"]) == names
    assert len(fid) == len(atlas.heads) * len(names)
    assert fid["fidelity"].between(0, 1).all()
    for (layer, head), name in [((0, 1), "tsne-2d"), ((1, 3), "umap-3d"), ((1, 0), "pca-2d")]:
        method, dim = name.split("-")[0], int(name[-2])
        want = reference_fidelity(atlas, layer, head, atlas.coords(layer, head, method, dim))
        got = fid.query("layer == @layer and head == @head and layout == @name")["fidelity"].item()
        assert got == pytest.approx(want, abs=1e-12)
    q, k = atlas.normalized(0, 2)
    want = reference_fidelity(atlas, 0, 2, np.concatenate([q, k]))
    assert fid.query("layer == 0 and head == 2 and layout == 'original'")["fidelity"].item() == pytest.approx(want)
