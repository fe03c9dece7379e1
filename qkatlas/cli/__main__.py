"""``python -m qkatlas.cli``: the same as the ``qkatlas`` command."""

from qkatlas.cli import main

main()
