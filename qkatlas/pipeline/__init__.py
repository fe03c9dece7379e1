"""The library API that the command line calls: ``build``, ``add``, ``layout``, ``analyze``, ``report``,
``compare``.

Each is a plain function taking paths and keywords (no CLI parsing, no printing except through
``log``), so notebooks, scripts and ``qkatlas`` run the same code.
"""

from qkatlas.layout.run import compute_layouts as layout
from qkatlas.pipeline.add import add
from qkatlas.pipeline.analyze import analyze, report
from qkatlas.pipeline.build import build
from qkatlas.pipeline.compare import compare

__all__ = ["add", "analyze", "build", "compare", "layout", "report"]
