"""The example notebook (examples/widget.ipynb) runs from top to bottom in a fresh kernel
(nbclient): it builds a small atlas, shows the widget (a widget view in the outputs), takes a quick
look at one sentence, draws a figure and exports a site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "widget.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def test_example_notebook_runs(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("anywidget")
    monkeypatch.setenv("QKATLAS_EXAMPLE_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, [f"{e['ename']}: {e['evalue']}" for e in errors]
    widgets = [o for o in outputs if WIDGET_MIME in o.get("data", {}) and "qkatlas widget" in o["data"].get("text/plain", "")]
    assert len(widgets) == 2, widgets  # the atlas and the quick look
    texts = "\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in outputs)
    assert "('head', 4, 2)" in texts and "minilm: 24 heads" in texts and "<qkatlas widget: minilm sequence" in texts
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "heads.png").is_file()
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    models = [m["state"] for m in state.values() if m.get("model_name") == "AnyModel"]
    if models:  # nbclient stores the widget state: the quick look opens the sequence view
        assert any(m.get("view") == "sequence" for m in models), json.dumps(models)[:500]
