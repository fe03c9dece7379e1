"""Token table, sequences, the sample, layout coordinates and norms (bounded, cached)."""

from __future__ import annotations

import numpy as np

from qkatlas.atlas import paths
from qkatlas.server import wire
from qkatlas.server.errors import bad, missing
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase, _heads_done, _hint_layer, columns, dumps, public


class ArraysPart(ServiceBase):
    def sample_message(self, snap: Snapshot, size: int) -> bytes:
        rows = self.sample_rows(snap, size)
        if rows is None:
            rows = np.arange(snap.atlas.n_tokens, dtype=np.uint32)
        self.limits.check(4 * len(rows), f"a sample of {len(rows)} token rows", "ask for a smaller size")
        return wire.pack({"rows": rows}, {"size": int(len(rows)), "n_tokens": snap.atlas.n_tokens})

    # ---- tokens and sequences ----------------------------------------------------------------------
    def tokens_message(self, snap: Snapshot, names: list[str] | None = None) -> bytes:
        df = snap.atlas.tokens
        if names:
            unknown = [c for c in names if c not in df.columns]
            if unknown:
                raise bad(f"columns {unknown}: not in the token table (have: {', '.join(map(str, df.columns))})")
        chosen = [str(c) for c in df.columns if not names or str(c) in names]
        est = len(df) * sum(4 if df[c].dtype.kind in "OSUf" else df[c].dtype.itemsize for c in chosen)
        self.limits.check(est, f"the token table ({len(df)} tokens x {len(chosen)} columns)",
                          "ask for fewer columns (columns=token,seq,pos)")

        def make() -> bytes:
            arrays, cols, strings = {}, [], {}
            for name in chosen:
                col = df[name]
                kind = col.dtype.kind
                if kind == "b":
                    arrays[name] = col.to_numpy(np.uint8)
                    cols.append({"name": name, "kind": "bool"})
                elif kind in "iu":
                    v = col.to_numpy()
                    arrays[name] = v.astype(wire.smallest_int_dtype(v))
                    cols.append({"name": name, "kind": "int"})
                elif kind == "f":
                    arrays[name] = col.to_numpy(np.float32)
                    cols.append({"name": name, "kind": "float"})
                else:
                    uniq, codes = np.unique(col.astype(str).to_numpy(), return_inverse=True)
                    if len(uniq) > 1 << 24:
                        continue
                    arrays[name] = codes.astype(np.uint16 if len(uniq) < 65536 else np.uint32)
                    strings[name] = uniq.tolist()
                    cols.append({"name": name, "kind": "category"})
            return wire.pack(arrays, {"n": int(len(df)), "columns": cols, "strings": strings})

        body = self._cached(snap, ("tokens", tuple(chosen)), make)
        self.limits.check(len(body), "the token table", "ask for fewer columns (columns=token,seq,pos)")
        return body

    def sequences_json(self, snap: Snapshot, offset: int = 0, limit: int | None = None) -> bytes:
        seqs = snap.atlas.sequences
        n = len(seqs)
        if offset > n:
            raise bad(f"offset {offset} out of range: atlas {snap.id!r} has {n} sequences")
        stop = n if limit is None else min(n, offset + limit)

        def make() -> bytes:
            df = seqs.iloc[offset:stop]
            out = columns(df)
            if "source" in out["data"]:
                out["data"]["source"] = [public(v) for v in out["data"]["source"]]
            if offset or stop < n:
                out["offset"], out["total"] = offset, n
            return dumps(out)

        body = self._cached(snap, ("sequences", offset, stop), make)
        self.limits.check(len(body), f"sequences {offset}..{stop - 1}", "ask for a range of rows (offset=0&limit=1000)")
        return body

    # ---- coordinates ---------------------------------------------------------------------------------
    def layout_message(self, snap: Snapshot, name: str, layer: int | None, head: int | None,
                       sample: int | None, partial: bool = False) -> bytes:
        """Coordinates of the heads asked for. A layout still being computed answers 404 for a head
        that is not done yet; with ``partial`` it answers the heads that are done (``meta.heads``
        lists them, possibly none) so an explorer can show a layout while it grows."""
        a = snap.atlas
        method, dim, complete = self.resolve_layout(snap, name)
        heads = self.heads(snap, layer, head)
        rows = self.sample_rows(snap, sample)
        n = a.n_tokens
        m = n if rows is None else len(rows)
        self.limits.check(len(heads) * 2 * m * dim * 2, f"layout {name} of {len(heads)} heads x {2 * m} points",
                          _hint_layer())
        done: tuple | str = "all"  # part of the cache key: which heads a partial answer holds
        if not complete:
            todo = [(l, h) for l, h in heads if not (a.path / paths.layout_file(method, dim, l, h)).is_file()]
            if todo and partial:
                skip = set(todo)
                heads = [lh for lh in heads if lh not in skip]
                done = tuple(heads)
            elif todo:
                total = a.n_layers * a.n_heads
                raise missing(f"layout {name} of atlas {snap.id!r} is still being computed "
                              f"({_heads_done(snap, method, dim)} of {total} heads done; layer {todo[0][0]} head "
                              f"{todo[0][1]} not yet): ask for a head that is done, ask with partial=true, or wait")

        def make() -> bytes:
            q = np.empty((len(heads), 2 * m, dim), np.uint16)
            bounds = np.empty((len(heads), dim, 2), np.float32)
            for i, (l, h) in enumerate(heads):
                c = a.coords(l, h, method, dim, partial_ok=not complete)
                if c.shape != (2 * n, dim):
                    raise ValueError(f"layout file of head {l},{h} has shape {c.shape}, expected {(2 * n, dim)}")
                if rows is not None:
                    c = np.concatenate([c[rows], c[n + rows.astype(np.int64)]])
                q[i], bounds[i] = wire.quantize(c)
            meta = {"layout": name, "method": method, "dim": dim, "n_tokens": n, "n_per_role": m,
                    "sample": None if rows is None else m, "heads": heads, "quant": "uint16", "complete": complete}
            return wire.pack({"coords": q, "bounds": bounds}, meta)

        settings = repr(a.manifest.get("layouts", {}).get(name, {}).get("params"))  # a recomputed layout: new key
        return self._cached(snap, ("layout", name, complete, settings, layer, head, m, done), make)

    def norms_message(self, snap: Snapshot, layer: int | None, head: int | None, sample: int | None) -> bytes:
        a = snap.atlas
        heads = self.heads(snap, layer, head)
        rows = self.sample_rows(snap, sample)
        n = a.n_tokens
        m = n if rows is None else len(rows)
        self.limits.check(len(heads) * 2 * m, f"norms of {len(heads)} heads x {2 * m} points", _hint_layer())

        def make() -> bytes:
            out = np.empty((len(heads), 2 * m), np.uint8)
            top = np.empty(len(heads), np.float32)
            for i, (l, h) in enumerate(heads):
                qn, kn = a.normalized(l, h)
                v = np.concatenate([np.linalg.norm(qn, axis=1), np.linalg.norm(kn, axis=1)])
                if rows is not None:
                    v = np.concatenate([v[rows], v[n + rows.astype(np.int64)]])
                top[i] = float(v.max()) if v.size and v.max() > 0 else 1.0
                out[i] = np.clip(np.rint(v / top[i] * 255), 0, 255).astype(np.uint8)
            return wire.pack({"norms": out, "max": top}, {"heads": heads, "n_per_role": m, "quant": "uint8 of max"})

        return self._cached(snap, ("norms", layer, head, m), make)

