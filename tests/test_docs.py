"""Tests that keep the docs honest: the README's set-up commands, CI's test command, the command table."""

from __future__ import annotations

import re
from pathlib import Path

from cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.DOTALL)
    assert block and README.index(block.group(0)) < README.index("\n## "), "the set-up block comes first"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_the_two_setup_commands() -> None:
    run, test = _setup_commands()
    assert run == "pip install -e . && sitmap dashboard"
    assert test == "pip install -e '.[test]' && python -m pytest -q"


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci
    assert ci.rstrip().endswith("python3 -m pytest -q")


def test_every_command_in_the_readme_table_exists() -> None:
    listed = set(re.findall(r"^\| `sitmap (\S+)", README, re.MULTILINE))
    assert listed and listed <= set(COMMANDS), listed - set(COMMANDS)
    assert set(COMMANDS) <= listed | {"--help"}, set(COMMANDS) - listed


def test_no_file_keeps_merge_conflict_markers() -> None:
    """Docs and tables are not checked by ruff or imported by tests: a merge can leave markers in them."""
    marker = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)
    kinds = ("*.md", "*.py", "*.toml", "*.csv", "*.txt", "*.json", "*.tsv")
    bad = [str(p.relative_to(ROOT)) for k in kinds for p in ROOT.rglob(k)
           if ".git" not in p.parts and marker.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert not bad, f"merge conflict markers in {bad}"
