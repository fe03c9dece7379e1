"""Capture throughput vs a plain forward pass of the same model on the same batches.

Capture = the build's own batch loop (``capture.run.run_batches``): the forward pass with the
capture hooks, float16 copies, the writer thread's copies into fresh memory-mapped per-layer
arrays, per-batch progress records, and the final flush to disk (msync) with its durable
progress record. Baseline = the same forward passes (same batches, same inputs, sdpa) with no
hooks. Runs alternate (baseline, capture, baseline, ...) and the median of each is reported, so
a noisy machine affects both alike. Target: ratio <= 1.2. The CPU-time ratio
(all threads of the process) is printed too: on a shared machine it is the steadier figure.

    python benchmarks/capture.py [--models demo:minilm,demo:smollm2,demo:dinov2] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import torch

from qkatlas.atlas.writer import AtlasWriter
from qkatlas.capture.loader import load_model
from qkatlas.capture.prepare import prepare
from qkatlas.capture.run import DEFAULT_TOKENS_PER_BATCH, model_inputs, plan_batches, run_batches
from qkatlas.corpus import load_corpus

CORPORA = {"demo:minilm": ("demo:wiki", 300), "demo:smollm2": ("demo:wiki", 120), "demo:dinov2": ("demo:images", 24)}


def forward_only(loaded, prepared, batches, lengths) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process: all threads)."""
    t0, c0 = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        for seqs in batches:
            loaded.model(**model_inputs(loaded, prepared, seqs, lengths, loaded.device))
    if loaded.device.startswith("cuda"):
        torch.cuda.synchronize()
    return time.perf_counter() - t0, time.process_time() - c0


def arrays_for(loaded, n_tokens: int, folder: Path) -> dict:
    a = loaded.adapter
    folder.mkdir(parents=True)
    return AtlasWriter(folder).layer_arrays(a.n_layers, {"queries": (a.n_heads, n_tokens, a.d_head),
                                                         "keys": (a.n_kv_heads, n_tokens, a.d_head),
                                                         "value_norms": (a.n_kv_heads, n_tokens)}, create=True)


def capture_once(loaded, prepared, batches, folder: Path) -> tuple[float, float, float, float, float]:
    """(wall seconds, CPU seconds, seconds waited after the last forward pass, the writer's copy and
    flush seconds)."""
    arrays = arrays_for(loaded, len(prepared.tokens), folder)  # allocation is outside the timed part, as in a build
    t0, c0 = time.perf_counter(), time.process_time()
    stats = run_batches(loaded, prepared, batches, set(), arrays, folder, "bench", loaded.device, False)
    seconds = (time.perf_counter() - t0, time.process_time() - c0, stats["tail_seconds"], stats["copy_seconds"],
               stats["flush_seconds"])
    for kind in arrays.values():
        kind.clear()
    return seconds


def measure(loaded, prepared, tokens_per_batch: int, repeats: int) -> dict:
    lengths = prepared.sequences["n_tokens"].tolist()
    batches = plan_batches(lengths, tokens_per_batch)
    n_tokens = sum(lengths)
    forward_only(loaded, prepared, batches[:1], lengths)  # warm-up
    base, cap = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(repeats):
            base.append(forward_only(loaded, prepared, batches, lengths))
            cap.append(capture_once(loaded, prepared, batches, Path(tmp) / f"run{r}"))
    b, c = statistics.median(x[0] for x in base), statistics.median(x[0] for x in cap)
    cpu = statistics.median(x[1] for x in cap) / statistics.median(x[1] for x in base)
    return {"tokens": n_tokens, "batches": len(batches), "forward_tok_s": n_tokens / b, "capture_tok_s": n_tokens / c,
            "ratio": c / b, "cpu_ratio": cpu, "tail_s": statistics.median(x[2] for x in cap),
            "copy_s": statistics.median(x[3] for x in cap), "flush_s": statistics.median(x[4] for x in cap),
            "forward_s": base, "capture_s": cap}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(CORPORA))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tokens-per-batch", type=int, default=DEFAULT_TOKENS_PER_BATCH)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.tokens_per_batch} tokens per batch, "
          f"median of {args.repeats} alternating runs")
    print(f"{'model':<14} {'corpus':<12} {'tokens':>7} {'forward tok/s':>14} {'capture tok/s':>14} {'ratio':>6} {'cpu ratio':>9}")
    results = {}
    for name in args.models.split(","):
        corpus, n = CORPORA[name]
        loaded = load_model(name)
        prepared = prepare(loaded, load_corpus(corpus, max_sequences=n))
        r = measure(loaded, prepared, args.tokens_per_batch, args.repeats)
        results[name] = r
        print(f"{name:<14} {corpus:<12} {r['tokens']:>7} {r['forward_tok_s']:>14.0f} {r['capture_tok_s']:>14.0f} "
              f"{r['ratio']:>6.2f} {r['cpu_ratio']:>9.2f}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
