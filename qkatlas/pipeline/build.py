"""``build``: capture, then layouts, then head analysis; each stage skips what is already done.

This is the library function behind ``qkatlas build`` (and ``qkatlas demo``): every option of the
command is a keyword here, so a notebook and the CLI run the very same pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from qkatlas.capture.run import DEFAULT_MAX_LENGTH, DEFAULT_TOKENS_PER_BATCH, capture
from qkatlas.layout import DEFAULT_FIT_SAMPLE
from qkatlas.layout.run import compute_layouts
from qkatlas.pipeline.analyze import analyze

DEFAULT_LAYOUTS = ("pca", "tsne", "umap")


def build(model, corpus, out, *, max_sequences: int | None = None, max_length: int | None = DEFAULT_MAX_LENGTH,
          layouts=DEFAULT_LAYOUTS, dims=(2,), seed: int = 0, tokens_per_batch: int = DEFAULT_TOKENS_PER_BATCH,
          device: str = "cpu", dtype: str = "auto", device_map: str | None = None, workers: int | None = None, align: bool = True,
          engine: str = "local", address: str | None = None, fit_sample: int | None = DEFAULT_FIT_SAMPLE,
          groups: bool = False, actors: int | None = None, analysis: bool = True, progress: bool = True, log: Callable[[str], None] = print,
          on_stage: Callable[[str, Path], None] | None = None) -> Path:
    """Build (or resume) the atlas of ``model`` over ``corpus`` at ``out``; returns ``out``.

    ``on_stage(stage, path)`` is called after "capture", after the first layout ("pca" when
    asked), and after "layouts" and "analysis": a caller can start serving the atlas early.
    """
    out = Path(out)
    if engine == "ray" and (actors or address):  # model replicas on the cluster, sharded by sequences
        from qkatlas.capture.shard import capture_distributed

        capture_distributed(model, corpus, out, n_actors=actors, address=address, max_sequences=max_sequences,
                            max_length=max_length, tokens_per_batch=tokens_per_batch, device=device, dtype=dtype,
                            progress=progress, seed=seed, log=log)
    else:
        capture(model, corpus, out, max_sequences=max_sequences, max_length=max_length, tokens_per_batch=tokens_per_batch,
                device=device, dtype=dtype, progress=progress, seed=seed, log=log, device_map=device_map)
    _notify(on_stage, "capture", out)
    layouts = [m for m in layouts if m]
    options = dict(seed=seed, workers=workers, align=align, progress=progress, log=log, engine=engine, address=address,
                   fit_sample=fit_sample)
    if "pca" in layouts and len(layouts) > 1:  # milliseconds per head: the first picture comes from PCA
        compute_layouts(out, ["pca"], list(dims), **options)
        _notify(on_stage, "pca", out)
    if layouts:
        compute_layouts(out, list(layouts), list(dims), groups=groups, **options)
        _notify(on_stage, "layouts", out)
    if analysis:
        analyze(out, progress=progress, log=log)
        _notify(on_stage, "analysis", out)
    return out


def _notify(on_stage, stage: str, path: Path) -> None:
    if on_stage is not None:
        on_stage(stage, path)
