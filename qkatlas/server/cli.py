"""``qkatlas serve DIR [DIR...]``: the explorer on a local web server (FastAPI + uvicorn)."""

from __future__ import annotations

import errno
import socket
import threading
import webbrowser
from pathlib import Path

import typer

from qkatlas.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _check_port(host: str, port: int) -> None:
    """Fail early, with a one-line message, when the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use; pick another with --port") from None
            raise InputError(f"cannot listen on {host}:{port} ({e.strerror}); check --host/--port") from None


def serve(paths: list[Path], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False,
          log_level: str = "warning") -> None:
    """Serve the atlases at ``paths`` (atlas folders, or folders of atlases) until interrupted."""
    import uvicorn

    from qkatlas.server.app import create_app

    if not paths:
        raise InputError("give at least one atlas folder to serve")
    app = create_app([Path(p) for p in paths])
    _check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    names = ", ".join(app.state.entries)
    typer.echo(f"qkatlas explorer: {url}  (atlases: {names}; Ctrl+C to stop)", err=True)
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level=log_level)


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
        serve(paths, host=host, port=port, open_browser=not no_browser)
