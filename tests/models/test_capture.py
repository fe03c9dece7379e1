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
from qkatlas.capture.run import capture as build, model_inputs, prepare
from qkatlas.capture.verify import attention_errors, verify_model
from qkatlas.corpus import load_corpus
from qkatlas.normalize import apply_normalization, attention_probs

TOL = 1e-4
MINILM_DIR = None


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
        "mistral": MistralConfig(**decoder, sliding_window=None),
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
    """Negative control: without the rotary step the check must fail (so the test can fail)."""
    from qkatlas.capture.adapters.llama import LlamaAdapter

    loaded = load_model("demo:smollm2", attn_implementation="eager")
    monkeypatch.setattr(LlamaAdapter, "position_encode", lambda self, module, q, k, kwargs: (q, k))
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
        for s in range(3):
            rows = a.sequence_rows(s)
            before = attention_probs(q[rows], k[rows], a.model["scales"][layer], a.causal)
            after = attention_probs(qn[rows], kn[rows], a.model["scales"][layer], a.causal)
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
