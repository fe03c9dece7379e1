"""``qkatlas add``: capture new sequences and place them into an existing atlas's layouts.

Nothing is refitted: the new tokens are normalised with the atlas's original parameters, PCA
layouts project them with each head's stored map, t-SNE and UMAP layouts place them by
nearest-neighbour interpolation (``place``). Layout files grow from 2n to 2(n + m) rows:
queries of the old tokens, queries of the new ones, keys of the old, keys of the new. New
tokens are marked ``added`` in ``tokens.parquet``; fidelity is measured again over all tokens.

Crash safety (why staging plus a journal): the atlas is many files, which cannot be replaced
in one atomic step. So everything new is first written to ``<atlas>.add.partial/new/``
(capture included, under ``capture/``), the atlas untouched. Then a journal
(``swap.json``) is written, the manifest's status is set to ``add-in-progress`` (readers
refuse the atlas from here on), each staged file is renamed into place, and finally the new
manifest (status ``complete``) is renamed over the old one. Killed before the journal: the
atlas is as it was and the staging folder is discarded by the next ``add``. Killed after:
running ``qkatlas add`` on the atlas again finishes the swap (every staged file is complete).
The atlas never reads as complete while it is half old, half new.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import numpy as np

from qkatlas.atlas import store
from qkatlas.errors import InputError
from qkatlas.normalize import apply_normalization
from qkatlas.project import methods
from qkatlas.project.fidelity import SequenceBlocks
from qkatlas.project.head import ORIGINAL, load_pca_map
from qkatlas.project.place import interpolate

JOURNAL = "swap.json"
STATUS_SWAPPING = "add-in-progress"


def staging_dir(path: Path) -> Path:
    path = Path(path).resolve()
    return path.with_name(path.name + ".add.partial")


def add_sequences(path, corpus, max_sequences: int | None = None, seed: int = 0, device: str = "cpu",
                  progress: bool = True, log=print) -> dict:
    """Capture ``corpus`` with the atlas's model and add it to the atlas; returns what was added."""
    from qkatlas.capture.runner import build

    path = Path(path)
    staging = staging_dir(path)
    if (staging / JOURNAL).is_file():
        spec = json.loads((staging / JOURNAL).read_text())["corpus"]
        log(f"{path}: finishing an interrupted `add` of {spec}")
        finish_swap(path)
        if spec == _spec(corpus):
            return {"n_sequences": 0, "n_tokens": 0, "resumed": True}
    atlas = store.Atlas.open(path)
    incomplete = [e for e in atlas.manifest.get("layouts", {}).values() if not e.get("complete")]
    if incomplete:
        e = incomplete[0]
        raise InputError(f"{path}: layout {store.layout_name(e['method'], e['dim'])} is incomplete; finish it with "
                         f"`qkatlas layout {path} --layouts {e['method']} --dims {e['dim']}` before adding sequences")
    if staging.exists():
        shutil.rmtree(staging)  # an add killed before its journal: the atlas is untouched
    staging.mkdir(parents=True)

    t0 = time.perf_counter()
    m = atlas.manifest
    build(m["model"]["name"], corpus, staging / "capture", max_sequences=max_sequences,
          max_length=m.get("settings", {}).get("capture", {}).get("max_length"), device=device,
          progress=progress, seed=seed, log=log)
    new = store.Atlas.open(staging / "capture")
    _check_compatible(atlas, new)
    out = staging / "new"
    files = _stage(atlas, new, out, _spec(corpus), progress, time.perf_counter() - t0)
    store.write_json_atomic(staging / JOURNAL, {"corpus": _spec(corpus), "files": files})
    finish_swap(path)
    log(f"{path}: added {new.corpus['n_sequences']} sequences ({new.n_tokens} tokens) from {_spec(corpus)}")
    return {"n_sequences": new.corpus["n_sequences"], "n_tokens": new.n_tokens, "resumed": False}


def finish_swap(path: Path) -> None:
    """Rename every staged file into the atlas, the manifest last (idempotent; resumes a killed swap)."""
    path = Path(path)
    staging = staging_dir(path)
    journal = json.loads((staging / JOURNAL).read_text())

    def mark(m):
        m["status"] = STATUS_SWAPPING

    if (path / store.MANIFEST).is_file() and (staging / "new" / store.MANIFEST).is_file():
        store.update_manifest(path, mark)
    for rel in journal["files"]:
        src = staging / "new" / rel
        if src.is_file():
            (path / rel).parent.mkdir(parents=True, exist_ok=True)
            _move(src, path / rel)
    src = staging / "new" / store.MANIFEST
    if src.is_file():
        _move(src, path / store.MANIFEST)
    shutil.rmtree(staging)


def _move(src: Path, dst: Path) -> None:
    """One atomic rename of the swap (its own function so tests can interrupt the swap)."""
    os.replace(src, dst)


def _spec(corpus) -> str:
    return corpus if isinstance(corpus, str) else str(corpus)


def _check_compatible(atlas, new) -> None:
    keys = ("n_layers", "n_heads", "n_kv_heads", "d_head", "kind")
    a, b = atlas.model, new.model
    if any(a[k] != b[k] for k in keys):
        raise InputError(f"{atlas.path}: the new capture's model shape differs from the atlas's "
                         f"({ {k: b[k] for k in keys} } vs { {k: a[k] for k in keys} }); add with the same model")


def _stage(atlas, new, out: Path, spec: str, progress: bool, capture_seconds: float) -> list[str]:
    """Write every file that changes into ``out``; return their paths relative to the atlas."""
    import pandas as pd

    files: list[str] = []
    n_old, n_new = atlas.n_tokens, new.n_tokens
    n_seq_old = len(atlas.sequences)

    # per-layer arrays, one layer in memory at a time
    for layer in range(atlas.n_layers):
        for kind in ("queries", "keys", "value_norms"):
            rel = store.layer_file(kind, layer)
            old_arr = np.load(atlas.path / rel, mmap_mode="r")
            new_arr = np.load(new.path / rel, mmap_mode="r")
            dst = out / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            merged = np.lib.format.open_memmap(dst, mode="w+", dtype=np.float16,
                                               shape=old_arr.shape[:1] + (n_old + n_new,) + old_arr.shape[2:])
            merged[:, :n_old] = old_arr
            merged[:, n_old:] = new_arr
            merged.flush()
            del merged
            files.append(rel)

    # tables
    new_tokens = new.tokens.copy()
    new_tokens["seq"] = (new_tokens["seq"] + n_seq_old).astype("int32")
    new_tokens["added"] = True
    tokens = pd.concat([atlas.tokens, new_tokens], ignore_index=True)
    tokens["added"] = tokens["added"].fillna(False).astype(bool)
    new_seqs = new.sequences.copy()
    new_seqs["seq"] = new_seqs["seq"] + n_seq_old
    new_seqs["start"] = new_seqs["start"] + n_old
    sequences = pd.concat([atlas.sequences, new_seqs], ignore_index=True)
    tokens.to_parquet(out / store.TOKENS, index=False)
    sequences.to_parquet(out / store.SEQUENCES, index=False)
    files += [store.TOKENS, store.SEQUENCES]
    if atlas.thumbnails is not None and new.thumbnails is not None:
        np.save(out / store.THUMBNAILS, np.concatenate([atlas.thumbnails, new.thumbnails]))
        files.append(store.THUMBNAILS)
        for s in range(len(new_seqs)):
            src = new.path / "images" / f"{s:05d}.png"
            if src.is_file():
                rel = f"images/{s + n_seq_old:05d}.png"
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, out / rel)
                files.append(rel)

    # layouts and fidelity
    files += _stage_layouts(atlas, new, out, tokens, sequences, progress)

    # manifest (renamed last by the swap)
    m = json.loads(json.dumps(atlas.manifest))
    c = m["corpus"]
    c["n_sequences"] = len(sequences)
    c["n_tokens"] = len(tokens)
    c["n_truncated"] = c.get("n_truncated", 0) + new.corpus.get("n_truncated", 0)
    c["skipped"] = c.get("skipped", []) + new.corpus.get("skipped", [])
    m.setdefault("added", []).append({
        "corpus": spec, "name": new.corpus["name"], "sha256": new.corpus["sha256"],
        "n_sequences": len(new_seqs), "n_tokens": n_new, "first_seq": n_seq_old, "first_row": n_old,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "capture_seconds": round(capture_seconds, 3),
    })
    m["status"] = "complete"
    store.write_json_atomic(out / store.MANIFEST, m)
    return files


def _stage_layouts(atlas, new, out: Path, tokens, sequences, progress: bool) -> list[str]:
    from tqdm.auto import tqdm

    layouts = atlas.layouts
    n_old, n_new = atlas.n_tokens, new.n_tokens
    fit_tokens = np.flatnonzero(~atlas.tokens["added"].to_numpy(bool))
    fit_rows = np.concatenate([fit_tokens, n_old + fit_tokens])
    blocks = SequenceBlocks(sequences["start"].to_numpy(), sequences["n_tokens"].to_numpy(), atlas.causal)
    files, rows = [], []
    for layer, head in tqdm(atlas.heads, desc="add: place", unit="head", disable=not progress, dynamic_ncols=True):
        q_old, k_old = atlas.normalized(layer, head)
        shift, scale = atlas.normalization(layer, head)  # the ORIGINAL parameters, kept
        q_new, k_new = apply_normalization(new.queries(layer, head), new.keys(layer, head), shift, scale)
        x_new = np.concatenate([q_new, k_new])
        unit = None
        q_all, k_all = np.concatenate([q_old, q_new]), np.concatenate([k_old, k_new])
        attended = blocks.top_attended(np.concatenate([atlas.queries(layer, head), new.queries(layer, head)]),
                                       np.concatenate([atlas.keys(layer, head), new.keys(layer, head)]))
        rows.append((layer, head, ORIGINAL, blocks.fidelity(attended, q_all, k_all)))
        for method, dim in layouts:
            old = atlas.coords(layer, head, method, dim)
            if method == "pca":
                weight, bias = load_pca_map(atlas.path, dim, layer, head)
                placed = x_new @ weight + bias
            else:
                if unit is None:
                    fitted_unit = methods.unit_rows(np.concatenate([q_old, k_old]))[fit_rows]
                    unit = methods.unit_rows(x_new)
                placed = interpolate(fitted_unit, old[fit_rows], unit)
            coords = np.concatenate([old[:n_old], placed[:n_new], old[n_old:], placed[n_new:]]).astype(np.float16)
            rel = store.layout_file(method, dim, layer, head)
            store.save_npy_atomic(out / rel, coords)
            files.append(rel)
            n = n_old + n_new
            rows.append((layer, head, store.layout_name(method, dim), blocks.fidelity(attended, coords[:n], coords[n:])))
    if layouts or (atlas.path / store.FIDELITY).is_file():
        import pandas as pd

        fid = pd.DataFrame(rows, columns=["layer", "head", "layout", "fidelity"]).astype({"layer": "int32", "head": "int32"})
        fid.sort_values(["layer", "head", "layout"]).reset_index(drop=True).to_parquet(out / store.FIDELITY, index=False)
        files.append(store.FIDELITY)
    return files
