"""Capture: run a model over a corpus and write an atlas (queries, keys, value norms, tokens).

Why it is shaped like this:
* the corpus is tokenised first, so the total token count is known and every per-layer array is
  pre-allocated on disk (memory-mapped): memory stays bounded by one batch, whatever the model;
* batches are planned by length (little padding) and written to their sequences' rows, so the
  row order is always (sequence, position) no matter the batch order;
* everything goes to ``<out>.partial/`` with a progress file updated after each flushed batch;
  an interrupted build resumes there, and only a finished build is renamed to ``<out>`` with a
  manifest saying ``complete``. A killed build never leaves an atlas that reads as complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qkatlas.atlas import store
from qkatlas.capture.models import LoadedModel, load_model
from qkatlas.corpus import load_corpus
from qkatlas.errors import InputError
from qkatlas.normalize import compute_normalization

PROGRESS = "progress.json"
DEFAULT_TOKENS_PER_BATCH = 4096


@dataclass
class Prepared:
    """A corpus turned into model inputs plus the token and sequence tables."""

    corpus_name: str
    corpus_sha256: str
    corpus_kind: str
    inputs: list  # per sequence: list[int] token ids, or an index into `images`
    tokens: "object"  # pandas DataFrame
    sequences: "object"  # pandas DataFrame
    n_truncated: int = 0
    skipped: list | None = None
    thumbnails: np.ndarray | None = None
    pixels: "object" = None  # vision: torch tensor (n_images, 3, S, S)
    seen_images: np.ndarray | None = None  # vision: uint8 (n_images, S, S, 3)


# ---- corpus -> inputs ---------------------------------------------------------------------------
def prepare(loaded: LoadedModel, corpus, max_length: int | None = None) -> Prepared:
    """Tokenise (text) or preprocess (images) a loaded corpus for ``loaded``'s model."""
    from qkatlas.corpus.images import ImageCorpus

    is_images = isinstance(corpus, ImageCorpus)
    if is_images != (loaded.kind == "vision"):
        what = "an image" if is_images else "a text"
        need = "a folder of images or demo:images" if loaded.kind == "vision" else "a text corpus (.txt, .jsonl, demo:wiki)"
        raise InputError(f"corpus {corpus.name!r} is {what} corpus but model {loaded.name!r} is a {loaded.kind} model; give {need}")
    return _prepare_images(loaded, corpus) if is_images else _prepare_text(loaded, corpus, max_length)


def _prepare_text(loaded, tc, max_length) -> Prepared:
    import pandas as pd

    tok = loaded.tokenizer
    limit = min(x for x in (max_length, loaded.max_length) if x) if (max_length or loaded.max_length) else None
    full = tok(tc.texts, add_special_tokens=True)["input_ids"]
    if limit:
        ids = tok(tc.texts, add_special_tokens=True, truncation=True, max_length=limit)["input_ids"]
    else:
        ids = full
    truncated = [len(f) > len(i) for f, i in zip(full, ids)]
    special = set(tok.all_special_ids)
    vocab_text = {}
    rows, seq_rows, start = [], [], 0
    for s, seq_ids in enumerate(ids):
        n = len(seq_ids)
        for p, t in enumerate(seq_ids):
            if t not in vocab_text:
                vocab_text[t] = (tok.decode([t]), tok.convert_ids_to_tokens(t))
            text, raw = vocab_text[t]
            rows.append((s, p, n, p / (n - 1) if n > 1 else 0.0, t, text, raw, len(text.strip()), t in special, _is_punct(text)))
        seq_rows.append((s, start, n, tc.texts[s], truncated[s], len(full[s])))
        start += n
    tokens = pd.DataFrame(
        rows,
        columns=["seq", "pos", "seq_len", "pos_norm", "token_id", "token", "token_raw", "token_len", "is_special", "is_punct"],
    )
    tokens = tokens.astype({"seq": "int32", "pos": "int32", "seq_len": "int32", "pos_norm": "float32", "token_id": "int64", "token_len": "int16"})
    tokens["added"] = False
    sequences = pd.DataFrame(seq_rows, columns=["seq", "start", "n_tokens", "text", "truncated", "n_tokens_original"])
    return Prepared(tc.name, tc.sha256, "text", ids, tokens, sequences, n_truncated=sum(truncated), skipped=[])


def _is_punct(text: str) -> bool:
    s = text.strip()
    return bool(s) and all(unicodedata.category(c).startswith("P") for c in s)


def _prepare_images(loaded, ic) -> Prepared:
    import pandas as pd

    from qkatlas.corpus.images import patch_features

    items = ic.items
    pixels, seen = loaded.preprocess_images([it.image for it in items])
    patch = loaded.image["patch_size"]
    h = hashlib.sha256()
    rows, seq_rows, thumbs, start = [], [], [], 0
    for s, (item, img) in enumerate(zip(items, seen)):
        h.update(item.name.encode() + b"\0" + img.tobytes())
        f = patch_features(img, patch)
        n_patches = len(f["patch_row"])
        n = n_patches + 1  # [CLS] first, as ViT and DINOv2 order them
        cls_thumb = np.asarray(_resize(img, f["thumbnails"].shape[1]))
        thumbs.append(np.concatenate([cls_thumb[None], f["thumbnails"]]))
        rows.append((s, 0, n, 0.0, -1, "[CLS]", "[CLS]", 5, True, False, -1, -1, np.nan, np.nan, np.nan))
        for i in range(n_patches):
            r, c = int(f["patch_row"][i]), int(f["patch_col"][i])
            rows.append((s, i + 1, n, (i + 1) / (n - 1), -1, f"r{r}c{c}", f"r{r}c{c}", 0, False, False, r, c,
                         float(f["hue"][i]), float(f["saturation"][i]), float(f["brightness"][i])))
        seq_rows.append((s, start, n, item.name, item.source, False, n))
        start += n
    tokens = pd.DataFrame(rows, columns=["seq", "pos", "seq_len", "pos_norm", "token_id", "token", "token_raw", "token_len",
                                         "is_special", "is_punct", "patch_row", "patch_col", "hue", "saturation", "brightness"])
    tokens = tokens.astype({"seq": "int32", "pos": "int32", "seq_len": "int32", "pos_norm": "float32", "token_len": "int16",
                            "patch_row": "int16", "patch_col": "int16", "hue": "float32", "saturation": "float32", "brightness": "float32"})
    tokens["added"] = False
    sequences = pd.DataFrame(seq_rows, columns=["seq", "start", "n_tokens", "text", "source", "truncated", "n_tokens_original"])
    return Prepared(ic.name, h.hexdigest(), "images", list(range(len(items))), tokens, sequences,
                    skipped=[list(x) for x in ic.skipped], thumbnails=np.concatenate(thumbs), pixels=pixels, seen_images=seen)


def _resize(img: np.ndarray, size: int):
    from PIL import Image

    return Image.fromarray(img).resize((size, size), resample=Image.BILINEAR)


def _save_images(folder: Path, images: np.ndarray) -> None:
    """The images as the model saw them (for the image view), one PNG per sequence."""
    from PIL import Image

    folder.mkdir(exist_ok=True)
    for s, img in enumerate(images):
        Image.fromarray(img).save(folder / f"{s:05d}.png")


# ---- batches ------------------------------------------------------------------------------------
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


class _Arrays:
    """The pre-allocated, memory-mapped per-layer arrays of a build in progress."""

    def __init__(self, root: Path, loaded: LoadedModel, n_tokens: int, create: bool):
        a = loaded.adapter
        shapes = {
            "queries": (a.n_heads, n_tokens, a.d_head),
            "keys": (a.n_kv_heads, n_tokens, a.d_head),
            "value_norms": (a.n_kv_heads, n_tokens),
        }
        self.arrays: dict[str, list[np.ndarray]] = {}
        for kind, shape in shapes.items():
            (root / kind).mkdir(parents=True, exist_ok=True)
            self.arrays[kind] = [
                np.lib.format.open_memmap(root / store.layer_file(kind, layer), mode="w+" if create else "r+",
                                         dtype=np.float16, shape=shape)
                for layer in range(a.n_layers)
            ]

    def flush(self):
        for arrays in self.arrays.values():
            for arr in arrays:
                arr.flush()


# ---- build --------------------------------------------------------------------------------------
def build(model: str, corpus, out, max_sequences: int | None = None, max_length: int | None = None,
          tokens_per_batch: int = DEFAULT_TOKENS_PER_BATCH, device: str = "cpu", progress: bool = True,
          seed: int = 0, log=print) -> Path:
    """Capture ``model`` over ``corpus`` into the atlas folder ``out`` (resumes a partial build)."""
    out = Path(out)
    settings = {"max_sequences": max_sequences, "max_length": max_length, "tokens_per_batch": tokens_per_batch, "seed": seed}
    existing = _check_out(out, model, corpus, settings)
    if existing:
        log(f"{out}: already a complete atlas of {model} x {existing['corpus']['name']}; nothing to capture")
        return out
    partial = out.with_name(out.name + ".partial")

    corpus_data = load_corpus(corpus, max_sequences=max_sequences, seed=seed)
    loaded = load_model(model, attn_implementation="sdpa", device=device)
    prepared = prepare(loaded, corpus_data, max_length)
    if prepared.n_truncated:
        limit = min(x for x in (max_length, loaded.max_length) if x)
        log(f"warning: {prepared.n_truncated} of {len(prepared.sequences)} sequences were longer than {limit} tokens and were truncated")
    for path, reason in prepared.skipped or []:
        log(f"warning: skipped {path}: {reason}")
    lengths = prepared.sequences["n_tokens"].tolist()
    batches = plan_batches(lengths, tokens_per_batch)
    key = _build_key(model, prepared, settings, batches)

    done = _resume_state(partial, key)
    if done is None:
        if partial.exists():
            shutil.rmtree(partial)
        partial.mkdir(parents=True)
        done = set()
    arrays = _Arrays(partial, loaded, len(prepared.tokens), create=not done)
    store.write_json_atomic(partial / PROGRESS, {"key": key, "done": sorted(done)})

    starts = prepared.sequences["start"].tolist()
    t0 = time.perf_counter()
    _run_batches(loaded, prepared, batches, done, arrays, starts, lengths, partial, key, device, progress)
    capture_seconds = time.perf_counter() - t0
    _finish(partial, out, loaded, prepared, arrays, settings, _corpus_spec(corpus), capture_seconds)
    return out


def _check_out(out: Path, model: str, corpus, settings) -> dict | None:
    """None if ``out`` is free; the manifest if it already holds this very atlas; else an error."""
    if not out.exists():
        return None
    if not out.is_dir():
        raise InputError(f"--out {out}: exists and is a file; choose a new folder name")
    if not any(out.iterdir()):
        return None
    if not (out / store.MANIFEST).is_file():
        raise InputError(f"--out {out}: folder is not empty and holds no atlas; choose a new folder (nothing was written)")
    manifest = store.read_manifest(out)
    same = manifest.get("model", {}).get("name") == model and manifest.get("corpus", {}).get("spec") == _corpus_spec(corpus) \
        and manifest.get("settings", {}).get("capture") == settings
    if not same:
        raise InputError(
            f"--out {out}: already holds an atlas of {manifest['model']['name']} x {manifest['corpus']['name']} "
            "built with other settings; choose another folder or delete it (nothing was overwritten)"
        )
    if manifest.get("status") != "complete":
        raise InputError(f"--out {out}: holds an incomplete atlas; delete it and build again")
    return manifest


def _corpus_spec(corpus) -> str:
    return corpus if isinstance(corpus, str) else ("python-list" if isinstance(corpus, (list, tuple)) else str(corpus))


def _build_key(model, prepared: Prepared, settings, batches) -> str:
    blob = json.dumps([model, prepared.corpus_sha256, settings, batches]).encode()
    return hashlib.sha256(blob).hexdigest()


def _resume_state(partial: Path, key: str) -> set[int] | None:
    try:
        state = json.loads((partial / PROGRESS).read_text())
    except (OSError, ValueError):
        return None
    return set(state["done"]) if state.get("key") == key else None


def _run_batches(loaded, prepared, batches, done, arrays, starts, lengths, partial, key, device, progress):
    import torch
    from tqdm.auto import tqdm

    current: dict = {}

    def sink(layer, q, k, v):
        qh = q.to(torch.float16).cpu().numpy()
        kh = k.to(torch.float16).cpu().numpy()
        vn = torch.linalg.vector_norm(v.float(), dim=-1).to(torch.float16).cpu().numpy()
        for b, s in enumerate(current["seqs"]):
            rows = slice(starts[s], starts[s] + lengths[s])
            n = lengths[s]
            arrays.arrays["queries"][layer][:, rows] = qh[b, :, :n]
            arrays.arrays["keys"][layer][:, rows] = kh[b, :, :n]
            arrays.arrays["value_norms"][layer][:, rows] = vn[b, :, :n]

    handles = loaded.adapter.install(sink)
    todo = [i for i in range(len(batches)) if i not in done]
    bar = tqdm(total=sum(lengths[s] for i in todo for s in batches[i]), unit="tok", desc="capture",
               disable=not progress, dynamic_ncols=True)
    try:
        with torch.inference_mode():
            for i in todo:
                seqs = batches[i]
                current["seqs"] = seqs
                loaded.model(**model_inputs(loaded, prepared, seqs, lengths, device))
                arrays.flush()
                done.add(i)
                store.write_json_atomic(partial / PROGRESS, {"key": key, "done": sorted(done)})
                bar.update(sum(lengths[s] for s in seqs))
    finally:
        bar.close()
        for h in handles:
            h.remove()


def model_inputs(loaded, prepared, seqs, lengths, device) -> dict:
    import torch

    if prepared.corpus_kind == "images":
        return {"pixel_values": prepared.pixels[seqs].to(device)}
    width = max(lengths[s] for s in seqs)
    pad = loaded.tokenizer.pad_token_id
    ids = torch.full((len(seqs), width), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, : lengths[s]] = torch.tensor(prepared.inputs[s])
        mask[b, : lengths[s]] = 1
    return {"input_ids": ids.to(device), "attention_mask": mask.to(device)}


def _finish(partial, out, loaded, prepared, arrays, settings, corpus_spec, capture_seconds):
    """Normalisation, tables and manifest; then the atomic rename that makes the atlas exist."""
    import importlib.metadata as md

    a = loaded.adapter
    shift = np.zeros((a.n_layers, a.n_heads, a.d_head), np.float32)
    scale = np.ones((a.n_layers, a.n_heads), np.float32)
    kv = a.kv_head_of
    for layer in range(a.n_layers):
        q_layer = np.asarray(arrays.arrays["queries"][layer], np.float32)
        k_layer = np.asarray(arrays.arrays["keys"][layer], np.float32)
        for h in range(a.n_heads):
            shift[layer, h], scale[layer, h] = compute_normalization(q_layer[h], k_layer[kv[h]])
    np.savez(partial / store.NORMALIZATION, key_shift=shift, scale=scale)
    prepared.tokens.to_parquet(partial / store.TOKENS, index=False)
    prepared.sequences.to_parquet(partial / store.SEQUENCES, index=False)
    if prepared.thumbnails is not None:
        np.save(partial / store.THUMBNAILS, prepared.thumbnails)
        _save_images(partial / "images", prepared.seen_images)

    def version(pkg):
        try:
            return md.version(pkg)
        except md.PackageNotFoundError:
            return None

    manifest = {
        "format": store.FORMAT_NAME,
        "format_version": store.FORMAT_VERSION,
        "status": "complete",
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "model": loaded.describe(),
        "corpus": {
            "name": prepared.corpus_name,
            "spec": corpus_spec,
            "kind": prepared.corpus_kind,
            "sha256": prepared.corpus_sha256,
            "n_sequences": len(prepared.sequences),
            "n_tokens": len(prepared.tokens),
            "n_truncated": prepared.n_truncated,
            "skipped": prepared.skipped or [],
        },
        "settings": {"capture": settings, "dtype": "float16"},
        "normalization": {"file": store.NORMALIZATION, "method": "key translation + norm scaling (AttentionViz)"},
        "timings": {"capture_seconds": round(capture_seconds, 3)},
        "versions": {p: version(p) for p in ("qkatlas", "torch", "transformers", "numpy", "pyarrow")},
        "layouts": {},
    }
    del arrays
    (partial / PROGRESS).unlink(missing_ok=True)
    store.write_json_atomic(partial / store.MANIFEST, manifest)
    if out.exists():  # an empty folder the user made for us
        out.rmdir()
    os.replace(partial, out)
