"""``pip install qkatlas`` without extras (no torch, no layout libraries) opens, serves, exports,
draws and shows atlases: a fresh virtual environment holding only the base dependencies runs
``qkatlas serve --help``, ``qkatlas export``, ``qkatlas figure`` and ``qkatlas.Atlas``, and none of
them imports torch or numba; ``qkatlas.show`` names the extra it needs.

Offline: the base dependencies (``[project] dependencies`` of pyproject.toml and what they
require, resolved from their installed metadata) are linked from this interpreter's
site-packages into the new environment; the project is installed with
``pip install --no-deps --no-build-isolation --no-index -e``. Set QKATLAS_WHEELHOUSE to a folder
of wheels to install the base dependencies with pip from there instead.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "numba", "transformers", "sklearn", "umap", "openTSNE", "pynndescent", "anywidget", "ray")


def _name(req: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _closure(roots: list[str]) -> list[metadata.Distribution]:
    """The installed distributions of ``roots`` and of everything they require (no extras)."""
    from packaging.requirements import Requirement

    seen: dict[str, metadata.Distribution] = {}
    todo = list(roots)
    while todo:
        name = _name(todo.pop())
        if name in seen:
            continue
        dist = metadata.distribution(name)
        seen[name] = dist
        for r in dist.requires or []:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return list(seen.values())


def _link(dists, into: Path) -> None:
    """Symlink each distribution's top-level files and folders (and its .dist-info) into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    for d in dists:
        base = Path(d.locate_file(""))
        for top in {Path(str(f)).parts[0] for f in d.files or [] if not str(f).startswith("..")}:
            src, dst = base / top, into / top
            if src.exists() and not dst.exists() and top != "__pycache__":
                dst.symlink_to(src)


def _run(cmd, cwd, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def light_env(tmp_path_factory):
    """A venv with the base dependencies only and qkatlas installed (editable); yields its bin folder."""
    tmp = tmp_path_factory.mktemp("light")
    venv = tmp / "venv"
    r = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    if r.returncode:
        pytest.skip(f"python -m venv cannot create an environment here: {r.stderr.strip()[-300:]}")
    py = venv / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp).stdout.strip())
    base = [_name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    wheelhouse = os.environ.get("QKATLAS_WHEELHOUSE")
    if wheelhouse:
        r = _run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-index", "--find-links",
                  wheelhouse, *base], tmp, timeout=600)
        if r.returncode:
            pytest.skip(f"pip cannot install the base dependencies from {wheelhouse} offline: {r.stderr.strip()[-300:]}")
    else:
        _link(_closure(base), tmp / "base")
        (site / "qkatlas-base-deps.pth").write_text(str(tmp / "base") + "\n")
    _link(_closure(["setuptools"]), tmp / "build")  # the build backend, for the install only
    env = {**os.environ, "PYTHONPATH": str(tmp / "build"), "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    r = _run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps", "--no-build-isolation",
              "-e", str(ROOT)], tmp, env=env, timeout=300)
    if r.returncode:
        pytest.skip(f"pip cannot install qkatlas offline here: {r.stderr.strip()[-400:]}")
    yield venv / "bin"


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"
    return env


def test_the_environment_has_no_torch(light_env, tmp_path):
    r = _run([str(light_env / "python"), "-c", "import torch"], tmp_path, _clean_env())
    assert r.returncode and "No module named 'torch'" in r.stderr
    r = _run([str(light_env / "python"), "-c", "import numpy, pandas, fastapi, matplotlib, qkatlas; print(qkatlas.__file__)"],
             tmp_path, _clean_env())
    assert r.returncode == 0 and str(ROOT) in r.stdout, r.stderr


def test_serve_help_export_figure_and_atlas_without_torch(light_env, minilm_atlas, tmp_path):
    env = _clean_env()
    r = _run([str(light_env / "qkatlas"), "serve", "--help"], tmp_path, env)
    assert r.returncode == 0 and "serve" in r.stdout, r.stderr[-2000:]
    r = _run([str(light_env / "qkatlas"), "export", str(minilm_atlas), "--out", str(tmp_path / "site"), "--heads", "L1H*"],
             tmp_path, env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "MiB" in r.stdout and (tmp_path / "site" / "index.html").is_file()
    r = _run([str(light_env / "qkatlas"), "figure", str(minilm_atlas), "--heads", "L1H2", "--out", str(tmp_path / "f.png")],
             tmp_path, env)
    assert r.returncode == 0 and (tmp_path / "f.png").is_file(), r.stderr[-2000:]
    probe = f"""
import sys
import qkatlas
from qkatlas.cli import app
from qkatlas.server.app import create_app
a = qkatlas.Atlas.open({str(minilm_atlas)!r})
p = a.attention(2, 3, 0)
create_app([{str(minilm_atlas)!r}])
from qkatlas.share.export import export_site
from qkatlas.share.figures import figure
print("heavy:", sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}))
"""
    r = _run([str(light_env / "python"), "-c", probe], tmp_path, env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "heavy: []" in r.stdout, r.stdout


def test_show_names_the_widget_extra(light_env, minilm_atlas, tmp_path):
    probe = f"""
import qkatlas.share
try:
    qkatlas.share.show({str(minilm_atlas)!r})
except Exception as e:
    print(type(e).__name__, "|", e)
"""
    r = _run([str(light_env / "python"), "-c", probe], tmp_path, _clean_env())
    assert "MissingExtraError | qkatlas.show needs anywidget" in r.stdout and "pip install 'qkatlas[widget]'" in r.stdout, \
        r.stdout + r.stderr[-1000:]
