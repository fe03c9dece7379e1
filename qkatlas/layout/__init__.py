"""Layouts: per-head joint query-key layouts, their alignment and fidelity.

Modules, one job each: ``methods/`` (the layout-method seam and one file per method: PCA,
t-SNE, UMAP, ...), ``knn`` (one neighbour graph per head), ``align`` (a common orientation),
``place`` (new points into an existing layout), ``fidelity`` (does a query sit near the keys
it attends to), ``head`` (everything for one head: one engine job), ``engine/`` (where jobs
run: local processes or Ray), ``run`` (all heads: resumable, manifest, fidelity table).

Numba-compiled code (UMAP, pynndescent, our kNN selection) is cached on disk so that a new
process does not compile it again; set ``NUMBA_CACHE_DIR`` to move the cache.
"""

import os

os.environ.setdefault("NUMBA_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "qkatlas", "numba"))

# Tokens per head a t-SNE / UMAP fit sees at most; the rest is placed (``--fit-sample``). Here,
# not in ``run``, so the command line can show the default without importing the layout stack.
# Measured in qkatlas/layout/run.py's comment: 5,000 keeps MiniLM's fidelity and brings a
# 1,024-head, 10k-token atlas under 30 min on 2 cores.
DEFAULT_FIT_SAMPLE = 5_000
