"""The one small interface every model family implements.

An adapter finds a model's self-attention modules, declares the attention terms beyond q . k
that the family uses (sliding windows, soft-cap, ALiBi, scale, prefix tokens: see
``qkatlas.attention``) and delivers per-head queries, keys and values *exactly as the attention
uses them* to a sink, during the model's own fast forward pass.

Where the vectors come from (``capture_at``):
* ``"attention"`` (default): the q, k, v the attention module hands its attention function
  (``qkatlas.capture.hooks``): after fused-projection splits, q/k norms and (partial) rotary,
  whatever the family does; the call's ``scaling`` / ``sliding_window`` / ``softcap`` are checked
  against the declared terms on the first batch, so a family variant the adapter does not know
  fails loudly instead of producing a silently wrong atlas;
* ``"projections"``: forward hooks on the q/k/v projections (``projection_names``), for
  families whose attention does not go through that function (GPT-2's reordered path, BLOOM).

A family is one file in this folder defining a subclass with ``model_types``; it is found by
``adapters.adapter_for`` without being listed anywhere.
"""

from __future__ import annotations

import math
from typing import Callable, ClassVar

import torch
from torch import nn

from qkatlas.capture.hooks import can_tap, tap_attention
from qkatlas.errors import InputError

# (layer, q (B, H, T, d), k (B, Hkv, T, d), v (B, Hkv, T, d))
Sink = Callable[[int, torch.Tensor, torch.Tensor, torch.Tensor], None]


class Adapter:
    family: ClassVar[str]
    model_types: ClassVar[tuple[str, ...]]
    kind: ClassVar[str]  # "text-encoder" | "text-decoder" | "vision"
    # What the family records beyond q . k (``qkatlas models``); empty: q . k and the mask only.
    records: ClassVar[str] = ""
    capture_at: ClassVar[str] = "attention"
    # Names of the projections inside one attention module (first set that matches wins): they
    # identify the attention modules, and ``capture_at = "projections"`` hooks them.
    projection_names: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("q_proj", "k_proj", "v_proj"),
        ("query", "key", "value"),
    )
    # Tokens a vision model puts before the patches ([CLS], a distillation token, registers):
    # they are labelled, never mistaken for patches. Text models: none.
    prefix_tokens: ClassVar[tuple[str, ...]] = ()

    # ---- before loading ---------------------------------------------------------------------
    @classmethod
    def model_class(cls, config):
        """The transformers class to load (a vision tower alone for CLIP / SigLIP)."""
        from transformers import AutoModel

        return AutoModel

    @classmethod
    def check_config(cls, config) -> None:
        """Raise InputError for a variant of the family whose attention we cannot reproduce exactly."""

    # ---- after loading ----------------------------------------------------------------------
    def __init__(self, model: nn.Module):
        self.model = model
        self.config = model.config
        self.names, self.attention_modules = self._find_attention()
        if not self.attention_modules:
            raise InputError(f"model {type(model).__name__}: no self-attention module with q/k/v projections was found; "
                             "qkatlas captures self-attention transformers only (see `qkatlas models`)")
        if self.capture_at == "attention" and not can_tap(self.attention_modules[0]):
            raise InputError(f"model {type(model).__name__}: its attention ({type(self.attention_modules[0]).__name__}) does "
                             "not go through transformers' attention interface; this transformers version is not supported")
        c = self.config
        self.n_layers = len(self.attention_modules)
        self.n_heads = int(c.num_attention_heads)
        self.n_kv_heads = int(getattr(c, "num_key_value_heads", None) or self.n_heads)
        hidden = getattr(c, "hidden_size", None) or getattr(c, "dim")
        self.d_head = int(getattr(c, "head_dim", None) or hidden // self.n_heads)

    @property
    def causal(self) -> bool:
        return self.kind == "text-decoder"

    def _find_attention(self) -> tuple[tuple[str, ...], list[nn.Module]]:
        for names in self.projection_names:
            found = [
                m for m in self.model.modules() if all(isinstance(getattr(m, n, None), nn.Module) for n in names)
            ]
            if found:
                return names, found
        return self.projection_names[0], []

    @property
    def kv_head_of(self) -> list[int]:
        """Key head read by each query head (transformers' repeat_kv groups consecutive heads)."""
        group = self.n_heads // self.n_kv_heads
        return [h // group for h in range(self.n_heads)]

    # ---- the attention terms (recorded in manifest.model; see qkatlas.attention) ------------
    def scales(self) -> list[float]:
        """Logit scale per layer (1/sqrt(d) almost always; Gemma: query_pre_attn_scalar; GPT-2 by layer)."""
        return [float(getattr(m, "scaling", self.d_head**-0.5)) for m in self.attention_modules]

    def windows(self) -> list[int | None]:
        """Sliding window per layer (None = full attention). Families with windows override this."""
        return [None] * self.n_layers

    def softcap(self) -> float | None:
        """Attention-logit soft-cap (Gemma-2), None when the family has none."""
        return None

    def alibi_slopes(self) -> list[float] | None:
        """ALiBi slope per query head (BLOOM), None when the family has none."""
        return None

    def attention_terms(self) -> dict:
        """The manifest's ``model.attention`` entry (see ``qkatlas.attention``)."""
        return {"windows": self.windows(), "softcap": self.softcap(), "alibi_slopes": self.alibi_slopes()}

    # helpers for the two ways transformers configs declare windows
    def window_every_layer(self) -> list[int | None]:
        """``config.sliding_window`` on every layer (Mistral, Phi-3); None when it is unset."""
        w = getattr(self.config, "sliding_window", None)
        return [None if w is None else int(w)] * self.n_layers

    def window_by_layer_type(self) -> list[int | None]:
        """``config.sliding_window`` on the layers that ``config.layer_types`` marks "sliding_attention"."""
        w = getattr(self.config, "sliding_window", None)
        types = getattr(self.config, "layer_types", None) or ["full_attention"] * self.n_layers
        return [int(w) if (t == "sliding_attention" and w is not None) else None for t in types[: self.n_layers]]

    # ---- hooks ------------------------------------------------------------------------------
    def install(self, sink: Sink) -> list:
        """Hook every attention module; ``sink`` receives each layer's q, k, v per forward pass.
        Returns handles with ``remove()``."""
        declared = (self.scales(), self.windows(), self.softcap())
        checked: set[int] = set()
        if self.capture_at == "attention":
            return [tap_attention(m, self._listener(layer, sink, declared, checked))
                    for layer, m in enumerate(self.attention_modules)]
        handles = []
        for layer, module in enumerate(self.attention_modules):
            state: dict = {}
            handles += self._hook_projections(module, state)
            handles.append(module.register_forward_hook(self._emit(layer, module, state, sink)))
        return handles

    def _listener(self, layer: int, sink: Sink, declared, checked: set):
        def listen(_module, q, k, v, kwargs):
            if layer not in checked:
                self._check_call(layer, q, k, kwargs, declared)
                checked.add(layer)
            sink(layer, q.detach(), k.detach(), v.detach())

        return listen

    def _check_call(self, layer: int, q, k, kwargs: dict, declared) -> None:
        """The first call of each layer: shapes and the terms the model really passes vs the declared ones."""
        scales, windows, softcap = declared
        name = f"{type(self.model).__name__} layer {layer}"
        if q.dim() != 4 or q.shape[1] != self.n_heads or k.shape[1] != self.n_kv_heads or q.shape[-1] != self.d_head:
            raise InputError(f"model {name}: attention receives q {tuple(q.shape)} and k {tuple(k.shape)}, but its config "
                             f"says {self.n_heads} heads, {self.n_kv_heads} key heads of dim {self.d_head}; not supported")
        problems = []
        scaling = kwargs.get("scaling")
        if scaling is not None and not math.isclose(float(scaling), scales[layer], rel_tol=1e-6):
            problems.append(f"scaling {scaling:g} (declared {scales[layer]:g})")
        if "sliding_window" in kwargs and kwargs["sliding_window"] != windows[layer]:
            problems.append(f"sliding_window {kwargs['sliding_window']} (declared {windows[layer]})")
        if kwargs.get("softcap") != softcap and ("softcap" in kwargs or softcap is not None):
            problems.append(f"softcap {kwargs.get('softcap')} (declared {softcap})")
        if problems:
            raise InputError(f"model {name}: its attention uses {', '.join(problems)}; the {self.family} adapter would "
                             "record a different attention than the model computes, so capture stops here")

    def _hook_projections(self, module: nn.Module, state: dict) -> list:
        return [
            getattr(module, name).register_forward_hook(_keep_output(state, role))
            for role, name in zip("qkv", self.names)
        ]

    def _emit(self, layer: int, module: nn.Module, state: dict, sink: Sink):
        def hook(_module, _args, _output):
            q, k, v = self.split_heads(state["q"]), self.split_heads(state["k"]), self.split_heads(state["v"])
            state.clear()
            sink(layer, q, k, v)

        return hook

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, H*d) -> (B, H, T, d)."""
        b, t, _ = x.shape
        return x.view(b, t, -1, self.d_head).transpose(1, 2)


def _keep_output(state: dict, role: str):
    def hook(_module, _args, output):
        state[role] = output.detach()

    return hook
