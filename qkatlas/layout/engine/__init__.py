"""Execution backends for layout jobs: where head jobs run. Any engine runs any layout method.

* ``local`` (default, no extra dependency): a pool of spawned worker processes on this machine.
* ``ray``: Ray tasks on a cluster (``pip install 'qkatlas[ray]'``; ``--engine ray``).

An engine takes a list of ``HeadJob`` and calls ``on_result`` with each ``HeadResult`` as it
arrives (in any order); the caller owns files, fidelity tables and the manifest.
"""

from __future__ import annotations

from typing import Callable, Protocol

from qkatlas.errors import InputError, MissingExtraError
from qkatlas.layout.head import HeadJob, HeadResult

ENGINES = ("local", "ray")


class Engine(Protocol):
    def run(self, jobs: list[HeadJob], on_result: Callable[[HeadResult], None], methods: set[str]) -> None: ...


def get_engine(name: str = "local", workers: int | None = None, address: str | None = None, log=None) -> Engine:
    name = (name or "local").strip().lower()
    if name == "local":
        if address:
            raise InputError("--ray-address needs --engine ray")
        from qkatlas.layout.engine.local import LocalEngine

        return LocalEngine(workers)
    if name == "ray":
        try:
            from qkatlas.layout.engine.ray import RayEngine
        except ModuleNotFoundError as e:
            if e.name == "ray":
                raise MissingExtraError("--engine ray needs Ray: pip install 'qkatlas[ray]'") from None
            raise
        return RayEngine(address=address, workers=workers, log=log)
    raise InputError(f"--engine {name!r}: choose from {', '.join(ENGINES)}")
