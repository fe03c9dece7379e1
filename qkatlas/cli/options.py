"""Parsing of list options shared by several commands (``--layouts``, ``--dims``)."""

from __future__ import annotations

from qkatlas.errors import InputError


def parse_list(value: str, allowed: tuple[str, ...], option: str) -> list[str]:
    items = [v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise InputError(f"{option} {value!r}: choose from {', '.join(allowed)} (comma-separated)")
    return items


def parse_layout_options(layouts: str, dims: str) -> tuple[list[str], list[int]]:
    """(methods, dims) from ``--layouts pca,tsne,umap|none`` and ``--dims 2,3``."""
    from qkatlas.layout.methods import names

    methods = parse_list(layouts, (*names(), "none"), "--layouts")
    if "none" in methods:
        return [], []
    return methods, [int(d) for d in parse_list(dims, ("2", "3"), "--dims")]
