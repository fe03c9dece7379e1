"""Image corpora: the demo set is reproducible and varied, user folders fail softly per file
and loudly (InputError) only when nothing can be used, and patch features are exact on an
image whose answer we know."""

import hashlib
import os

import numpy as np
import pytest
from PIL import Image

from qkatlas.corpus.images import ImageCorpus, ImageItem, demo_images, load_image_folder, patch_features
from qkatlas.errors import InputError


@pytest.fixture(scope="module")
def demo():
    return demo_images(seed=0)


def test_demo_images_is_deterministic(demo):
    again = demo_images(seed=0)
    assert [i.name for i in demo.items] == [i.name for i in again.items]
    for a, b in zip(demo.items, again.items):
        assert np.array_equal(np.asarray(a.image), np.asarray(b.image)), a.name
    other = {i.name: np.asarray(i.image) for i in demo_images(seed=1).items}
    assert not np.array_equal(other["noise_rgb"], np.asarray(next(i for i in demo.items if i.name == "noise_rgb").image))


# sha256 over (name, pixels) of the synthetic demo images, pinned before they became lazy:
# atlases store a hash of the pixels they saw, so the demo must keep giving the same images.
SYNTHETIC_SHA256 = {
    0: "c9e14850330d26b3995e33db6af141fa5026a188d6331e5abb5762aa3b49df00",
    1: "4d379d47d8bdc2741042b267c12171a0e99574cc97d365eb4416c2c5956c5e88",
}


@pytest.mark.parametrize("seed", [0, 1])
def test_demo_synthetic_images_are_pinned(seed):
    h = hashlib.sha256()
    for item in demo_images(seed=seed).items:
        if item.source == "synthetic":
            h.update(item.name.encode() + b"\0" + np.asarray(item.image).tobytes())
    assert h.hexdigest() == SYNTHETIC_SHA256[seed]


def test_demo_images_contents(demo):
    assert isinstance(demo, ImageCorpus) and demo.name == "demo:images"
    assert 40 <= len(demo.items) <= 60
    names = [i.name for i in demo.items]
    assert len(set(names)) == len(names)
    for item in demo.items:
        assert item.image.mode == "RGB" and item.image.size == (224, 224), item.name
    photos = [i for i in demo.items if i.source == "skimage"]
    assert {"astronaut", "coffee", "chelsea", "camera"} <= {p.name for p in photos}
    synthetic = [i.name for i in demo.items if i.source == "synthetic"]
    for prefix, count in [("flat_hue_", 12), ("ramp_", 3), ("grating_", 8), ("stripes_", 2), ("checker_", 3)]:
        assert sum(n.startswith(prefix) for n in synthetic) >= count, prefix
    flat_red = np.asarray(next(i for i in demo.items if i.name == "flat_hue_000").image)
    assert (flat_red == [255, 0, 0]).all()


@pytest.fixture
def image_folder(tmp_path):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (20, 30, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(tmp_path / "b_photo.png")
    (tmp_path / "sub").mkdir()
    Image.fromarray(pixels).save(tmp_path / "sub" / "a_photo.JPG", format="JPEG")
    (tmp_path / "corrupt.png").write_bytes(rng.integers(0, 256, 500, dtype=np.uint8).tobytes())
    (tmp_path / "notes.txt").write_text("not an image")
    return tmp_path


def test_load_image_folder_skips_corrupt_and_ignores_other_files(image_folder):
    corpus = load_image_folder(image_folder)
    assert [i.name for i in corpus.items] == ["b_photo.png", "sub/a_photo.JPG"]
    assert all(i.image.mode == "RGB" and i.image.size == (30, 20) for i in corpus.items)
    assert corpus.items[0].source == str(image_folder / "b_photo.png")
    assert np.array_equal(np.asarray(corpus.items[0].image), np.asarray(Image.open(image_folder / "b_photo.png")))
    assert len(corpus.skipped) == 1
    path, reason = corpus.skipped[0]
    assert path == str(image_folder / "corrupt.png") and reason and "\n" not in reason
    assert all("notes.txt" not in p for p, _ in corpus.skipped)
    assert [i.name for i in load_image_folder(image_folder, max_images=1).items] == ["b_photo.png"]


def test_transparent_pixels_become_white(tmp_path):
    rgba = np.zeros((4, 4, 4), np.uint8)  # fully transparent black
    rgba[0, 0] = [255, 0, 0, 255]
    Image.fromarray(rgba, "RGBA").save(tmp_path / "emoji.png")
    arr = np.asarray(load_image_folder(tmp_path).items[0].image)
    assert arr[0, 0].tolist() == [255, 0, 0] and arr[3, 3].tolist() == [255, 255, 255]


def test_missing_folder_raises_input_error(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(InputError, match="nope") as info:
        load_image_folder(missing)
    assert str(missing) in str(info.value) and "\n" not in str(info.value)


def test_folder_without_images_raises_input_error(tmp_path):
    (tmp_path / "readme.txt").write_text("x")
    (tmp_path / "broken.jpg").write_bytes(os.urandom(64))
    with pytest.raises(InputError) as info:
        load_image_folder(tmp_path)
    assert str(tmp_path) in str(info.value) and "\n" not in str(info.value)


def test_patch_features_on_known_image():
    img = np.zeros((28, 28, 3), np.uint8)
    img[:, :14] = [255, 0, 0]  # left half red
    img[:, 14:] = [0, 0, 255]  # right half blue
    f = patch_features(img, patch=14)
    assert f["patch_row"].dtype == np.int16 and f["patch_row"].tolist() == [0, 0, 1, 1]
    assert f["patch_col"].tolist() == [0, 1, 0, 1]
    for key in ("hue", "saturation", "brightness"):
        assert f[key].dtype == np.float32 and f[key].shape == (4,)
    np.testing.assert_allclose(f["hue"], [0.0, 2 / 3, 0.0, 2 / 3], atol=1e-4)
    np.testing.assert_allclose(f["saturation"], 1.0)
    np.testing.assert_allclose(f["brightness"], 1.0)
    thumbs = f["thumbnails"]
    assert thumbs.dtype == np.uint8 and thumbs.shape == (4, 16, 16, 3)
    assert (thumbs[0] == [255, 0, 0]).all() and (thumbs[3] == [0, 0, 255]).all()


def test_patch_features_hue_is_circular_and_ignores_grey():
    img = np.zeros((16, 32, 3), np.uint8)
    img[:, :8] = [255, 0, 26]  # hue ~0.983 (just below red)
    img[:, 8:16] = [255, 26, 0]  # hue ~0.017 (just above red)
    img[:, 16:] = [128, 128, 128]  # grey
    img[:4, 16:] = [0, 255, 0]  # a quarter of the grey patch is green
    f = patch_features(img, patch=16, thumb=4)
    assert f["patch_col"].tolist() == [0, 1] and f["thumbnails"].shape == (2, 4, 4, 3)
    assert min(f["hue"][0], 1 - f["hue"][0]) < 1e-3  # wraps to red, not the arithmetic mean 0.5
    assert abs(f["hue"][1] - 1 / 3) < 1e-4  # grey pixels do not pull toward red


def test_patch_features_uses_whole_patches_in_row_major_order():
    img = np.random.default_rng(0).integers(0, 256, (30, 45, 3), dtype=np.uint8)
    f = patch_features(img, patch=14, thumb=14)
    assert f["thumbnails"].shape == (6, 14, 14, 3)  # 2 rows x 3 cols; remainders ignored
    assert f["patch_row"].tolist() == [0, 0, 0, 1, 1, 1] and f["patch_col"].tolist() == [0, 1, 2, 0, 1, 2]
    assert np.array_equal(f["thumbnails"][4], img[14:28, 14:28])


# --------------------------------------------------------------------------- lazy items


def test_folder_items_hold_paths_and_decode_on_access(image_folder):
    corpus = load_image_folder(image_folder)
    item = corpus.items[0]
    assert item.path == image_folder / "b_photo.png" and item.size == (30, 20)
    assert item._image is None and item._loader is None  # no pixels kept
    first = np.asarray(item.image)
    # decoded from the file at each access: a change on disk shows (nothing was cached)
    Image.fromarray(np.zeros((20, 30, 3), np.uint8)).save(image_folder / "b_photo.png")
    assert first.any() and not np.asarray(item.image).any()
    (image_folder / "b_photo.png").unlink()
    with pytest.raises(InputError) as info:
        item.image
    assert str(image_folder / "b_photo.png") in str(info.value) and "\n" not in str(info.value)


def test_header_checked_at_listing_pixels_at_decode(tmp_path):
    pixels = np.random.default_rng(1).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(tmp_path / "good.png")
    data = (tmp_path / "good.png").read_bytes()
    (tmp_path / "truncated.png").write_bytes(data[: len(data) // 2])  # header fine, pixel data cut
    (tmp_path / "garbage.png").write_bytes(b"\x89PNG not really")  # header unreadable
    corpus = load_image_folder(tmp_path)
    assert [i.name for i in corpus.items] == ["good.png", "truncated.png"]
    assert [p for p, _ in corpus.skipped] == [str(tmp_path / "garbage.png")]
    assert np.array_equal(np.asarray(corpus.items[0].image), pixels)
    with pytest.raises(InputError) as info:
        corpus.items[1].image
    msg = str(info.value)
    assert msg.startswith(f"image {tmp_path / 'truncated.png'}: cannot be decoded (") and "\n" not in msg


def test_listing_stops_at_max_images(tmp_path, monkeypatch):
    from qkatlas.corpus import images

    for i in range(20):
        Image.fromarray(np.full((8, 8, 3), i, np.uint8)).save(tmp_path / f"img{i:02d}.png")
    probed = []
    real = images._probe_image
    monkeypatch.setattr(images, "_probe_image", lambda p: probed.append(p.name) or real(p))
    decoded = []
    real_read = images._read_image
    monkeypatch.setattr(images, "_read_image", lambda p: decoded.append(p.name) or real_read(p))
    corpus = load_image_folder(tmp_path, max_images=3)
    assert [i.name for i in corpus.items] == probed == ["img00.png", "img01.png", "img02.png"]
    assert decoded == []  # listing decodes nothing
    assert np.asarray(corpus.items[2].image)[0, 0].tolist() == [2, 2, 2] and decoded == ["img02.png"]


def test_demo_synthetic_images_are_drawn_on_access():
    items = {i.name: i for i in demo_images(seed=0).items}
    grating = items["grating_f4_a45"]
    assert grating._loader is not None and grating._image is None and grating.size == (224, 224)
    assert grating.image is not grating.image  # drawn anew each time ...
    assert np.array_equal(np.asarray(grating.image), np.asarray(grating.image))  # ... identically


def test_image_item_forms():
    img = Image.new("RGB", (5, 4), (1, 2, 3))
    item = ImageItem(name="x", source="memory", image=img)
    assert item.image is img and item.size == (5, 4) and "in memory" in repr(item)
    assert ImageItem("y", "gen", loader=lambda: img).image is img
    with pytest.raises(ValueError):
        ImageItem("z", "none")
    with pytest.raises(ValueError):
        ImageItem("z", "both", image=img, loader=lambda: img)


def test_load_corpus_images(image_folder):
    from qkatlas.corpus import load_corpus

    corpus = load_corpus(image_folder, max_sequences=1)
    assert isinstance(corpus, ImageCorpus) and [i.name for i in corpus.items] == ["b_photo.png"]
    demo = load_corpus("demo:images", max_sequences=5)
    assert len(demo.items) == 5 and demo.name == "demo:images"
