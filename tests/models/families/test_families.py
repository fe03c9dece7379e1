"""Every model family against the model's own eager attention, every layer and head.

For each family a tiny random-init model is built from its transformers config (2 layers,
hidden 64, 4 heads; weights scaled up so attention is peaked, not uniform), saved with
``save_pretrained`` and loaded with ``load_model(folder)``, as a user's checkpoint would be.
Text models read sequences longer than their sliding window (6 tokens), in padded batches.

* in memory, float32: ``verify.attention_errors`` (captured q/k through the attention contract
  vs ``output_attentions``) < 1e-4;
* on disk: ``capture(folder, corpus, out)`` (the build's own code path, sdpa where the model has
  it) then ``Atlas.open(out).attention(layer, head, seq)`` (NumPy contract, float16 vectors)
  equals the eager attention within float16 rounding;
* negative controls: the same check through a contract with one term removed (window,
  soft-cap, ALiBi slopes, Gemma's scale) must FAIL (error > 1e-2), so the terms are really
  needed and the check can fail.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from qkatlas import Atlas
from qkatlas.attention import AttentionContract
from qkatlas.capture.loader import DEMO_PACKAGES, _package_dir, load_model
from qkatlas.capture.prepare import prepare
from qkatlas.capture.run import capture, model_inputs
from qkatlas.capture.verify import attention_errors, capture_batch
from qkatlas.corpus import load_corpus
from qkatlas.errors import InputError

WINDOW = 6
VOCAB = 30522  # MiniLM's WordPiece vocabulary: its tokenizer serves every text model here
TOL = 1e-4
STORED_TOL = 2e-2  # probabilities from float16-stored q/k of peaked heads
SENTENCES = [
    "The cat sat on the mat.",
    "Rivers carry water from the mountains to the sea, past old mills and quiet villages.",
    "A small bird sang in the old oak tree every morning before the farmers woke up.",
    "Trains leave the central station every fifteen minutes.",
    "Engineers tested the long bridge with heavy trucks at night while the river rose.",
    "Snow fell.",
]


def _text(config_cls, **kw):
    base = dict(vocab_size=VOCAB, hidden_size=64, num_attention_heads=4, num_hidden_layers=2, intermediate_size=128,
                max_position_embeddings=128, pad_token_id=0)
    return lambda: config_cls(**{**base, **kw})


def _configs():
    import transformers as t

    return {
        # family: (config factory, expected terms {windows, softcap, slopes, scale}, kind)
        "gpt_neox": (_text(t.GPTNeoXConfig, rotary_pct=0.25), {}),
        "phi3": (_text(t.Phi3Config, num_key_value_heads=2, sliding_window=WINDOW), {"windows": [WINDOW, WINDOW]}),
        "qwen2": (_text(t.Qwen2Config, num_key_value_heads=2, use_sliding_window=True, sliding_window=WINDOW,
                        max_window_layers=1), {"windows": [None, WINDOW]}),
        "qwen3": (_text(t.Qwen3Config, num_key_value_heads=2, head_dim=16, use_sliding_window=True,
                        sliding_window=WINDOW, max_window_layers=1), {"windows": [None, WINDOW]}),
        "olmo2": (_text(t.Olmo2Config, num_key_value_heads=2), {}),
        "mistral": (_text(t.MistralConfig, num_key_value_heads=2, sliding_window=WINDOW), {"windows": [WINDOW, WINDOW]}),
        "stablelm": (_text(t.StableLmConfig, num_key_value_heads=2, partial_rotary_factor=0.25, qk_layernorm=True), {}),
        "gemma": (_text(t.GemmaConfig, num_key_value_heads=2, head_dim=16), {}),
        "gemma2": (_text(t.Gemma2Config, num_key_value_heads=2, head_dim=16, query_pre_attn_scalar=64,
                         attn_logit_softcapping=5.0, sliding_window=WINDOW),
                   {"windows": [WINDOW, None], "softcap": 5.0, "scale": 64**-0.5}),
        "gemma3_text": (_text(t.Gemma3TextConfig, num_key_value_heads=2, head_dim=16, query_pre_attn_scalar=64,
                              sliding_window=WINDOW, layer_types=["sliding_attention", "full_attention"]),
                        {"windows": [WINDOW, None], "scale": 64**-0.5}),
        "bloom": (lambda: t.BloomConfig(vocab_size=VOCAB, hidden_size=64, n_head=4, n_layer=2, pad_token_id=0),
                  {"slopes": [0.25, 0.0625, 0.015625, 0.00390625]}),
        # vision (32 x 32 images, 8 px patches: 16 patches)
        "deit": (lambda: t.DeiTConfig(**_vision()), {"prefix": ["[CLS]", "[DIST]"]}),
        "clip": (lambda: t.CLIPConfig(text_config=dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                                                       intermediate_size=64, vocab_size=99),
                                      vision_config=_vision()), {"prefix": ["[CLS]"]}),
        "siglip": (lambda: t.SiglipConfig(text_config=dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                                                           intermediate_size=64, vocab_size=99),
                                          vision_config=_vision()), {"prefix": []}),
        "dinov2_with_registers": (lambda: t.Dinov2WithRegistersConfig(**_vision(), num_register_tokens=2),
                                  {"prefix": ["[CLS]", "[REG0]", "[REG1]"]}),
    }


def _vision():
    return dict(hidden_size=64, num_attention_heads=4, num_hidden_layers=2, intermediate_size=128, image_size=32, patch_size=8)


FAMILIES = list(_configs())
VISION = {"deit", "clip", "siglip", "dinov2_with_registers"}
EXPECTED_FAMILY = {"qwen2": "qwen", "qwen3": "qwen", "olmo2": "olmo", "gemma3_text": "gemma3",
                   "dinov2_with_registers": "vit"}


def _peak(model) -> None:
    """Scale weight matrices (not embeddings) by 3, attention projections by 12, q/k norm gains to 3:
    logits of several units, so attention is peaked (a near-uniform pattern would make the check easy)."""
    attention = ("q_proj", "k_proj", "query", "key", "qkv_proj", "query_key_value", "q_lin", "k_lin")
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 2 and "embed" not in name:
                p.mul_(12.0 if any(f".{a}." in name for a in attention) else 3.0)
            elif p.dim() == 1 and any(n in name for n in ("q_norm", "k_norm", "q_layernorm", "k_layernorm")):
                p.fill_(2.0 if torch.all(p == 0) else 3.0)  # Gemma's RMSNorm scales by (1 + weight)


def _image_processor(family: str):
    import transformers as t

    square = {"height": 32, "width": 32}
    if family == "deit":
        return t.DeiTImageProcessor(size=square, crop_size=square)
    if family == "clip":
        return t.CLIPImageProcessor(size={"shortest_edge": 32}, crop_size=square)
    if family == "siglip":
        return t.SiglipImageProcessor(size=square)
    return t.ViTImageProcessor(size=square)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("families")


@pytest.fixture(scope="module")
def text_corpus(root) -> Path:
    p = root / "sentences.txt"
    p.write_text("\n".join(SENTENCES) + "\n")
    return p


@pytest.fixture(scope="module")
def image_corpus(root) -> Path:
    from PIL import Image

    folder = root / "images"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(3):
        img = (rng.random((40, 50, 3)) * 255).astype(np.uint8)
        img[:, : 10 + 12 * i] = (255 * (i == 0), 128, 255 * (i == 2))
        Image.fromarray(img).save(folder / f"im{i}.png")
    return folder


@pytest.fixture(scope="module")
def model_dir(root):
    import transformers as t

    def make(family: str) -> Path:
        folder = root / family
        if folder.exists():
            return folder
        torch.manual_seed(0)
        config = _configs()[family][0]()
        model_cls = {"clip": t.CLIPModel, "siglip": t.SiglipModel}.get(family, t.AutoModel)
        model = model_cls.from_config(config) if model_cls is t.AutoModel else model_cls(config)
        _peak(model)
        model.save_pretrained(folder)
        if family in VISION:
            _image_processor(family).save_pretrained(folder)
        else:
            src = _package_dir(*DEMO_PACKAGES["demo:minilm"], "demo:minilm") / "model"
            for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
                if (src / name).is_file():
                    shutil.copy(src / name, folder / name)
        return folder

    return make


def _batch(loaded, corpus):
    prepared = prepare(loaded, load_corpus(str(corpus)))
    lengths = prepared.sequences["n_tokens"].tolist()
    return prepared, model_inputs(loaded, prepared, list(range(len(lengths))), lengths, "cpu"), lengths


def _peak_ratio(probs, lengths) -> float:
    """Mean over heads and queries (with >= 4 visible keys) of top probability x visible keys: 1 = uniform."""
    s = int(np.argmax(lengths))
    ratios = []
    for p in probs:
        p = p[s, :, : lengths[s], : lengths[s]].double()
        visible = (p > 0).sum(-1)
        keep = visible >= 4
        ratios.append((p.amax(-1) * visible)[keep].mean().item())
    return float(np.mean(ratios))


def _without(contract: AttentionContract, term: str) -> AttentionContract:
    if term == "windows":
        return dataclasses.replace(contract, windows=(None,) * len(contract.windows))
    if term == "softcap":
        return dataclasses.replace(contract, softcap=None)
    if term == "slopes":
        return dataclasses.replace(contract, alibi_slopes=None)
    if term == "scale":
        return dataclasses.replace(contract, scales=tuple(16**-0.5 for _ in contract.scales))
    raise ValueError(term)


@pytest.mark.parametrize("family", FAMILIES)
def test_family_reproduces_eager_attention(family, model_dir, text_corpus, image_corpus, tmp_path):
    _, expected = _configs()[family]
    folder = model_dir(family)
    corpus = image_corpus if family in VISION else text_corpus
    loaded = load_model(str(folder), attn_implementation="eager")
    a = loaded.adapter
    assert a.family == EXPECTED_FAMILY.get(family, family)
    assert a.records, "every adapter says what it records (qkatlas models)"
    terms = a.attention_terms()
    assert terms["windows"] == expected.get("windows", [None] * a.n_layers)
    assert terms["softcap"] == expected.get("softcap")
    if "slopes" in expected:
        np.testing.assert_allclose(terms["alibi_slopes"], expected["slopes"])
    else:
        assert terms["alibi_slopes"] is None
    if "scale" in expected:
        np.testing.assert_allclose(a.scales(), [expected["scale"]] * a.n_layers)
    assert list(a.prefix_tokens) == expected.get("prefix", [])

    # 1. in memory, float32, padded batch, every layer and head
    prepared, inputs, lengths = _batch(loaded, corpus)
    if family not in VISION:
        assert len(set(lengths)) > 1 and max(lengths) > 2 * WINDOW, lengths
    errors = attention_errors(loaded, inputs, lengths)
    assert errors.shape == (a.n_layers, a.n_heads) and np.isfinite(errors).all()
    assert errors.max() < TOL, f"{family}: worst error {errors.max():.2e} at {np.unravel_index(errors.argmax(), errors.shape)}"
    _, probs = capture_batch(loaded, inputs, max(lengths))
    peak = _peak_ratio(probs, lengths)
    assert peak > 2.0, f"{family}: attention is nearly uniform (top key gets {peak:.1f}x the uniform share)"

    # 2. negative controls: every extra term is needed
    contract = AttentionContract.from_model(loaded.describe())
    controls = [t for t in ("windows", "softcap", "slopes", "scale") if t in expected]
    for term in controls:
        wrong = attention_errors(loaded, inputs, lengths, contract=_without(contract, term))
        assert wrong.max() > 1e-2, f"{family}: dropping {term} still matches (error {wrong.max():.2e})"

    # 3. the build's code path (sdpa where supported), stored float16, read through Atlas.attention
    out = tmp_path / "atlas"
    capture(str(folder), str(corpus), out, progress=False, log=lambda *_: None)
    atlas = Atlas.open(out)
    assert atlas.manifest["model"]["attention"] == {k: terms[k] for k in ("windows", "softcap", "alibi_slopes")}
    assert atlas.sequences["n_tokens"].tolist() == lengths
    worst = 0.0
    for layer in range(a.n_layers):
        for head in range(a.n_heads):
            for s, n in enumerate(lengths):
                ours = atlas.attention(layer, head, s)
                theirs = probs[layer][s, head, :n, :n].double().numpy()
                worst = max(worst, float(np.abs(ours - theirs).max()))
    assert worst < STORED_TOL, f"{family}: stored float16 attention off by {worst:.2e}"
    if family in VISION:
        t = atlas.tokens[atlas.tokens["seq"] == 0]
        prefix = expected["prefix"]
        assert t["token"].tolist()[: len(prefix)] == prefix and (t["patch_row"].iloc[: len(prefix)] == -1).all()
        assert t["patch_row"].iloc[len(prefix):].tolist() == [r for r in range(4) for _ in range(4)]
    print(f"{family}: float32 {errors.max():.1e}, stored float16 {worst:.1e}, peak {peak:.1f}x, controls "
          + ", ".join(f"{t} {attention_errors(loaded, inputs, lengths, contract=_without(contract, t)).max():.2f}" for t in controls))


def test_undeclared_prefix_tokens_are_an_error(model_dir, image_corpus, tmp_path, monkeypatch):
    """A model with tokens its adapter does not declare (registers) must not shift patch labels."""
    from qkatlas.capture.adapters.deit import DeiTAdapter

    monkeypatch.setattr(DeiTAdapter, "prefix_tokens", ("[CLS]",))
    with pytest.raises(InputError, match=r"sees 18 tokens per image.*expects 17 \(16 patches \+ 1 prefix"):
        capture(str(model_dir("deit")), str(image_corpus), tmp_path / "atlas", progress=False, log=lambda *_: None)


def test_bfloat16_capture_close_to_float32(model_dir, text_corpus):
    """bfloat16 numerics on CPU: against the model itself and against the same weights in float32."""
    from qkatlas.capture.verify import TOLERANCE, TOLERANCE_VS_FLOAT32, dtype_errors

    for family in ("gemma2", "bloom"):
        own, vs32 = dtype_errors(str(model_dir(family)), "bfloat16", str(text_corpus))
        assert own.max() < TOLERANCE["bfloat16"], (family, own.max())
        assert vs32.max() < TOLERANCE_VS_FLOAT32["bfloat16"], (family, vs32.max())
        print(f"{family} bfloat16: vs itself {own.max():.1e}, vs float32 {vs32.max():.1e}")


@pytest.mark.parametrize("family", ["qwen3", "olmo2", "stablelm", "gemma3_text", "mistral"])
def test_capture_point_control(family, model_dir, text_corpus, monkeypatch):
    """Negative control for what is not a recorded term but a capture point: q and k taken at
    their projections (before q/k norm and (partial) rotary) must NOT reproduce the attention."""
    loaded = load_model(str(model_dir(family)), attn_implementation="eager")
    _, inputs, lengths = _batch(loaded, text_corpus)
    monkeypatch.setattr(type(loaded.adapter), "capture_at", "projections")
    wrong = attention_errors(loaded, inputs, lengths)
    assert wrong.max() > 1e-2, f"{family}: projection outputs reproduce the attention ({wrong.max():.2e})"
    print(f"{family}: captured before norm/rotary: error {wrong.max():.2f}")
