"""Containers the text states decide between namesakes (geo.containment)."""

from __future__ import annotations

from geo.containment import apply_containers, chain_after, consistent, inside
from geo.model import Mention, Place, Resolution


def _p(id_: str, name: str, lat: float, lon: float, cc: str, fc: str, prec: str = "point", pop: int = 0,
       admin1: str = "") -> Place:
    return Place(id=id_, name=name, lat=lat, lon=lon, country_code=cc, feature_code=fc, precision=prec,  # type: ignore[arg-type]
                 admin1=admin1, population=pop)


VIC_SC = _p("1", "Victoria", -4.62, 55.45, "SC", "PPLC", pop=22_000)
VIC_TX = _p("2", "Victoria", 28.8, -97.0, "US", "PPL", pop=65_000, admin1="TX")
VIC_KS = _p("3", "Victoria", 38.85, -99.15, "US", "PPL", pop=1_200, admin1="KS")
ELLIS = _p("4", "Ellis County", 38.91, -99.32, "US", "ADM2", "admin", admin1="KS")
KANSAS = _p("5", "Kansas", 38.5, -98.0, "US", "ADM1", "admin", admin1="KS")
US = _p("6", "United States", 39.8, -98.5, "US", "PCLI", "country")
MECCA = _p("7", "Mecca", 21.42, 39.83, "SA", "PPLA", pop=1_300_000)
MEDINA = _p("8", "Medina", 24.47, 39.61, "SA", "PPLA", pop=1_100_000)
ANTAKYA = _p("9", "Antakya", 36.2, 36.16, "TR", "PPLA", pop=250_000)
ODA_FAR = _p("10", "Odabasi", 38.0, 31.0, "TR", "PPL", pop=2_000)
ODA_NEAR = _p("11", "Odabasi", 36.25, 36.2, "TR", "PPL", pop=800)
PLACES = [VIC_SC, VIC_TX, VIC_KS, ELLIS, KANSAS, US, MECCA, MEDINA, ANTAKYA, ODA_FAR, ODA_NEAR]


def _lookup(name: str) -> list[Place]:
    return [p for p in PLACES if p.name == name]


def _prior(p: Place) -> float:
    return p.population / 1e7


def _res(text: str, picks: list[tuple[str, Place]]) -> list[Resolution]:
    out, at = [], 0
    for surface, place in picks:
        i = text.index(surface, at)
        at = i + len(surface)
        out.append(Resolution(Mention("d", i, at, surface), place, 0.5))
    return out


def test_description_puts_the_town_in_its_county_and_state() -> None:
    text = "Victoria is a city in Ellis County, Kansas, United States. Victoria was founded in 1873."
    res = _res(text, [("Victoria", VIC_SC), ("Ellis County", ELLIS), ("Kansas", KANSAS), ("United States", US),
                      ("Victoria", VIC_SC)])
    chain = chain_after(text, 0, res)
    assert chain is not None and chain.strong and [p.name for p in chain.places] == [
        "Ellis County", "Kansas", "United States"]
    out = apply_containers(text, res, _lookup, _prior)
    assert out[0].place == VIC_KS and out[4].place == VIC_KS  # the later bare mention follows
    assert "Ellis County" in out[0].why and out[0].alternatives[0].place == VIC_SC


def test_a_town_the_gazetteer_lacks_is_pinned_in_the_stated_county() -> None:
    text = "Victoria is a village in Ellis County, United States."
    res = _res(text, [("Victoria", VIC_SC), ("Ellis County", ELLIS), ("United States", US)])
    out = apply_containers(text, res, lambda n: [VIC_SC] if n == "Victoria" else [], _prior)
    assert out[0].place is not None and out[0].place.approximate and out[0].place.admin1 == "KS"
    assert (out[0].place.lat, out[0].place.lon) == (ELLIS.lat, ELLIS.lon)


def test_outside_a_city_means_near_it() -> None:
    text = "In Odabasi, outside Antakya, rescuers worked all night."
    res = _res(text, [("Odabasi", ODA_FAR), ("Antakya", ANTAKYA)])
    assert apply_containers(text, res, _lookup, _prior)[0].place == ODA_NEAR


def test_lists_and_loose_phrases_are_not_containers() -> None:
    text = "One died in Mecca, the others in Medina. Pilgrims from Victoria in Kansas."
    res = _res(text, [("Mecca", MECCA), ("Medina", MEDINA), ("Victoria", VIC_TX), ("Kansas", KANSAS)])
    assert chain_after(text, 0, res) is None
    out = apply_containers(text, res, _lookup, _prior)
    assert out[0].place == MECCA
    assert out[2].place == VIC_KS  # "X in Y": the namesake in Y, when there is one


def test_loose_phrase_does_not_move_a_well_known_place_it_cannot_fit() -> None:
    text = "Sanctions by Victoria in Kansas."
    res = _res(text, [("Victoria", VIC_SC), ("Kansas", KANSAS)])
    assert apply_containers(text, res, lambda n: [VIC_SC], _prior)[0].place == VIC_SC


def test_inside_by_codes_and_distance() -> None:
    assert inside(KANSAS, VIC_KS) and not inside(KANSAS, VIC_TX)
    assert inside(ELLIS, VIC_KS) and not inside(ELLIS, VIC_TX)
    assert inside(US, VIC_TX) and not inside(US, VIC_SC)
    assert inside(ANTAKYA, ODA_NEAR, "near") and not inside(ANTAKYA, ODA_FAR, "near")


ADAMS = _p("12", "Adams", 42.6, -73.1, "US", "PPL", pop=8_000, admin1="MA")
SALISBURY = _p("13", "Harare", -17.8, 31.05, "ZW", "PPLC", pop=1_500_000)


def test_a_container_the_outer_ones_contradict_is_dropped() -> None:
    text = "Victoria is a town in Salisbury, Ellis County, Kansas. Victoria grew."
    res = _res(text, [("Victoria", VIC_SC), ("Salisbury", SALISBURY), ("Ellis County", ELLIS), ("Kansas", KANSAS),
                      ("Victoria", VIC_SC)])
    chain = chain_after(text, 0, res)
    assert chain is not None and [p.name for p in chain.places] == ["Harare", "Ellis County", "Kansas"]
    assert [p.name for p in consistent(chain, _lookup, res, _prior)[0].places] == ["Ellis County", "Kansas"]
    assert apply_containers(text, res, _lookup, _prior)[0].place == VIC_KS


def test_a_reading_followed_by_a_kind_word_is_not_the_container() -> None:
    text = "Victoria /vɪkˈtɔːriə/ is a town in Adams Township, Kansas, United States."
    res = _res(text, [("Victoria", VIC_SC), ("Adams", ADAMS), ("Kansas", KANSAS), ("United States", US)])
    chain = chain_after(text, 0, res)
    assert chain is not None and [p.name for p in chain.places] == ["Kansas", "United States"]


def test_a_list_after_a_container_does_not_extend_the_chain() -> None:
    text = "Cases in Victoria in Kansas and in Medina were confirmed."
    res = _res(text, [("Victoria", VIC_TX), ("Kansas", KANSAS), ("Medina", MEDINA)])
    chain = chain_after(text, 0, res)
    assert chain is not None and [p.name for p in chain.places] == ["Kansas"] and not chain.strong


GEORGIA = _p("14", "Georgia", 42.0, 43.5, "GE", "PCLI", "country", pop=3_700_000)
GEORGIA_US = _p("15", "Georgia", 32.75, -83.5, "US", "ADM1", "admin", pop=10_000_000, admin1="GA")
DALLAS_TX = _p("16", "Dallas", 32.78, -96.8, "US", "PPL", pop=1_300_000, admin1="TX")
DALLAS_GA = _p("17", "Dallas", 33.92, -84.84, "US", "PPL", pop=11_000, admin1="GA")


def test_a_container_is_read_again_inside_the_outer_ones() -> None:
    text = "Dallas is a city in and the county seat of Paulding County, Georgia, United States."
    res = _res(text, [("Dallas", DALLAS_TX), ("Georgia", GEORGIA), ("United States", US)])
    names = {"Georgia": [GEORGIA, GEORGIA_US], "Dallas": [DALLAS_TX, DALLAS_GA]}
    out = apply_containers(text, res, lambda n: names.get(n, []), _prior)
    assert out[1].place == GEORGIA_US and out[0].place == DALLAS_GA


def test_several_named_counties_are_skipped_to_the_state() -> None:
    text = "Victoria is a village in Ellis and Rush counties, Kansas. It grew."
    res = _res(text, [("Victoria", VIC_SC), ("Ellis", ADAMS), ("Kansas", KANSAS)])
    chain = chain_after(text, 0, res)
    assert chain is not None and [p.name for p in chain.places] == ["Kansas"]


ETHIOPIA = _p("18", "Ethiopia", 9.0, 39.5, "ET", "PCLI", "country")
RAMA_NI = _p("19", "Rama", 12.16, -84.22, "NI", "PPL", pop=50_000)


def test_a_description_with_only_a_country_pins_there_a_loose_phrase_does_not() -> None:
    text = "Rama is a town in northern Ethiopia. Gregory of Rama in Ethiopia."
    res = _res(text, [("Rama", RAMA_NI), ("Ethiopia", ETHIOPIA)])
    out = apply_containers(text, res, lambda n: [RAMA_NI] if n == "Rama" else [], _prior)
    assert out[0].place is not None and out[0].place.country_code == "ET" and out[0].place.approximate
    text2 = "Gregory of Rama in Ethiopia."
    res2 = _res(text2, [("Rama", RAMA_NI), ("Ethiopia", ETHIOPIA)])
    assert apply_containers(text2, res2, lambda n: [RAMA_NI] if n == "Rama" else [], _prior)[0].place == RAMA_NI


def test_town_comma_region_is_a_container_a_list_is_not() -> None:
    text = "Victoria, Kansas is small. Victoria, Kansas, Texas and Ohio voted."
    res = _res(text, [("Victoria", VIC_TX), ("Kansas", KANSAS), ("Victoria", VIC_TX), ("Kansas", KANSAS)])
    assert chain_after(text, 0, res) is not None
    assert chain_after(text, 2, res) is None


def test_a_direction_before_a_container_is_not_part_of_its_name() -> None:
    from geo.containment import bare

    assert bare("northwest Clayton County") == "Clayton County"
    assert bare("North Korea") == "Korea" and bare("Victoria") == "Victoria"  # only used to look up again


def test_compass_directions_name_a_part_of_the_country() -> None:
    from fixtures.gazetteer import fake_engine

    from geo.geoparse import geoparse

    res = geoparse("Shelling hit Northwest Ukraine and north-east Georgia overnight.", "d", engine=fake_engine())
    got = [(r.mention.surface, r.place.name if r.place else None, r.place.precision if r.place else None)
           for r in res]
    assert got == [("Northwest Ukraine", "northwest Ukraine", "vague"),
                   ("north-east Georgia", "north-east Georgia", "vague")]
