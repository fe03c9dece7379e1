"""A local multi-node Ray cluster on 127.0.0.1 for the scale tests (two nodes of one CPU each).

Ray resolves a node's address to the machine's reachable address unless its single-machine
switch is off; it is turned off here, before Ray is imported, so every server of the test
cluster listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")


@pytest.fixture(scope="session")
def ray_cluster():
    """(cluster, worker node): a head node and one more node, 1 CPU each; stopped after the session."""
    pytest.importorskip("ray")
    import ray
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    node = cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    try:
        yield cluster, node
    finally:
        if ray.is_initialized():
            ray.shutdown()
        cluster.shutdown()


@pytest.fixture(scope="session")
def tiny_llama_atlas(tmp_path_factory):
    """A random-init Llama with grouped-query attention (6 query heads over 2 key heads, rotary),
    q/k weights scaled up so attention is peaked, captured over the tiny corpus; no layouts."""
    import shutil

    import torch
    from transformers import LlamaConfig, LlamaModel

    from support.tiny import SENTENCES, _root, corpus_file
    from qkatlas.capture.loader import DEMO_PACKAGES, _package_dir
    from qkatlas.capture.run import capture

    root = _root(tmp_path_factory)
    folder, out = root / "tiny-llama-gqa", root / "tiny-llama-atlas"
    if not (out / "manifest.json").is_file():
        torch.manual_seed(0)
        config = LlamaConfig(vocab_size=30522, hidden_size=96, num_hidden_layers=2, num_attention_heads=6,
                             num_key_value_heads=2, head_dim=16, intermediate_size=128, max_position_embeddings=128,
                             pad_token_id=0)
        model = LlamaModel(config)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name.endswith(("q_proj.weight", "k_proj.weight")):
                    p.mul_(4.0)
        model.save_pretrained(folder)
        src = _package_dir(*DEMO_PACKAGES["demo:minilm"], "demo:minilm") / "model"
        for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
            if (src / name).is_file():
                shutil.copy(src / name, folder / name)
        corpus = corpus_file(tmp_path_factory, "sentences.txt", SENTENCES)
        capture(str(folder), str(corpus), out, progress=False, log=lambda *_: None)
    return out
