"""Head metrics on a real model (MiniLM over 30 wiki sentences): values in range, shares
consistent with each other, and MiniLM's well-known [CLS] sink heads found."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.analysis import head_metrics, similar_heads
from qkatlas.analysis.metrics import METRICS, SHARES
from qkatlas.atlas.reader import Atlas
from qkatlas.pipeline.analyze import analyze

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def minilm(tmp_path_factory):
    from qkatlas.capture.run import capture as build

    out = tmp_path_factory.mktemp("minilm") / "atlas"
    build("demo:minilm", "demo:wiki", out, max_sequences=30, progress=False, log=lambda *_: None)
    analyze(out, progress=False, log=lambda *_: None)
    return Atlas.open(out)


def test_metrics_in_range_and_consistent(minilm):
    df = head_metrics(minilm)
    stored = [m for m in METRICS if m in df.columns]
    assert len(df) == 72 and not df[stored].isna().any().any()
    shares = [*SHARES, *(f"vw_{s}" for s in SHARES), "entropy_norm", "top1", "top5", "offset_mode_share", "max_key_share"]
    assert ((df[shares] >= -1e-6) & (df[shares] <= 1 + 1e-6)).all().all()
    eps = 1e-5
    assert (df["top1"] <= df["top5"] + eps).all()
    assert (df["first_token"] <= df["special"] + eps).all()  # [CLS] is a special token
    assert (df["self"] <= df["local"] + eps).all()  # same queries; the own token is within the window
    # disjoint keys; prev/next average over slightly different queries (those that have one)
    assert (df["self"] + df["prev_token"] + df["next_token"] <= 1 + 0.1).all()
    assert (df["entropy"] <= np.log(minilm.sequences["n_tokens"].max()) + eps).all()
    assert (df["qk_separation"] >= 0).all()
    assert np.allclose(minilm.aggregate()["offset_mass"].sum(-1), 1, atol=1e-4)


def test_minilm_has_sink_heads_that_contribute_little(minilm):
    df = head_metrics(minilm)
    assert (df["label"] != "content").any()
    sinks = df[df["label"] == "first-token"]
    assert len(sinks) >= 5
    assert (sinks["vw_first_token"] < sinks["first_token"]).all()  # [CLS] values are small
    layer, head = int(sinks.iloc[0]["layer"]), int(sinks.iloc[0]["head"])
    assert len(similar_heads(minilm, layer, head, k=5)) == 5
