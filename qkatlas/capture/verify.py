"""Check captured queries and keys against the model's own attention probabilities.

This is the contract of the whole tool: the attention computed from what we capture, through
``qkatlas.attention`` (scale, window, soft-cap, ALiBi, mask), must equal what the model computes
(eager attention, ``output_attentions=True``) for every layer and head. ``qkatlas verify`` runs
it on any supported model, device and dtype, so users can check a model of their own.

Tolerances per dtype (max abs error of one attention probability, any layer, head, query, key),
measured on CPU on the three demos and the random-init families of tests/models/families
(peaked attention, padded batches, sequences longer than the window), and on an H200 (gpu_check):

| check | float32 | bfloat16 | float16 |
|---|---|---|---|
| against the model itself | 2e-7 .. 1e-5 (tolerance 1e-4) | text: MiniLM 1.3e-2, SmolLM2 1.4e-2, families 1e-2 .. 2.7e-2 (tolerance 3e-2) | text: 1e-3 .. 3e-3 (tolerance 5e-3) |
| same weights in float32 | - | MiniLM 1.7e-2, SmolLM2 0.14, DINOv2 0.13; first layer 7e-3 .. 2e-2 (expected difference 0.2) | MiniLM 1.9e-3, SmolLM2 1.5e-2, DINOv2 1.2e-2 (expected 3e-2) |

Why low precision differs: the model's own eager attention rounds q.k, the logits and the
probabilities in that dtype (bfloat16 keeps 8 bits: a logit of 100 is off by up to 0.25), while
ours is float64 from the same rounded q and k; against float32 the hidden states also drift
through the layers (random-init deep models drift chaotically: only their first layer means
something). Heads with huge logits make bfloat16 "against itself" meaningless: DINOv2 (sink heads,
logits > 100) 0.35 in bfloat16 and 4.8e-2 in float16; verify such models in float32. A dropped
term (window, soft-cap, ALiBi, rotary) gives errors of 0.3 to 1 in float32 (negative controls).
"""

from __future__ import annotations

import numpy as np

from qkatlas.attention import AttentionContract, torch_probabilities
from qkatlas.capture.loader import LoadedModel

# against the model itself (verify_model, `qkatlas verify`): text models; see the table above
TOLERANCE = {"float32": 1e-4, "bfloat16": 3e-2, "float16": 5e-3}
# a bfloat16 / float16 capture against the same weights in float32 (dtype_errors): the expected
# difference of a low-precision atlas from a float32 one, drift through the layers included
TOLERANCE_VS_FLOAT32 = {"float32": 1e-4, "bfloat16": 0.2, "float16": 3e-2}


def attention_errors(loaded: LoadedModel, inputs: dict, lengths: list[int], contract: AttentionContract | None = None,
                     reference: list | None = None) -> np.ndarray:
    """Max abs error per (layer, head) over one padded batch; ``lengths`` = real tokens per row.

    ``loaded`` must use eager attention so that the model returns its probabilities. Our side is
    computed in float64 from the captured vectors through ``contract`` (default: the model's own
    terms as the adapter records them; tests pass a contract with a term removed as a negative
    control). ``reference``: per-layer probabilities (B, H, T, T) to compare with instead of the
    model's own (e.g. the same model in float32, from ``model_probabilities``).
    """
    a = loaded.adapter
    contract = contract or AttentionContract.from_model(loaded.describe())
    captured, probs = capture_batch(loaded, inputs, max(lengths))
    probs = reference if reference is not None else probs

    kv = a.kv_head_of
    errors = np.zeros((a.n_layers, a.n_heads))
    for layer, model_probs in enumerate(probs):
        q, k = captured[layer]
        k = k[:, kv]  # each query head against the key head it reads
        terms = contract.layer(layer)
        model_probs = model_probs.double().cpu()
        for b, n in enumerate(lengths):
            ours = torch_probabilities(q[b, :, :n], k[b, :, :n], terms)
            theirs = model_probs[b, :, :n, :]
            full = ours.new_zeros(theirs.shape)  # the model's mass on padding keys must be zero too
            full[:, :, :n] = ours
            errors[layer] = np.maximum(errors[layer], (full - theirs).abs().amax(dim=(1, 2)).numpy())
    return errors


def capture_batch(loaded: LoadedModel, inputs: dict, width: int) -> tuple[dict, list]:
    """One eager forward pass: ({layer: (q, k) float64 on the host}, the model's probabilities per layer)."""
    import torch

    from qkatlas.capture.prepare import check_sequence_length

    a = loaded.adapter
    captured: dict[int, tuple] = {}

    def sink(layer, q, k, v):
        check_sequence_length(loaded, q.shape[2], width)
        captured[layer] = (q.double().cpu(), k.double().cpu())

    handles = a.install(sink)
    try:
        with torch.inference_mode():
            out = loaded.model(**inputs, output_attentions=True)
    finally:
        for h in handles:
            h.remove()
    attentions = getattr(out, "attentions", None)
    if attentions is None or len(attentions) != a.n_layers or any(x is None for x in attentions):
        raise RuntimeError(f"{loaded.name}: the model returned no attention probabilities (use eager attention)")
    if len(captured) != a.n_layers:
        raise RuntimeError(f"{loaded.name}: captured {len(captured)} of {a.n_layers} layers")
    return captured, [p.cpu() for p in attentions]


def _batch(loaded: LoadedModel, corpus, n: int, max_length: int | None):
    from qkatlas.capture.prepare import prepare
    from qkatlas.capture.run import model_inputs
    from qkatlas.corpus import load_corpus

    prepared = prepare(loaded, load_corpus(corpus, max_sequences=n), max_length)
    lengths = prepared.sequences["n_tokens"].tolist()[:n]
    return model_inputs(loaded, prepared, list(range(len(lengths))), lengths, loaded.device), lengths


def verify_model(model: str | LoadedModel, corpus="demo:wiki", n: int = 8, max_length: int | None = None,
                 device: str = "cpu", dtype: str = "float32") -> np.ndarray:
    """Errors per (layer, head) for one padded batch of ``n`` sequences of ``corpus``."""
    from qkatlas.capture.loader import load_model

    loaded = model if isinstance(model, LoadedModel) else load_model(model, attn_implementation="eager", device=device, dtype=dtype)
    inputs, lengths = _batch(loaded, corpus, n, max_length)
    return attention_errors(loaded, inputs, lengths)


def dtype_errors(model: str, dtype: str, corpus="demo:wiki", n: int = 8, max_length: int | None = None,
                 device: str = "cpu") -> tuple[np.ndarray, np.ndarray]:
    """A ``dtype`` capture checked twice: against the model's own attention in that dtype, and
    against the same weights in float32 (loaded once in float32, then cast)."""
    import torch

    from qkatlas.capture.loader import load_model

    loaded = load_model(model, attn_implementation="eager", device=device, dtype="float32")
    inputs, lengths = _batch(loaded, corpus, n, max_length)
    _, reference = capture_batch(loaded, inputs, max(lengths))
    loaded.model.to(getattr(torch, dtype))
    loaded.dtype = dtype
    if "pixel_values" in inputs:
        inputs = {**inputs, "pixel_values": inputs["pixel_values"].to(getattr(torch, dtype))}
    return attention_errors(loaded, inputs, lengths), attention_errors(loaded, inputs, lengths, reference=reference)
