"""Bad input: a one-line error naming what and where, a non-zero exit, nothing lost.

These run the real ``qkatlas`` command in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from qkatlas import Atlas
from qkatlas.errors import AtlasFormatError

QK = [sys.executable, "-m", "qkatlas.cli"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1"}


def run(*args, cwd=None, timeout=300):
    return subprocess.run([*QK, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=ENV, timeout=timeout)


def error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("qkatlas: error:")]
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return lines[0]


def build(corpus, out, model="demo:minilm", *extra):
    return run("build", "-m", model, "-c", corpus, "-o", out, "--layouts", "none", "-q", *extra)


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("blank.txt", b"\n  \n\n", "blank.txt: the file is empty"),
        ("latin1.txt", "first line\nna\u00efve caf\u00e9\n".encode("latin-1"), "latin1.txt:2: not valid UTF-8"),
        ("binary.txt", bytes(range(256)) * 20, "binary.txt: looks like a binary file"),
        ("bad.jsonl", b'{"text": "fine"}\n{"text": 3}\n', "bad.jsonl:2: no string field 'text'"),
        ("broken.jsonl", b'{"text": "fine"}\n{"text": "unterminated\n', "broken.jsonl:2: not valid JSON"),
    ],
)
def test_bad_text_files(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    line = error_line(build(tmp_path / name, tmp_path / "out"))
    assert expected in line
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.partial").exists()


def test_unknown_names(tmp_path):
    assert "unknown demo corpus" in error_line(build("demo:nope", tmp_path / "o"))
    assert "no such file" in error_line(build(tmp_path / "missing.txt", tmp_path / "o"))
    line = error_line(build("demo:wiki", tmp_path / "o", "demo:nope"))
    assert "unknown demo" in line and "demo:minilm" in line
    line = error_line(build("demo:wiki", tmp_path / "o", "no-such-org/no-such-model"))
    assert "no-such-org/no-such-model" in line and "local folder" in line
    assert not (tmp_path / "o").exists()


def test_unsupported_model_type_lists_families(tmp_path):
    from transformers import T5Config

    T5Config(d_model=32, num_layers=1, num_heads=2, d_kv=16, d_ff=64, vocab_size=100).save_pretrained(tmp_path / "t5")
    line = error_line(build("demo:wiki", tmp_path / "o", tmp_path / "t5"))
    assert "'t5' is not supported" in line and "llama" in line and "bert" in line


def test_text_corpus_for_vision_model(tmp_path):
    line = error_line(build("demo:wiki", tmp_path / "o", "demo:dinov2"))
    assert "text corpus" in line and "demo:images" in line


def test_out_folder_with_other_content_is_untouched(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    line = error_line(build("demo:wiki", out))
    assert str(out) in line and "not empty" in line
    assert [p.name for p in out.iterdir()] == ["thesis.tex"] and (out / "thesis.tex").read_text() == "precious"


def test_long_sequence_truncated_counted_reported_once(tmp_path):
    corpus = tmp_path / "long.txt"
    corpus.write_text("A short sentence.\n" + " ".join(["word"] * 700) + "\nAnother short one.\n")
    result = build(corpus, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    warnings = [l for l in result.stderr.splitlines() if l.startswith("note:") and "were cut" in l]
    assert len(warnings) == 1 and "1 of 3 sequences" in warnings[0] and "512" in warnings[0]
    atlas = Atlas.open(tmp_path / "out")
    assert atlas.corpus["n_truncated"] == 1
    assert atlas.sequences["n_tokens"].tolist()[1] == 512 and bool(atlas.sequences["truncated"][1])
    # --max-length truncates further and is counted the same way
    result = build(corpus, tmp_path / "out5", "demo:minilm", "--max-length", "5")
    assert result.returncode == 0 and Atlas.open(tmp_path / "out5").corpus["n_truncated"] == 3


def test_unreadable_image_skipped_and_listed(tmp_path):
    from PIL import Image

    images = tmp_path / "imgs"
    images.mkdir()
    for i in range(2):
        Image.fromarray(np.full((40, 40, 3), 80 * i, np.uint8)).save(images / f"ok{i}.png")
    (images / "broken.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    result = build(images, tmp_path / "out", "demo:dinov2")
    assert result.returncode == 0, result.stderr
    assert sum("broken.jpg" in l for l in result.stderr.splitlines()) == 1
    atlas = Atlas.open(tmp_path / "out")
    assert atlas.corpus["n_sequences"] == 2 and "broken.jpg" in atlas.corpus["skipped"][0][0]


@pytest.fixture(scope="module")
def small_atlas(tmp_path_factory):
    out = tmp_path_factory.mktemp("a") / "atlas"
    assert build("demo:wiki", out, "demo:minilm", "-n", "10").returncode == 0
    return out


def copy_atlas(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def test_corrupt_and_newer_atlases(small_atlas, tmp_path):
    corrupt = copy_atlas(small_atlas, tmp_path / "corrupt")
    (corrupt / "manifest.json").write_text('{"format": "qkatlas-atlas", "format_ver')
    line = error_line(run("info", corrupt))
    assert "corrupt manifest" in line and str(corrupt) in line

    newer = copy_atlas(small_atlas, tmp_path / "newer")
    manifest = json.loads((newer / "manifest.json").read_text())
    manifest["format_version"] = 99
    (newer / "manifest.json").write_text(json.dumps(manifest))
    line = error_line(run("info", newer))
    assert "newer" in line and "upgrade" in line

    truncated = copy_atlas(small_atlas, tmp_path / "truncated")
    np.save(truncated / "queries" / "L003.npy", np.zeros((12, 5, 32), np.float16))
    with pytest.raises(AtlasFormatError, match="L003.npy"):
        Atlas.open(truncated)
    assert "not a qkatlas atlas" in error_line(run("info", tmp_path))


def test_rebuild_same_atlas_is_a_no_op_and_other_settings_refused(small_atlas):
    before = (small_atlas / "manifest.json").read_text()
    result = build("demo:wiki", small_atlas, "demo:minilm", "-n", "10")
    assert result.returncode == 0 and "nothing to capture" in result.stderr
    line = error_line(build("demo:wiki", small_atlas, "demo:minilm", "-n", "11"))
    assert "already holds an atlas" in line
    assert (small_atlas / "manifest.json").read_text() == before


def test_killed_build_never_reads_complete_and_resumes(tmp_path):
    """Kill a build mid-capture: no atlas at --out; the same command resumes (finished batches are
    not computed again) to the same result as an uninterrupted build."""
    out = tmp_path / "atlas"
    args = ["build", "-m", "demo:minilm", "-c", "demo:wiki", "-o", out, "-n", "60", "--layouts", "none", "--batch-tokens", "16"]
    env = {**ENV, "QKATLAS_CHECKPOINT_SECONDS": "0"}  # a checkpoint after every batch
    proc = subprocess.Popen([*QK, *map(str, args)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = out.with_name("atlas.partial")
    progress = partial / "progress.json"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if len(json.loads(progress.read_text()).get("done", [])) >= 5:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    state = json.loads(progress.read_text())
    assert 5 <= len(state["done"]) < 60, "killed too late to test resuming"
    assert not out.exists()
    with pytest.raises(Exception):
        Atlas.open(out)

    # Mark the rows of one finished batch: a resumed build keeps them, a build that starts over
    # overwrites them with real vectors.
    from qkatlas.capture.run import plan_batches

    lengths = _lengths_of(partial)
    batches = plan_batches(lengths, 16)
    finished = batches[state["done"][0]]
    starts = np.cumsum([0] + lengths[:-1])
    rows = np.concatenate([np.arange(starts[s], starts[s] + lengths[s]) for s in finished])
    q0 = np.load(partial / "queries" / "L000.npy", mmap_mode="r+")
    q0[:, rows] = 7.0
    q0.flush()
    del q0

    resumed = run(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming ({len(state['done'])} of {len(batches)} batches" in resumed.stderr
    a = Atlas.open(out)
    assert (np.load(a.path / "queries/L000.npy")[:, rows] == 7.0).all(), "finished batches were computed again"

    fresh = run(*[x if x != out else tmp_path / "fresh" for x in args])
    assert fresh.returncode == 0
    b = Atlas.open(tmp_path / "fresh")
    assert not partial.exists()
    keep = np.setdiff1d(np.arange(a.n_tokens), rows)
    for layer in range(a.n_layers):
        np.testing.assert_array_equal(np.load(a.path / f"queries/L{layer:03d}.npy")[:, keep if layer == 0 else slice(None)],
                                      np.load(b.path / f"queries/L{layer:03d}.npy")[:, keep if layer == 0 else slice(None)])
        np.testing.assert_array_equal(np.load(a.path / f"keys/L{layer:03d}.npy"), np.load(b.path / f"keys/L{layer:03d}.npy"))
    assert a.tokens.equals(b.tokens)


def _lengths_of(partial: Path) -> list[int]:
    """Token counts per sequence of the build in ``partial`` (the corpus tokenised as the build did)."""
    from qkatlas.capture.loader import load_model
    from qkatlas.capture.prepare import prepare
    from qkatlas.corpus import load_corpus

    loaded = load_model("demo:minilm")
    prepared = prepare(loaded, load_corpus("demo:wiki", max_sequences=60), 512)
    return prepared.sequences["n_tokens"].tolist()
