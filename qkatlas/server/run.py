"""Running the explorer server (uvicorn) on a checked address; ``qkatlas serve`` and ``demo`` call ``serve``."""

from __future__ import annotations

import errno
import sys
import socket
import threading
import webbrowser
from pathlib import Path

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
    print(f"qkatlas explorer: {url}  (atlases: {names}; Ctrl+C to stop)", file=sys.stderr, flush=True)
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level=log_level)




class BackgroundServer:
    """The explorer in a background thread, started when there is something to show.

    ``qkatlas build --serve`` and ``qkatlas demo`` start it as soon as the first atlas has its
    capture and PCA; the server re-reads atlases as their manifests change (new layouts, new
    atlases in a served folder), so the rest appears while the user explores.
    """

    def __init__(self, paths: list[Path], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT):
        self.host, self.port = host, port
        _check_port(host, port)  # fail before any long work
        self.thread: threading.Thread | None = None
        self.server = None
        if paths:
            self.start(paths)

    @property
    def started(self) -> bool:
        return self.thread is not None

    def start(self, paths: list[Path]) -> None:
        import uvicorn

        from qkatlas.server.app import create_app

        app = create_app([Path(p) for p in paths])
        config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        shown = f"[{self.host}]" if ":" in self.host else self.host
        print(f"qkatlas explorer: http://{shown}:{self.port}/  (more appears as it is computed; Ctrl+C to stop)",
              file=sys.stderr, flush=True)

    def wait(self) -> None:
        if self.thread is not None:
            try:
                while self.thread.is_alive():
                    self.thread.join(timeout=0.5)
            except KeyboardInterrupt:
                self.server.should_exit = True
                self.thread.join(timeout=5)
