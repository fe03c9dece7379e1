"""The explorer's API answered in-process, without HTTP: what the notebook widget's kernel side
calls for each request that the front end sends over the widget's comm channel.

Requests are the HTTP API's own paths under ``/api`` and parameters (``"/atlas/minilm/layout/pca-2d"``,
``{"layer": 3}``: ``web/src/api/http.ts`` builds them, its transport is the only part that
differs), answered by the same ``qkatlas.server.service`` calls the routes make, with the same
checks, errors (``{"error": ...}`` and a status) and bytes. The route table below mirrors
``qkatlas/server/routes``; ``tests/share/test_bridge.py`` compares both on every endpoint.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from qkatlas.errors import AtlasFormatError, InputError, StaleResultError

INT32 = 2**31 - 1


@dataclass
class Reply:
    status: int
    kind: str  # "json" | "binary" | "png"
    body: bytes

    @property
    def ok(self) -> bool:
        return self.status < 400


class BadParam(Exception):
    """A parameter the route would refuse (400), worded as the HTTP API words it."""


def _int(params: dict, name: str, default: Any = ..., lo: int = 0, hi: int = INT32) -> int | None:
    v = params.get(name)
    if v is None or v == "":
        if default is ...:
            raise BadParam(f"parameter '{name}': Field required")
        return default
    try:
        if isinstance(v, bool) or (isinstance(v, float) and not v.is_integer()):
            raise ValueError
        n = int(v)
    except (TypeError, ValueError):
        raise BadParam(f"parameter '{name}': Input should be a valid integer, unable to parse string as an integer "
                       f"(got {str(v)[:80]!r})") from None
    if not lo <= n <= hi:
        raise BadParam(f"{name} {n}: out of range, must be >= {lo}" if n < lo else f"{name} {n}: out of range, must be <= {hi}")
    return n


def _bool(params: dict, name: str) -> bool:
    v = params.get(name)
    if v is None or isinstance(v, bool):
        return bool(v)
    s = str(v).lower()
    if s in ("1", "true", "yes", "on"):
        return True
    if s in ("0", "false", "no", "off", ""):
        return False
    raise BadParam(f"parameter '{name}': not a boolean (got {s[:80]!r})")


def _str(params: dict, name: str, default: str | None = None, max_len: int = 1000) -> str | None:
    v = params.get(name)
    if v is None:
        return default
    s = str(v)
    if len(s) > max_len:
        raise BadParam(f"parameter '{name}': at most {max_len} characters")
    return s


class ApiBridge:
    """Answers the explorer's requests for the atlases at ``paths`` (as ``qkatlas serve`` does)."""

    def __init__(self, paths: list):
        from qkatlas.server.errors import Scrubber
        from qkatlas.server.registry import Registry
        from qkatlas.server.service import AtlasService

        self.registry = Registry([Path(p) for p in paths])
        self.service = AtlasService()
        self.scrub = Scrubber(self.registry.roots)
        s = self.service
        J, B, P = "json", "binary", "png"
        # (pattern under /atlas/{aid}, kind, answer(snap, params, match)) as in qkatlas/server/routes
        self.routes: list[tuple[re.Pattern, str, Callable]] = [(re.compile(p), k, f) for p, k, f in [
            (r"", J, lambda sn, q, m: s.info(sn)),
            (r"/head", J, lambda sn, q, m: s.head_info(sn, _int(q, "layer"), _int(q, "head"))),
            (r"/tokens", B, lambda sn, q, m: s.tokens_message(sn, [c.strip() for c in (_str(q, "columns", max_len=2000) or "").split(",") if c.strip()] or None)),
            (r"/sequences", J, lambda sn, q, m: s.sequences_json(sn, _int(q, "offset", 0), _int(q, "limit", None, lo=1))),
            (r"/sample", B, lambda sn, q, m: s.sample_message(sn, _int(q, "size", lo=1))),
            (r"/layout/(?P<name>[^/]{1,100})", B, lambda sn, q, m: s.layout_message(
                sn, m["name"], _int(q, "layer", None), _int(q, "head", None), _int(q, "sample", None, lo=1), _bool(q, "partial"))),
            (r"/norms", B, lambda sn, q, m: s.norms_message(sn, _int(q, "layer", None), _int(q, "head", None), _int(q, "sample", None, lo=1))),
            (r"/attention", B, lambda sn, q, m: s.attention_message(
                sn, _int(q, "layer"), _int(q, "head"), _int(q, "seq", None), _int(q, "token", None), _role(q),
                _str(q, "weighting", "plain", max_len=20))),
            (r"/aggregate", B, lambda sn, q, m: s.aggregate_message(sn, _int(q, "layer"), _int(q, "head"), _bool(q, "weighted"))),
            (r"/search", B, lambda sn, q, m: s.search_message(sn, _str(q, "q") if "q" in q else _missing("q"), _bool(q, "regex"),
                                                                _bool(q, "case"), _str(q, "column", "token"))),
            (r"/heads", J, lambda sn, q, m: s.heads_json(sn)),
            (r"/similar", J, lambda sn, q, m: s.similar(sn, _int(q, "layer"), _int(q, "head"), _int(q, "k", 8, lo=1, hi=1000))),
            (r"/fidelity", J, lambda sn, q, m: s.fidelity_json(sn, _int(q, "layer", None))),
            (r"/components", J, lambda sn, q, m: s.components_json(sn, _int(q, "layer"), _int(q, "head"))),
            (r"/contributions", J, lambda sn, q, m: s.contributions_json(
                sn, _int(q, "layer"), _int(q, "head"), _int(q, "query"), _int(q, "key"), _int(q, "k", None, lo=1, hi=16))),
            (r"/component-scores", B, lambda sn, q, m: s.component_scores_message(
                sn, _int(q, "layer"), _int(q, "head"), _int(q, "component"), _int(q, "sample", None, lo=1))),
            (r"/top-sequences", J, lambda sn, q, m: s.top_sequences_json(sn, _int(q, "layer"), _int(q, "head"))),
            (r"/value-norms", B, lambda sn, q, m: s.value_norms_message(sn, _int(q, "layer"), _int(q, "head"), _int(q, "sample", None, lo=1))),
            (r"/thumbnails\.png", P, lambda sn, q, m: s.sprite(sn)),
            (r"/image/(?P<seq>\d{1,10})", P, lambda sn, q, m: s.image_path(sn, _int({"seq": m["seq"]}, "seq")).read_bytes()),
        ]]

    def ids(self) -> list[str]:
        return [e.id for e in self.registry]

    def handle(self, path: str, params: dict | None = None) -> Reply:
        """The answer to GET /api{path}?{params}: never raises, errors are ``{"error": ...}``."""
        from qkatlas.server.errors import ApiError, AtlasChanged

        params = dict(params or {})
        try:
            return self._route(str(path), params)
        except BadParam as e:
            return _error(400, str(e))
        except ApiError as e:
            return _error(e.status, self.scrub(e.message))
        except AtlasChanged as e:
            return _error(503, f"atlas {e.atlas_id!r} changed on disk while answering; try again")
        except StaleResultError as e:
            return _error(404, self.scrub(str(e)))
        except InputError as e:
            return _error(400, self.scrub(str(e)))
        except AtlasFormatError as e:
            return _error(503, self.scrub(str(e)))
        except Exception as e:  # noqa: BLE001 - the front end gets a message, the kernel keeps running
            return _error(500, f"internal error ({type(e).__name__}) answering {path[:200]}")

    def _route(self, path: str, params: dict) -> Reply:
        from qkatlas.server.service import dumps

        if path == "/atlases":
            svc, out = self.service, []
            self.registry.rescan(force=True)
            for entry in self.registry:
                try:
                    out.append(svc.summary(entry.snapshot()))
                except Exception:  # noqa: BLE001 - as the route: an atlas being changed is listed as updating
                    if entry.last is not None:
                        out.append(svc.summary(entry.last, status="updating"))
            return Reply(200, "json", dumps({"atlases": out}))
        m = re.fullmatch(r"/atlas/(?P<aid>[^/]{1,200})(?P<rest>/.*)?", path)
        if m:
            rest = m["rest"] or ""
            for pattern, kind, fn in self.routes:
                hit = pattern.fullmatch(rest)
                if hit:
                    entry = self.registry.entry(m["aid"])
                    snap = entry.snapshot()
                    try:
                        data = fn(snap, params, hit)
                    finally:
                        entry.check(snap)
                    body = data if isinstance(data, bytes) else dumps(data)
                    return Reply(200, kind, body)
        return _error(404, f"no such endpoint: /api{path[:200]}")


def _role(q: dict) -> str:
    role = _str(q, "role", "query")
    if role not in ("query", "key"):
        raise BadParam(f"parameter 'role': choose query or key (got {role[:80]!r})")
    return role


def _missing(name: str):
    raise BadParam(f"parameter '{name}': Field required")


def _error(status: int, message: str) -> Reply:
    return Reply(status, "json", json.dumps({"error": message}).encode())
