"""Accuracy floor on the development corpora: a new rule must not silently undo others.

Runs the pipeline on ``geowebnews_dev``, ``geovirus``, ``time_dev``, ``claims_dev`` and ``attribution_dev`` (the latter
through both ``sitmap attribution`` and ``sitmap claims``; the files and
scorers of ``../shared/eval``, found through ``SITMAP_EVAL`` or beside the checkout), scores them with
those scorers and fails when any figure falls more than ``TOLERANCE`` points (percentage points; for
AUC, where lower is better, a rise) below ``tests/accuracy_baseline.json``.

Re-record the baseline with ``python tests/test_accuracy_floor.py --record`` only in a commit whose
message says which figures moved and why. The corpora are research data that are never shipped, so
on a checkout without them the test is skipped with a message (``SITMAP_REQUIRE_EVAL=1`` makes that a
failure). All documents are scored: no subsampling (the five corpora take about fifteen seconds).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "accuracy_baseline.json"
TOLERANCE = 0.5
"""Points (of 100) a figure may fall before the test fails: room for float noise, not for a lost toponym
class (one toponym of geowebnews_dev is 0.07 points of recall, one claim of claims_dev 0.7)."""


def eval_dir() -> Path | None:
    """The shared evaluation folder: ``SITMAP_EVAL``, else ``shared/eval`` next to the checkout or its parent."""
    env = os.environ.get("SITMAP_EVAL")
    candidates = [Path(env)] if env else [ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval"]
    for c in candidates:
        if (c / "geoeval.py").is_file():
            return c
    return None


def _cli(argv: list[str], out: Path) -> None:
    """Run ``sitmap ARGV`` in this process (the engine loads once for all corpora) into ``out``."""
    from cli import main

    buf, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code == 0, f"sitmap {' '.join(argv)} failed: {err.getvalue()[-500:]}"
    out.write_text(buf.getvalue(), encoding="utf-8")


def _claims(gold: Path, out: Path) -> None:
    """``claims_dev`` predictions through ``sitmap claims --jsonl`` itself (the evaluation contract: the same
    extractor and linker as the store, with the claimant's offsets, or null when unknown)."""
    import io

    from cli import build_parser
    from cli.claims_cmd import run

    args = build_parser().parse_args(["claims", "--jsonl", str(gold)])
    buf, err = io.StringIO(), io.StringIO()
    assert run(args, buf, err) == 0, err.getvalue()
    out.write_text(buf.getvalue(), encoding="utf-8")


def _score(ev: Path, argv: list[str]) -> dict[str, Any]:
    p = subprocess.run([sys.executable, *argv], cwd=ev, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-800:]
    return json.loads(p.stdout)


def _geo(ev: Path, name: str, tmp: Path) -> dict[str, float]:
    pred = tmp / f"{name}.pred.jsonl"
    _cli(["geoparse", "--jsonl", str(ev / f"{name}.jsonl")], pred)
    out = tmp / f"{name}.score.json"
    subprocess.run([sys.executable, "geoeval.py", f"{name}.jsonl", str(pred), "--out", str(out)], cwd=ev,
                   check=True, capture_output=True, timeout=300)
    s = json.loads(out.read_text(encoding="utf-8"))
    rec, res = s["recognition"], s["resolution"]
    return {"recognition_P": rec["precision"], "recognition_R": rec["recall"], "recognition_F1": rec["f1"],
            "acc161": res["acc161"], "end_to_end_acc161": res["end_to_end_acc161"], "auc": res["auc"]}


def _time(ev: Path, tmp: Path) -> dict[str, float]:
    pred = tmp / "time_dev.pred.jsonl"
    _cli(["timex", "--jsonl", str(ev / "time_dev.jsonl")], pred)
    s = _score(ev, ["timeeval.py", "time_dev.jsonl", str(pred), "--json"])["ALL"]
    return {k: s[k] for k in ("strict_F1", "relaxed_F1", "type_acc", "value_acc", "value_F1")}


def _claims_dev(ev: Path, tmp: Path) -> dict[str, float]:
    pred = tmp / "claims_dev.pred.jsonl"
    _claims(ev / "claims_dev.jsonl", pred)
    s = _score(ev, ["claimeval.py", "claims_dev.jsonl", str(pred), "--json"])
    keys = ("claim_recall", "date_acc", "date_compat_acc", "claimant_acc", "claimant_P", "figure_P", "figure_R",
            "figure_F1", "unit_acc", "conflict_P", "conflict_R", "conflict_F1")
    return {k: s[k] for k in keys}


def _attribution_dev(ev: Path, tmp: Path, command: str = "attribution") -> dict[str, float]:
    """``attribution_dev`` scored on ``sitmap attribution`` (every attribution) or, with ``command="claims"``,
    on ``sitmap claims`` (the claims the map shows and their claimants: what a reader of a popup gets)."""
    pred = tmp / f"attribution_dev.{command}.pred.jsonl"
    if command == "claims":
        _claims(ev / "attribution_dev.jsonl", pred)
    else:
        _cli([command, "--jsonl", str(ev / "attribution_dev.jsonl")], pred)
    s = _score(ev, ["attreval.py", "attribution_dev.jsonl", str(pred), "--json"])
    return {"content_R": s["content"]["R"], "source_acc": s["source"]["strict_acc"], "e2e_P": s["e2e"]["P"],
            "e2e_R": s["e2e"]["R"], "e2e_F1": s["e2e"]["F1"], "cue_F1": s["cue"]["F1"]}


CORPORA: dict[str, Callable[[Path, Path], dict[str, float]]] = {
    "geowebnews_dev": lambda ev, tmp: _geo(ev, "geowebnews_dev", tmp),
    "geovirus": lambda ev, tmp: _geo(ev, "geovirus", tmp),
    "time_dev": _time,
    "claims_dev": _claims_dev,
    "attribution_dev": _attribution_dev,
    "attribution_dev_claims": lambda ev, tmp: _attribution_dev(ev, tmp, "claims"),
}
LOWER_IS_BETTER = {"auc"}


def measure(ev: Path, tmp: Path) -> dict[str, dict[str, float]]:
    """Every figure of every corpus, in points (0-100; AUC too, lower is better)."""
    return {name: {k: round(100 * v, 2) for k, v in run(ev, tmp).items()} for name, run in CORPORA.items()}


def drops(baseline: dict[str, dict[str, float]], now: dict[str, dict[str, float]]) -> list[str]:
    """The figures that fell more than ``TOLERANCE`` points below the baseline (or vanished)."""
    out = []
    for corpus, figures in baseline.items():
        if corpus.startswith("_"):
            continue
        for k, base in figures.items():
            got = now.get(corpus, {}).get(k)
            if got is None:
                out.append(f"{corpus} {k}: missing (baseline {base})")
                continue
            fall = (got - base) if k in LOWER_IS_BETTER else (base - got)
            if fall > TOLERANCE:
                out.append(f"{corpus} {k}: {got} vs baseline {base} ({fall:+.2f} points worse)")
    return out


def test_drops_are_found() -> None:
    base = {"c": {"f1": 90.0, "auc": 10.0}, "_note": "x"}
    assert drops(base, {"c": {"f1": 89.6, "auc": 10.4}}) == []
    assert len(drops(base, {"c": {"f1": 89.4, "auc": 10.6}})) == 2
    assert drops(base, {"c": {"f1": 95.0}}) == ["c auc: missing (baseline 10.0)"]


@pytest.mark.slow
def test_accuracy_does_not_fall_below_the_baseline(tmp_path: Path) -> None:
    ev = eval_dir()
    if ev is None:
        msg = "development corpora not found (set SITMAP_EVAL to the folder holding geoeval.py)"
        if os.environ.get("SITMAP_REQUIRE_EVAL") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    now = measure(ev, tmp_path)
    worse = drops(baseline, now)
    assert not worse, "accuracy fell below tests/accuracy_baseline.json:\n" + "\n".join(worse)


def record() -> None:
    """Measure and rewrite the baseline file (commit it with the reason the figures moved)."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    ev = eval_dir()
    if ev is None:
        sys.exit("development corpora not found: set SITMAP_EVAL")
    with tempfile.TemporaryDirectory() as tmp:
        now = measure(ev, Path(tmp))
    old = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    note = old.get("_note", "Figures in points (0-100; auc: lower is better). Rewritten only by "
                            "`python tests/test_accuracy_floor.py --record`, in a commit that says why they moved.")
    BASELINE.write_text(json.dumps({"_note": note, **now}, indent=1) + "\n", encoding="utf-8")
    for corpus, figures in now.items():
        for k, v in figures.items():
            before = old.get(corpus, {}).get(k)
            mark = "" if before is None or before == v else f"  (was {before})"
            print(f"{corpus:15s} {k:18s} {v:7.2f}{mark}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/test_accuracy_floor.py --record")
    record()
