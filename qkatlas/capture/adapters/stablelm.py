"""StableLM: partial rotary (a rotated slice concatenated back) and optional per-head q/k
LayerNorm; captured where the attention receives q and k, after both."""

from qkatlas.capture.adapters.base import Adapter


class StableLmAdapter(Adapter):
    family = "stablelm"
    model_types = ("stablelm",)
    kind = "text-decoder"
    records = "partial rotary (partial_rotary_factor); optional per-head q/k LayerNorm"
    projection_names = (("q_proj", "k_proj", "v_proj"),)
