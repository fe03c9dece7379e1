"""A thread-safe LRU of encoded responses, bounded in total bytes and per item."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable


class ByteCache:
    """LRU of ``bytes`` values. Never holds more than ``max_bytes`` in all, and never an item above
    ``max_item_bytes`` (such an item is answered but not kept)."""

    def __init__(self, max_bytes: int = 256 << 20, max_item_bytes: int | None = None):
        self.max_bytes = int(max_bytes)
        self.max_item_bytes = min(int(max_item_bytes if max_item_bytes is not None else max_bytes), self.max_bytes)
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self.size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key) -> bool:
        return key in self._items

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: bytes) -> bool:
        """Keep ``value`` under ``key``; False when it is too large to keep."""
        n = len(value)
        if n > self.max_item_bytes:
            return False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self._items[key] = value
            self.size += n
            while self.size > self.max_bytes and self._items:
                _, gone = self._items.popitem(last=False)
                self.size -= len(gone)
        return True

    def get_or_make(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def drop(self, match: Callable[[Hashable], bool]) -> None:
        """Forget every item whose key ``match``es (e.g. the items of an atlas that changed)."""
        with self._lock:
            for key in [k for k in self._items if match(k)]:
                self.size -= len(self._items.pop(key))
