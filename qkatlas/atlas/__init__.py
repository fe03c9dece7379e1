"""The atlas on disk, owned here and documented in FORMAT.md.

``paths`` (every file name), ``schema`` (columns, dtypes, manifest structure), ``files``
(atomic durable writes), ``reader`` (``Atlas``, read-only), ``writer`` (``AtlasWriter``, the one
way files get in), ``transaction`` (the add journal), ``summary`` (what ``qkatlas info`` prints).
"""

from qkatlas.atlas.reader import Atlas

__all__ = ["Atlas"]
