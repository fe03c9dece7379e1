"""Distributed capture on a two-node local Ray cluster: two model replicas write their rows of
the shared pre-allocated arrays; the atlas equals a local capture, and a partial build resumes
exactly like a local one (finished batches are kept, the rest is captured)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from support.tiny import SENTENCES, corpus_file, tiny_model
from qkatlas.atlas import files, paths
from qkatlas.capture.run import capture

BATCH_TOKENS = 48  # a few sequences per batch: several batches for two replicas
VOLATILE = ("created", "timings")


def _layer_files(path):
    return sorted(p.relative_to(path) for p in path.rglob("L*.npy"))


def _assert_same_atlas(a, b):
    assert _layer_files(a) == _layer_files(b) and _layer_files(a)
    for rel in _layer_files(a):
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    for table in (paths.TOKENS, paths.SEQUENCES):
        pd.testing.assert_frame_equal(pd.read_parquet(a / table), pd.read_parquet(b / table))
    with np.load(a / paths.NORMALIZATION) as x, np.load(b / paths.NORMALIZATION) as y:
        for k in x.files:
            np.testing.assert_array_equal(x[k], y[k])
    ma, mb = (json.loads((p / paths.MANIFEST).read_text()) for p in (a, b))
    assert {k: v for k, v in ma.items() if k not in VOLATILE} == {k: v for k, v in mb.items() if k not in VOLATILE}
    assert sorted(p.name for p in a.iterdir()) == sorted(p.name for p in b.iterdir())


def test_distributed_capture_equals_local_and_resumes(ray_cluster, tmp_path_factory, tmp_path, monkeypatch):
    import torch

    from qkatlas.capture.shard import capture_distributed

    cluster, _ = ray_cluster
    monkeypatch.chdir(tmp_path)
    model, corpus = tiny_model(tmp_path_factory), corpus_file(tmp_path_factory, "sentences.txt", SENTENCES)
    quiet = lambda *_: None  # noqa: E731
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as in a one-CPU replica
    try:
        local = capture(str(model), str(corpus), tmp_path / "local", tokens_per_batch=BATCH_TOKENS, progress=False, log=quiet)
    finally:
        torch.set_num_threads(threads)

    messages: list[str] = []
    dist = capture_distributed(str(model), str(corpus), tmp_path / "dist", n_actors=2, address=cluster.address,
                               tokens_per_batch=BATCH_TOKENS, device="cpu", progress=False, log=messages.append)
    _assert_same_atlas(dist, local)
    share = next(m for m in messages if "batches per replica" in m)
    assert all(int(x) > 0 for x in share.split("[")[1].rstrip("]").split(",")), share  # both replicas worked
    assert not paths.partial_dir(dist).exists()

    # a partial build (as a killed local or distributed capture leaves it): half the batches done
    from qkatlas.capture.loader import load_model
    from qkatlas.capture.prepare import prepare
    from qkatlas.capture.run import build_key as _build_key, plan_batches
    from qkatlas.corpus import load_corpus

    out = tmp_path / "resumed"
    partial = paths.partial_dir(out)
    loaded = load_model(str(model))
    prepared = prepare(loaded, load_corpus(str(corpus), max_sequences=None, seed=0), 512)
    lengths = prepared.sequences["n_tokens"].tolist()
    batches = plan_batches(lengths, BATCH_TOKENS)
    settings = {"max_sequences": None, "max_length": 512, "tokens_per_batch": BATCH_TOKENS, "seed": 0}
    key = _build_key(str(model), prepared, settings, batches, loaded)
    done = set(range(0, len(batches), 2))
    starts = prepared.sequences["start"].tolist()
    done_rows = np.zeros(len(prepared.tokens), bool)
    for b in done:
        for s in batches[b]:
            done_rows[starts[s] : starts[s] + lengths[s]] = True
    for rel in _layer_files(local):
        arr = np.load(local / rel)
        arr[:, done_rows] = 0.5  # a mark: a resumed build must keep these rows, not recapture them
        arr[:, ~done_rows] = np.nan  # garbage where nothing was flushed yet
        (partial / rel).parent.mkdir(parents=True, exist_ok=True)
        np.save(partial / rel, arr)
    files.write_json_atomic(partial / paths.PROGRESS, {"key": key, "done": sorted(done), "owner": "qkatlas"})

    messages.clear()
    capture_distributed(str(model), str(corpus), out, n_actors=2, address=cluster.address,
                        tokens_per_batch=BATCH_TOKENS, device="cpu", progress=False, log=messages.append)
    assert any(f"resuming ({len(done)} of {len(batches)} batches" in m for m in messages), messages
    for rel in _layer_files(local):
        got, ref = np.load(out / rel), np.load(local / rel)
        assert (got[:, done_rows] == 0.5).all(), rel
        np.testing.assert_array_equal(got[:, ~done_rows], ref[:, ~done_rows])
