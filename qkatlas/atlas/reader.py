"""Read access to a finished atlas (``Atlas``): never writes, imports nothing above ``qkatlas.atlas``.

Why this layout: per-layer ``.npy`` files are memory-mapped, so reading one head touches only
that head's rows. Stored results (head metrics, aggregate maps) are returned only when they
match the atlas; a stale one is a clear error naming ``qkatlas analyze``, never a silent
recompute inside a read (a server request must not start a whole analysis pass).
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path

import numpy as np

from qkatlas.atlas import paths, schema
from qkatlas.attention import AttentionContract, HeadTerms
from qkatlas.errors import AtlasFormatError, InputError, StaleResultError
from qkatlas.normalize import apply_normalization


def read_manifest(path: Path) -> dict:
    """Read and validate a manifest; errors name the folder and what to do."""
    mpath = Path(path) / paths.MANIFEST
    if not mpath.is_file():
        raise AtlasFormatError(f"{path}: not a qkatlas atlas (no {paths.MANIFEST}); build one with `qkatlas build`")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise AtlasFormatError(f"{mpath}: corrupt manifest ({e}); rebuild the atlas with `qkatlas build`") from None
    if not isinstance(manifest, dict) or manifest.get("format") != schema.FORMAT_NAME:
        raise AtlasFormatError(f"{mpath}: not a qkatlas manifest; rebuild with `qkatlas build`")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > schema.FORMAT_VERSION:
        raise AtlasFormatError(
            f"{path}: atlas format version {version} is newer than this qkatlas reads "
            f"({schema.FORMAT_VERSION}); upgrade qkatlas (pip install -U qkatlas)"
        )
    return manifest


class Atlas:
    """A finished atlas. Arrays come back as float32 copies of the stored float16.

    Row ``i`` of every per-head array is token ``i`` of :attr:`tokens`.
    """

    def __init__(self, path: Path, manifest: dict):
        self.path = Path(path)
        self.manifest = manifest
        m = manifest["model"]
        self.n_layers: int = m["n_layers"]
        self.n_heads: int = m["n_heads"]
        self.n_kv_heads: int = m["n_kv_heads"]
        self.d_head: int = m["d_head"]
        self.kv_head_of: list[int] = m["kv_head_of"]
        self.causal: bool = m["causal"]
        self.n_tokens: int = manifest["corpus"]["n_tokens"]
        self.contract = AttentionContract.from_model(m)
        self._mmaps: dict[str, np.ndarray] = {}

    @classmethod
    def open(cls, path: str | os.PathLike) -> "Atlas":
        path = Path(path)
        if not path.is_dir():
            raise InputError(f"{path}: no such atlas folder; build one with `qkatlas build`")
        manifest = read_manifest(path)
        if manifest.get("status") != schema.STATUS_COMPLETE:
            hint = ("run `qkatlas add` on it again to finish the interrupted add"
                    if manifest.get("status") == schema.STATUS_SWAPPING else "re-run `qkatlas build` to finish it")
            raise AtlasFormatError(f"{path}: atlas is incomplete (status {manifest.get('status')!r}); {hint}")
        atlas = cls(path, manifest)
        atlas._check_files()
        return atlas

    def _check_files(self) -> None:
        for name in (paths.TOKENS, paths.SEQUENCES):
            if not (self.path / name).is_file():
                raise AtlasFormatError(f"{self.path}: missing {name}; rebuild the atlas")
        for layer in range(self.n_layers):
            for kind in ("queries", "keys"):
                try:
                    arr = self._layer(kind, layer)
                except (OSError, ValueError) as e:
                    raise AtlasFormatError(f"{self.path / paths.layer_file(kind, layer)}: unreadable ({e}); rebuild the atlas") from None
                n_heads = self.n_heads if kind == "queries" else self.n_kv_heads
                if arr.shape != (n_heads, self.n_tokens, self.d_head):
                    raise AtlasFormatError(
                        f"{self.path / paths.layer_file(kind, layer)}: shape {arr.shape} does not match "
                        f"the manifest {(n_heads, self.n_tokens, self.d_head)}; rebuild the atlas"
                    )

    # ---- structure -------------------------------------------------------------------------
    @property
    def model(self) -> dict:
        return self.manifest["model"]

    @property
    def corpus(self) -> dict:
        return self.manifest["corpus"]

    @property
    def is_image(self) -> bool:
        return self.corpus.get("kind") == "images" or self.model.get("kind") == "vision"

    @property
    def heads(self) -> list[tuple[int, int]]:
        return [(layer, head) for layer in range(self.n_layers) for head in range(self.n_heads)]

    @cached_property
    def tokens(self):
        """Token table (pandas DataFrame), one row per token, in the order of the vector rows."""
        import pandas as pd

        return pd.read_parquet(self.path / paths.TOKENS)

    def token_columns(self, *names: str):
        """Some columns of the token table (pandas DataFrame), read now and not kept: a layout worker
        that needs two columns of a 500k-token atlas holds ~5 MB instead of the whole table's ~70 MB."""
        import pandas as pd

        if "tokens" in self.__dict__:  # already read whole
            return self.tokens[list(names)]
        return pd.read_parquet(self.path / paths.TOKENS, columns=list(names))

    @cached_property
    def sequences(self):
        """One row per sequence: ``seq``, ``start`` (first token row), ``n_tokens``, text/source."""
        import pandas as pd

        return pd.read_parquet(self.path / paths.SEQUENCES)

    @cached_property
    def _starts(self) -> np.ndarray:
        return self.sequences["start"].to_numpy(np.int64)

    @cached_property
    def _lengths(self) -> np.ndarray:
        return self.sequences["n_tokens"].to_numpy(np.int64)

    def check_head(self, layer: int, head: int) -> None:
        if not (0 <= int(layer) < self.n_layers and 0 <= int(head) < self.n_heads):
            raise InputError(
                f"{self.path}: head (layer {layer}, head {head}) out of range; this atlas has "
                f"{self.n_layers} layers x {self.n_heads} heads (0-based)"
            )

    def kv_head(self, head: int) -> int:
        """Key/value head read by query ``head`` (differs from ``head`` under grouped-query attention)."""
        return self.kv_head_of[head]

    def terms(self, layer: int, head: int) -> HeadTerms:
        """The head's attention terms (scale, mask, window, soft-cap, ALiBi slope)."""
        self.check_head(layer, head)
        return self.contract.head(layer, head)

    # ---- vectors ----------------------------------------------------------------------------
    def _layer(self, kind: str, layer: int) -> np.ndarray:
        key = f"{kind}/{layer}"
        if key not in self._mmaps:
            self._mmaps[key] = np.load(self.path / paths.layer_file(kind, layer), mmap_mode="r")
        return self._mmaps[key]

    def layer_array(self, kind: str, layer: int) -> np.ndarray:
        """The memory-mapped float16 array of one layer (queries, keys or value_norms)."""
        if not 0 <= layer < self.n_layers:
            raise InputError(f"{self.path}: layer {layer} out of range; this atlas has {self.n_layers} layers")
        return self._layer(kind, layer)

    def vectors(self, kind: str, layer: int, head: int) -> np.ndarray:
        """One query head's rows of ``kind`` ("queries", or the "keys" / "value_norms" of the key
        head it reads), memory-mapped float16, not copied: for code that reads a chunk at a time
        (a float32 copy of a head is 125 MB at 500k tokens, d 32)."""
        self.check_head(layer, head)
        return self._layer(kind, layer)[head if kind == "queries" else self.kv_head(head)]

    def queries(self, layer: int, head: int, rows=slice(None)) -> np.ndarray:
        """Raw query vectors (n_tokens, d_head), after rotary embedding where the model has one."""
        self.check_head(layer, head)
        return np.asarray(self._layer("queries", layer)[head, rows], dtype=np.float32)

    def keys(self, layer: int, head: int, rows=slice(None)) -> np.ndarray:
        """Raw key vectors (n_tokens, d_head) that query ``head`` reads."""
        self.check_head(layer, head)
        return np.asarray(self._layer("keys", layer)[self.kv_head(head), rows], dtype=np.float32)

    def value_norms(self, layer: int, head: int, rows=slice(None)) -> np.ndarray:
        """||v|| per token (n_tokens,) of the value head that query ``head`` reads."""
        self.check_head(layer, head)
        return np.asarray(self._layer("value_norms", layer)[self.kv_head(head), rows], dtype=np.float32)

    @cached_property
    def _normalization(self) -> dict[str, np.ndarray]:
        with np.load(self.path / paths.NORMALIZATION) as z:
            return {k: z[k] for k in z.files}

    def normalization(self, layer: int, head: int) -> tuple[np.ndarray, float]:
        """(key_shift, scale) of a head: q' = q / scale, k' = scale * k + key_shift."""
        self.check_head(layer, head)
        n = self._normalization
        return n["key_shift"][layer, head], float(n["scale"][layer, head])

    def normalized(self, layer: int, head: int, rows=slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """Queries and keys after key translation and norm scaling (attention unchanged)."""
        shift, scale = self.normalization(layer, head)
        return apply_normalization(self.queries(layer, head, rows), self.keys(layer, head, rows), shift, scale)

    # ---- sequences and attention ----------------------------------------------------------------
    @property
    def n_sequences(self) -> int:
        return int(len(self._starts))

    def sequence_rows(self, seq: int) -> slice:
        """Rows of sequence ``seq`` in every per-head array."""
        if not 0 <= int(seq) < self.n_sequences:
            raise InputError(f"{self.path}: sequence {seq} out of range; this atlas has {self.n_sequences} sequences")
        start = int(self._starts[seq])
        return slice(start, start + int(self._lengths[seq]))

    def token_position(self, row: int) -> tuple[int, int]:
        """(sequence, position) of token row ``row``."""
        if not 0 <= int(row) < self.n_tokens:
            raise InputError(f"{self.path}: token {row} out of range; this atlas has tokens 0..{self.n_tokens - 1}")
        s = int(np.searchsorted(self._starts, row, side="right") - 1)
        return s, int(row - self._starts[s])

    def attention(self, layer: int, head: int, seq: int, query: int | None = None) -> np.ndarray:
        """Attention probabilities of one sequence, from the stored q/k through the attention contract.

        (n, n) for the whole sequence, or (n,) for the query at position ``query`` only (one row:
        what a click needs, without the n x n matrix).
        """
        terms = self.terms(layer, head)
        rows = self.sequence_rows(seq)
        k = self.keys(layer, head, rows)
        if query is None:
            return terms.probabilities(self.queries(layer, head, rows), k)
        n = rows.stop - rows.start
        if not 0 <= int(query) < n:
            raise InputError(f"{self.path}: query position {query} out of range; sequence {seq} has {n} tokens")
        q = self.queries(layer, head, slice(rows.start + int(query), rows.start + int(query) + 1))
        return terms.probabilities(q, k, np.array([int(query)]))[0]

    # ---- layouts ---------------------------------------------------------------------------------
    @property
    def layouts(self) -> list[tuple[str, int]]:
        """Complete layouts as (method, dim), e.g. [("pca", 2), ("tsne", 2), ("umap", 2)]."""
        return [(e["method"], int(e["dim"])) for e in self.manifest.get("layouts", {}).values() if e.get("complete")]

    def layout_heads_done(self, method: str, dim: int) -> list[tuple[int, int]]:
        """Heads whose coordinates of a (possibly incomplete) layout exist on disk."""
        return [(l, h) for l, h in self.heads if (self.path / paths.layout_file(method, dim, l, h)).is_file()]

    def coords(self, layer: int, head: int, method: str, dim: int, partial_ok: bool = False) -> np.ndarray:
        """Layout coordinates (2 * n_tokens, dim): rows 0..n-1 queries, rows n..2n-1 keys.

        ``partial_ok``: also read a head of a layout still being computed, if that head is done.
        """
        self.check_head(layer, head)
        f = self.path / paths.layout_file(method, dim, layer, head)
        if (method, dim) not in self.layouts and not (partial_ok and f.is_file()):
            have = ", ".join(paths.layout_name(m, d) for m, d in self.layouts) or "none"
            raise InputError(
                f"{self.path}: no {paths.layout_name(method, dim)} layout (have: {have}); "
                f"add it with `qkatlas layout {self.path} --layouts {method} --dims {dim}`"
            )
        return np.load(f).astype(np.float32)

    def layout_state(self, method: str, dim: int, layer: int, head: int) -> dict[str, np.ndarray] | None:
        """What a layout method stored to place new points later (e.g. PCA's map), or None."""
        f = self.path / paths.layout_state_file(method, dim, layer, head)
        if not f.is_file():
            return None
        with np.load(f) as z:
            return {k: z[k] for k in z.files}

    def fidelity(self):
        """Layout fidelity and geometry per head (DataFrame: layer, head, layout, fidelity,
        geometry); see FORMAT.md. Tables written before ``geometry`` existed read it as NaN."""
        import pandas as pd

        p = self.path / paths.FIDELITY
        if p.is_file():
            return schema.conform(pd.read_parquet(p), schema.FIDELITY_COLUMNS, paths.FIDELITY,
                                  defaults=schema.FIDELITY_DEFAULTS)
        return pd.DataFrame({c: pd.Series([], dtype=object if t == "str" else t) for c, t in schema.FIDELITY_COLUMNS.items()})

    # ---- stored analysis (written by qkatlas analyze) ---------------------------------------------
    def analysis_stamp(self) -> dict | None:
        """The stamp stored with heads.parquet (None when missing or unreadable)."""
        import pyarrow.parquet as pq

        try:
            meta = pq.read_schema(self.path / paths.HEAD_METRICS).metadata or {}
            return json.loads(meta[schema.ANALYSIS_META_KEY])
        except (OSError, KeyError, ValueError):
            return None

    @property
    def analysis_current(self) -> bool:
        """True when heads.parquet and aggregate.npz exist and describe this atlas as it is now."""
        return self.analysis_stamp() == schema.analysis_stamp(self.manifest) and (self.path / paths.AGGREGATE).is_file()

    def _require_analysis(self) -> None:
        if not self.analysis_current:
            state = "missing" if not (self.path / paths.HEAD_METRICS).is_file() else "out of date"
            raise StaleResultError(f"{self.path}: head analysis is {state}; run `qkatlas analyze {self.path}`")

    def head_metrics(self):
        """One row per head: layer, head, every metric, label, rule, map_x/map_y, fidelity_<layout>,
        geometry_<layout>.

        Fidelity and geometry columns come from ``fidelity.parquet`` when read, so they reflect the
        layouts now (a measure with no value at all, e.g. geometry of an older atlas, has none).
        Raises StaleResultError when the analysis is missing or out of date.
        """
        import pandas as pd

        self._require_analysis()
        df = pd.read_parquet(self.path / paths.HEAD_METRICS)
        fid = self.fidelity()
        for measure in ("fidelity", "geometry"):  # geometry_<layout>: the explorer tints cells by either
            values = fid.dropna(subset=[measure])
            if not len(values):
                continue
            wide = values.pivot_table(index=["layer", "head"], columns="layout", values=measure).add_prefix(f"{measure}_")
            wide.columns.name = None
            df = df.merge(wide.reset_index().astype({"layer": "int32", "head": "int32"}), on=["layer", "head"], how="left")
        return df

    @cached_property
    def _aggregate(self) -> dict[str, np.ndarray]:
        self._require_analysis()
        with np.load(self.path / paths.AGGREGATE) as z:
            arrays = {k: z[k] for k in z.files}
        for a in arrays.values():
            a.setflags(write=False)
        return arrays

    def aggregate(self) -> dict[str, np.ndarray]:
        """The arrays of ``aggregate.npz`` (read-only; see FORMAT.md)."""
        return self._aggregate

    def _analysis_table(self, name: str, what: str, layer: int | None, head: int | None):
        """Rows of a stored per-head table (one head, or all); StaleResultError when missing or stale."""
        import pandas as pd

        self._require_analysis()
        if not (self.path / name).is_file():  # analysed by an older qkatlas that did not store it
            raise StaleResultError(f"{self.path}: {what} missing ({name}); run `qkatlas analyze --force {self.path}`")
        filters = None
        if layer is not None and head is not None:
            self.check_head(layer, head)
            filters = [("layer", "=", int(layer)), ("head", "=", int(head))]
        return pd.read_parquet(self.path / name, filters=filters).reset_index(drop=True)

    def head_sequences(self, layer: int | None = None, head: int | None = None):
        """Each head's top sequences by its label's metric (head_sequences.parquet: layer, head,
        rank, seq, score, label), of one head when given; StaleResultError naming ``qkatlas analyze``."""
        return self._analysis_table(paths.HEAD_SEQUENCES, "top sequences", layer, head).sort_values(
            ["layer", "head", "rank"]).reset_index(drop=True)

    def head_components(self, layer: int | None = None, head: int | None = None):
        """The components of each head's bilinear form (components.parquet: layer, head, component,
        sigma, share, explained), largest first; StaleResultError naming ``qkatlas analyze``."""
        return self._analysis_table(paths.COMPONENTS, "bilinear components", layer, head).sort_values(
            ["layer", "head", "component"]).reset_index(drop=True)

    # ---- images -----------------------------------------------------------------------------------
    @property
    def thumbnails(self) -> np.ndarray | None:
        """Patch thumbnails (n_tokens, t, t, 3) uint8 for image atlases, else None."""
        p = self.path / paths.THUMBNAILS
        return np.load(p, mmap_mode="r") if p.is_file() else None

    def image_path(self, seq: int) -> Path | None:
        """The PNG of sequence ``seq`` as the model saw it (image atlases), or None."""
        self.sequence_rows(seq)
        p = self.path / paths.image_file(seq)
        return p if p.is_file() else None

    def __repr__(self) -> str:
        m = self.model
        return (f"Atlas({str(self.path)!r}, model={m['name']!r}, {self.n_layers}x{self.n_heads} heads, "
                f"{self.n_tokens} tokens)")
