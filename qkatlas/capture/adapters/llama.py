"""Llama-family decoders (Llama, Mistral, Qwen2): rotary positions and grouped-query attention.

q_proj / k_proj output *pre-rotary* vectors; the attention then calls its module's
``apply_rotary_pos_emb``. While capturing, we wrap that function (in the module that defines the
attention class, so family variants keep their own version) and keep what it returns: exactly
the rotated vectors whose dot products the model softmaxes, at no extra cost.
"""

import sys

from qkatlas.capture.adapters.base import Adapter


class LlamaAdapter(Adapter):
    family = "llama"
    model_types = ("llama", "mistral", "qwen2")
    kind = "text-decoder"
    projection_names = (("q_proj", "k_proj", "v_proj"),)

    def install(self, sink):
        modeling = sys.modules[type(self.attention_modules[0]).__module__]
        original = modeling.apply_rotary_pos_emb
        self._rotated: list = []

        def recording(q, k, *args, **kwargs):
            rotated = original(q, k, *args, **kwargs)
            self._rotated.append(rotated)
            return rotated

        modeling.apply_rotary_pos_emb = recording
        return [_Restore(modeling, "apply_rotary_pos_emb", original), *super().install(sink)]

    def position_encode(self, module, q, k, kwargs):
        return self._rotated.pop()


class _Restore:
    """A removable handle that puts a patched module attribute back."""

    def __init__(self, owner, name, value):
        self.owner, self.name, self.value = owner, name, value

    def remove(self):
        setattr(self.owner, self.name, self.value)
