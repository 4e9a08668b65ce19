"""``sitmap claims``: JSON lines with the issue's fields; bad files reported, the rest still printed."""

from __future__ import annotations

import io
import json
from datetime import date

from fixtures.stages import resolutions, timexes

import data.timex.extract
import geo.geoparse
from cli import build_parser
from cli.claims_cmd import run

FIELDS = {"doc_id", "claim_id", "start", "end", "text", "date", "date_text", "date_precision", "published",
          "outlet", "claimant", "claimant_country", "kind", "confidence", "places", "quantities",
          "corroboration", "conflicts"}


def fake_geoparse(text, doc_id="", unresolved=False):
    return resolutions(text, doc_id=doc_id, places=("Kursk",))


def call(argv, monkeypatch):
    monkeypatch.setattr(geo.geoparse, "geoparse", fake_geoparse)
    monkeypatch.setattr(data.timex.extract, "extract_timexes", lambda text, anchor: timexes(text))
    args = build_parser().parse_args(["claims", *argv])
    out, err = io.StringIO(), io.StringIO()
    rc = run(args, out, err)
    return rc, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_json_lines_with_every_field(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("About 12,000 troops were seen in Kursk on October 23, Kyiv says.\n")
    (tmp_path / "b.txt").write_text("Officials said about 3,000 troops were seen in Kursk on October 23.\n")
    rc, rows, err = call([str(tmp_path)], monkeypatch)
    assert rc == 0 and err == ""
    assert len(rows) == 2 and all(set(r) == FIELDS for r in rows)
    a = next(r for r in rows if "12,000" in r["text"])
    b = next(r for r in rows if "3,000" in r["text"])
    assert a["date"] == "2024-10-23" and a["date_precision"] == "day" and a["claimant"] == "Kyiv"
    assert a["places"][0]["role"] == "event" and a["places"][0]["name"] == "Kursk Oblast"
    assert a["quantities"][0]["value"] == 12000 and a["quantities"][0]["qualifier"] == "about"
    assert a["conflicts"] == [b["claim_id"]] and b["conflicts"] == [a["claim_id"]]
    # one subject, but 3,000 does not corroborate 12,000: each figure has one outlet behind it
    assert a["corroboration"]["outlets"] == 1 and a["corroboration"]["cluster_id"] == b["corroboration"]["cluster_id"]
    assert a["published"] is None or date.fromisoformat(a["published"])


def test_missing_file_is_reported_and_the_rest_still_printed(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Troops were seen in Kursk on October 23.\n")
    rc, rows, err = call([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt"), "--no-link"], monkeypatch)
    assert rc == 1 and "nope.txt" in err
    assert len(rows) == 1 and rows[0]["conflicts"] == []


def call_jsonl(lines, monkeypatch, extra=()):
    monkeypatch.setattr(geo.geoparse, "geoparse", fake_geoparse)
    monkeypatch.setattr(data.timex.extract, "extract_timexes", lambda text, anchor: timexes(text))
    args = build_parser().parse_args(["claims", "--jsonl", "-", *extra])
    out, err = io.StringIO(), io.StringIO()
    rc = run(args, out, err, stdin=io.StringIO("\n".join(lines) + "\n"))
    return rc, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_jsonl_one_line_per_document_with_conflicts_across_them(monkeypatch):
    a = {"id": "a", "text": "About 12,000 troops were seen in Kursk on October 23, Kyiv says.", "published": "2024-10-25"}
    b = {"id": "b", "text": "Nothing here.", "published": "2024-10-25"}
    c = {"id": "c", "text": "Officials said 3,000 troops were seen in Kursk on October 23.", "outlet": "X"}
    rc, rows, err = call_jsonl([json.dumps(a), json.dumps(b), json.dumps(c)], monkeypatch)
    assert rc == 0 and err == ""
    assert [r["id"] for r in rows] == ["a", "b", "c"] and rows[1]["claims"] == []
    ca, cc = rows[0]["claims"][0], rows[2]["claims"][0]
    assert ca["conflicts"] == [cc["claim_id"]] and cc["conflicts"] == [ca["claim_id"]]
    assert a["text"][ca["claimant_start"]:ca["claimant_end"]] == "Kyiv"
    assert a["text"][ca["cue_start"]:ca["cue_end"]] == "says"
    assert c["text"][cc["claimant_start"]:cc["claimant_end"]] == "Officials"


def test_jsonl_unknown_offsets_are_null_and_bad_lines_reported(monkeypatch):
    good = {"id": "a", "text": "Troops were seen in Kursk on October 23.", "published": "2024-10-25"}
    rc, rows, err = call_jsonl([json.dumps(good), "{not json", json.dumps(good)], monkeypatch)
    assert rc == 1 and "line 2" in err
    assert len(rows) == 2 and rows[0]["claims"][0]["claimant"] is None
    assert rows[0]["claims"][0]["claimant_start"] is None and rows[0]["claims"][0]["cue_end"] is None
    ids = [c["claim_id"] for r in rows for c in r["claims"]]
    assert len(ids) == len(set(ids))  # a repeated input id still gives unique claim ids
