"""Where and in which precision a model runs: ``--device`` and ``--dtype``, checked before loading.

Why a module of its own: a wrong device ("cuda" on a machine without CUDA, "gpu") must be a
one-line error before minutes of loading weights, and "auto" must mean the same everywhere:
the fastest device present; float32 on a CPU (bfloat16 matmuls are slow there and lose
precision for nothing), the checkpoint's own dtype on a GPU (GGUF, which has none: bfloat16).
"""

from __future__ import annotations

from qkatlas.errors import InputError

DTYPES = ("auto", "float32", "bfloat16", "float16")


def resolve_device(device: str | None) -> str:
    """A torch device string that exists on this machine, or a clear InputError."""
    import torch

    d = (device or "cpu").strip().lower()
    if d == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if d == "cpu":
        return d
    if d == "cuda" or d.startswith("cuda:"):
        if not torch.cuda.is_available():
            raise InputError(f"--device {device}: CUDA is not available on this machine (torch {torch.__version__}); "
                             "use --device cpu, or install a CUDA build of torch on a machine with an NVIDIA GPU")
        if d.startswith("cuda:"):
            index = d.split(":", 1)[1]
            if not index.isdigit() or int(index) >= torch.cuda.device_count():
                raise InputError(f"--device {device}: no such GPU; this machine has {torch.cuda.device_count()} "
                                 f"(cuda:0..cuda:{torch.cuda.device_count() - 1})")
        return d
    if d == "mps":
        if getattr(torch.backends, "mps", None) is None or not torch.backends.mps.is_available():
            raise InputError(f"--device {device}: Apple MPS is not available on this machine; use --device cpu")
        return d
    raise InputError(f"--device {device!r}: not a device; choose cpu, cuda, cuda:N, mps or auto")


def resolve_dtype(dtype: str | None, device: str, checkpoint_dtype=None, model: str = "", quantized: bool = False) -> str:
    """The torch dtype name to load ``model`` in (see the module docstring for ``auto``).

    ``quantized`` (GGUF): the checkpoint has no float dtype of its own; ``auto`` dequantises to
    the smallest one that computes well there: bfloat16 on a GPU that has it (float16 otherwise,
    and on MPS), float32 on a CPU.
    """
    import torch

    d = (dtype or "auto").strip().lower()
    if d not in DTYPES:
        raise InputError(f"--dtype {dtype!r}: choose from {', '.join(DTYPES)}")
    if d != "auto":
        return d
    if device == "cpu":
        return "float32"
    if quantized:
        if device.startswith("cuda") and torch.cuda.is_bf16_supported():
            return "bfloat16"
        return "float16"
    name = str(checkpoint_dtype or "").replace("torch.", "")
    return name if name in ("bfloat16", "float16", "float32") else "float32"
