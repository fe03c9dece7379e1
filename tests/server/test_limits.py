"""Bounded answers: every endpoint over its limit says how to ask for less; the cache stays bounded."""

from __future__ import annotations

import numpy as np
import pytest

from qkatlas.atlas.reader import Atlas
from qkatlas.server.cache import ByteCache
from qkatlas.server.limits import Limits
from tests.server.conftest import error, make_client, msg


@pytest.fixture(scope="module")
def small(minilm_atlas):
    """A server whose response limit (200 KiB) is below the MiniLM whole matrix (~560 KiB)."""
    return make_client([minilm_atlas], limits=Limits(response_bytes=200 << 10, attention_cells=500))


def test_whole_matrix_over_the_limit_says_ask_per_layer_or_sample(small):
    text = error(small.get("/api/atlas/minilm/layout/pca-2d"), 413)
    assert "layer=" in text and "sample=" in text and "limit" in text
    msg(small.get("/api/atlas/minilm/layout/pca-2d?layer=2"))
    msg(small.get("/api/atlas/minilm/layout/pca-2d?sample=300"))


def test_norms_over_the_limit(small, minilm_atlas):
    c = make_client([minilm_atlas], limits=Limits(response_bytes=50 << 10))
    text = error(c.get("/api/atlas/minilm/norms"), 413)
    assert "layer=" in text and "sample=" in text
    msg(c.get("/api/atlas/minilm/norms?layer=0&head=1"))


def test_tokens_sequences_search_over_the_limit(minilm_atlas):
    c = make_client([minilm_atlas], limits=Limits(response_bytes=3000))
    assert "columns=" in error(c.get("/api/atlas/minilm/tokens"), 413)
    msg(c.get("/api/atlas/minilm/tokens?columns=is_special"))
    assert "offset=" in error(c.get("/api/atlas/minilm/sequences"), 413)
    assert c.get("/api/atlas/minilm/sequences?offset=0&limit=5").status_code == 200
    assert "narrower" in error(c.get("/api/atlas/minilm/search", params={"q": ".", "regex": "true"}), 413)
    assert "smaller size" in error(c.get("/api/atlas/minilm/sample?size=900"), 413)


def test_whole_sequence_attention_over_the_limit_says_ask_for_a_token(small, minilm_atlas):
    a = Atlas.open(minilm_atlas)
    n = int(a.sequences["n_tokens"].iloc[0])
    assert n * n > 500
    text = error(small.get("/api/atlas/minilm/attention?layer=0&head=0&seq=0"), 413)
    assert "token=" in text
    _, arrays = msg(small.get("/api/atlas/minilm/attention?layer=0&head=0&token=3"))
    assert arrays["attention"].shape == (n,)
    _, arrays = msg(small.get("/api/atlas/minilm/attention?layer=0&head=0&token=3&role=key"))
    assert arrays["attention"].shape == (n,)
    np.testing.assert_allclose(arrays["attention"], a.attention(0, 0, 0)[:, 3], atol=1e-6)


def test_cache_never_holds_an_item_above_its_limit():
    c = ByteCache(max_bytes=100, max_item_bytes=40)
    assert not c.put("big", b"x" * 41) and "big" not in c and c.size == 0
    assert not ByteCache(max_bytes=100).put("huge", b"x" * 101)  # above the whole cache: never kept
    for i in range(10):
        assert c.put(i, b"y" * 30)
        assert c.size <= 100
    assert len(c) == 3 and c.get(9) == b"y" * 30 and c.get(0) is None
    c.put(9, b"z" * 10)  # replacing an item keeps the count right
    assert c.size == 70 and c.get(9) == b"z" * 10
    assert c.get_or_make("new", lambda: b"n" * 5) == b"n" * 5 and "new" in c


def test_server_cache_stays_bounded(minilm_atlas):
    c = make_client([minilm_atlas], limits=Limits(cache_bytes=300 << 10, cache_item_bytes=100 << 10))
    cache = c.app.state.service.cache
    msg(c.get("/api/atlas/minilm/layout/pca-2d"))  # ~560 KiB: answered, never cached
    assert cache.size == 0
    for layer in range(6):
        msg(c.get(f"/api/atlas/minilm/layout/pca-2d?layer={layer}"))  # ~94 KiB each
        assert cache.size <= 300 << 10
    assert all(len(v) <= 100 << 10 for v in cache._items.values())
