"""The geoparser end to end on a small in-memory gazetteer: people, context, one sense per
document, metonymy, vague regions, offsets, robustness, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.gazetteer import fake_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.geoparse import explain, geoparse, to_json

ROOT = Path(__file__).resolve().parent.parent


def _gp(text: str):  # type: ignore[no-untyped-def]
    return geoparse(text, "d", engine=fake_engine())


def _places(text: str) -> list[tuple[str, str, str]]:
    return [(r.mention.surface, r.place.country_code if r.place else "", r.place.feature_code if r.place else "")
            for r in _gp(text)]


def test_people_named_like_places_are_not_places() -> None:
    text = ("US Defense Secretary Lloyd Austin met officials. Austin said the troops were ready. "
            "Spokesman John Kirby agreed, and Kirby stated the number. Vice President Kamala Harris "
            "spoke, as did Hisashi Matsumoto.")
    got = [s for s, _, _ in _places(text)]
    assert "Austin" not in got and "Kirby" not in got and "Harris" not in got and "Matsumoto" not in got
    assert "US" in got


def test_a_person_stays_a_person_for_the_whole_document() -> None:
    res = _gp("Lloyd Austin arrived. Later Austin told reporters he was pleased.")
    assert [r.mention.surface for r in res] == []


def test_georgia_next_to_tbilisi_is_the_country() -> None:
    got = _places("Rallies in Tbilisi, Georgia were held by Georgian Dream supporters.")
    assert ("Georgia", "GE", "PCLI") in got
    assert ("Georgian", "GE", "PCLI") in got


def test_georgia_after_a_us_city_is_the_state() -> None:
    got = _places("The storm hit Austin, Texas and then Georgia in the United States. Georgia braced.")
    assert [(cc, fc) for s, cc, fc in got if s == "Georgia"] == [("US", "ADM1"), ("US", "ADM1")]


def test_region_phrases_and_aliases() -> None:
    got = _places("Fighting in the Kursk region spread. Kiev says DPRK troops moved to eastern Ukraine.")
    assert ("Kursk region", "RU", "ADM1") in got
    assert ("Kiev", "UA", "PPLC") in got
    assert ("DPRK", "KP", "PCLI") in got
    assert ("eastern Ukraine", "UA", "RGN") in got


def test_a_bare_name_is_the_region_when_the_text_says_so() -> None:
    assert ("Kursk", "RU", "PPLA") in _places("Drones hit Kursk overnight.")
    got = _places("Troops entered the Russian region of Kursk. Later, Kursk was shelled.")
    assert got == [("Russian", "RU", "PCLI"), ("Kursk", "RU", "ADM1"), ("Kursk", "RU", "ADM1")]
    got = _places("Fighting in the Kursk region went on. Kursk was shelled.")
    assert got[-1] == ("Kursk", "RU", "ADM1")


def test_state_abbreviations_only_after_a_place_and_a_comma() -> None:
    got = _places("Flooding hit Austin, TX and Austin, Tex. on Monday. It is OK. IN the end, CA said no.")
    assert got.count(("TX", "US", "ADM1")) == 1 and ("Tex.", "US", "ADM1") in got
    assert [s for s, _, _ in got if s in ("OK", "IN", "CA")] == []


def test_kazan_with_brics_and_putin_is_in_russia() -> None:
    got = _places("Putin hosted the BRICS summit in Kazan, where Russia showed its allies.")
    assert ("Kazan", "RU", "PPLA") in got


def test_metonymy_is_a_place_and_is_marked() -> None:
    res = _gp("Kyiv says that Moscow has sent more troops to Ukraine.")
    by = {r.mention.surface: r for r in res}
    assert by["Kyiv"].metonymic and by["Moscow"].metonymic and not by["Ukraine"].metonymic
    assert by["Kyiv"].place is not None and by["Kyiv"].place.country_code == "UA"


def test_direction_word_makes_a_vague_region() -> None:
    res = _gp("Shelling continued in northern Russia overnight.")
    assert len(res) == 1
    r = res[0]
    assert r.mention.surface == "northern Russia" and r.place is not None and r.place.precision == "vague"


def test_sentence_initial_common_word_is_not_a_place() -> None:
    assert _places("Reading the report, Police officers said nothing.") == []
    assert ("Reading", "GB", "PPL") in _places("The train stopped in Reading overnight.")


def test_resolution_carries_alternatives_and_reasons() -> None:
    res = _gp("Georgia held elections.")
    assert res and res[0].alternatives and res[0].why
    assert 0.0 <= res[0].confidence <= 1.0
    ex = explain(res)
    assert ex[0]["winner"]["name"] == "Georgia" and ex[0]["candidates"][0]["name"] == "Georgia"
    assert ex[0]["winner"]["id"] != ex[0]["candidates"][0]["id"]
    j = to_json(res[0])
    assert {"start", "end", "text", "name", "lat", "lon", "country_code", "feature_code", "geonameid",
            "confidence", "kind"} <= set(j)


def test_bad_input_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError):
        geoparse(None, engine=fake_engine())  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("KursGeoiaTbls ,.'\n-RUSDPKyvé\u0000\u202e漢字")) | st.characters(),
               max_size=300))
def test_offsets_always_slice_the_input_and_nothing_crashes(text: str) -> None:
    for r in geoparse(text, engine=fake_engine()):
        m = r.mention
        assert text[m.start:m.end] == m.surface
        assert 0.0 <= r.confidence <= 1.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Kursk", "Georgia", "Tbilisi", "Lloyd Austin", "Austin", "said", "in",
                                 "KYIV", "U.S.", "the", "region", ",", ".", "\n", "Russian", "eastern"]),
                max_size=60))
def test_name_soup_keeps_offsets_exact(words: list[str]) -> None:
    text = " ".join(words)
    res = geoparse(text, engine=fake_engine())
    assert [r.mention.start for r in res] == sorted(r.mention.start for r in res)
    for r in res:
        assert text[r.mention.start:r.mention.end] == r.mention.surface


def test_empty_huge_and_control_character_input() -> None:
    assert geoparse("", engine=fake_engine()) == []
    assert geoparse("   \n\t", engine=fake_engine()) == []
    huge = "Troops moved from Kursk to Moscow. " * 20_000
    res = geoparse(huge, engine=fake_engine())
    assert len(res) == 40_000
    weird = "\x00\x01Kursk\x7f\u200bMoscow\ud7ff"
    for r in geoparse(weird, engine=fake_engine()):
        assert weird[r.mention.start:r.mention.end] == r.mention.surface


def _cli(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    code = ("import sys; sys.path.insert(0, 'tests'); import geo.geoparse as g; "
            "from fixtures.gazetteer import fake_engine; g._ENGINE = fake_engine(); "
            "from cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, "geoparse", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_jsonl_skips_a_bad_line_keeps_the_rest_and_fails_at_the_end() -> None:
    lines = [json.dumps({"id": "a", "text": "Kyiv says Moscow lies."}), "{not json", json.dumps({"id": "b"}),
             json.dumps({"id": "c", "text": "Nothing here."})]
    p = _cli(["--jsonl", "-"], "\n".join(lines) + "\n")
    assert p.returncode == 1
    out = [json.loads(x) for x in p.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "c"]
    assert [t["text"] for t in out[0]["toponyms"]] == ["Kyiv", "Moscow"]
    t = out[0]["toponyms"][0]
    assert t["start"] == 0 and t["end"] == 4 and t["country_code"] == "UA" and t["kind"] == "place"
    assert "line 2" in p.stderr or ":2:" in p.stderr
    assert ":3:" in p.stderr


def test_cli_files_and_explain(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Georgian Dream won in Georgia.", encoding="utf-8")
    p = _cli([str(f)])
    assert p.returncode == 0
    rec = json.loads(p.stdout)
    assert rec["id"] == str(f)
    assert [(t["text"], t["kind"]) for t in rec["toponyms"]] == [("Georgian", "demonym"), ("Georgia", "place")]
    p = _cli(["--explain", str(f)])
    assert p.returncode == 0 and "-> Georgia (GE PCLI" in p.stdout and "also" in p.stdout and "prior" in p.stdout
    p = _cli([str(tmp_path / "missing.txt")])
    assert p.returncode == 1 and "cannot read" in p.stderr


def test_islands_rivers_deserts_and_airports_are_places() -> None:
    text = ("Farmers along the Cauvery protested. Flights at Heathrow were delayed. Surfers on Oahu and "
            "migrants crossing the Sahara to Samos. West Nile virus spread; Amazon shares rose.")
    got = {r.mention.surface: r.place for r in _gp(text) if r.place}
    assert got["Cauvery"].feature_code == "STM" and abs(got["Cauvery"].lat - 11.1) < 1
    assert got["Heathrow"].country_code == "GB" and got["Oahu"].country_code == "US"
    assert {"Sahara", "Samos"} <= set(got)
    assert "Nile" not in got and "Amazon" not in got  # a virus and a company
