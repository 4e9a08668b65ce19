"""The geoparser's passes, in order: the one place that says what runs when.

Each pass is a function ``Doc -> Doc`` (geo.parse.state); a pass only adds to what earlier passes
decided (a recognition pass decides only undecided items; a resolution pass only re-reads kept ones),
so reading this list top to bottom is reading the algorithm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.model import Resolution
from geo.parse import (
    counties,
    county_lists,
    listed,
    longer,
    output,
    people,
    recognise,
    region_lists,
    resolve,
    stated,
    story,
    support,
    twins,
)
from geo.parse.candidates import candidates
from geo.parse.state import Doc

if TYPE_CHECKING:
    from geo.geoparse import Engine


@dataclass(frozen=True, slots=True)
class Pass:
    name: str
    run: Callable[[Doc], Doc]
    what: str


PASSES: tuple[Pass, ...] = (
    Pass("candidates", candidates, "automaton spans outside street names, their places and neighbours"),
    Pass(twins.REGION_TWINS, twins.region_twins, "one region under two ids (our table's point, GeoNames' code) is one"),
    Pass(region_lists.REGION_LISTS, region_lists.region_lists,
         "'Utah, Washington, West Virginia and Wyoming': regions in a list, not 'town, state'"),
    Pass(people.PEOPLE, people.people, "titles and given names mark people, remembered for the document"),
    Pass(people.ORGANISATIONS, people.organisations, "'X Inc.', 'US$'; later bare mentions of a person"),
    Pass(longer.LONGER_NAMES, longer.longer_names, "'Bab Al-Salam': not Salam, Oman (part of one name)"),
    Pass(recognise.REGION_WORDS, recognise.region_words, "'Kursk region' asks for a region; 'eastern Ukraine'"),
    Pass(recognise.RECOGNISE, recognise.recognise, "ordered rules (recognise.RULES) keep or drop a span"),
    Pass(support.EVIDENCE, support.evidence, "countries, regions and anchor places of the kept names"),
    Pass(support.LITTLE_KNOWN, support.little_known, "the rest: kept when the evidence backs them"),
    Pass(support.LISTS, support.lists, "an unbacked name listed next to a nearby town is a town"),
    Pass(support.REGIONS_NAMED, support.regions_named, "'Kursk region' once makes a bare 'Kursk' the region"),
    Pass(resolve.RESOLVE, resolve.resolve, "score each surface's candidates once with the evidence"),
    Pass(resolve.LIST_TYPES, resolve.list_types, "a name listed with countries (regions) is one if it can be"),
    Pass(resolve.CONTAINERS, resolve.containers, "'Kamagaya, Japan': the reading inside the container"),
    Pass(story.STORY, story.story, "tied readings: the one nearest the story's sure places"),
    Pass(listed.LISTED, listed.listed, "'San Juan, Choropampa, and Magdalena': a name listed with a town lies near it"),
    Pass(output.COHERENCE, output.coherence, "every mention takes its surface's sense"),
    Pass(stated.CONTAINERS_STATED, stated.containers_stated,
         "'X is a town in Y County, Kansas', 'X, outside Antakya': a namesake that lies there"),
    Pass(counties.COUNTIES_NAMED, counties.counties_named,
         "'Burlington, Boone County': the town and county pair in which the county holds the town"),
    Pass(county_lists.COUNTY_LISTS, county_lists.county_lists,
         "'Kane and Kendall counties, Illinois', 'the counties of Lake and Napa': each name a county"),
    Pass(counties.BARE_COUNTIES, counties.bare_counties,
         "'Suffolk County ... the Suffolk Times': a bare name read as a town of another state is the county"),
    Pass(stated.ORGANISATIONS_NAMED, stated.organisations_named, "'EU', 'Daily Sabah', 'X Party': bodies, marked"),
    Pass(stated.UNKNOWN_NAMES, stated.unknown_names,
         "'the village of X' the gazetteer lacks: a respelling the story vouches for, else unresolved"),
    Pass(output.STREETS, output.street_places, "streets and buildings pinned at a town the text names"),
)


def run(text: str, doc_id: str, eng: Engine, passes: tuple[Pass, ...] = PASSES) -> list[Resolution]:
    """Run ``passes`` over one document; its resolutions in text order."""
    doc = Doc(text, doc_id, eng)
    for p in passes:
        doc = p.run(doc)
    return list(doc.resolutions)
