"""``qkatlas layout`` (layouts for an existing atlas) and ``qkatlas add`` (new sequences, no refit)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qkatlas.cli.options import parse_layout_options
from qkatlas.layout import DEFAULT_FIT_SAMPLE


def register(app: typer.Typer) -> None:
    app.command("layout")(layout)
    app.command("add")(add)


def _log(message: str) -> None:
    typer.echo(message, err=True)


def layout(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    layouts: str = typer.Option("pca,tsne,umap", help="methods (comma-separated)"),
    dims: str = typer.Option("2", help="dimensions: 2, 3 or 2,3"),
    seed: int = typer.Option(0, help="random seed (same seed, same layouts)"),
    workers: Optional[int] = typer.Option(None, min=1, help="workers (default: number of cores)"),
    engine: str = typer.Option("local", help="layout engine: local (worker processes) or ray"),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster address (default: start a local one)"),
    fit_sample: int = typer.Option(DEFAULT_FIT_SAMPLE, "--fit-sample", min=100, help="fit on at most this many tokens per head; the rest is placed"),
    align: bool = typer.Option(True, help="turn every head's layout to a common orientation"),
    groups: bool = typer.Option(False, "--groups", help="grouped-query models: also one joint layout per key head and its query heads"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
):
    """Add layouts to an existing atlas (heads already done are skipped: re-run to resume)."""
    from qkatlas.layout.run import compute_layouts

    methods, dim_list = parse_layout_options(layouts, dims)
    compute_layouts(atlas, methods, dim_list, seed=seed, workers=workers, align=align, progress=not quiet, log=_log,
                    engine=engine, address=ray_address, fit_sample=fit_sample, groups=groups)


def add(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    corpus: str = typer.Option(..., "--corpus", "-c", help="new inputs, in any form `qkatlas build` takes (see its --corpus)"),
    max_sequences: Optional[int] = typer.Option(None, "--max-sequences", "-n", min=1, help="use at most N sequences"),
    seed: int = typer.Option(0, help="seed for corpus sampling"),
    device: str = typer.Option("cpu", help="torch device for capture"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bars"),
):
    """Capture new sequences and place them into the atlas's existing layouts (no refit)."""
    from qkatlas.pipeline.add import add as run

    run(atlas, corpus, max_sequences=max_sequences, seed=seed, device=device, progress=not quiet, log=_log)
