"""``AtlasWriter``: the one way files get into an atlas folder (capture, layouts, analysis, add).

Why one writer: every file has one owner that knows its name (``paths``), its columns
(``schema``) and how to write it without a torn state (``files``: temporary name, fsync,
rename). Stages call sections of it:

* capture: ``layer_arrays`` (pre-allocated, memory-mapped float16), ``write_tables``,
  ``write_normalization``, ``write_images``, then ``commit_partial`` (manifest last, rename);
* layouts: ``write_layout`` / ``write_layout_state`` per head, ``write_fidelity``;
* analysis: ``write_analysis`` (heads.parquet with its stamp, aggregate.npz, top sequences, components);
* every stage: ``update_manifest``, a read-modify-write under an exclusive lock, so two
  processes (a layout run and an analysis) never lose each other's entries.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from qkatlas.atlas import files, paths, schema
from qkatlas.atlas.reader import read_manifest
from qkatlas.errors import InputError

LOCK = ".lock"


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on an atlas folder (fcntl; a no-op where it is unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+b") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


class AtlasWriter:
    """Writes into ``root``: an atlas being built (``<out>.partial``), an add's staging folder, or
    a finished atlas that gains layouts or analysis."""

    def __init__(self, root: Path):
        self.root = Path(root)

    # ---- manifest --------------------------------------------------------------------------------
    def read_manifest(self) -> dict:
        return read_manifest(self.root)

    def write_manifest(self, manifest: dict) -> None:
        unknown = set(manifest) - set(schema.MANIFEST_KEYS)
        if unknown:
            raise ValueError(f"manifest keys {sorted(unknown)} are not in the schema (qkatlas/atlas/schema.py)")
        with locked(self.root):
            files.write_json_atomic(self.root / paths.MANIFEST, manifest)

    def update_manifest(self, change: Callable[[dict], None]) -> dict:
        """Read the manifest, apply ``change(manifest)`` in place and write it back, under the lock."""
        with locked(self.root):
            manifest = read_manifest(self.root)
            change(manifest)
            files.write_json_atomic(self.root / paths.MANIFEST, manifest)
        return manifest

    # ---- capture ---------------------------------------------------------------------------------
    def layer_arrays(self, n_layers: int, shapes: dict[str, tuple[int, ...]], create: bool) -> dict[str, list[np.ndarray]]:
        """Memory-mapped float16 arrays per kind and layer (created, or reopened to resume)."""
        return {kind: [self.layer_array(kind, layer, shape, create) for layer in range(n_layers)]
                for kind, shape in shapes.items()}

    def layer_array(self, kind: str, layer: int, shape: tuple[int, ...], create: bool) -> np.ndarray:
        """One layer's memory-mapped float16 array of ``kind``.

        Created files get their full size on disk at once (``posix_fallocate``), so a disk that is
        too small fails here with a clear error, not later with SIGBUS inside a memory-mapped write.
        """
        f = self.root / paths.layer_file(kind, layer)
        with files.disk_errors(f):
            f.parent.mkdir(parents=True, exist_ok=True)
            arr = np.lib.format.open_memmap(f, mode="w+" if create else "r+", dtype=np.float16, shape=shape)
            if create and hasattr(os, "posix_fallocate"):
                with open(f, "r+b") as fh:
                    os.posix_fallocate(fh.fileno(), 0, os.path.getsize(f))
        return arr

    def write_tables(self, tokens, sequences, images: bool) -> None:
        """tokens.parquet and sequences.parquet, checked against the schema (extra numeric token
        columns are user metadata and are kept)."""
        tokens = schema.conform(tokens, schema.token_columns(images), paths.TOKENS, extra_ok=True)
        sequences = schema.conform(sequences, schema.sequence_columns(images), paths.SEQUENCES)
        files.write_parquet_atomic(self.root / paths.TOKENS, tokens)
        files.write_parquet_atomic(self.root / paths.SEQUENCES, sequences)

    def write_normalization(self, key_shift: np.ndarray, scale: np.ndarray) -> None:
        files.save_npz_atomic(self.root / paths.NORMALIZATION, key_shift=np.asarray(key_shift, np.float32),
                              scale=np.asarray(scale, np.float32))

    def write_thumbnails(self, thumbnails: np.ndarray) -> None:
        files.save_npy_atomic(self.root / paths.THUMBNAILS, np.asarray(thumbnails, np.uint8))

    def write_image(self, seq: int, image: np.ndarray) -> None:
        """One image (uint8 H x W x 3) as the model saw it."""
        import io

        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(np.asarray(image, np.uint8)).save(buf, format="PNG")
        files.write_bytes_atomic(self.root / paths.image_file(seq), buf.getvalue())

    def copy_in(self, src: Path, rel: str) -> None:
        """Copy a file from elsewhere to ``rel`` (atomically)."""
        files.write_bytes_atomic(self.root / rel, Path(src).read_bytes())

    # ---- layouts ---------------------------------------------------------------------------------
    def write_layout(self, method: str, dim: int, layer: int, head: int, coords: np.ndarray) -> None:
        files.save_npy_atomic(self.root / paths.layout_file(method, dim, layer, head), np.asarray(coords, np.float16))

    def write_layout_state(self, method: str, dim: int, layer: int, head: int, state: dict[str, np.ndarray]) -> None:
        files.save_npz_atomic(self.root / paths.layout_state_file(method, dim, layer, head), **state)

    def remove_layout(self, name: str) -> None:
        shutil.rmtree(self.root / paths.LAYOUTS / name, ignore_errors=True)

    def clean_temporary(self, name: str) -> None:
        """Temporary files of a killed run (a finished file is never temporary)."""
        for tmp in (self.root / paths.LAYOUTS / name).glob("**/.*.tmp"):
            tmp.unlink(missing_ok=True)

    def write_fidelity(self, df) -> None:
        df = schema.conform(df, schema.FIDELITY_COLUMNS, paths.FIDELITY, defaults=schema.FIDELITY_DEFAULTS)
        files.write_parquet_atomic(self.root / paths.FIDELITY, df.sort_values(["layer", "head", "layout"]).reset_index(drop=True))

    # ---- group layouts (grouped-query models) ------------------------------------------------------
    def write_group_layout(self, method: str, dim: int, layer: int, kv_head: int, coords: np.ndarray) -> None:
        files.save_npy_atomic(self.root / paths.group_layout_file(method, dim, layer, kv_head), np.asarray(coords, np.float16))

    def write_group_layout_state(self, method: str, dim: int, layer: int, kv_head: int, state: dict[str, np.ndarray]) -> None:
        files.save_npz_atomic(self.root / paths.group_layout_state_file(method, dim, layer, kv_head), **state)

    def write_group_normalization(self, key_shift: np.ndarray, scale: np.ndarray) -> None:
        files.save_npz_atomic(self.root / paths.GROUP_NORMALIZATION, key_shift=np.asarray(key_shift, np.float32),
                              scale=np.asarray(scale, np.float32))

    def write_group_fidelity(self, df) -> None:
        df = schema.conform(df, schema.FIDELITY_COLUMNS, paths.GROUP_FIDELITY, defaults=schema.FIDELITY_DEFAULTS)
        files.write_parquet_atomic(self.root / paths.GROUP_FIDELITY, df.sort_values(["layer", "head", "layout"]).reset_index(drop=True))

    # ---- analysis --------------------------------------------------------------------------------
    def write_analysis(self, heads, aggregate: dict[str, np.ndarray], seconds: float,
                       sequences=None, components=None) -> None:
        """heads.parquet (stamped with what it describes), aggregate.npz, the manifest entry, and
        (when given) head_sequences.parquet and components.parquet. heads.parquet goes last: its
        stamp is what makes the analysis current, so a crash midway leaves it stale, not torn."""
        manifest = self.read_manifest()
        heads = schema.conform(heads, schema.HEAD_COLUMNS, paths.HEAD_METRICS)
        files.save_npz_atomic(self.root / paths.AGGREGATE, **aggregate)
        for df, columns, name in ((sequences, schema.HEAD_SEQUENCE_COLUMNS, paths.HEAD_SEQUENCES),
                                  (components, schema.COMPONENT_COLUMNS, paths.COMPONENTS)):
            if df is not None:
                df = schema.conform(df, columns, name).sort_values(list(columns)[:3]).reset_index(drop=True)
                files.write_parquet_atomic(self.root / name, df)
        stamp = json.dumps(schema.analysis_stamp(manifest)).encode()
        files.write_parquet_atomic(self.root / paths.HEAD_METRICS, heads, {schema.ANALYSIS_META_KEY: stamp})

        def note(m):
            m["analysis"] = {"heads": paths.HEAD_METRICS, "aggregate": paths.AGGREGATE,
                             "version": schema.ANALYSIS_VERSION, "seconds": round(seconds, 3)}
            if sequences is not None:
                m["analysis"]["sequences"] = paths.HEAD_SEQUENCES
            if components is not None:
                m["analysis"]["components"] = paths.COMPONENTS
            m.setdefault("timings", {})["head_metrics_seconds"] = round(seconds, 3)

        self.update_manifest(note)

    def write_report(self, html: str, out: Path | None = None) -> Path:
        target = Path(out) if out else self.root / paths.REPORT
        files.write_text_atomic(target, html)
        return target


def new_manifest(model: dict, corpus: dict, settings: dict, timings: dict) -> dict:
    """A complete manifest for a freshly captured atlas (layouts and analysis come later)."""
    import importlib.metadata as md

    def version(pkg):
        try:
            return md.version(pkg)
        except md.PackageNotFoundError:
            return None

    return {
        "format": schema.FORMAT_NAME,
        "format_version": schema.FORMAT_VERSION,
        "status": schema.STATUS_COMPLETE,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "model": model,
        "corpus": corpus,
        "settings": settings,
        "normalization": {"file": paths.NORMALIZATION, "method": "key translation + norm scaling (AttentionViz)"},
        "timings": timings,
        "versions": {p: version(p) for p in ("qkatlas", "torch", "transformers", "numpy", "pyarrow")},
        "layouts": {},
    }


def commit_partial(partial: Path, out: Path, manifest: dict) -> None:
    """Write the manifest last, then rename ``partial`` to ``out``: only now does the atlas exist."""
    AtlasWriter(partial).write_manifest(manifest)
    (partial / paths.PROGRESS).unlink(missing_ok=True)
    (partial / LOCK).unlink(missing_ok=True)
    if out.exists():
        if any(out.iterdir()):
            raise InputError(f"--out {out}: appeared and is not empty while building; the finished atlas is in {partial}")
        out.rmdir()  # an empty folder the user made for us
    os.replace(partial, out)
    files.fsync_dir(out.parent)
