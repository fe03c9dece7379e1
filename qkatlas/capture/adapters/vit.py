"""Vision transformers (ViT, DINOv2): [CLS] + patch tokens, full (non-causal) attention."""

from qkatlas.capture.adapters.base import Adapter


class ViTAdapter(Adapter):
    family = "vit"
    model_types = ("vit", "dinov2", "deit")
    kind = "vision"
    prefix_tokens = ("[CLS]",)
