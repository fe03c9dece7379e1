"""Image atlases: the patch-thumbnail sprite sheet and the image files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from qkatlas.server.errors import missing, too_large
from qkatlas.server.registry import Snapshot
from qkatlas.server.service.base import ServiceBase

SPRITE_MAX_PX = 8192


class ImagesPart(ServiceBase):
    # ---- images ---------------------------------------------------------------------------------------------
    @staticmethod
    def thumbnails_spec(snap: Snapshot) -> dict | None:
        th = snap.atlas.thumbnails
        if th is None:
            return None
        tile = int(th.shape[1])
        cols = max(1, int(np.ceil(np.sqrt(len(th)))))
        if cols * tile > SPRITE_MAX_PX:
            return None
        return {"tile": tile, "columns": cols, "count": int(len(th)), "url": f"/api/atlas/{snap.id}/thumbnails.png"}

    def sprite(self, snap: Snapshot) -> bytes:
        th = snap.atlas.thumbnails
        if th is None:
            raise missing(f"atlas {snap.id!r} has no patch thumbnails (not an image atlas)")
        n, t = len(th), int(th.shape[1])
        cols = max(1, int(np.ceil(np.sqrt(n))))
        if cols * t > SPRITE_MAX_PX:
            raise too_large(f"atlas {snap.id!r} has {n} thumbnails, too many for one {SPRITE_MAX_PX} px sprite sheet; "
                            "draw points instead of thumbnails")

        def make() -> bytes:
            from PIL import Image

            rows = int(np.ceil(n / cols))
            sheet = np.zeros((rows * cols, t, t, 3), np.uint8)
            sheet[:n] = th
            sheet = sheet.reshape(rows, cols, t, t, 3).transpose(0, 2, 1, 3, 4).reshape(rows * t, cols * t, 3)
            buf = io.BytesIO()
            Image.fromarray(sheet).save(buf, format="PNG", compress_level=3)
            return buf.getvalue()

        return self._cached(snap, ("sprite",), make)

    def image_path(self, snap: Snapshot, seq: int) -> Path:
        if not snap.atlas.is_image:
            raise missing(f"atlas {snap.id!r} is a text atlas; it has no images")
        self.seq(snap, seq)
        p = snap.atlas.image_path(seq)
        if p is None:
            raise missing(f"atlas {snap.id!r} has no image file for sequence {seq}")
        size = p.stat().st_size
        self.limits.check(size, f"image {seq}", "this image file is too large to serve")
        return p


