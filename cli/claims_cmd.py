"""``sitmap claims FILE|DIR...``: one JSON line per dated, attributed claim.

    sitmap claims seeds/                 # every claim of the seed articles, linked across them
    sitmap claims a.txt b.html --no-link # claims per document, no clustering
    sitmap claims --jsonl IN.jsonl       # evaluation contract (../shared/eval/README.md): one line per
                                         # input line {"id", "text", "published"?, "outlet"?, "title"?}

Each line: doc_id, claim_id, start, end, text (the sentence), date (TimeML value or null),
date_text, date_precision, published, outlet, claimant (null: the article itself),
claimant_country, kind, confidence, places (name, lat, lon, country_code, feature_code,
precision, start, end, role), quantities (value, low, high, unit, qualifier, text),
corroboration (cluster_id, outlets, claimants) and conflicts (claim ids).
A file or document that cannot be read is reported on stderr and the rest still runs;
the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from data.model import Claim, Document


def register(sub: Any) -> None:
    p = sub.add_parser("claims", help="extract dated, attributed claims as JSON lines",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="FILE|DIR", help="article files or folders of them")
    p.add_argument("--jsonl", metavar="IN", help='JSON lines {"id", "text", "published"?, "outlet"?, "title"?} '
                   '("-" reads stdin); prints one line per input line: {"id", "claims": [...]}')
    p.add_argument("--no-link", action="store_true", help="skip clustering, corroboration and conflicts")
    p.set_defaults(func=run)


def claim_record(c: Claim) -> dict[str, Any]:
    """The JSON form of one claim."""
    return {
        "doc_id": c.doc_id, "claim_id": c.claim_id, "start": c.start, "end": c.end, "text": c.text,
        "date": c.date, "date_text": c.date_text, "date_precision": c.date_precision,
        "published": c.published.isoformat() if c.published else None, "outlet": c.outlet,
        "claimant": c.claimant, "claimant_country": c.claimant_country, "kind": c.kind,
        "confidence": c.confidence,
        "places": [
            {"name": p.name, "place_id": p.place_id, "lat": p.lat, "lon": p.lon, "country_code": p.country_code,
             "feature_code": p.feature_code, "precision": p.precision, "start": p.start, "end": p.end,
             "role": p.role, "confidence": p.confidence}
            for p in c.places
        ],
        "quantities": [
            {"value": q.value, "low": q.low, "high": q.high, "unit": q.unit, "qualifier": q.qualifier,
             "text": q.text, "start": q.start, "end": q.end}
            for q in c.quantities
        ],
        "corroboration": {"cluster_id": c.cluster_id, "outlets": c.corroboration_outlets,
                          "claimants": c.corroboration_claimants},
        "conflicts": list(c.conflicts),
    }


def collect(paths: list[str], err: IO[str]) -> tuple[dict[str, Document], list[Claim], bool]:
    """Load every path and extract claims; problems go to ``err``; the flag says all went well."""
    from data.claims.extract import extract_claims
    from data.ingest.isolate import failure, one_line
    from data.load.paths import load_path

    ok = True
    docs: dict[str, Document] = {}
    for path in paths:
        res = load_path(path)
        for e in res.errors:
            print(one_line(e, 2000), file=err)
            ok = False
        for d in res.documents:
            docs.setdefault(d.id, d)
    claims: list[Claim] = []
    for d in docs.values():
        try:
            claims.extend(extract_claims(d))
        except Exception as exc:  # noqa: BLE001 - one document must not stop the others
            print(failure(d.source_path or d.id, "claim extraction", exc), file=err)
            ok = False
    return docs, claims, ok


def eval_record(c: Claim) -> dict[str, Any]:
    """The evaluation contract's form of one claim (``claim_record`` plus the claimant's and cue's offsets)."""
    rec = claim_record(c)
    for name in ("claimant_start", "claimant_end", "cue_start", "cue_end"):
        value = getattr(c, name)
        rec[name] = value if value >= 0 else None  # unknown: null, never a fake offset
    return rec


def _jsonl_documents(path: str, stdin: IO[str] | None, err: IO[str]) -> tuple[list[tuple[Any, Document]], bool]:
    """(input id, Document) per good input line, in input order; bad lines reported on ``err``."""
    from cli.jsonl_io import close_input, label_of, open_input, read_jsonl
    from cli.timex_cmd import parse_day

    label = label_of(path)
    try:
        stream = open_input(path, stdin)
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror or exc}", file=err)
        return [], False
    ok = True
    out: list[tuple[Any, Document]] = []
    seen: set[str] = set()
    try:
        for item in read_jsonl(stream, err, label, require_id=True):
            if item is None:
                ok = False
                continue
            n, rec = item
            published = None
            if rec.get("published") not in (None, ""):
                try:
                    published = parse_day(rec["published"])
                except ValueError as exc:
                    print(f"{label}:{n}: line {n}: {exc}; relative dates left unresolved", file=err)
                    ok = False
            doc_id = str(rec["id"]) if str(rec["id"]) not in seen else f"{rec['id']}#line{n}"
            seen.add(doc_id)  # claim ids hash the document id: a repeated input id must not repeat them
            out.append((rec["id"], Document(
                id=doc_id, text=rec["text"], title=str(rec.get("title") or ""),
                outlet=str(rec.get("outlet") or ""), url=str(rec.get("url") or ""), published=published,
                published_how="metadata" if published else "", source_path=f"{label}:{n}",
            )))
    finally:
        close_input(stream, path)
    return out, ok


def run_jsonl(args: argparse.Namespace, stdin: IO[str] | None, out: IO[str], err: IO[str]) -> int:
    """``--jsonl``: the same extractor and linker as the store, one output line per input document."""
    from data.claims.extract import extract_claims
    from data.link.corroborate import link_claims

    items, ok = _jsonl_documents(args.jsonl, stdin, err)
    per_doc: list[list[Claim]] = []
    for _, d in items:
        try:
            per_doc.append(extract_claims(d))
        except Exception as exc:  # noqa: BLE001 - one document must not stop the others
            print(f"{d.source_path}: claim extraction failed ({type(exc).__name__}: {exc})", file=err)
            per_doc.append([])
            ok = False
    flat = [c for cs in per_doc for c in cs]
    if not args.no_link:
        flat = link_claims(flat, {d.id: d for _, d in items})
    it = iter(flat)
    for (doc_id, _), cs in zip(items, per_doc, strict=True):
        out.write(json.dumps({"id": doc_id, "claims": [eval_record(next(it)) for _ in cs]},
                             ensure_ascii=False) + "\n")
    return 0 if ok else 1


def run(args: argparse.Namespace, out: IO[str] | None = None, err: IO[str] | None = None,
        stdin: IO[str] | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if getattr(args, "jsonl", None):
        if args.paths:
            print("sitmap claims: give FILE|DIR... or --jsonl IN, not both", file=err)
            return 2
        return run_jsonl(args, stdin, out, err)
    if not args.paths:
        print("sitmap claims: give FILE|DIR... or --jsonl IN (- for stdin)", file=err)
        return 2
    docs, claims, ok = collect(args.paths, err)
    if not args.no_link:
        from data.link.corroborate import link_claims

        claims = link_claims(claims, docs)
    for c in claims:
        out.write(json.dumps(claim_record(c), ensure_ascii=False) + "\n")
    return 0 if ok else 1
