"""Vision transformers (ViT, DINOv2, DINOv2 with registers): [CLS] (+ register tokens) then
patch tokens, full (non-causal) attention."""

from qkatlas.capture.adapters.base import Adapter


class ViTAdapter(Adapter):
    family = "vit"
    model_types = ("vit", "dinov2", "dinov2_with_registers")
    kind = "vision"
    records = "prefix [CLS] (+ [REG0].. register tokens for dinov2_with_registers)"

    @property
    def prefix_tokens(self):
        registers = int(getattr(self.config, "num_register_tokens", 0) or 0)
        return ("[CLS]", *(f"[REG{i}]" for i in range(registers)))
