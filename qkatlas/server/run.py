"""Running the explorer server (uvicorn) on a checked address; ``qkatlas serve`` and ``demo`` call ``serve``.

Bound to loopback (the default) the server answers only Host names of loopback with its port.
Bound to any other address it needs an access token: ``token`` (or ``$QKATLAS_TOKEN``), else a
new one; the URL printed at start carries it once (``/?token=...``), which sets a cookie.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Iterable

from qkatlas.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_ENV = "QKATLAS_TOKEN"


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


def _security(host: str, token: str | None) -> str | None:
    """The token to require (None on loopback unless one is given); warns when binding off loopback."""
    from qkatlas.server.security import is_loopback, new_token

    token = token or os.environ.get(TOKEN_ENV) or None
    if is_loopback(host):
        return token
    print(f"WARNING: serving on {host}, reachable from other machines. Every request needs the access token "
          "printed below; anyone with it can read the served atlases. Use --host 127.0.0.1 to stay local.",
          file=sys.stderr, flush=True)
    return token or new_token()


def _url(host: str, port: int, token: str | None) -> str:
    from qkatlas.server.security import WILDCARD

    shown = "127.0.0.1" if host in WILDCARD else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(paths: list[Path], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False,
          log_level: str = "warning", token: str | None = None, allowed_hosts: Iterable[str] = (),
          cors_origins: Iterable[str] = ()) -> None:
    """Serve the atlases at ``paths`` (atlas folders, or folders of atlases) until interrupted."""
    import uvicorn

    from qkatlas.server.app import create_app

    if not paths:
        raise InputError("give at least one atlas folder to serve")
    token = _security(host, token)
    app = create_app([Path(p) for p in paths], host=host, port=port, token=token, allowed_hosts=allowed_hosts,
                     cors_origins=cors_origins)
    _check_port(host, port)
    url = _url(host, port, token)
    names = ", ".join(app.state.registry.entries)
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

    def __init__(self, paths: list[Path], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 token: str | None = None, allowed_hosts: Iterable[str] = ()):
        self.host, self.port = host, port
        self.allowed_hosts = list(allowed_hosts)
        _check_port(host, port)  # fail before any long work
        self.token = _security(host, token)
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

        app = create_app([Path(p) for p in paths], host=self.host, port=self.port, token=self.token,
                         allowed_hosts=self.allowed_hosts)
        config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        print(f"qkatlas explorer: {_url(self.host, self.port, self.token)}  (more appears as it is computed; "
              "Ctrl+C to stop)", file=sys.stderr, flush=True)

    def wait(self) -> None:
        if self.thread is not None:
            try:
                while self.thread.is_alive():
                    self.thread.join(timeout=0.5)
            except KeyboardInterrupt:
                self.server.should_exit = True
                self.thread.join(timeout=5)
