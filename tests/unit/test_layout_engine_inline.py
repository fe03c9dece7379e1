"""The local engine runs PCA-only heads in its own process while they are fast, and hands the
rest to worker processes once one turns out slow (long sequences): the same layouts either way."""

from __future__ import annotations

import shutil

import pandas as pd

from qkatlas.atlas import paths
from qkatlas.layout.engine import local
from qkatlas.layout.run import compute_layouts

HEADS = [["prev", "first", "self", "uniform"]] * 3  # 3 layers x 4 heads = 12 jobs


def _layouts(path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted((path / "layouts").rglob("*.npy"))}


def test_slow_heads_move_to_workers_with_the_same_layouts(tmp_path, monkeypatch):
    from support.synth import make_atlas

    make_atlas(tmp_path / "inline", HEADS, (6, 9, 12, 30, 8), causal=True)
    shutil.copytree(tmp_path / "inline", tmp_path / "pool")
    ran_here = []
    real = local._inline

    def inline(jobs, on_result, **kw):
        left = real(jobs, on_result, **kw)
        ran_here.extend(jobs[: len(jobs) - len(left)])
        return left

    monkeypatch.setattr(local, "_inline", inline)

    compute_layouts(tmp_path / "inline", ["pca"], [2], progress=False, log=lambda *_: None)
    assert len(ran_here) == 12  # fast heads: all in this process

    ran_here.clear()
    monkeypatch.setattr(local, "INLINE_SECONDS", -1.0)  # every head counts as slow
    monkeypatch.setattr(local, "default_workers", lambda: 2)
    compute_layouts(tmp_path / "pool", ["pca"], [2], progress=False, log=lambda *_: None)
    assert len(ran_here) == 2  # the first head opens the atlas, the second is measured; 10 went to workers

    a, b = _layouts(tmp_path / "inline"), _layouts(tmp_path / "pool")
    assert len(a) == 12 and a == b
    fa, fb = (pd.read_parquet(p / paths.FIDELITY).sort_values(["layer", "head"], ignore_index=True)
              for p in (tmp_path / "inline", tmp_path / "pool"))
    pd.testing.assert_frame_equal(fa, fb)
