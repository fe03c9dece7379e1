"""SigLIP image encoder: the vision tower alone (``SiglipVisionModel``), loaded from a full SigLIP
checkpoint or a vision-only one. No prefix token: every token is a patch (the pooling head
attends from a learned probe: cross-attention, not captured)."""

from qkatlas.capture.adapters.base import Adapter


class SiglipVisionAdapter(Adapter):
    family = "siglip"
    model_types = ("siglip", "siglip_vision_model")
    kind = "vision"
    records = "vision tower only; no prefix token (patches only)"

    @classmethod
    def model_class(cls, config):
        from transformers import SiglipVisionModel

        return SiglipVisionModel
