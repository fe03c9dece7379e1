"""FORMAT.md documents exactly the files of ``qkatlas.atlas.paths`` and the columns of
``qkatlas.atlas.schema`` (so the format's owner and its documentation cannot drift apart)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qkatlas.atlas import paths, schema

DOC = (Path(__file__).resolve().parents[2] / "FORMAT.md").read_text(encoding="utf-8")


def tree_entries() -> set[str]:
    block = DOC[DOC.index("```\n<atlas>/") + 4: DOC.index("```", DOC.index("```\n<atlas>/") + 4)]
    return {line.split()[0] for line in block.splitlines()[1:] if line.strip()}


def table_columns(heading: str) -> set[str]:
    """Names in the first column of the first table after ``heading`` ("a, b" rows give both)."""
    start = DOC.index(heading)
    lines = DOC[start:].splitlines()
    rows, seen_table = [], False
    for line in lines[1:]:
        if line.startswith("|"):
            seen_table = True
            rows.append(line)
        elif seen_table:
            break
    names = set()
    for row in rows[2:]:  # header and separator first
        cell = row.split("|")[1].strip().strip("`")
        names |= {c.strip().strip("`") for c in cell.split(",")}
    return names


def test_every_file_of_paths_is_in_the_tree_and_nothing_else():
    constants = {paths.MANIFEST, paths.TOKENS, paths.SEQUENCES, paths.NORMALIZATION, paths.THUMBNAILS,
                 paths.FIDELITY, paths.HEAD_METRICS, paths.AGGREGATE, paths.REPORT, paths.GROUP_NORMALIZATION,
                 paths.GROUP_FIDELITY, paths.HEAD_SEQUENCES, paths.COMPONENTS}
    from qkatlas.atlas.writer import LOCK

    patterns = {
        *(paths.layer_file(kind, 0).replace("L000", "L{layer:03d}") for kind in paths.LAYER_KINDS),
        paths.image_file(0).replace("00000", "{seq:05d}"),
        paths.layout_pattern("{method}", 0).replace("-0d", "-{dim}d"),
        paths.layout_state_file("{method}", 0, 0, 0).replace("-0d", "-{dim}d").replace("L000H000", "L{layer:03d}H{head:03d}"),
        paths.group_layout_file("{method}", 0, 0, 0).replace("-0d", "-{dim}d").replace("L000K000", "L{layer:03d}K{kv:03d}"),
        paths.group_layout_state_file("{method}", 0, 0, 0).replace("-0d", "-{dim}d").replace("L000K000", "L{layer:03d}K{kv:03d}"),
        LOCK,
    }
    assert tree_entries() == constants | patterns


@pytest.mark.parametrize("heading, columns", [
    ("## tokens.parquet", schema.token_columns(images=True)),
    ("## sequences.parquet", schema.sequence_columns(images=True)),
    ("## fidelity.parquet", schema.FIDELITY_COLUMNS),
    ("### heads.parquet", schema.HEAD_COLUMNS),
    ("### head_sequences.parquet", schema.HEAD_SEQUENCE_COLUMNS),
    ("### components.parquet", schema.COMPONENT_COLUMNS),
])
def test_table_columns_match_the_schema(heading, columns):
    assert table_columns(heading) == set(columns)


def test_aggregate_arrays_match_the_schema():
    assert table_columns("### aggregate.npz") == set(schema.AGGREGATE_ARRAYS) | set(schema.IMAGE_AGGREGATE_ARRAYS)


def test_documented_dtypes_of_tokens_match():
    rows = {}
    start = DOC.index("## tokens.parquet")
    for line in DOC[start:].splitlines()[3:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.split("|")[1:-1]]
        for name in cells[0].split(","):
            rows[name.strip()] = cells[1]
    for name, dtype in schema.token_columns(images=True).items():
        assert rows[name] == dtype, name


def test_manifest_sections_are_documented():
    block = DOC[DOC.index("## manifest.json"):DOC.index("## Atomic writes")]
    for key in schema.MANIFEST_KEYS:
        assert re.search(rf"\b{key}\b", block), f"manifest key {key!r} not documented"
