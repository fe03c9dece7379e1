"""Grouped-query layouts: one joint layout per KEY head, its keys with the queries of every query
head that reads them (grouped-query attention: Llama-3, Mistral, SmolLM2, ...).

Why: under GQA, the query heads of a group attend over the very same keys. Per-head layouts
normalise each query head on its own (its own scale and key shift), so the group's keys land in
a different place in each; one layout per key head shows the group's query heads side by side
over one shared key cloud.

Normalisation per group (attention unchanged for every query head of the group), for key head
``g`` of layer ``l`` with query heads ``H(g) = {h : kv_head_of[h] == g}``:

* one scale ``c = sqrt(mean ||q|| / mean ||k||)``, the query mean pooled over every query of
  every head in ``H(g)``: ``q' = q / c`` and ``k~ = c k`` keep every ``q . k``;
* one shift for all keys, ``shift = mean(Q'_all) - mean(K~)`` (``Q'_all``: the scaled queries of
  every head of the group): ``k' = k~ + shift`` adds ``q' . shift`` to every logit of a query,
  a constant per query, which softmax ignores. The centre of the key cloud meets the centre of
  all the group's queries together.

This module holds one group's job (``run_group``, run by the engines like ``head.run``), the
normalisation and the file names; ``qkatlas.layout.run.compute_group_layouts`` runs all groups
(resumable, manifest, fidelity table) and ``compute_layouts(..., groups=True)`` calls it.
Everything else is as for per-head layouts (``head.run``): the same methods through the same
engines, the same alignment (queries of the whole group against the keys), a seeded fit sample
with the rest placed, fidelity per query head on all points. The fit sample is sized so that a
group's fit has as many points as a head's (2 x ``fit_sample``).

On disk (see ``format_text()``; the paths below belong in ``qkatlas.atlas.paths``)::

    groups/normalization.npz                           key_shift (L, n_kv_heads, d), scale (L, n_kv_heads)
    groups/{method}-{dim}d/L{layer:03d}K{kv:03d}.npy   float16 ((g + 1) * n_tokens, dim)
    groups/{method}-{dim}d/maps/L{layer:03d}K{kv:03d}.npz   state (PCA map)
    groups/fidelity.parquet                            layer, head (query head), layout, fidelity
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qkatlas.atlas import paths, schema
from qkatlas.atlas.paths import (  # the format owner's names, re-exported for callers
    GROUP_FIDELITY, GROUP_NORMALIZATION, GROUPS, group_layout_file, group_layout_pattern, group_layout_state_file,
)
from qkatlas.atlas.points import Points
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.layout import methods as registry
from qkatlas.layout.head import ORIGINAL, HeadJob, HeadResult, context, lay_out
from qkatlas.normalize import normalize_keys, normalize_queries

MANIFEST_KEY = "groups"


def group_layout_name(method: str, dim: int) -> str:
    return paths.layout_name(method, dim)


# ---- the groups of a model ------------------------------------------------------------------------
def query_heads(kv_head_of, kv_head: int) -> list[int]:
    """Query heads that read key head ``kv_head``, ascending (the order of their rows in a layout)."""
    return [h for h, g in enumerate(kv_head_of) if g == kv_head]


def group_fit_sample(fit_sample: int | None, group_size: int) -> int | None:
    """Tokens a group's fit sees: as many points as a head's fit (2 x fit_sample), at least 100 tokens."""
    if fit_sample is None:
        return None
    return max(100, 2 * fit_sample // (group_size + 1))


# ---- normalisation -----------------------------------------------------------------------------------
def group_normalization(queries: list[np.ndarray], keys: np.ndarray) -> tuple[np.ndarray, float]:
    """(key_shift, scale) of one group from the raw queries of each of its heads and its raw keys."""
    k = np.asarray(keys, np.float32)
    q_norm = float(np.mean([np.linalg.norm(np.asarray(q, np.float32), axis=1).mean(dtype=np.float64) for q in queries]))
    k_norm = float(np.linalg.norm(k, axis=1).mean(dtype=np.float64))
    scale = float(np.sqrt(q_norm / k_norm)) if q_norm > 0 and k_norm > 0 else 1.0
    q_mean = np.mean([np.asarray(q, np.float32).mean(axis=0, dtype=np.float64) for q in queries], axis=0)
    shift = q_mean / scale - scale * k.mean(axis=0, dtype=np.float64)
    return shift.astype(np.float32), scale


def apply_group_normalization(queries: list[np.ndarray], keys: np.ndarray, shift: np.ndarray,
                              scale: float) -> tuple[list[np.ndarray], np.ndarray]:
    """([q / c per head], c k + shift): the group's normalised vectors."""
    return ([normalize_queries(np.asarray(q, np.float32), scale) for q in queries],
            normalize_keys(np.asarray(keys, np.float32), shift, scale))


def compute_group_normalization(atlas: Atlas, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """key_shift (L, n_kv, d) and scale (L, n_kv) of every group, from the token ``rows``
    (the atlas's own tokens: added ones keep the original parameters, as for heads).
    Memory: one group's vectors at a time."""
    shift = np.zeros((atlas.n_layers, atlas.n_kv_heads, atlas.d_head), np.float32)
    scale = np.ones((atlas.n_layers, atlas.n_kv_heads), np.float32)
    all_rows = len(rows) == atlas.n_tokens
    for layer in range(atlas.n_layers):
        ql, kl = atlas.layer_array("queries", layer), atlas.layer_array("keys", layer)
        for g in range(atlas.n_kv_heads):
            take = (lambda a: a) if all_rows else (lambda a: a[rows])
            qs = [take(np.asarray(ql[h], np.float32)) for h in query_heads(atlas.kv_head_of, g)]
            shift[layer, g], scale[layer, g] = group_normalization(qs, take(np.asarray(kl[g], np.float32)))
    return shift, scale


_norm_cache: dict[tuple, dict[str, np.ndarray]] = {}


def _load_normalization(path: Path) -> dict[str, np.ndarray]:
    f = Path(path) / GROUP_NORMALIZATION
    st = f.stat()
    key = (str(f), st.st_mtime_ns, st.st_size)
    if key not in _norm_cache:
        _norm_cache.clear()
        with np.load(f) as z:
            _norm_cache[key] = {k: z[k] for k in z.files}
    return _norm_cache[key]


# ---- one group: one engine job ------------------------------------------------------------------------
def run_group(job: HeadJob) -> HeadResult:
    """Every requested layout of one group (``job.head`` = key head), its files and fidelity."""
    ctx = context(job.path, job.fit_sample, job.seed)
    atlas, layer, kv = ctx.atlas, job.layer, job.head
    heads = query_heads(atlas.kv_head_of, kv)
    g = len(heads)
    res = HeadResult(layer, kv, kind="group")
    norm = _load_normalization(atlas.path)
    shift, scale = norm["key_shift"][layer, kv], float(norm["scale"][layer, kv])
    raw_k = atlas.layer_array("keys", layer)[kv]  # memory-mapped: read a chunk at a time
    raw_q = [atlas.vectors("queries", layer, h) for h in heads]
    x = Points(raw_q, raw_k, shift, scale)  # G blocks of queries, then the keys
    n = x.n
    fit_rows = np.concatenate([r * n + ctx.fit_tokens for r in range(g + 1)])
    new_rows = np.concatenate([r * n + ctx.place_tokens for r in range(g + 1)])
    inputs = registry.HeadInputs(x[fit_rows], seed=job.seed, seconds=res.seconds)
    fit_positions = np.tile(ctx.positions[ctx.fit_tokens], g)
    n_fit_queries = g * len(ctx.fit_tokens)

    computed: dict[str, np.ndarray] = {}
    for method_name, dim, coords, state in lay_out(inputs, x, fit_rows, new_rows, job.layouts, n_fit_queries,
                                                   fit_positions, job.align, job.seed, res.seconds):
        if state is not None:  # before the coordinates, as for heads
            AtlasWriter(atlas.path).write_group_layout_state(method_name, dim, layer, kv, state)
        coords16 = coords.astype(np.float16)
        AtlasWriter(atlas.path).write_group_layout(method_name, dim, layer, kv, coords16)
        computed[group_layout_name(method_name, dim)] = coords16

    if job.fidelity:
        for i, h in enumerate(heads):
            terms = atlas.terms(layer, h)
            attended = ctx.blocks.top_attended(raw_q[i], raw_k, terms)
            out = res.query_fidelity.setdefault(h, {})
            for name in job.fidelity:
                if name == ORIGINAL:
                    yq, yk = x.block(i), x.keys
                else:
                    y = computed.get(name)
                    if y is None:
                        y = np.load(atlas.path / group_layout_file(*paths.parse_layout_name(name), layer, kv))
                    yq, yk = y[i * n : (i + 1) * n], y[g * n :]
                out[name] = ctx.blocks.fidelity(attended, yq, yk, terms)
    return res


def read_group_fidelity(path):
    import pandas as pd

    f = Path(path) / GROUP_FIDELITY
    if f.is_file():
        return schema.conform(pd.read_parquet(f), schema.FIDELITY_COLUMNS, GROUP_FIDELITY, defaults=schema.FIDELITY_DEFAULTS)
    return pd.DataFrame({c: pd.Series([], dtype=object if t == "str" else t) for c, t in schema.FIDELITY_COLUMNS.items()})


def write_group_fidelity(path, df) -> None:
    df = schema.conform(df, schema.FIDELITY_COLUMNS, GROUP_FIDELITY, defaults=schema.FIDELITY_DEFAULTS)
    AtlasWriter(Path(path)).write_group_fidelity(df)


def merge_group_fidelity(fid, results):
    import pandas as pd

    rows = [(r.layer, h, name, v) for r in results for h, d in r.query_fidelity.items() for name, v in d.items()]
    if not rows:
        return fid
    new = pd.DataFrame(rows, columns=["layer", "head", "layout", "fidelity"]).assign(**schema.FIDELITY_DEFAULTS)
    out = pd.concat([fid, new]).drop_duplicates(["layer", "head", "layout"], keep="last")
    out = out.astype({"layer": "int32", "head": "int32", "fidelity": "float64", "geometry": "float64"})
    return out.sort_values(["layer", "head", "layout"]).reset_index(drop=True)


def group_coords(atlas: Atlas, method: str, dim: int, layer: int, kv_head: int) -> dict[str, np.ndarray]:
    """A group layout split by role: {"queries": {query head: (n, dim)}, "keys": (n, dim)} (for readers)."""
    y = np.load(atlas.path / group_layout_file(method, dim, layer, kv_head)).astype(np.float32)
    heads = query_heads(atlas.kv_head_of, kv_head)
    n = atlas.n_tokens
    return {"queries": {h: y[i * n : (i + 1) * n] for i, h in enumerate(heads)}, "keys": y[len(heads) * n :]}
