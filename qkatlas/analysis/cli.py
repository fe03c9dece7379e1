"""The analysis stage's command: ``qkatlas report DIR [--out report.html]``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the main ``qkatlas`` app."""

    @app.command()
    def report(
        atlas: Path = typer.Argument(..., help="atlas folder"),
        out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file to write (default: ATLAS/report.html)"),
        top: int = typer.Option(3, min=1, max=10, help="heads shown per kind"),
    ):
        """Write a self-contained HTML report of every head: taxonomy, metrics, head map, top heads."""
        from qkatlas.analysis.report import write_report
        from qkatlas.errors import InputError

        if out is not None and out.is_dir():
            raise InputError(f"--out {out}: is a folder; give a file name such as {out / 'report.html'}")
        write_report(atlas, out, top=top, log=lambda m: typer.echo(m, err=True))
