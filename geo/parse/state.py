"""The typed state the passes of geo.parse hand on: one document's candidates and decisions.

Every pass takes a ``Doc`` and returns a new one (``Doc.evolve``); items are frozen and a
decision names its ``Code`` and the pass that made it, so later passes branch on codes, never on the
explanation text a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING

from geo.context import Cues
from geo.fastinit import fast_init
from geo.model import Candidate, Place, Resolution
from geo.recognize import RawSpan

if TYPE_CHECKING:
    from geo.geoparse import Engine
    from geo.parse.score import Evidence
    from geo.streets import StreetSpan


class Code(Enum):
    """Why a candidate span is, or is not, a place (one value per recognition rule)."""

    TITLE = "person: a title before it"
    GIVEN_NAME_BEFORE = "person: a given name before it"
    GIVEN_NAME = "person: it is a given name"
    NAME_PARTICLE = "person: a name particle before it"
    INITIAL = "person: an initial before it"
    AFTER_UNKNOWN_NAME = "person: an unknown capitalised name before it"
    AGE = "person: an age right after the name"
    ORGANISATION = "organisation"
    PERSON_EARLIER = "person: named as a person earlier"
    IN_LONGER_NAME = "part of a longer 'X al-Y' name"
    TABLE = "demonym, alias or macro-region of our tables"
    COMMON_IN_NAME = "a common word inside a longer name"
    COMMON_ENDS_NAME = "a common word ending a longer name"
    COMMON_ALTERNATE = "a common word that is only an alternate name"
    REGION_WORD = "a direction or a kind of region on its own"
    COMMON_CAPITALISED = "a common word capitalised by position"
    INSIDE_NAME = "a little-known word inside a longer capitalised name"
    WELL_KNOWN = "well-known or multi-word name"
    SPEAKER = "person: a little-known name next to a speech verb"
    LOCATIVE = "minor place with a locative cue"
    SUPPORTED = "little-known place backed by the text"
    UNSUPPORTED = "little-known place nothing backs"
    LISTED = "little-known place listed with a town nearby"


@fast_init
@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a span is a place, the rule (``code``) and pass (``by``) that said so, and the words
    shown to a reader (``text``: never read back by code)."""

    keep: bool
    code: Code
    by: str
    text: str


@fast_init
@dataclass(frozen=True, slots=True)
class Item:
    """One candidate span with its candidate places and its neighbours in the text."""

    span: RawSpan
    cues: Cues
    kind: str  # "name" (gazetteer), "demonym", "alias" or "region" (our tables)
    cands: tuple[Place, ...]
    decision: Decision | None = None
    want: str = ""  # feature class a region word asks for ("Kursk region": ADM1)
    direction: str = ""  # "eastern" in "eastern Ukraine"
    notes: tuple[str, ...] = ()  # what later passes add to the reader's explanation
    container: int = -1  # index of a following ", Country" item
    inner: int = -1  # index of a preceding "City, " item
    prev_place: bool = False
    next_place: bool = False

    @property
    def keep(self) -> bool | None:
        """True: a place; False: not one; None: not decided yet."""
        return None if self.decision is None else self.decision.keep

    @property
    def code(self) -> Code | None:
        return None if self.decision is None else self.decision.code

    @property
    def why(self) -> str:
        return "; ".join((self.decision.text if self.decision else "", *self.notes))

    def decide(self, keep: bool, code: Code, by: str, text: str) -> Item:
        """This item with its decision made (built field by field: ``replace`` costs a tenth of the run)."""
        return Item(self.span, self.cues, self.kind, self.cands, Decision(keep, code, by, text), self.want,
                    self.direction, self.notes, self.container, self.inner, self.prev_place, self.next_place)


@fast_init
@dataclass(frozen=True, slots=True)
class Sense:
    """The ranked candidates chosen for a surface, and the pass that chose them."""

    cands: tuple[Candidate, ...]
    by: str


@dataclass(frozen=True)
class Doc:
    """One document on its way through the passes."""

    text: str
    doc_id: str
    eng: Engine
    streets: tuple[StreetSpan, ...] = ()
    items: tuple[Item, ...] = ()
    persons: frozenset[str] = frozenset()  # surfaces named as people (one sense per discourse)
    evidence: Evidence | None = None
    first: dict[int, Sense] = field(default_factory=dict)  # item index -> its resolution in context
    senses: dict[tuple[str, str], Sense] = field(default_factory=dict)  # (lookup, want) -> shared sense
    resolutions: tuple[Resolution, ...] = ()
    organisations: tuple[tuple[int, int], ...] = ()  # spans of organisations' names (geo.organisations)

    def evolve(self, **changes: object) -> Doc:
        """``dataclasses.replace(self, **changes)`` at a fifth of its cost (~8 us, paid by every pass):
        a copy of the field dict with ``changes`` over it. Unknown field names raise TypeError."""
        unknown = changes.keys() - _DOC_FIELDS
        if unknown:
            raise TypeError(f"Doc has no field(s) {sorted(unknown)}")
        new = object.__new__(Doc)
        state = dict(self.__dict__)
        state.update(changes)
        object.__setattr__(new, "__dict__", state)
        return new

    def with_items(self, items: list[Item] | tuple[Item, ...]) -> Doc:
        return self.evolve(items=tuple(items))

    def undecided(self) -> list[int]:
        return [i for i, it in enumerate(self.items) if it.decision is None]


_DOC_FIELDS = frozenset(f.name for f in fields(Doc))
