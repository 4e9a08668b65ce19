"""geo.context.cues takes shortcuts (the next word matched in place, "region of" tried only after "of"):
it must say what the plain computation says for every span, on real, synthetic and fuzzed text."""

from __future__ import annotations

import random

from test_unknown_fast import _texts

from geo import context as cx

EXTRA = ("in the region of  Kursk", "Province OF\nDonetsk", "the state of\tOhio", "proof Kyiv", "-of Lviv",
         "county of \u201cBrest\u201d", "According to  Paris", "\u00a0US$ Mali", "Oblast of Odesa\n")


def _headline(text: str, start: int, end: int) -> bool:
    lo = text.rfind("\n", max(0, start - 201), start) + 1
    if lo == 0 and start > 201:
        return False
    hi = text.find("\n", end, lo + 202)
    hi = min(len(text), lo + 202) if hi < 0 else hi
    if hi - lo > 200:
        return False
    words = [w for w in text[lo:hi].split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _reference(text: str, start: int, end: int) -> cx.Cues:
    """cues as it was written first: the window sliced and every test made in full."""
    before = text[max(0, start - cx._WINDOW):start]
    prev, prev_gap = cx.last_word(before) or ("", before)
    after = text[end:end + cx._WINDOW]
    n = cx._NEXT.search(after)
    nxt, next_gap, next2 = (n.group(2), n.group(1), n.group(3) or "") if n else ("", after, "")
    stripped = before.rstrip(cx._QUOTES)
    sentence_start = (not stripped or stripped[-1] in ".!?:;\n\r" or "\n" in before[len(stripped):]
                      or start - len(before) + len(stripped) <= 0)
    r = cx._REGION_OF.search(before) if before[-1:].isspace() and before.rstrip()[-2:].lower() == "of" else None
    region_of = cx.REGION_WORDS.get(r.group(1).lower(), "") if r else ""
    according = prev == "to" and cx._ACCORDING.search(before) is not None
    return cx.Cues(prev, prev_gap, nxt, next_gap, sentence_start, _headline(text, start, end), next2,
                   region_of, according)


def test_cues_equal_the_plain_computation():
    rng = random.Random(3)
    texts = _texts() + [" ".join(rng.sample(EXTRA, 4)) for _ in range(300)]
    title, para = "Heavy Fighting Near Kursk Region Continues", " ".join(["Shelling hit Belgorod Oblast today."] * 8)
    texts += [f"{title}\n{para}", f"{para}\n\n{title}\n\n{para}", f"{para} {title}", f"{title} " * 6,
              f"{title}\n\n{title}", "\n".join([title] * 9)]
    regions = heads = 0
    for text in texts:
        spans = [(a, a + rng.randint(1, 12)) for a in range(0, len(text), 3)] + [(len(text), len(text))]
        for a, b in spans:
            want = _reference(text, a, b)
            assert cx.cues(text, a, b) == want, (text, a, b)
            regions += want.region_of != ""
            heads += want.headline
    assert regions > 50 and heads > 50  # the "region of" and headline branches are exercised
