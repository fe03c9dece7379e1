"""GPU check: capture verified and timed on CUDA, float32 and bfloat16, in one short run.

For each model (demo:minilm, demo:smollm2 and a random-init 1B-shaped Llama: 16 layers, hidden
2048, 32 query heads, 8 key heads):
1. verify, float32: captured q/k through the attention contract vs the model's own eager
   attention, every layer and head, one padded batch (max abs error; tolerance 1e-4);
2. verify, bfloat16: the same weights cast to bfloat16, against the bfloat16 model itself and
   against the float32 model's attention (tolerances ``verify.TOLERANCE`` /
   ``TOLERANCE_VS_FLOAT32``);
3. throughput: the build's own capture loop (``run_batches``: hooks, asynchronous copies to
   pinned host memory, writer thread, memory-mapped arrays, final flush) vs a plain forward pass
   (sdpa, no hooks) on the same batches, in float32 and bfloat16: tokens/s, the ratio, and the
   peak GPU memory of each (capture streams every layer to the host, so it should add little).

A demo whose weights package is not installed (or, for SmolLM2's GGUF file, the ``gguf``
package) is replaced by a random-init model of the same shape, and the table says so.

    .venv/bin/python benchmarks/gpu_check.py                  # CUDA: < 5 min on one H100
    .venv/bin/python benchmarks/gpu_check.py --cpu-dry-run    # every step on CPU, tiny sizes, ~1 min
    .venv/bin/python benchmarks/gpu_check.py --json results.json

Without CUDA and without ``--cpu-dry-run`` it says so and exits with status 2, having run nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable from a checkout without `pip install -e .`

WORDS = ("the a of and to in is was for on with as by at from that which river city model head key query token "
         "attention layer north south music history science water light stone market king law war art time "
         "language number system field energy world paper bridge forest ocean winter summer").split()


def sentences(n: int, lo: int, hi: int, seed: int = 0) -> list[str]:
    """Deterministic pseudo-sentences of lo..hi words (no corpus package needed)."""
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=int(rng.integers(lo, hi + 1)))).capitalize() + "." for _ in range(n)]


def word_tokenizer(folder: Path):
    """A small word-level tokenizer (any machine: only the ``tokenizers`` package)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", ".", *WORDS, *(w.capitalize() for w in WORDS)])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace(), pre_tokenizers.Punctuation()])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]", bos_token="[CLS]",
                                   eos_token="[SEP]", model_max_length=4096)
    fast.save_pretrained(folder)
    return fast


def random_model(kind: str, dry: bool, device: str):
    """(LoadedModel, description) of a random-init model shaped like ``kind`` (tiny with --cpu-dry-run)."""
    import torch
    from transformers import AutoModel, BertConfig, LlamaConfig

    from qkatlas.capture.adapters import adapter_for
    from qkatlas.capture.loader import LoadedModel

    tok = word_tokenizer(Path(tempfile.mkdtemp(prefix="gpu-check-tok-")))
    vocab = max(len(tok), 128)
    if kind == "minilm":
        shape = dict(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536)
        config = BertConfig(vocab_size=vocab, max_position_embeddings=512, **(_tiny() if dry else shape))
    else:
        shape = {"smollm2": dict(hidden_size=576, num_hidden_layers=30, num_attention_heads=9, num_key_value_heads=3,
                                 intermediate_size=1536, head_dim=64),
                 "llama-1b": dict(hidden_size=2048, num_hidden_layers=16, num_attention_heads=32, num_key_value_heads=8,
                                  intermediate_size=5632, head_dim=64)}[kind]
        config = LlamaConfig(vocab_size=vocab, max_position_embeddings=4096, **(_tiny(kv=2) if dry else shape))
    torch.manual_seed(0)
    with torch.device(device):
        model = AutoModel.from_config(config, attn_implementation="sdpa")
    # Peaked attention without absurd logits: scale the q and k projections so that logits have a
    # standard deviation of about 3 (at init it is about init_range^2 * hidden: 0.15 to 0.8 here).
    factor = min(6.0, max(1.0, (3.0 / (config.initializer_range**2 * config.hidden_size)) ** 0.5))
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 2 and any(f".{n}." in name for n in ("q_proj", "k_proj", "query", "key")):
                p.mul_(factor)
    model.eval()
    loaded = LoadedModel(f"random:{kind}", model, adapter_for(model, kind), tokenizer=tok, max_length=512,
                         device=device, dtype="float32")
    n_params = sum(p.numel() for p in model.parameters())
    return loaded, f"random init, {'tiny' if dry else kind + ' shape'}, {n_params / 1e6:.0f}M params, q/k x{factor:.1f}"


def _tiny(kv: int | None = None) -> dict:
    d = dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=128)
    return {**d, "num_key_value_heads": kv, "head_dim": 16} if kv else d


def load(kind: str, dry: bool, device: str):
    """The real demo when its package is here (and not a dry run), else a random model of its shape."""
    from qkatlas.capture.loader import DEMO_PACKAGES, load_model

    demo = {"minilm": "demo:minilm", "smollm2": "demo:smollm2"}.get(kind)
    if demo and not dry:
        module = DEMO_PACKAGES[demo][0]
        missing = [m for m in (module, "gguf" if kind == "smollm2" else None) if m and importlib.util.find_spec(m) is None]
        if not missing:
            loaded = load_model(demo, attn_implementation="sdpa", device=device, dtype="float32")
            return loaded, f"{demo} (real weights)"
        print(f"  {demo}: {', '.join(missing)} not installed: using a random-init model of the same shape", flush=True)
    return random_model(kind, dry, device)


def set_attention(loaded, impl: str) -> None:
    model = loaded.model
    if hasattr(model, "set_attn_implementation"):
        try:
            model.set_attn_implementation(impl)
            return
        except (ValueError, AttributeError, TypeError):
            pass
    model.config._attn_implementation = impl


def set_dtype(loaded, dtype: str) -> None:
    import torch

    loaded.model.to(getattr(torch, dtype))
    loaded.dtype = dtype


def verify(loaded, texts: list[str]) -> dict:
    """float32 errors, then bfloat16 errors against itself and against float32 (model left in bfloat16)."""
    from qkatlas.capture.prepare import prepare
    from qkatlas.capture.run import model_inputs
    from qkatlas.capture.verify import attention_errors, capture_batch
    from qkatlas.corpus import load_corpus

    set_attention(loaded, "eager")
    prepared = prepare(loaded, load_corpus(texts))
    lengths = prepared.sequences["n_tokens"].tolist()
    inputs = model_inputs(loaded, prepared, list(range(len(lengths))), lengths, loaded.device)
    t0 = time.perf_counter()
    f32 = attention_errors(loaded, inputs, lengths)
    _, reference = capture_batch(loaded, inputs, max(lengths))
    set_dtype(loaded, "bfloat16")
    own = attention_errors(loaded, inputs, lengths)
    vs32 = attention_errors(loaded, inputs, lengths, reference=reference)
    set_attention(loaded, "sdpa")
    return {"float32": float(f32.max()), "bfloat16_self": float(own.max()), "bfloat16_vs_float32": float(vs32.max()),
            "bfloat16_vs_float32_layer0": float(vs32[0].max()),
            "bfloat16_vs_float32_by_layer": [float(x) for x in vs32.max(axis=1)],
            "worst_float32_head": [int(x) for x in np.unravel_index(f32.argmax(), f32.shape)],
            "lengths": [min(lengths), max(lengths)], "seconds": time.perf_counter() - t0}


def throughput(loaded, texts: list[str], tokens_per_batch: int, repeats: int) -> dict:
    import torch

    from qkatlas.capture.prepare import prepare
    from qkatlas.corpus import load_corpus

    bench = _bench_module()
    prepared = prepare(loaded, load_corpus(texts))
    cuda = loaded.device.startswith("cuda")

    def peak(fn):
        if cuda:
            torch.cuda.synchronize()
            torch.cuda.reset_peak_memory_stats()
        out = fn()
        return out, (torch.cuda.max_memory_allocated() / 2**20 if cuda else float("nan"))

    r, mem_capture = peak(lambda: bench.measure(loaded, prepared, tokens_per_batch, repeats))
    lengths = prepared.sequences["n_tokens"].tolist()
    _, mem_forward = peak(lambda: bench.forward_only(loaded, prepared, bench.plan_batches(lengths, tokens_per_batch), lengths))
    return {k: r[k] for k in ("tokens", "batches", "forward_tok_s", "capture_tok_s", "ratio", "tail_s", "copy_s",
                              "flush_s")} | {
        "peak_mib_forward": mem_forward, "peak_mib_capture": mem_capture}


def _bench_module():
    spec = importlib.util.spec_from_file_location("qkatlas_capture_bench", ROOT / "benchmarks" / "capture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu-dry-run", action="store_true", help="run every step on CPU with tiny models (checks the script)")
    parser.add_argument("--models", default="minilm,smollm2,llama-1b")
    parser.add_argument("--repeats", type=int, default=3, help="alternating forward/capture runs per dtype (median)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()

    import torch
    import transformers

    dry = args.cpu_dry_run
    cuda = torch.cuda.is_available()
    print(f"gpu_check: python {platform.python_version()}, torch {torch.__version__} (CUDA build {torch.version.cuda}), "
          f"transformers {transformers.__version__}, CUDA available: {cuda}"
          + (f", {torch.cuda.get_device_name(0)}" if cuda else ""), flush=True)
    if not cuda and not dry:
        print("gpu_check: no CUDA device here, so nothing was run. On a machine with an NVIDIA GPU and a CUDA build "
              "of torch run it again; to check the script itself on CPU: --cpu-dry-run", flush=True)
        return 2
    device = "cpu" if dry else "cuda"
    if dry:
        print("gpu_check: --cpu-dry-run: every step on CPU with tiny random models; timings mean nothing", flush=True)
    else:
        torch.backends.cuda.matmul.allow_tf32 = False  # float32 means float32 in the float32 check
        torch.backends.cudnn.allow_tf32 = False
    verify_texts = sentences(8, 8, 100 if not dry else 30, seed=1)
    n_seq, tokens_per_batch = (24, 512) if dry else (512, 16384)
    results = []
    t_start = time.perf_counter()
    for kind in args.models.split(","):
        t0 = time.perf_counter()
        print(f"\n== {kind}", flush=True)
        loaded, what = load(kind, dry, device)
        a = loaded.adapter
        print(f"  {what}: {a.family}, {a.n_layers} layers x {a.n_heads} heads ({a.n_kv_heads} key heads), "
              f"d_head {a.d_head}, on {loaded.device}", flush=True)
        row = {"model": kind, "weights": what, "device": loaded.device}
        row["verify"] = v = verify(loaded, verify_texts)  # leaves the model in bfloat16
        print(f"  verify: float32 {v['float32']:.1e}, bfloat16 vs itself {v['bfloat16_self']:.1e}, vs float32 "
              f"{v['bfloat16_vs_float32']:.1e} (layer 0: {v['bfloat16_vs_float32_layer0']:.1e}) ({v['seconds']:.1f} s)",
              flush=True)
        n = n_seq if kind != "llama-1b" or dry else 160
        texts = sentences(n, 16, 120 if not dry else 40, seed=2)
        for dtype in ("float32", "bfloat16"):
            set_dtype(loaded, dtype)
            row[dtype] = t = throughput(loaded, texts, tokens_per_batch, args.repeats)
            print(f"  {dtype}: forward {t['forward_tok_s']:.0f} tok/s, capture {t['capture_tok_s']:.0f} tok/s, "
                  f"ratio {t['ratio']:.2f}; {t['tail_s']:.2f} s waited after the last forward; writer: copies "
                  f"{t['copy_s']:.2f} s, flushes {t['flush_s']:.2f} s; {t['tokens']} tokens; peak GPU MiB "
                  f"{t['peak_mib_forward']:.0f} / {t['peak_mib_capture']:.0f}", flush=True)
        row["seconds"] = time.perf_counter() - t0
        results.append(row)
        del loaded
        if cuda:
            torch.cuda.empty_cache()

    from qkatlas.capture.verify import TOLERANCE, TOLERANCE_VS_FLOAT32

    print(f"\ngpu_check: {len(results)} models in {time.perf_counter() - t_start:.0f} s on "
          f"{torch.cuda.get_device_name(0) if device == 'cuda' else 'CPU (dry run)'}")
    print(f"tolerances: float32 {TOLERANCE['float32']:g}; bfloat16 vs itself {TOLERANCE['bfloat16']:g}, "
          f"vs float32 {TOLERANCE_VS_FLOAT32['bfloat16']:g}")
    print("bf16-f32: a bfloat16 capture against the float32 model, all layers (L0: first layer only). With random "
          "weights the hidden states of deep models drift chaotically between dtypes, so only L0 is judged for them")
    head = (f"{'model':<10} {'f32 err':>8} {'bf16 err':>8} {'bf16-f32':>8} {'L0':>8} {'ok':>3} | {'dtype':<8} "
            f"{'fwd tok/s':>10} {'cap tok/s':>10} {'ratio':>5} {'tail s':>6} {'GPU MiB fwd/cap':>16}")
    print(head)
    print("-" * len(head))
    ok_all = True
    for r in results:
        v = r["verify"]
        judged = v["bfloat16_vs_float32_layer0"] if r["weights"].startswith("random") else v["bfloat16_vs_float32"]
        ok = v["float32"] < TOLERANCE["float32"] and v["bfloat16_self"] < TOLERANCE["bfloat16"] \
            and judged < TOLERANCE_VS_FLOAT32["bfloat16"]
        ok_all &= ok
        for i, dtype in enumerate(("float32", "bfloat16")):
            t = r[dtype]
            left = (f"{r['model']:<10} {v['float32']:>8.1e} {v['bfloat16_self']:>8.1e} {v['bfloat16_vs_float32']:>8.1e} "
                    f"{v['bfloat16_vs_float32_layer0']:>8.1e} {'yes' if ok else 'NO':>3}") if i == 0 else " " * 50
            print(f"{left} | {dtype:<8} {t['forward_tok_s']:>10.0f} {t['capture_tok_s']:>10.0f} {t['ratio']:>5.2f} "
                  f"{t['tail_s']:>6.2f} {t['peak_mib_forward']:>7.0f} / {t['peak_mib_capture']:<7.0f}")
    for r in results:
        print(f"  {r['model']}: {r['weights']}")
    if args.json:
        args.json.write_text(json.dumps({"device": device, "torch": torch.__version__, "results": results}, indent=1))
    print(f"gpu_check: {'all checks passed' if ok_all else 'SOME CHECKS FAILED'}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
