"""Parquet and Arrow files as text corpora: the chosen column, nulls and blanks skipped, errors
that name the file and list the columns, and reading that stops at -n (one column, batch by batch)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

from qkatlas.corpus import load_corpus
from qkatlas.corpus import tables
from qkatlas.errors import InputError

TABLE = pa.table({
    "text": ["  first ", None, "", "second", "third"],
    "body": ["b1", "b2", "b3", "b4", "b5"],
    "n": [1, 2, 3, 4, 5],
})
TEXTS = ["first", "second", "third"]


def write(tmp_path, kind: str, table=TABLE, rows_per_batch=2):
    if kind == "parquet":
        path = tmp_path / "t.parquet"
        pq.write_table(table, path, row_group_size=rows_per_batch)
    elif kind == "feather":
        path = tmp_path / "t.feather"
        feather.write_feather(table, path, chunksize=rows_per_batch)  # Feather v2 = Arrow IPC file
    elif kind == "ipc-file":
        path = tmp_path / "t.arrow"
        with ipc.new_file(path, table.schema) as w:
            w.write_table(table, max_chunksize=rows_per_batch)
    else:  # an IPC stream, as datasets' save_to_disk writes its data-*.arrow shards
        path = tmp_path / "t.arrow"
        with ipc.new_stream(path, table.schema) as w:
            w.write_table(table, max_chunksize=rows_per_batch)
    return path


KINDS = ["parquet", "feather", "ipc-file", "ipc-stream"]


@pytest.mark.parametrize("kind", KINDS)
def test_default_and_chosen_column(tmp_path, kind):
    path = write(tmp_path, kind)
    corpus = load_corpus(path)
    assert corpus.texts == TEXTS and corpus.name == path.name and corpus.source == str(path.resolve())
    chosen = load_corpus(f"{path}#body", max_sequences=4)
    assert chosen.texts == ["b1", "b2", "b3", "b4"] and chosen.name == f"{path.name}#body"
    assert load_corpus(path, max_sequences=2).texts == TEXTS[:2]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_column_lists_the_columns(tmp_path, kind):
    path = write(tmp_path, kind)
    with pytest.raises(InputError) as info:
        load_corpus(f"{path}#content")
    msg = str(info.value)
    assert str(path) in msg and "no column 'content'" in msg and "columns: text, body, n" in msg
    with pytest.raises(InputError, match=r"column 'n' holds int64, not text; text columns: text, body"):
        load_corpus(f"{path}#n")


@pytest.mark.parametrize("kind", KINDS)
def test_default_column_missing_says_how_to_choose(tmp_path, kind):
    path = write(tmp_path, kind, pa.table({"content": ["a"], "id": [1]}))
    with pytest.raises(InputError) as info:
        load_corpus(path)
    assert f"{path}: no column 'text' (columns: content, id); pick the text column with {path.name}#COLUMN" == str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_string_types_and_empty_column(tmp_path, kind):
    table = pa.table({
        "large": pa.array(["x", "y"], type=pa.large_string()),
        "dict": pa.array(["p", "q"]).dictionary_encode(),
        "empty": pa.array([None, "  "], type=pa.string()),
    })
    path = write(tmp_path, kind, table)
    assert load_corpus(f"{path}#large").texts == ["x", "y"]
    assert load_corpus(f"{path}#dict").texts == ["p", "q"]
    with pytest.raises(InputError, match=r"column 'empty' has no non-empty text"):
        load_corpus(f"{path}#empty")


@pytest.mark.parametrize("suffix,what", [(".parquet", "not a readable Parquet file"),
                                         (".arrow", "not an Arrow IPC file or stream"),
                                         (".feather", "not an Arrow IPC file or stream")])
def test_garbage_files(tmp_path, suffix, what):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(b"this is not a table at all\n" * 10)
    with pytest.raises(InputError) as info:
        load_corpus(path)
    assert str(info.value).startswith(f"{path}: {what} (") and "\n" not in str(info.value)


def test_parquet_reads_one_column_and_stops_at_n(tmp_path, monkeypatch):
    n_rows = 100_000
    path = tmp_path / "big.parquet"
    pq.write_table(pa.table({"text": [f"row {i}" for i in range(n_rows)], "other": list(range(n_rows))}),
                   path, row_group_size=1000)
    seen = {"batches": 0, "columns": None}

    class SpyParquetFile(pq.ParquetFile):
        def iter_batches(self, *args, **kwargs):
            seen["columns"] = kwargs.get("columns")
            for batch in super().iter_batches(*args, **kwargs):
                seen["batches"] += 1
                yield batch

    monkeypatch.setattr(pq, "ParquetFile", SpyParquetFile)
    assert load_corpus(path, max_sequences=10).texts == [f"row {i}" for i in range(10)]
    assert seen == {"batches": 1, "columns": ["text"]}  # 1 of 100 batches, and only the text column
    assert load_corpus(path, max_sequences=2500).texts[-1] == "row 2499"
    assert seen["batches"] == 1 + 3


@pytest.mark.parametrize("stream", [False, True])
def test_arrow_stops_at_n(tmp_path, monkeypatch, stream):
    path = tmp_path / "big.arrow"
    table = pa.table({"text": [f"row {i}" for i in range(50_000)]})
    with (ipc.new_stream if stream else ipc.new_file)(path, table.schema) as w:
        w.write_table(table, max_chunksize=500)
    consumed = []

    def counting(batches):
        for b in batches:
            consumed.append(b.num_rows)
            yield b

    real = tables._arrow_batches
    monkeypatch.setattr(tables, "_arrow_batches",
                        lambda path, source, batches, index, column: real(path, source, counting(batches), index, column))
    assert load_corpus(path, max_sequences=700).texts[-1] == "row 699"
    assert consumed == [500, 500]  # 2 of 100 batches
