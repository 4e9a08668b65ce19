"""What an ingest tells the user per file: loader problems, claims found (dated, on the map) and the
documents that gave none. Builds the ``FileReport`` rows of ``data.ingest.run``'s report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from data.ingest.batches import RunState, summarise
from data.ingest.report import FileReport
from data.load.paths import LoadResult
from data.model import Document
from data.store.store import Store


def file_report(res: LoadResult, new: int) -> FileReport:
    """One file's row: its documents, how many are new, and its loader problems summed up in one line."""
    problems = tuple(str(e) for e in res.errors)
    error = None
    if res.errors and not res.documents:
        error = "; ".join(e.reason if not e.where else f"{e.where}: {e.reason}" for e in res.errors[:3])
        error += f" (and {len(res.errors) - 3} more)" if len(res.errors) > 3 else ""
    elif res.errors:
        first = res.errors[0]
        error = (f"{len(res.errors)} record(s) unreadable, {len(res.documents)} loaded; first: "
                 f"{first.where + ': ' if first.where else ''}{first.reason}")
    return FileReport(res.path, len(res.documents), new, error, problems, tuple(str(w) for w in res.warnings))


def origin(source_path: str) -> str:
    """The file a document came from, resolved ("feed.json#7" is record 7 of feed.json)."""
    p = Path(source_path)
    if "#" in source_path and not p.exists():
        p = Path(source_path.rpartition("#")[0])
    return str(p.resolve())


def file_claims(store: Store, state: RunState) -> None:
    """Per file: claims extracted from its documents, how many are dated and how many have a place the
    map can draw (not only a claimant's), so a user sees why an upload adds nothing to the map or slider;
    and which documents gave no claims at all, so nothing is silently empty."""
    missing = [d for d in state.file_of if d not in state.summary]
    for start in range(0, len(missing), 1000):
        for doc_id, cached in store.cached_where(
                "doc_id IN (SELECT unnest(?::VARCHAR[]))", [missing[start:start + 1000]]).items():
            state.summary[doc_id] = summarise(cached.claims)
    totals: dict[int, list[int]] = {}
    empty: dict[int, list[str]] = {}
    for doc_id, i in state.file_of.items():
        got = state.summary.get(doc_id)
        if got is None:
            continue  # extraction failed (already reported)
        t = totals.setdefault(i, [0, 0, 0])
        for k in range(3):
            t[k] += got[k]
        if not got[0]:
            empty.setdefault(i, []).append(doc_id)
    names = {}
    for ids in empty.values():
        for doc_id in ids:
            names[doc_id] = doc_id
    docs = store.documents_by_ids(names) if names else {}
    for i, r in enumerate(state.reports):
        claims, dated, located = totals.get(i, [0, 0, 0])
        msgs = tuple(f"{doc_name(docs.get(d), d)}: no claims found (no sentence with a recognised place, date or figure)"
                     for d in empty.get(i, []))
        state.reports[i] = replace(r, claims=claims, dated_claims=dated, located_claims=located,
                                   warnings=r.warnings + msgs)


def doc_name(doc: Document | None, doc_id: str) -> str:
    """What a warning calls a document: its title, else its file's name, else its id."""
    return (doc.title or Path(doc.source_path).name or doc_id) if doc else doc_id
