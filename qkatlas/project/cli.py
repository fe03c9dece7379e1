"""Projection commands: ``qkatlas layout`` (layouts for an existing atlas) and ``qkatlas add``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    app.command("layout")(layout)
    app.command("add")(add)


def layout(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    layouts: str = typer.Option("pca,tsne,umap", help="methods: pca,tsne,umap (comma-separated)"),
    dims: str = typer.Option("2", help="dimensions: 2, 3 or 2,3"),
    seed: int = typer.Option(0, help="random seed (same seed, same layouts)"),
    workers: Optional[int] = typer.Option(None, min=1, help="worker processes (default: number of cores)"),
    align: bool = typer.Option(True, help="turn every head's layout to a common orientation"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
):
    """Add layouts to an existing atlas (heads already done are skipped: re-run to resume)."""
    from qkatlas.cli import _log, parse_layout_options
    from qkatlas.project.pipeline import compute_layouts

    methods, dim_list = parse_layout_options(layouts, dims)
    compute_layouts(atlas, methods, dim_list, seed=seed, workers=workers, align=align, progress=not quiet, log=_log)


def add(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    corpus: str = typer.Option(..., "--corpus", "-c", help="new inputs, in any form `qkatlas build` takes"),
    max_sequences: Optional[int] = typer.Option(None, "--max-sequences", "-n", min=1, help="use at most N sequences"),
    seed: int = typer.Option(0, help="seed for corpus sampling"),
    device: str = typer.Option("cpu", help="torch device for capture"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bars"),
):
    """Capture new sequences and place them into the atlas's existing layouts (no refit)."""
    from qkatlas.cli import _log
    from qkatlas.project.add import add_sequences

    add_sequences(atlas, corpus, max_sequences=max_sequences, seed=seed, device=device, progress=not quiet, log=_log)
