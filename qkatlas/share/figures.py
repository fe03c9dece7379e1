"""``qkatlas figure``: the explorer's views drawn with matplotlib, for papers (PNG, SVG, PDF).

Same data and colours as the explorer (``share.palette`` is its colour code in Python): the
joint query/key scatter of chosen heads (``view="head"``), a layer x head grid of scatters
(``"matrix"``), and one sequence's attention (``"sequence"``: bipartite lines and heatmap).
A caption line names the model, corpus, layout and each head's layout fidelity. No browser,
no pyplot state (``Figure`` objects, Agg), so it runs in servers, tests and notebooks alike.
Scatters of many points are rasterised inside SVG/PDF (the text stays vector).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qkatlas.errors import InputError
from qkatlas.share import palette
from qkatlas.share.select import parse_heads, parse_layouts

VIEWS = ("head", "matrix", "sequence")
FORMATS = ("png", "svg", "pdf")
RASTER_POINTS = 5000  # SVG/PDF panels with more points are rasterised
THEMES = {  # web/src/render/theme.ts
    "light": {"bg": "#ffffff", "cell": "#ffffff", "line": "#d6d6d0", "text": "#1d2024", "muted": "#666d76",
              "accent": (10, 111, 194), "heat_bg": "#e4e4e0"},
    "dark": {"bg": "#12161b", "cell": "#1b1f26", "line": "#2c323c", "text": "#e3e6ea", "muted": "#8c96a3",
             "accent": (79, 179, 255), "heat_bg": "#22272e"},
}


def figure(atlas, out, *, layout: str | None = None, heads: str | None = None, color: str = "role",
           view: str | None = None, seq: int | None = None, token: int | None = None, hide: bool = False,
           theme: str = "light", dpi: int = 200, caption: bool = True) -> Path:
    """Draw ``view`` of ``atlas`` (an ``Atlas`` or its folder) into ``out`` (.png, .svg or .pdf).

    ``heads``: ``"L2H5,L4H*"`` (head view: one panel each; matrix: the heads drawn; sequence: the
    first). ``view`` defaults to ``head`` when heads are given, else ``matrix``. ``seq``/``token``:
    the sequence view's sequence (or the sequence of token row ``token``); ``hide``: drop the
    first and special tokens and renormalise, as the explorer's checkbox does.
    """
    from qkatlas.atlas.reader import Atlas

    a = atlas if isinstance(atlas, Atlas) else Atlas.open(atlas)
    out = Path(out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"--out {out}: give a file ending in .png, .svg or .pdf")
    view = view or ("head" if heads else "matrix")
    if view not in VIEWS:
        raise InputError(f"--view {view!r}: choose head, matrix or sequence")
    if theme not in THEMES:
        raise InputError(f"--theme {theme!r}: choose light or dark")
    chosen = parse_heads(heads, a.n_layers, a.n_heads)
    fig = _sequence(a, chosen[0], seq, token, hide, THEMES[theme]) if view == "sequence" else \
        _scatters(a, chosen, view, _one_layout(a, layout), _check_color(a, color), THEMES[theme], raster=fmt != "png")
    if caption:
        fig.text(0.01, 0.04 / fig.get_figheight(), _caption(a, chosen, view, layout), fontsize=7,
                 color=THEMES[theme]["muted"], ha="left", va="bottom", wrap=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format=fmt, dpi=dpi, facecolor=THEMES[theme]["bg"])
    return out


def _one_layout(a, layout: str | None) -> str:
    names = parse_layouts(layout, a.layouts)
    if not names:
        raise InputError(f"{a.path}: no complete layout to draw; compute one with `qkatlas layout {a.path} --layouts pca`")
    if layout and len(names) > 1:
        raise InputError(f"--layout {layout!r}: names {', '.join(names)}; give one, e.g. {names[0]}")
    return names[0]


def _check_color(a, color: str) -> str:
    modes = palette.color_modes(a.tokens, a.is_image)
    if color in modes or (color.startswith("meta:") and color[5:] in a.tokens.columns):
        return color
    raise InputError(f"--color {color!r}: choose from {', '.join(modes)} or meta:COLUMN")


def _new_figure(width: float, height: float, th: dict):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), facecolor=th["bg"])
    FigureCanvasAgg(fig)  # a renderer to measure text with (the legend)
    return fig


# ---- scatters (head and matrix views) --------------------------------------------------------------
LEGEND_IN, CAPTION_IN = 0.32, 0.42  # bottom bands (inches): the legend, then the caption


def _scatters(a, chosen, view: str, name: str, color: str, th: dict, raster: bool):
    method, dim = name.rsplit("-", 1)[0], int(name[-2])
    base = None if color == "norm" else palette.token_colors(color, a.tokens) / 255.0
    if view == "matrix":
        rows, cols, cell, gap, top, left = a.n_layers, a.n_heads, min(1.3, 15 / a.n_heads), 0.04, 0.3, 0.4
        spots = [(l, h) for l in range(rows) for h in range(cols)]
    else:
        cols = min(4, len(chosen))
        rows, cell, gap, top, left = int(np.ceil(len(chosen) / cols)), 3.0, 0.15, 0.4, 0.15
        spots = list(chosen)
    width = left + cols * cell + (cols - 1) * gap + 0.15
    height = top + rows * cell + (rows - 1) * (gap + (0.3 if view == "head" else 0)) + LEGEND_IN + CAPTION_IN
    fig = _new_figure(width, height, th)
    labels = _labels(a)
    n_points = 2 * a.n_tokens
    s = max(0.4, min(12.0, 6000.0 / n_points)) if view == "head" else max(0.1, min(3.0, 700.0 / n_points))
    row_step = cell + gap + (0.3 if view == "head" else 0)
    for i, (l, h) in enumerate(spots):
        r, c = (l, h) if view == "matrix" else divmod(i, cols)
        x0, y0 = left + c * (cell + gap), height - top - r * row_step - cell
        kw = {"projection": "3d"} if dim == 3 and view == "head" else {}
        ax = fig.add_axes((x0 / width, y0 / height, cell / width, cell / height), **kw)
        _frame(ax, th, view)
        if view == "matrix":
            if h == 0:
                ax.set_ylabel(f"L{l}", color=th["muted"], fontsize=7, rotation=0, ha="right", va="center")
            if l == 0:
                ax.set_title(f"H{h}", color=th["muted"], fontsize=7, pad=2)
        if (l, h) not in chosen:
            continue
        xy = a.coords(l, h, method, dim)
        rgba = base if base is not None else palette.norm_colors(palette.head_norms(*a.normalized(l, h))) / 255.0
        pts = [xy[:, 0], xy[:, 1]] + ([xy[:, 2]] if kw else [])
        ax.scatter(*pts, c=rgba, s=s, linewidths=0, rasterized=raster and n_points > RASTER_POINTS)
        if view == "head":
            extra = f" · {labels[(l, h)]}" if (l, h) in labels else ""
            ax.set_title(f"L{l} H{h}{extra}", color=th["text"], fontsize=9)
            if not kw:
                ax.set_aspect("equal", adjustable="datalim")
    _legend(fig, color, a.tokens, th, (CAPTION_IN + 0.02) / height, LEGEND_IN / height)
    return fig


def _frame(ax, th: dict, view: str) -> None:
    ax.set_facecolor(th["cell"])
    ax.set_xticks([])
    ax.set_yticks([])
    if hasattr(ax, "set_zticks"):
        ax.set_zticks([])
    for sp in getattr(ax, "spines", {}).values():
        sp.set_color(th["line"])
        sp.set_linewidth(0.6 if view == "matrix" else 0.8)


def _legend(fig, color: str, tokens, th: dict, bottom: float, height: float) -> None:
    """The explorer's legend in a strip: dots for categories, gradient bars for ramps."""
    entries = palette.legend(color, tokens)
    if not entries:
        return
    ax = fig.add_axes((0.01, bottom, 0.98, height))
    ax.set_axis_off()
    width_in = fig.get_figwidth() * 0.98
    ax.set_xlim(0, width_in)
    ax.set_ylim(0, 1)
    renderer = fig.canvas.get_renderer()

    def text(x: float, label: str) -> float:  # draws at x (inches), returns where it ends
        t = ax.text(x, 0.5, label, va="center", fontsize=7, color=th["text"])
        return x + t.get_window_extent(renderer).width / fig.dpi

    x = 0.05
    for e in entries:
        if len(e) == 2:
            ax.scatter([x + 0.05], [0.5], s=28, c=[np.array(e[1]) / 255], linewidths=0)
            x = text(x + 0.14, e[0]) + 0.25
        else:
            label, ramp, lo, hi = e
            colors = palette.hsv_to_rgb(np.linspace(0, 1, 64), 0.85, 0.95) if ramp == "hue" else palette.ramp_table(ramp)
            x = text(x, f"{label}  {lo}") + 0.06
            ax.imshow(colors[None, :, :], extent=(x, x + 0.9, 0.25, 0.75), aspect="auto", interpolation="nearest")
            x = text(x + 0.96, hi) + 0.3
    ax.set_xlim(0, width_in)
    ax.set_ylim(0, 1)


def _labels(a) -> dict:
    from qkatlas.errors import StaleResultError

    try:
        df = a.head_metrics()
    except StaleResultError:
        return {}
    if "label" not in df.columns:
        return {}
    return {(int(r.layer), int(r.head)): str(r.label) for r in df.itertuples() if isinstance(r.label, str)}


# ---- sequence view -----------------------------------------------------------------------------------
def _sequence(a, head: tuple[int, int], seq: int | None, token: int | None, hide: bool, th: dict):
    from matplotlib.colors import ListedColormap

    l, h = head
    if token is not None:
        seq = a.token_position(token)[0]
    seq = 0 if seq is None else seq
    rows = a.sequence_rows(seq)
    att = a.attention(l, h, seq)
    n = att.shape[0]
    tok = a.tokens.iloc[rows]
    texts = [_show(t) for t in tok["token"].astype(str)]
    hidden = np.zeros(n, bool)
    if hide:
        hidden = np.arange(n) == 0
        if "is_special" in tok.columns:
            hidden |= tok["is_special"].to_numpy(bool)
        att = _renormalize(att, hidden)
    fig = _new_figure(9.5, max(3.0, 0.2 * n + 1.3), th)
    left = fig.add_axes((0.02, 0.08, 0.46, 0.86))
    right = fig.add_axes((0.56, 0.12, 0.4, 0.78))
    for ax in (left, right):
        ax.set_facecolor(th["bg"])
    left.set_axis_off()
    left.set_xlim(-0.6, 1.6)
    left.set_ylim(n, -1)
    accent = np.array(th["accent"]) / 255
    from matplotlib.collections import LineCollection

    segs, cols, widths = [], [], []
    for i in range(n):
        for j in range(n):
            w = float(att[i, j])
            if hidden[i] or hidden[j] or not w > 0.01:
                continue
            segs.append([(0.02, i), (0.98, j)])
            cols.append((*accent, min(1.0, w)))
            widths.append(1 + 1.5 * w)
    left.add_collection(LineCollection(segs, colors=cols, linewidths=widths, capstyle="round"))
    for i, t in enumerate(texts):
        c = th["muted"] if hidden[i] else th["text"]
        left.text(0, i, t, ha="right", va="center", fontsize=8, color=c)
        left.text(1, i, t, ha="left", va="center", fontsize=8, color=c)
    left.text(0, -1, "queries", ha="right", va="center", fontsize=8, color=th["muted"])
    left.text(1, -1, "keys", ha="left", va="center", fontsize=8, color=th["muted"])
    heat = np.sqrt(att / (att[np.isfinite(att)].max() or 1.0))
    heat[hidden, :] = np.nan
    heat[:, hidden] = np.nan
    right.imshow(heat, cmap=ListedColormap(palette.ramp_table("heat") / 255.0), vmin=0, vmax=1, interpolation="nearest")
    right.set_facecolor(th["heat_bg"])
    if n <= 48:
        right.set_xticks(range(n), [t[:10] for t in texts], rotation=90, fontsize=6, color=th["muted"])
        right.set_yticks(range(n), [t[:10] for t in texts], fontsize=6, color=th["muted"])
    else:
        right.set_xticks([])
        right.set_yticks([])
    right.set_title(f"L{l} H{h} · sequence {seq}: query position ↓, key position →", fontsize=8, color=th["text"])
    for sp in right.spines.values():
        sp.set_color(th["line"])
    return fig


def _renormalize(att: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    out = np.where(hidden[None, :], 0.0, att)
    s = out.sum(axis=1, keepdims=True)
    return np.divide(out, s, out=np.zeros_like(out), where=s > 0)


def _show(t: str, limit: int = 18) -> str:
    s = t.replace("\n", "\u21b5").replace("\t", "\u21e5")
    s = s.replace(" ", "\u2423") if not s.strip() else s
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


# ---- caption -------------------------------------------------------------------------------------------
def _caption(a, chosen, view: str, layout: str | None) -> str:
    m, c = a.model, a.corpus
    parts = [f"{_name(m.get('name', '?'))} ({a.n_layers} layers x {a.n_heads} heads)",
             f"{_name(c.get('name') or c.get('spec') or '?')}: {a.n_tokens:,} tokens in {a.n_sequences:,} sequences"]
    if view == "sequence":
        l, h = chosen[0]
        parts.append(f"attention of L{l} H{h} from the stored q/k")
        return " · ".join(parts)
    name = _one_layout(a, layout)
    parts.append(f"layout {name}")
    fid = a.fidelity()
    fid = fid[fid["layout"] == name] if len(fid) else fid
    if len(fid):
        got = {(int(r.layer), int(r.head)): float(r.fidelity) for r in fid.itertuples()}
        vals = [(hd, got.get(hd, np.nan)) for hd in chosen]
        if len(vals) <= 6:
            parts.append("fidelity " + ", ".join(f"L{l}H{h} {v:.2f}" for (l, h), v in vals))
        else:
            parts.append(f"mean fidelity {np.nanmean([v for _, v in vals]):.2f} over {len(vals)} heads")
        parts.append("(share of a query's 5 most attended keys among its 5 nearest keys)")
    return " · ".join(parts)


def _name(s: str) -> str:
    return Path(s).name if "/" in s or "\\" in s else s
