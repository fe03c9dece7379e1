"""The atlas on disk (see FORMAT.md)."""

from qkatlas.atlas.store import Atlas

__all__ = ["Atlas"]
