"""The Ray engine on a two-node local cluster: a worker killed mid-build, the build still
finishes, and every file is byte-equal to a local-engine build with the same seed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from support.tiny import copy_atlas, laid_out, tiny_atlas
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas

LAYOUTS = [("pca", 2), ("tsne", 2), ("umap", 2)]
TASK_TITLE = "ray::qkatlas-layout"  # the process title of a Ray worker running a layout task


def _layout_files(path):
    return sorted(p.relative_to(path) for p in (path / paths.LAYOUTS).rglob("*") if p.is_file())


class _Killer(threading.Thread):
    """Kills (SIGKILL) the first Ray worker process seen running a layout task."""

    def __init__(self):
        super().__init__(daemon=True)
        self.killed: list[int] = []
        self.stop = threading.Event()

    def run(self):
        import psutil

        while not self.stop.is_set() and not self.killed:
            for p in psutil.process_iter(["pid", "cmdline"]):
                cmd = p.info["cmdline"] or []
                if cmd and cmd[0].startswith(TASK_TITLE):
                    os.kill(p.info["pid"], signal.SIGKILL)
                    self.killed.append(p.info["pid"])
                    return
            time.sleep(0.05)


def test_ray_build_survives_a_killed_worker_and_equals_local(ray_cluster, tmp_path_factory, tmp_path):
    """`qkatlas layout --engine ray --ray-address ...` with one of its task's worker processes killed."""
    cluster, _ = ray_cluster
    reference = laid_out(tmp_path_factory, "laid-out-2d", dims=(2,))  # local engine, same seed
    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "atlas")
    killer = _Killer()
    killer.start()
    cmd = [sys.executable, "-m", "qkatlas.cli", "layout", str(path), "--layouts", "pca,tsne,umap", "--dims", "2",
           "--engine", "ray", "--ray-address", cluster.address, "-q"]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    finally:
        killer.stop.set()
        killer.join()
    assert r.returncode == 0, r.stderr
    assert killer.killed, "no layout task was seen running"
    atlas, ref = Atlas.open(path), Atlas.open(reference)
    assert f"{len(atlas.heads)} of {len(atlas.heads)} heads to do" in r.stderr
    assert sorted(atlas.layouts) == sorted(LAYOUTS)
    assert all(atlas.manifest["layouts"][paths.layout_name(m, d)]["complete"] for m, d in LAYOUTS)
    assert _layout_files(path) == _layout_files(reference)  # every head, maps included, no temporary file
    for rel in _layout_files(reference):
        assert (path / rel).read_bytes() == (reference / rel).read_bytes(), rel
    pd.testing.assert_frame_equal(atlas.fidelity(), ref.fidelity())
    for name in ("pca-2d", "tsne-2d", "umap-2d"):
        assert atlas.manifest["layouts"][name]["params"] == ref.manifest["layouts"][name]["params"]


def test_ray_engine_needs_the_ray_engine_for_an_address(tmp_path_factory):
    from qkatlas.errors import InputError
    from qkatlas.layout.engine import get_engine

    with pytest.raises(InputError, match="--engine ray"):
        get_engine("local", address="127.0.0.1:6379")
    assert get_engine("ray").__class__.__name__ == "RayEngine"


def test_pca_only_runs_batch_heads_per_task():
    from qkatlas.layout.engine.ray import batches
    from qkatlas.layout.head import HeadJob

    jobs = [HeadJob("/x", 0, h, [("pca", 2)], [], 0) for h in range(100)]
    b = batches(jobs, {"pca"}, slots=2)
    assert [j.head for batch in b for j in batch] == list(range(100)) and 1 < len(b) < 100
    assert len(batches(jobs, {"pca", "tsne"}, slots=2)) == 100


def test_ray_build_survives_a_lost_node(ray_cluster, tmp_path_factory, tmp_path):
    """A whole node goes away mid-build (its raylet and workers killed): its tasks run again on the
    node that is left, and the atlas is still complete and equal to the local build."""
    from qkatlas.layout.run import compute_layouts

    cluster, node = ray_cluster
    reference = laid_out(tmp_path_factory, "laid-out-2d", dims=(2,))
    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "atlas")
    removed = threading.Event()

    def remove_when_busy():
        import psutil

        deadline = time.time() + 120
        while time.time() < deadline:
            busy = [p for p in psutil.process_iter(["cmdline"]) if (p.info["cmdline"] or [""])[0].startswith(TASK_TITLE)]
            if len(busy) >= 2:  # both nodes are running a task: the one on the removed node is lost
                cluster.remove_node(node, allow_graceful=False)
                removed.set()
                return
            time.sleep(0.05)

    remover = threading.Thread(target=remove_when_busy, daemon=True)
    remover.start()
    try:
        compute_layouts(path, ["pca", "tsne", "umap"], [2], seed=0, engine="ray", address=cluster.address,
                        progress=False, log=lambda *_: None)
    finally:
        remover.join()
        if removed.is_set():  # give the session its second node back
            cluster.add_node(num_cpus=1)
            cluster.wait_for_nodes()
    assert removed.is_set(), "the two nodes were never busy at once"
    assert _layout_files(path) == _layout_files(reference)
    for rel in _layout_files(reference):
        assert (path / rel).read_bytes() == (reference / rel).read_bytes(), rel
    pd.testing.assert_frame_equal(Atlas.open(path).fidelity(), Atlas.open(reference).fidelity())


def _loopback(address: str) -> bool:
    import ipaddress

    ip = ipaddress.ip_address(address)
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


def test_private_ray_instance_listens_on_loopback_only(monkeypatch):
    """Without an address the engine starts its own Ray instance: every server it starts listens on
    127.0.0.1, the dashboard is off, and the instance is gone afterwards. (Ray's loopback switch,
    which conftest sets for the test cluster, is undone here: the engine must set it itself.)"""
    import psutil
    import ray
    from ray._private import ray_constants

    from qkatlas.layout.engine.ray import LOOPBACK_ENV, ray_session

    monkeypatch.delenv(LOOPBACK_ENV, raising=False)
    monkeypatch.setattr(ray_constants, "ENABLE_RAY_CLUSTER", True)

    assert not ray.is_initialized()
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}  # e.g. the test cluster's processes
    with ray_session(None, 1) as info:
        assert info["nodes"] == 1 and info["cpus"] == 1
        ours = {p.pid for p in me.children(recursive=True)} - before
        listening = [c for c in psutil.net_connections("inet") if c.status == psutil.CONN_LISTEN and c.pid in ours]
        assert listening, "no Ray server found"
        assert all(_loopback(c.laddr.ip) for c in listening), listening
        started = ours
    assert not ray.is_initialized() and ray_constants.ENABLE_RAY_CLUSTER and LOOPBACK_ENV not in os.environ
    time.sleep(1)
    assert not [p for p in psutil.process_iter(["pid", "name"]) if p.pid in started and p.info["name"] == "raylet"]
