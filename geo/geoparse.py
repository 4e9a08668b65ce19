"""The geoparser: text in, every place (and nationality) it mentions out, resolved.

``geoparse(text, doc_id)`` runs the passes of geo.parse.pipeline over one document: candidates from
one automaton pass (geo.recognize), people and organisations, recognition rules, document evidence,
resolution and one sense per discourse, then streets (geo.streets). This module holds the ``Engine``
(gazetteer, automaton and tables, built once per process) and the output formats.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geo import fuzzy
from geo.aliases import ISO_REGION
from geo.fuzzy import FuzzyIndex
from geo.model import Candidate, Mention, Place, Resolution
from geo.normalize import name_key
from geo.parse.pipeline import run
from geo.places import GazetteerLike, is_country, load_country_points, load_regions
from geo.recognize import Matcher, RawSpan, cached_matcher, load_aliases, load_demonyms, matcher_key
from geo.surface import connector_forms, fold_joiners


@dataclass
class Engine:
    """Everything geoparse needs, built once: the gazetteer, the automaton, the target tables."""

    gazetteer: GazetteerLike
    matcher: Matcher
    demonyms: dict[str, str]
    aliases: dict[str, tuple[str, str]]
    regions: dict[str, list[Place]]
    by_code: dict[str, Place]
    country_points: dict[str, tuple[float, float]]
    by_code_names: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        self._lookup: dict[str, tuple[Place, ...]] = {}
        self._prior: dict[str, float] = {}
        self._targets: dict[str, Place | None] = {}
        self._lock = threading.Lock()
        # The matcher finds "Horn Of Africa", "Sub Saharan Africa" (geo.surface): our regions by those forms too.
        self._region_forms: dict[str, list[Place]] = {}
        for name, places in self.regions.items():
            for form in connector_forms(name):
                self._region_forms.setdefault(form, places)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Gazetteer places for a name plus our macro-regions (cached per name)."""
        hit = self._lookup.get(name)
        if hit is None:
            found = self.gazetteer.lookup(name)[:25]
            areas = {name_key(p.name) for p in found if p.precision == "vague"}
            own = self.regions.get(name) or self._region_forms.get(fold_joiners(name), ())
            mine = [p for p in own if name_key(p.name) not in areas]
            for p in mine:
                self._prior.setdefault(p.id, 0.8)
            hit = tuple(self._pin(p) for p in mine + found)
            if len(self._lookup) > 50_000:
                self._lookup.clear()
            self._lookup[name] = hit
        return hit

    def _pin(self, p: Place) -> Place:
        """Countries at their conventional point (see resolve.load_country_points)."""
        if is_country(p) and p.country_code in self.country_points:
            lat, lon = self.country_points[p.country_code]
            if self._prior.get(p.id) is None:
                self._prior[p.id] = self.gazetteer.prior(p)
            return replace(p, lat=lat, lon=lon)
        return p

    def prior(self, place: Place) -> float:
        v = self._prior.get(place.id)
        if v is None:
            v = self._prior[place.id] = self.gazetteer.prior(place)
        return v

    def _country(self, cc: str) -> Place | None:
        """The country with ISO code ``cc``: looked up by its names (cheap), else from the full
        country list (which loads every outline, so only once and only if needed)."""
        for name in self.by_code_names.get(cc, ()):
            for p in self.lookup(name):
                if is_country(p) and p.country_code == cc:
                    return p
        if not self.by_code:
            for p in self.gazetteer.countries():
                self.by_code.setdefault(p.country_code, replace(p, geometry=None))
        p = self.by_code.get(cc)
        return self._pin(p) if p is not None else None

    def target(self, target: str) -> Place | None:
        """Resolve a table target: ISO code ("RU"), ISO 3166-2 ("US-CA"), GeoNames id or Name[/CC[/feature code]]."""
        if target in self._targets:
            return self._targets[target]
        place: Place | None = None
        if len(target) == 2 and target.isupper():
            place = self._country(target)
        elif target.isdigit():
            place = self.gazetteer.get(target)
        else:
            name, _, rest = _region_target(target).partition("/")
            cc, _, fc = rest.partition("/")
            for p in self.lookup(name):
                if (not cc or p.country_code == cc) and (not fc or p.feature_code.startswith(fc)):
                    place = p
                    break
        self._targets[target] = place
        return place


def _region_target(target: str) -> str:
    """"US-CA" -> "California/US/ADM1" (pycountry's name for the subdivision); other targets unchanged."""
    if not ISO_REGION.fullmatch(target):
        return target
    import pycountry

    sub = pycountry.subdivisions.get(code=target)
    return f"{sub.name}/{sub.country_code}/ADM1" if sub is not None else target


def country_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 code -> names the gazetteer knows the country by (pycountry)."""
    out: dict[str, tuple[str, ...]] = {}
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        return out
    for c in pycountry.countries:
        names = [getattr(c, a, "") for a in ("common_name", "name", "official_name")]
        out[c.alpha_2] = tuple(n for n in names if n)
    out.setdefault("XK", ("Kosovo",))
    return out


def build_engine(gazetteer: GazetteerLike, cache: Path | None = None) -> Engine:
    """Build the automaton and tables over ``gazetteer``. The automaton (2-3 CPU-s over the full
    index) is kept in ``cache`` (default ``$SITMAP_CACHE/engine``) keyed by the gazetteer's version
    and the tables (``geo.recognize.cached_matcher``); a gazetteer with no version (a test's, or one
    with overrides) is built fresh each time."""
    demonyms = load_demonyms()
    aliases = load_aliases()
    regions: dict[str, list[Place]] = {}
    for place, names in load_regions():
        for n in names:
            regions.setdefault(n, []).append(place)

    def build() -> Matcher:
        return Matcher(gazetteer.iter_names(), demonyms, aliases, regions)

    meta = getattr(gazetteer, "meta", None)
    if isinstance(meta, dict) and meta and not getattr(gazetteer, "overrides", None):
        from geo.gazetteer import cache_dir

        key = matcher_key(json.dumps(meta, sort_keys=True), demonyms, aliases, regions)
        matcher = cached_matcher(cache or cache_dir() / "engine", key, build)
    else:
        matcher = build()
    return Engine(gazetteer, matcher, demonyms, aliases, regions, {}, load_country_points(), country_names())


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def default_engine() -> Engine:
    """The process-wide engine over ``default_gazetteer()``."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                from geo.gazetteer import default_gazetteer

                _ENGINE = build_engine(default_gazetteer())
    return _ENGINE


def geoparse(text: str, doc_id: str = "", engine: Engine | None = None, unresolved: bool = False) -> list[Resolution]:
    """Places and demonyms mentioned in ``text``, resolved, sorted by offset; with ``unresolved``,
    also the names the text presents as places that could not be placed (kind "unresolved").

    Never raises on odd text (empty, huge, control characters); raises TypeError for a
    non-string, because that is a caller's bug.
    """
    if not isinstance(text, str):
        raise TypeError(f"geoparse expects str text, got {type(text).__name__}")
    if not text.strip():
        return []
    out = run(text, doc_id, engine or default_engine())
    return out if unresolved else [r for r in out if r.mention.kind != "unresolved"]


def _build_fuzzy(gazetteer: GazetteerLike) -> FuzzyIndex:
    """The respelling index, kept in ``$SITMAP_CACHE/engine`` keyed by the gazetteer's version like the
    automaton (a gazetteer with no version or with overrides is indexed fresh each time)."""
    meta = getattr(gazetteer, "meta", None)
    if isinstance(meta, dict) and meta and not getattr(gazetteer, "overrides", None):
        from geo.gazetteer import cache_dir

        key = fuzzy.index_key(json.dumps(meta, sort_keys=True))
        return fuzzy.cached_index(cache_dir() / "engine", key, gazetteer.iter_names)
    return FuzzyIndex(gazetteer.iter_names())


def fuzzy_index(eng: Engine) -> FuzzyIndex:
    """The respelling index over the engine's gazetteer names (geo.fuzzy), built on first need."""
    idx = getattr(eng, "_fuzzy", None)
    if idx is None:
        with eng._lock:
            idx = getattr(eng, "_fuzzy", None)
            if idx is None:
                idx = _build_fuzzy(eng.gazetteer)
                eng._fuzzy = idx  # type: ignore[attr-defined]
    return idx


def explain(resolutions: Iterable[Resolution]) -> list[dict[str, Any]]:
    """Per mention, the candidates considered with scores and reasons (``--explain``)."""
    out = []
    for r in resolutions:
        cands = [r_cand(c.place, c.score, c.why) for c in r.alternatives]
        out.append({"start": r.mention.start, "end": r.mention.end, "text": r.mention.surface,
                    "kind": r.mention.kind, "why": r.why, "metonymic": r.metonymic,
                    "confidence": r.confidence, "kept_by": r.kept_by, "chosen_by": r.chosen_by, "winner": r_cand(r.place, r.confidence, r.why) if r.place else None,
                    "candidates": cands})
    return out


def r_cand(p: Place, score: float, why: str) -> dict[str, Any]:
    return {"name": p.name, "id": p.id, "country_code": p.country_code, "feature_code": p.feature_code,
            "score": score, "why": why}


def to_json(r: Resolution) -> dict[str, Any]:
    """One toponym in the output contract of ../shared/eval/README.md."""
    p = r.place
    return {"start": r.mention.start, "end": r.mention.end, "text": r.mention.surface,
            "name": p.name if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
            "country_code": p.country_code if p else None, "feature_code": p.feature_code if p else None,
            "geonameid": p.geonameid if p else None, "place_id": p.id if p else None,
            "precision": p.precision if p else None, "confidence": r.confidence,
            "kind": r.mention.kind, "metonymic": r.metonymic,
            **({"organisation": r.organisation} if r.organisation else {})}


__all__ = ["Engine", "build_engine", "default_engine", "geoparse", "explain", "to_json", "Candidate",
           "Mention", "RawSpan", "Resolution"]
