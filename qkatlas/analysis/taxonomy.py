"""Head taxonomy: one label per head from its metrics, with the rule that produced it.

Why rules and not clustering: a label has to be explainable ("prev_token >= 0.5") and stable
across models, so users can trust and compare it. Rules are tried in this order; the first that
holds gives the label (shares are means over queries, see ``qkatlas.analysis.metrics``):

1. ``previous-token``  prev_token >= 0.5
2. ``induction``       induction >= 0.3 (over queries whose token occurred before: share to the
                       token right after that earlier occurrence; NaN without repeated tokens)
3. ``next-token``      next_token >= 0.5
4. ``self``            self >= 0.5
5. ``first-token``     first_token >= 0.5, or special >= 0.5 with first_token >= special / 2
                       (a sink on position 0: [CLS], BOS or, without BOS, the first word)
6. ``special-token``   special >= 0.5 (a sink mostly on other special tokens, e.g. [SEP])
7. ``broad``           entropy_norm >= 0.85 (attention spread nearly uniformly)
8. ``positional``      local >= 0.5, or offset_mode_share >= 0.5 (a fixed relative offset)
9. ``content``         everything else: what it attends to depends on the tokens

``induction`` comes right after ``previous-token`` and before the sinks and ``positional``: on
repeated sequences an induction head attends at a fixed offset (the copy length) and its
first-copy queries often rest on a sink, so later rules would hold too, yet the copying is what
the head is for. The position-specific patterns come first because they are the sharpest; ``broad`` precedes
``positional`` because in short sequences a uniform head already puts much mass nearby.
"""

from __future__ import annotations

import numpy as np

THRESHOLDS = {
    "prev_token": 0.5,
    "induction": 0.3,
    "next_token": 0.5,
    "self": 0.5,
    "first_token": 0.5,
    "special": 0.5,
    "entropy_norm": 0.85,
    "local": 0.5,
    "offset_mode_share": 0.5,
}


def _at_least(metric: str):
    """Rule "metric >= threshold": returns the rule text with the head's value, or None."""
    def rule(row):
        value = row.get(metric)
        if value is None or not np.isfinite(value) or value < THRESHOLDS[metric]:
            return None
        extra = f", offset {int(row['offset_mode']):+d}" if metric == "offset_mode_share" else ""
        return f"{metric} >= {THRESHOLDS[metric]:g} ({value:.2f}{extra})"
    return rule


def _any(*rules):
    def rule(row):
        return next((text for text in (r(row) for r in rules) if text), None)
    return rule


def _special_mostly_first(row):
    """A special-token sink whose mass is mostly on the first token is a first-token sink."""
    text = _at_least("special")(row)
    if text and row["first_token"] >= row["special"] / 2:
        return f"{text}, mostly the first token ({row['first_token']:.2f})"
    return None


RULES = [  # (label, rule) in the order they are tried; a rule returns its text when it holds
    ("previous-token", _at_least("prev_token")),
    ("induction", _at_least("induction")),
    ("next-token", _at_least("next_token")),
    ("self", _at_least("self")),
    ("first-token", _any(_at_least("first_token"), _special_mostly_first)),
    ("special-token", _at_least("special")),
    ("broad", _at_least("entropy_norm")),
    ("positional", _any(_at_least("local"), _at_least("offset_mode_share"))),
]
DEFAULT_LABEL = "content"
_T = THRESHOLDS
RULE_TEXTS = {  # the rules in words, for reports and the explorer's legend
    "previous-token": f"prev_token >= {_T['prev_token']:g}",
    "induction": f"induction >= {_T['induction']:g}",
    "next-token": f"next_token >= {_T['next_token']:g}",
    "self": f"self >= {_T['self']:g}",
    "first-token": f"first_token >= {_T['first_token']:g}, or special >= {_T['special']:g} with first_token >= special / 2",
    "special-token": f"special >= {_T['special']:g}",
    "broad": f"entropy_norm >= {_T['entropy_norm']:g}",
    "positional": f"local >= {_T['local']:g}, or offset_mode_share >= {_T['offset_mode_share']:g}",
    "content": "no rule above holds",
}
LABELS = [label for label, _ in RULES] + [DEFAULT_LABEL]
DESCRIPTIONS = {
    "previous-token": "attends to the token just before",
    "induction": "attends to the token after an earlier occurrence of its own token (copies: A B ... A -> B)",
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
    "induction": "#e377c2",
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
    for label, rule in RULES:
        text = rule(row)
        if text:
            return label, text
    return DEFAULT_LABEL, "no rule holds"


def label_heads(df):
    """The metrics DataFrame with ``label`` and ``rule`` columns added (a copy)."""
    out = df.copy()
    pairs = [classify(row) for row in df.to_dict("records")]
    out["label"] = [p[0] for p in pairs]
    out["rule"] = [p[1] for p in pairs]
    return out
