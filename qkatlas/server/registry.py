"""The served atlases: discovery, ids, and a fresh read of each atlas whenever its manifest changes.

Why snapshots: an atlas changes on disk while it is served (``qkatlas layout`` finishing a layout,
``qkatlas analyze``, ``qkatlas add`` swapping files). Each request works on one ``Snapshot``, an
``Atlas`` opened at one manifest version, and everything derived from it (sequence index,
memoised tables, cache keys) belongs to that version. Checking costs one ``stat`` of the manifest
per request; a changed manifest means a new snapshot. While ``qkatlas add`` swaps files (manifest
status ``add-in-progress``) requests are answered 503 with a clear message; a request during
which the manifest changed is answered 503 as well (it may have read half-swapped files), never
500. Every writer in qkatlas changes the manifest *before* it replaces or deletes data files,
which is what makes the check after each request sufficient.

The server never writes: atlases are opened read-only and nothing here creates files.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from qkatlas.atlas import paths, schema
from qkatlas.atlas.reader import Atlas, read_manifest
from qkatlas.errors import AtlasFormatError, InputError
from qkatlas.server.errors import AtlasChanged, missing, unavailable

RESCAN_SECONDS = 1.0  # a watched folder is listed at most this often (besides /api/atlases)
_generation = itertools.count(1)


def _stamp(manifest: Path) -> tuple[int, int, int]:
    st = os.stat(manifest)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Snapshot:
    """One version of one atlas: the opened ``Atlas`` and what the server derives from it."""

    # what an Atlas reads once and keeps; still valid after a compatible change (same data files)
    CARRIED = ("tokens", "sequences", "_starts", "_lengths", "_normalization")

    def __init__(self, atlas_id: str, atlas: Atlas, stamp: tuple[int, int, int], previous: "Snapshot | None" = None):
        self.id = atlas_id
        self.atlas = atlas
        self.stamp = stamp
        if previous is not None and compatible(previous.atlas.manifest, atlas.manifest):
            # only additions (a layout registered or finished, timings): what was read and
            # encoded from the previous version stays valid, and so do its cache entries
            for name in self.CARRIED:
                if name in previous.atlas.__dict__:
                    atlas.__dict__[name] = previous.atlas.__dict__[name]
            self.generation = previous.generation
            self._memo = previous._memo
        else:
            self.generation = next(_generation)  # part of every cache key of this version
            self._memo = {}
        seqs = atlas.sequences
        self.starts = seqs["start"].to_numpy(np.int64)
        self.lengths = seqs["n_tokens"].to_numpy(np.int64)
        self.n_sequences = int(len(seqs))
        self._lock = threading.Lock()

    def memo(self, key, make: Callable[[], Any]) -> Any:
        """``make()`` once per snapshot (failures are not remembered)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = make()
        with self._lock:
            return self._memo.setdefault(key, value)


class Entry:
    """One served atlas folder under a stable id; its current snapshot follows the manifest."""

    def __init__(self, atlas_id: str, path: Path, watched: bool):
        self.id = atlas_id
        self.path = Path(path)
        self.watched = watched  # found in a served parent folder (dropped when it disappears)
        self._snap: Snapshot | None = None
        self._lock = threading.Lock()

    @property
    def last(self) -> Snapshot | None:
        """The last snapshot that opened, whatever the atlas is doing now."""
        return self._snap

    def snapshot(self) -> Snapshot:
        """The atlas as it is now (re-read when its manifest changed); 503 while it is being changed."""
        manifest = self.path / paths.MANIFEST
        try:
            stamp = _stamp(manifest)
        except FileNotFoundError:
            raise missing(f"atlas {self.id!r} is no longer in its folder (moved or deleted)") from None
        except OSError as e:
            raise unavailable(f"atlas {self.id!r} cannot be read right now ({e.strerror or type(e).__name__})", 2) from None
        snap = self._snap
        if snap is not None and snap.stamp == stamp:
            return snap
        with self._lock:
            snap = self._snap
            if snap is not None and snap.stamp == stamp:
                return snap
            snap = self._open(stamp, self._snap)
            self._snap = snap
            return snap

    def _open(self, stamp: tuple[int, int, int], previous: Snapshot | None) -> Snapshot:
        try:
            manifest = read_manifest(self.path)
        except AtlasFormatError:
            raise unavailable(f"atlas {self.id!r}: its manifest cannot be read right now; try again", 2) from None
        status = manifest.get("status")
        if status == schema.STATUS_SWAPPING:
            raise unavailable(
                f"atlas {self.id!r} is being updated by `qkatlas add` (new sequences are being swapped in); "
                "try again in a moment", 2)
        if status != schema.STATUS_COMPLETE:
            raise unavailable(f"atlas {self.id!r} is not complete (status {status!r}); try again when its build has finished", 5)
        try:
            atlas = Atlas.open(self.path)
            snap = Snapshot(self.id, atlas, stamp, previous)
        except (AtlasFormatError, OSError, ValueError, KeyError) as e:
            raise unavailable(f"atlas {self.id!r} cannot be read right now ({type(e).__name__}); it may be changing: try again", 2) from None
        try:
            same = _stamp(self.path / paths.MANIFEST) == stamp
        except OSError:
            same = False
        if not same:
            raise AtlasChanged(self.id)
        return snap

    def check(self, snap: Snapshot) -> None:
        """AtlasChanged (503) when the atlas changed since ``snap`` in a way that can make what was
        read from it inconsistent. Additions (a layout registered or finished, timings, analysis
        notes) are not: every file ``snap`` could read is still the same."""
        try:
            if _stamp(self.path / paths.MANIFEST) == snap.stamp:
                return
            if compatible(snap.atlas.manifest, read_manifest(self.path)):
                return
        except (OSError, AtlasFormatError):
            pass
        raise AtlasChanged(self.id)


def compatible(old: dict, new: dict) -> bool:
    """True when every data file that ``old`` describes is unchanged under ``new``: same status,
    model, corpus, normalisation and additions, and every complete layout still complete with the
    same settings (a layout recomputed with other settings deletes its files first)."""
    if new.get("status") != schema.STATUS_COMPLETE:
        return False
    for key in ("format_version", "model", "corpus", "normalization", "added", "settings"):
        if old.get(key) != new.get(key):
            return False
    new_layouts = new.get("layouts", {})
    for name, entry in old.get("layouts", {}).items():
        if entry.get("complete"):
            now = new_layouts.get(name)
            if not now or not now.get("complete") or now.get("params") != entry.get("params"):
                return False
    return True


def _unique_id(name: str, taken) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "atlas"
    out, i = base, 2
    while out in taken:
        out, i = f"{base}-{i}", i + 1
    return out


def _is_candidate(d: Path) -> bool:
    """A sub-folder that may be an atlas (has a manifest; not a build's or an add's working folder)."""
    name = d.name
    if name.startswith(".") or name.endswith(paths.PARTIAL_SUFFIX) or name.endswith(paths.ADD_SUFFIX):
        return False
    return d.is_dir() and (d / paths.MANIFEST).is_file()


class Registry:
    """The atlases served from ``paths``: each path is an atlas folder or a folder of atlases.

    Folders of atlases are watched: atlases that appear in them later are discovered (on
    ``/api/atlases`` and on a request for an unknown id), and ones that disappear are dropped.
    """

    def __init__(self, paths_: list[Path]):
        self.entries: dict[str, Entry] = {}
        self.watched: list[Path] = []
        self._by_path: dict[Path, str] = {}
        self._lock = threading.Lock()
        self._scanned = 0.0
        for p in [Path(p) for p in paths_]:
            if not p.is_dir():
                raise InputError(f"{p}: no such folder; pass atlas folders built with `qkatlas build`")
            if (p / paths.MANIFEST).is_file():
                Atlas.open(p)  # a served atlas folder must open at start: its error says why not
                self._add(p, watched=False)
                continue
            subs = sorted(d for d in p.iterdir() if _is_candidate(d))
            if not subs:
                raise InputError(f"{p}: not a qkatlas atlas and holds none; build one with `qkatlas build`")
            self.watched.append(p)
        self.rescan(force=True)

    # ---- discovery -------------------------------------------------------------------------------
    def _add(self, path: Path, watched: bool) -> Entry:
        aid = _unique_id(path.name, self.entries)
        entry = Entry(aid, path, watched)
        self.entries[aid] = entry
        self._by_path[path.resolve()] = aid
        return entry

    def rescan(self, force: bool = False) -> None:
        """Pick up atlases that appeared in watched folders, drop the ones that went away."""
        now = time.monotonic()
        if not self.watched or (not force and now - self._scanned < RESCAN_SECONDS):
            return
        with self._lock:
            self._scanned = now
            for folder in self.watched:
                try:
                    subs = sorted(d for d in folder.iterdir() if _is_candidate(d))
                except OSError:
                    continue
                for d in subs:
                    if d.resolve() not in self._by_path:
                        entry = self._add(d, watched=True)
                        try:
                            entry.snapshot()
                        except Exception:  # not complete yet: try again on a later scan
                            del self.entries[entry.id], self._by_path[d.resolve()]
            for aid, entry in list(self.entries.items()):
                if entry.watched and not (entry.path / paths.MANIFEST).is_file():
                    del self.entries[aid]
                    self._by_path.pop(entry.path.resolve(), None)

    def roots(self) -> list[Path]:
        """Every served folder (for removing paths from messages)."""
        return [*self.watched, *(e.path for e in list(self.entries.values()))]

    # ---- lookups ---------------------------------------------------------------------------------
    def entry(self, atlas_id: str) -> Entry:
        entry = self.entries.get(atlas_id)
        if entry is None:
            self.rescan()
            entry = self.entries.get(atlas_id)
        if entry is None:
            shown = atlas_id if len(atlas_id) <= 80 else atlas_id[:80] + "..."
            raise missing(f"unknown atlas {shown!r}; served: {', '.join(self.entries) or 'none'}")
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self.entries.values()))
