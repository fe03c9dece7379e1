"""Understanding heads on the real demo models: induction heads of SmolLM2 on repeated random
words, a MiniLM atlas with shuffled layers matched back, the attention-aware layout on real heads,
and exact logit contributions."""

from __future__ import annotations

import numpy as np
import pytest

from support.shuffled import shuffled_copy
from qkatlas.analysis import contributions, metrics
from qkatlas.atlas.reader import Atlas
from qkatlas.layout import methods
from qkatlas.layout.fidelity import SequenceBlocks
from qkatlas.layout.geometry import geometry
from qkatlas.layout.methods.attention_tsne import attention_provider
from qkatlas.layout.methods.base import HeadInputs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def smollm2_induction(tmp_path_factory):
    from qkatlas.capture.run import capture

    out = tmp_path_factory.mktemp("ind") / "smollm2"
    capture("demo:smollm2", "induction:12:15", out, progress=False, log=lambda *_: None)
    return Atlas.open(out)


def test_repeated_words_are_repeated_tokens(smollm2_induction):
    atlas = smollm2_induction
    ids = atlas.tokens["token_id"].to_numpy()
    for s in range(atlas.n_sequences):
        rows = atlas.sequence_rows(s)
        seq = ids[rows]
        n = len(seq)
        assert n == 30  # 15 single-token words, twice (no BOS for this tokenizer)
        # identical copies, except the very first word (no leading space in byte-level BPE)
        assert (seq[1:15] == seq[16:30]).all() and seq[0] != seq[15]


def test_smollm2_has_induction_heads(smollm2_induction):
    df = metrics.measure(smollm2_induction)
    ind = df[df["label"] == "induction"]
    assert len(ind) >= 3, df.sort_values("induction", ascending=False).head(5)
    assert ind["induction"].max() >= 0.7
    assert ((ind["layer"] >= 10) & (ind["layer"] <= 27)).all()  # mid-to-late layers, after the previous-token heads
    assert (df["label"] == "previous-token").any()
    assert df.loc[df["layer"] <= 2, "induction"].max() < 0.3  # no copying in the first layers


def test_minilm_with_shuffled_layers_is_matched_back(minilm_atlas, tmp_path):
    from qkatlas.pipeline.compare import compare

    perm = [3, 5, 0, 1, 4, 2]
    b = shuffled_copy(minilm_atlas, tmp_path / "b", perm)
    result = compare(minilm_atlas, b, tmp_path / "out", log=lambda *_: None)
    inverse = np.argsort(perm)
    m = result.matches
    assert len(m) == 72
    right = sum((r.layer_b, r.head_b) == (inverse[r.layer_a], r.head_a) for r in m.itertuples())
    assert right == 72
    assert {int(k): v["layer_b"] for k, v in result.summary["layer_map"].items()} == {l: int(inverse[l]) for l in range(6)}


def test_attention_tsne_on_minilm_heads(minilm_atlas):
    atlas = Atlas.open(minilm_atlas)
    seqs = atlas.sequences
    blocks = SequenceBlocks(seqs["start"].to_numpy(), seqs["n_tokens"].to_numpy())
    fit = np.arange(atlas.n_tokens)
    gains, ratios = [], []
    for layer, head in [(0, 3), (2, 7), (4, 1), (5, 10)]:
        q, k = atlas.normalized(layer, head)
        x = np.concatenate([q, k])
        inputs = HeadInputs(x, seed=0, attention=attention_provider(atlas, layer, head, fit))
        terms = atlas.terms(layer, head)
        attended = blocks.top_attended(atlas.queries(layer, head), atlas.keys(layer, head), terms)
        out = {}
        for name in ("tsne", "attn-tsne"):
            y = methods.get(name).fit(inputs, 2, 0).coords.astype(np.float16).astype(np.float32)
            out[name] = (blocks.fidelity(attended, y[: len(q)], y[len(q):], terms), geometry(x, y, graph=inputs.graph()))
        gains.append(out["attn-tsne"][0] - out["tsne"][0])
        ratios.append(out["attn-tsne"][1] / out["tsne"][1])
    assert np.mean(gains) >= 0.15, gains
    assert np.mean(ratios) >= 0.9, ratios


def test_contributions_add_up_on_minilm(minilm_atlas):
    atlas = Atlas.open(minilm_atlas)
    rows = atlas.sequence_rows(3)
    for layer, head in [(0, 0), (3, 5), (5, 11)]:
        for qrow, krow in [(rows.start, rows.start), (rows.start + 4, rows.stop - 1), (rows.stop - 2, rows.start + 1)]:
            r = contributions(atlas, layer, head, qrow, krow)
            parts = r["components"].sum() + r["sequence_offset"] + r["softcap_adjustment"] + r["position_bias"]
            q = atlas.queries(layer, head, slice(qrow, qrow + 1))[0].astype(np.float64)
            k = atlas.keys(layer, head, slice(krow, krow + 1))[0].astype(np.float64)
            assert parts == pytest.approx(r["logit"], abs=1e-9)
            assert r["logit"] == pytest.approx(atlas.terms(layer, head).scale * float(q @ k), abs=1e-9)
