"""`qkatlas report`: one self-contained HTML file summarising every head of an atlas.

Why one file with inline PNGs: it can be mailed, attached to an issue or opened offline, and it
never breaks because an asset moved. Contents: a generated summary paragraph, the taxonomy grid,
metric heatmaps, the head map, and the top heads of each kind with their aggregate maps and
their attention on the same example sequences (images: the [CLS] query's attention map).
"""

from __future__ import annotations

import base64
import html

import numpy as np

from qkatlas.analysis.metrics import METRICS
from qkatlas.analysis.report import figures
from qkatlas.analysis.report.narrative import summary
from qkatlas.analysis.taxonomy import COLORS, DESCRIPTIONS, LABELS, RULE_TEXTS
from qkatlas.atlas.reader import Atlas

TOP_PER_KIND = 3
PATCH_WINDOW = 7  # images: patch-offset maps shown for offsets -7..7
EXAMPLE_LENGTH = (10, 18)  # text examples: sequences of this many tokens read well in a heatmap
TABLE_COLUMNS = ["layer", "head", "label", "entropy_norm", "top1", "first_token", "special", "self",
                 "prev_token", "next_token", "local", "offset_mode", "induction", "vw_first_token", "qk_separation", "rule"]

CSS = """
body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em} h2{margin-top:1.8em;border-bottom:1px solid #ddd} img{max-width:100%}
.meta{color:#666} .swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.3em;vertical-align:-.1em}
table{border-collapse:collapse;font-size:12px} td,th{padding:2px 6px;border-bottom:1px solid #eee;text-align:right}
td.l,th.l{text-align:left} .ex{color:#555;font-size:12px}
"""


def _img(data: bytes, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode()}">'


def example_sequences(atlas: Atlas, k: int = 2) -> list[int]:
    """Sequences shown for every top head: text of readable length; images: photos first."""
    seqs = atlas.sequences
    if atlas.corpus.get("kind") == "images":
        photos = seqs[seqs["source"] == "skimage"] if "source" in seqs.columns else seqs.iloc[:0]
        return [int(s) for s in (photos if len(photos) >= k else seqs)["seq"].iloc[:k]]
    lo, hi = EXAMPLE_LENGTH
    mid = (lo + hi) / 2
    ranked = sorted(seqs[["seq", "n_tokens"]].itertuples(index=False),
                    key=lambda r: (not lo <= r.n_tokens <= hi, abs(r.n_tokens - mid), r.seq))
    return [int(r.seq) for r in ranked[:k]]


def top_heads(df, label: str, k: int = TOP_PER_KIND):
    """The ``k`` heads of ``label`` that show it most strongly."""
    from qkatlas.analysis.sequences import label_score

    sub = df[df["label"] == label]
    score = label_score(sub, label)
    return sub.loc[score.sort_values(ascending=False, kind="stable").index[:k]]


def shown_positions(atlas: Atlas, maps: dict) -> int:
    """Positions of the aggregate map worth showing: those that at least 10% of sequences reach."""
    reach = np.diagonal(maps["counts"])
    return max(2, int((reach >= max(2, 0.1 * len(atlas.sequences))).sum()))


def _head_rows(atlas: Atlas, heads, maps: dict, examples: list[int]) -> list[dict]:
    images = "patch_offset" in maps
    tokens = atlas.tokens
    P = shown_positions(atlas, maps)
    rows = []
    for h in heads.itertuples():
        layer, head = int(h.layer), int(h.head)
        if images:
            rows_, cols_ = maps["patch_offset"].shape[2:]
            r0, c0, w = (rows_ - 1) // 2, (cols_ - 1) // 2, PATCH_WINDOW
            crop = np.s_[max(r0 - w, 0):r0 + w + 1, max(c0 - w, 0):c0 + w + 1]
            common = {"extent": (-w - 0.5, w + 0.5, w + 0.5, -w - 0.5), "xlabel": "column offset", "ylabel": "row offset"}
            panels = [{"map": maps["patch_offset"][layer, head][crop], "title": "mean attention by patch offset", **common},
                      {"map": maps["patch_offset_value_weighted"][layer, head][crop], "title": "value-weighted", **common}]
            panels += [_image_panel(atlas, layer, head, s) for s in examples]
        else:
            common = {"xlabel": "key position", "ylabel": "query position"}
            panels = [{"map": maps["attn"][layer, head][:P, :P], "title": "mean attention over the corpus", **common},
                      {"map": maps["attn_value_weighted"][layer, head][:P, :P], "title": "value-weighted", **common}]
            for s in examples:
                words = [t.strip() or "_" for t in tokens["token"].iloc[atlas.sequence_rows(s)]]
                panels.append({"map": atlas.attention(layer, head, s), "title": f"sequence {s}",
                               "xlabels": words, "ylabels": words})
        rows.append({"title": f"L{layer} H{head}", "panels": panels})
    return rows


def _image_panel(atlas: Atlas, layer: int, head: int, seq: int) -> dict:
    from PIL import Image

    rows = atlas.sequence_rows(seq)
    t = atlas.tokens.iloc[rows]
    patch = (t["patch_row"] >= 0).to_numpy()
    grid = np.full((int(t["patch_row"].max()) + 1, int(t["patch_col"].max()) + 1), np.nan)
    attn = atlas.attention(layer, head, seq)
    grid[t["patch_row"][patch], t["patch_col"][patch]] = attn[0, patch]  # the [CLS] query
    p = atlas.image_path(seq)
    image = np.asarray(Image.open(p).convert("RGB")) if p is not None else np.zeros((*grid.shape, 3), np.uint8)
    name = str(atlas.sequences["text"].iloc[seq])
    return {"image": image, "overlay": grid, "title": f"{name}: [CLS] attention"}


def render_report(atlas: Atlas, top: int = TOP_PER_KIND) -> str:
    """The self-contained HTML report of an atlas whose analysis is current (StaleResultError if not)."""
    import pandas as pd

    df = atlas.head_metrics()
    maps = atlas.aggregate()
    model, corpus = atlas.model, atlas.corpus
    title = f"{model['name']} x {corpus['name']}"
    t = atlas.tokens
    panels = list(figures.METRIC_PANELS)
    if (t["is_special"] & (t["pos"] > 0)).any():  # specials beyond position 0, e.g. [SEP]
        panels.insert(2, ("special", "special tokens"))
    examples = example_sequences(atlas)

    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>qkatlas report: {html.escape(title)}</title>",
             f"<style>{CSS}</style></head><body>",
             f"<h1>Attention heads of {html.escape(title)}</h1>",
             f"<p class='meta'>{model['n_layers']} layers x {model['n_heads']} heads ({model['kind']}"
             f"{', causal' if atlas.causal else ''}); {corpus['n_sequences']} sequences, {corpus['n_tokens']} tokens.</p>",
             "<h2>Summary</h2>", f"<p id='summary'>{html.escape(summary(df, model['name']))}</p>",
             "<h2>Head taxonomy</h2>", _img(figures.taxonomy_grid(df), "taxonomy grid"), _rules_html(),
             "<h2>Metrics by layer and head</h2>", _img(figures.metric_heatmaps(df, panels), "metric heatmaps"),
             "<h2>Head map</h2>",
             "<p>Each head placed by its behaviour (metrics and attention by relative position); "
             "heads that behave alike are close.</p>",
             _img(figures.head_map(df, pd.concat([top_heads(df, lab, top) for lab in LABELS])), "head map"),
             "<h2>Top heads of each kind</h2>", _examples_html(atlas, examples)]
    for label in LABELS:
        heads = top_heads(df, label, top)
        if not len(heads):
            continue
        parts.append(f"<h3>{_swatch(label)}{html.escape(label)}: {html.escape(DESCRIPTIONS[label])}</h3>")
        parts.append("<p class='ex'>" + "; ".join(f"L{int(h.layer)} H{int(h.head)}: {html.escape(h.rule)}"
                                                  for h in heads.itertuples()) + "</p>")
        parts.append(_img(figures.head_panels(_head_rows(atlas, heads, maps, examples)), f"top {label} heads"))
    parts += ["<h2>All heads</h2>", _table_html(df), "<h2>Definitions</h2>", _definitions_html(), "</body></html>"]
    return "\n".join(parts)


def _swatch(label: str) -> str:
    return f"<span class='swatch' style='background:{COLORS[label]}'></span>"


def _rules_html() -> str:
    items = "".join(f"<li>{_swatch(lab)}<b>{lab}</b>: {html.escape(RULE_TEXTS[lab])}</li>" for lab in LABELS)
    return f"<p>Rules, tried in this order (the first that holds names the head):</p><ol>{items}</ol>"


def _examples_html(atlas: Atlas, examples: list[int]) -> str:
    seqs = atlas.sequences
    items = "".join(f"<li>sequence {s}: {html.escape(str(seqs['text'].iloc[s]))}</li>" for s in examples)
    return f"<p class='ex'>Example {'images' if atlas.corpus.get('kind') == 'images' else 'sequences'}:</p><ul class='ex'>{items}</ul>"


def _table_html(df) -> str:
    cols = [c for c in TABLE_COLUMNS if c in df.columns] + [c for c in df.columns if c.startswith("fidelity_")]
    head = "".join(f"<th class='{'l' if c in ('label', 'rule') else ''}'>{c}</th>" for c in cols)
    rows = []
    for r in df[cols].itertuples(index=False):
        cells = []
        for c, v in zip(cols, r):
            if c in ("label", "rule"):
                cells.append(f"<td class='l'>{_swatch(v) if c == 'label' else ''}{html.escape(str(v))}</td>")
            elif isinstance(v, float):
                cells.append(f"<td>{v:.2f}</td>")
            else:
                cells.append(f"<td>{v}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<details><summary>{len(df)} heads</summary><table><tr>{head}</tr>{''.join(rows)}</table></details>"


def _definitions_html() -> str:
    items = "".join(f"<li><b>{k}</b>: {html.escape(v)}</li>" for k, v in METRICS.items())
    return (f"<ul>{items}</ul><p class='ex'>Shares are means over queries that have at least two allowed keys. "
            "Value-weighted attention is p_ij ||v_j|| renormalised per query.</p>")
