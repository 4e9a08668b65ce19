"""Each claim's link features, computed once per process instead of once per use.

Linking a batch used to featurise every claim four or five times (its index keys for the candidate
query, ``affected``, ``link_claims``, the index rows of the commit), and a stored claim again in every
later batch that read it back: ~23,000 ``_info`` calls for 4,600 claims, the biggest cost of the one
process that links and commits. The features are pure functions of a claim's content (not of its
link columns, which linking rewrites), so they are kept here under that content, in a bounded
least-recently-used table. A Dask worker computes them with the claims (``data.link.features``) and
the main process only ``seed``s them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import fields
from operator import attrgetter
from typing import Any

from data.model import Claim

LINK_FIELDS = frozenset({"cluster_id", "corroboration_outlets", "corroboration_claimants", "conflicts"})
"""What linking writes into a claim: no feature depends on it."""
MEMO_SIZE = 18_000
"""Claims whose features are kept: ~4 kB of features each (``corroborate._compact``: 5.2 kB before
empty sets were shared and strings interned), with the claim object the memo holds by identity. Raised
from 15,000 when the features shrank, in the same memory: at 3,000 synthetic articles a batch's
neighbourhood (17-22k candidates) had outgrown it, so every candidate was featurised again each batch."""

content_of = attrgetter(*(f.name for f in fields(Claim) if f.name not in LINK_FIELDS))
"""A claim's content: every field but ``LINK_FIELDS`` (hashable: the memo's key)."""


class Slot:
    """One claim's memoised features, filled as they are asked for: ``info`` (``corroborate._Info``,
    whose ``source`` is that of the documents it was first computed with), ``figures`` (its
    ``conflicts.keyed`` row), ``keys`` (``candidates.claim_keys``) and ``blocks`` (``conflicts.claim_blocks``)."""

    __slots__ = ("blocks", "figures", "info", "keys")

    def __init__(self, info: Any = None, figures: list | None = None, keys: tuple | None = None) -> None:
        self.info, self.figures, self.keys = info, figures, keys
        self.blocks: frozenset | None = None


class FeatureMemo:
    """A bounded, thread-safe table of ``Slot``s by claim content (least recently used dropped)."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._slots: OrderedDict[tuple, Slot] = OrderedDict()
        self._objects: OrderedDict[int, tuple[Claim, Slot]] = OrderedDict()
        """Slots by claim object (the object is held, so its ``id`` is not reused while it is here):
        hashing a claim's content costs more than an identity look-up, and one claim object is
        looked up several times per batch. Ordered, so the oldest goes in O(1) (``next(iter(dict))``
        after many deletions at a plain dict's front scans them: 11 us a claim)."""
        self._lock = threading.Lock()

    def slot(self, claim: Claim) -> Slot:
        """The slot of ``claim``'s content (a new empty one the first time)."""
        held = self._objects.get(id(claim))
        if held is not None and held[0] is claim:
            return held[1]
        key = content_of(claim)
        with self._lock:
            s = self._slots.get(key)
            if s is None:
                s = self._slots[key] = Slot()
                if len(self._slots) > self.size:
                    self._slots.popitem(last=False)
            else:
                self._slots.move_to_end(key)
            self._hold(claim, s)
            return s

    def peek(self, claim: Claim) -> Slot | None:
        """The slot of ``claim``'s content if the memo holds one, without adding one or making it
        recent: for a caller that reads many claims and keeps few (a batch's stored candidates), so
        that the claims it lets go do not push out the ones linking needs."""
        held = self._objects.get(id(claim))
        if held is not None and held[0] is claim:
            return held[1]
        return self._slots.get(content_of(claim))

    def _hold(self, claim: Claim, s: Slot) -> None:
        self._objects[id(claim)] = (claim, s)
        if len(self._objects) > self.size:
            self._objects.popitem(last=False)

    def alias(self, claim: Claim, like: Claim) -> None:
        """``claim`` has the content of ``like`` (a copy with other link fields): find its slot by
        identity too, without hashing its content."""
        held = self._objects.get(id(like))
        if held is not None and held[0] is like:
            with self._lock:
                self._hold(claim, held[1])

    def seed(self, claim: Claim, info: Any, figures: list, keys: tuple) -> None:
        """Remember features computed elsewhere (on a worker) for ``claim``."""
        s = self.slot(claim)
        s.info, s.figures, s.keys = info, figures, keys

    def clear(self) -> None:
        with self._lock:
            self._slots.clear()
            self._objects.clear()

    def __len__(self) -> int:
        return len(self._slots)


MEMO = FeatureMemo()
"""The process's memo (linking happens in one process: the one that commits)."""
