"""Qwen2 and Qwen3: Llama-like decoders (Qwen2: q/k/v biases; Qwen3: RMSNorm on each q and k head
before rotary, captured after both). With ``use_sliding_window`` the layers that
``config.layer_types`` marks "sliding_attention" (those from ``max_window_layers`` on) get a window."""

from qkatlas.capture.adapters.base import Adapter


class QwenAdapter(Adapter):
    family = "qwen"
    model_types = ("qwen2", "qwen3")
    kind = "text-decoder"
    records = "sliding window per layer (use_sliding_window, layer_types); Qwen3: q/k RMSNorm then rotary"
    projection_names = (("q_proj", "k_proj", "v_proj"),)

    def windows(self):
        return self.window_by_layer_type()
