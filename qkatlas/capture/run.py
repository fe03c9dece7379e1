"""Capture: run a model over a corpus and write an atlas (queries, keys, value norms, tokens).

Why it is shaped like this:
* the corpus is prepared first (``prepare``), so the total token count is known and every
  per-layer array is pre-allocated on disk (memory-mapped): memory stays bounded by one batch;
* batches are planned by length (little padding) and written to their sequences' rows, so the
  row order is always (sequence, position) no matter the batch order;
* everything goes to ``<out>.partial/`` with a progress file; an interrupted build resumes there,
  and only a finished build is renamed to ``<out>`` with a manifest saying ``complete``;
* the hooks hand each layer's q/k/v to a background writer thread (the model does not wait for
  float16 copies into the memory maps), and progress is checkpointed on a timer (flush, then
  record the finished batches) instead of after every batch: a crash loses at most
  ``CHECKPOINT_SECONDS`` of work, never correctness.
"""

from __future__ import annotations

import hashlib
import json
import queue
import shutil
import threading
import time
from pathlib import Path

import numpy as np

from qkatlas.atlas import files, paths
from qkatlas.atlas.reader import read_manifest
from qkatlas.atlas.writer import AtlasWriter, commit_partial, new_manifest
from qkatlas.capture.loader import LoadedModel, load_model
from qkatlas.capture.prepare import Prepared, prepare
from qkatlas.corpus import load_corpus
from qkatlas.errors import InputError
from qkatlas.normalize import compute_normalization

DEFAULT_TOKENS_PER_BATCH = 4096
DEFAULT_MAX_LENGTH = 512
CHECKPOINT_SECONDS = 20.0


def plan_batches(lengths: list[int], tokens_per_batch: int) -> list[list[int]]:
    """Sequences grouped by similar length, each batch at most ``tokens_per_batch`` padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches, current = [], []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]
        if current and (len(current) + 1) * width > tokens_per_batch:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def corpus_spec(corpus) -> str:
    """How a corpus is named in the manifest (and compared when resuming or adding)."""
    return corpus if isinstance(corpus, str) else ("python-list" if isinstance(corpus, (list, tuple)) else str(corpus))


def capture(model: str | LoadedModel, corpus, out, max_sequences: int | None = None,
            max_length: int | None = DEFAULT_MAX_LENGTH, tokens_per_batch: int = DEFAULT_TOKENS_PER_BATCH,
            device: str = "cpu", dtype: str = "auto", progress: bool = True, seed: int = 0, log=print) -> Path:
    """Capture ``model`` over ``corpus`` into the atlas folder ``out`` (resumes a partial build)."""
    out = Path(out)
    name = model.name if isinstance(model, LoadedModel) else str(model)
    settings = {"max_sequences": max_sequences, "max_length": max_length, "tokens_per_batch": tokens_per_batch, "seed": seed}
    if _existing(out, name, corpus, settings):
        log(f"{out}: already a complete atlas of {name}; nothing to capture")
        return out
    partial = paths.partial_dir(out)

    corpus_data = load_corpus(corpus, max_sequences=max_sequences, seed=seed)
    loaded = model if isinstance(model, LoadedModel) else load_model(name, attn_implementation="sdpa", device=device, dtype=dtype)
    prepared = prepare(loaded, corpus_data, max_length)
    if prepared.n_truncated:
        limit = min(x for x in (max_length, loaded.max_length) if x)
        log(f"note: {prepared.n_truncated} of {len(prepared.sequences)} sequences were longer than {limit} tokens "
            "and were cut (raise --max-length to keep more)")
    for path, reason in prepared.skipped or []:
        log(f"warning: skipped {path}: {reason}")
    lengths = prepared.sequences["n_tokens"].tolist()
    batches = plan_batches(lengths, tokens_per_batch)
    key = _build_key(name, prepared, settings, batches, loaded)

    done = _resume_state(partial, key)
    if done is None:
        if partial.exists():
            _remove_partial(partial)
        partial.mkdir(parents=True)
        done = set()
    elif done:
        log(f"{partial}: resuming ({len(done)} of {len(batches)} batches already captured)")
    writer = AtlasWriter(partial)
    a = loaded.adapter
    n_tokens = len(prepared.tokens)
    arrays = writer.layer_arrays(a.n_layers, {"queries": (a.n_heads, n_tokens, a.d_head),
                                              "keys": (a.n_kv_heads, n_tokens, a.d_head),
                                              "value_norms": (a.n_kv_heads, n_tokens)}, create=not done)
    files.write_json_atomic(partial / paths.PROGRESS, {"key": key, "done": sorted(done), "owner": "qkatlas"})

    t0 = time.perf_counter()
    run_batches(loaded, prepared, batches, done, arrays, partial, key, device, progress)
    capture_seconds = time.perf_counter() - t0
    _finish(partial, out, loaded, prepared, arrays, {"capture": settings, "dtype": "float16"},
            corpus_spec(corpus), capture_seconds, writer)
    return out


def _existing(out: Path, model: str, corpus, settings) -> bool:
    """False if ``out`` is free; True if it already holds this very atlas; else an error."""
    if not out.exists():
        return False
    if not out.is_dir():
        raise InputError(f"--out {out}: exists and is a file; choose a new folder name")
    if not any(out.iterdir()):
        return False
    if not (out / paths.MANIFEST).is_file():
        raise InputError(f"--out {out}: folder is not empty and holds no atlas; choose a new folder (nothing was written)")
    manifest = read_manifest(out)
    same = manifest.get("model", {}).get("name") == model and manifest.get("corpus", {}).get("spec") == corpus_spec(corpus) \
        and manifest.get("settings", {}).get("capture") == settings
    if not same:
        raise InputError(
            f"--out {out}: already holds an atlas of {manifest['model']['name']} x {manifest['corpus']['name']} "
            "built with other settings; choose another folder or delete it (nothing was overwritten)"
        )
    if manifest.get("status") != "complete":
        raise InputError(f"--out {out}: holds an incomplete atlas; delete it and build again")
    return True


def _remove_partial(partial: Path) -> None:
    """Delete a stale partial build, but only one that qkatlas made (never a stranger's folder)."""
    try:
        state = json.loads((partial / paths.PROGRESS).read_text())
        ours = isinstance(state, dict) and "key" in state
    except (OSError, ValueError):
        ours = not any(partial.iterdir())
    if not ours:
        raise InputError(f"{partial}: exists and is not a qkatlas build in progress; move it away (nothing was deleted)")
    shutil.rmtree(partial)


def _build_key(model, prepared: Prepared, settings, batches, loaded: LoadedModel) -> str:
    blob = json.dumps([model, prepared.corpus_sha256, settings, batches, loaded.fingerprint]).encode()
    return hashlib.sha256(blob).hexdigest()


def _resume_state(partial: Path, key: str) -> set[int] | None:
    try:
        state = json.loads((partial / paths.PROGRESS).read_text())
    except (OSError, ValueError):
        return None
    return set(state["done"]) if state.get("key") == key else None


class _Writer(threading.Thread):
    """Copies each layer's q/k/v (already float16 on the host) into the memory maps, off the
    model's thread; ``join_queue`` waits until everything handed over is written."""

    def __init__(self, arrays, starts, lengths):
        super().__init__(daemon=True)
        self.arrays, self.starts, self.lengths = arrays, starts, lengths
        self.items: queue.Queue = queue.Queue(maxsize=64)
        self.error: BaseException | None = None

    def run(self):
        while True:
            item = self.items.get()
            try:
                if item is None:
                    return
                layer, seqs, qh, kh, vn = item
                a = self.arrays
                for b, s in enumerate(seqs):
                    rows = slice(self.starts[s], self.starts[s] + self.lengths[s])
                    n = self.lengths[s]
                    a["queries"][layer][:, rows] = qh[b, :, :n]
                    a["keys"][layer][:, rows] = kh[b, :, :n]
                    a["value_norms"][layer][:, rows] = vn[b, :, :n]
            except BaseException as e:  # noqa: BLE001 - re-raised on the main thread
                self.error = e
            finally:
                self.items.task_done()

    def put(self, item):
        if self.error is not None:
            raise self.error
        self.items.put(item)

    def join_queue(self):
        self.items.join()
        if self.error is not None:
            raise self.error


def run_batches(loaded, prepared, batches, done, arrays, partial, key, device, progress):
    import torch
    from tqdm.auto import tqdm

    starts = prepared.sequences["start"].tolist()
    lengths = prepared.sequences["n_tokens"].tolist()
    current: dict = {}
    writer = _Writer(arrays, starts, lengths)
    writer.start()

    def sink(layer, q, k, v):
        qh = q.to(torch.float16).cpu().numpy()
        kh = k.to(torch.float16).cpu().numpy()
        vn = torch.linalg.vector_norm(v.float(), dim=-1).to(torch.float16).cpu().numpy()
        writer.put((layer, current["seqs"], qh, kh, vn))

    def checkpoint(finished: list[int]) -> None:
        writer.join_queue()
        with files.disk_errors(partial):
            for kind in arrays.values():
                for arr in kind:
                    arr.flush()
        done.update(finished)
        files.write_json_atomic(partial / paths.PROGRESS, {"key": key, "done": sorted(done), "owner": "qkatlas"})
        finished.clear()

    handles = loaded.adapter.install(sink)
    todo = [i for i in range(len(batches)) if i not in done]
    bar = tqdm(total=sum(lengths[s] for i in todo for s in batches[i]), unit="tok", desc="capture",
               disable=not progress, dynamic_ncols=True)
    finished: list[int] = []
    last = time.perf_counter()
    try:
        with torch.inference_mode():
            for i in todo:
                seqs = batches[i]
                current["seqs"] = seqs
                loaded.model(**model_inputs(loaded, prepared, seqs, lengths, device))
                finished.append(i)
                bar.update(sum(lengths[s] for s in seqs))
                if time.perf_counter() - last > CHECKPOINT_SECONDS:
                    checkpoint(finished)
                    last = time.perf_counter()
        checkpoint(finished)
    finally:
        bar.close()
        for h in handles:
            h.remove()
        writer.put(None)
        writer.join()


def model_inputs(loaded, prepared, seqs, lengths, device) -> dict:
    import torch

    if prepared.corpus_kind == "images":
        return {"pixel_values": prepared.pixel_batch(seqs).to(device=device, dtype=loaded.input_dtype)}
    width = max(lengths[s] for s in seqs)
    pad = loaded.tokenizer.pad_token_id
    ids = torch.full((len(seqs), width), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, : lengths[s]] = torch.tensor(prepared.inputs[s])
        mask[b, : lengths[s]] = 1
    return {"input_ids": ids.to(device), "attention_mask": mask.to(device)}


def _finish(partial, out, loaded, prepared, arrays, settings, spec, capture_seconds, writer: AtlasWriter):
    """Normalisation, tables and manifest; then the atomic rename that makes the atlas exist.

    Normalisation statistics are accumulated head by head from the memory maps, so memory is
    bounded by one head's vectors, not a layer's.
    """
    a = loaded.adapter
    shift = np.zeros((a.n_layers, a.n_heads, a.d_head), np.float32)
    scale = np.ones((a.n_layers, a.n_heads), np.float32)
    for layer in range(a.n_layers):
        ql, kl = arrays["queries"][layer], arrays["keys"][layer]
        for h in range(a.n_heads):
            shift[layer, h], scale[layer, h] = compute_normalization(ql[h], kl[a.kv_head_of[h]])
    writer.write_normalization(shift, scale)
    images = prepared.corpus_kind == "images"
    writer.write_tables(prepared.tokens, prepared.sequences, images)
    if images:
        writer.write_thumbnails(prepared.thumbnails)
        for s, img in enumerate(prepared.seen_images()):
            writer.write_image(s, img)
    corpus = {
        "name": prepared.corpus_name, "spec": spec, "kind": prepared.corpus_kind, "sha256": prepared.corpus_sha256,
        "n_sequences": len(prepared.sequences), "n_tokens": len(prepared.tokens),
        "n_truncated": prepared.n_truncated, "skipped": prepared.skipped or [],
    }
    manifest = new_manifest(loaded.describe(), corpus, settings, {"capture_seconds": round(capture_seconds, 3)})
    for kind in arrays.values():
        kind.clear()  # close the memory maps before the rename
    commit_partial(partial, out, manifest)
