"""The explorer as a notebook widget (anywidget): the same front end, data over the comm channel.

Protocol (``web/src/api/widget.ts`` is the other side):

* front end -> kernel, custom message ``{"type": "request", "id": N, "path": "/atlas/minilm/layout/pca-2d",
  "params": {"layer": 3}}``: a GET of the explorer's HTTP API, path under ``/api``;
* kernel -> front end, ``{"type": "response", "id": N, "status": 200, "kind": "json"|"binary"|"png"}``
  with the body as the message's one buffer (errors: a status >= 400 and ``{"error": ...}`` JSON);
* synced traits: ``atlas``, ``view``, ``layout``, ``layer``, ``head``, ``token``, ``color``, ``theme``
  (Python sets them to move the view; the front end writes them back as the user navigates),
  ``height`` (px), ``atlases`` (ids), and ``selection`` (front end -> Python: the focused head, the
  selected token and its text, the view's URL hash, which opens the same view in ``qkatlas serve`` or an export).

Requests are answered by ``share.bridge.ApiBridge``: the server's service layer, no server process.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

from qkatlas.server.app import WEB_DIST
from qkatlas.share.bridge import ApiBridge

WIDGET_DIR = WEB_DIST / "widget"
WIDGET_JS = WIDGET_DIR / "qkatlas-widget.js"
WIDGET_CSS = WIDGET_DIR / "qkatlas-widget.css"
MISSING_JS = """
export default { render({ el }) {
  el.textContent = "qkatlas: the widget's front end is not built in this install (qkatlas/web/dist/widget); run `make web`.";
} };
"""


class AtlasWidget(anywidget.AnyWidget):
    """The explorer over some atlases, inside a notebook. See the module docstring for the protocol."""

    _esm = WIDGET_JS if WIDGET_JS.is_file() else MISSING_JS
    _css = WIDGET_CSS if WIDGET_CSS.is_file() else ""

    atlases = t.List(t.Unicode(), read_only=True).tag(sync=True)
    atlas = t.Unicode("").tag(sync=True)
    view = t.Unicode("matrix").tag(sync=True)
    layout = t.Unicode(None, allow_none=True).tag(sync=True)
    layer = t.Int(0).tag(sync=True)
    head = t.Int(0).tag(sync=True)
    token = t.Int(None, allow_none=True).tag(sync=True)
    color = t.Unicode("role").tag(sync=True)
    theme = t.Unicode("light").tag(sync=True)
    height = t.Int(640).tag(sync=True)
    selection = t.Dict().tag(sync=True)

    def __init__(self, paths: list, **state):
        self.bridge = ApiBridge([Path(p) for p in paths])
        ids = self.bridge.ids()
        super().__init__(**{"atlas": ids[0] if ids else "", **{k: v for k, v in state.items() if v is not None}})
        self.set_trait("atlases", ids)
        self.requests = 0
        self.on_msg(self._on_msg)

    @t.validate("view")
    def _valid_view(self, proposal):
        if proposal["value"] not in ("matrix", "head", "sequence", "image"):
            raise t.TraitError(f"view {proposal['value']!r}: choose matrix, head, sequence or image")
        return proposal["value"]

    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("type") != "request":
            return
        reply = self.answer(content.get("path", ""), content.get("params") or {})
        self.requests += 1
        self.send({"type": "response", "id": content.get("id"), "status": reply.status, "kind": reply.kind},
                  buffers=[reply.body])

    def answer(self, path: str, params: dict):
        """What the kernel answers to one request (also what tests call)."""
        return self.bridge.handle(path, params)

    def __repr__(self) -> str:
        s = self.selection or {}
        where = f"{self.atlas} {self.view} L{self.layer} H{self.head}"
        tok = f", token {s.get('token')} {s.get('text', '')!r}" if s.get("token") is not None else ""
        return f"<qkatlas widget: {where}{tok}>"
