"""A plain-words summary of an atlas's heads, generated from the metrics table.

Why generated text: a reader of the report first wants the gist ("early layers look back one
token, middle layers are sinks"), and the same sentences must hold for any model, so they are
derived from label counts per layer, not written by hand.
"""

from __future__ import annotations

import numpy as np

PLURAL = {
    "previous-token": "previous-token heads",
    "induction": "induction heads",
    "next-token": "next-token heads",
    "self": "self heads",
    "first-token": "first-token sinks",
    "special-token": "special-token sinks",
    "broad": "broad heads",
    "positional": "positional heads",
    "content": "content heads",
}
SINKS = ("first-token", "special-token")


def _span(layers: list[int]) -> str:
    return f"layer {layers[0]}" if len(layers) == 1 else f"layers {layers[0]}-{layers[-1]}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def dominant(labels) -> tuple[str, ...]:
    """The labels that make up at least a third of a group of heads (at most two, most frequent first)."""
    counts = labels.value_counts()
    top = [lab for lab, c in counts.items() if c >= len(labels) / 3][:2]
    return tuple(top or [counts.index[0]])


def phrase(labels: tuple[str, ...]) -> str:
    """("first-token", "content") -> "first-token sinks and content heads"."""
    sinks = [lab for lab in labels if lab in SINKS]
    heads = [lab for lab in labels if lab not in SINKS]
    parts = {"sinks": " and ".join(sinks) + " sinks" if sinks else "",
             "heads": " and ".join(heads) + " heads" if heads else ""}
    order = ["sinks", "heads"] if labels[0] in SINKS else ["heads", "sinks"]
    return " and ".join(parts[k] for k in order if parts[k])


def layer_bands(df, max_bands: int = 5, penalty: float = 0.5) -> list[tuple[list[int], tuple[str, ...]]]:
    """Layers cut into contiguous bands of similar label mix: [(layers, dominant labels)].

    Optimal segmentation by dynamic programming: a band costs the heads that differ from its
    mean label mix (total variation x heads, summed over its layers) plus ``penalty`` layers'
    worth of heads, so a new band opens only where the mix really changes. Adjacent bands
    with the same description are merged.
    """
    import pandas as pd

    mix = pd.crosstab(df["layer"], df["label"])
    layers = [int(x) for x in mix.index]
    counts = mix.to_numpy(float)
    n = len(layers)
    width = counts.sum(axis=1).mean()

    def cost(a: int, b: int) -> float:  # layers a..b-1 as one band
        p = counts[a:b] / counts[a:b].sum(axis=1, keepdims=True)
        return 0.5 * np.abs(p - p.mean(axis=0)).sum() * width + penalty * width

    best = {(0, 0): (0.0, None)}  # (bands used, layers covered) -> (cost, previous cut)
    for k in range(1, max_bands + 1):
        for b in range(1, n + 1):
            options = [(best[(k - 1, a)][0] + cost(a, b), a) for a in range(b) if (k - 1, a) in best]
            if options:
                best[(k, b)] = min(options)
    k = min((kk for kk in range(1, max_bands + 1) if (kk, n) in best), key=lambda kk: best[(kk, n)][0])
    cuts, b = [], n
    while k:
        a = best[(k, b)][1]
        cuts.append((a, b))
        b, k = a, k - 1
    bands: list[tuple[list[int], tuple[str, ...]]] = []
    for a, b in reversed(cuts):
        part = layers[a:b]
        dom = dominant(df.loc[df["layer"].isin(part), "label"])
        if bands and bands[-1][1] == dom:
            bands[-1] = (bands[-1][0] + part, dom)
        else:
            bands.append((part, dom))
    return bands


def _where(df, label: str) -> str | None:
    """Where the heads of ``label`` concentrate: the fewest layers (<= 3) holding 60% of them."""
    counts = df.loc[df["label"] == label, "layer"].value_counts()
    total, held, layers = counts.sum(), 0, []
    for layer, c in counts.items():
        layers.append(int(layer))
        held += c
        if held >= 0.6 * total:
            break
    if len(layers) > 3:
        return f"{PLURAL[label]} are spread over {len(counts)} layers"
    return f"{PLURAL[label]} sit mainly in {_span_list(sorted(layers))} ({held} of {total})"


def _span_list(layers: list[int]) -> str:
    return ("layer " if len(layers) == 1 else "layers ") + _join([str(x) for x in layers])


def summary(df, model: str) -> str:
    """One paragraph: label totals, which layers hold which kinds, sinks and value weighting."""
    n = len(df)
    counts = df["label"].value_counts()
    totals = _join([f"{c} {PLURAL[lab]}" if c > 1 else f"1 {PLURAL[lab][:-1]}" for lab, c in counts.items()])
    parts = [f"Of the {n} heads of {model}, the taxonomy finds {totals}."]
    bands = layer_bands(df)
    verb = "holds " if len(bands[0][0]) == 1 else "hold "
    described = [f"{_span(layers)} {verb if i == 0 else ''}mostly {phrase(labs)}" for i, (layers, labs) in enumerate(bands)]
    text = _join(described)
    parts.append(text[0].upper() + text[1:] + ".")
    shown = {lab for _, labs in bands for lab in labs}
    minor = [_where(df, lab) for lab, c in counts.items() if lab not in shown and lab != "content" and c >= 2]
    if minor:
        text = "; ".join(minor)
        parts.append(text[0].upper() + text[1:] + ".")
    for label, metric in (("previous-token", "prev_token"), ("positional", "local")):
        if counts.get(label, 0):
            best = df.loc[df.loc[df["label"] == label, metric].idxmax()]
            parts.append(f"The sharpest {label} head is L{int(best.layer)} H{int(best['head'])} "
                         f"({metric} {best[metric]:.2f}).")
    sinks = df[df["label"].isin(SINKS)]
    if len(sinks):
        raw = np.median(np.maximum(sinks["first_token"], sinks["special"]))
        weighted = np.median(np.maximum(sinks["vw_first_token"], sinks["vw_special"]))
        verdict = ("the sink is attended but contributes little (its value vectors are small)"
                   if weighted < 0.6 * raw else "the sink keeps most of its weight, so it carries value")
        parts.append(f"In the {len(sinks)} sink heads, value-norm weighting changes the sink's median share "
                     f"from {raw:.2f} to {weighted:.2f}: {verdict}.")
    return " ".join(parts)
