"""The shared JSON-lines reader of the evaluation commands: bad lines reported by number, skipped."""

from __future__ import annotations

import io
import json

from cli import main
from cli.jsonl_io import read_jsonl


def test_bad_lines_are_reported_with_their_number_and_the_rest_is_read() -> None:
    lines = [json.dumps({"id": "a", "text": "One."}), "{broken", "", json.dumps([1]), json.dumps({"text": 5}),
             "[" * 100000, json.dumps({"text": "No id."})]
    err = io.StringIO()
    got = list(read_jsonl(io.StringIO("\n".join(lines) + "\n"), err, "in.jsonl"))
    assert [g if g is None else (g[0], g[1]["text"]) for g in got] == [
        (1, "One."), None, None, None, None, (7, "No id.")]
    msgs = err.getvalue().splitlines()
    assert [m.split(":")[1] for m in msgs] == ["2", "4", "5", "6"]
    assert all("in.jsonl:" in m and "skipped" in m for m in msgs)
    err = io.StringIO()
    assert list(read_jsonl(io.StringIO(lines[-1]), err, "x", require_id=True)) == [None]
    assert 'no "id"' in err.getvalue()


def test_both_commands_share_the_contract(tmp_path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "On Monday."}) + "\n{oops\n", encoding="utf-8")
    assert main(["timex", "--jsonl", str(src)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["a"] and f"{src}:2: malformed line 2" in err
    assert main(["timex", "--jsonl", str(tmp_path / "missing.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err
