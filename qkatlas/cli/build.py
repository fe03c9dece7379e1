"""``qkatlas build``, ``info``, ``verify``, ``models``, ``analyze``, ``report``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from qkatlas.cli.options import parse_layout_options
from qkatlas.layout import DEFAULT_FIT_SAMPLE
from qkatlas.errors import InputError, QkatlasError


CORPUS_HELP = ("demo:wiki | demo:images | FILE.txt (one sequence per line) | FILE.jsonl/.parquet/.arrow/.feather[#COLUMN] "
               "(default column: text) | image FOLDER | save_to_disk FOLDER | hf:NAME[:CONFIG]:SPLIT[#COLUMN] (Hugging Face "
               "dataset; pip install datasets; e.g. hf:wikitext:wikitext-103-raw-v1:train). Files and datasets are streamed: "
               "-n N reads only the first N texts | induction:N:L (N random sequences of L words, repeated twice: finds "
               "induction heads; demo:induction = induction:100:25)")


def register(app: typer.Typer) -> None:
    for fn in (build, info, verify, models, analyze, report):
        app.command(fn.__name__)(fn)


def _log(message: str) -> None:
    typer.echo(message, err=True)


def build(
    model: str = typer.Option(..., "--model", "-m", help="HF id, local folder, .gguf file, or demo:minilm | demo:smollm2 | demo:dinov2"),
    corpus: str = typer.Option(..., "--corpus", "-c", help=CORPUS_HELP),
    out: Path = typer.Option(..., "--out", "-o", help="atlas folder to create (a partial build there is resumed)"),
    max_sequences: Optional[int] = typer.Option(None, "--max-sequences", "-n", min=1, help="use at most N sequences (demo:wiki: sample size, default 300)"),
    max_length: int = typer.Option(512, "--max-length", "-L", min=2, help="cut sequences to L tokens (a note says how many were cut)"),
    layouts: str = typer.Option("pca,tsne,umap", help="layouts to compute (comma-separated) or none"),
    dims: str = typer.Option("2", help="layout dimensions: 2, 3 or 2,3"),
    seed: int = typer.Option(0, help="seed for corpus sampling, fit samples and layouts"),
    batch_tokens: int = typer.Option(4096, min=16, help="padded tokens per forward pass (lower it to save memory)"),
    device: str = typer.Option("cpu", help="torch device for capture: cpu, cuda, cuda:N, mps or auto"),
    dtype: str = typer.Option("auto", help="model precision: auto (float32 on CPU, the checkpoint's on GPU), float32, bfloat16, float16"),
    device_map: Optional[str] = typer.Option(None, "--device-map", help="'auto': spread a model larger than one device over the GPUs and CPU (accelerate)"),
    workers: Optional[int] = typer.Option(None, min=1, help="layout workers (default: number of cores)"),
    engine: str = typer.Option("local", help="layout engine: local (worker processes) or ray"),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster address (default: start a local one)"),
    actors: Optional[int] = typer.Option(None, "--actors", min=1, help="with --engine ray: capture with N model replicas (one per GPU) on the cluster"),
    fit_sample: int = typer.Option(DEFAULT_FIT_SAMPLE, "--fit-sample", min=100, help="t-SNE/UMAP fit on at most this many tokens per head; the rest is placed"),
    align: bool = typer.Option(True, help="align every head's layout to a common orientation"),
    groups: bool = typer.Option(False, "--groups", help="grouped-query models: also one joint layout per key head and its query heads"),
    serve: bool = typer.Option(False, "--serve", help="serve the atlas as soon as capture and PCA exist; other layouts appear as they finish"),
    port: int = typer.Option(8000, "--port", "-p", help="port for --serve"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bars"),
):
    """Capture queries and keys of every head over a corpus, then lay them out and measure heads."""
    from qkatlas.pipeline.build import build as run_build

    methods, dim_list = parse_layout_options(layouts, dims)
    server = None
    if serve:
        from qkatlas.server.run import BackgroundServer

        server = BackgroundServer([], port=port)

    def on_stage(stage: str, path: Path) -> None:
        if server is not None and stage in ("pca", "layouts") and not server.started:
            server.start([path])

    run_build(model, corpus, out, max_sequences=max_sequences, max_length=max_length, layouts=methods, dims=dim_list,
              seed=seed, tokens_per_batch=batch_tokens, device=device, dtype=dtype, device_map=device_map, workers=workers, align=align,
              engine=engine, address=ray_address, fit_sample=fit_sample, groups=groups, actors=actors,
              progress=not quiet, log=_log, on_stage=on_stage)
    _log(f"atlas ready: {out}")
    if server is not None:
        if not server.started:
            server.start([out])
        server.wait()


def info(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    as_json: bool = typer.Option(False, "--json", help="print the summary as JSON"),
):
    """Summarise an atlas: model, corpus, sizes, layouts and their fidelity."""
    from qkatlas.atlas.summary import summary, summary_text

    s = summary(atlas)
    typer.echo(json.dumps(s, indent=2) if as_json else summary_text(s))


def verify(
    model: str = typer.Option(..., "--model", "-m", help="model to check (same names as build)"),
    corpus: str = typer.Option("demo:wiki", "--corpus", "-c", help="corpus for the check"),
    n: int = typer.Option(8, "-n", min=1, help="sequences in the (padded) batch"),
    device: str = typer.Option("cpu", help="torch device: cpu, cuda, cuda:N, mps or auto"),
    dtype: str = typer.Option("float32", help="precision to check in (tolerances per dtype: see README)"),
):
    """Check that captured q and k reproduce the model's own attention, every layer and head."""
    from qkatlas.capture.verify import TOLERANCE, verify_model

    errors = verify_model(model, corpus, n, device=device, dtype=dtype)
    tol = TOLERANCE.get(dtype, TOLERANCE["float32"])
    worst = float(errors.max()) if errors.size else float("nan")
    if not errors.size or not all(map(lambda e: e == e, errors.ravel())):  # NaN anywhere
        raise QkatlasError(f"{model}: attention error is NaN (the model or the capture produced NaN); "
                           "try --dtype float32, or check the checkpoint")
    layer, head = map(int, divmod(int(errors.argmax()), errors.shape[1]))
    typer.echo(f"{model}: max abs attention error {worst:.2e} over {errors.size} heads in {dtype} "
               f"(worst: layer {layer} head {head}; tolerance {tol:g})")
    if worst > tol:
        raise QkatlasError(f"{model}: captured attention differs from the model's by {worst:.2e} (> {tol:g})")


def models():
    """List the supported model families, their model types and what each records beyond q.k."""
    from qkatlas.capture.adapters import adapter_classes

    for cls in adapter_classes():
        extra = getattr(cls, "records", "") or "q.k only"
        typer.echo(f"{cls.family:<10} {cls.kind:<13} {', '.join(cls.model_types)}\n{'':<24} records: {extra}")


def analyze(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    force: bool = typer.Option(False, help="recompute even when the stored analysis is current"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
):
    """Compute the head analysis (metrics, taxonomy, head map, aggregate maps) and store it in the atlas."""
    from qkatlas.pipeline.analyze import analyze as run

    run(atlas, force=force, progress=not quiet, log=_log)


def report(
    atlas: Path = typer.Argument(..., help="atlas folder"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file to write (default: ATLAS/report.html)"),
    top: int = typer.Option(3, min=1, max=10, help="heads shown per kind"),
):
    """Write a self-contained HTML report of every head: taxonomy, metrics, head map, top heads."""
    from qkatlas.pipeline.analyze import report as run

    if out is not None and out.is_dir():
        raise InputError(f"--out {out}: is a folder; give a file name such as {out / 'report.html'}")
    run(atlas, out, top=top, log=_log)
