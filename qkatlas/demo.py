"""`qkatlas demo`: build the three bundled demo atlases (text encoder, text decoder, vision),
their reports, and serve them. Every step skips what a previous run already finished."""

from __future__ import annotations

from pathlib import Path

import typer

DEMOS = [
    # (folder, model, corpus, max_sequences)
    ("minilm-wiki", "demo:minilm", "demo:wiki", 300),
    ("smollm2-wiki", "demo:smollm2", "demo:wiki", 120),
    ("dinov2-images", "demo:dinov2", "demo:images", None),
]


def build_demos(out: Path, layouts: list[str], dims: list[int], quiet: bool = False, log=print) -> list[Path]:
    from qkatlas.atlas.summary import summary, summary_text
    from qkatlas.capture.runner import build
    from qkatlas.cli import _post_capture

    paths = []
    for folder, model, corpus, n in DEMOS:
        path = out / folder
        log(f"== {model} x {corpus} -> {path}")
        build(model, corpus, path, max_sequences=n, progress=not quiet, log=log)
        _post_capture(path, layouts, dims, seed=0, workers=None, align=True, quiet=quiet)
        _report(path, log)
        log(summary_text(summary(path)))
        paths.append(path)
    return paths


def _report(path: Path, log) -> None:
    try:
        from qkatlas.analysis.report import write_report
    except ModuleNotFoundError:
        return
    report = path / "report.html"
    if not report.exists():
        write_report(path, report)
    log(f"report: {report}")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        out: Path = typer.Option(Path("atlases"), "--out", "-o", help="folder for the demo atlases"),
        layouts: str = typer.Option("pca,tsne,umap", help="layouts to compute"),
        dims: str = typer.Option("2", help="layout dimensions: 2, 3 or 2,3"),
        serve: bool = typer.Option(True, help="serve the atlases when they are built"),
        host: str = typer.Option("127.0.0.1"),
        port: int = typer.Option(8000),
        quiet: bool = typer.Option(False, "--quiet", "-q"),
    ):
        """Build the demo atlases (MiniLM, SmolLM2, DINOv2) and serve them."""
        from qkatlas.cli import _log, parse_layout_options

        methods, dim_list = parse_layout_options(layouts, dims)
        paths = build_demos(out, methods, dim_list, quiet=quiet, log=_log)
        if serve:
            from qkatlas.server.cli import serve as serve_atlases

            serve_atlases(paths, host=host, port=port)
