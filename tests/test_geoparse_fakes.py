"""A tiny in-memory gazetteer for fast geoparser tests (the real one takes a minute to build)."""

from __future__ import annotations

from collections.abc import Iterator

from geo.model import Place
from geo.normalize import name_key


def _p(id_: str, name: str, lat: float, lon: float, cc: str, fc: str, prec: str, pop: int = 0,
       admin1: str = "") -> Place:
    return Place(id=id_, name=name, lat=lat, lon=lon, country_code=cc, feature_code=fc, precision=prec,  # type: ignore[arg-type]
                 admin1=admin1, population=pop, geonameid=int(id_) if id_.isdigit() else None)


PLACES: list[tuple[Place, float, tuple[str, ...]]] = [
    (_p("2017370", "Russia", 61.5, 105.3, "RU", "PCLI", "country", 144_000_000), 1.0, ("Russian Federation",)),
    (_p("690791", "Ukraine", 49.0, 32.0, "UA", "PCLI", "country", 44_000_000), 0.99, ()),
    (_p("614540", "Georgia", 42.0, 43.5, "GE", "PCLI", "country", 3_700_000), 0.98, ()),
    (_p("4197000", "Georgia", 32.75, -83.5, "US", "ADM1", "admin", 10_000_000, "GA"), 0.70, ()),
    (_p("6252001", "United States", 39.76, -98.5, "US", "PCLI", "country", 327_000_000), 1.0,
     ("United States of America",)),
    (_p("3996063", "Mexico", 23.0, -102.0, "MX", "PCLI", "country", 126_000_000), 1.0, ()),
    (_p("3530597", "Mexico City", 19.43, -99.13, "MX", "PPLC", "point", 12_000_000), 0.98, ("Mexico",)),
    (_p("611717", "Tbilisi", 41.69, 44.83, "GE", "PPLC", "point", 1_100_000), 0.9, ()),
    (_p("703448", "Kyiv", 50.45, 30.52, "UA", "PPLC", "point", 2_900_000), 0.94, ("Kiev",)),
    (_p("524901", "Moscow", 55.75, 37.62, "RU", "PPLC", "point", 10_000_000), 0.97, ("Moskva",)),
    (_p("538560", "Kursk", 51.73, 36.19, "RU", "PPLA", "point", 450_000, "41"), 0.75, ()),
    (_p("538555", "Kursk Oblast", 51.5, 36.0, "RU", "ADM1", "admin", 800_000, "41"), 0.65,
     ("Kursk region", "Kurskaya Oblast", "Kursk")),
    (_p("4671654", "Austin", 30.27, -97.74, "US", "PPLA", "point", 970_000, "TX"), 0.52, ()),
    (_p("4736286", "Texas", 31.25, -99.25, "US", "ADM1", "admin", 29_000_000, "TX"), 0.70, ()),
    (_p("4140963", "Washington", 38.9, -77.04, "US", "PPLC", "point", 690_000, "DC"), 0.91, ()),
    (_p("5815135", "Washington", 47.5, -120.5, "US", "ADM1", "admin", 6_500_000, "WA"), 0.71, ()),
    (_p("4264688", "Kirby", 29.46, -98.38, "US", "PPL", "point", 8_550, "TX"), 0.34, ()),
    (_p("1856775", "Matsumoto", 36.23, 137.97, "JP", "PPL", "point", 240_000), 0.47, ()),
    (_p("1861060", "Japan", 35.68, 139.75, "JP", "PCLI", "country", 126_000_000), 1.0, ()),
    (_p("1873107", "North Korea", 40.0, 127.0, "KP", "PCLI", "country", 25_000_000), 1.0, ("DPRK",)),
    (_p("1871859", "Pyongyang", 39.03, 125.75, "KP", "PPLC", "point", 3_200_000), 0.95, ()),
    (_p("4000001", "Harris", 35.0, -80.0, "US", "PPL", "point", 1_100), 0.26, ()),
    (_p("551487", "Kazan", 55.79, 49.12, "RU", "PPLA", "point", 1_200_000), 0.53, ()),
    (_p("300000", "Kazan", 40.2, 32.68, "TR", "PPL", "point", 24_000), 0.38, ()),
    (_p("6255148", "Europe", 48.69, 9.14, "", "CONT", "vague", 741_000_000), 0.8, ()),
    (_p("rgn:eastern-ukraine", "eastern Ukraine", 48.5, 37.5, "UA", "RGN", "vague"), 0.75, ()),
    (_p("7000001", "Reading", 51.45, -0.97, "GB", "PPL", "point", 230_000), 0.5, ()),
    (_p("7000002", "Police", 53.55, 14.57, "PL", "PPL", "point", 33_000), 0.35, ()),
]


class FakeGazetteer:
    """Just enough of geo.gazetteer.Gazetteer for the geoparser."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[Place]] = {}
        self.priors: dict[str, float] = {}
        self.names: list[str] = []
        for place, prior, aliases in PLACES:
            self.priors[place.id] = prior
            for n in (place.name, *aliases):
                self.by_key.setdefault(name_key(n), []).append(place)
                self.names.append(n)
        for lst in self.by_key.values():
            lst.sort(key=lambda p: -self.priors[p.id])

    def lookup(self, name: str) -> list[Place]:
        return list(self.by_key.get(name_key(name), []))

    def prior(self, place: Place) -> float:
        return self.priors.get(place.id, 0.3)

    def countries(self) -> list[Place]:
        return [p for p, _, _ in PLACES if p.feature_code == "PCLI"]

    def iter_names(self) -> Iterator[str]:
        return iter(self.names)


_ENGINE = None


def fake_engine():  # type: ignore[no-untyped-def]
    """One engine over the fake gazetteer per test session."""
    global _ENGINE
    if _ENGINE is None:
        from geo.geoparse import build_engine

        _ENGINE = build_engine(FakeGazetteer())
    return _ENGINE
