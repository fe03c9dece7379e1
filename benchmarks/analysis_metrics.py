"""Time of the head-analysis pass (metrics + aggregate maps + taxonomy + head map) per atlas, and of
what the same pass can also yield (top sequences per head, bilinear components).

The pass recomputes attention for every head of every sequence from the stored q/k, so its
cost grows with layers x heads x sum(n^2). Reported per atlas: seconds of ``metrics.compute``,
seconds with ``extra`` (top sequences + components, what ``qkatlas analyze`` would store),
components alone, heads, tokens, and attention entries per second. Use on atlases that exist
(``--atlases``) or build the three demo atlases first (``--build DIR``: minilm x 300 wiki
sentences, smollm2 x 120, dinov2 x demo:images).

    python benchmarks/analysis_metrics.py --atlases /tmp/qka/minilm,/tmp/qka/smollm2,/tmp/qka/dinov2
    python benchmarks/analysis_metrics.py --build /tmp/demo-atlases
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from qkatlas.analysis.bilinear import compute_components
from qkatlas.analysis.metrics import compute
from qkatlas.atlas.reader import Atlas

DEMOS = [("demo:minilm", "demo:wiki", 300), ("demo:smollm2", "demo:wiki", 120), ("demo:dinov2", "demo:images", None)]


def _best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--atlases", default="", help="comma-separated atlas folders")
    ap.add_argument("--build", type=Path, help="build the demo atlases into this folder first (skipped when present)")
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    paths = [Path(p) for p in args.atlases.split(",") if p]
    if args.build:
        from qkatlas.capture.run import capture as build

        for model, corpus, n in DEMOS:
            out = args.build / model.split(":")[1]
            build(model, corpus, out, max_sequences=n, progress=False, log=lambda *_: None)
            paths.append(out)
    print(f"{'atlas':<28} {'heads':>6} {'tokens':>7} {'pass s':>7} {'+extra s':>8} {'comp s':>7} {'M attn/s':>9}")
    for path in paths:
        atlas = Atlas.open(path)
        entries = atlas.n_layers * atlas.n_heads * int((atlas.sequences["n_tokens"] ** 2).sum())
        plain = _best(lambda: compute(atlas), args.repeats)
        extra = _best(lambda: compute(atlas, extra={}), args.repeats)
        comps = _best(lambda: compute_components(atlas), args.repeats)
        print(f"{str(path)[-28:]:<28} {len(atlas.heads):>6} {atlas.n_tokens:>7} {plain:>7.2f} {extra:>8.2f} "
              f"{comps:>7.2f} {entries / plain / 1e6:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
