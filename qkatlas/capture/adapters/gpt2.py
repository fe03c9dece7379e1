"""GPT-2: one fused ``c_attn`` projection outputs [q | k | v]; causal self-attention.

Captured at the projection (not at the attention call): GPT-2's ``reorder_and_upcast_attn``
path computes attention without the shared attention function. The scale per layer is the
module's ``scaling`` (1/sqrt(d), divided by layer + 1 with ``scale_attn_by_inverse_layer_idx``).
"""

from torch import nn

from qkatlas.capture.adapters.base import Adapter


class GPT2Adapter(Adapter):
    family = "gpt2"
    model_types = ("gpt2",)
    kind = "text-decoder"
    records = "scale per layer (1/sqrt(d), / (layer+1) with scale_attn_by_inverse_layer_idx)"
    capture_at = "projections"

    def _find_attention(self):
        found = [
            m for m in self.model.modules()
            if isinstance(getattr(m, "c_attn", None), nn.Module) and not getattr(m, "is_cross_attention", False)
        ]
        return ("c_attn",), found

    def _hook_projections(self, module, state):
        def split(_module, _args, output):
            state["q"], state["k"], state["v"] = output.detach().split(module.split_size, dim=2)

        return [module.c_attn.register_forward_hook(split)]
