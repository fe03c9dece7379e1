"""Check captured queries and keys against the model's own attention probabilities.

This is the contract of the whole tool: the attention computed from what we capture, through
``qkatlas.attention`` (scale, window, soft-cap, ALiBi, mask), must equal what the model computes
(eager attention, ``output_attentions=True``) for every layer and head. ``qkatlas verify`` runs
it on any supported model, device and dtype, so users can check a model of their own.

Tolerances per dtype (max abs error of a probability), measured on the demos and random-init
families (see README): float32 1e-4; bfloat16 and float16 models compare their own eager
attention, which rounds its logits and probabilities in that dtype, so errors of a few 1e-3 to
1e-2 are rounding, not a wrong capture (a dropped term gives errors of 0.1 or more).
"""

from __future__ import annotations

import numpy as np

from qkatlas.attention import AttentionContract, torch_probabilities
from qkatlas.capture.loader import LoadedModel

TOLERANCE = {"float32": 1e-4, "bfloat16": 3e-2, "float16": 5e-3}


def attention_errors(loaded: LoadedModel, inputs: dict, lengths: list[int], contract: AttentionContract | None = None) -> np.ndarray:
    """Max abs error per (layer, head) over one padded batch; ``lengths`` = real tokens per row.

    ``loaded`` must use eager attention so that the model returns its probabilities. Our side is
    computed in float64 from the captured vectors through ``contract`` (default: the model's own
    terms as the adapter records them; tests pass a contract with a term removed as a negative
    control).
    """
    import torch

    a = loaded.adapter
    contract = contract or AttentionContract.from_model(loaded.describe())
    captured: dict[int, tuple] = {}

    def sink(layer, q, k, v):
        captured[layer] = (q.double().cpu(), k.double().cpu())

    handles = a.install(sink)
    try:
        with torch.inference_mode():
            out = loaded.model(**inputs, output_attentions=True)
    finally:
        for h in handles:
            h.remove()
    if out.attentions is None or len(out.attentions) != a.n_layers or any(x is None for x in out.attentions):
        raise RuntimeError(f"{loaded.name}: the model returned no attention probabilities (use eager attention)")

    kv = torch.tensor(a.kv_head_of)
    errors = np.zeros((a.n_layers, a.n_heads))
    for layer, model_probs in enumerate(out.attentions):
        q, k = captured[layer]
        k = k[:, kv]  # each query head against the key head it reads
        terms = contract.layer(layer)
        model_probs = model_probs.double().cpu()
        for b, n in enumerate(lengths):
            ours = torch_probabilities(q[b, :, :n], k[b, :, :n], terms)
            theirs = model_probs[b, :, :n, :]
            full = torch.zeros_like(theirs)  # the model's mass on padding keys must be zero too
            full[:, :, :n] = ours
            errors[layer] = np.maximum(errors[layer], (full - theirs).abs().amax(dim=(1, 2)).numpy())
    return errors


def verify_model(model: str | LoadedModel, corpus="demo:wiki", n: int = 8, max_length: int | None = None,
                 device: str = "cpu", dtype: str = "float32") -> np.ndarray:
    """Errors per (layer, head) for one padded batch of ``n`` sequences of ``corpus``."""
    from qkatlas.capture.loader import load_model
    from qkatlas.capture.prepare import prepare
    from qkatlas.capture.run import model_inputs
    from qkatlas.corpus import load_corpus

    loaded = model if isinstance(model, LoadedModel) else load_model(model, attn_implementation="eager", device=device, dtype=dtype)
    prepared = prepare(loaded, load_corpus(corpus, max_sequences=n), max_length)
    lengths = prepared.sequences["n_tokens"].tolist()
    inputs = model_inputs(loaded, prepared, list(range(len(lengths))), lengths, loaded.device)
    return attention_errors(loaded, inputs, lengths)
