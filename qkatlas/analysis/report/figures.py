"""The report's plots, each returned as PNG bytes (matplotlib, Agg; no pyplot global state).

Why ``Figure`` objects instead of pyplot: the report may be built inside a server or a test
process, where pyplot's global figure registry and backend selection would leak state.
"""

from __future__ import annotations

import io

import numpy as np

from qkatlas.analysis.taxonomy import COLORS, LABELS

METRIC_PANELS = [
    ("entropy_norm", "entropy (normalised)"),
    ("first_token", "first token"),
    ("vw_first_token", "first token, value-weighted"),
    ("prev_token", "previous token"),
    ("local", "local (near keys)"),
    ("self", "self"),
]


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def _grid(df, column: str, fill=np.nan) -> np.ndarray:
    L, H = int(df["layer"].max()) + 1, int(df["head"].max()) + 1
    g = np.full((L, H), fill, dtype=object if isinstance(fill, str) else float)
    g[df["layer"].to_numpy(), df["head"].to_numpy()] = df[column].to_numpy()
    return g


def _head_axes(ax, L: int, H: int) -> None:
    ax.set_xlabel("head")
    ax.set_ylabel("layer")
    step_h, step_l = max(1, H // 16), max(1, L // 24)
    ax.set_xticks(range(0, H, step_h))
    ax.set_yticks(range(0, L, step_l))
    ax.tick_params(labelsize=7)


def taxonomy_grid(df) -> bytes:
    """Layer x head grid, each cell coloured by the head's label, with a legend of counts."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    labels = _grid(df, "label", fill="content")
    L, H = labels.shape
    index = np.vectorize(LABELS.index)(labels)
    fig = _figure(min(3 + 0.42 * H, 16), min(1.6 + 0.3 * L, 14))
    ax = fig.add_subplot()
    ax.imshow(index, cmap=ListedColormap([COLORS[lab] for lab in LABELS]), vmin=-0.5, vmax=len(LABELS) - 0.5,
              aspect="auto", interpolation="nearest")
    ax.set_xticks(np.arange(-0.5, H), minor=True)
    ax.set_yticks(np.arange(-0.5, L), minor=True)
    ax.grid(which="minor", color="white", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    _head_axes(ax, L, H)
    counts = df["label"].value_counts()
    handles = [Patch(color=COLORS[lab], label=f"{lab} ({counts[lab]})") for lab in LABELS if lab in counts]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title("head taxonomy")
    return png(fig)


def metric_heatmaps(df, panels=METRIC_PANELS) -> bytes:
    """One layer x head heatmap per metric (shares and normalised entropy, all on 0..1)."""
    L, H = int(df["layer"].max()) + 1, int(df["head"].max()) + 1
    cols = 3
    rows = -(-len(panels) // cols)
    fig = _figure(min(3 * cols * max(1, H / 12) ** 0.5, 16), rows * min(0.8 + 0.16 * L, 6))
    for i, (metric, title) in enumerate(panels):
        ax = fig.add_subplot(rows, cols, i + 1)
        im = ax.imshow(_grid(df, metric), vmin=0, vmax=1, cmap="viridis", aspect="auto", interpolation="nearest")
        ax.set_title(title, fontsize=9)
        _head_axes(ax, L, H)
        fig.colorbar(im, ax=ax, shrink=0.8)
    return png(fig)


def head_map(df, named=None) -> bytes:
    """The heads on the 2-D behaviour map, coloured by label; names L.H on all heads (<= 120) or ``named``."""
    fig = _figure(8, 6)
    ax = fig.add_subplot()
    for lab in LABELS:
        sub = df[df["label"] == lab]
        if len(sub):
            ax.scatter(sub["map_x"], sub["map_y"], s=28, color=COLORS[lab], label=lab, edgecolors="white", linewidths=0.4)
    named = df if len(df) <= 120 or named is None else named
    for r in named.itertuples():
        ax.annotate(f"{r.layer}.{r.head}", (r.map_x, r.map_y), fontsize=6, color="#333", xytext=(2, 2),
                    textcoords="offset points")
    ax.legend(fontsize=8, frameon=False, loc="best")
    ax.set_xlabel("behaviour PC 1")
    ax.set_ylabel("behaviour PC 2")
    ax.set_title("head map (similar behaviour = close; labels are layer.head)")
    return png(fig)


def _heat(ax, p: dict) -> None:
    m = np.asarray(p["map"], float)
    vmax = np.nanmax(m) if np.isfinite(m).any() else 1
    ax.imshow(np.ma.masked_invalid(m), cmap="magma", vmin=0, vmax=vmax or 1, aspect="auto",
              interpolation="nearest", extent=p.get("extent"))
    ax.set_title(p["title"], fontsize=8)
    ax.set_xlabel(p.get("xlabel", ""), fontsize=7)
    ax.set_ylabel(p.get("ylabel", ""), fontsize=7)
    ax.tick_params(labelsize=6)
    for labels, setter in ((p.get("xlabels"), ax.set_xticks), (p.get("ylabels"), ax.set_yticks)):
        if labels is not None:
            setter(range(len(labels)), labels, fontsize=5)
    if p.get("xlabels") is not None:
        ax.tick_params(axis="x", labelrotation=90)


def head_panels(heads: list[dict]) -> bytes:
    """One row per head: its aggregate maps and its attention on example sequences.

    Each entry: ``title`` and ``panels``, a list of dicts with ``map`` (2-D array), ``title``
    and optional ``xlabels``/``ylabels`` (tick labels), ``xlabel``/``ylabel``, ``extent``; or
    ``image`` (RGB array) plus ``overlay`` (2-D array drawn over it) and ``title``.
    """
    cols = max(len(h["panels"]) for h in heads)
    fig = _figure(3.1 * cols, 3.0 * len(heads))
    for r, h in enumerate(heads):
        for c, p in enumerate(h["panels"]):
            ax = fig.add_subplot(len(heads), cols, r * cols + c + 1)
            if "image" in p:
                ax.imshow(p["image"])
                ov = p["overlay"]
                ax.imshow(ov, cmap="magma", alpha=0.6, extent=(0, p["image"].shape[1], p["image"].shape[0], 0),
                          interpolation="nearest", vmin=0, vmax=np.nanmax(ov) or 1)
                ax.set_title(p["title"], fontsize=8)
                ax.axis("off")
            else:
                _heat(ax, p)
            if c == 0:
                ax.set_ylabel(h["title"] + ("\n" + ax.get_ylabel() if ax.get_ylabel() else ""), fontsize=9)
                if "image" in p:
                    ax.axis("on")
                    ax.set_xticks([])
                    ax.set_yticks([])
    return png(fig)
