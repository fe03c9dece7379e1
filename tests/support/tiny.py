"""Small atlases for the projection tests, built once per test session (shared across modules).

Why a tiny random BERT next to the MiniLM demo: layouts of all 72 MiniLM heads take minutes,
while a 2-layer x 4-head model, built locally with the MiniLM tokenizer and captured through
the same code path (``capture.run.capture`` on a ``save_pretrained`` folder), gives 8 heads in seconds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from qkatlas.atlas import paths
from qkatlas.atlas.reader import Atlas

SENTENCES = [
    "The cat sat on the mat and looked at the door.",
    "Rivers carry water from the mountains to the sea.",
    "A small bird sang in the old oak tree every morning.",
    "The library opens at nine and closes late on Fridays.",
    "Students wrote long essays about the history of Rome.",
    "Heavy rain flooded the streets of the northern town.",
    "She painted the fence blue while her brother cut the grass.",
    "Trains leave the central station every fifteen minutes.",
    "The orchestra played a quiet piece before the interval.",
    "Bread rises slowly when the kitchen is cold.",
    "Engineers tested the bridge with heavy trucks at night.",
    "The museum shows paintings, statues and ancient coins.",
    "Farmers harvest wheat at the end of the summer.",
    "A strong wind pushed the sailing boat towards the harbour.",
    "Children played football in the park after school.",
    "The doctor asked the patient to breathe slowly.",
    "Snow covered the roofs of the village overnight.",
    "He read the letter twice and then put it in a drawer.",
    "The market sells fresh fish, fruit and vegetables.",
    "Astronomers observed a bright comet near the horizon.",
    "The old clock in the hall struck twelve at midnight.",
    "Bees collect nectar from flowers across the valley.",
    "The team celebrated their victory with a long dinner.",
    "Workers repaired the road before the winter storms.",
]


def _root(tmp_path_factory) -> Path:
    root = tmp_path_factory.getbasetemp() / "project"
    root.mkdir(exist_ok=True)
    return root


def tiny_model(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer, 4-head BERT with MiniLM's tokenizer, saved as a local folder."""
    folder = _root(tmp_path_factory) / "tiny-bert"
    if (folder / "config.json").is_file():
        return folder
    import torch
    from transformers import BertConfig, BertModel

    from qkatlas.capture.loader import DEMO_PACKAGES, _package_dir

    torch.manual_seed(0)
    config = BertConfig(vocab_size=30522, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=128, max_position_embeddings=128)
    tmp = folder.with_name("tiny-bert.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    BertModel(config).save_pretrained(tmp)
    src = _package_dir(*DEMO_PACKAGES["demo:minilm"], "demo:minilm") / "model"
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        if (src / name).is_file():
            shutil.copy(src / name, tmp / name)
    tmp.rename(folder)
    return folder


def corpus_file(tmp_path_factory, name: str, lines: list[str]) -> Path:
    p = _root(tmp_path_factory) / name
    if not p.is_file():
        p.write_text("\n".join(lines) + "\n")
    return p


def tiny_atlas(tmp_path_factory) -> Path:
    """Tiny-model atlas over SENTENCES, no layouts yet (copy it before changing it)."""
    from qkatlas.capture.run import capture as build

    out = _root(tmp_path_factory) / "tiny-atlas"
    if not (out / paths.MANIFEST).is_file():
        corpus = corpus_file(tmp_path_factory, "sentences.txt", SENTENCES)
        build(str(tiny_model(tmp_path_factory)), str(corpus), out, progress=False, log=lambda *_: None)
    return out


def laid_out(tmp_path_factory, name: str, align: bool = True, dims=(2, 3), workers: int = 1) -> Path:
    """A copy of the tiny atlas with pca, tsne and umap layouts (built once per name)."""
    from qkatlas.layout.run import compute_layouts

    out = _root(tmp_path_factory) / name
    if not out.exists():
        tmp = out.with_name(name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(tiny_atlas(tmp_path_factory), tmp)
        compute_layouts(tmp, ["pca", "tsne", "umap"], list(dims), seed=0, workers=workers, align=align,
                        progress=False, log=lambda *_: None)
        tmp.rename(out)
    return out


def copy_atlas(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def reference_fidelity(atlas: Atlas, layer: int, head: int, coords: np.ndarray, k: int = 5) -> float:
    """Fidelity by the definition, one query at a time (slow, obviously right)."""
    n = atlas.n_tokens
    hits, scored = 0, 0
    for s in range(len(atlas.sequences)):
        rows = atlas.sequence_rows(s)
        p = atlas.attention(layer, head, s)
        yq, yk = coords[:n][rows], coords[n:][rows]
        for i in range(len(p)):
            allowed = np.arange(len(p)) if not atlas.causal else np.arange(i + 1)
            if len(allowed) <= k:
                continue
            top = set(allowed[np.argsort(-p[i, allowed], kind="stable")[:k]].tolist())
            d = np.linalg.norm(yk[allowed] - yq[i], axis=1)
            near = set(allowed[np.argsort(d, kind="stable")[:k]].tolist())
            hits += len(top & near)
            scored += 1
    return hits / (scored * k)
