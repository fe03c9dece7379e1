"""Check captured queries and keys against the model's own attention probabilities.

This is the contract of the whole tool: softmax(q k^T * scale + mask) from what we capture must
equal what the model computes (eager attention, ``output_attentions=True``) for every layer and
head. ``qkatlas verify`` runs it on any supported model, so users can check a model of their own.
"""

from __future__ import annotations

import numpy as np

from qkatlas.capture.models import LoadedModel


def attention_errors(loaded: LoadedModel, inputs: dict, lengths: list[int]) -> np.ndarray:
    """Max abs error per (layer, head) over one padded batch; ``lengths`` = real tokens per row.

    ``loaded`` must use eager attention so that the model returns its probabilities.
    """
    import torch

    a = loaded.adapter
    captured: dict[int, tuple] = {}

    def sink(layer, q, k, v):
        captured[layer] = (q.double(), k.double())

    handles = a.install(sink)
    try:
        with torch.inference_mode():
            out = loaded.model(**inputs, output_attentions=True)
    finally:
        for h in handles:
            h.remove()
    if out.attentions is None or len(out.attentions) != a.n_layers:
        raise RuntimeError(f"{loaded.name}: the model returned no attention probabilities (use eager attention)")

    scales = a.scales()
    kv = torch.tensor(a.kv_head_of)
    errors = np.zeros((a.n_layers, a.n_heads))
    for layer, model_probs in enumerate(out.attentions):
        q, k = captured[layer]
        k = k[:, kv]  # each query head against the key head it reads
        logits = torch.einsum("bhqd,bhkd->bhqk", q, k) * scales[layer]
        for b, n in enumerate(lengths):
            lg = logits[b, :, :n, :n].clone()
            if a.causal:
                lg.masked_fill_(torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1), float("-inf"))
            ours = torch.softmax(lg, dim=-1)
            theirs = model_probs[b, :, :n, :].double()
            # the model's mass on padding keys must be zero too, so compare the full key axis
            full = torch.zeros_like(theirs)
            full[:, :, :n] = ours
            err = (full - theirs).abs().amax(dim=(1, 2)).numpy()
            errors[layer] = np.maximum(errors[layer], err)
    return errors


def verify_model(model: str | LoadedModel, corpus="demo:wiki", n: int = 8, max_length: int | None = None) -> np.ndarray:
    """Errors per (layer, head) for one padded batch of ``n`` sequences of ``corpus``."""
    from qkatlas.capture.models import load_model
    from qkatlas.capture.runner import model_inputs, prepare
    from qkatlas.corpus import load_corpus

    loaded = model if isinstance(model, LoadedModel) else load_model(model, attn_implementation="eager")
    prepared = prepare(loaded, load_corpus(corpus, max_sequences=n), max_length)
    lengths = prepared.sequences["n_tokens"].tolist()
    inputs = model_inputs(loaded, prepared, list(range(len(lengths))), lengths, "cpu")
    return attention_errors(loaded, inputs, lengths)
