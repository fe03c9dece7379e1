"""Display order of layout methods (the classic three first, in AttentionViz's order).

Its own module, free of numba and the layout libraries, so that viewers (the server, a static
export) can sort layout names in a light install without importing the layout stack.
"""

ORDER = ("pca", "tsne", "umap")


def sort_key(name: str) -> tuple[int, str]:
    return (ORDER.index(name) if name in ORDER else len(ORDER), name)
