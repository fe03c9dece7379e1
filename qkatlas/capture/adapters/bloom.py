"""BLOOM: fused ``query_key_value`` laid out per head as [q | k | v], no positions in q/k, and
ALiBi: the model adds slope_h * (key position) to every logit, which equals slope_h * (j - i)
up to a per-query constant (ignored by softmax). The slopes are read from the model's own
``build_alibi_tensor``; captured at the projection (BLOOM's attention has no shared function)."""

import sys

import torch

from qkatlas.capture.adapters.base import Adapter


class BloomAdapter(Adapter):
    family = "bloom"
    model_types = ("bloom",)
    kind = "text-decoder"
    records = "ALiBi slope per head (logits + slope * (j - i))"
    capture_at = "projections"
    projection_names = (("query_key_value", "dense"),)

    def scales(self):
        return [float(m.inv_norm_factor) for m in self.attention_modules]

    def alibi_slopes(self):
        modeling = sys.modules[type(self.attention_modules[0]).__module__]
        bias = modeling.build_alibi_tensor(torch.ones(1, 2), self.n_heads, torch.float32)  # slope * [0, 1]
        return [float(s) for s in bias.reshape(self.n_heads, 2)[:, 1]]

    def _hook_projections(self, module, state):
        def split(_module, _args, output):
            b, t, _ = output.shape
            fused = output.detach().view(b, t, self.n_heads, 3, self.d_head)
            state["q"], state["k"], state["v"] = (fused[..., i, :].transpose(1, 2) for i in range(3))

        return [module.query_key_value.register_forward_hook(split)]

    def split_heads(self, x):
        return x  # already (B, H, T, d)
