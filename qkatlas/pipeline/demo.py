"""The three bundled demos (text encoder, text decoder, vision): built progressively.

Why progressive: on a fresh 2-core machine the full set takes tens of minutes, but capture plus
PCA of MiniLM takes well under one. So every demo is first captured and laid out with PCA (the
explorer can open as soon as the first one exists), then t-SNE/UMAP and the head analysis
follow, demo after demo, while the user already explores. Every step skips what a previous run
finished, so ``make demo`` again is instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

DEMOS = [
    # (folder, model, corpus, max_sequences)
    ("minilm-wiki", "demo:minilm", "demo:wiki", 300),
    ("smollm2-wiki", "demo:smollm2", "demo:wiki", 120),
    ("dinov2-images", "demo:dinov2", "demo:images", None),
]


def build_demos(out: Path, layouts: list[str], dims: list[int], quiet: bool = False, log=print,
                on_first: Callable[[Path], None] | None = None) -> list[Path]:
    """Build every demo under ``out``; ``on_first(out)`` runs once the first atlas can be shown."""
    from qkatlas.atlas.summary import summary, summary_text
    from qkatlas.capture.run import capture
    from qkatlas.layout.run import compute_layouts
    from qkatlas.pipeline.analyze import analyze, report

    out = Path(out)
    paths = [out / folder for folder, *_ in DEMOS]
    quick = ["pca"] if "pca" in layouts else layouts[:1]
    for (folder, model, corpus, n), path in zip(DEMOS, paths):  # first pass: something to look at
        log(f"== {model} x {corpus} -> {path}")
        capture(model, corpus, path, max_sequences=n, progress=not quiet, log=log)
        if quick:
            compute_layouts(path, quick, dims, progress=not quiet, log=log)
        if path == paths[0] and on_first is not None:
            on_first(out)
    for path in paths:  # second pass: the slower layouts, analysis and report
        rest = [m for m in layouts if m not in quick]
        if rest:
            compute_layouts(path, rest, dims, progress=not quiet, log=log)
        analyze(path, progress=not quiet, log=log)
        report(path, log=log)
        log(summary_text(summary(path)))
    return paths
