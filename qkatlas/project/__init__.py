"""Projection: per-head joint query-key layouts (PCA, t-SNE, UMAP), their alignment and fidelity.

Modules, one job each: ``knn`` (one neighbour graph per head), ``methods`` (the three layout
recipes), ``align`` (a common orientation), ``fidelity`` (does a query sit near the keys it
attends to), ``head`` (everything for one head, run in a worker), ``pipeline`` (all heads,
parallel, resumable), ``add`` (new sequences into an existing atlas), ``cli`` (commands).

Numba-compiled code (UMAP, pynndescent, our kNN selection) is cached on disk so that a new
process does not compile it again; set ``NUMBA_CACHE_DIR`` to move the cache.
"""

import os

os.environ.setdefault("NUMBA_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "qkatlas", "numba"))
