"""How much work one document may cost: a size limit and a time budget, both from the environment.

Every stage after loading is linear in the text (``bench/bench_bounded.py`` measures it), so the size
limit bounds the work; the time budget is the safety net for whatever is not, so one pathological
article is reported instead of holding the store's lock for minutes.

``SITMAP_MAX_DOC_MB``   largest article text accepted, in MB of UTF-8 (default 5; 0 or less: no limit)
``SITMAP_DOC_BUDGET_S`` seconds one article's claim extraction may take before it is reported and
                        skipped (default 120; 0 or less: no budget)
"""

from __future__ import annotations

import os

__all__ = ["DEFAULT_BUDGET_S", "DEFAULT_MAX_DOC_MB", "doc_budget_s", "max_doc_bytes", "oversize_reason"]

DEFAULT_MAX_DOC_MB = 5.0
DEFAULT_BUDGET_S = 120.0


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        return default


def max_doc_bytes() -> int | None:
    """The size limit in bytes of UTF-8 text (None: no limit)."""
    mb = _env_float("SITMAP_MAX_DOC_MB", DEFAULT_MAX_DOC_MB)
    return round(mb * 1024 * 1024) if mb > 0 else None


def doc_budget_s() -> float | None:
    """Seconds one document's extraction may take (None: no budget)."""
    s = _env_float("SITMAP_DOC_BUDGET_S", DEFAULT_BUDGET_S)
    return s if s > 0 else None


def oversize_reason(text: str) -> str | None:
    """Why ``text`` is too large to read (None when it fits the limit).

    >>> oversize_reason("short") is None
    True
    """
    limit = max_doc_bytes()
    if limit is None or len(text) * 4 <= limit:  # no need to encode what cannot exceed it
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (f"article too large ({size / 2**20:.3g} MB of text; the limit is {limit / 2**20:.3g} MB: "
            "split it, or raise SITMAP_MAX_DOC_MB)")
