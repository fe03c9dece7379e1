"""CLIP image encoder: the vision tower alone (``CLIPVisionModel``), loaded from a full CLIP
checkpoint or a vision-only one (the text tower is not loaded); a [CLS] (class embedding)
comes before the patches."""

from qkatlas.capture.adapters.base import Adapter


class ClipVisionAdapter(Adapter):
    family = "clip"
    model_types = ("clip", "clip_vision_model")
    kind = "vision"
    records = "vision tower only; prefix [CLS]"
    prefix_tokens = ("[CLS]",)

    @classmethod
    def model_class(cls, config):
        from transformers import CLIPVisionModel

        return CLIPVisionModel
