"""The Ray engine: head jobs as Ray tasks, on a cluster or on a local Ray instance.

Why it is shaped like this:
* one task per head (heads take seconds, a task costs milliseconds); PCA-only runs, whose heads
  take milliseconds, send small batches of heads per task instead;
* every task asks for one CPU and runs with one thread (BLAS, OpenMP, numba), exactly like a
  worker of the local engine, so a head's layout is the same bytes whichever engine, machine or
  worker computed it (layouts are a function of the vectors and the seed);
* ``max_retries``: a task whose worker process dies (killed, out of memory, node lost) runs
  again elsewhere. That is safe because a head job is idempotent: its files are written
  atomically, and a retry writes the same bytes;
* numba code (UMAP, kNN selection) is compiled once per worker process, before its first head,
  and cached on disk (``NUMBA_CACHE_DIR``) so later workers load it;
* results (fidelity, timings) come back to the driver, which owns the manifest and the fidelity
  table; the head files are written by the workers straight into the atlas, so on a real
  cluster the atlas must be on storage every node mounts at the same path.

Without an address, a private Ray instance is started for the run and shut down after it,
bound to 127.0.0.1 only, without the dashboard (``address="local"``: never an existing
instance that someone else started on this machine).
"""

from __future__ import annotations

import contextlib
import math
import os
from typing import Callable, Iterator

import ray

from qkatlas.layout.engine.jobs import run_job
from qkatlas.layout.head import HeadJob, HeadResult

MAX_RETRIES = 3  # per task: a worker killed up to 3 times in a row still finishes the head
LOCAL_OBJECT_STORE_BYTES = 200 * 1024**2  # results are a few numbers per head: keep shared memory small
PCA_BATCH_MAX = 32  # heads per task when every requested layout is PCA (milliseconds per head)
LOOPBACK_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"  # "0": Ray resolves this node to 127.0.0.1, binds there


@contextlib.contextmanager
def ray_session(address: str | None = None, num_cpus: int | None = None, log=None) -> Iterator[dict]:
    """Ray connected for the duration of the block; yields {"cpus", "gpus", "nodes", "address"}.

    * Ray already initialised in this process (a notebook, a test): used as it is, left running.
    * ``address`` (``ray://host:10001``, ``host:6379`` or ``auto``): connect, disconnect afterwards.
    * neither: start a private local instance on 127.0.0.1 (``num_cpus`` CPUs, default all),
      no dashboard, and shut it down afterwards.
    """
    started = False
    if not ray.is_initialized():
        common = dict(include_dashboard=False, log_to_driver=False, logging_level="warning",
                      configure_logging=True, namespace="qkatlas")
        if address:
            ray.init(address=address, **common)
        else:
            from qkatlas.layout.engine.local import default_workers

            with _loopback():
                ray.init(address="local", num_cpus=num_cpus or default_workers(), num_gpus=0,
                         object_store_memory=LOCAL_OBJECT_STORE_BYTES, _node_ip_address="127.0.0.1", **common)
        started = True
    try:
        res = ray.cluster_resources()
        info = {"cpus": int(res.get("CPU", 0)), "gpus": int(res.get("GPU", 0)),
                "nodes": sum(1 for n in ray.nodes() if n.get("Alive")), "address": address or "local (127.0.0.1)"}
        if log is not None and started:
            log(f"ray: {info['address']}, {info['nodes']} node(s), {info['cpus']} CPUs"
                + (f", {info['gpus']} GPUs" if info["gpus"] else ""))
        yield info
    finally:
        if started:
            ray.shutdown()


@contextlib.contextmanager
def _loopback() -> Iterator[None]:
    """Make the Ray instance started inside this block resolve its node address to 127.0.0.1.

    ``ray.init(_node_ip_address="127.0.0.1")`` alone is not enough: Ray replaces a loopback
    address by the machine's reachable address and its servers then listen on every interface.
    With ``ENABLE_RAY_CLUSTER`` off (Ray's own switch for single-machine platforms; read by the
    driver at call time and by the processes it spawns from their environment) every server of
    the instance listens on 127.0.0.1 only.
    """
    from ray._private import ray_constants

    old_env, old_flag = os.environ.get(LOOPBACK_ENV), ray_constants.ENABLE_RAY_CLUSTER
    os.environ[LOOPBACK_ENV] = "0"
    ray_constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = old_flag
        if old_env is None:
            os.environ.pop(LOOPBACK_ENV, None)
        else:
            os.environ[LOOPBACK_ENV] = old_env


# ---- worker side -----------------------------------------------------------------------------------
_warmed: set[str] = set()
_limited = False


def _prepare_worker(method_names) -> None:
    """One thread per task (as in a local worker), numba compiled once per worker process."""
    global _limited
    if not _limited:
        from qkatlas.layout.engine.local import one_thread

        one_thread()
        _limited = True
    todo = [m for m in method_names if m not in _warmed]
    if todo:
        from qkatlas.layout.engine.local import warm_up

        warm_up(todo)
        _warmed.update(todo)


def run_jobs(jobs: list[HeadJob], method_names: list[str]) -> list[HeadResult]:
    """The body of one Ray task: a few head jobs in this worker process."""
    _prepare_worker(method_names)
    return [run_job(job) for job in jobs]


# ---- driver side -----------------------------------------------------------------------------------
def batches(jobs: list[HeadJob], methods: set[str], slots: int) -> list[list[HeadJob]]:
    """One job per task, except for PCA-only runs: then enough heads per task to amortise a task,
    with still about four tasks per slot so that the slots stay busy to the end."""
    if not methods <= {"pca"} or not jobs:
        return [[j] for j in jobs]
    size = max(1, min(PCA_BATCH_MAX, math.ceil(len(jobs) / (4 * max(1, slots)))))
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


class RayEngine:
    """Runs head jobs as Ray tasks (``address``: a cluster; None: a private local instance).

    ``workers``: at most this many tasks at once (default: every CPU of the cluster).
    """

    def __init__(self, address: str | None = None, workers: int | None = None, log=None):
        self.address = address
        self.workers = workers
        self.log = log

    def run(self, jobs: list[HeadJob], on_result: Callable[[HeadResult], None], methods: set[str]) -> None:
        if not jobs:
            return
        with ray_session(self.address, self.workers, self.log) as info:
            slots = max(1, min(self.workers or info["cpus"] or 1, len(jobs)))
            task = ray.remote(run_jobs).options(num_cpus=1, max_retries=MAX_RETRIES, retry_exceptions=False,
                                                name="qkatlas-layout")
            queue = batches(jobs, methods, slots)
            queue.reverse()  # pop() from the end keeps the jobs' order
            names = sorted(methods)
            pending: list = []
            try:
                while queue or pending:
                    while queue and len(pending) < slots * 2:  # a little ahead, never the whole queue
                        pending.append(task.remote(queue.pop(), names))
                    done, pending = ray.wait(pending, num_returns=1)
                    for result in ray.get(done[0]):
                        on_result(result)
            except BaseException:
                for ref in pending:
                    ray.cancel(ref, force=True)
                raise
