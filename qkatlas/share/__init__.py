"""Sharing atlases: a static export of the explorer (``export``), the explorer as a notebook
widget (``show``), and figures drawn with matplotlib in the explorer's colours (``figure``).

Imported on first use, so ``import qkatlas.share`` needs nothing beyond the base install; the
widget needs the ``widget`` extra (anywidget), a quick look at a model the ``capture`` extra.
"""

from __future__ import annotations

_LAZY = {"export_site": "qkatlas.share.export", "show": "qkatlas.share.notebook", "figure": "qkatlas.share.figures"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'qkatlas.share' has no attribute {name!r}")


__all__ = list(_LAZY)
