"""Fidelity: constructed cases with known answers, windows and ALiBi through the contract, chunking."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas import attention
from qkatlas.attention import HeadTerms
from qkatlas.layout import fidelity
from qkatlas.layout.fidelity import SequenceBlocks

ENC, DEC = HeadTerms(1.0, causal=False), HeadTerms(1.0, causal=True)


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
    blocks = SequenceBlocks([0], [10])
    att = blocks.top_attended(q, k, ENC)
    assert blocks.fidelity(att, *_layout(10.0), ENC) == 1.0  # nearest keys 9..5: exactly the attended ones
    assert blocks.fidelity(att, *_layout(0.0), ENC) == 0.0  # nearest keys 0..4: none attended
    assert blocks.fidelity(att, *_layout(3.0), ENC) == pytest.approx(0.2)  # nearest {1..5}: only key 5


def test_original_space_is_perfect_when_distance_ranks_like_attention():
    """Unit-norm keys: -||q - k||^2 = 2 q.k - const, so the nearest keys are the most attended."""
    rng = np.random.default_rng(0)
    lengths = [7, 12, 30, 9]
    n = sum(lengths)
    k = rng.normal(size=(n, 8)).astype(np.float32)
    k /= np.linalg.norm(k, axis=1, keepdims=True)
    q = (rng.normal(size=(n, 8)) * 3).astype(np.float32)
    starts = np.cumsum([0] + lengths[:-1])
    blocks = SequenceBlocks(starts, lengths)
    for terms in (ENC, DEC):
        att = blocks.top_attended(q, k, terms)
        assert blocks.fidelity(att, q, k, terms) == 1.0
        # a layout that reverses every distance ranking within the sequence: keys mirrored
        assert blocks.fidelity(att, q, -k, terms) < 0.5


def test_short_queries_are_skipped_and_counted_right():
    """Causal: queries at positions 0..4 have at most 5 keys and are skipped; the rest count."""
    q, k = _one_sequence(12)
    blocks = SequenceBlocks([0], [12])
    assert blocks.n_scored(DEC) == 12 - 5
    att = blocks.top_attended(q, k, DEC)
    # query i (i >= 5) attends to keys i-4..i; a layout putting every query at 0 picks keys 0..4
    yq = np.zeros((12, 2), np.float32)
    yk = np.column_stack([np.arange(12), np.zeros(12)]).astype(np.float32)
    expected = np.mean([len(set(range(i - 4, i + 1)) & set(range(5))) / 5 for i in range(5, 12)])
    assert blocks.fidelity(att, yq, yk, DEC) == pytest.approx(expected)
    tiny = SequenceBlocks([0], [5])
    assert tiny.n_scored(ENC) == 0 and np.isnan(tiny.fidelity(tiny.top_attended(q[:5], k[:5], ENC), yq[:5], yk[:5], ENC))


def _reference_top(q, k, terms, starts, lengths, kk=5):
    """Top-k attended key rows per query straight from the contract's probabilities (slow, obvious)."""
    out = {}
    for s, n in zip(starts, lengths):
        p = terms.probabilities(q[s:s + n], k[s:s + n])
        visible = terms.mask(np.arange(n), n)
        for i in range(n):
            if visible[i].sum() > kk:
                order = np.argsort(-p[i], kind="stable")[:kk]
                out[s + i] = set((s + order).tolist())
    return out


@pytest.mark.parametrize("terms", [HeadTerms(0.5, True, window=8), HeadTerms(0.5, True, alibi_slope=0.7),
                                   HeadTerms(0.5, False, softcap=2.0), HeadTerms(0.5, True, window=9, alibi_slope=0.3)])
def test_top_attended_follows_every_term_of_the_contract(terms):
    rng = np.random.default_rng(1)
    lengths = [9, 14, 20]
    starts = np.cumsum([0] + lengths[:-1])
    q = rng.normal(size=(sum(lengths), 6)).astype(np.float32)
    k = rng.normal(size=(sum(lengths), 6)).astype(np.float32)
    blocks = SequenceBlocks(starts, lengths)
    got = blocks.top_attended(q, k, terms)
    want = _reference_top(q, k, terms, starts, lengths)
    assert want and all(set(got[r].tolist()) == keys for r, keys in want.items())
    assert (got[[r for r in range(len(q)) if r not in want]] == -1).all()
    # negative control: dropping the window / the bias changes the answer
    plain = HeadTerms(terms.scale, terms.causal)
    if terms.window is not None or terms.alibi_slope is not None:
        assert not np.array_equal(blocks.top_attended(q, k, plain), got)


@pytest.mark.parametrize("terms", [DEC, ENC, HeadTerms(1.0, True, window=20), HeadTerms(1.0, False, window=20),
                                   HeadTerms(1.0, True, window=20, alibi_slope=0.5)])
def test_long_sequences_are_chunked_with_the_same_result(monkeypatch, terms):
    """Query-row chunks see only the keys their queries can (causal prefix, window band): the same
    top-k and fidelity as whole sequences, for every kind of mask."""
    rng = np.random.default_rng(2)
    lengths = [40, 300, 7]
    starts = np.cumsum([0] + lengths[:-1])
    q = rng.normal(size=(sum(lengths), 5)).astype(np.float32)
    k = rng.normal(size=(sum(lengths), 5)).astype(np.float32)
    y = rng.normal(size=(sum(lengths), 2)).astype(np.float32)
    whole = SequenceBlocks(starts, lengths)
    monkeypatch.setattr(fidelity, "_CHUNK_CELLS", 1000)  # 300^2 > 1000: query rows in chunks of 3
    chunked = SequenceBlocks(starts, lengths)
    assert len(chunked.chunks) > 50 and max(c.idx.shape[0] * len(c.qpos) * c.idx.shape[1] for c in chunked.chunks) <= 1000
    a, b = whole.top_attended(q, k, terms), chunked.top_attended(q, k, terms)
    np.testing.assert_array_equal(np.sort(a, 1), np.sort(b, 1))
    want = _reference_top(q, k, terms, starts, lengths)
    assert all(set(b[r].tolist()) == keys for r, keys in want.items())
    assert whole.fidelity(a, y, -y, terms) == chunked.fidelity(b, y, -y, terms)


def test_many_short_sequences_are_packed_within_the_key_row_bound(monkeypatch):
    monkeypatch.setattr(fidelity, "_CHUNK_TOKENS", 100)
    lengths = [12] * 50
    blocks = SequenceBlocks(np.arange(50) * 12, lengths)
    assert len(blocks.chunks) > 1 and all(c.idx.size <= 100 for c in blocks.chunks)
    assert sorted(r for c in blocks.chunks for r in c.idx.ravel() if r >= 0) == list(range(600))


def test_smallest_breaks_ties_towards_earlier_positions():
    score = np.array([[3, 1, 1, 1, 0, 2, 1.0]])
    assert fidelity.smallest(score, 3).tolist() == [[1, 2, 4]]
    assert fidelity.smallest(-score, 3, largest=True).tolist() == [[1, 2, 4]]
    # rows with and without ties at the k-th value, against a stable sort (ties: earlier first)
    rng = np.random.default_rng(3)
    many = rng.integers(0, 4, size=(200, 30)).astype(np.float32)  # ties everywhere
    many[::2] = rng.normal(size=(100, 30))  # and rows with none
    want = np.sort(np.argsort(many, axis=1, kind="stable")[:, :5], axis=1)
    np.testing.assert_array_equal(fidelity.smallest(many, 5), want)
    np.testing.assert_array_equal(fidelity.smallest(-many, 5, largest=True), want)
    assert attention.allowed_keys(np.array([3]), 5, True, 2).tolist() == [[False, False, True, True, False]]


