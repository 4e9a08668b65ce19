"""The examples in docstrings run: documentation that cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for pkg in ("geo", "data", "layers", "ui", "cli")
    for p in (ROOT / pkg).rglob("*.py")
    if ">>> " in p.read_text(encoding="utf-8")
)


def test_some_modules_have_examples() -> None:
    assert "geo.streets" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0, name
