"""Mistral: Llama's attention plus a sliding window (``config.sliding_window``) on every layer."""

from qkatlas.capture.adapters.base import Adapter


class MistralAdapter(Adapter):
    family = "mistral"
    model_types = ("mistral",)
    kind = "text-decoder"
    records = "sliding window on every layer (config.sliding_window); rotary; grouped-query keys"
    projection_names = (("q_proj", "k_proj", "v_proj"),)

    def windows(self):
        return self.window_every_layer()
