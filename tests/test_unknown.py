"""Names the gazetteer lacks: respellings (geo.fuzzy) and unresolved place names (geo.unknown)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from geo.fuzzy import FuzzyIndex, candidates, skeleton, spelling
from geo.model import Mention, Place, Resolution
from geo.unknown import find_unknown, resolve_unknown, sentence_of

ROOT = Path(__file__).resolve().parent.parent


def _p(id_: str, name: str, lat: float, lon: float, cc: str, fc: str = "PPL", pop: int = 1000) -> Place:
    return Place(id=id_, name=name, lat=lat, lon=lon, country_code=cc, feature_code=fc,
                 precision="country" if fc == "PCLI" else "point", population=pop)  # type: ignore[arg-type]


JINDAYRIS = _p("1", "Jindayris", 36.39, 36.69, "SY")
JINDAYRIS_FAR = _p("2", "Jindayris", 33.0, 44.0, "IQ")
SUDZHA = _p("3", "Sudzha", 51.19, 35.27, "RU")
ALEPPO = _p("4", "Aleppo", 36.2, 37.16, "SY", "PPLA", 2_000_000)
SYRIA = _p("5", "Syria", 35.0, 38.0, "SY", "PCLI")
NAMES = {"Jindayris": [JINDAYRIS, JINDAYRIS_FAR], "Sudzha": [SUDZHA], "Aleppo": [ALEPPO], "Syria": [SYRIA]}


def _lookup(name: str) -> list[Place]:
    return NAMES.get(name, [])


def test_spellings_of_one_name_share_a_skeleton() -> None:
    assert skeleton("Jindires") == skeleton("Jindayris")
    assert spelling("Sudja") == spelling("Sudzha") == "suja"
    assert skeleton("Kursk") != skeleton("Minsk")
    idx = FuzzyIndex(NAMES)
    assert [m.name for m in idx.matches("Jindires")] == ["Jindayris"]
    assert [m.name for m in idx.matches("Sudja")] == ["Sudzha"]
    assert idx.matches("Jindayris") == []  # the same name is a lookup, not a respelling
    assert idx.matches("Alep") == []  # too short to guess
    assert {p.id for p, _ in candidates("Jindires", idx, _lookup)} == {"1", "2"}


def _res(text: str, picks: list[tuple[str, Place]]) -> list[Resolution]:
    return [Resolution(Mention("d", text.index(s), text.index(s) + len(s), s), p, 0.9) for s, p in picks]


def test_place_contexts_find_unknown_names_and_skip_known_spans() -> None:
    text = ("Shelling hit Jindires, a town near Aleppo. Families fled to the village of Alican and to the "
            "Sarmada district. The Seym River rose. Officials in Syria met President Assad near Damascus.")
    res = _res(text, [("Aleppo", ALEPPO), ("Syria", SYRIA)])
    got = [u.surface for u in find_unknown(text, res)]
    assert got == ["Jindires", "Alican", "Sarmada", "Seym", "Damascus"]
    assert "Assad" not in got and "Families" not in got


def test_a_respelling_needs_the_story_to_vouch_for_it() -> None:
    text = "Shelling hit Jindires, a town near Aleppo in Syria. Families fled to the village of Alican."
    res = _res(text, [("Aleppo", ALEPPO), ("Syria", SYRIA)])
    out = resolve_unknown(text, res, "d", lambda: FuzzyIndex(NAMES), _lookup, lambda p: p.population / 1e7)
    assert [(r.mention.surface, r.mention.kind, r.place.id if r.place else None) for r in out] == [
        ("Jindires", "place", "1"), ("Alican", "unresolved", None)]
    assert "Jindayris" in out[0].why
    lonely = "Shelling hit Jindires, a town in the hills."
    out = resolve_unknown(lonely, [], "d", lambda: FuzzyIndex(NAMES), _lookup, lambda p: 0.0)
    assert [(r.mention.kind, r.place) for r in out] == [("unresolved", None)]


def test_sentence_of_an_unresolved_name() -> None:
    text = "First one. Families fled to the village of Alican overnight. Last one."
    i = text.index("Alican")
    assert sentence_of(text, i, i + 6) == "Families fled to the village of Alican overnight."


def test_cli_lists_unresolved_names_apart_from_the_scored_toponyms(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Shelling hit Kursk. Families fled to the village of Kolotilovka overnight.", encoding="utf-8")
    code = ("import sys; sys.path.insert(0, 'tests'); import geo.geoparse as g; "
            "from fixtures.gazetteer import fake_engine; g._ENGINE = fake_engine(); "
            "from cli import main; sys.exit(main(sys.argv[1:]))")
    run = [sys.executable, "-c", code, "geoparse"]
    plain = json.loads(subprocess.run(run + [str(f)], capture_output=True, text=True, cwd=ROOT, timeout=120).stdout)
    assert "unresolved" not in plain and [t["text"] for t in plain["toponyms"]] == ["Kursk"]
    p = subprocess.run(run + ["--unresolved", str(f)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    rec = json.loads(p.stdout)
    assert [t["text"] for t in rec["toponyms"]] == ["Kursk"]
    assert [(u["text"], u["sentence"]) for u in rec["unresolved"]] == [
        ("Kolotilovka", "Families fled to the village of Kolotilovka overnight.")]


def _reference_spelling(name: str) -> str:
    """The folding as first written, one regex alternation over every digraph (the spec of ``spelling``)."""
    import re

    from geo.fuzzy import _DIGRAPHS
    from geo.normalize import name_key

    fold = dict(_DIGRAPHS)
    pattern = re.compile("|".join(sorted(map(re.escape, fold), key=len, reverse=True)))
    s = name.lower().translate(str.maketrans("", "", " -.'`")) if name.isascii() else name_key(name).replace(" ", "")
    if not s.isalnum():
        s = name_key(name).replace(" ", "")
    return re.sub(r"(.)\1+", r"\1", pattern.sub(lambda m: fold[m.group(0)], s))


def test_batched_spellings_and_buckets_match_the_one_by_one_folding() -> None:
    import re

    from geo.fuzzy import bucket, spellings

    names = ["Shchyolkovo", "Xanthi", "Qwaqwa", "Tschernitz", "Dzhankoy", "O'Hara", "Hüttenberg", "Zhytomyr",
             "Kooyong", "Ouagadougou", "Sankt-Peterburg", "St. Louis", "Aeeiou", "Yyyy", "Jindayris", "Al-Bab",
             "Łódź", "Ñuñoa", "Košice", "Île-de-France", "A1 (Road)", "Ayia Napa", "Ijsselmeer", "Xyz"]
    got = spellings(names)
    assert got == [(spelling(n), skeleton(n)) for n in names]
    assert [s for s, _ in got] == [_reference_spelling(n) for n in names]
    assert [k for _, k in got] == [re.sub(r"[aeiou]+", "a", _reference_spelling(n)) for n in names]
    assert spellings([]) == []

    def one_by_one(name: str) -> str:
        low = name.lower()
        return next((low[0] + ch for ch in low[1:] if ch.isalpha() and ch not in "aeiouy"), low[:1])

    assert [bucket(n) for n in names] == [one_by_one(n) for n in names]


def test_context_anchors_hold_wherever_their_context_matches() -> None:
    """Each anchor is a necessary part of its context: it skips only texts the context cannot match."""
    from geo.unknown import _ANCHORS, _CONTEXTS, _kind_before_of

    texts = ["Families fled to the village of Alican.", "the villages\n\nof\u00a0Alican and Sarmada",
             "The border crossing of Bab Al-Salam", "in the Sarmada district", "near Idlib  district\tcapital",
             "Kolotilovka, a small border village in Belgorod", "Kolotilovka,\ta village near the border",
             "the city ofAlican", "a village of alican", "villageof Alican", "Xcityof Alican", "the cities of Oz"]
    assert set(_ANCHORS) <= {p for p, _ in _CONTEXTS} and len(_ANCHORS) == 3
    for pattern, anchor in _ANCHORS.items():
        for t in texts:
            if pattern.search(t):
                assert anchor(t), (pattern.pattern[:40], t)
    assert _kind_before_of("the villages\n\nof\u00a0Alican") and not _kind_before_of("villageof Alican")
    assert not _kind_before_of("a village of alican") and not _kind_before_of("the city said of Alican")


def test_the_respelling_index_is_saved_once_and_loaded_back(tmp_path: Path) -> None:
    from geo.fuzzy import cached_index, index_key

    names = ["Jindayris", "Jenderes", "Sudzha", "Aleppo", "Odd\nName", "Oddname", "Kursk"]
    calls: list[int] = []

    def source() -> list[str]:
        calls.append(1)
        return names

    key = index_key("v1")
    assert key != index_key("v2")
    built = cached_index(tmp_path, key, source)
    loaded = cached_index(tmp_path, key, source)
    assert calls == [1] and list(tmp_path.glob("fuzzy-*.pickle"))  # built once, then read back
    packed = built.packed()
    assert packed["jn"][0] == "Jindayris\nJenderes" and packed["jn"][2] == "jandaras\njandaras"
    assert packed["od"][0] == ["Odd\nName", "Oddname"]  # a name with a newline keeps its bucket a list
    for q in ("Jindires", "Sudja", "Oddnam", "Odd\nNam", "Kurskk"):
        assert loaded.matches(q) == built.matches(q) == FuzzyIndex(names).matches(q)
    assert "Jindayris" in [m.name for m in loaded.matches("Jindires")]
    cached_index(tmp_path, index_key("v2"), source)
    assert calls == [1, 1] and len(list(tmp_path.glob("fuzzy-*.pickle"))) == 1  # the old version's file is gone
