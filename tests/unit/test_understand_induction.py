"""Induction: the repeated-random-words corpus, top-activating sequences per head, value-weighted
attention of a sequence, and what one analysis pass yields besides the stored tables."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.analysis import top_sequences, value_weighted_attention
from qkatlas.analysis.metrics import compute
from qkatlas.analysis.sequences import SCORED
from qkatlas.corpus import load_corpus
from qkatlas.corpus.induction import WORDS, parse_spec
from qkatlas.errors import InputError, StaleResultError
from support.synth import analyzed, make_atlas, repeated_ids


def test_induction_corpus_specs():
    c = load_corpus("induction:4:6", seed=3)
    assert c.name == "induction:4:6" and len(c.texts) == 4
    for text in c.texts:
        words = text.split()
        assert len(words) == 12 and words[:6] == words[6:] and len(set(words[:6])) == 6
        assert set(words) <= set(WORDS)
    assert load_corpus("induction:4:6", seed=3).texts == c.texts  # seeded
    assert load_corpus("induction:4:6", seed=4).texts != c.texts
    assert parse_spec("induction:25") == (100, 25) and parse_spec("induction:25", max_sequences=7) == (7, 25)
    assert parse_spec("induction:50:10", max_sequences=7) == (7, 10) and parse_spec("demo:induction") == (100, 25)
    for bad in ("induction:", "induction:x", "induction:0:5", "induction:3:1", "induction:1:2:3"):
        with pytest.raises(InputError, match=r"induction:(N:L|100:25)"):
            load_corpus(bad)
    assert len(WORDS) == len(set(WORDS)) == 1000 and all(w.isalpha() and w.islower() for w in WORDS)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Two layers; lengths 21, 13 and 9 are repeated sequences, 10 is not (no copy to find)."""
    heads = [["induction", "prev", "first"], ["uniform", "duplicate", "self"]]
    return make_atlas(tmp_path_factory.mktemp("ind") / "atlas", heads, (9, 21, 10, 13), causal=True,
                      token_ids=repeated_ids())


def test_top_sequences_follow_the_label(copies):
    with pytest.raises(StaleResultError, match="qkatlas analyze"):
        top_sequences(copies, 0, 0)  # the head's label comes from the stored analysis
    atlas = analyzed(copies)
    top = top_sequences(atlas, 0, 0, k=3)  # induction head: the repeated sequences, all with score 1
    assert list(top.columns) == ["rank", "seq", "score", "text"]
    assert set(top["seq"]) == {0, 1, 3} and np.allclose(top["score"], 1, atol=1e-6)
    prev = top_sequences(atlas, 0, 1, k=10)
    assert len(prev) == 4 and prev["score"].is_monotonic_decreasing
    first = top_sequences(atlas, 0, 2, k=2, label="first-token")
    assert np.allclose(first["score"], 1, atol=1e-6)
    with pytest.raises(InputError, match="choose from"):
        top_sequences(atlas, 0, 0, label="nonsense")


def test_one_pass_also_yields_top_sequences_and_components(copies):
    extra = {}
    df, maps = compute(copies, extra=extra)
    assert "induction" in set(df["label"]) and "induction" in extra["metrics"].columns
    top = extra["top_sequences"]
    assert list(top.columns) == ["layer", "head", "rank", "seq", "score", "label"]
    ind = top[(top.layer == 0) & (top["head"] == 0)]
    assert set(ind["seq"]) == {0, 1, 3} and (ind["label"] == "induction").all()
    for (layer, head), g in top.groupby(["layer", "head"]):  # the same as the on-demand sweep
        label = g["label"].iloc[0]
        assert label in SCORED
        want = top_sequences(copies, layer, head, k=len(g), label=label)
        np.testing.assert_allclose(g.sort_values("rank")["score"], want["score"], atol=1e-6)
    comps = extra["components"]
    assert comps["sigma"].shape[:2] == (2, 3) and np.isfinite(comps["share"]).all()


def test_value_weighted_attention(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["first_last"]], (6, 9), value_norms=lambda i, n: 0.01 if i == 0 else 1.0)
    vw = value_weighted_attention(atlas, 0, 0, 1)
    assert vw.shape == (9, 9) and vw.dtype == np.float32
    assert np.allclose(vw.sum(1), 1, atol=1e-5)
    assert np.allclose(vw[:, 0], 0.01 / 1.01, atol=2e-4) and np.allclose(vw[:, -1], 1 / 1.01, atol=2e-4)


def test_top_sequences_read_the_stored_table_when_there_is_one(copies, monkeypatch):
    """Forward-compatible: once ``qkatlas analyze`` stores ``head_sequences.parquet`` (proposed in
    the format), ``top_sequences`` reads it instead of sweeping the sequences."""
    from qkatlas.analysis import sequences
    from qkatlas.atlas import files, paths

    atlas = analyzed(copies)
    extra = {}
    compute(atlas, extra=extra)
    monkeypatch.setattr(paths, "HEAD_SEQUENCES", "head_sequences.parquet", raising=False)
    files.write_parquet_atomic(atlas.path / "head_sequences.parquet", extra["top_sequences"])
    swept = []
    monkeypatch.setattr(sequences, "sequence_scores", lambda *a: swept.append(1) or np.zeros((1, len(SCORED))))
    top = top_sequences(atlas, 0, 0, k=3)
    assert not swept and set(top["seq"]) == {0, 1, 3} and list(top["rank"]) == [0, 1, 2]
    assert top["text"].iloc[0].startswith("sentence")


def test_demo_induction_spec_once_registered(monkeypatch):
    from qkatlas import corpus

    monkeypatch.setitem(corpus.SPEC_LOADERS, "demo:induction", "qkatlas.corpus.induction:load_induction_corpus")
    c = load_corpus("demo:induction", max_sequences=3)
    assert c.name == "induction:3:25" and len(c.texts) == 3 and len(c.texts[0].split()) == 50


def test_image_atlas_yields_extras_without_induction(tmp_path):
    atlas = make_atlas(tmp_path / "img", [["right_patch", "uniform", "first"]], image_grid=(3, 3))
    extra = {}
    df, _ = compute(atlas, extra=extra)
    assert extra["metrics"]["induction"].isna().all() and "induction" not in set(df["label"])
    top = extra["top_sequences"]
    assert set(top["label"]) <= set(SCORED) and len(top) == 3 * 3  # 3 heads x 3 images
    assert extra["components"]["sigma"].shape == (1, 3, min(atlas.d_head, 16))
