"""``sitmap claims FILE|DIR...``: one JSON line per dated, attributed claim.

    sitmap claims seeds/                 # every claim of the seed articles, linked across them
    sitmap claims a.txt b.html --no-link # claims per document, no clustering

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
    p.add_argument("paths", nargs="+", metavar="FILE|DIR", help="article files or folders of them")
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


def run(args: argparse.Namespace, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    docs, claims, ok = collect(args.paths, err)
    if not args.no_link:
        from data.link.corroborate import link_claims

        claims = link_claims(claims, docs)
    for c in claims:
        out.write(json.dumps(claim_record(c), ensure_ascii=False) + "\n")
    return 0 if ok else 1
