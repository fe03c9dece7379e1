"""Errors that users see.

Every error raised on bad input is an ``InputError`` whose message is one line: what went
wrong, where (file, line, model, folder) and what to do. The CLI prints it without a traceback
and exits non-zero.
"""


class QkatlasError(Exception):
    """Base class of every error qkatlas raises on purpose."""


class InputError(QkatlasError):
    """Bad input from the user: a file, a model name, a folder, an option."""


class AtlasFormatError(QkatlasError):
    """An atlas on disk that is incomplete, corrupt or of a newer format."""


class StaleResultError(QkatlasError):
    """A stored result (head metrics, aggregate maps) is missing or older than the atlas it describes.

    Reads never recompute silently: the message names the command that brings it up to date.
    """


class DiskFullError(QkatlasError):
    """The disk filled up while writing; what was written before stays valid and resumable."""


class MissingExtraError(QkatlasError):
    """A command needs an optional dependency group (``pip install 'qkatlas[capture]'``)."""
