"""The dispatcher: every command is listed, and each family registers what COMMANDS says."""

from __future__ import annotations

import argparse

import pytest

import cli


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    out = capsys.readouterr().out
    for command in cli.COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_each_family_registers_its_commands(command: str) -> None:
    parser = cli.build_parser((cli.COMMANDS[command],))
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert command in sub.choices


def test_a_damaged_store_is_one_line_on_stderr_not_a_traceback(tmp_path, capsys) -> None:
    from pathlib import Path

    store = tmp_path / "store"
    store.mkdir()
    (store / "CURRENT").write_text("gen-999999\n")  # points at nothing
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_2bbe9f76d3e00081.txt"
    code = cli.main(["export-map", str(seed), str(tmp_path / "o.html"), "--quiet", "--store", str(store)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("sitmap: ") and "Traceback" not in err
