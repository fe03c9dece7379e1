"""GPT-2: one fused ``c_attn`` projection outputs [q | k | v]; causal self-attention."""

from torch import nn

from qkatlas.capture.adapters.base import Adapter


class GPT2Adapter(Adapter):
    family = "gpt2"
    model_types = ("gpt2",)
    kind = "text-decoder"

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



