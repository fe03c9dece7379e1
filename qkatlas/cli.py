"""The ``qkatlas`` command line.

Each pipeline stage owns its commands: this file holds build / info / verify / demo and lets
the other stages add theirs through ``register(app)`` (projection: layout, add; server: serve;
analysis: report). Errors on bad input are printed as one line and exit with status 2.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from qkatlas.errors import QkatlasError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="qkatlas: every attention head of a transformer at once, across a whole corpus.",
)

DEFAULT_LAYOUTS = "pca,tsne,umap"
DEFAULT_DIMS = "2"


def parse_list(value: str, allowed: tuple[str, ...], option: str) -> list[str]:
    items = [v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise QkatlasError(f"{option} {value!r}: choose from {', '.join(allowed)} (comma-separated)")
    return items


def parse_layout_options(layouts: str, dims: str) -> tuple[list[str], list[int]]:
    methods = parse_list(layouts, ("pca", "tsne", "umap", "none"), "--layouts")
    if "none" in methods:
        return [], []
    return methods, [int(d) for d in parse_list(dims, ("2", "3"), "--dims")]


@app.command()
def build(
    model: str = typer.Option(..., "--model", "-m", help="HF id, local folder, .gguf file, or demo:minilm | demo:smollm2 | demo:dinov2"),
    corpus: str = typer.Option(..., "--corpus", "-c", help=".txt (one sequence per line), .jsonl (text field), image folder, HF dataset, demo:wiki | demo:images"),
    out: Path = typer.Option(..., "--out", "-o", help="atlas folder to create (a partial build there is resumed)"),
    max_sequences: Optional[int] = typer.Option(None, "--max-sequences", "-n", min=1, help="use at most N sequences (demo:wiki: sample size, default 300)"),
    max_length: Optional[int] = typer.Option(None, "--max-length", "-L", min=2, help="truncate sequences to L tokens (default: the model's limit)"),
    layouts: str = typer.Option(DEFAULT_LAYOUTS, help="layouts to compute: pca,tsne,umap or none"),
    dims: str = typer.Option(DEFAULT_DIMS, help="layout dimensions: 2, 3 or 2,3"),
    seed: int = typer.Option(0, help="seed for corpus sampling and layouts"),
    batch_tokens: int = typer.Option(4096, min=16, help="padded tokens per forward pass (lower it to save memory)"),
    device: str = typer.Option("cpu", help="torch device for capture (cpu, cuda, mps)"),
    workers: Optional[int] = typer.Option(None, help="layout worker processes (default: number of cores)"),
    align: bool = typer.Option(True, help="align every head's layout to a common orientation"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bars"),
):
    """Capture queries and keys of every head over a corpus, then lay them out and measure heads."""
    from qkatlas.capture.runner import build as capture

    methods, dim_list = parse_layout_options(layouts, dims)
    capture(model, corpus, out, max_sequences=max_sequences, max_length=max_length, tokens_per_batch=batch_tokens, device=device, progress=not quiet, seed=seed, log=_log)
    _post_capture(out, methods, dim_list, seed, workers, align, quiet)
    _log(f"atlas ready: {out}")


def _post_capture(out: Path, methods, dims, seed, workers, align, quiet) -> None:
    """Stages that follow capture; each skips what an earlier run already finished."""
    if methods:
        from qkatlas.project.pipeline import compute_layouts

        compute_layouts(out, methods, dims, seed=seed, workers=workers, align=align, progress=not quiet, log=_log)
    from qkatlas.analysis.metrics import compute_head_metrics

    compute_head_metrics(out, progress=not quiet, log=_log)


@app.command()
def info(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    as_json: bool = typer.Option(False, "--json", help="print the manifest plus a per-head summary as JSON"),
):
    """Summarise an atlas: model, corpus, sizes, layouts and their fidelity."""
    from qkatlas.atlas.summary import summary, summary_text

    s = summary(atlas)
    typer.echo(json.dumps(s, indent=2) if as_json else summary_text(s))


@app.command()
def verify(
    model: str = typer.Option(..., "--model", "-m", help="model to check (same names as build)"),
    corpus: str = typer.Option("demo:wiki", "--corpus", "-c", help="corpus for the check"),
    n: int = typer.Option(8, "-n", min=1, help="sequences in the (padded) batch"),
):
    """Check that captured q and k reproduce the model's own attention, every layer and head."""
    from qkatlas.capture.verify import verify_model

    errors = verify_model(model, corpus, n)
    worst = errors.max()
    layer, head = map(int, divmod(int(errors.argmax()), errors.shape[1]))
    typer.echo(f"{model}: max abs attention error {worst:.2e} over {errors.size} heads (worst: layer {layer} head {head})")
    if worst > 1e-4:
        raise QkatlasError(f"{model}: captured attention differs from the model's by {worst:.2e} (> 1e-4)")


def _log(message: str) -> None:
    typer.echo(message, err=True)


for _stage in ("qkatlas.project.cli", "qkatlas.server.cli", "qkatlas.analysis.cli", "qkatlas.demo"):
    try:
        importlib.import_module(_stage).register(app)
    except ModuleNotFoundError as e:  # a stage not installed in this checkout
        if e.name != _stage:
            raise


def main() -> None:
    try:
        app()
    except QkatlasError as e:
        print(f"qkatlas: error: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("qkatlas: interrupted; run the same command again to resume", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
