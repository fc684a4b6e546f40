"""The calculators package imports in one direction: no cycle, not even through an import hidden in a
function body or under ``TYPE_CHECKING``; the calculators register their email builders on themselves."""
from __future__ import annotations

import ast
from pathlib import Path

import calculators
from calculators import instructor_offer, offer_comparison
from conftest import ROOT

PACKAGE = ROOT / "calculators"


def imports_of(path: Path, package: str = "calculators") -> set[str]:
    """The modules of ``path``'s own package that it imports anywhere in its text (functions and
    ``if TYPE_CHECKING:`` blocks included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from .x import y / from . import x
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(a.name for a in node.names)
            elif node.level == 0 and node.module and node.module.split(".")[0] == package:
                parts = node.module.split(".")
                found.update([parts[1]] if len(parts) > 1 else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == package and len(parts) > 1:
                    found.add(parts[1])
    modules = {p.stem for p in path.parent.glob("*.py")}
    return {m for m in found if m in modules}


def graph() -> dict[str, set[str]]:
    return {p.stem: imports_of(p) - {p.stem} for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path of module names, or [] if there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle_through_a_function_body(tmp_path):
    (tmp_path / "a.py").write_text("from . import b\n")
    (tmp_path / "b.py").write_text("import json\n\ndef f():\n    from .a import x\n    return x\n")
    (tmp_path / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import y\n")
    edges = {p.stem: imports_of(p, "pkg") for p in tmp_path.glob("*.py")}
    assert edges == {"a": {"b"}, "b": {"a"}, "c": {"b"}}
    assert find_cycle(edges) in (["a", "b", "a"], ["b", "a", "b"])
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_the_package_has_no_import_cycle():
    edges = graph()
    assert "contract" in edges and edges["contract"], "the graph was read"
    assert find_cycle(edges) == [], " -> ".join(find_cycle(edges))


def test_the_layers_point_down():
    """The field layer imports nothing of the package; the contract never imports a calculator,
    the registry, or anything above it; no calculator looks another up in the registry."""
    edges = graph()
    assert edges["fields"] == set()
    calculator_modules = {c.compute.__module__.rsplit(".", 1)[1] for c in calculators.CALCULATORS.values()}
    for low in ("fields", "answers", "asks", "what_would_change", "contract", "negotiation", "rules"):
        assert not edges[low] & (calculator_modules | {"registry", "web", "cli"}), low
    for name in calculator_modules:
        assert "registry" not in edges[name], f"{name} looks calculators up by slug"


def test_email_builders_are_registered_on_the_calculators():
    assert instructor_offer.CALCULATOR.email is instructor_offer.email
    assert offer_comparison.CALCULATOR.email is offer_comparison.email
    with_email = {slug for slug, c in calculators.CALCULATORS.items() if c.email}
    assert with_email == {"instructor-offer", "offer-comparison", "education-track-check"}
