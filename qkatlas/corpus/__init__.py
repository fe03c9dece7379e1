"""Corpora: text (files, lists, datasets, demo:wiki) and images (folders, demo:images).

``load_corpus`` resolves a spec before any model is loaded, so a bad corpus fails in a second
with a clear message instead of after minutes of loading weights.
"""

from __future__ import annotations

import os
from pathlib import Path

from qkatlas.corpus.text import TextCorpus, load_text_corpus

IMAGE_DEMO = "demo:images"


def is_image_spec(spec) -> bool:
    return isinstance(spec, (str, os.PathLike)) and (str(spec) == IMAGE_DEMO or Path(spec).is_dir())


def load_corpus(spec, max_sequences: int | None = None, seed: int = 0):
    """A TextCorpus or an ImageCorpus for ``spec``."""
    if is_image_spec(spec):
        from qkatlas.corpus.images import demo_images, load_image_folder

        if str(spec) == IMAGE_DEMO:
            corpus = demo_images(seed=seed)
            corpus.items = corpus.items[:max_sequences] if max_sequences else corpus.items
            return corpus
        return load_image_folder(spec, max_images=max_sequences)
    return load_text_corpus(spec, max_sequences=max_sequences, seed=seed)


__all__ = ["TextCorpus", "load_corpus", "load_text_corpus", "is_image_spec", "IMAGE_DEMO"]
