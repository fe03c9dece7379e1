"""The local engine: head jobs in a pool of spawned worker processes, one thread each.

Why: t-SNE and UMAP are mostly single-threaded, and two one-thread workers on two cores nearly
double throughput over one two-thread process (measured, design.md section 5); numba code is
compiled once per worker (``warm_up``) and cached on disk across runs (``NUMBA_CACHE_DIR``).
A worker whose parent dies stops too, instead of finishing its queue as an orphan.
"""

from __future__ import annotations

import os
import time
from typing import Callable

from qkatlas.layout.engine.jobs import run_job
from qkatlas.layout.head import HeadJob, HeadResult


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def warm_up(method_names) -> None:
    """Compile what a method compiles (numba) once in this process, not in its first head."""
    from qkatlas.layout import methods

    for name in method_names:
        method = methods.get(name)
        if hasattr(method, "warm_up"):
            method.warm_up()


THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def load_native() -> None:
    """Import every library with native thread pools that a head uses (BLAS of numpy and scipy,
    OpenMP of scikit-learn, openTSNE, numba), so that ``threadpool_limits`` reaches all of them:
    it limits only libraries already loaded, and one loaded later in a worker (inside the first
    head) would start a pool per core (measured: a third more CPU per head, 2 workers on 2 cores)."""
    import numba  # noqa: F401
    import openTSNE  # noqa: F401
    import scipy.linalg  # noqa: F401
    import sklearn.decomposition  # noqa: F401


def one_thread() -> None:
    """This process uses one thread from here on: BLAS, OpenMP and numba (a worker's setting)."""
    for var in THREAD_ENV:  # libraries loaded after this read it when they start
        os.environ[var] = "1"
    load_native()
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import numba

    numba.set_num_threads(1)


def init_worker(method_names) -> None:
    """One thread per worker (BLAS, OpenMP, numba), numba compiled before the first head."""
    import threading

    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    one_thread()
    warm_up(method_names)


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


INLINE_SECONDS = 0.25  # PCA-only heads at most this slow run in this process (a worker pool costs ~2 s to start)


class LocalEngine:
    def __init__(self, workers: int | None = None):
        self.workers = workers

    def run(self, jobs: list[HeadJob], on_result: Callable[[HeadResult], None], methods: set[str]) -> None:
        workers = self.workers
        if methods <= {"pca"} and workers is None:
            # usually milliseconds per head: less than starting a worker process; but long sequences
            # make a head's fidelity slow (0.4 s at 3 x 2,450 tokens), and then workers pay off
            jobs = _inline(jobs, on_result, until_slower_than=INLINE_SECONDS)
            if not jobs:
                return
        workers = max(1, min(workers or default_workers(), len(jobs)))
        if workers == 1:
            _inline(jobs, on_result)
            return
        import multiprocessing as mp
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        ctx = mp.get_context("spawn")  # no fork of a process with live thread pools
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker, initargs=(methods,)) as pool:
            pending = {pool.submit(run_job, job) for job in jobs}
            try:
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        on_result(f.result())
            except BaseException:
                for f in pending:
                    f.cancel()
                pool.shutdown(wait=False, cancel_futures=True)
                raise


def _inline(jobs: list[HeadJob], on_result, until_slower_than: float | None = None) -> list[HeadJob]:
    """Runs ``jobs`` in this process, one thread (the same arithmetic as in a worker: the same
    layouts). ``until_slower_than``: stop after a head (not the first, which opens the atlas)
    that took longer, when enough are left to share; returns the jobs not run."""
    from threadpoolctl import threadpool_limits

    load_native()  # loaded before the limit, so that the limit reaches them
    with threadpool_limits(1):
        for i, job in enumerate(jobs):
            t0 = time.perf_counter()
            on_result(run_job(job))
            left = jobs[i + 1:]
            if (until_slower_than is not None and i > 0 and time.perf_counter() - t0 > until_slower_than
                    and len(left) >= 2 * default_workers()):
                return left
    return []
