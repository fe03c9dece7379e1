"""Gemma, Gemma-2 and Gemma-3 (text) decoders.

* scale: the module's ``scaling`` (Gemma-2/3: ``query_pre_attn_scalar ** -0.5``, not 1/sqrt(d));
* Gemma-2: logit soft-capping (``attn_logit_softcapping``, 50) before the mask, and a sliding
  window on the layers ``config.layer_types`` marks "sliding_attention" (every other one);
* Gemma-3: RMSNorm on each q and k head before rotary (captured after both), sliding window per
  ``layer_types`` (5 of 6 layers); its attention passes no soft-cap, so none is recorded even
  when the config has one (the check in base would catch a transformers version that does).
Bidirectional variants (``use_bidirectional_attention``, EmbeddingGemma) are refused.
"""

from qkatlas.capture.adapters.base import Adapter
from qkatlas.errors import InputError


class GemmaAdapter(Adapter):
    family = "gemma"
    model_types = ("gemma",)
    kind = "text-decoder"
    records = "rotary; grouped-query keys"
    projection_names = (("q_proj", "k_proj", "v_proj"),)

    @classmethod
    def check_config(cls, config):
        if getattr(config, "use_bidirectional_attention", False):
            raise InputError(f"model type {config.model_type!r} with use_bidirectional_attention is not supported "
                             "(its bidirectional window mask is not in qkatlas's attention contract)")


class Gemma2Adapter(GemmaAdapter):
    family = "gemma2"
    model_types = ("gemma2",)
    records = "logit soft-cap (attn_logit_softcapping), sliding window on alternating layers (layer_types), scale query_pre_attn_scalar^-0.5"

    def windows(self):
        return self.window_by_layer_type()

    def softcap(self):
        cap = getattr(self.config, "attn_logit_softcapping", None)
        return None if cap is None else float(cap)


class Gemma3Adapter(GemmaAdapter):
    family = "gemma3"
    model_types = ("gemma3_text",)
    records = "q/k RMSNorm then rotary, sliding window per layer (layer_types), scale query_pre_attn_scalar^-0.5"

    def windows(self):
        return self.window_by_layer_type()
