"""``sitmap timex``: the JSON-lines contract the scorer relies on, and bad input handling."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from cli import main

LINES = [
    json.dumps({"id": "a", "text": "Troops arrived on Thursday.", "published": "2024-10-25"}),
    "{not json",
    json.dumps({"id": "b"}),
    json.dumps({"id": "c", "text": "Talks are set for November 6.", "dct": "2024-10-25"}),
    json.dumps(["a list"]),
    "",
    json.dumps({"id": "d", "text": "The vote on Oct. 17, 2024 passed.", "published": "soon"}),
]


def test_jsonl_output_and_malformed_lines(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    rc = main(["timex", "--jsonl", str(src)])
    out, err = capsys.readouterr()
    assert rc != 0
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in recs] == ["a", "c", "d"]
    assert recs[0]["timexes"] == [{"start": 18, "end": 26, "text": "Thursday", "type": "DATE", "value": "2024-10-24"}]
    assert recs[1]["timexes"][0]["value"] == "2024-11-06"
    assert recs[2]["timexes"][0]["value"] == "2024-10-17"  # bad "published": absolute dates still come out
    assert "line 2" in err and "line 3" in err and "line 5" in err and "line 7" in err
    assert "line 1:" not in err and "line 4" not in err


def test_all_good_input_exits_zero(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(LINES[0] + "\n", encoding="utf-8")
    assert main(["timex", "--jsonl", str(src)]) == 0
    assert capsys.readouterr().err == ""


def test_stdin_and_plain_files(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(LINES[0] + "\n"))
    assert main(["timex", "--jsonl", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["timexes"][0]["value"] == "2024-10-24"

    f = tmp_path / "article.txt"
    f.write_text("Officials said yesterday that the units moved in early August.", encoding="utf-8")
    assert main(["timex", str(f), str(tmp_path / "missing.txt"), "--published", "2024-10-25"]) == 1
    out, err = capsys.readouterr()
    rec = json.loads(out)
    assert rec["id"] == str(f)
    assert (rec["published"], rec["published_how"]) == ("2024-10-25", "argument")
    assert [t["value"] for t in rec["timexes"]] == ["2024-10-24", "2024-08"]
    assert "missing.txt" in err
    assert main(["timex", str(f), "--published", "25/10/2024"]) == 2


def test_console_script_runs(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(LINES[3] + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cli", "timex", "--jsonl", str(src)],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "c"
