"""The API's OpenAPI schema as JSON, for ``web/openapi.json`` (the front end's types are generated from it).

    python -m qkatlas.server.openapi > web/openapi.json

``tests/server/test_openapi.py`` fails when the committed file differs from this output.
"""

from __future__ import annotations

import json
import sys


def schema() -> dict:
    """The schema of an app serving nothing (it does not depend on the atlases served)."""
    from qkatlas.server.app import create_app

    return create_app([]).openapi()


def text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    sys.stdout.write(text())


if __name__ == "__main__":
    main()
