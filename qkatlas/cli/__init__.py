"""The ``qkatlas`` command line: a thin layer over ``qkatlas.pipeline`` and ``qkatlas.server``.

One module per group of commands (``build``: build/info/verify/models/analyze/report;
``layout``: layout/add; ``compare``; ``serve``; ``share``: export/figure; ``demo``), each adding its commands through ``register(app)``.
Errors raised on purpose (``QkatlasError``) are printed as one line and exit with status 2,
never as a traceback.
"""

from __future__ import annotations

import sys

import typer

from qkatlas.errors import QkatlasError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="qkatlas: every attention head of a transformer at once, across a whole corpus.",
)


def log(message: str) -> None:
    typer.echo(message, err=True)


def _register() -> None:
    from qkatlas.cli import build, compare, demo, layout, serve, share

    for module in (build, layout, compare, serve, share, demo):
        module.register(app)


_register()


def main() -> None:
    try:
        app()
    except QkatlasError as e:
        print(f"qkatlas: error: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("qkatlas: interrupted; run the same command again to resume", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
