"""Hugging Face datasets as corpora: the spec syntax, real `datasets` on local data (a folder of
Parquet shards through load_dataset(streaming=True), save_to_disk folders), offline mode, and the
Hub path through a stand-in for `datasets.load_dataset` (no Hub here)."""

from __future__ import annotations

import sys
import types

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from qkatlas.corpus import hf, is_image_spec, load_corpus
from qkatlas.corpus.text import parse_hf_spec
from qkatlas.errors import InputError


@pytest.mark.parametrize("spec,parsed", [
    ("hf:wikitext", ("wikitext", None, "train", None)),
    ("hf:imdb:test", ("imdb", None, "test", None)),
    ("hf:wikitext:wikitext-103-raw-v1:train", ("wikitext", "wikitext-103-raw-v1", "train", None)),
    ("hf:Salesforce/wikitext:wikitext-2-raw-v1:validation#text", ("Salesforce/wikitext", "wikitext-2-raw-v1", "validation", "text")),
    ("hf:org/name::test#body", ("org/name", None, "test", "body")),
    ("hf:org/name:cfg:#body", ("org/name", "cfg", "train", "body")),
    ("wikitext:validation", ("wikitext", None, "validation", None)),  # the old bare NAME:SPLIT form
    ("hf:/data/shards:test", ("/data/shards", None, "test", None)),
])
def test_parse_hf_spec(spec, parsed):
    assert parse_hf_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["hf:", "hf::train", "hf:a:b:c:d", "hf:name#"])
def test_parse_hf_spec_rejects(spec):
    with pytest.raises(InputError, match="hf:NAME"):
        parse_hf_spec(spec)


# --------------------------------------------------------------------------- the Hub path, stand-in


class FakeStream:
    """What load_dataset(..., streaming=True) returns, counting the rows handed out."""

    def __init__(self, rows, column_names):
        self.rows, self.column_names, self.features, self.served = rows, column_names, None, 0

    def select_columns(self, columns):  # projects lazily, as the real one does
        self.rows = ({c: r[c] for c in columns} for r in self.rows)
        self.column_names = list(columns)
        return self

    def __iter__(self):
        for row in self.rows:
            self.served += 1
            yield row


@pytest.fixture
def fake_datasets(monkeypatch):
    """A stand-in `datasets` module whose load_dataset records its call and serves 10,000 rows."""
    calls, streams = [], []

    def load_dataset(path, name=None, split=None, streaming=False):
        calls.append((path, name, split, streaming))
        behaviour = fake.behaviour
        if isinstance(behaviour, BaseException):
            raise behaviour
        rows = [{"text": f"line {i}" if i % 3 else "  ", "id": i} for i in range(10_000)]
        stream = FakeStream(rows, None if behaviour == "unknown-columns" else ["text", "id"])
        streams.append(stream)
        return stream

    fake = types.SimpleNamespace(load_dataset=load_dataset, behaviour=None, calls=calls, streams=streams)
    module = types.ModuleType("datasets")
    module.load_dataset = load_dataset
    module.config = types.SimpleNamespace(HF_HUB_OFFLINE=False)
    monkeypatch.setitem(sys.modules, "datasets", module)
    monkeypatch.setattr(hf, "datasets_available", lambda: True)
    for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    return fake


def test_hub_spec_calls_load_dataset_streaming_and_stops_at_n(fake_datasets):
    corpus = load_corpus("hf:wikitext:wikitext-103-raw-v1:train", max_sequences=5)
    assert fake_datasets.calls == [("wikitext", "wikitext-103-raw-v1", "train", True)]
    assert corpus.texts == ["line 1", "line 2", "line 4", "line 5", "line 7"]
    assert corpus.name == "hf:wikitext:wikitext-103-raw-v1:train"
    assert corpus.source == "hf:wikitext:wikitext-103-raw-v1:train#text"
    assert fake_datasets.streams[0].served == 8  # rows 0..7 of 10,000: blank rows skipped, then stop


def test_hub_spec_without_column_names_checks_the_first_row(fake_datasets):
    fake_datasets.behaviour = "unknown-columns"
    assert load_corpus("hf:org/ds:test", max_sequences=2).texts == ["line 1", "line 2"]
    assert fake_datasets.calls[-1] == ("org/ds", None, "test", True)
    with pytest.raises(InputError, match=r"dataset 'org/ds' has no column 'body' \(columns: text, id\)"):
        load_corpus("hf:org/ds#body")


def test_bare_name_is_still_a_dataset(fake_datasets):
    assert load_corpus("imdb:test", max_sequences=1).texts == ["line 1"]
    assert fake_datasets.calls == [("imdb", None, "test", True)]


def test_hub_errors_name_the_dataset_and_the_reason(fake_datasets, monkeypatch):
    fake_datasets.behaviour = ConnectionError("Couldn't reach 'wikitext' on the Hub (OfflineModeIsEnabled)")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(InputError) as info:
        load_corpus("hf:wikitext:wikitext-103-raw-v1:train")
    msg = str(info.value)
    assert "'wikitext' is not on this machine" in msg and "needs the network" in msg and "HF_HUB_OFFLINE=1" in msg

    monkeypatch.delenv("HF_HUB_OFFLINE")
    fake_datasets.behaviour = ConnectionError("Couldn't reach 'wikitext' on the Hub (ConnectError)")
    with pytest.raises(InputError, match=r"could not reach the Hugging Face Hub for dataset 'wikitext' \(Couldn't reach"):
        load_corpus("hf:wikitext")

    DatasetNotFoundError = type("DatasetNotFoundError", (Exception,), {})
    fake_datasets.behaviour = DatasetNotFoundError("Dataset 'nobody/nothing' doesn't exist on the Hub")
    with pytest.raises(InputError, match=r"no dataset 'nobody/nothing' on the Hugging Face Hub .*doesn't exist"):
        load_corpus("hf:nobody/nothing")

    fake_datasets.behaviour = ValueError("BuilderConfig 'x' not found. Available: ['a', 'b']")
    with pytest.raises(InputError, match=r"loading Hugging Face dataset 'ds' failed: BuilderConfig 'x' not found. Available: \['a', 'b'\]"):
        load_corpus("hf:ds:x:train")


def test_without_datasets_the_message_says_pip_install(monkeypatch):
    monkeypatch.setattr(hf, "datasets_available", lambda: False)
    with pytest.raises(InputError) as info:
        load_corpus("hf:wikitext:wikitext-103-raw-v1:train")
    msg = str(info.value)
    assert "'hf:wikitext:wikitext-103-raw-v1:train'" in msg and "pip install datasets" in msg and "\n" not in msg
    with pytest.raises(InputError, match="not a file here either"):
        load_corpus("my_corpus_typo")


def test_missing_local_folder(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        load_corpus(f"hf:{tmp_path}/nope:train")


# --------------------------------------------------------------------------- real `datasets`, local data


@pytest.fixture(scope="module")
def datasets():
    return pytest.importorskip("datasets")


@pytest.fixture
def shard_folder(tmp_path):
    data = tmp_path / "shards" / "data"
    data.mkdir(parents=True)
    pq.write_table(pa.table({"text": [f"train {i}" if i % 2 else "" for i in range(4000)], "id": range(4000)}),
                   data / "train-00000-of-00001.parquet", row_group_size=500)
    pq.write_table(pa.table({"text": ["test a", "test b"], "id": [1, 2]}), data / "test-00000-of-00001.parquet")
    return tmp_path / "shards"


def test_local_parquet_folder_through_load_dataset(datasets, shard_folder):
    corpus = load_corpus(f"hf:{shard_folder}:train", max_sequences=3)
    assert corpus.texts == ["train 1", "train 3", "train 5"]
    assert load_corpus(f"hf:{shard_folder}").texts[:1] == ["train 1"]  # split defaults to train
    assert load_corpus(f"hf:{shard_folder}:test").texts == ["test a", "test b"]
    with pytest.raises(InputError, match=r"Bad split: nope. Available splits: \['train', 'test'\]"):
        load_corpus(f"hf:{shard_folder}:nope")
    with pytest.raises(InputError, match=r"BuilderConfig 'cfg' not found. Available: \['default'\]"):
        load_corpus(f"hf:{shard_folder}:cfg:train")
    with pytest.raises(InputError, match=r"has no column 'body' \(columns: text, id\)"):
        load_corpus(f"hf:{shard_folder}:train#body")
    with pytest.raises(InputError, match=r"column 'id' of dataset .* holds int64, not text"):
        load_corpus(f"hf:{shard_folder}:train#id")


def test_data_folder_without_hf_prefix_gets_a_hint(shard_folder):
    assert is_image_spec(shard_folder / "data")
    with pytest.raises(InputError) as info:
        load_corpus(shard_folder / "data")
    assert "no readable image" in str(info.value) and "hf:" in str(info.value) and ".parquet" in str(info.value)


def test_save_to_disk_folders(datasets, tmp_path):
    ds = datasets.Dataset.from_dict({"text": ["a", " ", "b", "c"], "body": ["x", "y", "z", "w"], "n": [1, 2, 3, 4]})
    ds.save_to_disk(str(tmp_path / "one"))
    datasets.DatasetDict({"train": ds, "test": ds.select([3])}).save_to_disk(str(tmp_path / "both"))

    assert not is_image_spec(tmp_path / "one")  # a saved dataset is text, not an image folder
    assert load_corpus(tmp_path / "one").texts == ["a", "b", "c"]
    assert load_corpus(f"{tmp_path / 'one'}#body", max_sequences=2).texts == ["x", "y"]
    assert load_corpus(f"hf:{tmp_path / 'one'}").texts == ["a", "b", "c"]
    assert load_corpus(f"hf:{tmp_path / 'both'}:test").texts == ["c"]
    assert load_corpus(tmp_path / "both").texts == ["a", "b", "c"]  # train
    with pytest.raises(InputError, match=r"has no split 'val' \(splits: train, test\)"):
        load_corpus(f"hf:{tmp_path / 'both'}:val")
    with pytest.raises(InputError, match=r"has no column 'txt' \(columns: text, body, n\)"):
        load_corpus(f"hf:{tmp_path / 'one'}#txt")
    with pytest.raises(InputError, match="has no configs"):
        load_corpus(f"hf:{tmp_path / 'one'}:cfg:train")
    # its data-*.arrow shard is an Arrow IPC stream, readable as a file without `datasets`
    shard = next((tmp_path / "one").glob("data-*.arrow"))
    assert load_corpus(shard).texts == ["a", "b", "c"]


def test_hub_name_while_offline_says_so(datasets, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(InputError) as info:
        load_corpus("hf:qkatlas-test/no-such-dataset:cfg:train")
    msg = str(info.value)
    assert "'qkatlas-test/no-such-dataset' is not on this machine" in msg and "offline mode is on" in msg


def test_bare_name_errors_mention_files(fake_datasets, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    fake_datasets.behaviour = ConnectionError("Couldn't reach 'my_sentences' on the Hub (OfflineModeIsEnabled)")
    with pytest.raises(InputError) as info:
        load_corpus("my_sentences")
    assert "offline mode is on" in str(info.value) and "no file 'my_sentences' here either" in str(info.value)
