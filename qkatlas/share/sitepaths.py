"""Every file name of a static export, in one place (``web/src/api/static.ts`` reads the same).

```
SITE/
  index.html                        the explorer page, configured to read data/ (no server)
  assets/                           the built front end: the same files as qkatlas/web/dist/assets
  data/atlases.json                 = GET /api/atlases, plus "export" (qkatlas version, date)
  data/<id>/info.json               = GET /api/atlas/<id>, plus "export" (heads, layouts, tokens kept, attention, missing)
  data/<id>/tokens.qkb              = /tokens            (QKB1, qkatlas/server/wire.py)
  data/<id>/sequences.json          = /sequences
  data/<id>/sample.qkb              rows uint32 (n): the level-of-detail order; /sample?size=K = sorted(rows[:K])
  data/<id>/layouts/<name>/L003.qkb = /layout/<name>?layer=3, the exported heads of layer 3
  data/<id>/norms/L003.qkb          = /norms?layer=3, the same heads
  data/<id>/attention/L003/Q005.qkb queries of head 5, uint8 per dimension (share/qk.py); meta: the head's terms
  data/<id>/attention/L003/K001.qkb keys of key head 1 (grouped-query: once per key head)
  data/<id>/aggregate/L003H005.qkb  /aggregate?layer=3&head=5: arrays attention and weighted, uint16 of 65534 (65535 = no pair)
  data/<id>/heads.json              = /heads (absent without a current analysis; info.export.missing says why)
  data/<id>/similar.json            {"k": K, "heads": {"3,5": [[layer, head, score], ...]}}: exported heads, best first
  data/<id>/fidelity.json           = /fidelity
  data/<id>/head-info.json          {"3,5": /head?layer=3&head=5, ...}: each exported head's terms, label, metrics
  data/<id>/thumbnails.png          = /thumbnails.png (image atlases)
  data/<id>/images/00003.png        = /image/3 (image atlases)
```
"""

from __future__ import annotations

DATA = "data"
INDEX = "index.html"
ASSETS = "assets"
ATLASES = f"{DATA}/atlases.json"
MARKER = ".qkatlas-export"  # says "this folder is a qkatlas export": only such a folder is replaced
FORMAT_VERSION = 1


def atlas_dir(aid: str) -> str:
    return f"{DATA}/{aid}"


def layer_stem(layer: int) -> str:
    return f"L{layer:03d}"


def layout(aid: str, name: str, layer: int) -> str:
    return f"{atlas_dir(aid)}/layouts/{name}/{layer_stem(layer)}.qkb"


def norms(aid: str, layer: int) -> str:
    return f"{atlas_dir(aid)}/norms/{layer_stem(layer)}.qkb"


def queries(aid: str, layer: int, head: int) -> str:
    return f"{atlas_dir(aid)}/attention/{layer_stem(layer)}/Q{head:03d}.qkb"


def keys(aid: str, layer: int, kv_head: int) -> str:
    return f"{atlas_dir(aid)}/attention/{layer_stem(layer)}/K{kv_head:03d}.qkb"


def aggregate(aid: str, layer: int, head: int) -> str:
    return f"{atlas_dir(aid)}/aggregate/{layer_stem(layer)}H{head:03d}.qkb"


def image(aid: str, seq: int) -> str:
    return f"{atlas_dir(aid)}/images/{seq:05d}.png"


def file(aid: str, name: str) -> str:
    """info.json, tokens.qkb, sequences.json, sample.qkb, heads.json, similar.json, fidelity.json, head-info.json,
    thumbnails.png"""
    return f"{atlas_dir(aid)}/{name}"
