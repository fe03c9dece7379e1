"""qkatlas: every attention head of a transformer at once, across a whole corpus."""

__version__ = "0.1.0"

from qkatlas.atlas.store import Atlas  # noqa: E402

__all__ = ["Atlas", "__version__"]
