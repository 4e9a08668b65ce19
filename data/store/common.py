"""Names the store's modules share: the format number, the cached-claims record and the errors
(apart from ``store.py`` so the writer and the migration need not import the reader)."""

from __future__ import annotations

from dataclasses import dataclass, field

from data.model import Claim

FORMAT = 2
INDEX_VERSION = 2
"""The candidate index's key scheme (2: figure measures keyed by country). A generation records the
version its index rows were all written under (``index``, 1 when absent); an older store is
re-indexed before a batch is linked against it (``Store.reindex``)."""


@dataclass(frozen=True, slots=True)
class CachedClaims:
    """Raw claims of one document, valid while ``key`` (document + extractor) is unchanged. ``json`` is
    their ``claims_to_json`` text when the extracting process made it already (a worker: the
    committing process then does not encode them), "" when not; it takes no part in comparisons."""

    key: str
    claims: tuple[Claim, ...]
    json: str = field(default="", compare=False, repr=False)


class StoreError(RuntimeError):
    """The store on disk is unreadable (not a sitmap store, or damaged)."""


class StoreBusy(StoreError):
    """Another process held the store's writer lock for longer than we were willing to wait."""
