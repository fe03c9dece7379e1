"""What the explorer's API answers, as methods over a ``Snapshot`` (no HTTP here).

Each method validates its parameters (``ApiError`` 400/404/413 with one clear line), reads the
atlas through ``qkatlas.atlas.reader.Atlas`` and the attention contract, and returns either a
JSON-able dict or an encoded QKB1 message (``bytes``, see :mod:`qkatlas.server.wire`). The
routes (:mod:`qkatlas.server.routes`) only turn HTTP parameters into these calls. Nothing here
writes to an atlas or computes an analysis: stored results are read, or the error names
``qkatlas analyze``.

The service is one class assembled from parts, one module per group of answers (atlases,
arrays, attention, search, analysis, images, understand); ``base`` holds what they share.
"""

from __future__ import annotations

from qkatlas.server.service.analysis import AnalysisPart
from qkatlas.server.service.arrays import ArraysPart
from qkatlas.server.service.atlases import AtlasesPart
from qkatlas.server.service.attention import AttentionPart
from qkatlas.server.service.compare import ComparePart
from qkatlas.server.service.base import ServiceBase, clean, columns, dumps, public
from qkatlas.server.service.images import ImagesPart
from qkatlas.server.service.search import SearchPart
from qkatlas.server.service.understand import UnderstandPart


class AtlasService(AtlasesPart, ArraysPart, AttentionPart, SearchPart, AnalysisPart, ImagesPart, UnderstandPart,
                   ComparePart):
    """Domain logic of the API over snapshots; holds the limits and the response cache."""


__all__ = ["AtlasService", "ServiceBase", "clean", "columns", "dumps", "public"]
