"""``qkatlas figure``: the explorer's views drawn by matplotlib in the explorer's colours, as PNG,
SVG and PDF, with a caption; pixel checks on the PNGs (written to tests/screenshots/ to look at)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from qkatlas.errors import InputError
from qkatlas.share import palette
from qkatlas.share.figures import figure

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def _png(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB")).astype(np.int16)


def _blend(rgb, alpha: int = palette.POINT_ALPHA, bg: int = 255) -> np.ndarray:
    """A point's colour over the background, as drawn (alpha 210 of 255, like the explorer's)."""
    return np.asarray(rgb) * alpha / 255 + bg * (1 - alpha / 255)


def _near(img: np.ndarray, rgb, tol: int = 12) -> int:
    return int((np.abs(img - np.array(rgb)).max(axis=2) <= tol).sum())


def test_head_view_png_in_the_explorers_colours(minilm_atlas):
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = figure(minilm_atlas, SHOTS / "figure-heads.png", layout="pca-2d", heads="L2H5,L4H2", color="role", dpi=100)
    img = _png(out)
    h, w, _ = img.shape
    assert w > 1.4 * h  # two panels side by side
    left, right = img[: int(h * 0.75), : w // 2], img[: int(h * 0.75), w // 2:]
    for panel in (left, right):
        assert _near(panel, _blend(palette.ROLE_COLORS["query"])) > 100 and _near(panel, _blend(palette.ROLE_COLORS["key"])) > 100


def test_matrix_view_draws_every_cell(minilm_atlas):
    out = figure(minilm_atlas, SHOTS / "figure-matrix.png", layout="pca-2d", color="position", dpi=60)
    img = _png(out)
    h, w, _ = img.shape
    grid = img[int(h * 0.03): int(h * 0.85), int(w * 0.03):]
    rows, cols = np.array_split(np.arange(grid.shape[0]), 6), np.array_split(np.arange(grid.shape[1]), 12)
    empty = [(i, j) for i, r in enumerate(rows) for j, c in enumerate(cols)
             if (np.abs(grid[r][:, c] - 255).max(axis=2) > 60).sum() < 20]
    assert not empty, empty
    first_q, last_k = palette.ramp_table("queries")[0], palette.ramp_table("keys")[255]
    assert _near(img, first_q, 20) > 15 and _near(img, last_k, 20) > 15


def test_sequence_view_and_hidden_tokens(minilm_atlas):
    out = figure(minilm_atlas, SHOTS / "figure-sequence.png", view="sequence", heads="L1H4", token=40, dpi=80)
    img = _png(out)
    accent = (10, 111, 194)  # light theme accent: the explorer's attention lines
    assert _near(img, accent, 30) > 200
    heat = palette.ramp_table("heat")
    assert sum(_near(img, heat[i], 6) for i in (40, 128, 200, 255)) > 50
    hidden = figure(minilm_atlas, SHOTS / "figure-sequence-hidden.png", view="sequence", heads="L1H4", token=40,
                    hide=True, dpi=80)
    assert not np.array_equal(_png(hidden), img)


def test_svg_and_pdf_and_images(minilm_atlas, dinov2_atlas, tmp_path):
    svg = figure(minilm_atlas, tmp_path / "f.svg", layout="pca-3d", heads="L0H1", color="punct")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text()
    assert "demo:minilm" in text and "layout pca-3d" in text and "fidelity L0H1" in text  # the caption, as text
    pdf = figure(dinov2_atlas, tmp_path / "f.pdf", heads="L5H*", color="hue", theme="dark")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    png = figure(dinov2_atlas, SHOTS / "figure-dinov2-hue.png", heads="L5H2,L11H0", color="hue", theme="dark", dpi=80)
    img = _png(png)
    assert _near(img, (18, 22, 27), 3) > img.shape[0] * img.shape[1] * 0.2  # the dark theme's background
    assert len(np.unique(img.reshape(-1, 3) // 32, axis=0)) > 40  # many hues


def test_bad_input_is_one_line(minilm_atlas, tmp_path):
    cases = [({"out": tmp_path / "f.jpg"}, "png, .svg or .pdf"), ({"color": "rainbow"}, "choose from role"),
             ({"layout": "umap-2d"}, "no complete layout"), ({"view": "sideways"}, "choose head"),
             ({"heads": "L7H0"}, "out of range"), ({"layout": "pca"}, "give one"), ({"theme": "blue"}, "light or dark")]
    for kwargs, pattern in cases:
        out = kwargs.pop("out", tmp_path / "f.png")
        with pytest.raises(InputError, match=pattern) as err:
            figure(minilm_atlas, out, **kwargs)
        assert "\n" not in str(err.value)
        assert not out.exists()


def test_cli(minilm_atlas, tmp_path):
    import typer
    from typer.testing import CliRunner

    from qkatlas.cli import share

    app = typer.Typer()
    share.register(app)
    out = tmp_path / "fig.svg"
    r = CliRunner().invoke(app, ["figure", str(minilm_atlas), "--layout", "pca-2d", "--heads", "L2H5,L4H2",
                                 "--color", "position", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.is_file() and str(out) in r.output
