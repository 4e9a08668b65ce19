"""Imports run one way: geo <- data <- layers <- app. These tests keep it so."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "geo": {"streamlit", "streamlit_folium", "folium", "branca", "data", "layers", "ui", "cli", "app"},
    "data": {"streamlit", "streamlit_folium", "folium", "branca", "layers", "ui", "cli", "app"},
    "layers": {"streamlit", "streamlit_folium", "ui", "cli", "app"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downstream(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    bad = {str(f.relative_to(ROOT)): sorted(_imports(f) & FORBIDDEN[package]) for f in files}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, f"forbidden imports: {bad}"


def test_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("import streamlit as st\nfrom folium.plugins import HeatMap\n")
    assert _imports(f) == {"streamlit", "folium"}
