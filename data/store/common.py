"""Names the store's modules share: the format number, the cached-claims record and the errors
(apart from ``store.py`` so the writer and the migration need not import the reader)."""

from __future__ import annotations

from dataclasses import dataclass

from data.model import Claim

FORMAT = 2


@dataclass(frozen=True, slots=True)
class CachedClaims:
    """Raw claims of one document, valid while ``key`` (document + extractor) is unchanged."""

    key: str
    claims: tuple[Claim, ...]


class StoreError(RuntimeError):
    """The store on disk is unreadable (not a sitmap store, or damaged)."""


class StoreBusy(StoreError):
    """Another process held the store's writer lock for longer than we were willing to wait."""
