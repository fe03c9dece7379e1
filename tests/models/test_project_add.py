"""`qkatlas add`: new sequences appended and placed without refitting; crash-safe swap."""

from __future__ import annotations

import os

import numpy as np
import pytest

from support.tiny import SENTENCES, copy_atlas, corpus_file, laid_out
from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas
from qkatlas.atlas.writer import AtlasWriter
from qkatlas.errors import AtlasFormatError, InputError
from qkatlas.atlas import transaction as add_module
from qkatlas.layout import methods
from qkatlas.pipeline.add import add as add_sequences
from qkatlas.layout.place import K_PLACE

NEW = [SENTENCES[0], SENTENCES[5], "A brand new sentence about quiet green hills and slow rivers."]
QUIET = dict(progress=False, log=lambda *_: None)


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    return Atlas.open(laid_out(tmp_path_factory, "laid-out-2d", dims=(2,)))


@pytest.fixture(scope="module")
def after(tmp_path_factory, before):
    path = copy_atlas(before.path, tmp_path_factory.mktemp("add") / "atlas")
    add_sequences(path, str(corpus_file(tmp_path_factory, "new.txt", NEW)), **QUIET)
    return Atlas.open(path)


def test_tables_and_manifest(before, after):
    n_old, n_seq = before.n_tokens, len(before.sequences)
    assert len(after.sequences) == n_seq + 3 and after.n_tokens > n_old
    assert after.corpus["n_tokens"] == after.n_tokens == len(after.tokens)
    t = after.tokens
    assert not t["added"][:n_old].any() and t["added"][n_old:].all()
    assert t["seq"][n_old:].min() == n_seq
    assert (after.sequences["start"][n_seq:] >= n_old).all()
    assert after.sequences["text"].iloc[-1] == NEW[-1]
    (entry,) = after.manifest["added"]
    assert entry["n_sequences"] == 3 and entry["first_row"] == n_old and entry["first_seq"] == n_seq
    assert after.manifest["status"] == "complete" and sorted(after.layouts) == sorted(before.layouts)
    # the original normalisation is kept, the attention of the new sequences is the model's
    np.testing.assert_array_equal(after.normalization(1, 2)[0], before.normalization(1, 2)[0])
    np.testing.assert_allclose(after.attention(0, 1, n_seq), before.attention(0, 1, 0), atol=2e-3)


def test_old_rows_unchanged_new_rows_in_place(before, after):
    n, N = before.n_tokens, after.n_tokens
    for layer, head in [(0, 0), (1, 3)]:
        for m, d in before.layouts:
            old, new = before.coords(layer, head, m, d), after.coords(layer, head, m, d)
            assert new.shape == (2 * N, d)
            np.testing.assert_array_equal(new[:n], old[:n])  # old queries
            np.testing.assert_array_equal(new[N : N + n], old[n:])  # old keys, after all queries
            # NEW[0] repeats sequence 0: in a contextual layer its tokens land on the originals
            if layer == 1:
                r0, r1 = before.sequence_rows(0), after.sequence_rows(len(before.sequences))
                tol = (2e-3 if m == "pca" else 2e-2) * np.ptp(old, axis=0).max()
                assert np.abs(new[r1] - new[r0]).max() < tol, (m, d)
                assert np.abs(new[N + r1.start : N + r1.stop] - new[N + r0.start : N + r0.stop]).max() < tol


def test_new_points_near_their_nearest_fitted_points(before, after):
    """A new point sits at the weighted mean of its nearest fitted points' coordinates."""
    n, N = before.n_tokens, after.n_tokens
    layer, head = 1, 1
    q, k = after.normalized(layer, head)
    unit = methods.base.unit_rows(np.concatenate([q, k]))
    fitted = np.concatenate([unit[:n], unit[N : N + n]])
    rows = np.concatenate([np.arange(n, N), N + np.arange(n, N)])
    for m in ("tsne", "umap"):
        coords = after.coords(layer, head, m, 2)
        fit_coords = np.concatenate([coords[:n], coords[N : N + n]])
        spread = np.ptp(fit_coords, axis=0).max()
        for r in rows:
            d = np.linalg.norm(fitted - unit[r], axis=1)
            near = np.argsort(d)[:K_PLACE]
            w = 1 / np.maximum(d[near], 1e-6) ** 2
            want = (w[:, None] * fit_coords[near]).sum(0) / w.sum()
            assert np.abs(coords[r] - want).max() < 2e-3 * spread
            # and it is close to its single nearest fitted point compared with the layout's size
            assert np.linalg.norm(coords[r] - fit_coords[near[0]]) < 0.5 * spread
    # PCA: the stored map, exactly
    x = np.concatenate([q, k])
    w, b = np.load(after.path / "layouts/pca-2d/maps/L001H001.npz")["weight"], np.load(after.path / "layouts/pca-2d/maps/L001H001.npz")["bias"]
    np.testing.assert_allclose(after.coords(layer, head, "pca", 2)[rows], x[rows] @ w + b, atol=2e-3 * np.abs(x @ w).max())


def test_fidelity_covers_everything(after):
    fid = after.fidelity()
    assert len(fid) == len(after.heads) * (len(after.layouts) + 1)
    assert fid["fidelity"].between(0, 1).all()


def test_interrupted_swap_never_reads_complete_and_resumes(tmp_path_factory, before, after, monkeypatch):
    path = copy_atlas(before.path, tmp_path_factory.mktemp("add-killed") / "atlas")
    corpus = str(corpus_file(tmp_path_factory, "new.txt", NEW))
    calls = []

    def dying_move(src, dst):
        calls.append(dst)
        if len(calls) == 5:
            raise KeyboardInterrupt  # as if killed in the middle of the swap
        os.replace(src, dst)

    monkeypatch.setattr(add_module, "_move", dying_move)
    with pytest.raises(KeyboardInterrupt):
        add_sequences(path, corpus, **QUIET)
    monkeypatch.undo()
    with pytest.raises(AtlasFormatError, match="incomplete"):
        Atlas.open(path)
    add_sequences(path, corpus, **QUIET)  # finishes the swap, does not add twice
    done = Atlas.open(path)
    assert done.n_tokens == after.n_tokens and len(done.manifest["added"]) == 1
    for m, d in done.layouts:
        np.testing.assert_array_equal(done.coords(1, 2, m, d), after.coords(1, 2, m, d))
    assert not paths.staging_dir(path).exists()


def test_bad_input(tmp_path_factory, tmp_path, before):
    with pytest.raises(InputError, match="no such atlas"):
        add_sequences(tmp_path / "nope", "demo:wiki", **QUIET)
    path = copy_atlas(before.path, tmp_path / "a")
    AtlasWriter(path).update_manifest(lambda m: m["layouts"]["tsne-2d"].update(complete=False))
    with pytest.raises(InputError, match="incomplete"):
        add_sequences(path, "demo:wiki", **QUIET)


def test_cli_errors_are_one_line(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "qkatlas.cli", "add", str(tmp_path / "nope"), "--corpus", "demo:wiki", "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no such atlas" in r.stderr
