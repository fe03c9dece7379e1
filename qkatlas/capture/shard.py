"""Distributed capture: the corpus's batches sharded over Ray actors, one model replica each.

Why it is shaped like this:
* the atlas is the same one a local capture writes (``capture.run.capture``): the same batch
  plan (``plan_batches``), the same forward pass and hooks (``run_batches``), the same
  normalisation, tables and manifest (``_finish``), the same ``<out>.partial/`` folder with the
  same ``progress.json`` and the same key, so a build started locally can be resumed
  distributed and the other way round;
* every replica loads the model and prepares the corpus itself (tokenising is cheap and
  deterministic); the driver checks that all replicas see the same corpus and weights, and it
  never loads the model (a driver without a GPU can drive a GPU cluster);
* the driver pre-allocates the per-layer arrays in ``<out>.partial/`` (shared storage: the same
  path on every node), hands out small chunks of batches to whichever replica is free, and is
  the only writer of ``progress.json``: a chunk is recorded as done only after its replica has
  written and fsynced its rows, so a killed build resumes exactly like a local one (a killed
  replica is restarted by Ray and its chunk runs again; rewriting rows is idempotent);
* replicas write their sequences' rows with ``pwrite`` of exact byte ranges rather than through
  a shared memory map: two replicas on two machines may own rows that share a page, and a
  network file system writes back whole dirty pages of a memory map (the last writer would
  erase the other's rows); byte-range writes never touch another replica's bytes;
* one replica per GPU when the cluster has GPUs (``num_gpus=1`` each), else ``cpus_per_actor``
  CPUs and as many torch threads per replica.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from qkatlas.atlas import files, paths
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.capture.run import (
    DEFAULT_MAX_LENGTH, DEFAULT_TOKENS_PER_BATCH, build_key, corpus_spec, existing_atlas, finish, plan_batches,
    remove_partial, run_batches,
)
from qkatlas.capture.writeback import progress_record, resume_state
from qkatlas.errors import InputError, MissingExtraError

MAX_RESTARTS = 2  # a replica whose process dies is restarted (model reloaded) this many times
CHUNKS_PER_REPLICA = 4  # about this many chunks per replica: balance against per-call overhead
MAX_CHUNK_BATCHES = 16  # at most this much work is redone when a replica dies mid-chunk


class RowFile:
    """Writes whole rows (axis 1) of one pre-allocated per-layer ``.npy`` array in place.

    Used by ``run_batches``' writer exactly like the memory map it replaces:
    ``f[:, rows] = values`` (every head, a contiguous range of token rows) and ``f.flush()``.
    Each head's rows are one contiguous byte range, written with ``os.pwrite``.
    """

    def __init__(self, file: Path, shape: tuple[int, ...]):
        with open(file, "rb") as f:
            version = np.lib.format.read_magic(f)
            read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            stored, fortran, dtype = read(f)
            self.offset = f.tell()
        if tuple(stored) != tuple(shape) or fortran or dtype != np.float16:
            raise ValueError(f"{file}: array {stored} {dtype} is not the pre-allocated float16 {shape}")
        self.file, self.shape = Path(file), tuple(shape)
        self.row_bytes = int(np.prod(shape[2:], dtype=np.int64)) * 2
        self.head_bytes = shape[1] * self.row_bytes
        self.fd = os.open(file, os.O_WRONLY)

    def __setitem__(self, key, value) -> None:
        heads, rows = key if isinstance(key, tuple) and len(key) == 2 else (None, None)
        if heads != slice(None) or not isinstance(rows, slice) or rows.step not in (None, 1):
            raise TypeError(f"RowFile supports f[:, start:stop] = values only, not {key!r}")
        start, stop, _ = rows.indices(self.shape[1])
        v = np.asarray(value, np.float16)
        if v.shape != (self.shape[0], stop - start, *self.shape[2:]):
            raise ValueError(f"{self.file}: rows {start}:{stop} need shape {(self.shape[0], stop - start, *self.shape[2:])}, got {v.shape}")
        with files.disk_errors(self.file):
            for h in range(self.shape[0]):
                data = memoryview(np.ascontiguousarray(v[h])).cast("B")
                pos = self.offset + h * self.head_bytes + start * self.row_bytes
                while len(data):
                    n = os.pwrite(self.fd, data, pos)
                    data, pos = data[n:], pos + n

    def flush(self) -> None:
        with files.disk_errors(self.file):
            os.fsync(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def progress_state(key: str, done: set[int]) -> dict:
    """``progress.json`` as a local capture writes it; every batch recorded here is already on disk
    (its replica fsynced its rows before reporting it), so it is both done and flushed."""
    return progress_record(key, done, done)


def layer_shapes(model: dict, n_tokens: int) -> dict[str, tuple[int, ...]]:
    """Per-layer array shapes of each kind, from the model section of a manifest."""
    return {"queries": (model["n_heads"], n_tokens, model["d_head"]),
            "keys": (model["n_kv_heads"], n_tokens, model["d_head"]),
            "value_norms": (model["n_kv_heads"], n_tokens)}


class Replica:
    """One model replica (a Ray actor): loads the model, prepares the corpus, captures chunks of batches."""

    def __init__(self, model: str, corpus, max_sequences, max_length, seed: int, device: str, dtype: str,
                 threads: int, cwd: str | None):
        import torch

        from qkatlas.capture.loader import load_model
        from qkatlas.capture.prepare import prepare
        from qkatlas.corpus import load_corpus

        if cwd and os.path.isdir(cwd):
            os.chdir(cwd)  # relative model and corpus paths mean what they mean on the driver
        torch.set_num_threads(max(1, threads))
        if device == "auto":
            import ray

            device = "cuda" if ray.get_gpu_ids() else "cpu"
        self.device = device
        self.loaded = load_model(model, attn_implementation="sdpa", device=device, dtype=dtype)
        self.prepared = prepare(self.loaded, load_corpus(corpus, max_sequences=max_sequences, seed=seed), max_length)
        self.lengths = self.prepared.sequences["n_tokens"].tolist()
        self.batches: list[list[int]] = []
        self.arrays: dict[str, list[RowFile]] | None = None
        self.scratch = tempfile.mkdtemp(prefix="qkatlas-replica-")  # run_batches' own progress file: unused
        self.batches_done = 0
        self.partial: str | None = None

    def identity(self) -> dict:
        import hashlib

        import ray

        return {"corpus_sha256": self.prepared.corpus_sha256, "fingerprint": self.loaded.fingerprint,
                "lengths": hashlib.sha256(np.asarray(self.lengths, np.int64).tobytes()).hexdigest(),
                "node": ray.get_runtime_context().get_node_id(), "device": self.device}

    def plan(self, model: str, settings: dict, tokens_per_batch: int) -> dict:
        """The batch plan, the build key (as ``capture`` computes them) and what the driver logs and allocates."""
        p, loaded = self.prepared, self.loaded
        self.batches = plan_batches(self.lengths, tokens_per_batch)
        limit = [x for x in (settings.get("max_length"), loaded.max_length) if x]
        return {"key": build_key(model, p, settings, self.batches, loaded), "n_batches": len(self.batches),
                "batch_tokens": [sum(self.lengths[s] for s in b) for b in self.batches],
                "n_tokens": len(p.tokens), "n_sequences": len(p.sequences), "n_truncated": p.n_truncated,
                "limit": min(limit) if limit else None, "skipped": p.skipped or [], "model": loaded.describe()}

    def open(self, partial: str, tokens_per_batch: int, shapes: dict) -> None:
        """Open the pre-allocated arrays of ``partial`` for writing; the same batch plan as every replica."""
        self.close()
        self.batches = plan_batches(self.lengths, tokens_per_batch)
        n_layers = self.loaded.adapter.n_layers
        self.arrays = {kind: [RowFile(Path(partial) / paths.layer_file(kind, layer), tuple(shape)) for layer in range(n_layers)]
                       for kind, shape in shapes.items()}
        self.partial = partial

    def run(self, batch_ids: list[int], key: str, partial: str, tokens_per_batch: int, shapes: dict) -> list[int]:
        """Capture these batches into the shared arrays; returns them once their rows are on disk.

        Self-contained (opens the arrays when needed), so a call retried on a restarted replica works.
        """
        if self.arrays is None or getattr(self, "partial", None) != partial:
            self.open(partial, tokens_per_batch, shapes)
        if not all(0 <= b < len(self.batches) for b in batch_ids):
            raise ValueError(f"batches {batch_ids} are not in this replica's plan of {len(self.batches)} batches")
        done = set(range(len(self.batches))) - set(batch_ids)
        run_batches(self.loaded, self.prepared, self.batches, done, self.arrays, Path(self.scratch), key,
                    self.device, False)
        self.batches_done += len(batch_ids)
        return batch_ids

    def finish(self, partial: str, out: str, settings: dict, spec: str, capture_seconds: float) -> str:
        """Normalisation, tables, manifest and the rename to ``out`` (``capture``'s own last step)."""
        self.close()
        writer = AtlasWriter(Path(partial))
        a = self.loaded.adapter
        arrays = writer.layer_arrays(a.n_layers, layer_shapes(self.loaded.describe(), len(self.prepared.tokens)), create=False)
        finish(Path(partial), Path(out), self.loaded, self.prepared, arrays, {"capture": settings, "dtype": "float16"},
                spec, capture_seconds, writer)
        return out

    def stats(self) -> int:
        return self.batches_done

    def close(self) -> None:
        for kind in (self.arrays or {}).values():
            for f in kind:
                f.close()
        self.arrays = None

    def shutdown(self) -> None:
        self.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def capture_distributed(model: str, corpus, out, n_actors: int | None = None, address: str | None = None, *,
                        max_sequences: int | None = None, max_length: int | None = DEFAULT_MAX_LENGTH,
                        tokens_per_batch: int = DEFAULT_TOKENS_PER_BATCH, device: str = "auto", dtype: str = "auto",
                        cpus_per_actor: int = 1, progress: bool = True, seed: int = 0, log=print) -> Path:
    """Capture ``model`` over ``corpus`` into ``out`` with ``n_actors`` model replicas on Ray.

    ``address``: a Ray cluster (``out`` and relative paths must be on storage every node sees at
    the same path); None starts a private local instance on 127.0.0.1. ``n_actors``: default one
    per GPU of the cluster (``device`` auto or cuda), else one per ``cpus_per_actor`` CPUs.
    ``device``: auto (a GPU when the replica got one), cpu or cuda. Same result, files and resume
    semantics as ``capture.run.capture`` with the same settings.
    """
    try:
        import ray
    except ModuleNotFoundError as e:
        if e.name == "ray":
            raise MissingExtraError("distributed capture needs Ray: pip install 'qkatlas[ray]'") from None
        raise
    from tqdm.auto import tqdm

    from qkatlas.layout.engine.ray import ray_session

    if not isinstance(model, str):
        raise InputError("distributed capture loads the model in every replica: give its name or path, not a loaded model")
    if n_actors is not None and n_actors < 1:
        raise InputError(f"--actors {n_actors}: give at least 1")
    out = Path(out)
    settings = {"max_sequences": max_sequences, "max_length": max_length, "tokens_per_batch": tokens_per_batch, "seed": seed}
    if existing_atlas(out, model, corpus, settings):
        log(f"{out}: already a complete atlas of {model}; nothing to capture")
        return out
    partial = paths.partial_dir(out).resolve()
    spec = corpus_spec(corpus)

    local_cpus = (n_actors or 1) * cpus_per_actor if address is None else None
    with ray_session(address, local_cpus, log) as info:
        want_gpu = device != "cpu" and info["gpus"] > 0
        if device.startswith("cuda") and not want_gpu:
            raise InputError(f"--device {device}: the Ray cluster has no GPU; use --device cpu or auto")
        if n_actors is None:
            n_actors = info["gpus"] if want_gpu else max(1, info["cpus"] // cpus_per_actor)
        replica_device = "auto" if want_gpu else "cpu"
        cls = ray.remote(Replica).options(num_cpus=cpus_per_actor, num_gpus=1 if want_gpu else 0,
                                          max_restarts=MAX_RESTARTS, max_task_retries=MAX_RESTARTS)
        t_load = time.perf_counter()
        actors = [cls.remote(model, corpus, max_sequences, max_length, seed, replica_device, dtype, cpus_per_actor,
                             os.getcwd()) for _ in range(n_actors)]
        try:
            return _drive(ray, actors, model, spec, out, partial, settings, tokens_per_batch, progress, log, tqdm, t_load)
        finally:
            for a in actors:
                try:
                    ray.get(a.shutdown.remote(), timeout=30)
                except Exception:  # noqa: BLE001 - a dead replica has nothing to clean
                    pass
                ray.kill(a)


def _drive(ray, actors, model, spec, out, partial, settings, tokens_per_batch, progress, log, tqdm, t_load) -> Path:
    try:
        ids = ray.get([a.identity.remote() for a in actors])
    except ray.exceptions.RayActorError as e:  # the replica's own error (no model, no corpus) is in the text
        lines = [line.strip() for line in str(e).splitlines() if "Error:" in line]
        raise InputError(f"a capture replica could not start: {lines[-1] if lines else e}") from None
    first = ids[0]
    for i, other in enumerate(ids[1:], 1):
        for what in ("corpus_sha256", "lengths", "fingerprint"):
            if other[what] != first[what]:
                raise InputError(f"replica {i} (node {other['node'][:8]}) sees another {what.replace('_', ' ')} than "
                                 f"replica 0 (node {first['node'][:8]}): every node needs the same model and corpus files")
    plan = ray.get(actors[0].plan.remote(model, settings, tokens_per_batch))
    log(f"capture: {len(actors)} replicas ({first['device']}) ready in {time.perf_counter() - t_load:.1f} s; "
        f"{plan['n_sequences']} sequences, {plan['n_tokens']} tokens in {plan['n_batches']} batches")
    if plan["n_truncated"]:
        log(f"note: {plan['n_truncated']} of {plan['n_sequences']} sequences were longer than {plan['limit']} tokens "
            "and were cut (raise --max-length to keep more)")
    for path, reason in plan["skipped"]:
        log(f"warning: skipped {path}: {reason}")

    key, n_batches = plan["key"], plan["n_batches"]
    shapes = layer_shapes(plan["model"], plan["n_tokens"])
    done = resume_state(partial, key)
    if done is None:
        if partial.exists():
            remove_partial(partial)
        partial.mkdir(parents=True)
        arrays = AtlasWriter(partial).layer_arrays(plan["model"]["n_layers"], shapes, create=True)
        for kind in arrays.values():  # allocated on disk; the replicas write, the driver never holds them
            for arr in kind:
                arr.flush()
            kind.clear()
        done = set()
    elif done:
        log(f"{partial}: resuming ({len(done)} of {n_batches} batches already captured)")
    progress_file = partial / paths.PROGRESS
    files.write_json_atomic(progress_file, progress_state(key, done))

    ray.get([a.open.remote(str(partial), tokens_per_batch, shapes) for a in actors])
    args = (key, str(partial), tokens_per_batch, shapes)
    todo = [i for i in range(n_batches) if i not in done]
    size = max(1, min(MAX_CHUNK_BATCHES, math.ceil(len(todo) / (len(actors) * CHUNKS_PER_REPLICA)))) if todo else 1
    queue = [todo[i : i + size] for i in range(0, len(todo), size)]
    queue.reverse()
    bar = tqdm(total=sum(plan["batch_tokens"][i] for i in todo), unit="tok", desc="capture", disable=not progress,
               dynamic_ncols=True)
    t0 = time.perf_counter()
    running: dict = {}  # ref -> (actor index, chunk)
    alive = list(range(len(actors)))
    try:
        while queue or running:
            for i in list(alive):  # two chunks in flight per replica: it never waits for the driver
                while queue and sum(1 for a, _ in running.values() if a == i) < 2:
                    chunk = queue.pop()
                    running[actors[i].run.remote(chunk, *args)] = (i, chunk)
            ready, _ = ray.wait(list(running), num_returns=1)
            i, chunk = running.pop(ready[0])
            try:
                ray.get(ready[0])
            except ray.exceptions.RayActorError:  # restarted too often: its chunks go to the others
                alive = [a for a in alive if a != i]
                queue.append(chunk)
                for ref, (a, c) in list(running.items()):
                    if a == i:
                        running.pop(ref)
                        queue.append(c)
                if not alive:
                    raise
                log(f"capture: replica {i} lost; {len(alive)} replicas go on")
                continue
            done.update(chunk)
            files.write_json_atomic(progress_file, progress_state(key, done))
            bar.update(sum(plan["batch_tokens"][b] for b in chunk))
    except BaseException:
        for ref in running:
            ray.cancel(ref, force=True)
        raise
    finally:
        bar.close()
    capture_seconds = time.perf_counter() - t0
    share = ray.get([actors[i].stats.remote() for i in alive])
    log(f"capture: {len(todo)} batches in {capture_seconds:.1f} s; batches per replica {share}")
    ray.get(actors[alive[0]].finish.remote(str(partial), str(out.resolve()), settings, spec, capture_seconds))
    return out
