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
