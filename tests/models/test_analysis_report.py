"""`qkatlas report`: a self-contained HTML file (inline PNGs only) with the taxonomy grid and
a generated summary; the CLI's default path and its one-line errors."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from qkatlas.analysis.report.narrative import summary
from qkatlas.cli import app
from qkatlas.errors import InputError
from qkatlas.pipeline.analyze import report as write_report
from support.synth import make_atlas, repeated_ids


def _check_self_contained(text: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert "<script" not in text.lower() and "<link" not in text.lower()
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,[A-Za-z0-9+/=]{100,}"', text)
    assert "taxonomy grid" in images and "metric heatmaps" in images and "head map" in images
    assert len(re.findall(r"<img ", text)) == len(images)  # every image is inline


def test_text_report_via_cli(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["prev", "first", "uniform", "back2"], ["self", "first", "last", "uniform"]])
    result = CliRunner().invoke(app, ["report", str(atlas.path)])
    assert result.exit_code == 0, result.output
    text = (atlas.path / "report.html").read_text()
    _check_self_contained(text)
    para = re.search(r"<p id='summary'>(.*?)</p>", text, re.S).group(1)
    assert para.startswith("Of the 8 heads of synthetic") and "previous-token" in para
    assert "top previous-token heads" in text and "L0 H0" in text


def test_image_report_and_out_option(tmp_path):
    atlas = make_atlas(tmp_path / "a", [["right_patch", "uniform", "first"]], image_grid=(3, 3))
    out = write_report(atlas.path, tmp_path / "sub" / "r.html", log=lambda *_: None)
    text = out.read_text()
    _check_self_contained(text)
    assert "image_0: [CLS] attention" not in text  # titles are inside the PNGs, names listed as text
    assert "sequence 0: image_0" in text
    assert "top next-token heads" in text  # in raster order the right-hand patch is the next token


def test_report_names_induction_heads(tmp_path):
    heads = [["induction", "prev", "first", "uniform"]]
    atlas = make_atlas(tmp_path / "a", heads, (9, 13, 21), causal=True, token_ids=repeated_ids())
    text = write_report(atlas.path, log=lambda *_: None).read_text()
    _check_self_contained(text)
    assert "top induction heads" in text and "induction &gt;= 0.3 (1.00)" in text
    assert "1 induction head" in re.search(r"<p id='summary'>(.*?)</p>", text, re.S).group(1)


def test_cli_errors_are_input_errors(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path / "missing")])
    assert isinstance(result.exception, InputError) and "no such atlas folder" in str(result.exception)
    atlas = make_atlas(tmp_path / "a", [["prev"]])
    result = CliRunner().invoke(app, ["report", str(atlas.path), "--out", str(tmp_path)])
    assert isinstance(result.exception, InputError) and "is a folder" in str(result.exception)
    assert "\n" not in str(result.exception)


def test_summary_names_layers_and_sinks():
    import pandas as pd

    rows = [(0, h, "previous-token" if h < 3 else "broad") for h in range(4)]
    rows += [(layer, h, "first-token") for layer in (1, 2, 3) for h in range(4)]
    df = pd.DataFrame(rows, columns=["layer", "head", "label"])
    for col in ["prev_token", "local", "first_token", "special", "vw_first_token", "vw_special"]:
        df[col] = 0.5
    df["vw_first_token"] = df["vw_special"] = 0.05
    text = summary(df, "m")
    assert "Of the 16 heads of m, the taxonomy finds 12 first-token sinks, 3 previous-token heads and 1 broad head." in text
    assert "Layer 0 holds mostly previous-token heads and layers 1-3 mostly first-token sinks." in text
    assert "contributes little" in text
