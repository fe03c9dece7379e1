"""``add``: capture new sequences and place them into an existing atlas's layouts.

Nothing is refitted: the new tokens are normalised with the atlas's original parameters, and
each layout method places them (``LayoutMethod.place``: PCA through its stored map, t-SNE and
UMAP by nearest-neighbour interpolation). Layout files grow from 2n to 2(n + m) rows: queries of
the old tokens, queries of the new ones, keys of the old, keys of the new. New tokens are marked
``added``; fidelity is measured again over all tokens.

The capture uses the atlas's own model (its recorded source, not the name resolved again from
the current folder) and must have the same weights fingerprint: a different checkpoint of the
same shape is refused, never mixed in. Crash safety is ``qkatlas.atlas.transaction``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from qkatlas.atlas import paths, transaction
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.errors import InputError
from qkatlas.layout import methods
from qkatlas.layout.fidelity import SequenceBlocks
from qkatlas.layout.head import ORIGINAL
from qkatlas.normalize import apply_normalization


def add(path, corpus, max_sequences: int | None = None, seed: int = 0, device: str = "cpu", dtype: str = "auto",
        progress: bool = True, log=print) -> dict:
    """Capture ``corpus`` with the atlas's model and add it to the atlas; returns what was added."""
    from qkatlas.capture.run import capture, corpus_spec

    path = Path(path)
    spec = corpus_spec(corpus)
    journal = transaction.pending(path)
    if journal is not None:
        log(f"{path}: finishing an interrupted `add` of {journal['corpus']}")
        transaction.finish(path)
        if journal["corpus"] == spec:
            return {"n_sequences": 0, "n_tokens": 0, "resumed": True}
    atlas = Atlas.open(path)
    incomplete = [e for e in atlas.manifest.get("layouts", {}).values() if not e.get("complete")]
    if incomplete:
        e = incomplete[0]
        raise InputError(f"{path}: layout {paths.layout_name(e['method'], e['dim'])} is incomplete; finish it with "
                         f"`qkatlas layout {path} --layouts {e['method']} --dims {e['dim']}` before adding sequences")
    staging = transaction.begin(path)

    t0 = time.perf_counter()
    m = atlas.manifest
    source = m["model"].get("source") or m["model"]["name"]
    capture(source, corpus, staging / "capture", max_sequences=max_sequences,
            max_length=m.get("settings", {}).get("capture", {}).get("max_length"), device=device,
            dtype=m["model"].get("dtype", dtype) if device == "cpu" else dtype, progress=progress, seed=seed, log=log)
    new = Atlas.open(staging / "capture")
    _check_compatible(atlas, new)
    writer = transaction.staged_writer(staging)
    staged = _stage(atlas, new, writer, spec, progress, time.perf_counter() - t0)
    transaction.commit(path, staging, staged, {"corpus": spec})
    log(f"{path}: added {new.corpus['n_sequences']} sequences ({new.n_tokens} tokens) from {spec}")
    return {"n_sequences": new.corpus["n_sequences"], "n_tokens": new.n_tokens, "resumed": False}


def _check_compatible(atlas: Atlas, new: Atlas) -> None:
    keys = ("n_layers", "n_heads", "n_kv_heads", "d_head", "kind")
    a, b = atlas.model, new.model
    if any(a[k] != b[k] for k in keys):
        raise InputError(f"{atlas.path}: the new capture's model shape differs from the atlas's "
                         f"({ {k: b[k] for k in keys} } vs { {k: a[k] for k in keys} }); add with the same model")
    if a.get("fingerprint") and b.get("fingerprint") != a["fingerprint"]:
        raise InputError(f"{atlas.path}: the model that loaded now ({b['name']}) has other weights than the one the "
                         f"atlas was built with (fingerprint {b.get('fingerprint')} vs {a['fingerprint']}); add with "
                         "the same checkpoint (nothing was changed)")


def _stage(atlas: Atlas, new: Atlas, writer: AtlasWriter, spec: str, progress: bool, capture_seconds: float) -> list[str]:
    """Write every file that changes into the staging folder; return their paths relative to the atlas."""
    import pandas as pd

    staged: list[str] = []
    n_old, n_new = atlas.n_tokens, new.n_tokens
    n_seq_old = atlas.n_sequences

    for layer in range(atlas.n_layers):  # per-layer arrays, one layer at a time, memory-mapped
        for kind in paths.LAYER_KINDS:
            old_arr, new_arr = atlas.layer_array(kind, layer), new.layer_array(kind, layer)
            shape = old_arr.shape[:1] + (n_old + n_new,) + old_arr.shape[2:]
            merged = writer.layer_array(kind, layer, shape, create=True)
            merged[:, :n_old] = old_arr
            merged[:, n_old:] = new_arr
            merged.flush()
            del merged
            staged.append(paths.layer_file(kind, layer))

    new_tokens = new.tokens.copy()
    new_tokens["seq"] = (new_tokens["seq"] + n_seq_old).astype("int32")
    new_tokens["added"] = True
    tokens = pd.concat([atlas.tokens, new_tokens], ignore_index=True)
    tokens["added"] = tokens["added"].fillna(False).astype(bool)
    new_seqs = new.sequences.copy()
    new_seqs["seq"] = new_seqs["seq"] + n_seq_old
    new_seqs["start"] = new_seqs["start"] + n_old
    sequences = pd.concat([atlas.sequences, new_seqs], ignore_index=True)
    writer.write_tables(tokens, sequences, images=atlas.is_image)
    staged += [paths.TOKENS, paths.SEQUENCES]
    if atlas.thumbnails is not None and new.thumbnails is not None:
        writer.write_thumbnails(np.concatenate([atlas.thumbnails, new.thumbnails]))
        staged.append(paths.THUMBNAILS)
        for s in range(len(new_seqs)):
            src = new.image_path(s)
            if src is not None:
                writer.copy_in(src, paths.image_file(s + n_seq_old))
                staged.append(paths.image_file(s + n_seq_old))

    staged += _stage_layouts(atlas, new, writer, sequences, progress)

    m = json.loads(json.dumps(atlas.manifest))
    c = m["corpus"]
    c["n_sequences"], c["n_tokens"] = len(sequences), len(tokens)
    c["n_truncated"] = c.get("n_truncated", 0) + new.corpus.get("n_truncated", 0)
    c["skipped"] = c.get("skipped", []) + new.corpus.get("skipped", [])
    m.setdefault("added", []).append({
        "corpus": spec, "name": new.corpus["name"], "sha256": new.corpus["sha256"],
        "n_sequences": len(new_seqs), "n_tokens": n_new, "first_seq": n_seq_old, "first_row": n_old,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "capture_seconds": round(capture_seconds, 3),
    })
    for entry in m.get("groups", {}).values():  # group layouts are not grown: the next `layout --groups` redoes them
        entry["complete"] = False
    m["status"] = "complete"
    writer.write_manifest(m)
    return staged


def _stage_layouts(atlas: Atlas, new: Atlas, writer: AtlasWriter, sequences, progress: bool) -> list[str]:
    import pandas as pd
    from tqdm.auto import tqdm

    layouts = atlas.layouts
    n_old, n_new = atlas.n_tokens, new.n_tokens
    n = n_old + n_new
    fit_tokens = np.flatnonzero(~atlas.tokens["added"].to_numpy(bool))
    fit_rows = np.concatenate([fit_tokens, n_old + fit_tokens])
    blocks = SequenceBlocks(sequences["start"].to_numpy(), sequences["n_tokens"].to_numpy())
    staged, rows = [], []
    for layer, head in tqdm(atlas.heads, desc="add: place", unit="head", disable=not progress, dynamic_ncols=True):
        terms = atlas.terms(layer, head)
        q_old, k_old = atlas.normalized(layer, head)
        shift, scale = atlas.normalization(layer, head)  # the ORIGINAL parameters, kept
        q_new, k_new = apply_normalization(new.queries(layer, head), new.keys(layer, head), shift, scale)
        x_old, x_new = np.concatenate([q_old, k_old]), np.concatenate([q_new, k_new])
        attended = blocks.top_attended(np.concatenate([atlas.queries(layer, head), new.queries(layer, head)]),
                                       np.concatenate([atlas.keys(layer, head), new.keys(layer, head)]), terms)
        rows.append((layer, head, ORIGINAL, blocks.fidelity(attended, np.concatenate([q_old, q_new]),
                                                            np.concatenate([k_old, k_new]), terms)))
        for method_name, dim in layouts:
            old = atlas.coords(layer, head, method_name, dim)
            placed = methods.get(method_name).place(x_new, x_old[fit_rows], old[fit_rows],
                                                    atlas.layout_state(method_name, dim, layer, head))
            coords = np.concatenate([old[:n_old], placed[:n_new], old[n_old:], placed[n_new:]]).astype(np.float16)
            writer.write_layout(method_name, dim, layer, head, coords)
            staged.append(paths.layout_file(method_name, dim, layer, head))
            rows.append((layer, head, paths.layout_name(method_name, dim), blocks.fidelity(attended, coords[:n], coords[n:], terms)))
    if layouts or (atlas.path / paths.FIDELITY).is_file():
        # geometry is measured on the fitted points, which ``add`` does not move: the old values hold
        old_geometry = atlas.fidelity()[["layer", "head", "layout", "geometry"]]
        fid = pd.DataFrame(rows, columns=["layer", "head", "layout", "fidelity"])
        writer.write_fidelity(fid.astype({"layer": "int32", "head": "int32"}).merge(
            old_geometry, on=["layer", "head", "layout"], how="left"))
        staged.append(paths.FIDELITY)
    return staged
