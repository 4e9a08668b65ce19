"""Spelling variants of a name that the case-sensitive automaton must treat as one.

News and the gazetteer disagree on joiners and on the case of small words inside a name:
"Kvemo-Kartli" / "Kvemo Kartli", "Rostov on Don" / "Rostov-on-Don", "Port-Au-Prince" /
"Port-au-Prince". The automaton (geo.recognize) stays case-sensitive, because capitals are what
separate "Reading" from "reading"; instead a hyphen and a space are made the same character on
both sides (``fold_joiners``: same length, so offsets into the text stay exact), and a name is
stored with its inner connector words both lower- and title-cased (``connector_forms``).
"""

from __future__ import annotations

# Short words that join the parts of a place name in the languages the gazetteer romanises,
# written lowercase by one source and capitalised by another ("Port-Au-Prince", "Rio De Janeiro").
CONNECTORS: frozenset[str] = frozenset({
    "a", "al", "am", "an", "and", "au", "aux", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "e", "el", "en", "ez", "im", "la", "las", "le", "les", "lo", "los", "of",
    "on", "sous", "sur", "the", "upon", "y",
})


def fold_joiners(s: str) -> str:
    """``s`` with every hyphen as a space; same length, so an offset into one is an offset into the other.

    Hyphen, Unicode hyphen, non-breaking hyphen are joiners inside a name. Dashes are not: an en dash
    between two names is a range or a pair ("Paris–Berlin"), not one name."""
    if "-" in s:  # str.replace: a C loop, where translate with a dict looks up every character
        s = s.replace("-", " ")
    if "\u2010" in s or "\u2011" in s:
        s = s.replace("\u2010", " ").replace("\u2011", " ")
    return s


def connector_forms(name: str) -> tuple[str, ...]:
    """``name`` (joiners folded) and, when a connector word sits between capitalised words, the
    forms with every such connector lowercase and capitalised: "Port au Prince", "Port Au Prince".

    Only inner words change: a first word ("La Paz", "On") or a last one keeps its case, so a
    lowercase phrase in running text ("Come on") never becomes a name."""
    folded = fold_joiners(name)
    words = folded.split(" ")
    if len(words) < 3 or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return (folded,)
    inner = [i for i in range(1, len(words) - 1) if words[i].lower() in CONNECTORS]
    if not inner:
        return (folded,)
    lower, title = list(words), list(words)
    for i in inner:
        w = words[i]
        lower[i] = w.lower()
        title[i] = w[:1].upper() + w[1:].lower()
    return tuple(dict.fromkeys((folded, " ".join(lower), " ".join(title))))
