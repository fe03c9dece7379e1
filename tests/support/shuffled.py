"""A copy of an atlas with its layers permuted (data, layouts, fidelity), for comparisons whose
right answer is known: layer ``l`` of the copy is layer ``perm[l]`` of the source. Stored analysis
is left out (the comparison computes it in memory)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas


def shuffled_copy(src: Path, dst: Path, perm: list[int]) -> Path:
    src, dst = Path(src), Path(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(paths.HEAD_METRICS, paths.AGGREGATE, paths.REPORT))
    for kind in paths.LAYER_KINDS:
        if (src / paths.layer_file(kind, 0)).is_file():
            for layer, old in enumerate(perm):
                shutil.copyfile(src / paths.layer_file(kind, old), dst / paths.layer_file(kind, layer))
    with np.load(src / paths.NORMALIZATION) as z:
        np.savez(dst / paths.NORMALIZATION, key_shift=z["key_shift"][perm], scale=z["scale"][perm])
    atlas = Atlas.open(src)
    for method, dim in atlas.layouts:
        for layer, old in enumerate(perm):
            for head in range(atlas.n_heads):
                for name in (paths.layout_file(method, dim, layer, head), paths.layout_state_file(method, dim, layer, head)):
                    old_name = name.replace(paths.head_stem(layer, head), paths.head_stem(old, head))
                    if (src / old_name).is_file():
                        shutil.copyfile(src / old_name, dst / name)
    if (src / paths.FIDELITY).is_file():
        fid = pd.read_parquet(src / paths.FIDELITY)
        fid["layer"] = np.argsort(perm)[fid["layer"].to_numpy()].astype("int32")
        fid.sort_values(["layer", "head", "layout"]).reset_index(drop=True).to_parquet(dst / paths.FIDELITY)
    return dst
