"""Place names in Russian and Ukrainian text (geo.scripts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fixtures.gazetteer import fake_engine

from geo.geoparse import geoparse
from geo.scripts import cyrillic_spans, readings, region_readings, romanise_uk

ROOT = Path(__file__).resolve().parent.parent


def test_inflected_russian_and_ukrainian_names_read_as_their_lemma() -> None:
    assert readings("Курске")[0] == "Kursk"
    assert readings("Судже")[0] == "Sudzha"
    assert readings("Москве")[0] == "Moskva"
    assert "Kharkiv" in readings("Харкова")
    assert "Kyiv" in readings("Києві")
    assert readings("Ростов-на-Дону")[0] == "Rostov-na-Donu"
    assert region_readings("Курской", "области")[0] == "Kurskaya oblast"
    assert "Kharkivska oblast" in region_readings("Харківській", "області")


def test_ukrainian_national_romanisation() -> None:
    assert [romanise_uk(w) for w in ("Київ", "Запоріжжя", "Згурівка", "Єнакієве", "Юрківка")] == [
        "Kyiv", "Zaporizhzhia", "Zghurivka", "Yenakiieve", "Yurkivka"]


def test_the_likeliest_reading_wins_and_offsets_are_the_cyrillic_ones() -> None:
    text = "Вибухи у Києві."
    priors = {"Kyi": 0.2, "Kyiv": 0.95}
    spans = cyrillic_spans(text, lambda n: priors.get(n, 0.0))
    assert [(text[s.start:s.end], s.lookup) for s in spans] == [("Києві", "Kyiv")]
    assert cyrillic_spans("No Cyrillic here.", lambda n: 1.0) == []


def test_a_russian_article_maps_its_places() -> None:
    text = "Власти сообщили об обстреле в Курске. Делегация вылетела в Москву из Киева."
    res = geoparse(text, "d", engine=fake_engine())
    got = [(r.mention.surface, r.place.name if r.place else None) for r in res]
    assert got == [("Курске", "Kursk"), ("Москву", "Moscow"), ("Киева", "Kyiv")]
    for r in res:
        assert text[r.mention.start:r.mention.end] == r.mention.surface


def test_cli_reads_a_cp1251_russian_file(tmp_path: Path) -> None:
    f = tmp_path / "ru.txt"
    f.write_bytes("Российские военные сообщили, что ночью в Курске снова работала ПВО, а в Москве закрыли "
                  "аэропорты. Жители Курска провели ночь в укрытиях.".encode("cp1251"))
    code = ("import sys; sys.path.insert(0, 'tests'); import geo.geoparse as g; "
            "from fixtures.gazetteer import fake_engine; g._ENGINE = fake_engine(); "
            "from cli import main; sys.exit(main(sys.argv[1:]))")
    p = subprocess.run([sys.executable, "-c", code, "geoparse", str(f)], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    names = [t["name"] for t in json.loads(p.stdout)["toponyms"]]
    assert names == ["Kursk", "Moscow", "Kursk"]
