"""Llama-family decoders: rotary positions and grouped-query attention.

q and k are taken where the attention receives them, i.e. after rotary (``capture_at``
"attention", see base): exactly the rotated vectors whose dot products the model softmaxes.
"""

from qkatlas.capture.adapters.base import Adapter


class LlamaAdapter(Adapter):
    family = "llama"
    model_types = ("llama",)
    kind = "text-decoder"
    records = "rotary positions (captured after rotary); grouped-query keys stored once per key head"
    projection_names = (("q_proj", "k_proj", "v_proj"),)
