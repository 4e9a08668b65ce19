"""Synthetic news articles at any size, for speed and memory benchmarks only (never for accuracy).

Each article (~500 words) is built from real gazetteer places (towns with their countries),
publication dates spread over a year, claimants, figures with units and relative dates, wrapped
in filler prose, so extraction does the work it does on real news (geoparsing, timex, claims).
Deterministic by seed: the same ``--seed`` and ``-n`` give the same bytes.

    python bench/synth_corpus.py -n 2000 --out /tmp/synth [--seed 0] [--per-file 500]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CLAIMANTS = ["Ukraine's military intelligence", "the Pentagon", "the Kremlin", "local officials", "the governor",
             "NATO", "a UN spokesperson", "the defence ministry", "South Korea's spy agency", "police"]
OUTLETS = ["Wire A", "Wire B", "Daily Herald", "Evening Post", "Metro News", "Global Desk", "Courier"]
UNITS = ["troops", "soldiers", "people", "civilians", "refugees", "drones", "missiles", "homes"]
EVENTS = ["shelling was reported in {p}", "an explosion hit {p}", "troops were seen near {p}",
          "a convoy arrived in {p}", "protesters gathered in {p}", "flooding forced evacuations in {p}",
          "a drone strike damaged buildings in {p}", "talks were held in {p}"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "yesterday",
        "on {d}", "earlier this month", "since {d}"]
PLACES = 1500
FILLER = [
    "Officials declined to comment further on the situation.",
    "The claims could not be independently verified.",
    "Analysts said the developments were likely to shape the coming weeks.",
    "Residents described a tense atmosphere and long queues for supplies.",
    "The statement followed several days of conflicting accounts.",
    "Observers cautioned that early figures are often revised.",
    "Aid groups called for access to the affected areas.",
    "The government promised an inquiry into the events.",
    "Markets reacted cautiously to the news.",
    "Diplomats from several countries met to discuss the response.",
]


def sample_places(n: int, seed: int) -> list[tuple]:
    """``n`` (town, country name, Place) triples from the gazetteer's populated places."""
    from geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    countries = {p.country_code: p.name for p in gaz.countries()}
    rng = random.Random(seed)
    names = sorted(set(gaz.iter_names()))
    out: dict[str, tuple[str, str]] = {}
    for name in rng.sample(names, min(len(names), n * 20)):
        for p in gaz.lookup(name)[:1]:
            if p.feature_code.startswith("PPL") and p.country_code in countries and p.name.isascii() \
                    and " " not in p.name and len(p.name) > 3:
                out.setdefault(p.id, (p.name, countries[p.country_code], p))
        if len(out) >= n:
            break
    return sorted(out.values(), key=lambda t: (t[0], t[1], t[2].id))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def article(rng: random.Random, i: int, places: list[tuple[str, str]], start: date, days: int) -> dict:
    """One article record (feed JSON fields)."""
    pub = start + timedelta(days=rng.randrange(days))
    focus = rng.sample(places, 3)
    sentences: list[str] = []
    words = 0
    while words < 480:
        town, country, _ = rng.choice(focus)
        r = rng.random()
        when = rng.choice(WHEN).format(d=(pub - timedelta(days=rng.randrange(1, 20))).strftime("%B %-d"))
        if r < 0.15:
            s = f"{_cap(rng.choice(CLAIMANTS))} said {when} that about {rng.randrange(2, 400) * 50:,} " \
                f"{rng.choice(UNITS)} were in {town}, {country}."
        elif r < 0.3:
            s = f"{_cap(when)}, {rng.choice(EVENTS).format(p=f'{town} in {country}')}."
        else:
            s = rng.choice(FILLER)
        sentences.append(s)
        words += len(s.split())
    town, country, _ = focus[0]
    paras = [" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4)]
    return {"id": f"synth-{i}", "title": f"Reports from {town}, {country}", "source": rng.choice(OUTLETS),
            "url": f"https://synth.example/{i}", "published": pub.isoformat(), "text": "\n\n".join(paras)}


def generate(n: int, out: Path, seed: int = 0, per_file: int = 500, start: str = "2024-01-01",
             days: int = 365, offset: int = 0) -> list[Path]:
    """Write ``n`` articles as JSONL files of ``per_file`` records under ``out``; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    places = sample_places(PLACES, seed)
    rng = random.Random(seed * 1_000_003 + offset)
    first = date.fromisoformat(start)
    files = []
    for k in range(0, n, per_file):
        f = out / f"synth-{seed}-{offset + k:07d}.jsonl"
        with f.open("w", encoding="utf-8") as fh:
            for i in range(k, min(n, k + per_file)):
                fh.write(json.dumps(article(rng, offset + i, places, first, days), ensure_ascii=False) + "\n")
        files.append(f)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-file", type=int, default=500)
    args = ap.parse_args(argv)
    files = generate(args.n, args.out, args.seed, args.per_file)
    size = sum(f.stat().st_size for f in files)
    print(f"{args.n} articles in {len(files)} file(s) under {args.out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
