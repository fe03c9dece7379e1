"""Layout methods, discovered from the files of this folder (a new method = a new file).

``get(name)`` returns the method; ``names()`` lists them (the CLI, the server and the explorer
ask here, never a hard-coded list). See ``base`` for the interface.
"""

from __future__ import annotations

import importlib
import pkgutil

from qkatlas.errors import InputError
from qkatlas.layout.methods.base import Fitted, HeadInputs, LayoutMethod
from qkatlas.layout.order import ORDER, sort_key


def _classes() -> dict[str, type[LayoutMethod]]:
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")
    found: dict[str, type[LayoutMethod]] = {}
    stack = list(LayoutMethod.__subclasses__())
    while stack:
        cls = stack.pop()
        if getattr(cls, "name", None):
            found[cls.name] = cls
        stack.extend(cls.__subclasses__())
    return found


def names() -> list[str]:
    found = _classes()
    return [n for n in ORDER if n in found] + sorted(n for n in found if n not in ORDER)


def get(name: str) -> LayoutMethod:
    found = _classes()
    key = str(name).strip().lower()
    if key not in found:
        raise InputError(f"layout method {name!r}: choose from {', '.join(names())} (e.g. --layouts pca,tsne,umap)")
    return found[key]()


__all__ = ["Fitted", "HeadInputs", "LayoutMethod", "get", "names", "sort_key"]
