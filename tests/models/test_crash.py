"""Crashes and a full disk at every stage: a one-line error, nothing lost, and a rerun that resumes
(not starts over) to the result of an uninterrupted build.

Capture killed mid-way is tested in test_bad_input.py, layouts killed mid-way in
test_project_resume.py, an add killed mid-swap in test_project_add.py; this file covers the
analysis stage and a full disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.errors import DiskFullError
from support.tiny import copy_atlas, tiny_atlas

QUIET = {"progress": False, "log": lambda *_: None}


def _mtimes(path: Path, pattern: str) -> dict[str, int]:
    return {str(p.relative_to(path)): p.stat().st_mtime_ns for p in path.glob(pattern)}


def test_interrupted_analysis_resumes_without_redoing_earlier_stages(tmp_path_factory, tmp_path, monkeypatch):
    from qkatlas.analysis import metrics
    from qkatlas.layout.run import compute_layouts
    from qkatlas.pipeline.analyze import analyze

    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "atlas")
    compute_layouts(path, ["pca"], [2], workers=1, **QUIET)
    before = {**_mtimes(path, "queries/*.npy"), **_mtimes(path, "layouts/**/*.npy")}

    calls = {"n": 0}
    original = metrics.MetricSums.add

    def dying(self, *args):
        calls["n"] += 1
        if calls["n"] == 7:
            raise KeyboardInterrupt  # as if the user pressed Ctrl+C mid-pass
        return original(self, *args)

    monkeypatch.setattr(metrics.MetricSums, "add", dying)
    with pytest.raises(KeyboardInterrupt):
        analyze(path, **QUIET)
    monkeypatch.undo()
    assert not (path / paths.HEAD_METRICS).exists() and not Atlas.open(path).analysis_current

    analyze(path, **QUIET)
    after = {**_mtimes(path, "queries/*.npy"), **_mtimes(path, "layouts/**/*.npy")}
    assert after == before  # capture and layouts were not redone
    reference = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "reference")
    analyze(reference, **QUIET)
    heads = Atlas.open(path).head_metrics()  # the same, less the layouts' measures (the reference has no layouts)
    layout_measures = [c for c in heads if c.startswith(("fidelity_", "geometry_"))]
    pd.testing.assert_frame_equal(heads.drop(columns=layout_measures), Atlas.open(reference).head_metrics())


@pytest.fixture
def small_disk():
    """A 3 MB tmpfs (needs root); None where it cannot be mounted."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        yield None
        return
    mnt = Path("/tmp") / f"qkatlas-full-{uuid.uuid4().hex[:8]}"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        mnt.rmdir()
        yield None
        return
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
        mnt.rmdir()


def test_full_disk_during_capture_is_one_line_and_keeps_the_other_folders(small_disk, tmp_path):
    if small_disk is None:
        pytest.skip("cannot mount a small tmpfs here (needs root); the simulated ENOSPC test covers the code path")
    keep = small_disk / "notes.txt"
    keep.write_text("the user's own file\n")
    out = small_disk / "atlas"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1"}
    r = subprocess.run([sys.executable, "-m", "qkatlas.cli", "build", "-m", "demo:minilm", "-c", "demo:wiki", "-n", "40",
                        "-o", str(out), "--layouts", "none", "-q"], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 2, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("qkatlas: error:")]
    assert len(lines) == 1 and "disk is full" in lines[0] and "Traceback" not in r.stderr
    assert not out.exists() and keep.read_text() == "the user's own file\n"


def test_simulated_full_disk_during_layouts_keeps_finished_heads_and_resumes(tmp_path_factory, tmp_path, monkeypatch):
    from qkatlas.atlas import files
    from qkatlas.layout.run import compute_layouts

    path = copy_atlas(tiny_atlas(tmp_path_factory), tmp_path / "atlas")
    real_replace = os.replace
    writes = {"n": 0}

    def replace(src, dst):
        if str(dst).endswith(".npy") and "layouts" in str(dst):
            writes["n"] += 1
            if writes["n"] > 3:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(DiskFullError, match="disk is full.*run the same command again"):
        compute_layouts(path, ["pca"], [2], workers=1, **QUIET)
    monkeypatch.undo()
    done = sorted((path / paths.LAYOUTS / "pca-2d").glob("L*.npy"))
    assert len(done) == 3 and not list((path / paths.LAYOUTS).rglob("*.tmp"))
    first = {p.name: np.load(p) for p in done}
    result = compute_layouts(path, ["pca"], [2], workers=1, **QUIET)
    atlas = Atlas.open(path)
    assert result["heads"] == len(atlas.heads) - 3 and ("pca", 2) in atlas.layouts  # only the rest
    for name, coords in first.items():  # finished heads kept as they were
        np.testing.assert_array_equal(np.load(path / paths.LAYOUTS / "pca-2d" / name), coords)
