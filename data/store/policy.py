"""The merge policy: when a commit merges the newest segments (``MergePolicy._merge_tail``, which
``data.store.writer``'s commit calls), by size tier, like an LSM tree. A mixin of ``Store``."""

from __future__ import annotations

from pathlib import Path

from data.store.merging import merge
from data.store.segments import Segment

MERGE_FAN = 10
"""This many consecutive segments of one level merge into one of the next level."""


class MergePolicy:
    """``_merge_tail``: merge the newest segments once enough of one size tier accumulate."""

    path: Path

    def _merge_tail(self, segs: list[Segment], number: int) -> tuple[list[Segment], int]:
        """Merge the newest segments once ``MERGE_FAN`` of them are of one size tier (``tier``, smaller ones
        between them ride along):
        like an LSM, each row is rewritten about log10(store / batch) times and the store reads O(log)
        segments, and a small batch never rewrites a big segment (a 10-article add to a 100k-article
        store writes its own segment, or merges it with other small ones, nothing more).

        Smaller ones between them ride along: an ingest commits a batch segment and then a tiny one of its
        sources, so the small segments of successive adds alternate tiers (1, 0, 1, 0, ...); when the
        newest ten had to be of one tier, nothing ever merged, and every add left two more segments for each
        later query to open (each add to the 100k store was slower than the one before)."""
        root = self.path / "segments"
        tiers = [tier(root / s.name) for s in segs]
        while (run := _mergeable_tail(tiers)) and len(segs) > 1:
            tail = segs[-run:]
            number += 1
            merged = merge(root, tail, f"seg-{number:06d}", max(tiers[-run:]) + 1)
            segs = [*segs[:-run], merged]
            tiers = [*tiers[:-run], tier(root / merged.name)]
        return segs, number


def _mergeable_tail(tiers: list[int]) -> int:
    """How many of the newest segments to merge (0: none): for the lowest tier t at which the newest
    segments of tier t or below hold ``MERGE_FAN`` of tier t, all of those newest segments (the
    smaller ones among them ride along: they are what kept the tier-t ones from being the newest)."""
    for t in sorted(set(tiers)):
        run = same = 0
        for x in reversed(tiers):
            if x > t:
                break
            run += 1
            same += x == t
        if same >= MERGE_FAN:
            return run
    return 0


TIER_BYTES = 1 << 16
"""Segments under this many bytes are of tier 0; each tier up holds ``MERGE_FAN`` times more."""


def tier(folder: Path) -> int:
    """The size tier of the segment in ``folder``: floor(log_MERGE_FAN(bytes / TIER_BYTES)), at least 0."""
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    t = 0
    while size >= TIER_BYTES * MERGE_FAN ** (t + 1):
        t += 1
    return t
