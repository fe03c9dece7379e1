"""HTTP API of the explorer (FastAPI) and the static browser app.

Every data endpoint answers binary QKB1 messages (:mod:`qkatlas.server.wire`) or compact JSON of
columns, never per-point objects and never the whole atlas:

* ``GET /api/atlases``                                  the served atlases (JSON)
* ``GET /api/atlas/{id}``                               one atlas: model, corpus, layouts, columns
* ``GET /api/atlas/{id}/tokens``                        token table, columnar binary, strings as dictionaries
* ``GET /api/atlas/{id}/sequences``                     sequence texts and row ranges (JSON columns)
* ``GET /api/atlas/{id}/sample?size=K``                 the token rows of the level-of-detail sample
* ``GET /api/atlas/{id}/layout/{name}?layer=&head=&sample=``  coordinates, uint16 per axis per head
* ``GET /api/atlas/{id}/norms?layer=&head=&sample=``    vector norms, uint8 per point per head
* ``GET /api/atlas/{id}/attention?layer=&head=&seq=`` | ``&token=ROW&role=query|key``
                                                        attention of one sequence, recomputed from q and k
* ``GET /api/atlas/{id}/search?q=&regex=&case=``        token rows matching a token or a pattern
* ``GET /api/atlas/{id}/heads``                         head metrics, labels, head map (404 if absent)
* ``GET /api/atlas/{id}/similar?layer=&head=&k=``       most similar heads (404 if analysis absent)
* ``GET /api/atlas/{id}/aggregate?layer=&head=&weighted=``  attention by position over the corpus
* ``GET /api/atlas/{id}/fidelity``                      layout fidelity per head (JSON columns)
* ``GET /api/atlas/{id}/thumbnails.png``                every patch thumbnail in one sprite sheet
* ``GET /api/atlas/{id}/image/{seq}``                   an image as the model saw it

Errors are ``{"error": "..."}`` with status 400 (bad parameter), 404 (no such thing) or 503.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import threading
import time
from collections import OrderedDict
from pathlib import Path

import numpy as np
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from qkatlas.atlas.paths import MANIFEST, layout_name
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import InputError, QkatlasError
from qkatlas.server import wire

BINARY = "application/octet-stream"
WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
SAMPLE_SEED = 0
SPRITE_MAX_PX = 8192
KNOWN_COLUMNS = {
    "seq", "pos", "seq_len", "pos_norm", "token_id", "token", "token_raw", "token_len", "is_special",
    "is_punct", "added", "patch_row", "patch_col", "hue", "saturation", "brightness",
}


class ApiError(Exception):
    """An error answered as ``{"error": message}`` with an HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def bad(message: str) -> ApiError:
    return ApiError(400, message)


def missing(message: str) -> ApiError:
    return ApiError(404, message)


class _Cache:
    """A small thread-safe LRU of encoded responses (bytes), bounded in total size."""

    def __init__(self, max_bytes: int = 256 << 20):
        self.max_bytes = max_bytes
        self.items: OrderedDict = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value):
        n = len(value) if isinstance(value, (bytes, bytearray)) else 0
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += n
            while self.size > self.max_bytes and len(self.items) > 1:
                _, old = self.items.popitem(last=False)
                self.size -= len(old) if isinstance(old, (bytes, bytearray)) else 0


class Entry:
    """One served atlas plus what the server derives from it once (sequence index, caches)."""

    def __init__(self, atlas_id: str, atlas: Atlas):
        self.id = atlas_id
        self.atlas = atlas
        seqs = atlas.sequences
        self.starts = seqs["start"].to_numpy(np.int64)
        self.lengths = seqs["n_tokens"].to_numpy(np.int64)
        self.n_sequences = len(seqs)
        self.lock = threading.Lock()
        self._memo: dict = {}

    # -- identity ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.atlas.model.get("kind", "text-encoder")

    @property
    def is_image(self) -> bool:
        return self.atlas.corpus.get("kind") == "images" or self.kind == "vision"

    def memo(self, key, fn):
        with self.lock:
            if key in self._memo:
                return self._memo[key]
        value = fn()
        with self.lock:
            self._memo.setdefault(key, value)
        return value

    # -- lookups with clear errors ---------------------------------------------------------------
    def head(self, layer: int | None, head: int | None) -> list[tuple[int, int]]:
        a = self.atlas
        if layer is not None and not 0 <= layer < a.n_layers:
            raise bad(f"layer {layer} out of range: atlas {self.id!r} has layers 0..{a.n_layers - 1}")
        if head is not None and not 0 <= head < a.n_heads:
            raise bad(f"head {head} out of range: atlas {self.id!r} has heads 0..{a.n_heads - 1}")
        if head is not None and layer is None:
            raise bad("parameter 'head' needs 'layer' too")
        layers = [layer] if layer is not None else range(a.n_layers)
        heads = [head] if head is not None else range(a.n_heads)
        return [(l, h) for l in layers for h in heads]

    def one_head(self, layer: int, head: int) -> tuple[int, int]:
        return self.head(layer, head)[0]

    def layout(self, name: str) -> tuple[str, int]:
        for method, dim in self.atlas.layouts:
            if layout_name(method, dim) == name:
                return method, dim
        have = ", ".join(layout_name(m, d) for m, d in self.atlas.layouts) or "none"
        raise missing(f"atlas {self.id!r} has no complete layout {name!r} (have: {have})")

    def seq(self, seq: int) -> int:
        if not 0 <= seq < self.n_sequences:
            raise bad(f"sequence {seq} out of range: atlas {self.id!r} has sequences 0..{self.n_sequences - 1}")
        return seq

    def token(self, row: int) -> tuple[int, int]:
        """(sequence, position) of token row ``row``."""
        n = self.atlas.n_tokens
        if not 0 <= row < n:
            raise bad(f"token {row} out of range: atlas {self.id!r} has tokens 0..{n - 1}")
        s = int(np.searchsorted(self.starts, row, side="right") - 1)
        return s, int(row - self.starts[s])

    def sample_rows(self, size: int | None) -> np.ndarray | None:
        """Token rows of the level-of-detail sample of ``size`` tokens (sorted; None = all)."""
        n = self.atlas.n_tokens
        if size is None or size >= n:
            return None
        if size < 1:
            raise bad(f"sample {size}: must be at least 1")

        def make():
            order = np.random.default_rng(SAMPLE_SEED).permutation(n)
            return order

        order = self.memo("perm", make)
        return np.sort(order[:size]).astype(np.uint32)

    # -- summary -------------------------------------------------------------------------------
    def summary(self) -> dict:
        a = self.atlas
        m = a.model
        layouts = [
            {"name": layout_name(method, dim), "method": method, "dim": dim}
            for method, dim in sorted(a.layouts, key=lambda x: (x[1], ["pca", "tsne", "umap"].index(x[0]) if x[0] in ("pca", "tsne", "umap") else 9, x[0]))
        ]
        return {
            "id": self.id,
            "name": m.get("name", self.id),
            "path": str(a.path),
            "model": {k: v for k, v in m.items() if k not in ("scales",)},
            "corpus": {k: v for k, v in a.corpus.items() if k not in ("skipped",)},
            "kind": self.kind,
            "image": self.is_image,
            "causal": a.causal,
            "n_layers": a.n_layers,
            "n_heads": a.n_heads,
            "n_kv_heads": a.n_kv_heads,
            "n_tokens": a.n_tokens,
            "n_sequences": self.n_sequences,
            "layouts": layouts,
        }


def _discover(paths: list[Path]) -> list[Path]:
    """Atlas folders among ``paths``: each path is an atlas, or a folder holding atlases."""
    found = []
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            raise InputError(f"{p}: no such folder; pass atlas folders built with `qkatlas build`")
        if (p / MANIFEST).is_file():
            found.append(p)
            continue
        subs = sorted(d for d in p.iterdir() if d.is_dir() and (d / MANIFEST).is_file())
        if not subs:
            raise InputError(f"{p}: not a qkatlas atlas and holds none; build one with `qkatlas build`")
        found.extend(subs)
    return found


def _unique_id(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "atlas"
    out, i = base, 2
    while out in taken:
        out, i = f"{base}-{i}", i + 1
    return out


def _json(data, status: int = 200, request: Request | None = None) -> Response:
    body = json.dumps(data, separators=(",", ":"), allow_nan=False).encode()
    return _bytes(body, "application/json", request)


def _bytes(body: bytes, media_type: str, request: Request | None = None, headers: dict | None = None,
           compress: bool = True) -> Response:
    headers = dict(headers or {})
    headers["Cache-Control"] = "no-cache"
    if compress and request is not None and len(body) > 1024 and "gzip" in request.headers.get("accept-encoding", ""):
        body = gzip.compress(body, compresslevel=1 if media_type == BINARY else 6, mtime=0)
        headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
    return Response(body, media_type=media_type, headers=headers)


def _clean(values) -> list:
    """A column as a JSON-safe list (NaN -> None, numpy scalars -> Python)."""
    arr = np.asarray(values)
    if arr.dtype.kind == "f":
        return [None if not np.isfinite(v) else round(float(v), 6) for v in arr]
    if arr.dtype.kind in "iu":
        return [int(v) for v in arr]
    if arr.dtype.kind == "b":
        return [bool(v) for v in arr]
    return [None if v is None or (isinstance(v, float) and not np.isfinite(v)) else str(v) for v in arr]


def _columns(df) -> dict:
    return {"columns": list(map(str, df.columns)), "n": int(len(df)), "data": {str(c): _clean(df[c].to_numpy()) for c in df.columns}}


def create_app(paths: list[Path], dist: Path | None = None) -> FastAPI:
    """The explorer application over the atlases found at ``paths`` (atlas folders or parents)."""
    entries: dict[str, Entry] = {}
    for p in _discover([Path(p) for p in paths]):
        atlas = Atlas.open(p)
        aid = _unique_id(p.name, set(entries))
        entries[aid] = Entry(aid, atlas)
    cache = _Cache()
    dist = Path(dist) if dist is not None else WEB_DIST

    app = FastAPI(title="qkatlas explorer", docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None)
    app.state.entries = entries

    # -- errors: always {"error": "..."} ----------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(QkatlasError)
    async def _qk_error(request: Request, exc: QkatlasError):
        return JSONResponse({"error": str(exc)}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
            where = f"parameter '{'.'.join(loc)}'" if loc else "request"
            got = err.get("input")
            parts.append(f"{where}: {err.get('msg', 'invalid')}" + (f" (got {got!r})" if got is not None and not isinstance(got, dict) else ""))
        return JSONResponse({"error": "; ".join(parts) or "bad request"}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and request.url.path.startswith("/api/"):
            msg = f"no such endpoint: {request.url.path}"
        return JSONResponse({"error": msg}, status_code=exc.status_code)

    def entry(aid: str) -> Entry:
        e = entries.get(aid)
        if e is None:
            raise missing(f"unknown atlas {aid!r}; served: {', '.join(entries) or 'none'}")
        return e

    # -- atlases -------------------------------------------------------------------------------------
    @app.get("/api/atlases")
    def atlases():
        return {"atlases": [e.summary() for e in entries.values()]}

    @app.get("/api/atlas/{aid}")
    def atlas_info(aid: str):
        e = entry(aid)
        out = e.summary()
        tok = e.atlas.tokens
        out["token_columns"] = list(map(str, tok.columns))
        out["metadata_columns"] = [
            str(c) for c in tok.columns if c not in KNOWN_COLUMNS and tok[c].dtype.kind in "iufb"
        ]
        th = e.atlas.thumbnails
        out["thumbnails"] = None
        if th is not None:
            tile = int(th.shape[1])
            cols = max(1, int(np.ceil(np.sqrt(len(th)))))
            if cols * tile <= SPRITE_MAX_PX:
                out["thumbnails"] = {"tile": tile, "columns": cols, "count": int(len(th)), "url": f"/api/atlas/{aid}/thumbnails.png"}
        out["images"] = e.is_image and (e.atlas.path / "images").is_dir()
        out["scales"] = e.atlas.model.get("scales")
        return out

    # -- tokens and sequences ------------------------------------------------------------------------
    @app.get("/api/atlas/{aid}/tokens")
    def tokens(aid: str, request: Request):
        e = entry(aid)

        def make():
            df = e.atlas.tokens
            arrays, columns, strings = {}, [], {}
            for c in df.columns:
                name = str(c)
                col = df[c]
                kind = col.dtype.kind
                if kind == "b":
                    arrays[name] = col.to_numpy(np.uint8)
                    columns.append({"name": name, "kind": "bool"})
                elif kind in "iu":
                    v = col.to_numpy()
                    dt = wire.smallest_int_dtype(v)
                    arrays[name] = v.astype(dt)
                    columns.append({"name": name, "kind": "int"})
                elif kind == "f":
                    arrays[name] = col.to_numpy(np.float32)
                    columns.append({"name": name, "kind": "float"})
                else:
                    values = col.astype(str).to_numpy()
                    uniq, codes = np.unique(values, return_inverse=True)
                    if len(uniq) > 1 << 24:
                        continue
                    arrays[name] = codes.astype(np.uint16 if len(uniq) < 65536 else np.uint32)
                    strings[name] = uniq.tolist()
                    columns.append({"name": name, "kind": "category"})
            meta = {"n": int(len(df)), "columns": columns, "strings": strings}
            return wire.pack(arrays, meta)

        body = e.memo("tokens", make)
        return _bytes(body, BINARY, request)

    @app.get("/api/atlas/{aid}/sequences")
    def sequences(aid: str, request: Request):
        e = entry(aid)
        body = e.memo("sequences", lambda: json.dumps(_columns(e.atlas.sequences), separators=(",", ":")).encode())
        return _bytes(body, "application/json", request)

    @app.get("/api/atlas/{aid}/sample")
    def sample(aid: str, size: int):
        e = entry(aid)
        rows = e.sample_rows(size)
        if rows is None:
            rows = np.arange(e.atlas.n_tokens, dtype=np.uint32)
        return Response(wire.pack({"rows": rows}, {"size": int(len(rows)), "n_tokens": e.atlas.n_tokens}), media_type=BINARY)

    # -- coordinates --------------------------------------------------------------------------------
    @app.get("/api/atlas/{aid}/layout/{name}")
    def layout(aid: str, name: str, request: Request, layer: int | None = None, head: int | None = None,
               sample: int | None = None):
        e = entry(aid)
        method, dim = e.layout(name)
        heads = e.head(layer, head)
        rows = e.sample_rows(sample)
        key = ("layout", aid, name, layer, head, None if rows is None else len(rows))
        body = cache.get(key)
        if body is None:
            n = e.atlas.n_tokens
            m = n if rows is None else len(rows)
            q = np.empty((len(heads), 2 * m, dim), np.uint16)
            bounds = np.empty((len(heads), dim, 2), np.float32)
            for i, (l, h) in enumerate(heads):
                c = e.atlas.coords(l, h, method, dim)
                if rows is not None:
                    c = np.concatenate([c[rows], c[n + rows.astype(np.int64)]])
                q[i], bounds[i] = wire.quantize(c)
            meta = {"layout": name, "method": method, "dim": dim, "n_tokens": n, "n_per_role": m,
                    "sample": None if rows is None else m, "heads": heads, "quant": "uint16"}
            body = wire.pack({"coords": q, "bounds": bounds}, meta)
            cache.put(key, body)
        return _bytes(body, BINARY, request, compress=False)

    @app.get("/api/atlas/{aid}/norms")
    def norms(aid: str, request: Request, layer: int | None = None, head: int | None = None, sample: int | None = None):
        e = entry(aid)
        heads = e.head(layer, head)
        rows = e.sample_rows(sample)
        key = ("norms", aid, layer, head, None if rows is None else len(rows))
        body = cache.get(key)
        if body is None:
            n = e.atlas.n_tokens
            m = n if rows is None else len(rows)
            out = np.empty((len(heads), 2 * m), np.uint8)
            top = np.empty(len(heads), np.float32)
            for i, (l, h) in enumerate(heads):
                qn, kn = e.atlas.normalized(l, h)
                v = np.concatenate([np.linalg.norm(qn, axis=1), np.linalg.norm(kn, axis=1)])
                if rows is not None:
                    v = np.concatenate([v[rows], v[n + rows.astype(np.int64)]])
                top[i] = float(v.max()) if v.size and v.max() > 0 else 1.0
                out[i] = np.clip(np.rint(v / top[i] * 255), 0, 255).astype(np.uint8)
            body = wire.pack({"norms": out, "max": top}, {"heads": heads, "n_per_role": m, "quant": "uint8 of max"})
            cache.put(key, body)
        return _bytes(body, BINARY, request)

    # -- attention -----------------------------------------------------------------------------------
    @app.get("/api/atlas/{aid}/attention")
    def attention(aid: str, layer: int, head: int, seq: int | None = None, token: int | None = None,
                  role: str = "query"):
        t0 = time.perf_counter()
        e = entry(aid)
        e.one_head(layer, head)
        if role not in ("query", "key"):
            raise bad(f"role {role!r}: choose query or key")
        pos = None
        if token is not None:
            s, pos = e.token(token)
            if seq is not None and seq != s:
                raise bad(f"token {token} is in sequence {s}, not {seq}")
            seq = s
        if seq is None:
            raise bad("give 'seq' (a sequence) or 'token' (a token row)")
        e.seq(seq)
        p = e.atlas.attention(layer, head, seq)
        meta = {"layer": layer, "head": head, "seq": seq, "start": int(e.starts[seq]), "n": int(p.shape[0])}
        if pos is None:
            arr = p
        elif role == "query":
            arr, meta["query"] = p[pos], pos
        else:
            arr, meta["key"] = np.ascontiguousarray(p[:, pos]), pos
        meta["role"] = role if pos is not None else None
        body = wire.pack({"attention": np.ascontiguousarray(arr, np.float32)}, meta)
        ms = (time.perf_counter() - t0) * 1000
        return Response(body, media_type=BINARY, headers={"Server-Timing": f"attention;dur={ms:.3f}"})

    # -- search --------------------------------------------------------------------------------------
    @app.get("/api/atlas/{aid}/search")
    def search(aid: str, q: str, regex: bool = False, case: bool = False, column: str = "token"):
        e = entry(aid)
        if not q.strip() and not regex:
            raise bad("parameter 'q' is empty: give a token or, with regex=true, a pattern")
        tok = e.atlas.tokens
        if column not in ("token", "token_raw"):
            raise bad(f"column {column!r}: search 'token' or 'token_raw'")
        codes, uniq = e.memo(("vocab", column), lambda: _factorize(tok[column]))
        if regex:
            try:
                pat = re.compile(q, 0 if case else re.IGNORECASE)
            except re.error as err:
                raise bad(f"bad pattern {q!r}: {err}") from None
            hit = np.fromiter((pat.search(s) is not None for s in uniq), bool, len(uniq))
        else:
            want = q.strip() if case else q.strip().casefold()
            hit = np.fromiter(((s.strip() if case else s.strip().casefold()) == want for s in uniq), bool, len(uniq))
        rows = np.flatnonzero(hit[codes]).astype(np.uint32)
        n_seq = int(len(np.unique(np.searchsorted(e.starts, rows, side="right")))) if len(rows) else 0
        meta = {"q": q, "regex": regex, "case": case, "n_tokens": int(len(rows)), "n_sequences": n_seq,
                "n_distinct": int(hit.sum())}
        return Response(wire.pack({"rows": rows}, meta), media_type=BINARY)

    # -- head analysis (qkatlas.analysis; optional) ------------------------------------------------
    def metrics_df(e: Entry):
        def make():
            try:
                df = e.atlas.head_metrics()
            except ModuleNotFoundError as err:
                return f"head metrics are not available: {err.name} is not installed in this qkatlas"
            except (QkatlasError, FileNotFoundError, OSError, KeyError, ValueError) as err:
                return f"head metrics are not available for atlas {e.id!r}: {err}"
            if df is None or len(df) == 0:
                return f"atlas {e.id!r} has no head metrics; compute them with qkatlas's analysis step"
            return df

        out = e._memo.get("metrics")
        if out is None:
            out = make()  # failures are not remembered: metrics may be computed while we serve
            if isinstance(out, str):
                raise missing(out)
            e.memo("metrics", lambda: out)
        return out

    @app.get("/api/atlas/{aid}/heads")
    def heads(aid: str, request: Request):
        e = entry(aid)
        df = metrics_df(e)
        out = _columns(df)
        skip = {"layer", "head", "map_x", "map_y"}
        out["metrics"] = [str(c) for c in df.columns if str(c) not in skip and df[c].dtype.kind in "iuf"]
        out["labels"] = sorted(map(str, df["label"].dropna().unique())) if "label" in df.columns else []
        out["has_map"] = "map_x" in df.columns and "map_y" in df.columns
        return _json(out, request=request)

    @app.get("/api/atlas/{aid}/similar")
    def similar(aid: str, layer: int, head: int, k: int = 8):
        e = entry(aid)
        e.one_head(layer, head)
        if not 1 <= k <= 1000:
            raise bad(f"k {k}: must be between 1 and 1000")
        try:
            from qkatlas.analysis.similarity import similar_heads
        except ModuleNotFoundError as err:
            raise missing(f"similar heads are not available: {err.name} is not installed in this qkatlas") from None
        try:
            result = similar_heads(e.atlas, layer, head, k)
        except (QkatlasError, FileNotFoundError, OSError, KeyError, ValueError) as err:
            raise missing(f"similar heads are not available for atlas {e.id!r}: {err}") from None
        return {"layer": layer, "head": head, "heads": _similar_rows(result)[:k]}

    @app.get("/api/atlas/{aid}/aggregate")
    def aggregate(aid: str, layer: int, head: int, weighted: bool = False):
        e = entry(aid)
        e.one_head(layer, head)
        key = ("aggregate", aid, layer, head, weighted)
        body = cache.get(key)
        if body is None:
            try:
                from qkatlas.analysis.aggregate import aggregate_attention
            except ModuleNotFoundError as err:
                raise missing(f"aggregate attention is not available: {err.name} is not installed in this qkatlas") from None
            try:
                p = np.asarray(aggregate_attention(e.atlas, layer, head, weighted), np.float32)
            except (QkatlasError, FileNotFoundError, OSError, KeyError, ValueError) as err:
                raise missing(f"aggregate attention is not available for atlas {e.id!r}: {err}") from None
            body = wire.pack({"attention": p}, {"layer": layer, "head": head, "weighted": weighted, "positions": int(p.shape[0])})
            cache.put(key, body)
        return Response(body, media_type=BINARY)

    @app.get("/api/atlas/{aid}/fidelity")
    def fidelity(aid: str, request: Request):
        e = entry(aid)
        return _json(_columns(e.atlas.fidelity()), request=request)

    # -- images --------------------------------------------------------------------------------------
    @app.get("/api/atlas/{aid}/thumbnails.png")
    def thumbnails(aid: str):
        e = entry(aid)
        th = e.atlas.thumbnails
        if th is None:
            raise missing(f"atlas {aid!r} has no patch thumbnails (not an image atlas)")

        def make():
            from PIL import Image

            n, t = len(th), int(th.shape[1])
            cols = max(1, int(np.ceil(np.sqrt(n))))
            if cols * t > SPRITE_MAX_PX:
                return None
            rows = int(np.ceil(n / cols))
            sheet = np.zeros((rows * cols, t, t, 3), np.uint8)
            sheet[:n] = th
            sheet = sheet.reshape(rows, cols, t, t, 3).transpose(0, 2, 1, 3, 4).reshape(rows * t, cols * t, 3)
            buf = io.BytesIO()
            Image.fromarray(sheet).save(buf, format="PNG", compress_level=3)
            return buf.getvalue()

        body = e.memo("sprite", make)
        if body is None:
            raise missing(f"atlas {aid!r} has too many thumbnails for one sprite sheet")
        return Response(body, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    @app.get("/api/atlas/{aid}/image/{seq}")
    def image(aid: str, seq: int):
        e = entry(aid)
        if not e.is_image:
            raise missing(f"atlas {aid!r} is a text atlas; it has no images")
        e.seq(seq)
        p = e.atlas.image_path(seq)
        if p is None:
            raise missing(f"atlas {aid!r} has no image file for sequence {seq}")
        return FileResponse(p, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    def api_unknown(rest: str):
        raise missing(f"no such endpoint: /api/{rest}")

    # -- the browser app ------------------------------------------------------------------------------
    if (dist / "index.html").is_file():
        from fastapi.staticfiles import StaticFiles

        app.mount("/", StaticFiles(directory=dist, html=True), name="web")
    else:
        @app.get("/", response_class=HTMLResponse)
        def no_frontend():
            return HTMLResponse(
                "<h1>qkatlas</h1><p>The browser app is not built in this checkout "
                f"({dist} has no index.html): run <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>. "
                "The API is at <a href='/api/atlases'>/api/atlases</a>.</p>",
                status_code=503,
            )

    return app


def _factorize(col):
    import pandas as pd

    codes, uniq = pd.factorize(col.astype(str))
    return codes, [str(u) for u in uniq]


def _similar_rows(result) -> list[dict]:
    """Normalise what ``similar_heads`` returns (DataFrame, list of tuples or of dicts) to dicts."""
    rows = []
    if hasattr(result, "to_dict") and hasattr(result, "columns"):
        result = result.to_dict("records")
    for item in result or []:
        if isinstance(item, dict):
            layer, head = item.get("layer"), item.get("head")
            score = next((item[k] for k in ("score", "similarity", "distance", "corr", "value") if k in item), None)
        else:
            item = list(item)
            layer, head = item[0], item[1]
            score = item[2] if len(item) > 2 else None
        if layer is None or head is None:
            continue
        s = None if score is None or not np.isfinite(float(score)) else round(float(score), 6)
        rows.append({"layer": int(layer), "head": int(head), "score": s})
    return rows
