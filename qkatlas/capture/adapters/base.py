"""The one small interface every model family implements.

An adapter finds a model's self-attention modules and turns what their projections output into
per-head queries, keys and values *exactly as the attention uses them* (bias included, after
rotary embedding where the model has one). It does this with forward hooks, so capture runs the
model's own fast forward pass and adds only a copy of q, k and v.

A family is one file in this folder defining a subclass with ``model_types``; it is found by
``registry.adapter_for`` without being listed anywhere.
"""

from __future__ import annotations

from typing import Callable, ClassVar

import torch
from torch import nn

from qkatlas.errors import InputError

# (layer, q (B, H, T, d), k (B, Hkv, T, d), v (B, Hkv, T, d))
Sink = Callable[[int, torch.Tensor, torch.Tensor, torch.Tensor], None]


class Adapter:
    family: ClassVar[str]
    model_types: ClassVar[tuple[str, ...]]
    kind: ClassVar[str]  # "text-encoder" | "text-decoder" | "vision"
    # Candidate names of the q, k, v projections inside one attention module (first match wins).
    projection_names: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("q_proj", "k_proj", "v_proj"),
        ("query", "key", "value"),
    )
    # Tokens a vision model puts before the patches ([CLS], a distillation token, registers):
    # they are labelled, never mistaken for patches. Text models: none.
    prefix_tokens: ClassVar[tuple[str, ...]] = ()

    def __init__(self, model: nn.Module):
        self.model = model
        self.config = model.config
        self.names, self.attention_modules = self._find_attention()
        if not self.attention_modules:
            raise InputError(f"model {type(model).__name__}: no self-attention module with q/k/v projections was found; "
                             "qkatlas captures self-attention transformers only (see `qkatlas models`)")
        c = self.config
        self.n_layers = len(self.attention_modules)
        self.n_heads = int(c.num_attention_heads)
        self.n_kv_heads = int(getattr(c, "num_key_value_heads", None) or self.n_heads)
        hidden = getattr(c, "hidden_size", None) or getattr(c, "dim")
        self.d_head = int(getattr(c, "head_dim", None) or hidden // self.n_heads)

    @property
    def causal(self) -> bool:
        return self.kind == "text-decoder"

    def _find_attention(self) -> tuple[tuple[str, str, str], list[nn.Module]]:
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

    def scales(self) -> list[float]:
        """Logit scale per layer (1/sqrt(d) almost always; GPT-2 can scale by layer too)."""
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

    # ---- hooks --------------------------------------------------------------------------------
    def install(self, sink: Sink) -> list[torch.utils.hooks.RemovableHandle]:
        """Hook every attention module; ``sink`` receives each layer's q, k, v per forward pass."""
        handles = []
        for layer, module in enumerate(self.attention_modules):
            state: dict = {}
            handles += self._hook_projections(module, state)
            handles.append(module.register_forward_pre_hook(_keep_kwargs(state), with_kwargs=True))
            handles.append(module.register_forward_hook(self._emit(layer, module, state, sink)))
        return handles

    def _hook_projections(self, module: nn.Module, state: dict) -> list:
        return [
            getattr(module, name).register_forward_hook(_keep_output(state, role))
            for role, name in zip("qkv", self.names)
        ]

    def _emit(self, layer: int, module: nn.Module, state: dict, sink: Sink):
        def hook(_module, _args, _output):
            q, k, v = self.split_heads(state["q"]), self.split_heads(state["k"]), self.split_heads(state["v"])
            q, k = self.position_encode(module, q, k, state.get("kwargs", {}))
            state.clear()
            sink(layer, q, k, v)

        return hook

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, H*d) -> (B, H, T, d)."""
        b, t, _ = x.shape
        return x.view(b, t, -1, self.d_head).transpose(1, 2)

    def position_encode(self, module, q, k, kwargs):
        """Hook for families that rotate q and k inside attention (rotary); identity here."""
        return q, k


def _keep_output(state: dict, role: str):
    def hook(_module, _args, output):
        state[role] = output.detach()

    return hook


def _keep_kwargs(state: dict):
    def hook(_module, _args, kwargs):
        state["kwargs"] = kwargs

    return hook
