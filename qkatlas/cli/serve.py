"""``qkatlas serve``: the explorer for atlas folders."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

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
        token: Optional[str] = typer.Option(None, "--token", envvar="QKATLAS_TOKEN",
                                            help="access token (required off loopback; generated and printed when not given)"),
        allow_host: list[str] = typer.Option([], "--allow-host", help="extra Host name to answer (e.g. behind a proxy); repeatable"),
        cors_origin: list[str] = typer.Option([], "--cors-origin", help="origin allowed to call the API from a browser; repeatable"),
    ):
        """Explore atlases in the browser: every head of every layer, search, attention, images.

        Listens on 127.0.0.1 by default and answers only requests addressed to it; see README "Security".
        """
        from qkatlas.server.run import serve

        serve(paths, host=host, port=port, open_browser=not no_browser, token=token, allowed_hosts=allow_host,
              cors_origins=cors_origin)
