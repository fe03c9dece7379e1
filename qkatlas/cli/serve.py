"""``qkatlas serve``: the explorer for atlas folders."""

from __future__ import annotations

from pathlib import Path

import typer

from qkatlas.server.run import DEFAULT_HOST, DEFAULT_PORT


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the qkatlas CLI."""

    @app.command("serve")
    def serve_command(
        paths: list[Path] = typer.Argument(..., help="atlas folders (or folders holding atlases) to serve"),
        host: str = typer.Option(DEFAULT_HOST, "--host", help="address to listen on"),
        port: int = typer.Option(DEFAULT_PORT, "--port", "-p", min=0, max=65535, help="port to listen on"),
        no_browser: bool = typer.Option(False, "--no-browser", help="do not open a web browser"),
    ):
        """Explore atlases in the browser: every head of every layer, search, attention, images."""
        from qkatlas.server.run import serve

        serve(paths, host=host, port=port, open_browser=not no_browser)
