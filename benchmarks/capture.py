"""Capture throughput vs a plain forward pass of the same model on the same batches.

Capture = the build's own batch loop: forward pass with the q/k/v hooks, float16 copies, writes
into the memory-mapped per-layer arrays, a flush and a progress record after every batch.
Baseline = the same forward passes with no hooks. Runs alternate (baseline, capture, ...) and
the median of each is reported, so a noisy machine affects both alike. Target: ratio <= 1.2.

    python benchmarks/capture.py [--models demo:minilm,demo:smollm2,demo:dinov2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch

from qkatlas.capture.loader import load_model
from qkatlas.capture.runner import DEFAULT_TOKENS_PER_BATCH, _Arrays, _run_batches, model_inputs, plan_batches, prepare
from qkatlas.corpus import load_corpus

CORPORA = {"demo:minilm": ("demo:wiki", 300), "demo:smollm2": ("demo:wiki", 120), "demo:dinov2": ("demo:images", 24)}


def forward_only(loaded, prepared, batches, lengths) -> float:
    t0 = time.perf_counter()
    with torch.inference_mode():
        for seqs in batches:
            loaded.model(**model_inputs(loaded, prepared, seqs, lengths, "cpu"))
    return time.perf_counter() - t0


def capture(loaded, prepared, batches, lengths, folder: Path) -> float:
    arrays = _Arrays(folder, loaded, len(prepared.tokens), create=True)
    starts = prepared.sequences["start"].tolist()
    t0 = time.perf_counter()
    _run_batches(loaded, prepared, batches, set(), arrays, starts, lengths, folder, "bench", "cpu", progress=False)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(CORPORA))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {DEFAULT_TOKENS_PER_BATCH} tokens per batch")
    print(f"{'model':<14} {'corpus':<12} {'tokens':>7} {'forward tok/s':>14} {'capture tok/s':>14} {'ratio':>6}")
    for name in args.models.split(","):
        corpus, n = CORPORA[name]
        loaded = load_model(name)
        prepared = prepare(loaded, load_corpus(corpus, max_sequences=n))
        lengths = prepared.sequences["n_tokens"].tolist()
        batches = plan_batches(lengths, DEFAULT_TOKENS_PER_BATCH)
        n_tokens = sum(lengths)
        forward_only(loaded, prepared, batches[:1], lengths)  # warm-up
        base, cap = [], []
        with tempfile.TemporaryDirectory() as tmp:
            for r in range(args.repeats):
                base.append(forward_only(loaded, prepared, batches, lengths))
                cap.append(capture(loaded, prepared, batches, lengths, Path(tmp) / f"run{r}"))
        b, c = statistics.median(base), statistics.median(cap)
        print(f"{name:<14} {corpus:<12} {n_tokens:>7} {n_tokens / b:>14.0f} {n_tokens / c:>14.0f} {c / b:>6.2f}")


if __name__ == "__main__":
    main()
