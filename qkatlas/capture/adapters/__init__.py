"""Model-family adapters, discovered from the files of this folder (a new family = a new file)."""

from __future__ import annotations

import importlib
import pkgutil

from qkatlas.capture.adapters.base import Adapter
from qkatlas.errors import InputError


def adapter_classes() -> list[type[Adapter]]:
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")
    return sorted(_subclasses(Adapter), key=lambda cls: cls.family)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        if getattr(sub, "model_types", None):
            yield sub
        yield from _subclasses(sub)


def supported_model_types() -> dict[str, tuple[str, ...]]:
    """family -> model_types it handles (for error messages and `qkatlas info --models`)."""
    return {cls.family: cls.model_types for cls in adapter_classes()}


def adapter_for(model, model_name: str = "") -> Adapter:
    """The adapter for a loaded transformers model, chosen by its config's ``model_type``."""
    model_type = getattr(model.config, "model_type", None)
    for cls in adapter_classes():
        if model_type in cls.model_types:
            return cls(model)
    families = "; ".join(f"{f}: {', '.join(t)}" for f, t in supported_model_types().items())
    raise InputError(
        f"model {model_name or type(model).__name__!r}: model type {model_type!r} is not supported; "
        f"supported families: {families}. Adding one is one file in qkatlas/capture/adapters/"
    )
