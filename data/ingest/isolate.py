"""One document's failure costs that document only: each per-document stage of an ingest (load, claims
with their dates, events) runs here, catching what goes wrong and saying which file, which stage, why.

Kept apart from ``data.ingest.run`` so the orchestration can change (batching, processes) while the rule
stays in one place. Messages are one line each: names and reasons pass through ``one_line``, so a file
named "a\\nUNREADABLE b" cannot forge a line of the report.
"""

from __future__ import annotations

import queue
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from data.load.base import LoadError, LoadResult
from data.load.limits import doc_budget_s, oversize_reason
from data.model import Claim, Document

if TYPE_CHECKING:  # a Dask worker imports this module to extract claims: it needs no pandas
    import pandas as pd

__all__ = ["events_isolated", "extract_each", "extract_isolated", "failure", "link_isolated", "load_isolated", "one_line",
           "prepare"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_INVISIBLE_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: object, limit: int = 300) -> str:
    """``text`` as one printable line: line breaks, control and bidi-override characters escaped, and
    cut at ``limit`` characters.

    >>> one_line("a.txt\\nUNREADABLE b.txt")
    'a.txt\\\\nUNREADABLE b.txt'
    >>> one_line("caf\\u00e9 \\u2028 x\\x1b[31m")
    'café \\\\u2028 x\\\\x1b[31m'
    """
    s = str(text)
    if len(s) > limit:
        s = s[:limit] + "…"
    out = []
    for ch in s:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in _INVISIBLE_CONTROLS:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def failure(label: str, stage: str, exc: BaseException | str) -> str:
    """The one-line report of a failed stage: ``file: stage failed (Error: reason)``."""
    reason = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return f"{one_line(label)}: {stage} failed ({one_line(reason)})"


def load_isolated(label: str, load: Callable[[], LoadResult]) -> LoadResult:
    """``load()``, with any exception turned into an error naming the file, and articles over the size
    limit (``data.load.limits``) refused with the reason while the rest of the file loads."""
    try:
        res = load()
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the ingest
        return LoadResult(label, errors=(LoadError(label, f"load failed ({type(exc).__name__}: {exc})"),))
    kept: list[Document] = []
    refused: list[LoadError] = []
    for doc in res.documents:
        why = oversize_reason(doc.text)
        if why is None:
            kept.append(doc)
        else:
            where = doc.source_path.rpartition("#")[2] if "#" in doc.source_path else ""
            refused.append(LoadError(res.path, why, where))
    if not refused:
        return res
    return LoadResult(res.path, tuple(kept), res.errors + tuple(refused), res.warnings, res.encoding)


def prepare(extract: Callable[[Document], list[Claim]] | None) -> None:
    """Load the geoparser's engine before any budget starts: building it once per process (minutes on a
    first run that builds the gazetteer) is no document's fault."""
    if extract is not None and getattr(extract, "__module__", "") == "data.claims.extract":
        from geo.geoparse import default_engine

        default_engine()


def extract_isolated(doc: Document, extract: Callable[[Document], list[Claim]],
                     budget_s: float | None = None) -> tuple[tuple[Claim, ...] | None, str | None]:
    """``(claims, None)``, or ``(None, reason)`` when extraction raised or exceeded the time budget
    (``SITMAP_DOC_BUDGET_S`` unless ``budget_s`` is given); ``extract_each`` for one document."""
    return next(extract_each([doc], extract, budget_s))


def _over_budget(doc: Document, budget: float) -> str:
    return failure(doc.source_path or doc.id, "claim extraction",
                   f"took longer than the {budget:g} s budget; skipped (SITMAP_DOC_BUDGET_S raises it)")


def _extract_one(doc: Document, extract: Callable[[Document], list[Claim]]
                 ) -> tuple[tuple[Claim, ...] | None, str | None]:
    try:
        return tuple(extract(doc)), None
    except Exception as exc:  # noqa: BLE001 - one document must not stop the ingest
        return None, failure(doc.source_path or doc.id, "claim extraction", exc)


def extract_each(docs: Iterable[Document], extract: Callable[[Document], list[Claim]],
                 budget_s: float | None = None) -> Iterator[tuple[tuple[Claim, ...] | None, str | None]]:
    """Per document, in order: ``(claims, None)`` or ``(None, reason)`` (an exception, or over the budget:
    ``SITMAP_DOC_BUDGET_S`` unless ``budget_s`` is given).

    With a budget, one background thread extracts the documents one after another while this one
    waits for each result until its deadline (the previous document's end plus the budget): a thread
    per run, not per document, so a document costs no thread start and no hand-over. A document over
    budget is left to finish in that thread (Python cannot stop it safely), its result dropped, and a
    new thread goes on with the next document: the ingest goes on and releases the store.
    """
    budget = doc_budget_s() if budget_s is None else (budget_s if budget_s > 0 else None)
    if budget is None:
        for doc in docs:
            yield _extract_one(doc, extract)
        return
    todo = list(docs)
    while todo:
        results: queue.SimpleQueue = queue.SimpleQueue()
        stop = threading.Event()

        def work(mine: list[Document] = todo, out: queue.SimpleQueue = results, halt: threading.Event = stop) -> None:
            for doc in mine:
                if halt.is_set():
                    return
                try:
                    res = _extract_one(doc, extract)
                except BaseException as exc:  # noqa: BLE001 - reported by the waiting thread
                    res = None, failure(doc.source_path or doc.id, "claim extraction", exc)
                out.put((res, time.monotonic()))

        started = time.monotonic()
        worker = threading.Thread(target=work, name=f"sitmap-extract-{todo[0].id}", daemon=True)
        worker.start()
        rest = todo
        todo = []
        try:
            for k, doc in enumerate(rest):
                try:
                    res, started = results.get(timeout=max(0.0, started + budget - time.monotonic()))
                except queue.Empty:
                    yield None, _over_budget(doc, budget)
                    todo = rest[k + 1:]
                    break
                yield res
        finally:
            stop.set()  # over budget, or the caller stopped reading: the thread starts no further document


def link_isolated(link: Callable[[list[Claim], dict[str, Document]], list[Claim]] | None, claims: list[Claim],
                  docs: dict[str, Document]) -> tuple[list[Claim], str | None]:
    """Claims linked across documents, or the unlinked claims and a note when linking failed: a bug in
    corroboration must not cost the claims themselves."""
    if link is None or not claims:
        return claims, None
    try:
        return list(link(claims, docs)), None
    except Exception as exc:  # noqa: BLE001 - the claims are kept unlinked
        return claims, failure("all documents", "linking claims (stored unlinked)", exc)


def events_isolated(claims: Sequence[Claim], docs: Mapping[str, Document],
                    build: Callable[[Iterable[Claim], Mapping[str, Document]], pd.DataFrame] | None = None,
                    ) -> tuple[pd.DataFrame, dict[str, str]]:
    """The events table, and ``{doc_id: reason}`` for documents whose claims could not become rows.

    Builds the whole table at once; only when that fails, each document's claims are tried alone and the
    ones that fail are left out (their documents and claims stay in the store, reported)."""
    if build is None:
        from data.events import build_events as build
    try:
        return build(claims, docs), {}
    except Exception:  # noqa: BLE001 - find the documents at fault below
        pass
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, []).append(c)
    bad: dict[str, str] = {}
    for doc_id, mine in by_doc.items():
        try:
            build(mine, docs)
        except Exception as exc:  # noqa: BLE001
            doc = docs.get(doc_id)
            bad[doc_id] = failure(doc.source_path if doc and doc.source_path else doc_id, "events table", exc)
    return build([c for c in claims if c.doc_id not in bad], docs), bad
