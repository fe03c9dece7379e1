"""OLMo-2: RMSNorm over the whole q and k projections, then rotary (captured after both)."""

from qkatlas.capture.adapters.base import Adapter


class OlmoAdapter(Adapter):
    family = "olmo"
    model_types = ("olmo2",)
    kind = "text-decoder"
    records = "q/k RMSNorm (over all heads) then rotary, captured after both"
    projection_names = (("q_proj", "k_proj", "v_proj"),)
