"""``qkatlas compare A B --out DIR``: heads of two atlases of the same corpus matched one to one."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)


def compare(
    a: Path = typer.Argument(..., help="first atlas folder"),
    b: Path = typer.Argument(..., help="second atlas folder (same corpus)"),
    out: Path = typer.Option(..., "--out", "-o", help="folder for the result (summary.json, matches.parquet, similarity.npy)"),
    attention_weight: float = typer.Option(0.5, "--attention-weight", min=0.0, max=1.0,
                                           help="weight of attention-pattern similarity on shared sequences (the rest: metric similarity)"),
    sequences: int = typer.Option(64, "--sequences", min=1, help="shared sequences compared on attention (seeded sample)"),
    seed: int = typer.Option(0, help="seed for the sample of shared sequences"),
):
    """Match the heads of two atlases of the same corpus by metrics and attention patterns."""
    from qkatlas.pipeline.compare import compare as run

    run(a, b, out, attention_weight=attention_weight, max_sequences=sequences, seed=seed,
        log=typer.echo)
