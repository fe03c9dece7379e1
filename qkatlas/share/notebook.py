"""``qkatlas.show``: the explorer in a notebook (Jupyter, VS Code, marimo), talking to the kernel.

``show(atlas)`` opens atlases; ``show(model=..., text=...)`` is a quick look at one sentence (or a
few): it captures them into a temporary atlas with PCA layouts and opens the sequence view, in
the spirit of bertviz's head view. The widget reports what the user selects in
``widget.selection``.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

from qkatlas.errors import InputError
from qkatlas.share.extras import require


def show(atlas=None, *, model: str | None = None, text: str | list[str] | None = None, view: str | None = None,
         layer: int = 0, head: int = 0, layout: str | None = None, color: str = "role", token: int | None = None,
         theme: str = "light", height: int = 640, out=None):
    """The explorer as a widget.

    ``atlas``: an ``Atlas``, an atlas folder, a folder of atlases, or a list of these (the atlas
    picker switches between them). Or ``model`` and ``text``: capture ``text`` (a sentence or a
    list of them) with ``model`` (``demo:minilm``, a Hugging Face id, a local folder) into ``out``
    (default: a temporary folder removed when Python exits) and show its sequence view.
    ``view``: matrix, head, sequence or image; ``layer``/``head``: the focused head; ``token``:
    a selected token row.
    """
    require("qkatlas.show", "widget", "anywidget")
    if model is not None or text is not None:
        if atlas is not None:
            raise InputError("qkatlas.show: give an atlas, or model= and text=, not both")
        if model is None or not text:
            raise InputError("qkatlas.show: a quick look needs both model= and text= (a sentence or a list of them)")
        folder = quick_atlas(model, [text] if isinstance(text, str) else list(text), out)
        atlas, view = folder, view or "sequence"
        if token is None:
            token = _first_word(folder)
    if atlas is None:
        raise InputError("qkatlas.show: give an atlas (an Atlas, a folder) or model= and text=")
    from qkatlas.share.widget import AtlasWidget

    items = atlas if isinstance(atlas, (list, tuple)) else [atlas]
    paths = [Path(getattr(a, "path", a)) for a in items]
    return AtlasWidget(paths, view=view or "matrix", layer=layer, head=head, layout=layout, color=color, token=token,
                       theme=theme, height=height)


def quick_atlas(model: str, texts: list[str], out=None) -> Path:
    """Capture ``texts`` with ``model`` into an atlas with PCA 2-D layouts and head analysis."""
    require("qkatlas.show(model=...)", "capture,layout", "torch", "transformers")
    require("qkatlas.show(model=...)", "layout", "numba")
    from qkatlas.capture.run import capture
    from qkatlas.layout.run import compute_layouts
    from qkatlas.pipeline.analyze import analyze

    if not all(isinstance(t, str) and t.strip() for t in texts):
        raise InputError("qkatlas.show: text= must be a sentence or a list of non-empty sentences")
    if out is None:
        tmp = Path(tempfile.mkdtemp(prefix="qkatlas-show-"))
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
        out = tmp / (re.sub(r"[^A-Za-z0-9_.-]+", "-", str(model).replace("demo:", "").rstrip("/").split("/")[-1]) or "atlas")
    quiet = lambda *_: None  # noqa: E731
    capture(model, texts, out, progress=False, log=quiet)
    compute_layouts(out, ["pca"], [2], workers=1, progress=False, log=quiet)
    analyze(out, progress=False, log=quiet)
    return Path(out)


def _first_word(folder: Path) -> int:
    """Row of the first token that is not special ([CLS], BOS), else 0."""
    from qkatlas.atlas.reader import Atlas

    tok = Atlas.open(folder).tokens
    plain = tok.index[~tok["is_special"].to_numpy(bool)] if "is_special" in tok.columns else tok.index
    return int(plain[0]) if len(plain) else 0
