"""The one alias table (geo/tables/aliases.csv): other names news gives places, and who uses each.

The recogniser reads the ``alias`` and ``comma`` rows (kept as places when matched; ``comma`` only right
after "Place, "); the gazetteer build reads the ``name`` rows (names of countries, regions and cities the
sources spell otherwise) and the ``shown`` rows (a region's display name). One file, so a surface cannot
mean one place to the recogniser and another to the gazetteer without a row saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.tables import path as table_path
from geo.tables import rows as table_rows

ALIASES_CSV = table_path("aliases.csv")
USES = frozenset({"alias", "comma", "name", "shown"})
ISO_REGION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")


@dataclass(frozen=True, slots=True)
class Alias:
    surface: str
    target: str  # ISO 3166-1 alpha-2, ISO 3166-2, a GeoNames id, or Name[/CC[/feature code]]
    uses: frozenset[str]


def load(path: Path = ALIASES_CSV) -> tuple[Alias, ...]:
    """Every row, in file order; a bad use or a ``name`` row without an ISO or GeoNames target raises."""
    out = []
    for row in table_rows("aliases", 3, path):
        surface, target = row[0].strip(), row[1].strip()
        uses = frozenset(u.strip() for u in row[2].split("|") if u.strip())
        if not uses or uses - USES:
            raise ValueError(f"{path}: row {row!r}: uses must be some of {sorted(USES)}")
        if uses & {"name", "shown"} and not (len(target) == 2 or ISO_REGION.fullmatch(target) or target.isdigit()):
            raise ValueError(f"{path}: row {row!r}: a gazetteer name needs an ISO code or a GeoNames id")
        out.append(Alias(surface, target, uses))
    return tuple(out)


@cache
def _table() -> tuple[Alias, ...]:
    return load()


def recogniser_aliases(path: Path = ALIASES_CSV) -> dict[str, tuple[str, str]]:
    """Surface -> (target, rule) for the recogniser; rule "comma": only right after "Place, "."""
    table = _table() if path == ALIASES_CSV else load(path)
    return {a.surface: (a.target, "comma" if "comma" in a.uses else "")
            for a in table if a.uses & {"alias", "comma"}}


def names_of(target: str) -> tuple[str, ...]:
    """The gazetteer names the table gives ``target`` (an ISO code or a GeoNames id), in file order."""
    return tuple(a.surface for a in _table() if a.target == target and "name" in a.uses)


def shown_name(target: str) -> str | None:
    """The display name the table gives a region, if any."""
    return next((a.surface for a in _table() if a.target == target and "shown" in a.uses), None)
