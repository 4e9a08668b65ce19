"""Pass "region lists": "Utah, Virginia, Washington, West Virginia and Wyoming" is a list, not "town, state".

The candidates pass links "X, Y" as a name and its container ("Atlanta, Georgia"). When both names can
be first-level regions by their own names and the list goes on right before or after them
("Washington, Pennsylvania and California"), the comma separates list entries: the link is undone, so
Washington is read as a state listed with states, not the town of Washington inside West Virginia.
"""

from __future__ import annotations

from dataclasses import replace

from geo.normalize import name_key
from geo.parse.lists import LIST_GAP
from geo.parse.state import Doc, Item
from geo.places import is_admin

REGION_LISTS = "region lists"


def _region(it: Item) -> bool:
    """Whether the item can be a first-level region by its own name ("Washington", "Ohio")."""
    key = name_key(it.span.lookup)
    return any(is_admin(p) and name_key(p.name) == key for p in it.cands)


def _listed(text: str, a: Item, b: Item) -> bool:
    return _region(a) and _region(b) and LIST_GAP.fullmatch(text[a.span.end:b.span.start]) is not None


def region_lists(doc: Doc) -> Doc:
    """Undo the "name, container" link of two regions that stand in a longer list of regions."""
    items, text = list(doc.items), doc.text
    changed = False
    for i, it in enumerate(items):
        j = it.container
        if j < 0 or not (_region(it) and _region(items[j])):
            continue
        before = i > 0 and _listed(text, items[i - 1], it)
        after = j + 1 < len(items) and _listed(text, items[j], items[j + 1])
        if before or after:
            items[i] = replace(it, container=-1)
            items[j] = replace(items[j], inner=-1)
            changed = True
    return doc.with_items(items) if changed else doc


__all__ = ["REGION_LISTS", "region_lists"]
