"""The README documents every command (as datasette tests that its docs list every setting): a
command added without a line in the README fails here."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_command_is_in_the_readme():
    from qkatlas.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert len(names) >= 10
    missing = [n for n in names if f"qkatlas {n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_layout_method_and_model_family_is_in_the_readme():
    from qkatlas.capture.adapters import supported_model_types
    from qkatlas.layout import methods

    assert not [m for m in methods.names() if m not in README], "layout methods missing from README.md"
    assert not [f for t in supported_model_types().values() for f in t if f not in README], "model families missing from README.md"
