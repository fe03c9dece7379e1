"""``qkatlas export`` (a static site of the explorer) and ``qkatlas figure`` (matplotlib figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qkatlas.share.select import HEADS_HELP


def _log(message: str) -> None:
    typer.echo(message, err=True)


def register(app: typer.Typer) -> None:
    """Add the ``export`` and ``figure`` commands to the qkatlas CLI."""
    app.command("export")(export)
    app.command("figure")(figure)


def export(
    atlases: list[Path] = typer.Argument(..., help="atlas folders (or folders holding atlases), as for `qkatlas serve`"),
    out: Path = typer.Option(..., "--out", "-o", help="folder of the site (created; an earlier export there is replaced)"),
    layouts: Optional[str] = typer.Option(None, "--layouts", help="layouts to include, e.g. pca-2d,tsne-2d or tsne (default: all complete ones)"),
    heads: Optional[str] = typer.Option(None, "--heads", help=HEADS_HELP),
    sample: Optional[int] = typer.Option(None, "--sample", min=1, help="keep the first whole sequences with at most N tokens (token rows and URLs unchanged)"),
    attention: bool = typer.Option(True, "--attention/--no-attention", help="include quantised q/k so a click shows attention (the largest part)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="print only the site's size"),
):
    """A static site of the explorer (index.html, the front end, binary data files) that opens from
    any static host: python -m http.server, GitHub Pages, S3. No qkatlas server needed."""
    from qkatlas.share.export import export_site

    result = export_site(atlases, out, layouts=layouts, heads=heads, sample=sample, attention=attention,
                         log=(lambda *_: None) if quiet else _log)
    for line in result.lines():
        typer.echo(line)


def figure(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    out: Path = typer.Option(..., "--out", "-o", help="figure file: .png, .svg or .pdf"),
    layout: Optional[str] = typer.Option(None, "--layout", help="layout, e.g. tsne-2d (default: the first complete one)"),
    heads: Optional[str] = typer.Option(None, "--heads", help=HEADS_HELP),
    color: str = typer.Option("role", "--color", help="colour mode as in the explorer: role, position, mod5, punct, norm, "
                                                       "token_len, seq_len, seq, patch_row, patch_col, hue, brightness, meta:COLUMN"),
    view: Optional[str] = typer.Option(None, "--view", help="head (one panel per head; default with --heads), matrix "
                                                            "(every layer x head; default otherwise) or sequence"),
    seq: Optional[int] = typer.Option(None, "--seq", min=0, help="sequence view: the sequence (default 0)"),
    token: Optional[int] = typer.Option(None, "--token", min=0, help="sequence view: the sequence of this token row"),
    hide: bool = typer.Option(False, "--hide-special", help="sequence view: drop the first and special tokens, renormalise"),
    theme: str = typer.Option("light", "--theme", help="light or dark"),
    dpi: int = typer.Option(200, "--dpi", min=30, max=1200, help="PNG resolution (and of rasterised scatters in SVG/PDF)"),
    caption: bool = typer.Option(True, "--caption/--no-caption", help="a caption line: model, corpus, layout, fidelity"),
):
    """The explorer's scatter (head or matrix view) or sequence view, drawn with matplotlib in the
    explorer's colours, without a browser."""
    from qkatlas.share.figures import figure as draw

    path = draw(atlas, out, layout=layout, heads=heads, color=color, view=view, seq=seq, token=token, hide=hide,
                theme=theme, dpi=dpi, caption=caption)
    typer.echo(f"{path}: {path.stat().st_size / 1024:.0f} KiB")
