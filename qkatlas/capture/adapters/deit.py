"""DeiT: a ViT with a second prefix token, the distillation token, between [CLS] and the patches."""

from qkatlas.capture.adapters.base import Adapter


class DeiTAdapter(Adapter):
    family = "deit"
    model_types = ("deit",)
    kind = "vision"
    records = "prefix tokens [CLS] and [DIST] (distillation) before the patches"
    prefix_tokens = ("[CLS]", "[DIST]")
