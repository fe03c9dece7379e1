"""Who may talk to the server: Host-header check (DNS rebinding), access token off loopback, headers.

* **Host check.** A page on ``evil.example`` can re-point its name at 127.0.0.1 and then read a
  loopback server as same-origin; the request still carries ``Host: evil.example:PORT``. So only
  the names the server was started for are answered: on loopback ``127.0.0.1``, ``localhost`` and
  ``[::1]`` with the server's port; off loopback also the bound address, the machine's names,
  and IP literals (an IP literal cannot be rebound), plus ``allowed_hosts``. Others get 403.
* **Token.** Bound off loopback, every request needs the token: ``Authorization: Bearer TOKEN``,
  ``X-Qkatlas-Token: TOKEN``, or the cookie that visiting ``/?token=TOKEN`` sets (then the browser
  is redirected to the URL without the token). Missing or wrong: 401.
* **CORS** stays closed (no ``Access-Control-Allow-Origin``) unless origins are given.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse, RedirectResponse

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::", ""})
TOKEN_HEADER = "x-qkatlas-token"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def split_host(value: str) -> tuple[str, int | None] | None:
    """``Host`` header -> (lower-case name, port or None); None when malformed."""
    value = value.strip().lower()
    if not value:
        return None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1:]
        if rest and not rest.startswith(":"):
            return None
        port = rest[1:] if rest else None
    else:
        name, _, port = value.partition(":")
        port = port if _ else None
        if ":" in (port or ""):
            return None
    if port is not None:
        if not port.isdigit() or len(port) > 5:
            return None
        port = int(port)
    return name.rstrip("."), port


def machine_names() -> set[str]:
    """This machine's host names and addresses (for a server bound to every interface)."""
    names: set[str] = set()
    try:
        host = socket.gethostname()
        names |= {host.lower(), socket.getfqdn().lower()}
        for info in socket.getaddrinfo(host, None):
            names.add(str(info[4][0]).lower())
    except OSError:
        pass
    return names


@dataclass
class Guard:
    """The access policy of one server (see the module docstring)."""

    host: str = "127.0.0.1"
    port: int | None = None  # None: the port the request arrived on (ASGI scope)
    token: str | None = None
    allowed_hosts: list[str] = field(default_factory=list)  # extra names ("name" or "name:port"); "*" = any

    def __post_init__(self):
        self.loopback = is_loopback(self.host)
        names = set(LOOPBACK_NAMES)
        if not self.loopback:
            bind = self.host.strip("[]").lower()
            if bind in WILDCARD:
                names |= machine_names()
            else:
                names.add(bind)
        self.names = names
        self.extra: list[tuple[str, int | None]] = []
        self.any_host = "*" in self.allowed_hosts
        for h in self.allowed_hosts:
            if h != "*" and (parsed := split_host(h)) is not None:
                self.extra.append(parsed)
        self.any_ip = not self.loopback and self.host.strip("[]") in WILDCARD

    # ---- Host ----------------------------------------------------------------------------------------
    def host_allowed(self, value: str | None, server_port: int | None) -> bool:
        if self.any_host:
            return True
        parsed = split_host(value or "")
        if parsed is None:
            return False
        name, port = parsed
        for xname, xport in self.extra:
            if name == xname and (xport is None or xport == port):
                return True
        if name not in self.names and not (self.any_ip and _is_ip(name)):
            return False
        expected = self.port if self.port is not None else server_port
        if expected is None:
            return True
        return (port if port is not None else 80) == expected

    # ---- token -------------------------------------------------------------------------------------
    def cookie_name(self, server_port: int | None) -> str:
        port = self.port if self.port is not None else server_port
        return f"qkatlas-token-{port or 0}"

    def token_ok(self, candidate: str | None) -> bool:
        return bool(self.token) and candidate is not None and hmac.compare_digest(candidate.encode(), self.token.encode())

    def presented(self, headers: Headers, server_port: int | None) -> str | None:
        auth = headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        if TOKEN_HEADER in headers:
            return headers[TOKEN_HEADER]
        for part in headers.get("cookie", "").split(";"):
            k, _, v = part.strip().partition("=")
            if k == self.cookie_name(server_port):
                return v
        return None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=dict((k.decode(), v.decode()) for k, v in SECURITY_HEADERS))


class GuardMiddleware:
    """ASGI middleware applying a ``Guard`` before anything else answers."""

    def __init__(self, app, guard: Guard):
        self.app = app
        self.guard = guard

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        g = self.guard
        headers = Headers(scope=scope)
        server = scope.get("server")
        server_port = server[1] if server and len(server) > 1 else None
        host = headers.get("host")
        if not g.host_allowed(host, server_port):
            shown = (host or "")[:100]
            return await _error(403, f"Host {shown!r} is not a name this server answers (protection against DNS "
                                     "rebinding); open it as http://127.0.0.1:PORT/ or http://localhost:PORT/, or "
                                     "start it with that name allowed")(scope, receive, send)
        if g.token:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
            if "token" in query and scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
                if not g.token_ok(query["token"]):
                    return await _error(401, "wrong token in the URL; use the URL the server printed at start")(scope, receive, send)
                rest = urlencode([(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True) if k != "token"])
                target = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
                if not target.startswith("/") or target.startswith("//"):
                    target = "/"
                r = RedirectResponse(target, status_code=303)
                r.set_cookie(g.cookie_name(server_port), g.token, httponly=True, samesite="strict", path="/")
                for k, v in SECURITY_HEADERS:
                    r.headers[k.decode()] = v.decode()
                return await r(scope, receive, send)
            if not g.token_ok(g.presented(headers, server_port)):
                return await _error(401, "this server needs its access token: open the URL it printed at start "
                                         "(/?token=...), or send 'Authorization: Bearer TOKEN' or "
                                         "'X-Qkatlas-Token: TOKEN'")(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS:
                    if k.decode() not in h:
                        h.append(k.decode(), v.decode())
            await send(message)

        return await self.app(scope, receive, send_with_headers)
