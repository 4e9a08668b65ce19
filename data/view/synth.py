"""Synthetic events tables for view tests and the dashboard benchmark (no pipeline needed).

``sample_events`` is a small hand-written story (Pyongyang treaty, Kursk sightings, a 12,000 vs 3,000
conflict, an undated and an unlocated claim); ``synthetic_events`` scales to any size for timing.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pandas as pd

from data.events import conform
from data.model import Document

PLACES = {
    "pyongyang": ("1871859", "Pyongyang", 39.03, 125.75, "KP", "PPLC", "point"),
    "kursk": ("538560", "Kursk", 51.73, 36.19, "RU", "PPLA", "point"),
    "vladivostok": ("2013348", "Vladivostok", 43.11, 131.87, "RU", "PPLA", "point"),
    "kyiv": ("703448", "Kyiv", 50.45, 30.52, "UA", "PPLC", "point"),
    "ufa": ("479561", "Ufa", 54.74, 55.97, "RU", "PPLA", "point"),
}


def _row(claim_id: str, i: int, doc_id: str, outlet: str, text: str, day: str | None, place: str | None,
         claimant: str = "", figure: tuple[str, float] | None = None, conflicts: tuple[str, ...] = (),
         cluster: str = "", published: str = "2024-10-25", confidence: float = 0.9) -> dict:
    pid, name, lat, lon, cc, fc, prec = PLACES[place] if place else ("", "", float("nan"), float("nan"), "", "", "")
    qtext, qval = figure if figure else ("", float("nan"))
    return {
        "event_id": f"{claim_id}:{i}", "claim_id": claim_id, "doc_id": doc_id, "outlet": outlet,
        "title": f"{outlet} story", "url": f"https://example.org/{doc_id}", "published": published,
        "event_date": day, "event_date_end": day, "date_value": day or "", "date_text": f"on {day}" if day else "",
        "date_precision": "day" if day else "none", "claimant": claimant, "claimant_country": "",
        "kind": "figure" if figure else "statement", "text": text, "start": 0, "end": len(text),
        "place_id": pid, "place_name": name, "mention_text": name, "mention_start": -1, "mention_end": -1,
        "lat": lat, "lon": lon, "country_code": cc, "feature_code": fc, "precision": prec, "role": "event",
        "quantity_value": qval, "quantity_low": qval, "quantity_high": qval, "quantity_unit": "troops" if figure else "",
        "quantity_text": qtext, "quantities": json.dumps([{"text": qtext}] if figure else []),
        "confidence": confidence, "cluster_id": cluster, "corroboration_outlets": 1, "corroboration_claimants": 1,
        "conflicts": json.dumps(list(conflicts)), "has_conflict": bool(conflicts),
    }


def sample_events() -> pd.DataFrame:
    """Eight claims about the North Korean deployment, covering every case the view must handle."""
    rows = [
        _row("c1", 0, "d1", "Reuters", "Putin and Kim signed a treaty in Pyongyang on June 19.", "2024-06-19",
             "pyongyang", published="2024-06-20"),
        _row("c2", 0, "d2", "Kyiv Independent", "Ukrainian forces entered Kursk on August 6.", "2024-08-06", "kursk",
             claimant="Ukrainian General Staff", published="2024-08-07", cluster="k-incursion"),
        _row("c3", 0, "d3", "Reuters", "North Korean troops trained near Vladivostok.", "2024-10-10", "vladivostok",
             claimant="South Korea's NIS", cluster="camps"),
        _row("c4", 0, "d4", "Kyiv Independent", "About 12,000 North Korean troops are in Russia, HUR says.",
             "2024-10-18", "kursk", claimant="HUR", figure=("about 12,000 troops", 12000), conflicts=("c5",),
             cluster="count"),
        _row("c5", 0, "d5", "AP", "At least 3,000 soldiers were sent, Kirby said.", "2024-10-23", "kursk",
             claimant="John Kirby", figure=("at least 3,000 soldiers", 3000), cluster="count"),
        _row("c6", 0, "d6", "El Pais", "The first North Korean soldiers arrived in Kursk on October 23.",
             "2024-10-23", "kursk", claimant="HUR", cluster="count", published="2024-10-24"),
        _row("c7", 0, "d1", "Reuters", "Officials say talks continue.", None, "kyiv", confidence=0.4),
        _row("c8", 0, "d3", "Reuters", "The units are said to be well equipped.", "2024-10-20", None),
    ]
    return conform(pd.DataFrame(rows))


def sample_documents() -> dict[str, Document]:
    """Documents for ``sample_events`` whose text holds each claim inside a longer paragraph."""
    ev = sample_events().drop_duplicates("claim_id")
    docs: dict[str, Document] = {}
    for doc_id, group in ev.groupby("doc_id"):
        text = "\n".join(f"Lead-in for {doc_id}. {t} Follow-up sentence." for t in group["text"])
        docs[str(doc_id)] = Document(id=str(doc_id), text=text, title=str(group["title"].iloc[0]),
                                     outlet=str(group["outlet"].iloc[0]), url=str(group["url"].iloc[0]))
    return docs


def sample_events_with_offsets() -> tuple[pd.DataFrame, dict[str, Document]]:
    """``sample_events`` with ``start``/``end`` pointing into ``sample_documents`` texts."""
    ev, docs = sample_events(), sample_documents()
    starts = [docs[d].text.find(t) for d, t in zip(ev["doc_id"], ev["text"], strict=True)]
    ev["start"] = starts
    ev["end"] = [s + len(t) for s, t in zip(starts, ev["text"], strict=True)]
    return ev, docs


def synthetic_events(n: int, seed: int = 0, start: date = date(2024, 6, 1), span_days: int = 180) -> pd.DataFrame:
    """``n`` random located, dated claims over ``span_days`` days (for benchmarks)."""
    rng = random.Random(seed)
    outlets = ["Reuters", "AP", "AFP", "BBC", "Kyiv Independent", "Meduza", "Yonhap", "NHK"]
    claimants = ["", "HUR", "NIS", "Pentagon", "Kremlin", "ISW"]
    rows = []
    for i in range(n):
        day = (start + timedelta(days=rng.randrange(span_days))).isoformat()
        place = rng.choice(list(PLACES))
        row = _row(f"s{i}", 0, f"doc{i % 997}", rng.choice(outlets), f"Synthetic claim {i} about {place}.", day,
                   place, claimant=rng.choice(claimants), published=day, confidence=rng.random())
        row["lat"] += rng.uniform(-3, 3)
        row["lon"] += rng.uniform(-3, 3)
        rows.append(row)
    return conform(pd.DataFrame(rows))
