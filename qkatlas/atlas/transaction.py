"""Changing many files of a finished atlas as one step (``qkatlas add``): staging plus a journal.

An atlas is many files, which cannot be replaced in one atomic rename. So a change is first
written whole into ``<atlas>.add.partial/new/`` (the atlas untouched), then a journal
(``swap.json``, listing the staged files) is written, the manifest's status becomes
``add-in-progress`` (readers refuse the atlas from here on), each staged file is renamed into
place, and the new manifest (status ``complete``) is renamed in last. Killed before the
journal: the atlas is as it was; the staging folder is discarded by the next ``begin``. Killed
after: ``finish`` (run by the next ``add``) completes the swap, since every staged file is whole.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from qkatlas.atlas import files, paths, schema
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.errors import InputError

STAGED = "new"
OWNER = ".qkatlas-staging"  # marks a staging folder as ours, so we never delete a stranger's folder


def pending(atlas: Path) -> dict | None:
    """The journal of an interrupted swap of ``atlas`` (None when there is none)."""
    journal = paths.staging_dir(atlas) / paths.JOURNAL
    if not journal.is_file():
        return None
    return json.loads(journal.read_text())


def begin(atlas: Path) -> Path:
    """A fresh staging folder for ``atlas`` (an earlier one, killed before its journal, is discarded)."""
    staging = paths.staging_dir(atlas)
    if staging.exists():
        if not (staging / OWNER).is_file():
            raise InputError(f"{staging}: exists and was not made by qkatlas; move it away (nothing was changed)")
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    (staging / OWNER).write_text("staging folder of `qkatlas add`; safe to delete when no add is running\n")
    return staging


def staged_writer(staging: Path) -> AtlasWriter:
    return AtlasWriter(staging / STAGED)


def commit(atlas: Path, staging: Path, staged_files: list[str], description: dict) -> None:
    """Write the journal, then swap the staged files in (the manifest last)."""
    if not (staging / STAGED / paths.MANIFEST).is_file():
        raise ValueError("commit: the staged change has no manifest")
    files.write_json_atomic(staging / paths.JOURNAL, {**description, "files": staged_files})
    finish(atlas)


def finish(atlas: Path) -> None:
    """Rename every staged file into the atlas, the manifest last (idempotent; resumes a killed swap)."""
    atlas = Path(atlas)
    staging = paths.staging_dir(atlas)
    journal = json.loads((staging / paths.JOURNAL).read_text())
    new = staging / STAGED
    if (atlas / paths.MANIFEST).is_file() and (new / paths.MANIFEST).is_file():
        AtlasWriter(atlas).update_manifest(lambda m: m.update(status=schema.STATUS_SWAPPING))
    for rel in journal["files"]:
        src = new / rel
        if src.is_file():
            (atlas / rel).parent.mkdir(parents=True, exist_ok=True)
            _move(src, atlas / rel)
    src = new / paths.MANIFEST
    if src.is_file():
        _move(src, atlas / paths.MANIFEST)
    files.fsync_dir(atlas)
    shutil.rmtree(staging)


def _move(src: Path, dst: Path) -> None:
    """One atomic rename of the swap (its own function so tests can interrupt the swap)."""
    os.replace(src, dst)
