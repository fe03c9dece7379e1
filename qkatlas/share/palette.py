"""The explorer's colours in Python, for figures: a port of ``web/src/render/colors.ts`` (ramps,
palettes) and ``web/src/render/coloring.ts`` (one colour per point and colour mode).

Kept equal to the TypeScript by ``tests/share/test_palette.py``, which runs the front end's own
``tokenColors`` under node on the same token table and compares every point's RGBA. Rounding
follows JavaScript's ``Math.round`` (halves go up), not NumPy's (halves to even).
"""

from __future__ import annotations

import numpy as np

RAMPS: dict[str, list[list[int]]] = {
    "viridis": [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129],
                [92, 200, 99], [170, 220, 50], [253, 231, 37]],
    "queries": [[199, 233, 160], [120, 198, 121], [49, 163, 84], [0, 109, 44], [0, 68, 27]],
    "keys": [[252, 197, 192], [247, 104, 161], [221, 52, 151], [174, 1, 126], [73, 0, 106]],
    "grey": [[30, 30, 30], [235, 235, 235]],
    "heat": [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39],
             [252, 255, 164]],
}
CATEGORICAL = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75],
               [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207]]
ROLE_COLORS = {"query": [44, 170, 90], "key": [230, 60, 150]}
MISSING = [128, 128, 128]
SPECIAL = [255, 196, 0]
PUNCT = [60, 150, 255]
POINT_ALPHA = 210


def js_round(x):
    """JavaScript's Math.round: halves towards +infinity."""
    return np.floor(np.asarray(x, np.float64) + 0.5)


def ramp_color(ramp: list[list[int]], t: float) -> list[int]:
    if not np.isfinite(t):
        return list(MISSING)
    x = min(max(t, 0.0), 1.0) * (len(ramp) - 1)
    i = min(int(np.floor(x)), len(ramp) - 2)
    f = x - i
    a, b = ramp[i], ramp[i + 1]
    return [int(js_round(a[c] + (b[c] - a[c]) * f)) for c in range(3)]


def ramp_table(name: str, n: int = 256) -> np.ndarray:
    """(n, 3) uint8: the explorer's lookup table of a ramp."""
    return np.array([ramp_color(RAMPS[name], i / (n - 1)) for i in range(n)], np.uint8)


def lighten(c, f: float) -> list[int]:
    return [int(js_round(v + (255 - v) * f)) for v in c]


def hsv_to_rgb(h: np.ndarray, s: float, v: float) -> np.ndarray:
    """(n, 3) uint8 of hues h in [0, 1] (NaN -> grey)."""
    h = np.asarray(h, np.float64)
    ok = np.isfinite(h)
    hh = np.where(ok, np.mod(np.mod(np.where(ok, h, 0), 1) + 1, 1), 0)
    i = np.floor(hh * 6).astype(int)
    f = hh * 6 - i
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    vv = np.full_like(hh, v)
    pp = np.full_like(hh, p)
    table = [(vv, t, pp), (q, vv, pp), (pp, vv, t), (pp, q, vv), (t, pp, vv), (vv, pp, q)]
    out = np.zeros((len(hh), 3))
    for k, (r, g, b) in enumerate(table):
        m = (i % 6) == k
        out[m] = np.stack([r[m], g[m], b[m]], axis=1)
    out = js_round(out * 255)
    out[~ok] = MISSING
    return out.astype(np.uint8)


def extent(values: np.ndarray) -> tuple[float, float]:
    v = np.asarray(values, np.float64)
    v = v[np.isfinite(v)]
    return (0.0, 1.0) if not len(v) else (float(v.min()), float(v.max()))


def _scale01(v: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return (v - lo) / (hi - lo) if hi > lo else np.full_like(v, 0.5)


def _from_table(name: str, t: np.ndarray) -> np.ndarray:
    """Colours of values t in [0, 1] through a ramp's 256-entry table (NaN -> grey), like putTable."""
    t = np.asarray(t, np.float64)
    ok = np.isfinite(t)
    k = np.clip(js_round(np.where(ok, t, 0) * 255), 0, 255).astype(int)
    out = ramp_table(name)[k].copy()
    out[~ok] = MISSING
    return out


def _scaled(col: np.ndarray, clip_to: float | None = None) -> np.ndarray:
    col = np.asarray(col, np.float64)
    lo, hi = extent(col)
    if clip_to is not None:
        hi = min(hi, clip_to)
    return np.minimum(1.0, _scale01(col, lo, hi))


def _col(tokens, name: str) -> np.ndarray | None:
    return tokens[name].to_numpy() if name in tokens.columns else None


def color_modes(tokens, image: bool) -> list[str]:
    """The colour modes the explorer offers for this token table (``coloring.ts: colorModes``)."""
    modes = ["role", "position", "mod5"] + ([] if image else ["punct"]) + ["norm"] + ([] if image else ["token_len"])
    modes += ["seq_len", "seq"]
    if image or "patch_row" in tokens.columns:
        modes += ["patch_row", "patch_col", "hue", "brightness"]
    return modes


def token_colors(mode: str, tokens, rows: np.ndarray | None = None) -> np.ndarray:
    """RGBA uint8 (2m, 4) of tokens ``rows`` (None = all): m queries then m keys (``tokenColors``).
    ``meta:COLUMN`` colours by any numeric column; ``norm`` is per head (see ``norm_colors``)."""
    tok = tokens if rows is None else tokens.iloc[np.asarray(rows)]
    m = len(tok)
    rgb = np.zeros((2, m, 3))
    alpha = np.full((2, m), POINT_ALPHA)

    def both(c):
        rgb[0], rgb[1] = c, c

    if mode == "position":
        pn = _col(tok, "pos_norm")
        t = np.full(m, np.nan) if pn is None else pn.astype(np.float64)
        rgb[0], rgb[1] = _from_table("queries", t), _from_table("keys", t)
    elif mode == "mod5":
        cat = np.array(CATEGORICAL)[_col(tok, "pos").astype(int) % 5]
        rgb[0] = cat
        rgb[1] = js_round(cat + (255 - cat) * 0.35)
    elif mode == "punct":
        q, k = lighten(ROLE_COLORS["query"], 0.1), lighten(ROLE_COLORS["key"], 0.1)
        special = _col(tok, "is_special")
        punct = _col(tok, "is_punct")
        special = np.zeros(m, bool) if special is None else special.astype(bool)
        punct = (np.zeros(m, bool) if punct is None else punct.astype(bool)) & ~special
        rgb[0], rgb[1] = q, k
        alpha[:] = 70
        for c, sel in ((SPECIAL, special), (PUNCT, punct)):
            rgb[:, sel] = c
            alpha[:, sel] = 240
    elif mode in ("token_len", "seq_len") or mode.startswith("meta:"):
        name = mode[5:] if mode.startswith("meta:") else mode
        col = _col(tokens, name)  # scaled over the whole table, as the explorer does
        t = np.full(m, np.nan) if col is None else _scaled(col, 12 if mode == "token_len" else None)
        both(_from_table("viridis", t if rows is None or col is None else t[np.asarray(rows)]))
    elif mode == "seq":
        cat = np.array(CATEGORICAL)[_col(tok, "seq").astype(int) % len(CATEGORICAL)]
        rgb[0] = cat
        rgb[1] = js_round(cat + (255 - cat) * 0.3)
    elif mode in ("patch_row", "patch_col"):
        full = _col(tokens, mode)
        col = _col(tok, mode)
        hi = extent(full)[1] if full is not None else 1.0
        v = np.full(m, -1.0) if col is None else col.astype(np.float64)
        both(_from_table("viridis", np.where(v < 0, 0, v / hi if hi > 0 else 0)))
        rgb[:, v < 0] = [255, 255, 255]
        alpha[:, v < 0] = 255
    elif mode == "hue":
        h = _col(tok, "hue")
        both(hsv_to_rgb(np.full(m, np.nan) if h is None else h, 0.85, 0.95))
    elif mode == "brightness":
        b = _col(tok, "brightness")
        both(_from_table("grey", np.full(m, np.nan) if b is None else b.astype(np.float64)))
    elif mode == "norm":
        raise ValueError("norm colours are per head: use norm_colors")
    else:
        rgb[0], rgb[1] = ROLE_COLORS["query"], ROLE_COLORS["key"]
    out = np.concatenate([np.concatenate([rgb[r], alpha[r][:, None]], axis=1) for r in (0, 1)])
    return out.astype(np.uint8)


def norm_colors(norms: np.ndarray) -> np.ndarray:
    """RGBA (2m, 4) of one head's norms as uint8 of the head's max (queries then keys): ``normColors``."""
    norms = np.asarray(norms, np.uint8)
    m = len(norms) // 2
    rgb = np.concatenate([ramp_table("queries")[norms[:m]], ramp_table("keys")[norms[m:]]])
    return np.concatenate([rgb, np.full((len(norms), 1), POINT_ALPHA, np.uint8)], axis=1)


def head_norms(q: np.ndarray, k: np.ndarray) -> np.ndarray:
    """uint8 norms of the normalised queries and keys of one head, of their max (the server's /norms)."""
    v = np.concatenate([np.linalg.norm(q, axis=1), np.linalg.norm(k, axis=1)])
    top = float(v.max()) if v.size and v.max() > 0 else 1.0
    return np.clip(np.rint(v / top * 255), 0, 255).astype(np.uint8)


def legend(mode: str, tokens) -> list[tuple[str, list[int]]] | list[tuple[str, str, str, str]]:
    """What the explorer's legend shows: [(label, rgb)] items, or [(label, ramp, lo, hi)] ramps."""
    if mode == "role":
        return [("query", ROLE_COLORS["query"]), ("key", ROLE_COLORS["key"])]
    if mode == "position":
        return [("queries", "queries", "first", "last"), ("keys", "keys", "first", "last")]
    if mode == "mod5":
        return [(f"pos % 5 = {i}", CATEGORICAL[i]) for i in range(5)]
    if mode == "punct":
        return [("special", SPECIAL), ("punctuation", PUNCT), ("other (query)", ROLE_COLORS["query"]),
                ("other (key)", ROLE_COLORS["key"])]
    if mode == "norm":
        return [("query ||q||", "queries", "0", "max"), ("key ||k||", "keys", "0", "max")]
    if mode == "seq":
        return [("one colour per sequence (queries darker)", CATEGORICAL[0])]
    if mode == "hue":
        return [("hue", "hue", "0", "1")]
    if mode == "brightness":
        return [("brightness", "grey", "dark", "bright")]
    name = mode[5:] if mode.startswith("meta:") else mode
    col = _col(tokens, name)
    if col is None:
        return []
    lo, hi = extent(col)
    top = min(hi, 12) if name == "token_len" else hi
    fmt = lambda v: str(int(v)) if float(v).is_integer() else f"{v:.3g}"  # noqa: E731
    return [(name, "viridis", fmt(lo), fmt(top) + ("+" if top < hi else ""))]
