"""Passes "kind-of-region words" and "recognise": which of the remaining spans are places.

Names from our tables (demonyms, aliases, macro-regions), multi-word and well-known names are kept
unless a rule below says otherwise; a frequent English word capitalised by its position is not a
place; a little-known single word needs support (a locative, a region word; else the evidence
passes decide). ``RULES`` is the order: the first rule that speaks decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from geo import context as cx
from geo.normalize import name_key
from geo.parse.people import well_known
from geo.parse.state import Code, Doc, Item
from geo.places import is_major
from geo.stoplists import CALENDAR, DIRECTIONS, FUNCTION_WORDS, GENERIC_REGION_WORDS, common_words
from geo.stoplists import REGION_WORDS as REGION_WORD_SET

REGION_WORDS = "kind-of-region words"
RECOGNISE = "recognise"


def common(surface: str) -> bool:
    """A frequent English word ("Reading", "Mobile"): weak evidence of a place on its own."""
    return surface.lower() in common_words()


def region_words(doc: Doc) -> Doc:
    """What a region word asks for ("Kursk region": ADM1) and a direction before ("eastern Ukraine")."""
    items = list(doc.items)
    for i in doc.undecided():
        it = items[i]
        want = cx.region_word(it.cues)
        direction = cx.direction_before(it.cues) if it.kind != "demonym" else ""
        if want or direction:
            items[i] = replace(it, want=want, direction=direction)
    return doc.with_items(items)


def _located(it: Item) -> bool:
    return cx.is_locative(it.cues) or it.container >= 0


def _not_known(it: Item) -> bool:
    return not any(well_known(p) for p in it.cands)


# Each rule: (item) -> (keep, words) when it speaks, else None.
Rule = Callable[[Item], "tuple[bool, str] | None"]


def _table(it: Item) -> tuple[bool, str] | None:
    return (True, it.kind) if it.kind in ("demonym", "alias", "region") else None


def _common_in_name(it: Item) -> tuple[bool, str] | None:
    s, c = it.span.surface, it.cues
    if common(s) and c.next_tight and c.next[:1].isupper() and not it.next_place and _not_known(it):
        return False, f"a common word inside a longer name ({s} {c.next})"
    return None


def _common_ends_name(it: Item) -> tuple[bool, str] | None:
    s, c = it.span.surface, it.cues
    if (common(s) and " " not in s and c.prev_tight and c.prev[:1].isupper() and c.prev not in FUNCTION_WORDS
            and _not_known(it)):
        return False, f"a common word ending a longer name ({c.prev} {s})"
    return None


def _common_alternate(it: Item) -> tuple[bool, str] | None:
    s = it.span.surface
    if common(s) and " " not in s and not any(name_key(p.name) == name_key(s) for p in it.cands):
        return False, "a common word that is only an alternate name of a place"
    return None


def _region_word(it: Item) -> tuple[bool, str] | None:
    # "Coast Guard", "Federal Minister"; but "in Bar", "to Pool" name the town and the region
    s = it.span.surface.lower()
    if s in DIRECTIONS or (s in GENERIC_REGION_WORDS and not _located(it)):
        return False, "a direction or a kind of region on its own"
    return None


def _common_capitalised(it: Item) -> tuple[bool, str] | None:
    c = it.cues
    if (c.sentence_start or c.headline or it.span.caps) and common(it.span.surface) and _not_known(it):
        return False, "common word at the start of a sentence or in a headline"
    return None


def _inside_name(it: Item) -> tuple[bool, str] | None:
    # "the Light Company Claiborne Power House": a little-known single word between capitalised words
    # is part of a longer name, unless a locative or container places it
    s, c = it.span.surface, it.cues
    if (" " not in s and "-" not in s and _not_known(it) and not _located(it) and not it.want
            and c.prev_tight and _name_word(c.prev) and c.next_tight and _name_word(c.next)
            and c.next not in REGION_WORD_SET):
        return False, f"inside a longer name ({c.prev} {s} {c.next})"
    return None


def _name_word(w: str) -> bool:
    return (w[:1].isupper() and w not in FUNCTION_WORDS and w not in CALENDAR and w.lower() not in DIRECTIONS
            and not w.isupper())


def _well_known(it: Item) -> tuple[bool, str] | None:
    s = it.span.surface
    if " " in s.strip() or "-" in s or any(is_major(p) for p in it.cands):
        return True, "well-known or multi-word name"
    return None


def _speaker(it: Item) -> tuple[bool, str] | None:
    if cx.speech_cue(it.cues) and not _located(it):
        return False, "person: a little-known place name next to a speech verb"
    return None


def _locative(it: Item) -> tuple[bool, str] | None:
    if it.want or _located(it):
        return (not common(it.span.surface) or _located(it)), "minor place with a locative cue"
    return None


RULES: tuple[tuple[Code, Rule], ...] = (
    (Code.TABLE, _table),
    (Code.COMMON_IN_NAME, _common_in_name),
    (Code.COMMON_ENDS_NAME, _common_ends_name),
    (Code.COMMON_ALTERNATE, _common_alternate),
    (Code.REGION_WORD, _region_word),
    (Code.COMMON_CAPITALISED, _common_capitalised),
    (Code.INSIDE_NAME, _inside_name),
    (Code.WELL_KNOWN, _well_known),
    (Code.SPEAKER, _speaker),
    (Code.LOCATIVE, _locative),
)


def recognise(doc: Doc) -> Doc:
    """The first rule of ``RULES`` that speaks decides; items no rule decides wait for the evidence."""
    items = list(doc.items)
    for i in doc.undecided():
        for code, rule in RULES:
            said = rule(items[i])
            if said is not None:
                items[i] = items[i].decide(said[0], code, RECOGNISE, said[1])
                break
    return doc.with_items(items)
