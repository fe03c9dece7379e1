"""Capture: run a model over a corpus and write an atlas (queries, keys, value norms, tokens).

Why it is shaped like this:
* the corpus is prepared first (``prepare``), so the total token count is known and every
  per-layer array is pre-allocated on disk (memory-mapped): memory stays bounded by one batch;
* batches are planned by length (little padding) and written to their sequences' rows, so the
  row order is always (sequence, position) no matter the batch order;
* everything goes to ``<out>.partial/`` with a progress file; an interrupted build resumes there,
  and only a finished build is renamed to ``<out>`` with a manifest saying ``complete``;
* the hooks hand each layer's q/k/v (float16, on the host; from a GPU by asynchronous copies
  into pinned memory) to a background writer thread, so the model never waits for the copies
  into the memory maps;
* progress is recorded in two levels. After every batch the writer records it as ``done``
  (a rename, no fsync: the rows are in the page cache, which survives a killed process); every
  ``CHECKPOINT_SECONDS`` a background thread flushes the maps to disk and records ``flushed``
  (fsynced), so the disk writes overlap the model's compute. A resume
  on the same boot (``boot_id``) trusts ``done``; after a reboot (power loss, where the page cache
  was lost) only ``flushed``. Either way a crash loses no finished batch it could still trust.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from qkatlas.atlas import files, paths
from qkatlas.atlas.reader import read_manifest
from qkatlas.atlas.writer import AtlasWriter, commit_partial, new_manifest
from qkatlas.capture.loader import LoadedModel, load_model
from qkatlas.capture.prepare import Prepared, check_sequence_length, prepare
from qkatlas.capture.writeback import BatchWriter, progress_record, resume_state
from qkatlas.corpus import load_corpus
from qkatlas.errors import InputError
from qkatlas.normalize import compute_normalization

DEFAULT_TOKENS_PER_BATCH = 4096
DEFAULT_MAX_LENGTH = 512


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
            device: str = "cpu", dtype: str = "auto", progress: bool = True, seed: int = 0, log=print,
            device_map=None) -> Path:
    """Capture ``model`` over ``corpus`` into the atlas folder ``out`` (resumes a partial build).

    ``device_map="auto"``: a model larger than one device, spread by accelerate (see ``load_model``)."""
    out = Path(out)
    name = model.name if isinstance(model, LoadedModel) else str(model)
    settings = {"max_sequences": max_sequences, "max_length": max_length, "tokens_per_batch": tokens_per_batch, "seed": seed}
    if existing_atlas(out, name, corpus, settings):
        log(f"{out}: already a complete atlas of {name}; nothing to capture")
        return out
    partial = paths.partial_dir(out)

    corpus_data = load_corpus(corpus, max_sequences=max_sequences, seed=seed)
    loaded = model if isinstance(model, LoadedModel) else load_model(name, attn_implementation="sdpa", device=device,
                                                                     dtype=dtype, device_map=device_map)
    prepared = prepare(loaded, corpus_data, max_length)
    if prepared.n_truncated:
        limit = min(x for x in (max_length, loaded.max_length) if x)
        log(f"note: {prepared.n_truncated} of {len(prepared.sequences)} sequences were longer than {limit} tokens "
            "and were cut (raise --max-length to keep more)")
    for path, reason in prepared.skipped or []:
        log(f"warning: skipped {path}: {reason}")
    lengths = prepared.sequences["n_tokens"].tolist()
    batches = plan_batches(lengths, tokens_per_batch)
    key = build_key(name, prepared, settings, batches, loaded)

    done = resume_state(partial, key)
    if done is None:
        if partial.exists():
            remove_partial(partial)
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
    files.write_json_atomic(partial / paths.PROGRESS, progress_record(key, done, done))

    t0 = time.perf_counter()
    run_batches(loaded, prepared, batches, done, arrays, partial, key, loaded.device, progress)
    capture_seconds = time.perf_counter() - t0
    finish(partial, out, loaded, prepared, arrays, {"capture": settings, "dtype": "float16"},
            corpus_spec(corpus), capture_seconds, writer)
    return out


def existing_atlas(out: Path, model: str, corpus, settings) -> bool:
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


def remove_partial(partial: Path) -> None:
    """Delete a stale partial build, but only one that qkatlas made (never a stranger's folder)."""
    try:
        state = json.loads((partial / paths.PROGRESS).read_text())
        ours = isinstance(state, dict) and "key" in state
    except (OSError, ValueError):
        ours = not any(partial.iterdir())
    if not ours:
        raise InputError(f"{partial}: exists and is not a qkatlas build in progress; move it away (nothing was deleted)")
    shutil.rmtree(partial)


def build_key(model, prepared: Prepared, settings, batches, loaded: LoadedModel) -> str:
    blob = json.dumps([model, prepared.corpus_sha256, settings, batches, loaded.fingerprint]).encode()
    return hashlib.sha256(blob).hexdigest()


def run_batches(loaded, prepared, batches, done, arrays, partial, key, device, progress) -> dict:
    """Run ``batches`` (those not in ``done``) with the capture hooks; every batch ends up in
    ``done``, flushed to disk and recorded in ``partial``'s progress file. Returns timings:
    ``tail_seconds``, the wait after the last forward pass for the copies and the final flush;
    ``copy_seconds`` and ``flush_seconds``, the writer's and the flusher's time."""
    import torch
    from tqdm.auto import tqdm

    starts = prepared.sequences["start"].tolist()
    lengths = prepared.sequences["n_tokens"].tolist()
    current: dict = {}
    writer = BatchWriter(arrays, starts, lengths, partial, key, done, queue_size=max(8, 2 * loaded.adapter.n_layers))
    writer.start()

    def sink(layer, q, k, v):
        if q.shape[2] != current["width"]:
            check_sequence_length(loaded, q.shape[2], current["width"])
        vn = torch.linalg.vector_norm(v, dim=-1, dtype=torch.float32)
        # float16 in (B, H, T, d) order, so one sequence's rows of one head are one contiguous range
        tensors = [t.to(torch.float16, memory_format=torch.contiguous_format) for t in (q, k, vn)]
        event = None
        if q.device.type == "cuda":  # asynchronous copies: the GPU goes on with the next layer
            host = [torch.empty(t.shape, dtype=t.dtype, pin_memory=True) for t in tensors]
            for h, t in zip(host, tensors):
                h.copy_(t, non_blocking=True)
            event = torch.cuda.Event()
            event.record()
            tensors = host
        elif q.device.type != "cpu":
            tensors = [t.cpu() for t in tensors]
        writer.put(("layer", layer, current["seqs"], event, *tensors))

    handles = loaded.adapter.install(sink)
    todo = [i for i in range(len(batches)) if i not in done]
    bar = tqdm(total=sum(lengths[s] for i in todo for s in batches[i]), unit="tok", desc="capture",
               disable=not progress, dynamic_ncols=True)
    try:
        with torch.inference_mode():
            for i in todo:
                seqs = batches[i]
                current["seqs"] = seqs
                current["width"] = max(lengths[s] for s in seqs)
                loaded.model(**model_inputs(loaded, prepared, seqs, lengths, device))
                writer.put(("batch", i))
                if i % TRIM_EVERY == TRIM_EVERY - 1:
                    trim_heap()
                bar.update(sum(lengths[s] for s in seqs))
        if str(device).startswith("cuda"):
            torch.cuda.synchronize()
        last_forward = time.perf_counter()
        writer.put(("flush",))
        writer.join_queue()
        return {"tail_seconds": time.perf_counter() - last_forward, **writer.stats}
    finally:
        bar.close()
        for h in handles:
            h.remove()
        writer.items.put(None)
        writer.join()


TRIM_EVERY = 4  # batches between returns of freed heap memory to the system (see trim_heap)


def trim_heap() -> None:
    """Give freed heap memory back to the system (glibc's ``malloc_trim``; a no-op elsewhere).

    Why: batches of different padded widths leave the heap fragmented (glibc raises its mmap
    threshold after the first large free, so later activations come from the heap), and resident
    memory grew with the number of batches. Measured on MiniLM at 500k tokens: capture's peak
    anonymous memory 998 MB -> 708 MB trimming every 4 batches (640 MB every batch, which cost
    ~10% of capture time in page faults; every 4 batches is within the noise)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def model_inputs(loaded, prepared, seqs, lengths, device) -> dict:
    """One padded batch (right padding: positions are the same as unpadded). Decoders run without
    a KV cache: nothing is generated, and the keys the attention sees are this batch's own."""
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
    inputs = {"input_ids": ids.to(device), "attention_mask": mask.to(device)}
    return {**inputs, "use_cache": False} if loaded.kind == "text-decoder" else inputs


def finish(partial, out, loaded, prepared, arrays, settings, spec, capture_seconds, writer: AtlasWriter):
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
