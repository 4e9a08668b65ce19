"""Pass "longer names": a place name that is only part of a longer Arabic-style name is no mention.

"Bab Al-Salam" (a border crossing) is not Salam, Oman: the word after an article ("Al-", "el-", "ez-")
that follows a capitalised word ends the longer name "X al-Y". When the gazetteer knows the whole name
the automaton matches it whole ("Deir ez-Zor"), so a part left on its own belongs to a name the
gazetteer lacks, not to the place it happens to spell.
"""

from __future__ import annotations

import re

from geo.parse.state import Code, Doc

LONGER_NAMES = "longer names"
_ARTICLE = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Ee][dnrstz])[-\u2011]"
_ENDS = re.compile(r"[A-Z][\w'\u2019]*[ \t]+" + _ARTICLE + r"\Z")  # before the span: "Bab Al-|Salam"


def longer_names(doc: Doc) -> Doc:
    """Undecided spans that end a longer "X al-Y" name are decided: not places."""
    text, items = doc.text, list(doc.items)
    changed = False
    for i in doc.undecided():
        s = items[i].span
        if _ENDS.search(text, max(0, s.start - 40), s.start):
            items[i] = items[i].decide(False, Code.IN_LONGER_NAME, LONGER_NAMES, "ends a longer 'X al-Y' name")
            changed = True
    return doc.with_items(items) if changed else doc


__all__ = ["LONGER_NAMES", "longer_names"]
