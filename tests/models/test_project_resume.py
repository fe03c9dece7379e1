"""Resuming: `qkatlas layout` killed mid-way, run again, gives what an uninterrupted run gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from support.tiny import copy_atlas, laid_out, tiny_atlas
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas

LAYOUTS = [(m, d) for m in ("pca", "tsne", "umap") for d in (2, 3)]


def _files(path):
    return sorted(p.relative_to(path) for p in (path / paths.LAYOUTS).rglob("*") if p.is_file())


def test_killed_layout_resumes_to_the_same_result(tmp_path_factory, tmp_path):
    reference = laid_out(tmp_path_factory, "laid-out")  # uninterrupted, in-process (workers=1)
    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "atlas")
    cmd = [sys.executable, "-m", "qkatlas.cli", "layout", str(path), "--layouts", "pca,tsne,umap",
           "--dims", "2,3", "--workers", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    try:
        while not list((path / paths.LAYOUTS / "umap-3d").glob("L*.npy")):  # the last layout of a head
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.time() < deadline, "no head finished in 120 s"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, like a killed terminal
        proc.wait()

    atlas = Atlas.open(path)  # still a complete atlas; the layouts are not
    n_heads = len(atlas.heads)
    done = {m: len(list((path / paths.LAYOUTS / paths.layout_name(m, d)).glob("L*.npy"))) for m, d in LAYOUTS}
    assert 0 < min(done.values()) and sum(done.values()) < n_heads * len(LAYOUTS), done
    assert atlas.layouts == [] and not any(e["complete"] for e in atlas.manifest["layouts"].values())
    for f in (path / paths.LAYOUTS).rglob("L*.npy"):  # no torn file: every one that exists is whole
        assert np.load(f).shape[0] == 2 * atlas.n_tokens

    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "already done" in r.stderr
    resumed, ref = Atlas.open(path), Atlas.open(reference)
    assert sorted(resumed.layouts) == sorted(LAYOUTS)
    assert _files(path) == _files(reference)  # no temporary files left behind
    for rel in _files(reference):
        a, b = path / rel, reference / rel
        if rel.suffix == ".npy":
            assert np.array_equal(np.load(a), np.load(b)), rel
        else:
            with np.load(a) as za, np.load(b) as zb:
                assert all(np.array_equal(za[k], zb[k]) for k in zb.files), rel
    pd.testing.assert_frame_equal(resumed.fidelity(), ref.fidelity())
