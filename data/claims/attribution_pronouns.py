"""Pronoun sources ("he said") resolved to the nearest compatible named source before them in the article.

The claim keeps the pronoun's offsets as its claimant span (that is what the text says there);
the resolved name is the claimant's display text. Compatibility is coarse and needs no model:
"he"/"she" take a person (a name that is not an organisation, with a matching title when one is
written: "Mr.", "Mrs.", "Ms."), "it" takes an organisation, "they" an organisation or a plural.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from data.claims.attribution_cues import person_nouns, source_nouns

_ORG = re.compile(
    r"\b(?:campaign|ministry|office|department|agency|government|administration|committee|commission|court|"
    r"police|military|army|party|council|company|firm|network|newspaper|channel|service|team|group|"
    r"university|institute|foundation|center|centre|house|senate|congress|union|association|times|post|"
    r"news|press|reuters|bureau|board|bank|fund|organization|organisation|poll|survey|report|study)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?=[A-Z])(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][\w’'-]+)+")
"""Every match starts with a capital: the lookahead says so, and ``re`` then skips to capitals in C."""
_FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam)\b\.?|\b(?:woman|spokeswoman|chairwoman|congresswoman)\b")
_MALE = re.compile(r"\bMr\b\.?|\b(?:spokesman|chairman|congressman)\b")


@dataclass(frozen=True, slots=True)
class Named:
    """A named source or a person's name seen in the article, with what a pronoun may refer to it as."""

    start: int
    end: int
    name: str
    person: bool
    plural: bool
    gender: str = ""  # "m", "f" or "" (unknown)


def describe(start: int, end: int, name: str) -> Named:
    """What a name can be referred to as: person or not, plural or not, gender when a title says it."""
    low_words = name.lower().split()
    plural = bool(low_words) and source_nouns().get(low_words[-1]) == "pl"
    org = bool(_ORG.search(name))
    person = not org and not plural and (any(w[:1].isupper() for w in name.split())
                                         or bool(low_words) and low_words[-1] in person_nouns())
    gender = "f" if _FEMALE.search(name) else "m" if _MALE.search(name) else ""
    return Named(start, end, name, person, plural, gender)


def names_in(text: str, lo: int = 0, hi: int | None = None) -> list[Named]:
    """Person-like names of two or more capitalised words in ``text[lo:hi]`` ("Donald Trump", "Mrs. Clinton")."""
    out = []
    for m in _NAME.finditer(text, lo, len(text) if hi is None else hi):
        out.append(describe(m.start(), m.end(), m.group()))
    return out


def compatible(pronoun: str, n: Named) -> bool:
    """Whether ``pronoun`` can refer to ``n``."""
    p = pronoun.lower()
    if p in ("he", "him", "his"):
        return n.person and n.gender != "f"
    if p in ("she", "her"):
        return n.person and n.gender != "m"
    if p == "it":
        return not n.person and not n.plural
    if p in ("they", "them"):
        return not n.person
    return p == "who"


def resolve(pronoun: str, pos: int, candidates: Sequence[Named]) -> Named | None:
    """The nearest candidate ending before ``pos`` that ``pronoun`` can refer to, or None (I, we, you)."""
    best = None
    for n in candidates:
        if n.end <= pos and compatible(pronoun, n) and (best is None or n.end > best.end):
            best = n
    return best
