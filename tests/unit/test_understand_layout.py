"""Attention-aware layouts: the attention input follows the contract, the method plugs into the
seam, and on heads whose attention disagrees with their geometry it raises fidelity while the
geometry measure (neighbour recall at 10) stays."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.attention import HeadTerms
from qkatlas.errors import InputError
from qkatlas.layout import methods
from qkatlas.layout.fidelity import SequenceBlocks
from qkatlas.layout.geometry import geometry, layout_neighbours, neighbour_recall
from qkatlas.layout.methods.attention_tsne import attention_affinities, attention_provider, top_attention
from qkatlas.layout.methods.base import HeadInputs

TERMS = [HeadTerms(0.5, False), HeadTerms(0.5, True), HeadTerms(0.5, True, window=6, alibi_slope=0.4),
         HeadTerms(0.5, False, softcap=1.5)]


def _reference(q, k, terms, starts, lengths, top, key_ok=None):
    rows, probs = {}, {}
    for s, n in zip(starts, lengths):
        p = terms.probabilities(q[s:s + n], k[s:s + n]).astype(np.float64)
        mask = terms.mask(np.arange(n), n)
        for i in range(n):
            ok = mask[i] & (True if key_ok is None else key_ok[s:s + n])
            order = [j for j in np.argsort(-p[i], kind="stable") if ok[j]][:top]
            rows[s + i] = [s + j for j in order]
            probs[s + i] = [p[i, j] for j in order]
    return rows, probs


@pytest.mark.parametrize("terms", TERMS)
def test_top_attention_follows_the_contract(terms, monkeypatch):
    from qkatlas.layout.methods import attention_tsne

    rng = np.random.default_rng(0)
    lengths = [3, 9, 14, 30, 8]
    starts = np.cumsum([0] + lengths[:-1])
    q = rng.normal(size=(sum(lengths), 6)).astype(np.float32)
    k = rng.normal(size=(sum(lengths), 6)).astype(np.float32)
    key_ok = rng.random(sum(lengths)) < 0.7
    for ok in (None, key_ok):
        want_rows, want_p = _reference(q, k, terms, starts, lengths, 5, ok)
        for cells in (1 << 22, 50):  # packed, and cut into blocks of query rows
            monkeypatch.setattr(attention_tsne, "_CHUNK_CELLS", cells)
            rows, p = top_attention(q, k, terms, starts, lengths, 5, ok)
            for r in range(len(q)):
                got = [x for x in rows[r] if x >= 0]
                assert set(got) == set(want_rows[r]), (r, cells)
                assert np.allclose(sorted(p[r][: len(got)]), sorted(want_p[r]), atol=1e-6)
                assert (np.diff(p[r][: len(got)]) <= 1e-7).all()  # most attended first


def test_attention_provider_maps_rows_into_the_fit(tmp_path):
    from support.synth import make_atlas

    atlas = make_atlas(tmp_path / "a", [["prev", "first"]], (6, 9, 12))
    fit = np.array([0, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 20, 21, 22, 25])
    rows, p = attention_provider(atlas, 0, 0, fit, top=3)()
    assert rows.shape == (len(fit), 3) and p.shape == (len(fit), 3)
    assert ((rows == -1) | ((rows >= len(fit)) & (rows < 2 * len(fit)))).all()  # key rows of HeadInputs.x
    token_of_row = {len(fit) + i: t for i, t in enumerate(fit)}
    starts = atlas.sequences["start"].to_numpy()
    for i, t in enumerate(fit):  # a previous-token head: the first choice is the previous token, when fitted
        best = rows[i, 0]
        if t - 1 in fit and t not in starts:
            assert token_of_row[best] == t - 1 and p[i, 0] == pytest.approx(1, abs=1e-6)
        for r in rows[i][rows[i] >= 0]:
            assert np.searchsorted(starts, token_of_row[r], "right") == np.searchsorted(starts, t, "right")  # same sequence


def test_attention_affinities_are_symmetric_and_normalised():
    rows = np.array([[3, 4], [4, -1], [-1, -1]]) + np.array([[0, 0], [0, 0], [0, 0]])
    w = np.array([[0.8, 0.2], [1.0, 0.0], [0.0, 0.0]])
    a = attention_affinities(rows, w, 6, power=1.0).toarray()
    assert a.sum() == pytest.approx(1) and np.allclose(a, a.T)
    assert a[0, 3] == pytest.approx(0.8 / 4) and a[1, 4] == pytest.approx(1 / 4) and a[2].sum() == 0


def test_geometry_measure():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 2)).astype(np.float32)
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    assert geometry(x, unit) == pytest.approx(1.0)  # the cosine space itself, in 2-D
    assert geometry(x, rng.normal(size=(300, 2))) < 0.15  # a random layout keeps little
    near = layout_neighbours(np.array([[0.0], [1], [3], [3], [10]]), 2)
    assert near[0].tolist() == [1, 2] and set(near[2].tolist()) == {3, 1}
    assert neighbour_recall(np.array([[1], [0]]), np.array([[0.0, 0], [1, 1]]), 1) == 1.0


def _disagreeing_atlas(path):
    """Sequences whose queries attend to keys far away in cosine geometry: each key is a random
    direction; query i points at one random key of its sequence, scaled by that key's norm rank
    (so the nearest keys by cosine are not the most attended)."""
    from qkatlas.atlas.reader import Atlas
    from qkatlas.atlas.writer import AtlasWriter
    from support.synth import make_atlas

    lengths = tuple([14] * 40)
    atlas = make_atlas(path, [["uniform"]], lengths)
    rng = np.random.default_rng(0)
    n, d = atlas.n_tokens, atlas.d_head
    k = rng.normal(size=(n, d)) * rng.uniform(0.2, 3.0, size=(n, 1))
    q = rng.normal(size=(n, d)) * 0.5
    for s, start in enumerate(atlas.sequences["start"]):
        for i in range(14):
            targets = rng.choice(14, 3, replace=False)
            q[start + i] += 4 * k[start + targets].sum(0) / np.linalg.norm(k[start + targets], axis=1).mean()
    writer = AtlasWriter(atlas.path)
    for kind, arr in (("queries", q), ("keys", k)):
        out = writer.layer_array(kind, 0, (1, n, d), create=False)
        out[0] = arr.astype(np.float16)
        out.flush()
        del out
    from qkatlas.normalize import compute_normalization

    shift, scale = compute_normalization(q.astype(np.float16).astype(np.float32), k.astype(np.float16).astype(np.float32))
    writer.write_normalization(shift[None, None], np.array([[scale]], np.float32))
    return Atlas.open(atlas.path)


def test_attention_tsne_raises_fidelity_and_keeps_geometry(tmp_path):
    atlas = _disagreeing_atlas(tmp_path / "a")
    q, k = atlas.normalized(0, 0)
    x = np.concatenate([q, k])
    fit = np.arange(atlas.n_tokens)
    inputs = HeadInputs(x, seed=0, attention=attention_provider(atlas, 0, 0, fit))
    seqs = atlas.sequences
    blocks = SequenceBlocks(seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy())
    terms = atlas.terms(0, 0)
    attended = blocks.top_attended(atlas.queries(0, 0), atlas.keys(0, 0), terms)
    scores = {}
    for name in ("tsne", "attn-tsne"):
        y = methods.get(name).fit(inputs, 2, 0).coords.astype(np.float16).astype(np.float32)
        n = len(q)
        scores[name] = (blocks.fidelity(attended, y[:n], y[n:], terms), geometry(x, y, graph=inputs.graph()))
    (f_tsne, g_tsne), (f_attn, g_attn) = scores["tsne"], scores["attn-tsne"]
    assert f_attn >= f_tsne + 0.15, scores
    assert g_attn >= 0.9 * g_tsne, scores


def test_method_is_registered_and_needs_attention():
    assert "attn-tsne" in methods.names()
    method = methods.get("attn-tsne")
    assert method.params["mix"] == 0.5 and method.params["attention_k"] == 5
    x = np.random.default_rng(0).normal(size=(200, 8)).astype(np.float32)
    with pytest.raises(InputError, match="HeadInputs.attention"):
        method.fit(HeadInputs(x), 2, 0)


def test_geometry_on_a_sample_estimates_the_whole():
    from qkatlas.layout.knn import knn_graph
    from qkatlas.layout.methods.base import unit_rows

    rng = np.random.default_rng(1)
    x = rng.normal(size=(3000, 6)).astype(np.float32)
    y = unit_rows(x)[:, :2] + rng.normal(scale=0.05, size=(3000, 2))  # a lossy 2-D picture
    whole = geometry(x, y)
    assert whole == geometry(x, y, graph=knn_graph(unit_rows(x), 12))
    assert geometry(x, y, sample=1000) == pytest.approx(whole, abs=0.03)
    assert geometry(x, y, sample=1000, seed=1) != geometry(x, y, sample=1000, seed=2)


def test_group_attention_provider_points_at_the_shared_keys(tmp_path):
    from qkatlas.layout.methods.attention_tsne import group_attention_provider
    from support.synth import make_atlas

    atlas = make_atlas(tmp_path / "a", [["prev", "first", "self"]], (6, 9, 12), causal=True, kv_head_of=[0, 0, 0])
    fit = np.arange(atlas.n_tokens)
    n = len(fit)
    rows, p = group_attention_provider(atlas, 0, [0, 1, 2], fit, top=1)()
    assert rows.shape == (3 * n, 1) and ((rows >= 3 * n) & (rows < 4 * n)).all()
    starts = set(atlas.sequences["start"])
    for t in range(n):
        assert rows[n + t, 0] - 3 * n in starts  # head 1 ("first"): the first token of its sequence
        assert rows[2 * n + t, 0] - 3 * n == t  # head 2 ("self")
        if t not in starts:
            assert rows[t, 0] - 3 * n == t - 1  # head 0 ("prev")


def test_layout_geometry_is_a_sample_whichever_layouts_ran():
    """The stored measure is the same with or without the head's kNN graph (a resumed run computes
    some layouts of a head without the others), builds no graph, and estimates the full measure."""
    from qkatlas.layout.geometry import layout_geometry

    rng = np.random.default_rng(2)
    x = rng.normal(size=(8000, 5)).astype(np.float32)
    y = x[:, :2].astype(np.float16)
    inputs = HeadInputs(x)
    before = layout_geometry(inputs, y)
    assert inputs._graph is None  # none built for the measure
    inputs.graph()  # as t-SNE / UMAP would
    assert layout_geometry(inputs, y) == before
    assert before == pytest.approx(geometry(x, y.astype(np.float32)), abs=0.03)


def test_mix_depends_on_dimension_and_size():
    from qkatlas.layout.methods.attention_tsne import mix_for

    assert mix_for(15_000, 2) == 0.5 and mix_for(2_000, 2) == 0.4 and mix_for(15_000, 3) == mix_for(2_000, 3) == 0.3
