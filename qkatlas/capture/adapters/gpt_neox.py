"""GPT-NeoX / Pythia: fused ``query_key_value`` (per head [q | k | v]), partial rotary
(``rotary_pct``: only the first dims of each head rotate); captured after rotary."""

from qkatlas.capture.adapters.base import Adapter


class GPTNeoXAdapter(Adapter):
    family = "gpt_neox"
    model_types = ("gpt_neox",)
    kind = "text-decoder"
    records = "fused query_key_value; partial rotary (rotary_pct), captured after rotary"
    projection_names = (("query_key_value", "dense"),)
