"""What an ingest tells its caller: per file, what was read, what failed, what the claims look like."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FileReport", "IngestReport"]


@dataclass(frozen=True, slots=True)
class FileReport:
    """What one file gave: documents loaded, how many were new to the store, and problems.

    ``error`` is None when everything in the file was read, else a clear reason (for a
    partly readable feed: how many records failed and why); ``problems`` lists each one.
    """

    path: str
    documents: int
    new_documents: int = 0
    error: str | None = None
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    claims: int = 0
    dated_claims: int = 0
    located_claims: int = 0


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The outcome of one ingest, file by file, with totals."""

    files: tuple[FileReport, ...]
    documents_loaded: int
    new_documents: int
    documents_total: int
    claims_extracted: int
    claims_total: int
    events_total: int
    undated_documents: int
    store_changed: bool
    duration_s: float
    notes: tuple[str, ...] = field(default=())
    stale_documents: int = 0
    """Stored documents whose claims an older extractor made (``data.ingest.stale``): kept as they are
    until ``sitmap reextract`` updates them."""
    commit_seconds: tuple[float, ...] = ()
    """Wall seconds the ingesting process spent linking and committing each batch of new documents, in
    order. That work runs in one process, batch after batch, whatever the workers: it is the part of a
    run that more workers do not shorten (``bench/bench_scale.py ingest`` derives the speed-up bound)."""

    @property
    def failed(self) -> tuple[FileReport, ...]:
        """Files with anything unreadable."""
        return tuple(f for f in self.files if f.error)

    @property
    def errors(self) -> tuple[tuple[str, str], ...]:
        """``(path, reason)`` for every file with anything unreadable."""
        return tuple((f.path, f.error) for f in self.files if f.error)
