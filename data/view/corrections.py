"""A reader's corrections to the geoparser and the dates, kept with the store and applied on every read.

The parser will be wrong about some names a newsroom knows ("EU" is not a place here; this "Kursk" is the
region; the camp is *here*). A correction says so once: it is a row in ``<store>/corrections.csv`` (plain
CSV a user can read, export and import), and it is applied to the events table every time the table is read,
after whatever the parser produced, so it wins over the parser always, including after a re-ingest or a new
extractor version. Actions:

- ``not_a_place``: the mention (by name, optionally only in one article) is not a place;
- ``place``: the mention is another gazetteer place (its id, name, coordinates, country, type are stored, so
  applying needs no gazetteer);
- ``pin``: the mention is at ``lat``/``lon`` (a point the user clicked);
- ``date``: the claim ``claim_id`` happened on ``date`` (empty: it has no date).

Later rows win over earlier ones for the same mention. A row that cannot be read is reported with the file
and line, and skipped; the others still apply.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from geo.normalize import name_key

FILE_NAME = "corrections.csv"
ACTIONS: tuple[str, ...] = ("not_a_place", "place", "pin", "date")
PLACE_COLUMNS = ("place_id", "place_name", "lat", "lon", "country_code", "feature_code", "precision")


class CorrectionError(ValueError):
    """A corrections file or row that cannot be used (the message names the file and line)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction (see the module doc for the actions)."""

    action: str
    mention: str = ""
    doc_id: str = ""  # "" = in every article
    place_id: str = ""
    place_name: str = ""
    lat: float | None = None
    lon: float | None = None
    country_code: str = ""
    feature_code: str = ""
    precision: str = ""
    claim_id: str = ""
    date: str = ""  # ISO day for "date" ("" = undated)
    note: str = ""
    id: str = ""
    created: str = ""

    def describe(self) -> str:
        """One line for lists and the command line."""
        where = f" in article {self.doc_id}" if self.doc_id else ""
        if self.action == "not_a_place":
            return f"\u201c{self.mention}\u201d{where} is not a place"
        if self.action == "place":
            extra = ", ".join(x for x in (self.country_code, self.feature_code) if x)
            return f"\u201c{self.mention}\u201d{where} is {self.place_name or self.place_id}" + (f" ({extra})" if extra else "")
        if self.action == "pin":
            return f"\u201c{self.mention}\u201d{where} is at {self.lat:.4f}, {self.lon:.4f}"
        return f"claim {self.claim_id} happened on {self.date or '(no date)'}"


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Correction))


def corrections_path(store: str | os.PathLike[str]) -> Path:
    """Where a store keeps its corrections."""
    return Path(store) / FILE_NAME


def _float(raw: str, what: str) -> float | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{what} is not a number: {raw!r}") from None
    if math.isnan(value):
        raise ValueError(f"{what} is not a number: {raw!r}")
    return value


def check(c: Correction) -> Correction:
    """``c`` if it can be applied, else a ``ValueError`` saying why."""
    if c.action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {c.action!r}")
    if c.action != "date" and not name_key(c.mention):
        raise ValueError("a place correction needs the mention it corrects")
    if c.action == "place" and not (c.place_id and c.lat is not None and c.lon is not None):
        raise ValueError("'place' needs place_id, lat and lon")
    if c.action == "pin" and (c.lat is None or c.lon is None):
        raise ValueError("'pin' needs lat and lon")
    if c.lat is not None and not (-90 <= c.lat <= 90 and -180 <= (c.lon or 0) <= 180):
        raise ValueError(f"coordinates out of range: {c.lat}, {c.lon}")
    if c.action == "date":
        if not c.claim_id:
            raise ValueError("'date' needs claim_id")
        if c.date:
            date.fromisoformat(c.date)  # ValueError names the bad value
    return c


def parse_rows(text: str, source: str = "corrections") -> tuple[list[Correction], list[str]]:
    """Corrections from CSV text, and one error per unreadable row ("file:line: why")."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "action" not in reader.fieldnames:
        raise CorrectionError(f"{source}: a corrections file needs a header with an 'action' column")
    out, errors = [], []
    for line, row in enumerate(reader, start=2):
        try:
            values = {k: (row.get(k) or "").strip() for k in COLUMNS}
            c = Correction(**{**values, "lat": _float(values["lat"], "lat"), "lon": _float(values["lon"], "lon")})
            out.append(check(c))
        except (ValueError, TypeError) as exc:
            errors.append(f"{source}:{line}: {exc}")
    return out, errors


def load_corrections(path: str | os.PathLike[str]) -> tuple[list[Correction], list[str]]:
    """The corrections in ``path`` (none when the file does not exist) and the rows that were skipped."""
    path = Path(path)
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{path}: cannot read corrections: {exc}") from exc
    return parse_rows(text, str(path))


def to_csv(items: Iterable[Correction]) -> str:
    """The CSV text of ``items`` (what the file holds and the Export button gives)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    for c in items:
        row = asdict(c)
        row["lat"] = "" if c.lat is None else f"{c.lat:.6f}"
        row["lon"] = "" if c.lon is None else f"{c.lon:.6f}"
        w.writerow(row)
    return buf.getvalue()


def save_corrections(path: str | os.PathLike[str], items: Sequence[Correction]) -> None:
    """Write the file atomically (a crash never leaves half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".corrections-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(to_csv(items))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_corrections(path: str | os.PathLike[str], new: Iterable[Correction]) -> list[Correction]:
    """Append checked corrections (each gets an id and a time stamp); returns them as stored."""
    items, _ = load_corrections(path)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    added = [check(replace(c, id=c.id or uuid.uuid4().hex[:8], created=c.created or stamp)) for c in new]
    save_corrections(path, [*items, *added])
    return added


def remove_correction(path: str | os.PathLike[str], correction_id: str) -> Correction | None:
    """Undo: drop the correction with this id; returns it (None when there is none)."""
    items, _ = load_corrections(path)
    gone = next((c for c in items if c.id == correction_id), None)
    if gone is not None:
        save_corrections(path, [c for c in items if c.id != correction_id])
    return gone


def stamp(path: str | os.PathLike[str]) -> str:
    """Changes whenever the file does (part of the app's cache key)."""
    try:
        st = Path(path).stat()
    except OSError:
        return "none"
    return f"{st.st_mtime_ns}-{st.st_size}"


def _match(events: pd.DataFrame, c: Correction, keys: pd.Series) -> pd.Series:
    mask = keys == name_key(c.mention)
    if c.doc_id:
        mask &= events["doc_id"].astype(str) == c.doc_id
    return mask


def apply_corrections(events: pd.DataFrame, items: Sequence[Correction]) -> pd.DataFrame:
    """The events table with ``items`` applied in order (see the module doc); the input is not changed."""
    if not items or events.empty:
        return events
    ev = events.copy()
    keys = ev["mention_text"].astype(str).map(name_key)
    blank = pd.Series(False, index=ev.index)
    for c in items:
        if c.action == "date":
            m = ev["claim_id"].astype(str) == c.claim_id
            day = pd.Timestamp(c.date) if c.date else pd.NaT
            ev.loc[m, "event_date"] = day
            ev.loc[m, "event_date_end"] = day
            ev.loc[m, "date_value"] = c.date
            ev.loc[m, "date_precision"] = "day" if c.date else "none"
            ev.loc[m, "date_text"] = "corrected" if c.date else ""
            continue
        m = _match(ev, c, keys)
        if not m.any():
            continue
        if c.action == "not_a_place":
            ev.loc[m, ["place_id", "place_name", "country_code", "feature_code", "precision"]] = ""
            ev.loc[m, ["lat", "lon"]] = float("nan")
            blank |= m
            continue
        blank &= ~m
        pid = c.place_id if c.action == "place" else f"pin:{c.lat:.4f},{c.lon:.4f}"
        ev.loc[m, "place_id"] = pid
        ev.loc[m, "place_name"] = c.place_name or c.mention
        ev.loc[m, "lat"], ev.loc[m, "lon"] = float(c.lat), float(c.lon)  # type: ignore[arg-type]
        ev.loc[m, "precision"] = c.precision or "point"
        ev.loc[m, "feature_code"] = c.feature_code or ("PPL" if c.action == "pin" else "")
        if c.country_code:
            ev.loc[m, "country_code"] = c.country_code
        ev.loc[m, "confidence"] = ev.loc[m, "confidence"].clip(lower=0.99)  # a person said so
    # a place that is not a place leaves its claim; a claim with nothing else keeps one unlocated row
    others = ev.loc[~blank, "claim_id"].unique()
    drop = blank & ev["claim_id"].isin(others)
    drop |= blank & ev.duplicated("claim_id") & ~ev["claim_id"].isin(others)
    return ev.loc[~drop].reset_index(drop=True)


def from_place(place: object, mention: str, doc_id: str = "", note: str = "") -> Correction:
    """A ``place`` correction pointing ``mention`` at a gazetteer ``Place``."""
    return check(Correction(action="place", mention=mention, doc_id=doc_id, place_id=str(place.id),  # type: ignore[attr-defined]
                            place_name=place.name, lat=float(place.lat), lon=float(place.lon),  # type: ignore[attr-defined]
                            country_code=place.country_code, feature_code=place.feature_code,  # type: ignore[attr-defined]
                            precision=place.precision, note=note))  # type: ignore[attr-defined]


def candidates(gazetteer: object, mention: str, limit: int = 12) -> list:
    """The gazetteer's places for ``mention`` (best prior first): what "another place" chooses among."""
    try:
        return list(gazetteer.lookup(mention))[:limit]  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        return []
