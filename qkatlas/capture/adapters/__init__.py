"""Model-family adapters, discovered from the files of this folder (a new family = a new file)."""

from __future__ import annotations

import importlib
import pkgutil

from qkatlas.capture.adapters.base import Adapter
from qkatlas.errors import InputError

# Families whose attention q . k plus the recorded terms cannot reproduce exactly: a clear
# reason instead of the generic "not supported".
NOT_EXACT = {
    **dict.fromkeys(("t5", "mt5", "umt5", "longt5", "switch_transformers", "pop2piano"),
                    "adds a learned relative position bias (buckets per head) to q . k"),
    **dict.fromkeys(("deberta", "deberta-v2"), "adds content-to-position and position-to-content terms to q . k"),
    **dict.fromkeys(("xlnet", "transfo-xl"), "uses relative positional attention terms beyond q . k"),
}


def adapter_classes() -> list[type[Adapter]]:
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base" and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return sorted(_subclasses(Adapter), key=lambda cls: cls.family)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        if "model_types" in sub.__dict__:
            yield sub
        yield from _subclasses(sub)


def supported_model_types() -> dict[str, tuple[str, ...]]:
    """family -> model_types it handles (for error messages and `qkatlas models`)."""
    return {cls.family: cls.model_types for cls in adapter_classes()}


def adapter_class_for(model_type, model_name: str = "") -> type[Adapter]:
    """The adapter class for a config's ``model_type``, or a one-line InputError naming the families."""
    for cls in adapter_classes():
        if model_type in cls.model_types:
            return cls
    name = f"model {model_name!r}: " if model_name else ""
    why = f" (its attention {NOT_EXACT[model_type]}, which q and k cannot show exactly)" if model_type in NOT_EXACT else ""
    families = "; ".join(f"{f}: {', '.join(t)}" for f, t in supported_model_types().items())
    raise InputError(f"{name}model type {model_type!r} is not supported{why}; supported families: {families}. "
                     "Adding one is one file in qkatlas/capture/adapters/")


def adapter_for(model, model_name: str = "") -> Adapter:
    """The adapter for a loaded transformers model, chosen by its config's ``model_type``."""
    cls = adapter_class_for(getattr(model.config, "model_type", None), model_name or type(model).__name__)
    cls.check_config(model.config)
    return cls(model)
