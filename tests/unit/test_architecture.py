"""The architecture's rules, checked on the source: no import cycles, layers only import downwards,
modules stay small (or say why at their top)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "qkatlas"
MAX_PY_LINES = 400
MAX_TS_LINES = 500
# Lower layers may not import higher ones (the pipeline order of the design notes).
LOWER = {
    "qkatlas.errors": set(),
    "qkatlas.attention": {"qkatlas.errors"},
    "qkatlas.normalize": set(),
    "qkatlas.atlas": {"qkatlas.errors", "qkatlas.attention", "qkatlas.normalize"},
}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every qkatlas module imported anywhere in the file (module level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t.startswith("qkatlas") and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    g = {name: imports(path, name, known) for name, path in mods.items()}
    # importing a.b.c runs a/__init__ and a/b/__init__ first: parents are dependencies too,
    # except a package's own submodules (a package importing its children is not a cycle)
    return {n: {d for d in deps if not d.startswith(n + ".")} for n, deps in g.items()}


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for d in sorted(g.get(n, ())):
            if state.get(d) == 1:
                return stack[stack.index(d):] + [d]
            if d not in state:
                found = visit(d)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(g):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_import_cycle():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_can_fail():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("lower", sorted(LOWER))
def test_lower_layers_import_nothing_above_them(lower):
    g = graph()
    allowed = LOWER[lower] | {lower}
    for name, deps in g.items():
        if name == lower or name.startswith(lower + "."):
            bad = {d for d in deps if not any(d == a or d.startswith(a + ".") for a in allowed)}
            assert not bad, f"{name} imports {sorted(bad)}; {lower} may import only {sorted(allowed)}"


def _over(paths, limit):
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        n = text.count("\n")
        head = "\n".join(text.splitlines()[:12]).lower()
        if n > limit and "why this file is long" not in head:
            out.append(f"{p.relative_to(ROOT)}: {n} lines")
    return out


def test_python_modules_are_small_or_say_why():
    assert not _over(PACKAGE.rglob("*.py"), MAX_PY_LINES)


def test_typescript_files_are_small_or_say_why():
    src = ROOT / "web" / "src"
    assert not _over([p for p in src.rglob("*.ts") if not p.name.endswith(".d.ts")], MAX_TS_LINES)  # .d.ts: generated
