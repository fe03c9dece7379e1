"""``qkatlas export``: a folder of static files that opens the explorer from any static host.

The data files are the explorer API's own answers (``qkatlas.server.service``: the same QKB1
messages and JSON), written once per layer or head instead of answered per request, plus two
things a server would compute on demand: the quantised queries and keys from which the browser
computes attention (``share.qk``), and the level-of-detail order (``sample.qkb``). The file
layout is ``share.sitepaths``; the front end reads it through ``web/src/api/static.ts``.

Atlas ids are the ones ``qkatlas serve`` gives the same folders, so a URL hash copied from the
served explorer opens the same view in the export. The site is written next to ``out`` and
swapped in at the end: a failed export leaves an older site whole, and only a folder that is a
qkatlas export (or empty) is ever replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from qkatlas.errors import InputError, StaleResultError
from qkatlas.share import qk, sitepaths
from qkatlas.share.select import parse_heads, parse_layouts, token_prefix
from qkatlas.share.subset import prefix

SIMILAR_K = 12  # similar heads kept per head (the explorer shows 6)
CATEGORIES = ("app", "info", "tokens", "layouts", "norms", "attention", "analysis", "images")


@dataclass
class AtlasExport:
    """What was written for one atlas: sizes by category (bytes)."""

    id: str
    n_heads: int
    n_tokens: int
    n_tokens_total: int
    layouts: list[str]
    bytes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    summary: dict = field(default_factory=dict, repr=False)  # its entry in atlases.json

    @property
    def total(self) -> int:
        return sum(self.bytes.values())

    @property
    def per_head(self) -> float:
        """Bytes that grow with the heads (layouts, norms, attention, aggregate maps) per head."""
        return sum(self.bytes[c] for c in ("layouts", "norms", "attention", "analysis")) / max(self.n_heads, 1)

    @property
    def per_token(self) -> float:
        """Every data byte of the atlas per exported token."""
        return self.total / max(self.n_tokens, 1)

    @property
    def per_token_head(self) -> dict[str, float]:
        cells = max(self.n_heads * self.n_tokens, 1)
        return {c: self.bytes[c] / cells for c in ("layouts", "norms", "attention")}


@dataclass
class ExportResult:
    path: Path
    atlases: list[AtlasExport]
    app_bytes: int
    files: int
    bytes: int
    seconds: float

    def lines(self) -> list[str]:
        """What ``qkatlas export`` prints: the site's size, per atlas, and how to open it."""
        out = [f"{self.path}: {human(self.bytes)} in {self.files} files (front end {human(self.app_bytes)}), "
               f"written in {self.seconds:.1f} s"]
        for a in self.atlases:
            parts = ", ".join(f"{c} {human(a.bytes[c])}" for c in CATEGORIES if a.bytes[c] and c != "app")
            kept = f"{a.n_tokens:,} tokens" + (f" of {a.n_tokens_total:,}" if a.n_tokens < a.n_tokens_total else "")
            out.append(f"  {a.id}: {a.n_heads} heads x {kept}, {human(a.total)} ({human(a.per_head)} per head, "
                       f"{a.per_token:.0f} B per token): {parts}; layouts {', '.join(a.layouts) or 'none'}")
        out.append(f"  open it from any static host, e.g. python -m http.server -d {self.path} 8001 "
                   "-> http://127.0.0.1:8001/ (not from file://: browsers block its data requests)")
        return out


def human(n: float) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{int(n)} B"


class _Site:
    """Writes files under a folder and counts their bytes by category."""

    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0

    def write(self, rel: str, data: bytes | str, counter: dict[str, int], category: str) -> None:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        body = data.encode() if isinstance(data, str) else data
        p.write_bytes(body)
        self.files += 1
        self.bytes += len(body)
        counter[category] = counter.get(category, 0) + len(body)

    def json(self, rel: str, obj, counter: dict[str, int], category: str) -> None:
        self.write(rel, json.dumps(obj, separators=(",", ":"), allow_nan=False), counter, category)


def export_site(atlases: list, out, *, layouts: str | None = None, heads: str | None = None,
                sample: int | None = None, attention: bool = True, log: Callable[[str], None] = print) -> ExportResult:
    """Export the atlases at ``atlases`` (atlas folders, or folders holding atlases, as for
    ``qkatlas serve``) into the static site ``out``; returns what was written, with sizes."""
    from qkatlas.server.registry import Registry

    t0 = time.perf_counter()
    out = Path(out)
    _check_out(out)
    if not atlases:
        raise InputError("give at least one atlas folder to export")
    registry = Registry([Path(p) for p in atlases])
    entries = list(registry)
    if not entries:
        raise InputError(f"{', '.join(map(str, atlases))}: no complete atlas to export")
    work = out.with_name(f".{out.name}.export-partial")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        site = _Site(work)
        app_bytes = _write_app(site)
        done = []
        for entry in entries:
            log(f"exporting {entry.id} ({entry.path.name}) ...")
            done.append(_export_atlas(site, entry.id, entry.snapshot().atlas, layouts, heads, sample, attention))
        from qkatlas import __version__

        meta = {"atlases": [a.summary for a in done], "export": {"format": sitepaths.FORMAT_VERSION, "qkatlas": __version__,
                                                 "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}}
        site.json(sitepaths.ATLASES, meta, {}, "info")
        (work / sitepaths.MARKER).write_text(json.dumps(meta["export"]) + "\n")
        _swap(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExportResult(out, done, app_bytes, site.files, site.bytes, time.perf_counter() - t0)


# ---- one atlas ---------------------------------------------------------------------------------------
def _export_atlas(site: _Site, aid: str, atlas, layouts_spec, heads_spec, sample, attention: bool) -> AtlasExport:
    from qkatlas.server.cache import ByteCache
    from qkatlas.server.limits import Limits
    from qkatlas.server.registry import Snapshot
    from qkatlas.server.service import AtlasService
    from qkatlas.server.service.base import SAMPLE_SEED
    from qkatlas.server import wire

    chosen = parse_heads(heads_spec, atlas.n_layers, atlas.n_heads)
    names = parse_layouts(layouts_spec, atlas.layouts)
    n_seq, n_tok = token_prefix(atlas.sequences["n_tokens"].to_numpy(), sample)
    view = prefix(atlas, n_seq, n_tok)
    snap = Snapshot(aid, view, (0, 0, 0))
    svc = AtlasService(Limits(response_bytes=1 << 62, attention_cells=1 << 62), ByteCache(0, 0))
    res = AtlasExport(aid, len(chosen), n_tok, atlas.n_tokens, names)
    b = res.bytes
    missing: dict[str, str] = {}
    by_layer: dict[int, list[int]] = {}
    for l, h in chosen:
        by_layer.setdefault(l, []).append(h)

    # tokens, sequences, the level-of-detail order
    site.write(sitepaths.file(aid, "tokens.qkb"), svc.tokens_message(snap), b, "tokens")
    site.write(sitepaths.file(aid, "sequences.json"), svc.sequences_json(snap), b, "tokens")
    order = np.random.default_rng(SAMPLE_SEED).permutation(n_tok).astype(np.uint32)  # = service.sample_rows
    site.write(sitepaths.file(aid, "sample.qkb"), wire.pack({"rows": order}, {"n_tokens": n_tok, "seed": SAMPLE_SEED}), b, "tokens")

    # coordinates and norms, one file per layer
    for layer, hs in by_layer.items():
        for name in names:
            msgs = [svc.layout_message(snap, name, layer, h, None) for h in hs]
            site.write(sitepaths.layout(aid, name, layer), merge_heads(msgs), b, "layouts")
        site.write(sitepaths.norms(aid, layer), merge_heads([svc.norms_message(snap, layer, h, None) for h in hs]), b, "norms")

    # attention: quantised queries per head, keys per key head
    if attention:
        for layer, hs in by_layer.items():
            for h in hs:
                meta = {"layer": layer, "head": h, "kv_head": atlas.kv_head(h), "role": "query", "n": n_tok,
                        "d": atlas.d_head, "terms": qk.terms_meta(atlas.terms(layer, h))}
                site.write(sitepaths.queries(aid, layer, h), wire.pack(qk.quantize(view.queries(layer, h)), meta), b, "attention")
            for kv in sorted({atlas.kv_head(h) for h in hs}):
                h = next(h for h in hs if atlas.kv_head(h) == kv)
                meta = {"layer": layer, "kv_head": kv, "role": "key", "n": n_tok, "d": atlas.d_head}
                site.write(sitepaths.keys(aid, layer, kv), wire.pack(qk.quantize(view.keys(layer, h)), meta), b, "attention")

    # stored analysis: head table, similar heads, fidelity, aggregate maps
    try:
        site.write(sitepaths.file(aid, "heads.json"), svc.heads_json(snap), b, "analysis")
        site.json(sitepaths.file(aid, "similar.json"), _similar(atlas, chosen), b, "analysis")
        for l, h in chosen:
            site.write(sitepaths.aggregate(aid, l, h), _aggregate(svc, snap, l, h), b, "analysis")
    except StaleResultError as e:
        missing["heads"] = str(e).replace(str(atlas.path), atlas.path.name)
    site.write(sitepaths.file(aid, "fidelity.json"), svc.fidelity_json(snap), b, "analysis")
    site.json(sitepaths.file(aid, "head-info.json"), {f"{l},{h}": svc.head_info(snap, l, h) for l, h in chosen}, b, "info")

    # images
    info = svc.info(snap)
    if info.get("thumbnails"):
        site.write(sitepaths.file(aid, "thumbnails.png"), svc.sprite(snap), b, "images")
        info["thumbnails"]["url"] = "thumbnails.png"
    if info.get("images"):
        for seq in range(n_seq):
            p = view.image_path(seq)
            if p is not None:
                site.write(sitepaths.image(aid, seq), p.read_bytes(), b, "images")

    served = Limits()  # what a served explorer states (the export's own are unbounded)
    info["limits"] = {"response_bytes": served.response_bytes, "attention_cells": served.attention_cells}
    info["layouts"] = [x for x in info["layouts"] if x["name"] in names]
    info["layout_progress"] = [x for x in info["layout_progress"] if x["name"] in names]
    info["export"] = {
        "format": sitepaths.FORMAT_VERSION,
        "heads": [[l, h] for l, h in chosen],
        "all_heads": len(chosen) == atlas.n_layers * atlas.n_heads,
        "layouts": names,
        "n_tokens_total": atlas.n_tokens,
        "n_sequences_total": atlas.n_sequences,
        "attention": {"encoding": "uint8 per dimension (affine lo..hi)", "levels": qk.LEVELS} if attention else None,
        "missing": missing,
    }
    res.summary = {**svc.summary(snap), "layouts": info["layouts"]}
    site.json(sitepaths.file(aid, "info.json"), info, b, "info")
    return res


def merge_heads(messages: list[bytes]) -> bytes:
    """One QKB1 message of several heads from one-head messages (layout, norms): arrays stacked
    on their first axis, ``meta.heads`` concatenated. Equal to the service's answer for those heads."""
    from qkatlas.server import wire

    parts = [wire.unpack(m) for m in messages]
    meta = dict(parts[0][0])
    meta["heads"] = [hd for m, _ in parts for hd in m["heads"]]
    arrays = {name: np.concatenate([a[name] for _, a in parts]) for name in parts[0][1]}
    return wire.pack(arrays, meta)


AGG_LEVELS = 65534  # aggregate maps: uint16 code = round(p * 65534); 65535 = no pair (NaN)


def _aggregate(svc, snap, layer: int, head: int) -> bytes:
    """Both aggregate maps of a head, uint16 (error under 1e-5; half the bytes of float32)."""
    from qkatlas.server import wire

    meta, plain = wire.unpack(svc.aggregate_message(snap, layer, head, False))
    _, weighted = wire.unpack(svc.aggregate_message(snap, layer, head, True))
    meta = {**{k: v for k, v in meta.items() if k != "weighted"}, "quant": f"uint16 of {AGG_LEVELS}; 65535 = no pair"}
    return wire.pack({"attention": encode_map(plain["attention"]), "weighted": encode_map(weighted["attention"])}, meta)


def encode_map(p: np.ndarray) -> np.ndarray:
    codes = np.rint(np.clip(np.nan_to_num(p, nan=0.0), 0, 1) * AGG_LEVELS).astype(np.uint16)
    codes[~np.isfinite(p)] = AGG_LEVELS + 1
    return codes


def decode_map(codes: np.ndarray) -> np.ndarray:
    """What the browser reads back (float32, NaN where no pair)."""
    out = codes.astype(np.float32) / AGG_LEVELS
    out[codes > AGG_LEVELS] = np.nan
    return out


def _similar(atlas, chosen: list[tuple[int, int]]) -> dict:
    from qkatlas.analysis.similarity import similar_heads

    keep = set(chosen)
    out = {}
    for l, h in chosen:
        rows = [(a, b, s) for a, b, s in similar_heads(atlas, l, h, atlas.n_layers * atlas.n_heads) if (a, b) in keep]
        out[f"{l},{h}"] = [[a, b, round(s, 6) if np.isfinite(s) else None] for a, b, s in rows[:SIMILAR_K]]
    return {"k": SIMILAR_K, "heads": out}


# ---- the page and the folder ----------------------------------------------------------------------
def _write_app(site: _Site) -> int:
    """index.html (configured for the static source) and the built front end; returns their bytes."""
    from qkatlas.server.app import WEB_DIST

    index = WEB_DIST / "index.html"
    if not index.is_file():
        raise InputError(f"{WEB_DIST}: the front end is not built in this install (no index.html); "
                         "run `make web` (cd web && npm ci && npm run build)")
    counter: dict[str, int] = {}
    site.write(sitepaths.INDEX, configure_page(index.read_text(encoding="utf-8")), counter, "app")
    for p in sorted((WEB_DIST / sitepaths.ASSETS).rglob("*")):
        if p.is_file() and not p.name.startswith("widget"):
            site.write(f"{sitepaths.ASSETS}/{p.relative_to(WEB_DIST / sitepaths.ASSETS).as_posix()}", p.read_bytes(), counter, "app")
    return counter["app"] + sum(v for k, v in counter.items() if k != "app")


STATIC_CONFIG = {"source": "static", "dataRoot": f"./{sitepaths.DATA}/"}


def configure_page(html: str) -> str:
    """The built index.html with the static source's configuration before its first script."""
    tag = f"<script>window.QKATLAS_CONFIG = {json.dumps(STATIC_CONFIG)};</script>\n"
    i = html.find("<script")
    if i < 0:
        i = html.find("</head>")
    return html[:i] + tag + html[i:] if i >= 0 else tag + html


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: is a file; give a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / sitepaths.MARKER).is_file():
        raise InputError(f"--out {out}: the folder exists and is not a qkatlas export; choose a new folder "
                         "(an earlier export there would be replaced, anything else is never overwritten)")


def _swap(work: Path, out: Path) -> None:
    """Move the finished site into place; an earlier export there is removed only afterwards."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.export-old-{os.getpid()}")
        out.rename(old)
    work.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
