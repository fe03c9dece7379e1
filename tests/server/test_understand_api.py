"""Why a head attends, over HTTP: components, contributions, component scores, top sequences,
value norms and value-weighted attention, checked against the atlas (never hard-coded figures)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from qkatlas.analysis.bilinear import component_coordinates
from qkatlas.analysis.sequences import value_weighted_attention
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.server import models, why_models
from tests.server.conftest import error, make_client, msg

A = "/api/atlas/minilm"


@pytest.fixture(scope="module")
def atlas(minilm_atlas):
    return Atlas.open(minilm_atlas)


def _pair(atlas, seq=2):
    """(query row, key row): the last token of a sequence and its most attended key in head (1, 3)."""
    rows = atlas.sequence_rows(seq)
    qpos = rows.stop - rows.start - 1
    kpos = int(np.argmax(atlas.attention(1, 3, seq, qpos)))
    return rows.start + qpos, rows.start + kpos


def test_components_are_the_stored_shares(client, atlas):
    r = client.get(f"{A}/components?layer=1&head=3")
    assert r.status_code == 200, r.text
    body = why_models.ComponentsResponse.model_validate(r.json())
    stored = atlas.head_components(1, 3)
    np.testing.assert_allclose(body.shares, stored["share"], rtol=1e-5)
    assert len(body.shares) == min(atlas.d_head, 16) and body.source == "vectors"
    assert all(a >= b - 1e-6 for a, b in zip(body.sigma, body.sigma[1:]))  # largest first
    assert 0 < sum(body.shares) <= 1 + 1e-5


def test_contributions_add_up_to_the_logit(client, atlas):
    q, k = _pair(atlas)
    r = client.get(f"{A}/contributions?layer=1&head=3&query={q}&key={k}")
    assert r.status_code == 200, r.text
    body = why_models.ContributionsResponse.model_validate(r.json())
    assert sum(body.contributions) + body.rest == pytest.approx(body.logit, abs=1e-9)
    terms = atlas.terms(1, 3)  # the model's logit, from the stored vectors
    expect = terms.scale * float(atlas.queries(1, 3, slice(q, q + 1))[0].astype(np.float64) @ atlas.keys(1, 3, slice(k, k + 1))[0])
    assert body.logit == pytest.approx(expect, rel=1e-5, abs=1e-5)
    seq, qpos = atlas.token_position(q)
    assert body.probability == pytest.approx(float(atlas.attention(1, 3, seq, qpos)[k - atlas.sequence_rows(seq).start]), abs=1e-6)
    three = client.get(f"{A}/contributions?layer=1&head=3&query={q}&key={k}&k=3").json()
    assert three["contributions"] == body.contributions[:3]
    assert sum(three["contributions"]) + three["rest"] == pytest.approx(body.logit, abs=1e-9)


def test_contributions_bad_input(client, atlas):
    q, k = _pair(atlas)
    other = atlas.sequence_rows(5).start
    assert "different sequences" in error(client.get(f"{A}/contributions?layer=1&head=3&query={q}&key={other}"), 400)
    assert "token" in error(client.get(f"{A}/contributions?layer=1&head=3&query={atlas.n_tokens}&key={k}"), 400)
    assert "layer" in error(client.get(f"{A}/contributions?layer={atlas.n_layers}&head=0&query={q}&key={k}"), 400)
    assert "head" in error(client.get(f"{A}/contributions?layer=0&head={atlas.n_heads}&query={q}&key={k}"), 400)
    error(client.get(f"{A}/contributions?layer=0&head=0&query={q}"), 400)  # key missing
    error(client.get(f"/api/atlas/nope/contributions?layer=0&head=0&query={q}&key={k}"), 404)


def test_component_scores(client, atlas):
    meta, arrays = msg(client.get(f"{A}/component-scores?layer=1&head=3&component=0"))
    why_models.ComponentScoresMeta.model_validate(meta)
    s = arrays["scores"]
    assert s.shape == (2 * atlas.n_tokens,) and s.dtype == np.float32
    np.testing.assert_allclose(s, component_coordinates(atlas, 1, 3, 0), rtol=1e-5, atol=1e-6)
    assert meta["max_abs"] == pytest.approx(float(np.abs(s).max()), rel=1e-6) and meta["max_abs"] > 0
    meta, arrays = msg(client.get(f"{A}/component-scores?layer=1&head=3&component=1&sample=50"))
    assert arrays["scores"].shape == (100,) and meta["sample"] == 50
    assert "component" in error(client.get(f"{A}/component-scores?layer=1&head=3&component={atlas.d_head}"), 400)


def test_top_sequences(client, atlas):
    r = client.get(f"{A}/top-sequences?layer=1&head=3")
    assert r.status_code == 200, r.text
    body = why_models.TopSequencesResponse.model_validate(r.json())
    h = atlas.head_metrics()
    assert body.label == h.loc[(h["layer"] == 1) & (h["head"] == 3), "label"].iloc[0]
    assert 1 <= len(body.rows) <= 10
    scores = [row.score for row in body.rows]
    assert scores == sorted(scores, reverse=True) and [row.rank for row in body.rows] == list(range(len(body.rows)))
    texts = atlas.sequences["text"]
    for row in body.rows:
        assert texts[row.seq].startswith(row.text.rstrip("\u2026"))
    assert "head" in error(client.get(f"{A}/top-sequences?layer=1&head={atlas.n_heads}"), 400)


def test_value_norms_and_value_weighted_attention(client, atlas):
    meta, arrays = msg(client.get(f"{A}/value-norms?layer=2&head=1"))
    models.NormsMeta.model_validate(meta)
    v = atlas.value_norms(2, 1)
    assert arrays["norms"].shape == (1, 2 * atlas.n_tokens)
    np.testing.assert_allclose(arrays["norms"][0, : atlas.n_tokens] / 255 * arrays["max"][0], v, atol=v.max() / 255 + 1e-4)
    meta, arrays = msg(client.get(f"{A}/attention?layer=2&head=1&seq=4&weighting=value"))
    models.AttentionMeta.model_validate(meta)
    expect = value_weighted_attention(atlas, 2, 1, 4)
    np.testing.assert_allclose(arrays["attention"], expect, atol=1e-6)
    np.testing.assert_allclose(arrays["attention"].sum(1), 1, atol=1e-5)
    assert meta["weighting"] == "value"
    row = atlas.sequence_rows(4).start + 2
    _, one = msg(client.get(f"{A}/attention?layer=2&head=1&token={row}&weighting=value"))
    np.testing.assert_allclose(one["attention"], expect[2], atol=1e-6)
    _, col = msg(client.get(f"{A}/attention?layer=2&head=1&token={row}&role=key&weighting=value"))
    np.testing.assert_allclose(col["attention"], expect[:, 2], atol=1e-6)
    error(client.get(f"{A}/attention?layer=2&head=1&seq=4&weighting=nope"), 400)


def test_missing_analysis_names_analyze(minilm_copy):
    (minilm_copy / paths.HEAD_SEQUENCES).unlink()
    (minilm_copy / paths.COMPONENTS).unlink()
    c = make_client([minilm_copy])
    assert "qkatlas analyze" in error(c.get(f"{A}/top-sequences?layer=0&head=0"), 404)
    assert "qkatlas analyze" in error(c.get(f"{A}/components?layer=0&head=0"), 404)
    (minilm_copy / paths.HEAD_METRICS).unlink()
    c = make_client([minilm_copy])
    assert "qkatlas analyze" in error(c.get(f"{A}/components?layer=0&head=0"), 404)
    shutil.rmtree(minilm_copy / paths.LAYOUTS)  # contributions need only the vectors
    q, k = _pair(Atlas.open(minilm_copy))
    assert c.get(f"{A}/contributions?layer=1&head=3&query={q}&key={k}").status_code == 200
