"""``qkatlas compare``: heads of two atlases of the same corpus matched one to one. A copy of an
atlas whose per-layer files are permuted (manifest unchanged) is matched back to the permutation."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from qkatlas.analysis.compare import compare_atlases, match
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError
from qkatlas.pipeline.compare import compare
from support.shuffled import shuffled_copy
from support.synth import analyzed, make_atlas

HEADS = [["prev", "first"], ["self", "last"], ["back2", "uniform"], ["next", "first_last"]]
PERM = [2, 0, 3, 1]  # layer l of the copy holds layer PERM[l] of the original


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("cmp")
    a = analyzed(make_atlas(root / "a", HEADS, (6, 9, 12, 8)))
    b = shuffled_copy(a.path, root / "b", PERM)
    return a.path, b


def test_shuffled_layers_are_found(pair, tmp_path):
    a, b = pair
    logs = []
    result = compare(a, b, tmp_path / "out", log=logs.append)
    inverse = np.argsort(PERM)  # original layer l sits at layer inverse[l] of the copy
    m = result.matches
    assert len(m) == 8
    for r in m.itertuples():
        assert (r.layer_b, r.head_b) == (inverse[r.layer_a], r.head_a)
        assert r.similarity == pytest.approx(1, abs=1e-5) and r.label_a == r.label_b
    s = result.summary
    assert {int(k): v["layer_b"] for k, v in s["layer_map"].items()} == {l: int(inverse[l]) for l in range(4)}
    assert s["sequences_compared"] == 4 and s["label_agreement"] == 1.0 and s["same_corpus"]
    assert any("computing it in memory" in line for line in logs)  # the copy has no stored analysis
    assert not (b / paths.HEAD_METRICS).exists()  # ... and compare never writes into an atlas
    out = tmp_path / "out"
    sim = np.load(out / "similarity.npy")
    assert sim.shape == (8, 8) and sim.dtype == np.float32
    assert np.load(out / "attention_similarity.npy").shape == (8, 8) and (out / "metric_similarity.npy").is_file()
    table = pd.read_parquet(out / "matches.parquet")
    assert list(table.columns) == ["layer_a", "head_a", "layer_b", "head_b", "similarity", "attention_similarity",
                                   "metric_similarity", "label_a", "label_b"]
    assert json.loads((out / "summary.json").read_text())["matched"] == 8
    assert any("layers of A -> layer of B" in line for line in logs)


def test_metrics_alone_still_match_distinct_heads(pair):
    a, b = (Atlas.open(p) for p in pair)
    from qkatlas.analysis.metrics import compute

    result = compare_atlases(a, b, *compute(a), *compute(b), attention_weight=0.0)
    assert result.attention_weight == 0.0
    inverse = np.argsort(PERM)
    hits = sum((r.layer_b, r.head_b) == (inverse[r.layer_a], r.head_a) for r in result.matches.itertuples())
    assert hits >= 6  # behaviour vectors tell most heads apart; attention patterns settle the rest


def test_matching_is_one_to_one_and_optimal():
    sim = np.array([[0.9, 0.8, 0.1], [0.85, 0.1, 0.1], [0.1, 0.2, 0.3]])
    rows, cols = match(sim)
    assert sorted(cols) == [0, 1, 2] and list(cols) == [1, 0, 2]  # greedy would give row 0 col 0


def test_cli_and_errors(pair, tmp_path):
    from qkatlas.cli.compare import register

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps typer in multi-command mode
    a, b = pair
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "--out", str(tmp_path / "c"), "--sequences", "2"])
    assert result.exit_code == 0, result.output
    assert "8 heads matched" in result.output and (tmp_path / "c" / "matches.parquet").is_file()
    assert json.loads((tmp_path / "c" / "summary.json").read_text())["sequences_compared"] == 2
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        compare(a, b, tmp_path / "file", log=lambda *_: None)
    img = analyzed(make_atlas(tmp_path / "img", [["right_patch", "uniform"]], image_grid=(3, 3)))
    with pytest.raises(InputError, match="image atlas"):
        compare(a, img.path, tmp_path / "d", log=lambda *_: None)
