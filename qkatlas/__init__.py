"""qkatlas: every attention head of a transformer at once, across a whole corpus.

``Atlas`` reads an atlas (NumPy, pandas and pyarrow only); ``build``, ``add``, ``layout``,
``analyze``, ``report`` and ``compare`` are the pipeline, ``show`` the notebook widget (each imported on
first use, so reading an atlas needs neither torch nor the layout libraries).
"""

__version__ = "0.1.0"

from qkatlas.atlas.reader import Atlas  # noqa: E402

_PIPELINE = ("add", "analyze", "build", "compare", "layout", "report")


def __getattr__(name: str):
    if name in _PIPELINE:
        import qkatlas.pipeline as pipeline

        return getattr(pipeline, name)
    if name == "show":  # the notebook widget (pip install 'qkatlas[widget]')
        from qkatlas.share.notebook import show

        return show
    raise AttributeError(f"module 'qkatlas' has no attribute {name!r}")


__all__ = ["Atlas", "__version__", "show", *_PIPELINE]
