"""Head taxonomy: one label per head from its metrics, with the rule that produced it.

Why rules and not clustering: a label has to be explainable ("prev_token >= 0.5") and stable
across models, so users can trust and compare it. Rules are tried in this order; the first that
holds gives the label (shares are means over queries, see ``qkatlas.analysis.metrics``):

1. ``previous-token``  prev_token >= 0.5
2. ``next-token``      next_token >= 0.5
3. ``self``            self >= 0.5
4. ``first-token``     first_token >= 0.5   (a sink on position 0: [CLS], BOS or the first word)
5. ``special-token``   special >= 0.5       (a sink on [SEP] and other special tokens)
6. ``broad``           entropy_norm >= 0.85 (attention spread nearly uniformly)
7. ``positional``      local >= 0.5, or offset_mode_share >= 0.5 (a fixed relative offset)
8. ``content``         everything else: what it attends to depends on the tokens

The position-specific patterns come first because they are the sharpest; ``broad`` precedes
``positional`` because in short sequences a uniform head already puts much mass nearby.
"""

from __future__ import annotations

import numpy as np

THRESHOLDS = {
    "prev_token": 0.5,
    "next_token": 0.5,
    "self": 0.5,
    "first_token": 0.5,
    "special": 0.5,
    "entropy_norm": 0.85,
    "local": 0.5,
    "offset_mode_share": 0.5,
}

# label -> (metric, ...) in rule order; each rule is "metric >= threshold", any metric may hold
RULES: list[tuple[str, tuple[str, ...]]] = [
    ("previous-token", ("prev_token",)),
    ("next-token", ("next_token",)),
    ("self", ("self",)),
    ("first-token", ("first_token",)),
    ("special-token", ("special",)),
    ("broad", ("entropy_norm",)),
    ("positional", ("local", "offset_mode_share")),
]
DEFAULT_LABEL = "content"
LABELS = [label for label, _ in RULES] + [DEFAULT_LABEL]
DESCRIPTIONS = {
    "previous-token": "attends to the token just before",
    "next-token": "attends to the token just after",
    "self": "attends to its own token",
    "first-token": "sink on the first token ([CLS] / BOS / first word)",
    "special-token": "sink on special tokens ([SEP], [CLS], BOS)",
    "broad": "spreads attention nearly uniformly",
    "positional": "attends by position: nearby keys or a fixed offset",
    "content": "attends by content (none of the positional rules hold)",
}
# one colour per label, fixed so that every report and the explorer agree (matplotlib tab10)
COLORS = {
    "previous-token": "#1f77b4",
    "next-token": "#17becf",
    "self": "#9467bd",
    "first-token": "#d62728",
    "special-token": "#ff7f0e",
    "broad": "#7f7f7f",
    "positional": "#2ca02c",
    "content": "#bcbd22",
}


def classify(row) -> tuple[str, str]:
    """(label, rule) of one head from a mapping of its metrics."""
    for label, metrics in RULES:
        for metric in metrics:
            value = row.get(metric)
            if value is not None and np.isfinite(value) and value >= THRESHOLDS[metric]:
                extra = f", offset {int(row['offset_mode']):+d}" if metric == "offset_mode_share" else ""
                return label, f"{metric} >= {THRESHOLDS[metric]:g} ({value:.2f}{extra})"
    return DEFAULT_LABEL, "no rule holds"


def label_heads(df):
    """The metrics DataFrame with ``label`` and ``rule`` columns added (a copy)."""
    out = df.copy()
    pairs = [classify(row) for row in df.to_dict("records")]
    out["label"] = [p[0] for p in pairs]
    out["rule"] = [p[1] for p in pairs]
    return out
