"""Image corpora (a user's folder, or a built-in demo set) and per-patch features.

Why the demo set mixes photos and synthetic images: photos give realistic attention patterns,
while flat colours, ramps, gratings and checkerboards vary one factor at a time (hue,
brightness, spatial frequency, orientation), so an atlas can show which query/key directions
follow which factor. Everything here works offline.

Why per-patch features: a vision transformer sees one token per patch, so the natural
labels for a token's query/key point are that patch's colour statistics and a thumbnail.
"""

from __future__ import annotations

import colorsys
import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from PIL import Image

from qkatlas.errors import InputError

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp"})
DEMO_SIZE = 224


class ImageItem:
    """One image of a corpus, decoded on access.

    ``item.image`` is an RGB ``PIL.Image``: a file-backed item (``path``) opens and decodes its
    file each time it is read, a generated item (``loader``) calls its loader, and an item made
    with ``image=`` returns that image. Nothing keeps pixels between reads, so a corpus of a
    million files costs a list of paths until the capture decodes one batch of them.
    """

    __slots__ = ("name", "source", "path", "size", "_image", "_loader")

    def __init__(self, name: str, source: str, image: Image.Image | None = None, *,
                 path: str | os.PathLike | None = None, loader: Callable[[], Image.Image] | None = None,
                 size: tuple[int, int] | None = None):
        if (image is not None) + (path is not None) + (loader is not None) != 1:
            raise ValueError(f"ImageItem {name!r}: give exactly one of image=, path= or loader=")
        self.name = name  # e.g. "astronaut", or the file's path relative to the corpus folder
        self.source = source  # "skimage", "synthetic", or the file path
        self.path = pathlib.Path(path) if path is not None else None
        self.size = size if size is not None else (image.size if image is not None else None)  # (w, h)
        self._image = image
        self._loader = loader

    @property
    def image(self) -> Image.Image:
        """The image, RGB (decoded now for a file: a file that fails here raises an InputError naming it)."""
        if self._image is not None:
            return self._image
        if self._loader is not None:
            return self._loader()
        try:
            return _read_image(self.path)
        except Exception as exc:  # PIL raises many types (OSError, SyntaxError, ValueError, ...)
            raise InputError(
                f"image {self.path}: cannot be decoded ({_reason(exc)}); its header was readable when the "
                "corpus was listed, so the file is truncated or corrupt, or changed since: fix or remove it "
                "and run again"
            ) from None

    def __repr__(self) -> str:
        how = "file" if self.path is not None else ("generated" if self._loader is not None else "in memory")
        return f"ImageItem(name={self.name!r}, source={self.source!r}, {how})"


@dataclass
class ImageCorpus:
    name: str
    items: list[ImageItem]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


# --------------------------------------------------------------------------- folders


def _to_rgb(img: Image.Image) -> Image.Image:
    """RGB copy; transparent pixels are composited on white.

    Plain ``convert("RGB")`` would expose whatever colour hides under alpha=0 (often black or
    garbage), which changes what the model sees, e.g. for emoji PNGs.
    """
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return img.convert("RGB")


def _read_image(path: pathlib.Path) -> Image.Image:
    with Image.open(path) as img:
        img.load()  # decode now: truncated or corrupt files fail here, not later
        return _to_rgb(img)


def _probe_image(path: pathlib.Path) -> tuple[int, int]:
    """(width, height) from the file's header, without decoding pixels: the cheap readability
    check made when a folder is listed (a file whose pixel data is broken fails later, on decode)."""
    with Image.open(path) as img:
        width, height = img.size
    if width < 1 or height < 1:
        raise ValueError(f"image size {width}x{height}")
    return width, height


def _reason(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _image_files(root: pathlib.Path) -> list[pathlib.Path]:
    """Image files under ``root`` by relative path; hidden files and folders are left out
    (``.git``, macOS ``._name.jpg`` resource forks), and symlinked folders are not followed."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fname in filenames:
            if not fname.startswith(".") and pathlib.Path(fname).suffix.lower() in IMAGE_SUFFIXES:
                found.append(pathlib.Path(dirpath, fname))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def load_image_folder(path, max_images: int | None = None) -> ImageCorpus:
    """List the PNG/JPEG/WebP/BMP images under ``path`` (recursive, sorted by relative path).

    Each file's header is read now (format and size: a cheap check); its pixels are decoded only
    when ``item.image`` is read, one batch at a time during capture. Files whose header cannot be
    read go to ``skipped`` with the reason instead of stopping a long run; ``max_images`` counts
    readable images only, and listing stops there. Images keep their own size: resizing is
    the model's preprocessing, not the corpus's.
    """
    root = pathlib.Path(path).expanduser()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise InputError(f"image folder {root} {what}; pass a folder that contains PNG or JPEG images")
    if max_images is not None and max_images < 1:
        raise InputError(f"max_images={max_images} for image folder {root}; use a positive number or leave it unset")

    items: list[ImageItem] = []
    skipped: list[tuple[str, str]] = []
    for file in _image_files(root):
        if max_images is not None and len(items) >= max_images:
            break
        try:
            size = _probe_image(file)
        except Exception as exc:  # PIL raises many types (OSError, SyntaxError, ValueError, ...)
            skipped.append((str(file), _reason(exc)))
            continue
        items.append(ImageItem(name=file.relative_to(root).as_posix(), source=str(file), path=file, size=size))

    if not items:
        detail = f" ({len(skipped)} unreadable)" if skipped else ""
        raise InputError(
            f"no readable image in folder {root}{detail}; add PNG, JPEG, WebP or BMP files "
            f"(suffixes {', '.join(sorted(IMAGE_SUFFIXES))})"
        )
    return ImageCorpus(name=f"folder:{root}", items=items, skipped=skipped)


# --------------------------------------------------------------------------- demo set

# skimage.data photos that ship inside the scikit-image wheel (others need pooch + network).
_SKIMAGE_PHOTOS = (
    "astronaut", "coffee", "chelsea", "rocket", "hubble_deep_field", "immunohistochemistry",
    "retina", "motorcycle", "colorwheel", "camera", "coins", "moon", "brick", "grass",
    "gravel", "clock", "cell",
)


def _square(arr: np.ndarray, size: int = DEMO_SIZE) -> Image.Image:
    """Centre-crop to a square, then resize: keeps the photo's proportions (no squashing)."""
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    img = _to_rgb(Image.fromarray(np.ascontiguousarray(arr)))
    w, h = img.size
    side = min(w, h)
    left, top = (w - side) // 2, (h - side) // 2
    return img.crop((left, top, left + side, top + side)).resize((size, size), Image.Resampling.LANCZOS)


def _skimage_photos() -> list[ImageItem]:
    try:
        from skimage import data
    except Exception:  # scikit-image missing or broken: the synthetic set still works
        return []
    items = []
    for name in _SKIMAGE_PHOTOS:
        try:
            arr = data.stereo_motorcycle()[0] if name == "motorcycle" else getattr(data, name)()
            if arr.dtype != np.uint8:
                continue
            items.append(ImageItem(name=name, source="skimage", image=_square(arr)))
        except Exception:  # not bundled in this version (needs a download): skip it
            continue
    return items


def _grey(values: np.ndarray) -> Image.Image:
    v = np.clip(np.round(values * 255.0), 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([v] * 3, axis=-1))


def _grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s = DEMO_SIZE
    coords = (np.arange(s) + 0.5) / s  # pixel centres in [0, 1)
    x, y = np.meshgrid(coords, coords)  # x: column, y: row
    return coords, x, y


def _flat_hue(hue_deg: int) -> Image.Image:
    rgb = np.round(np.array(colorsys.hsv_to_rgb(hue_deg / 360.0, 1.0, 1.0)) * 255).astype(np.uint8)
    return Image.fromarray(np.broadcast_to(rgb, (DEMO_SIZE, DEMO_SIZE, 3)).copy())


def _ramp(kind: str) -> Image.Image:
    coords, x, y = _grid()
    if kind == "horizontal":
        return _grey(x)
    if kind == "vertical":
        return _grey(y)
    if kind == "radial":
        return _grey(1.0 - np.hypot(x - 0.5, y - 0.5) / np.hypot(0.5, 0.5))
    hue_ramp = np.array([colorsys.hsv_to_rgb(h, 1.0, 1.0) for h in coords])  # (s, 3)
    return Image.fromarray(np.round(np.broadcast_to(hue_ramp, (DEMO_SIZE, DEMO_SIZE, 3)) * 255).astype(np.uint8))


def _wave(freq: int, angle: int, square: bool) -> Image.Image:
    _, x, y = _grid()
    t = np.deg2rad(angle)
    phase = 2 * np.pi * freq * (x * np.cos(t) + y * np.sin(t))
    return _grey((np.cos(phase) >= 0).astype(float) if square else 0.5 + 0.5 * np.cos(phase))


def _checker(square: int) -> Image.Image:
    rows, cols = np.mgrid[0:DEMO_SIZE, 0:DEMO_SIZE]
    return _grey((((rows // square) + (cols // square)) % 2).astype(float))


def _noise(seed: int, grey: bool) -> Image.Image:
    s = DEMO_SIZE
    rng = np.random.default_rng(seed)
    rgb = rng.integers(0, 256, (s, s, 3), dtype=np.uint8)  # drawn first for both: same stream as ever
    return _grey(rng.random((s, s))) if grey else Image.fromarray(rgb)


def _synthetic(seed: int) -> list[ImageItem]:
    """The synthetic demo images as recipes: each is drawn when its ``.image`` is read (a few ms)."""
    recipes: list[tuple[str, Callable[[], Image.Image]]] = []
    for hue_deg in range(0, 360, 30):  # flat colours around the hue circle
        recipes.append((f"flat_hue_{hue_deg:03d}", partial(_flat_hue, hue_deg)))
    for kind in ("horizontal", "vertical", "radial", "hue"):
        recipes.append((f"ramp_{kind}", partial(_ramp, kind)))
    for freq in (2, 4, 8, 16):  # cycles per image width; 16 = one cycle per 14-px patch
        for angle in (0, 45, 90, 135):
            recipes.append((f"grating_f{freq}_a{angle}", partial(_wave, freq, angle, False)))
    for freq in (4, 16):  # hard-edged square-wave stripes
        for angle in (0, 90):
            recipes.append((f"stripes_f{freq}_a{angle}", partial(_wave, freq, angle, True)))
    for square in (7, 14, 16, 28, 56):  # aligned with DINOv2 (14) and ViT (16) patch grids
        recipes.append((f"checker_s{square:03d}", partial(_checker, square)))
    recipes.append(("noise_rgb", partial(_noise, seed, False)))
    recipes.append(("noise_grey", partial(_noise, seed, True)))
    return [ImageItem(name=name, source="synthetic", loader=make, size=(DEMO_SIZE, DEMO_SIZE))
            for name, make in recipes]


def demo_images(seed: int = 0) -> ImageCorpus:
    """The built-in offline corpus: ~17 scikit-image photos + 43 synthetic images, 224x224 RGB.

    Deterministic for a given ``seed`` (which only drives the two noise images). The photos are
    held in memory (about 2.5 MB; loading one is how we learn it ships with this scikit-image);
    the synthetic images are drawn on access.
    """
    return ImageCorpus(name="demo:images", items=_skimage_photos() + _synthetic(seed), skipped=[])


# --------------------------------------------------------------------------- patch features


def _area_matrix(src: int, dst: int) -> np.ndarray:
    """(dst, src) box-filter resampling weights: each output pixel averages the input it covers."""
    scale = src / dst
    lo = np.arange(dst)[:, None] * scale
    hi = lo + scale
    j = np.arange(src)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def patch_features(image: np.ndarray, patch: int, thumb: int = 16) -> dict:
    """Colour statistics and a thumbnail per patch, for labelling a ViT's patch tokens.

    ``image`` is HxWx3 uint8 exactly as the model sees it (after resizing); patches are taken
    row-major over the whole-patch grid (a remainder at the right/bottom is ignored, as the
    patch embedding does). Hue is the circular mean weighted by chroma, so grey pixels (whose
    hue is arbitrary) do not drag the mean toward red; a fully grey patch gets hue 0.
    """
    arr = np.asarray(image)
    if arr.ndim != 3 or arr.shape[2] != 3 or arr.dtype != np.uint8:
        raise ValueError(f"patch_features expects an HxWx3 uint8 array, got shape {arr.shape} dtype {arr.dtype}")
    if patch < 1 or thumb < 1:
        raise ValueError(f"patch and thumb must be positive, got patch={patch} thumb={thumb}")
    gh, gw = arr.shape[0] // patch, arr.shape[1] // patch
    n = gh * gw
    # (n, patch, patch, 3) blocks in row-major patch order
    blocks = arr[: gh * patch, : gw * patch].reshape(gh, patch, gw, patch, 3).transpose(0, 2, 1, 3, 4)
    blocks = blocks.reshape(n, patch, patch, 3)

    rgb = blocks.astype(np.float32) / 255.0
    cmax = rgb.max(axis=-1)
    cmin = rgb.min(axis=-1)
    chroma = cmax - cmin
    sat = np.where(cmax > 0, chroma / np.where(cmax > 0, cmax, 1.0), 0.0)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    safe = np.where(chroma > 0, chroma, 1.0)
    hue6 = np.where(cmax == r, ((g - b) / safe) % 6.0, np.where(cmax == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0))
    angle = hue6.astype(np.float64) * (np.pi / 3.0)
    wsum = chroma.sum(axis=(1, 2)).astype(np.float64)
    cos_m = (chroma * np.cos(angle)).sum(axis=(1, 2))
    sin_m = (chroma * np.sin(angle)).sum(axis=(1, 2))
    hue = np.where(wsum > 0, (np.arctan2(sin_m, cos_m) / (2 * np.pi)) % 1.0, 0.0)
    hue = hue.astype(np.float32)
    hue[hue >= 1.0] = 0.0  # float32 rounding of a tiny negative angle

    rs = _area_matrix(patch, thumb).astype(np.float32)
    thumbs = np.einsum("ip,npqc,jq->nijc", rs, blocks.astype(np.float32), rs, optimize=True)

    idx = np.arange(n)
    return {
        "patch_row": (idx // max(gw, 1)).astype(np.int16),
        "patch_col": (idx % max(gw, 1)).astype(np.int16),
        "hue": hue,
        "saturation": sat.mean(axis=(1, 2)).astype(np.float32),
        "brightness": cmax.mean(axis=(1, 2)).astype(np.float32),
        "thumbnails": np.clip(np.round(thumbs), 0, 255).astype(np.uint8),
    }
