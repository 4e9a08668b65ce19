"""Organisations: names that are, or contain, place names but stand for a body, not a place.

"EU", "the White House", "the Kremlin", "Georgian Dream", "the Russian Foreign Ministry",
"Daily Sabah": a claim whose actor or speaker is one of these happens where the text says, not
at the organisation's seat, and a place inside the name ("Sabah" in "Daily Sabah") is no event
place. Found two ways: a table of well-known names (organisations.csv), and a rule for names
built like organisations: capitalised words ending in a head word ("X Party", "X Ministry",
"X Agency", "X Times") or starting with one ("Ministry of X", "Bank of X", "Daily X").
The geoparser keeps the place mentions (corpora annotate "EU" and embedded names as toponyms)
and marks them with ``Resolution.organisation``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from geo import tables
from geo.fastre import words_after
from geo.model import Resolution

TABLE = tables.path("organisations.csv")
HEADS_AFTER = ("Party", "Ministry", "Agency", "Committee", "Commission", "Council", "Bureau", "Service", "Services",
               "Parliament", "Assembly", "Congress", "Senate", "Court", "Army", "Navy", "Guard", "Police",
               "Forces", "Brigade", "Battalion", "Regiment", "Front", "Movement", "Alliance", "Coalition",
               "News", "Times", "Post", "Herald", "Tribune", "Gazette", "Journal", "Telegraph", "Independent",
               "Observer", "Chronicle", "Daily", "Radio", "Television", "TV", "Bank", "University", "Institute",
               "Foundation", "Corporation", "Company", "Group", "Airlines", "Airways", "Railways", "Authority",
               "Office", "Department", "Administration", "Government", "Cabinet", "Embassy", "Consulate",
               "Organization", "Organisation", "Association", "Federation Council",
               # companies named after the place they started in ("Texas Instruments", "Gulf States Utilities")
               "Utilities", "Instruments", "Express", "Health", "Energy", "Electric", "Motors", "Industries",
               "Holdings", "Pharmaceuticals", "Technologies", "Communications", "Petroleum", "Insurance",
               "Financial", "Securities", "Entertainment", "Jewelry", "Jewellery", "Foods", "Steel", "Mining")
HEADS_BEFORE = ("Ministry", "Department", "Office", "Bank", "University", "Government", "Parliament", "Embassy",
                "Consulate", "Council", "Commission", "Court", "Supreme Court", "Daily", "Radio", "Armed Forces",
                "Prosecutor General's Office", "Interior Ministry", "Foreign Ministry")
# Alternations written by geo.fastre.words_after: the same matches as "\b(?:Party|...)", scanned fast.
_HEAD = re.compile(words_after(sorted(HEADS_AFTER, key=len, reverse=True)) + r"\b")
# The capitalised words right before a head word ("Russian Foreign" before "Ministry").
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'\u2019.&-]*[ \t]+)(?:(?:of|the|for)[ \t]+)?(?:[A-Z][\w'\u2019.&-]*[ \t]+){0,4})\Z")
# Only group 1 and the end are read, so no leading "the" is matched: it is lowercase, so no earlier
# match can end inside "the " and the matches' heads and ends are those of "\b(?:the[ \t]+)?(...)".
_BEFORE = re.compile("(" + words_after(sorted(HEADS_BEFORE, key=len, reverse=True))
                     + r")[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?((?:[A-Z][\w'\u2019.-]*)(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'\u2019.-]*){0,3})")
_LEADING = ("The", "A", "An", "In", "On", "At", "By", "From", "For", "And", "But")


@dataclass(frozen=True, slots=True)
class OrgSpan:
    """One organisation name in a text: ``text[start:end]``, its display name and kind."""

    start: int
    end: int
    name: str
    kind: str


@lru_cache(maxsize=1)
def load_table(path: Path = TABLE) -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    """Surface -> (display name, kind), and one regex matching any of the surfaces as whole words."""
    names: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 2:
                raise ValueError(f"{path}: malformed row {row!r}")
            surfaces = [s for s in row[0].split("|") if s]
            for s in surfaces:
                names[s] = (surfaces[0], row[1])
    alt = words_after(sorted(names, key=len, reverse=True), not_after=r"[\w-]")
    return names, re.compile(alt + r"(?![\w-])")


_SENTENCE_END = re.compile(r"\b[A-Z]?[a-z]{2,}[a-z]\.[ \t]+")  # "Beaumont. ", not "U.S. " or "St. "


def _after_sentence_end(words: str) -> str:
    """The capitalised words before a head word, from the last sentence end on ("Dallas. Texas" -> "Texas")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(words)]
    return words[ends[-1]:] if ends else words


def find_organisations(text: str) -> list[OrgSpan]:
    """Organisation names in ``text``, longest first where they overlap, sorted by offset."""
    names, pattern = load_table()
    found: list[OrgSpan] = []
    for m in pattern.finditer(text):
        name, kind = names[m.group(0)]
        found.append(OrgSpan(m.start(), m.end(), name, kind))
    for h in _HEAD.finditer(text):
        window = text[max(0, h.start() - 80):h.start()]
        m = _NAME_BEFORE.search(window)
        if m is None:
            continue
        g = _after_sentence_end(m.group(1))
        start = h.start() - len(g)
        parts = g.split(None, 1)
        while len(parts) == 2 and parts[0] in _LEADING:  # "The Russian Foreign Ministry": not "The"
            start += len(g) - len(parts[1])
            g = parts[1]
            parts = g.split(None, 1)
        if g.strip() and g.split()[0] not in _LEADING:
            found.append(OrgSpan(start, h.end(), text[start:h.end()], h.group(0).lower()))
    for m in _BEFORE.finditer(text):
        found.append(OrgSpan(m.start(1), m.end(), text[m.start(1):m.end()], m.group(1).split()[-1].lower()))
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    out: list[OrgSpan] = []
    for o in found:
        if out and o.start < out[-1].end:
            continue
        out.append(o)
    return out


def mark_organisations(text: str, resolutions: list[Resolution], orgs: list[OrgSpan] | None = None) -> list[Resolution]:
    """Each mention that is, or lies inside, an organisation's name gets ``organisation`` set.

    Only the place's own name being the whole organisation ("Georgia" alone) is left alone:
    the organisation must be longer than the mention, or listed in the table."""
    orgs = find_organisations(text) if orgs is None else orgs
    if not orgs:
        return resolutions
    out = []
    k = 0
    for r in resolutions:
        m = r.mention
        while k < len(orgs) and orgs[k].end <= m.start:
            k += 1
        o = orgs[k] if k < len(orgs) else None
        if o is not None and o.start <= m.start and m.end <= o.end:
            out.append(replace(r, organisation=o.name))
        else:
            out.append(r)
    return out
