"""The central contract: captured queries and keys reproduce the model's own attention.

For every adapter, every layer and every head, softmax(q k^T * scale + mask) from the captured
vectors must equal the model's eager attention probabilities (output_attentions) to 1e-4, on real
inputs in a padded batch. Real weights where a package ships them (MiniLM, SmolLM2, DINOv2),
randomly initialised models loaded from a ``save_pretrained`` folder for the other families.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from qkatlas import Atlas
from qkatlas.capture.loader import DEMO_PACKAGES, load_model
from qkatlas.capture.prepare import prepare
from qkatlas.capture.run import capture as build, model_inputs
from qkatlas.capture.verify import attention_errors, verify_model
from qkatlas.corpus import load_corpus
from qkatlas.errors import InputError
from qkatlas.normalize import apply_normalization

TOL = 1e-4


def minilm_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec(DEMO_PACKAGES["demo:minilm"][0])
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def save_random_model(folder: Path, config, with_tokenizer=True) -> Path:
    """A randomly initialised model saved like a hub checkpoint (weights scaled up so that
    attention is peaked: a near-uniform pattern would make the comparison too easy)."""
    from transformers import AutoModel

    torch.manual_seed(0)
    model = AutoModel.from_config(config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 2 and "embed" not in name and "wte" not in name and "wpe" not in name:
                p.mul_(3.0)
    model.save_pretrained(folder)
    if with_tokenizer:
        for f in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
            shutil.copy(minilm_dir() / f, folder / f)
    return folder


VOCAB = 30522  # MiniLM's WordPiece vocabulary, reused as the tokenizer of the random text models


def random_configs():
    from transformers import (
        DistilBertConfig, GPT2Config, LlamaConfig, MistralConfig, Qwen2Config, RobertaConfig, ViTConfig,
    )

    small = dict(vocab_size=VOCAB, hidden_size=64, num_attention_heads=4, num_hidden_layers=2, intermediate_size=128)
    decoder = dict(small, num_key_value_heads=2, max_position_embeddings=256, pad_token_id=0)
    return {
        "roberta": RobertaConfig(**small, max_position_embeddings=130, pad_token_id=0),
        "distilbert": DistilBertConfig(vocab_size=VOCAB, dim=64, n_heads=4, n_layers=2, hidden_dim=128),
        "gpt2": GPT2Config(vocab_size=VOCAB, n_embd=64, n_head=4, n_layer=2, n_positions=256, pad_token_id=0),
        "llama": LlamaConfig(**decoder),
        "mistral": MistralConfig(**decoder, sliding_window=None),  # with a window: tests/models/families
        "qwen2": Qwen2Config(**decoder),  # q/k/v biases
        "vit": ViTConfig(hidden_size=64, num_attention_heads=4, num_hidden_layers=2, intermediate_size=128, image_size=64, patch_size=16),
    }


@pytest.fixture(scope="module")
def random_model_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("random_models")

    def make(family: str) -> Path:
        folder = root / family
        if not folder.exists():
            config = random_configs()[family]
            save_random_model(folder, config, with_tokenizer=family != "vit")
            if family == "vit":
                from transformers import ViTImageProcessor

                ViTImageProcessor(size={"height": 64, "width": 64}).save_pretrained(folder)
        return folder

    return make


def assert_peaked_and_exact(errors: np.ndarray, loaded) -> None:
    assert errors.shape == (loaded.adapter.n_layers, loaded.adapter.n_heads)
    assert np.isfinite(errors).all()
    assert errors.max() < TOL, f"worst attention error {errors.max():.2e} at {np.unravel_index(errors.argmax(), errors.shape)}"


@pytest.mark.parametrize("family", ["roberta", "distilbert", "gpt2", "llama", "mistral", "qwen2"])
def test_random_text_models_reproduce_attention(family, random_model_dir):
    loaded = load_model(str(random_model_dir(family)), attn_implementation="eager")
    assert loaded.adapter.family in family or family in loaded.adapter.model_types
    errors = verify_model(loaded, "demo:wiki", n=6)
    assert_peaked_and_exact(errors, loaded)
    if family in ("llama", "mistral", "qwen2"):
        assert loaded.adapter.n_kv_heads == 2 and loaded.adapter.kv_head_of == [0, 0, 1, 1]


def test_random_vit_reproduces_attention(random_model_dir, tmp_path):
    from PIL import Image

    for i, colour in enumerate([(255, 0, 0), (0, 128, 255), (20, 200, 20)]):
        img = np.zeros((80, 100, 3), np.uint8)
        img[:, : 30 + 20 * i] = colour
        Image.fromarray(img).save(tmp_path / f"im{i}.png")
    loaded = load_model(str(random_model_dir("vit")), attn_implementation="eager")
    errors = verify_model(loaded, str(tmp_path), n=3)
    assert_peaked_and_exact(errors, loaded)


@pytest.mark.slow
@pytest.mark.parametrize(
    "model,corpus,n",
    [("demo:minilm", "demo:wiki", 8), ("demo:smollm2", "demo:wiki", 6), ("demo:dinov2", "demo:images", 3)],
)
def test_real_models_reproduce_attention(model, corpus, n):
    loaded = load_model(model, attn_implementation="eager")
    prepared = prepare(loaded, load_corpus(corpus, max_sequences=n))
    lengths = prepared.sequences["n_tokens"].tolist()
    if loaded.kind != "vision":
        assert len(set(lengths)) > 1, "the batch must contain padding"
    inputs = model_inputs(loaded, prepared, list(range(n)), lengths, "cpu")
    errors = attention_errors(loaded, inputs, lengths)
    assert_peaked_and_exact(errors, loaded)
    if model == "demo:smollm2":
        assert (loaded.adapter.n_heads, loaded.adapter.n_kv_heads, loaded.adapter.d_head) == (9, 3, 64)
        assert loaded.adapter.kv_head_of == [0, 0, 0, 1, 1, 1, 2, 2, 2]


@pytest.mark.slow
def test_rotary_is_required_for_llama(monkeypatch):
    """Negative control: q/k taken before the rotary step must fail the check (so the test can fail)."""
    from qkatlas.capture.adapters.llama import LlamaAdapter

    loaded = load_model("demo:smollm2", attn_implementation="eager")
    monkeypatch.setattr(LlamaAdapter, "capture_at", "projections")  # q_proj / k_proj outputs: pre-rotary
    errors = verify_model(loaded, "demo:wiki", n=2)
    assert errors.max() > 1e-2


# ---- the atlas as stored -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def minilm_atlas(tmp_path_factory):
    out = tmp_path_factory.mktemp("atlas") / "minilm"
    build("demo:minilm", "demo:wiki", out, max_sequences=24, progress=False, log=lambda m: None)
    return Atlas.open(out)


@pytest.fixture(scope="module")
def smollm_atlas(tmp_path_factory):
    out = tmp_path_factory.mktemp("atlas") / "smollm"
    build("demo:smollm2", "demo:wiki", out, max_sequences=6, progress=False, log=lambda m: None)
    return Atlas.open(out)


def model_attention(model: str, corpus: str, n: int) -> tuple[list, list[int]]:
    loaded = load_model(model, attn_implementation="eager")
    prepared = prepare(loaded, load_corpus(corpus, max_sequences=n))
    lengths = prepared.sequences["n_tokens"].tolist()
    with torch.inference_mode():
        out = loaded.model(**model_inputs(loaded, prepared, list(range(n)), lengths, "cpu"), output_attentions=True)
    return out.attentions, lengths


@pytest.mark.parametrize("which", ["minilm", "smollm"])
def test_stored_float16_vectors_reproduce_attention(which, request):
    atlas = request.getfixturevalue(f"{which}_atlas")
    n = 6
    attentions, lengths = model_attention(atlas.model["name"], "demo:wiki", n)
    assert lengths == atlas.sequences["n_tokens"].tolist()[:n]
    worst = 0.0
    for layer, head in atlas.heads:
        for s in range(n):
            ours = atlas.attention(layer, head, s)
            theirs = attentions[layer][s, head, : lengths[s], : lengths[s]].numpy()
            worst = max(worst, float(np.abs(ours - theirs).max()))
    assert worst < 4e-3, worst  # float16 rounding of q and k
    assert worst > 0  # the stored vectors really are float16


def test_atlas_api_shapes_and_order(minilm_atlas):
    a = minilm_atlas
    assert a.heads == [(l, h) for l in range(6) for h in range(12)]
    assert len(a.tokens) == a.n_tokens == int(a.sequences["n_tokens"].sum())
    q, k = a.queries(2, 5), a.keys(2, 5)
    assert q.shape == k.shape == (a.n_tokens, 32) and q.dtype == np.float32
    t = a.tokens
    assert (t.groupby("seq")["pos"].apply(lambda p: (p.values == np.arange(len(p))).all())).all()
    assert t["token"].iloc[0] == "[CLS]" and bool(t["is_special"].iloc[0])
    assert set(["seq", "pos", "seq_len", "pos_norm", "token_id", "token", "token_len", "is_special", "is_punct"]) <= set(t.columns)
    assert t.loc[t["token"] == ".", "is_punct"].all()


def test_grouped_query_keys_stored_once(smollm_atlas):
    a = smollm_atlas
    keys = np.load(a.path / "keys" / "L000.npy")
    assert keys.shape[0] == 3 and a.model["kv_head_of"] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    np.testing.assert_array_equal(a.keys(0, 4), keys[1].astype(np.float32))


@pytest.mark.parametrize("which", ["minilm", "smollm"])
def test_normalisation_leaves_attention_unchanged(which, request):
    a = request.getfixturevalue(which + "_atlas")
    for layer, head in a.heads[:: max(1, len(a.heads) // 20)]:
        q, k = a.queries(layer, head), a.keys(layer, head)
        qn, kn = a.normalized(layer, head)
        shift, scale = a.normalization(layer, head)
        # the clouds are brought together: same mean norm after scaling, then the same centre
        assert np.linalg.norm(q / scale, axis=1).mean() == pytest.approx(np.linalg.norm(scale * k, axis=1).mean(), rel=1e-4)
        np.testing.assert_allclose(qn.mean(0), kn.mean(0), atol=1e-4 * np.abs(qn).max())
        np.testing.assert_allclose(apply_normalization(q, k, shift, scale)[1], kn)
        terms = a.terms(layer, head)
        for s in range(3):
            rows = a.sequence_rows(s)
            before = terms.probabilities(q[rows], k[rows])
            after = terms.probabilities(qn[rows], kn[rows])
            np.testing.assert_allclose(after, before, atol=1e-5)


def test_vision_atlas_token_table(tmp_path):
    out = tmp_path / "dino"
    build("demo:dinov2", "demo:images", out, max_sequences=2, progress=False, log=lambda m: None)
    a = Atlas.open(out)
    t = a.tokens
    assert len(t) == 2 * 257 and a.model["patch_size"] == 14
    first = t[t["seq"] == 0]
    assert first["token"].iloc[0] == "[CLS]" and first["patch_row"].iloc[0] == -1
    assert first["patch_row"].iloc[1:].tolist() == [r for r in range(16) for _ in range(16)]
    for col in ("hue", "saturation", "brightness"):
        assert first[col].iloc[1:].between(0, 1).all()
    assert a.thumbnails.shape == (514, 16, 16, 3)
    assert (out / "images" / "00001.png").is_file()


# ---- devices, dtypes and bad checkpoints ----------------------------------------------------------
def _one_line(e: pytest.ExceptionInfo) -> str:
    msg = str(e.value)
    assert "\n" not in msg and "Traceback" not in msg, msg
    return msg


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message on a machine without CUDA")
def test_unavailable_device_is_one_line_before_loading(monkeypatch):
    import qkatlas.capture.loader as loader

    monkeypatch.setattr(loader, "_package_dir", lambda *a: pytest.fail("weights looked up before the device check"))
    for device in ("cuda", "cuda:1"):
        with pytest.raises(InputError) as e:
            load_model("demo:minilm", device=device)
        assert "CUDA is not available" in _one_line(e) and "--device cpu" in str(e.value)
    with pytest.raises(InputError, match="not a device"):
        load_model("demo:minilm", device="gpu")
    with pytest.raises(InputError, match="choose from auto, float32, bfloat16, float16"):
        load_model("demo:minilm", dtype="int8")


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message on a machine without CUDA")
def test_cli_cuda_on_cpu_machine_is_one_line(tmp_path):
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "qkatlas.cli", "verify", "-m", "demo:minilm", "--device", "cuda"],
                            capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=120)
    lines = [l for l in result.stderr.splitlines() if l.startswith("qkatlas: error:")]
    assert result.returncode == 2 and len(lines) == 1 and "CUDA is not available" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_dtype_auto_resolution():
    from qkatlas.capture.devices import resolve_dtype

    assert resolve_dtype("auto", "cpu", "bfloat16") == "float32"  # CPU: float32 whatever the checkpoint
    assert resolve_dtype("auto", "cpu", None, quantized=True) == "float32"
    assert resolve_dtype("auto", "cuda", "bfloat16") == "bfloat16"  # GPU: the checkpoint's own dtype
    assert resolve_dtype("auto", "cuda", "torch.float16") == "float16"
    assert resolve_dtype("auto", "cuda", None) == "float32"
    assert resolve_dtype("auto", "mps", None, quantized=True) == "float16"  # GGUF: the smallest that works
    assert resolve_dtype("BFloat16", "cpu") == "bfloat16"


def test_bfloat16_on_cpu_loads_and_verifies(random_model_dir):
    from qkatlas.capture.verify import TOLERANCE

    loaded = load_model(str(random_model_dir("llama")), attn_implementation="eager", dtype="bfloat16")
    assert loaded.dtype == "bfloat16" and next(loaded.model.parameters()).dtype == torch.bfloat16
    errors = verify_model(loaded, "demo:wiki", n=4)
    assert 0 < errors.max() < TOLERANCE["bfloat16"]


def test_device_map_auto(random_model_dir):
    loaded = load_model(str(random_model_dir("llama")), attn_implementation="eager", device_map="auto")
    assert loaded.device in {str(p.device) for p in loaded.model.parameters()}
    assert loaded.info["device_map"]
    assert verify_model(loaded, "demo:wiki", n=3).max() < TOL
    with pytest.raises(InputError, match="device-map"):
        load_model(str(random_model_dir("llama")), device_map="balanced_low_0_typo")


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "incomplete", "wrong-shape"])
def test_bad_weights_are_one_line_errors(damage, random_model_dir, tmp_path):
    from safetensors.torch import load_file, save_file

    folder = tmp_path / "model"
    shutil.copytree(random_model_dir("llama"), folder)
    weights = folder / "model.safetensors"
    if damage == "missing":
        weights.unlink()
    elif damage == "truncated":
        weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    elif damage == "garbage":
        weights.write_bytes(b"\x00not a safetensors file" * 100)
    else:
        state = load_file(weights)
        if damage == "incomplete":
            state.pop(next(k for k in state if "k_proj" in k))
        else:
            key = next(k for k in state if "q_proj.weight" in k)
            state[key] = state[key][:-4]
        save_file(state, weights, metadata={"format": "pt"})
    with pytest.raises(InputError) as e:
        load_model(str(folder))
    msg = _one_line(e)
    assert str(folder) in msg
    assert "cannot load its weights" in msg if damage != "incomplete" else "do not match config.json" in msg


def test_model_without_self_attention_is_one_line_error():
    from transformers import LlamaConfig

    from qkatlas.capture.adapters import adapter_for

    class NoAttention(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.config = LlamaConfig(hidden_size=16, num_attention_heads=2, num_hidden_layers=1)
            self.mlp = torch.nn.Linear(16, 16)

    with pytest.raises(InputError) as e:
        adapter_for(NoAttention(), "mlp-only")
    assert "no self-attention module" in _one_line(e)


def test_not_exact_families_say_why():
    from qkatlas.capture.adapters import adapter_class_for

    with pytest.raises(InputError) as e:
        adapter_class_for("t5", "my-t5")
    msg = _one_line(e)
    assert "'t5' is not supported" in msg and "relative position bias" in msg and "llama" in msg and "bloom" in msg


def test_every_adapter_says_what_it_records():
    from typer.testing import CliRunner

    from qkatlas.capture.adapters import adapter_classes
    from qkatlas.cli import app

    classes = adapter_classes()
    assert {c.family for c in classes} >= {"bert", "gpt2", "llama", "mistral", "qwen", "olmo", "phi3", "gpt_neox",
                                           "stablelm", "gemma", "gemma2", "gemma3", "bloom", "vit", "deit", "clip", "siglip"}
    assert all(c.records for c in classes)
    out = CliRunner().invoke(app, ["models"]).output
    assert "logit soft-cap" in out and "ALiBi" in out and "sliding window" in out


# ---- the capture loop's writer ---------------------------------------------------------------------
def test_rows_writer_both_paths(tmp_path):
    """Rows are written through pwrite (long runs) or the memory map (short ones): same bytes."""
    from qkatlas.atlas.writer import AtlasWriter
    from qkatlas.capture.writeback import RowWriter as _Rows

    arr = AtlasWriter(tmp_path).layer_array("queries", 0, (3, 500, 64), create=True)
    rows = _Rows(arr)
    rng = np.random.default_rng(0)
    expected = np.zeros((3, 500, 64), np.float16)
    for start, n in [(0, 5), (5, 200), (205, 31), (236, 264)]:  # 5 * 128 B < 4 KiB <= 200 * 128 B
        values = rng.standard_normal((3, n, 64)).astype(np.float16)
        rows.write(start, values)
        expected[:, start:start + n] = values
    rows.flush()
    rows.close()
    np.testing.assert_array_equal(np.load(tmp_path / "queries" / "L000.npy"), expected)
    np.testing.assert_array_equal(np.asarray(arr), expected)  # the map sees the pwrite-n rows too


def test_resume_trusts_unflushed_batches_only_on_the_same_boot(tmp_path, monkeypatch):
    import json

    from qkatlas.atlas import paths
    from qkatlas.capture import writeback

    (tmp_path / paths.PROGRESS).write_text(json.dumps(writeback.progress_record("k", {0, 1, 2, 3}, {0, 1})))
    assert writeback.resume_state(tmp_path, "k") == {0, 1, 2, 3}  # killed process: the page cache survived
    monkeypatch.setattr(writeback, "boot_id", lambda: "another-boot")
    assert writeback.resume_state(tmp_path, "k") == {0, 1}  # power loss: only what was flushed to disk
    assert writeback.resume_state(tmp_path, "other key") is None
