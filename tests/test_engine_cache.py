"""The geoparser's automaton kept on disk (geo.recognize.cached_matcher): a cache hit gives the
same geoparse as a fresh build, a changed key or a damaged file builds afresh."""

from __future__ import annotations

from pathlib import Path

from geo import recognize
from geo.gazetteer import default_gazetteer
from geo.geoparse import build_engine, geoparse, to_json
from geo.recognize import Matcher, cached_matcher, load_aliases, load_demonyms

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _parse(engine) -> list:
    return [[to_json(r) for r in geoparse(p.read_text(encoding="utf-8"), engine=engine)] for p in SEEDS]


def test_cache_hit_geoparses_like_a_fresh_build(tmp_path, monkeypatch):
    gaz = default_gazetteer()
    first = build_engine(gaz, cache=tmp_path)
    assert len(list(tmp_path.glob("matcher-*.pickle"))) == 1
    built = []
    monkeypatch.setattr(recognize.Matcher, "__init__", lambda *a, **k: built.append(1) or None)
    second = build_engine(gaz, cache=tmp_path)  # a hit: no Matcher is constructed
    monkeypatch.undo()
    assert not built
    assert second.matcher is not first.matcher
    assert len(second.matcher.entries) == len(first.matcher.entries)
    assert _parse(second) == _parse(first)
    assert len(second.matcher.automaton) == len(first.matcher.automaton)


def test_other_key_or_damaged_file_builds_afresh(tmp_path):
    calls = []

    def build() -> Matcher:
        calls.append(1)
        return Matcher(["Kursk", "New York"], load_demonyms(), load_aliases())

    m = cached_matcher(tmp_path, "a", build)
    assert [s.surface for s in cached_matcher(tmp_path, "a", build).find("to New York")] == ["New York"]
    assert len(calls) == 1
    cached_matcher(tmp_path, "b", build)  # another gazetteer version: built, and the old file pruned
    assert len(calls) == 2
    assert [p.name for p in tmp_path.glob("matcher-*.pickle")] == ["matcher-b.pickle"]
    (tmp_path / "matcher-b.pickle").write_bytes(b"not a pickle")
    assert [s.surface for s in cached_matcher(tmp_path, "b", build).find("in Kursk")] == ["Kursk"]
    assert len(calls) == 3
    assert m.find("in Kursk")[0].surface == "Kursk"


def test_a_gazetteer_without_a_version_is_not_cached(tmp_path):
    from tests.fixtures.gazetteer import FakeGazetteer

    build_engine(FakeGazetteer(), cache=tmp_path)
    assert not list(tmp_path.iterdir())
