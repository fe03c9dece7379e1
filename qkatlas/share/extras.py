"""Optional dependency groups: a command that needs a missing one says which extra to install."""

from __future__ import annotations

import importlib.util

from qkatlas.errors import MissingExtraError


def require(what: str, extra: str, *modules: str) -> None:
    """MissingExtraError (one line) naming ``pip install 'qkatlas[extra]'`` when a module is missing."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError(f"{what} needs {', '.join(missing)}, which this install lacks: "
                                f"pip install 'qkatlas[{extra}]'")
