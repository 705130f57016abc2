"""The package's shape: no import cycle, stages in their own package, one dispatch for readers."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def module_names() -> dict[str, tuple[Path, bool]]:
    """Dotted module name → (file, is a package)."""
    names = {}
    for f in PACKAGE.rglob("*.py"):
        parts = list(f.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        names[".".join(parts[:-1] if is_pkg else parts)] = (f, is_pkg)
    return names


def import_graph() -> dict[str, set[str]]:
    """Module → modules of the package it imports, at the top or inside a function."""
    names = module_names()
    graph: dict[str, set[str]] = {}
    for name, (path, is_pkg) in names.items():
        package = name if is_pkg else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in names]
                deps.update(d for d in subs or [module] if d in names and d != name)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name in names)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert "pipeline.stages" in graph and "pipeline.statements.split" in graph
    assert cycles(graph) == []


def test_stage_modules_only_glue_logic_that_lives_elsewhere() -> None:
    """A stage module imports its logic; no logic module imports a stage."""
    graph = import_graph()
    for name, deps in graph.items():
        if not name.startswith(("pipeline.stages", "pipeline.commands")) and name != "pipeline.parse":
            assert not any(d.startswith("pipeline.stages") for d in deps), name


def test_inference_does_not_import_training() -> None:
    """Parsing needs no training code: only commands, annotation tools and training itself import it."""
    graph = import_graph()
    users = {name for name, deps in graph.items() if any(d.startswith("pipeline.training") for d in deps)}
    assert {
        u for u in users if not u.startswith(("pipeline.training", "pipeline.commands", "pipeline.annotate"))
    } == set()
