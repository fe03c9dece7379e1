"""Where capture taps a model: the call into its attention function.

Every transformers 5.x family we support computes q, k and v in its own way (fused projections,
per-head or whole-projection q/k norms, full or partial rotary, a rotary slice concatenated
back), then hands them to one attention function::

    attention_interface = ALL_ATTENTION_FUNCTIONS.get_interface(impl, eager_attention_forward)
    attn_output, attn_weights = attention_interface(self, query, key, value, mask, scaling=..., ...)

``query`` (B, H, T, d) and ``key`` (B, Hkv, T, d) there are *exactly* what the softmax sees,
before the scale, whatever the family did to get them. So instead of re-doing each family's
position encoding, capture replaces the name ``ALL_ATTENTION_FUNCTIONS`` in the attention's
modeling module (only that module, only while capturing) by a proxy whose functions report
(module, q, k, v, kwargs) to a listener and then call the real function: no extra compute, the
same for eager, sdpa and flash attention, and the keyword arguments (``scaling``,
``sliding_window``, ``softcap``) let the adapter check the terms it declares against the ones
the model really uses.

Listeners are per attention-module object, so several models (or threads) can tap the same
modeling module; the proxy goes away when its last listener does.
"""

from __future__ import annotations

import sys
import threading
from typing import Callable

# (module, query, key, value, kwargs of the attention call)
Listener = Callable[[object, object, object, object, dict], None]

_LOCK = threading.Lock()


class _Proxy:
    """Stands in for a modeling module's ``ALL_ATTENTION_FUNCTIONS``; everything else is passed through."""

    def __init__(self, real):
        self.real = real
        self.listeners: dict[int, Listener] = {}

    def get_interface(self, attn_implementation, default):
        return self._wrap(self.real.get_interface(attn_implementation, default))

    def __getitem__(self, key):
        return self._wrap(self.real[key])

    def __contains__(self, key):
        return key in self.real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def _wrap(self, fn):
        listeners = self.listeners

        def attention(module, query, key, value, *args, **kwargs):
            listener = listeners.get(id(module))
            if listener is not None:
                listener(module, query, key, value, kwargs)
            return fn(module, query, key, value, *args, **kwargs)

        return attention


class _Tap:
    """A removable handle (like torch's) for one listener."""

    def __init__(self, owner, module_id: int):
        self.owner, self.module_id = owner, module_id

    def remove(self) -> None:
        with _LOCK:
            proxy = getattr(self.owner, "ALL_ATTENTION_FUNCTIONS", None)
            if not isinstance(proxy, _Proxy):
                return
            proxy.listeners.pop(self.module_id, None)
            if not proxy.listeners:
                self.owner.ALL_ATTENTION_FUNCTIONS = proxy.real


def can_tap(module) -> bool:
    """Whether ``module``'s class calls its attention through ``ALL_ATTENTION_FUNCTIONS``."""
    owner = sys.modules.get(type(module).__module__)
    return owner is not None and hasattr(owner, "ALL_ATTENTION_FUNCTIONS")


def tap_attention(module, listener: Listener) -> _Tap:
    """Call ``listener`` with every (q, k, v, kwargs) that ``module`` hands its attention function."""
    owner = sys.modules[type(module).__module__]
    with _LOCK:
        current = owner.ALL_ATTENTION_FUNCTIONS
        if not isinstance(current, _Proxy):
            current = _Proxy(current)
            owner.ALL_ATTENTION_FUNCTIONS = current
        current.listeners[id(module)] = listener
    return _Tap(owner, id(module))
