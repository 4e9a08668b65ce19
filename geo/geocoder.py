"""``OfflineGeocoder``: the gazetteer behind geopy's geocoder interface.

Speaking geopy's contract (``geocode(query, exactly_one=True)`` -> ``Location``, a list,
or None) means geopy's ``RateLimiter``, its other geocoders and code written for them
work unchanged, and online services can stand in for (or back up) the offline index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geo.model import Candidate, Place

SOURCE = "sitmap-offline"
_STRUCTURED_ORDER = ("name", "city", "county", "state", "region", "country")


def place_raw(place: Place, score: float | None = None, why: str = "") -> dict[str, Any]:
    """A Place as the JSON-able ``raw`` dict of a geopy Location (no geometry)."""
    raw = {"id": place.id, "name": place.name, "lat": place.lat, "lon": place.lon,
           "country_code": place.country_code, "feature_code": place.feature_code,
           "precision": place.precision, "admin1": place.admin1, "population": place.population,
           "geonameid": place.geonameid, "approximate": place.approximate, "source": SOURCE}
    if score is not None:
        raw["score"] = round(float(score), 4)
    if why:
        raw["why"] = why
    return raw


def place_from_raw(raw: Mapping[str, Any]) -> Place:
    """Inverse of ``place_raw`` (for cached or serialised results)."""
    return Place(id=str(raw["id"]), name=str(raw["name"]), lat=float(raw["lat"]), lon=float(raw["lon"]),
                 country_code=str(raw.get("country_code") or ""), feature_code=str(raw.get("feature_code") or ""),
                 precision=raw.get("precision") or "point", admin1=str(raw.get("admin1") or ""),
                 population=int(raw.get("population") or 0), geonameid=raw.get("geonameid"),
                 approximate=bool(raw.get("approximate")))


def _query_text(query: Any) -> str:
    if isinstance(query, Mapping):  # geopy's structured queries: {"city": ..., "country": ...}
        parts = [str(query[k]).strip() for k in _STRUCTURED_ORDER if query.get(k)]
        return ", ".join(p for p in parts if p)
    if not isinstance(query, str):
        raise TypeError(f"geocode expects a str or a dict query, got {type(query).__name__}")
    return query.strip()


class OfflineGeocoder(Geocoder):
    """Geocode place names against the local gazetteer; no network, ever."""

    def __init__(self, gazetteer: Any = None, *, timeout: Any = DEFAULT_SENTINEL, **kwargs: Any) -> None:
        kwargs.setdefault("proxies", {})
        super().__init__(timeout=timeout, **kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            from geo.gazetteer import default_gazetteer

            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def candidates(self, query: Any, *, country_codes: Iterable[str] | None = None,
                   feature_codes: Iterable[str] | None = None, limit: int | None = None) -> list[Candidate]:
        """Every place the query may mean, best first, with a score in [0, 1] and the reason.

        "Name, Qualifier[, ...]" restricts the name to the country or region the qualifiers
        name ("Moscow, Idaho", "Kazan, Turkey"); a whole-string match wins first
        ("Washington, D.C.").
        """
        text = _query_text(query)
        if not text:
            return []
        g = self.gazetteer
        out = [Candidate(p, g.prior(p), "name match") for p in g.lookup(text)]
        if not out and "," in text:
            out = self._qualified(text)
        if country_codes is not None:
            ccs = {c.upper() for c in ([country_codes] if isinstance(country_codes, str) else country_codes)}
            out = [c for c in out if c.place.country_code in ccs]
        if feature_codes is not None:
            fcs = {f.upper() for f in ([feature_codes] if isinstance(feature_codes, str) else feature_codes)}
            out = [c for c in out if c.place.feature_code in fcs]
        out.sort(key=lambda c: -c.score)
        return out[:limit] if limit else out

    def _qualified(self, text: str) -> list[Candidate]:
        head, *quals = [p.strip() for p in text.split(",")]
        g = self.gazetteer
        found = g.lookup(head)
        why = []
        for q in filter(None, quals):
            scope = next((p for p in g.lookup(q) if p.feature_code in ("PCLI", "ADM1")), None)
            if scope is None:
                continue
            if scope.feature_code == "PCLI":
                found = [p for p in found if p.country_code == scope.country_code]
            else:
                found = [p for p in found if p.country_code == scope.country_code and p.admin1 == scope.admin1
                         and p.id != scope.id]
            why.append(scope.name)
        reason = f"name match in {', '.join(why)}" if why else "name match (qualifier not understood)"
        return [Candidate(p, min(1.0, g.prior(p) + (0.1 if why else 0.0)), reason) for p in found]

    def _location(self, cand: Candidate) -> Location:
        p = cand.place
        country = self.gazetteer.country(p.country_code) if p.feature_code != "PCLI" else None
        address = ", ".join(x for x in (p.name, country.name if country else "") if x)
        return Location(address, (p.lat, p.lon), place_raw(p, cand.score, cand.why))

    def geocode(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                country_codes: Iterable[str] | None = None, feature_codes: Iterable[str] | None = None,
                limit: int | None = None) -> Location | list[Location] | None:
        """geopy's contract: the best ``Location`` (or all, best first), None when nothing matches.

        ``Location.raw`` is our record (``place_raw``) with ``score`` and ``why``.
        """
        cands = self.candidates(query, country_codes=country_codes, feature_codes=feature_codes,
                                limit=1 if exactly_one else limit)
        if not cands:
            return None
        if exactly_one:
            return self._location(cands[0])
        return [self._location(c) for c in cands]

    def place(self, query: Any, **kwargs: Any) -> Place | None:
        """The best Place for a query, with its outline attached when it has one."""
        cands = self.candidates(query, limit=1, **kwargs)
        if not cands:
            return None
        p = cands[0].place
        return replace(p, geometry=self.gazetteer.geometry(p.id)) if p.geometry is None else p
