"""Phi-3: one fused ``qkv_proj`` ([q | k | v], grouped-query), rotary, and a sliding window on
every layer when ``config.sliding_window`` is set (Phi-3-mini: 2047)."""

from qkatlas.capture.adapters.base import Adapter


class Phi3Adapter(Adapter):
    family = "phi3"
    model_types = ("phi3",)
    kind = "text-decoder"
    records = "fused qkv_proj; rotary; sliding window on every layer (config.sliding_window)"
    projection_names = (("qkv_proj",),)

    def windows(self):
        return self.window_every_layer()
