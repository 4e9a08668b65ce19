"""Synthetic news articles at any size, for speed and memory benchmarks only (never for accuracy).

Each article (~500 words) is built from real gazetteer places (2-4 towns with their countries),
publication dates spread over a year, claimants (mostly of the article's own places), figures with
units, events and relative dates from varied templates, wrapped in background prose, so extraction
does the work it does on real news (geoparsing, timex, claims) and unrelated articles rarely read
alike (linking meets the neighbourhoods real news gives it, not one giant cluster).
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
"""Generic speakers (also used by ``bench_scale.py fill``); articles mostly quote speakers of their own places."""
LOCAL_CLAIMANTS = ["the mayor of {t}", "police in {t}", "the governor of the {t} region", "{c}'s interior ministry",
                   "{c}'s defence ministry", "a spokesperson for the {c} army", "emergency services in {t}",
                   "the {t} city council", "hospital staff in {t}", "{c}'s foreign ministry", "residents of {t}",
                   "the {c} Red Cross", "a prosecutor in {t}", "the {t} fire brigade", "{c}'s prime minister"]
OUTLETS = ["Wire A", "Wire B", "Daily Herald", "Evening Post", "Metro News", "Global Desk", "Courier"]
UNITS = ["troops", "soldiers", "people", "civilians", "refugees", "drones", "missiles", "homes"]
"""Counted things (also used by ``bench_scale.py fill``); articles draw from ``ALL_UNITS``."""
ALL_UNITS = UNITS + ["tanks", "buildings", "families", "students", "workers", "protesters", "patients", "vehicles",
                     "shells", "children", "volunteers", "passengers", "cattle", "tonnes of grain", "hectares",
                     "households", "police officers", "migrants", "schools", "flights"]
SAYS = ["said", "reported", "announced", "told reporters", "claimed", "estimated", "confirmed", "stated"]
FIGURES = ["that about {n} {u} were in {p}", "that {n} {u} had been evacuated from {p}",
           "that at least {n} {u} were affected in {p}", "that {n} {u} had arrived in {p}",
           "that nearly {n} {u} were damaged in {p}", "that some {n} {u} remained near {p}",
           "that up to {n} {u} were moved to {p}", "that more than {n} {u} were counted in {p}"]
EVENTS = ["shelling was reported in {p}", "an explosion hit {p}", "troops were seen near {p}",
          "a convoy arrived in {p}", "protesters gathered in {p}", "flooding forced evacuations in {p}",
          "a drone strike damaged buildings in {p}", "talks were held in {p}", "a fire broke out in {p}",
          "a bridge collapsed outside {p}", "power cuts hit {p}", "a train derailed near {p}",
          "an election rally took place in {p}", "strikes closed the port of {p}", "a storm struck {p}",
          "the border crossing at {p} reopened", "a hospital in {p} was evacuated", "a curfew was imposed in {p}",
          "farmers blocked roads around {p}", "an earthquake shook {p}"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "last week", "yesterday", "on {d}", "earlier this month", "since {d}", "overnight", "this morning",
        "late on {d}", "two days ago", "last month", "at the weekend"]
PLACES = 1500
_THING = ["The atmosphere", "The queue for supplies", "The price of bread", "The repair work", "The fuel shortage",
          "The new timetable", "The harvest", "The reopening of schools", "The phone network", "The night shift",
          "The river crossing", "The market square", "The local bakery", "The bus service", "The old factory"]
_STATE = ["remained tense", "grew longer", "stayed high", "moved slowly", "looked set to continue", "eased a little",
          "came as a relief", "was a familiar sight", "drew little attention", "went on much as before",
          "took most of the day", "was the main topic of conversation"]
_TAIL = ["", "", " in recent days", " across the area", " as the week went on", " despite the rain",
         " for many families", " after the holiday", " in the older districts"]
FILLER = [
    "The claims could not be independently verified.",
    "Markets reacted cautiously to the news.",
    "The government promised an inquiry into the events.",
    "Aid groups called for access to the affected areas.",
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


def _filler(rng: random.Random) -> str:
    """A background sentence from a couple of thousand combinations (no figure, place or speaker)."""
    if rng.random() < 0.1:
        return rng.choice(FILLER)
    return f"{rng.choice(_THING)} {rng.choice(_STATE)}{rng.choice(_TAIL)}."


def article(rng: random.Random, i: int, places: list[tuple], start: date, days: int) -> dict:
    """One article record (feed JSON fields): 2-4 focus places, speakers mostly of those places, varied
    figures, events and dates, so unrelated articles rarely read alike (linking work stays realistic)."""
    pub = start + timedelta(days=rng.randrange(days))
    focus = rng.sample(places, rng.randint(2, 4))
    speakers = [rng.choice(LOCAL_CLAIMANTS).format(t=t, c=c) for t, c, _ in focus] + [rng.choice(CLAIMANTS)]
    units = rng.sample(ALL_UNITS, 4)
    sentences: list[str] = []
    words = 0
    while words < 480:
        town, country, _ = rng.choice(focus)
        where = rng.choice([town, f"{town}, {country}", f"{town} in {country}"])
        r = rng.random()
        when = rng.choice(WHEN).format(d=(pub - timedelta(days=rng.randrange(1, 20))).strftime("%B %-d"))
        if r < 0.15:
            n = rng.randrange(2, 2000) * rng.choice([1, 5, 10, 50])
            fig = rng.choice(FIGURES).format(n=f"{n:,}", u=rng.choice(units), p=where)
            s = f"{_cap(rng.choice(speakers))} {rng.choice(SAYS)} {when} {fig}."
        elif r < 0.3:
            s = f"{_cap(when)}, {rng.choice(EVENTS).format(p=where)}."
        else:
            s = _filler(rng)
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
