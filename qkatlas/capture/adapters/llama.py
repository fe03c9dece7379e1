"""Llama-family decoders (Llama, Mistral, Qwen2): rotary positions and grouped-query attention.

q_proj / k_proj output *pre-rotary* vectors; the attention rotates them with the (cos, sin) it
receives as ``position_embeddings``. We apply the model's own ``apply_rotary_pos_emb`` (looked
up in the module that defines the attention class, so family variants keep their own version),
which makes the captured vectors exactly the ones whose dot products the model softmaxes.
"""

import sys

from qkatlas.capture.adapters.base import Adapter


class LlamaAdapter(Adapter):
    family = "llama"
    model_types = ("llama", "mistral", "qwen2")
    kind = "text-decoder"
    projection_names = (("q_proj", "k_proj", "v_proj"),)

    def position_encode(self, module, q, k, kwargs):
        cos, sin = kwargs["position_embeddings"]
        apply_rotary = sys.modules[type(module).__module__].apply_rotary_pos_emb
        return apply_rotary(q, k, cos, sin)
