"""``qkatlas demo``: build the bundled demo atlases and serve them as soon as the first exists."""

from __future__ import annotations

from pathlib import Path

import typer

from qkatlas.cli.options import parse_layout_options


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        out: Path = typer.Option(Path("atlases"), "--out", "-o", help="folder for the demo atlases"),
        layouts: str = typer.Option("pca,tsne,umap", help="layouts to compute"),
        dims: str = typer.Option("2", help="layout dimensions: 2, 3 or 2,3"),
        serve: bool = typer.Option(True, help="serve the atlases (from the first one built on)"),
        host: str = typer.Option("127.0.0.1"),
        port: int = typer.Option(8000),
        quiet: bool = typer.Option(False, "--quiet", "-q"),
    ):
        """Build the demo atlases (MiniLM, SmolLM2, DINOv2) and serve them while the rest is computed."""
        from qkatlas.pipeline.demo import build_demos

        methods, dim_list = parse_layout_options(layouts, dims)
        server = None
        if serve:
            from qkatlas.server.run import BackgroundServer

            server = BackgroundServer([], host=host, port=port)

        def first(folder: Path) -> None:
            if server is not None:
                server.start([folder])

        build_demos(out, methods, dim_list, quiet=quiet, log=lambda m: typer.echo(m, err=True), on_first=first)
        if server is not None:
            typer.echo("all demos built; serving until Ctrl+C", err=True)
            server.wait()
