"""Head metrics and taxonomy on heads with exactly known attention (synthetic atlases), checked
against known answers and against a naive per-query reference implementation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qkatlas.analysis import metrics, taxonomy
from qkatlas.analysis.metrics import METRICS, head_metrics
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas, read_manifest
from qkatlas.errors import StaleResultError
from qkatlas.pipeline.analyze import analyze
from support.synth import analyzed, make_atlas, repeated_ids

ENCODER_HEADS = ["prev", "next", "self", "first", "last", "uniform", "back2", "first_last"]
LENGTHS = (6, 9, 12)


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    return analyzed(make_atlas(tmp_path_factory.mktemp("enc") / "atlas", [ENCODER_HEADS, ["uniform"] * 8], LENGTHS))


@pytest.fixture(scope="module")
def decoder(tmp_path_factory):
    heads = [["prev", "self", "first", "uniform", "back2", "next"]]
    return analyzed(make_atlas(tmp_path_factory.mktemp("dec") / "atlas", heads, LENGTHS, causal=True, kv_head_of=[0] * 6))


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Repeated sequences ([CLS] + L tokens twice): copying heads next to the usual ones; causal."""
    heads = [["induction", "duplicate", "prev", "first", "uniform", "back2"]]
    return analyzed(make_atlas(tmp_path_factory.mktemp("copies") / "atlas", heads, (9, 13, 21), causal=True,
                               token_ids=repeated_ids()))


def _row(df, layer, head):
    return df[(df["layer"] == layer) & (df["head"] == head)].iloc[0]


def reference_metrics(atlas, layer, head) -> dict:
    """Every metric computed the slow, obvious way: one query at a time."""
    t = atlas.tokens
    acc = {name: [] for name in METRICS}
    key_share, key_w = [], []
    vnorm = atlas.value_norms(layer, head)
    ids = t["token_id"].to_numpy()
    for s in range(len(atlas.sequences)):
        rows = atlas.sequence_rows(s)
        a = atlas.attention(layer, head, s).astype(np.float64)
        n = a.shape[0]
        special = t["is_special"].to_numpy()[rows]
        v = vnorm[rows]
        queries = [i for i in range(n) if (i + 1 if atlas.causal else n) >= 2]
        for i in queries:
            p = a[i]
            w = p * v / (p * v).sum()
            allowed = i + 1 if atlas.causal else n
            h = -sum(x * np.log(x) for x in p if x > 0)
            acc["entropy"].append(h)
            acc["entropy_norm"].append(h / np.log(allowed))
            acc["top1"].append(p.max())
            acc["top5"].append(np.sort(p)[::-1][:5].sum())
            acc["argmax_offset"].append(int(np.argmax(p)) - i)
            near = [j for j in range(n) if abs(j - i) <= 2]
            tid = ids[rows]
            earlier = [j for j in range(i) if tid[j] == tid[i] and not special[j] and not special[i]]
            if earlier:
                acc.setdefault("duplicate_token", []).append(p[earlier].sum())
            after = [j + 1 for j in earlier if j + 1 < i]
            if after:
                acc.setdefault("induction", []).append(p[after].sum())
            for name, x in (("", p), ("vw_", w)):
                acc.setdefault(name + "first_token", []).append(x[0])
                acc.setdefault(name + "special", []).append(x[special].sum())
                acc.setdefault(name + "self", []).append(x[i])
                acc.setdefault(name + "local", []).append(x[near].sum())
                if i > 0:
                    acc.setdefault(name + "prev_token", []).append(x[i - 1])
                if i < n - 1:
                    acc.setdefault(name + "next_token", []).append(x[i + 1])
        cols = a[queries].mean(axis=0)
        key_share.append(cols.max())
        key_w.append(len(queries))
    out = {k: float(np.mean(v)) for k, v in acc.items() if v and k not in ("offset_mode", "offset_mode_share", "qk_separation", "max_key_share")}
    for name in metrics.REPEAT_METRICS:  # defined over queries whose token occurred before; NaN when too few
        out[name] = float(np.mean(acc[name])) if len(acc.get(name, [])) >= metrics.MIN_REPEAT_QUERIES else float("nan")
    offsets = np.array(acc["argmax_offset"])
    values, counts = np.unique(offsets, return_counts=True)
    out["offset_mode"] = int(values[counts.argmax()])
    out["offset_mode_share"] = counts.max() / len(offsets)
    out["max_key_share"] = float(np.average(key_share, weights=key_w))
    shift, c = atlas.normalization(layer, head)
    q, k = atlas.queries(layer, head) / c, atlas.keys(layer, head) * c
    spread = np.sqrt((((q - q.mean(0)) ** 2).sum(1).mean() + ((k - k.mean(0)) ** 2).sum(1).mean()) / 2)
    out["qk_separation"] = float(np.linalg.norm(q.mean(0) - k.mean(0)) / spread)
    return out


@pytest.mark.parametrize("which", ["encoder", "decoder", "copies"])
def test_every_metric_matches_the_naive_reference(which, request):
    atlas = request.getfixturevalue(which)
    df = metrics.measure(atlas)  # every metric, also those heads.parquet does not store (yet)
    stored = head_metrics(atlas)
    assert set(METRICS) <= set(df.columns)
    for layer, head in atlas.heads:
        ref = reference_metrics(atlas, layer, head)
        got = _row(df, layer, head)
        for name in METRICS:
            assert got[name] == pytest.approx(ref[name], abs=2e-4, nan_ok=True), (which, layer, head, name)
        row = _row(stored, layer, head)
        for name in set(METRICS) & set(stored.columns):
            assert row[name] == pytest.approx(got[name], abs=1e-9, nan_ok=True), (which, layer, head, name)
        assert row["label"] == got["label"]


def test_known_answers_encoder(encoder):
    df = head_metrics(encoder)
    n_queries = sum(LENGTHS)
    prev = _row(df, 0, 0)
    assert prev["prev_token"] == pytest.approx(1, abs=1e-6)
    assert prev["label"] == "previous-token" and prev["rule"].startswith("prev_token >= 0.5")
    assert prev["offset_mode"] == -1 and prev["offset_mode_share"] == pytest.approx((n_queries - 3) / n_queries)
    assert _row(df, 0, 1)["next_token"] == pytest.approx(1, abs=1e-6) and _row(df, 0, 1)["label"] == "next-token"
    me = _row(df, 0, 2)
    assert me["self"] == pytest.approx(1, abs=1e-6) and me["label"] == "self"
    assert me["entropy"] == pytest.approx(0, abs=1e-4) and me["top1"] == pytest.approx(1, abs=1e-6)
    first = _row(df, 0, 3)
    assert first["first_token"] == pytest.approx(1, abs=1e-6) and first["special"] == pytest.approx(1, abs=1e-6)
    assert first["max_key_share"] == pytest.approx(1, abs=1e-6) and first["label"] == "first-token"
    last = _row(df, 0, 4)
    assert last["special"] == pytest.approx(1, abs=1e-6) and last["first_token"] < 1e-6
    assert last["label"] == "special-token"
    uni = _row(df, 0, 5)
    assert uni["entropy"] == pytest.approx(sum(n * np.log(n) for n in LENGTHS) / n_queries, abs=1e-5)
    assert uni["entropy_norm"] == pytest.approx(1, abs=1e-5) and uni["label"] == "broad"
    assert uni["top1"] == pytest.approx(len(LENGTHS) / n_queries, abs=1e-6)  # mean of 1/n over queries
    assert uni["max_key_share"] == pytest.approx(len(LENGTHS) / n_queries, abs=1e-6)
    back2 = _row(df, 0, 6)
    assert back2["offset_mode"] == -2 and back2["label"] == "positional" and back2["rule"].startswith("local >= 0.5")
    half = _row(df, 0, 7)
    assert half["top1"] == pytest.approx(0.5, abs=1e-6) and half["top5"] == pytest.approx(1, abs=1e-6)
    assert half["entropy"] == pytest.approx(np.log(2), abs=1e-5)
    assert (df.loc[df["layer"] == 1, "label"] == "broad").all()


def test_known_answers_decoder(decoder):
    df = head_metrics(decoder)
    assert (df["next_token"] == 0).all()  # causal: nothing after the query
    labels = dict(zip(df["head"], df["label"]))
    assert labels[0] == "previous-token" and labels[1] == "self" and labels[2] == "first-token"
    assert labels[3] == "broad" and labels[4] == "positional"
    uni = _row(df, 0, 3)  # causal uniform: each query spreads over its i + 1 allowed keys
    queries = [i for n in LENGTHS for i in range(1, n)]
    assert uni["entropy"] == pytest.approx(np.mean([np.log(i + 1) for i in queries]), abs=1e-5)
    assert uni["entropy_norm"] == pytest.approx(1, abs=1e-5)
    assert _row(df, 0, 0)["prev_token"] == pytest.approx(1, abs=1e-6)  # query 0 (no choice) excluded


def test_copying_heads_on_repeated_sequences(copies):
    df = metrics.measure(copies)
    ind, dup, prev = _row(df, 0, 0), _row(df, 0, 1), _row(df, 0, 2)
    assert ind["induction"] == pytest.approx(1, abs=1e-6) and ind["label"] == "induction"
    assert ind["rule"].startswith("induction >= 0.3 (1.00)")
    assert dup["duplicate_token"] == pytest.approx(1, abs=1e-6) and dup["induction"] < 1e-6 and dup["label"] != "induction"
    assert prev["label"] == "previous-token" and prev["induction"] < 1e-6
    assert (df.loc[df["head"] >= 3, "label"] != "induction").all()
    assert head_metrics(copies).set_index("head").loc[0, "label"] == "induction"  # stored label too


def test_no_repeated_tokens_means_no_induction_score(encoder):
    df = metrics.measure(encoder)
    assert df["induction"].isna().all() and df["duplicate_token"].isna().all()
    assert "induction" not in set(df["label"])


def test_value_weighting_discounts_a_sink_with_tiny_values(tmp_path):
    atlas = analyzed(make_atlas(tmp_path / "a", [["first_last", "self"]], LENGTHS, value_norms=lambda i, n: 0.01 if i == 0 else 1.0))
    row = _row(head_metrics(atlas), 0, 0)
    assert row["first_token"] == pytest.approx(0.5, abs=1e-6)
    assert row["vw_first_token"] == pytest.approx(0.01 / 1.01, abs=2e-4)  # 0.5 * 0.01 / (0.5 * 0.01 + 0.5 * 1)
    assert row["vw_special"] == pytest.approx(1, abs=1e-6)  # [SEP] is special too
    assert _row(head_metrics(atlas), 0, 1)["vw_self"] == pytest.approx(1, abs=1e-6)


def test_stored_once_and_stale_is_a_clear_error(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["prev", "first"]], LENGTHS)
    logs = []
    assert analyze(atlas.path, progress=False, log=logs.append) == atlas.path
    out = atlas.path / paths.HEAD_METRICS
    assert out.is_file() and (atlas.path / paths.AGGREGATE).is_file()
    assert atlas.analysis_stamp()["n_tokens"] == atlas.n_tokens and atlas.analysis_current
    assert read_manifest(atlas.path)["analysis"]["heads"] == paths.HEAD_METRICS
    assert not list(atlas.path.glob(".*.tmp"))  # atomic writes leave no temporaries
    mtime = out.stat().st_mtime_ns
    analyze(atlas.path, progress=False, log=logs.append)
    assert out.stat().st_mtime_ns == mtime and "up to date" in logs[-1]
    pd.read_parquet(out).to_parquet(out)  # same table, but without the stamp: stale
    stripped = out.stat().st_mtime_ns
    fresh = Atlas.open(atlas.path)
    assert not fresh.analysis_current
    with pytest.raises(StaleResultError, match=r"out of date; run `qkatlas analyze "):
        fresh.head_metrics()  # a read never recomputes
    with pytest.raises(StaleResultError, match="qkatlas analyze"):
        fresh.aggregate()
    assert out.stat().st_mtime_ns == stripped  # the reads wrote nothing
    analyze(atlas.path, progress=False, log=logs.append)
    assert Atlas.open(atlas.path).analysis_current and "heads in" in logs[-1]


def test_reading_before_analyze_is_a_clear_error_then_fidelity_is_merged(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["prev", "first"]], LENGTHS)
    fid = pd.DataFrame({"layer": [0, 0, 0], "head": [0, 1, 0], "layout": ["tsne-2d", "tsne-2d", "pca-2d"],
                        "fidelity": [0.9, 0.4, 0.7]})
    fid.to_parquet(atlas.path / paths.FIDELITY)
    with pytest.raises(StaleResultError, match=r"head analysis is missing; run `qkatlas analyze .*a`"):
        atlas.head_metrics()  # no heads.parquet yet: never computed inside a read
    assert not (atlas.path / paths.HEAD_METRICS).exists()
    df = analyzed(atlas).head_metrics()
    assert list(df[["layer", "head"]].itertuples(index=False, name=None)) == [(0, 0), (0, 1)]
    assert list(df["fidelity_tsne-2d"]) == [0.9, 0.4]
    assert df["fidelity_pca-2d"].iloc[0] == 0.7 and np.isnan(df["fidelity_pca-2d"].iloc[1])
    assert {"label", "rule", "map_x", "map_y"} <= set(df.columns)


def test_taxonomy_rules_order_and_text():
    base = {m: 0.0 for m in taxonomy.THRESHOLDS} | {"offset_mode": -3}
    assert taxonomy.classify(base) == ("content", "no rule holds")
    assert taxonomy.classify(base | {"prev_token": 0.6, "first_token": 0.9})[0] == "previous-token"  # order
    # a special-token sink mostly on position 0 is a first-token sink; otherwise special-token
    assert taxonomy.classify(base | {"special": 0.55, "first_token": 0.45})[0] == "first-token"
    assert taxonomy.classify(base | {"special": 0.55, "first_token": 0.1})[0] == "special-token"
    label, rule = taxonomy.classify(base | {"offset_mode_share": 0.7})
    assert label == "positional" and rule == "offset_mode_share >= 0.5 (0.70, offset -3)"
    assert taxonomy.classify(base | {"entropy_norm": 0.9, "local": 0.9})[0] == "broad"
    assert set(taxonomy.LABELS) == set(taxonomy.COLORS) == set(taxonomy.DESCRIPTIONS) == set(taxonomy.RULE_TEXTS)


def test_long_sequences_in_chunks_of_heads_give_the_same_results(tmp_path, monkeypatch):
    """Memory bound: a sequence whose attention exceeds the budget goes a few heads at a time."""
    from qkatlas.analysis import streaming

    heads = [["prev", "first", "uniform"], ["self", "back2", "last"]]
    whole = make_atlas(tmp_path / "whole", heads, LENGTHS, kv_head_of=[0, 0, 1])
    chunked = make_atlas(tmp_path / "chunked", heads, LENGTHS, kv_head_of=[0, 0, 1])
    expected, a = metrics.compute(whole)
    monkeypatch.setattr(streaming, "ATTENTION_BUDGET", 100)  # < 12 x 12: one head per batch
    got, b = metrics.compute(chunked)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, atol=1e-9)
    assert set(a) == set(b)
    for name in a:
        np.testing.assert_allclose(a[name], b[name], atol=1e-7, equal_nan=True)
