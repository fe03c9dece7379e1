"""Progress records and the background writer of a capture: rows off the model's thread, durably.

Why its own module: the model thread only hands over float16 host tensors; one writer thread
puts them into the pre-allocated per-layer files (``pwrite`` for large row ranges, the memory
map for small ones) and records which batches are done; a flusher makes them durable every
``CHECKPOINT_SECONDS``. Progress has two levels (``done``: in the page cache, enough after a
killed process; ``flushed``: fsynced, enough after a power loss), and ``resume_state`` trusts
``done`` only on the same boot. Local capture (``run``) and distributed capture (``shard``)
share all of it.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from pathlib import Path

import numpy as np

from qkatlas.atlas import files, paths

CHECKPOINT_SECONDS = float(os.environ.get("QKATLAS_CHECKPOINT_SECONDS", "20"))  # 0: after every batch


def boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None


def progress_record(key: str, done, flushed) -> dict:
    return {"key": key, "done": sorted(done), "flushed": sorted(flushed), "boot_id": boot_id(), "owner": "qkatlas"}


def resume_state(partial: Path, key: str) -> set[int] | None:
    """Batches of a partial build that can be trusted (see the module docstring), or None."""
    try:
        state = json.loads((partial / paths.PROGRESS).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("key") != key:
        return None
    same_boot = state.get("boot_id") is not None and state.get("boot_id") == boot_id()
    return set(state.get("done", [])) if same_boot else set(state.get("flushed", state.get("done", [])))


class BatchWriter(threading.Thread):
    """Copies each layer's q/k/v into the per-layer files off the model's thread, and records progress.

    Items: ("layer", layer, seqs, event, q, k, v) with contiguous float16 host tensors (``event``:
    a CUDA event to wait for before reading them, None on CPU); ("batch", i) once every layer of
    batch i was handed over (then all its rows are copied); ("flush",) for a durable checkpoint
    now. One thread copies: on an H200 more copy threads only queued on each other (copy time
    grew with the thread count; 1.5 GB/s with one). A flusher thread writes the files to disk
    every ``CHECKPOINT_SECONDS`` in the background, without stopping the copies or the model.
    After an error nothing more is written or recorded, and the error is raised on the model's
    thread.
    """

    def __init__(self, arrays, starts, lengths, partial: Path, key: str, done: set, queue_size: int):
        super().__init__(daemon=True)
        self.arrays, self.starts, self.lengths = arrays, starts, lengths
        self.rows = {kind: [RowWriter(a) for a in layers] for kind, layers in arrays.items()}
        self.partial, self.key = partial, key
        self.done, self.flushed = done, set(done)
        self.items: queue.Queue = queue.Queue(maxsize=queue_size)
        self.error: BaseException | None = None
        self.lock = threading.Lock()  # done / flushed and the progress file
        self.stats = {"copy_seconds": 0.0, "flush_seconds": 0.0}
        self.stop = threading.Event()
        self.flusher = None
        if CHECKPOINT_SECONDS > 0:
            self.flusher = threading.Thread(target=self._flush_periodically, daemon=True, name="qkatlas-flush")
            self.flusher.start()

    def run(self):
        while True:
            item = self.items.get()
            try:
                if item is None:
                    self.stop.set()
                    if self.flusher is not None:
                        self.flusher.join()
                    for kind in self.rows.values():
                        for rows in kind:
                            rows.close()
                    return
                if self.error is None:
                    with files.disk_errors(self.partial):
                        getattr(self, "_" + item[0])(*item[1:])
            except BaseException as e:  # noqa: BLE001 - re-raised on the main thread
                self.error = e
            finally:
                self.items.task_done()

    def _layer(self, layer, seqs, event, q, k, v):
        if event is not None:
            event.synchronize()
        t0 = time.perf_counter()
        out = (self.rows["queries"][layer], self.rows["keys"][layer], self.rows["value_norms"][layer])
        for t, rows in zip((q, k, v), out):
            x = t.numpy()
            for b, s in enumerate(seqs):
                rows.write(self.starts[s], x[b, :, : self.lengths[s]])
        self.stats["copy_seconds"] += time.perf_counter() - t0

    def _batch(self, i: int):
        with self.lock:
            self.done.add(i)
        if CHECKPOINT_SECONDS <= 0:
            self._flush()
            return
        with self.lock:  # the rows are in the page cache: safe against a killed process, not a power loss
            path = self.partial / paths.PROGRESS
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(progress_record(self.key, self.done, self.flushed)))
            os.replace(tmp, path)

    def _flush(self):
        self._write_back()

    def _write_back(self):
        """Write every copied row to disk, then record the batches they belong to as flushed (fsynced)."""
        with self.lock:
            snapshot = set(self.done)  # their rows are all copied: done is updated after the copies
        t0 = time.perf_counter()
        for kind in self.rows.values():
            for rows in kind:
                rows.flush()
        self.stats["flush_seconds"] += time.perf_counter() - t0
        with self.lock:
            self.flushed |= snapshot
            files.write_json_atomic(self.partial / paths.PROGRESS, progress_record(self.key, self.done, self.flushed))

    def _flush_periodically(self):
        while not self.stop.wait(CHECKPOINT_SECONDS) and self.error is None:
            try:
                with files.disk_errors(self.partial):
                    self._write_back()
            except BaseException as e:  # noqa: BLE001 - raised on the main thread at its next hand-over
                self.error = e

    def put(self, item):
        if self.error is not None:
            raise self.error
        self.items.put(item)

    def join_queue(self):
        self.items.join()
        if self.error is not None:
            raise self.error


class RowWriter:
    """Writes whole token rows of one pre-allocated per-layer array: ``write(start, values)`` puts
    ``values`` (heads, n, ...) at rows start..start+n-1 of every head.

    The rows of one head are one contiguous byte range. Where that range is large (>= 4 KiB) it is
    written with ``pwrite`` rather than through the memory map: no page fault per 4 KiB page,
    2 to 3 times faster; small ranges go through the map (one call for all heads beats one system
    call per head). The map and the writes see the same page cache. Arrays that are not memory
    maps of ``.npy`` files (``shard.RowFile``) are assigned ``array[:, rows] = values``.
    """

    PWRITE_BYTES = 4096

    def __init__(self, array):
        self.array, self.fd = array, -1
        if isinstance(array, np.memmap) and array.filename and array.dtype == np.float16 and array.flags.c_contiguous:
            self.fd = os.open(array.filename, os.O_WRONLY)
            self.offset, self.heads = int(array.offset), array.shape[0]
            self.row_bytes = int(np.prod(array.shape[2:], dtype=np.int64)) * 2
            self.head_bytes = array.shape[1] * self.row_bytes

    def write(self, start: int, values: np.ndarray) -> None:
        n = values.shape[1]
        if self.fd < 0 or n * self.row_bytes < self.PWRITE_BYTES:
            self.array[:, start : start + n] = values
            return
        for h in range(self.heads):
            data = memoryview(np.ascontiguousarray(values[h], np.float16)).cast("B")
            pos = self.offset + h * self.head_bytes + start * self.row_bytes
            while len(data):
                written = os.pwrite(self.fd, data, pos)
                data, pos = data[written:], pos + written

    def flush(self) -> None:
        self.array.flush()  # a memory map: msync (a no-op when everything went through pwrite)
        if self.fd >= 0:
            os.fsync(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
