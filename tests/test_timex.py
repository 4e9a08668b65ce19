"""Temporal expressions: the dates an analyst reads off the map must be the right days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data.timeml import bounds as timeml_bounds
from data.timeml import precision as timeml_precision
from data.timex.extract import extract_timexes

FRI = date(2024, 10, 25)  # the seeds' publication day, a Friday
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def values(text: str, anchor: date | None = FRI) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in extract_timexes(text, anchor)]


def one(text: str, anchor: date | None = FRI) -> tuple[str, str, str]:
    got = values(text, anchor)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ukraine's intelligence agency said on Thursday that troops had arrived.", ("Thursday", "DATE", "2024-10-24")),
        ("During his visit to Kyiv this Monday, he announced aid.", ("this Monday", "DATE", "2024-10-21")),
        ("The vote is scheduled for this Sunday.", ("this Sunday", "DATE", "2024-10-27")),
        ("The election will be held on Sunday.", ("Sunday", "DATE", "2024-10-27")),
        ("Japan expressed concern on Friday.", ("Friday", "DATE", "2024-10-25")),
        ("Their presence was recorded as of October 23.", ("October 23", "DATE", "2024-10-23")),
        ("The ministry reported on Oct. 24 that soldiers had been deployed.", ("Oct. 24", "DATE", "2024-10-24")),
        ("The upper house approved it on 6 November 2024.", ("6 November 2024", "DATE", "2024-11-06")),
        ("The incursion began in early August.", ("early August", "DATE", "2024-08")),
        ("In June, the two leaders signed a defence agreement.", ("June", "DATE", "2024-06")),
        ("Ukrainian forces staged a surprise incursion in August.", ("August", "DATE", "2024-08")),
        ("Since the invasion more than two years ago, the war has escalated.",
         ("more than two years ago", "DATE", "2022")),
        ("Pyongyang has been sending shells since last year.", ("last year", "DATE", "2023")),
        ("The treaty is expected to be passed by the upper house on November 6.", ("November 6", "DATE", "2024-11-06")),
        ("Photo taken at an airport in Pyongyang on June 19, 2024.", ("June 19, 2024", "DATE", "2024-06-19")),
        ("Officials said yesterday that troops had crossed.", ("yesterday", "DATE", "2024-10-24")),
        ("Seoul said today it may review its ban.", ("today", "DATE", "2024-10-25")),
        ("The president will speak tonight.", ("tonight", "TIME", "2024-10-25TNI")),
        ("More troops are arriving this week.", ("this week", "DATE", "2024-W43")),
        ("The parliament will vote next month.", ("next month", "DATE", "2024-11")),
        ("Attacks doubled over the past two weeks.", ("the past two weeks", "DURATION", "P2W")),
        ("The exercise lasted three days.", ("three days", "DURATION", "P3D")),
        ("The plan is to spend several weeks training.", ("several weeks", "DURATION", "PXW")),
        ("Shelling is reported daily.", ("daily", "SET", "P1D")),
        ("The government presented the 2025 budget.", ("2025", "DATE", "2025")),
        ("The briefing starts at 16:00.", ("16:00", "TIME", "2024-10-25T16:00")),
        ("A similar batch followed in mid-October.", ("mid-October", "DATE", "2024-10")),
        ("Fighting intensified late last month.", ("late last month", "DATE", "2024-09")),
        ("Earlier this month, 1,500 soldiers were sent.", ("Earlier this month", "DATE", "2024-10")),
        ("Prices have not been this high since the 1990s.", ("the 1990s", "DATE", "199")),
        ("Revenue grew in Q3.", ("Q3", "DATE", "2024-Q3")),
        ("Exports rose in the third quarter of 2023.", ("the third quarter of 2023", "DATE", "2023-Q3")),
        ("The offensive could start this summer.", ("this summer", "DATE", "2024-SU")),
        ("Talks will resume in the coming weeks.", ("the coming weeks", "DATE", "FUTURE_REF")),
        ("The unit was recently moved to the front.", ("recently", "DATE", "PAST_REF")),
        ("The city is now under curfew.", ("now", "DATE", "PRESENT_REF")),
        ("Wages stagnated this decade.", ("this decade", "DATE", "202")),
        ("The fortress was built in the 19th century.", ("the 19th century", "DATE", "18")),
        ("Satellite images from mid-2024 show new barracks.", ("mid-2024", "DATE", "2024")),
        ("Updated 2024-10-24: the first soldiers have arrived.", ("2024-10-24", "DATE", "2024-10-24")),
        ("The incursion last August caught Moscow off guard.", ("last August", "DATE", "2024-08")),
        ("The strike cost $2 billion a day.", ("a day", "SET", "P1D")),
        ("He was arrested two days ago.", ("two days ago", "DATE", "2024-10-23")),
        ("The 63-year-old minister resigned.", ("63-year-old", "DURATION", "P63Y")),
    ],
)
def test_expression_and_value(sentence: str, expected: tuple[str, str, str]) -> None:
    assert one(sentence) == expected


def test_last_week_is_the_iso_week_before_the_anchor() -> None:
    assert one("Last week, several thousand soldiers reached the border.", date(2024, 10, 28)) == (
        "Last week", "DATE", "2024-W43")
    assert one("Officials said more troops would come next week.") == ("next week", "DATE", "2024-W44")


def test_month_day_crosses_the_year_boundary_by_tense() -> None:
    assert one("Fighting continued on December 30.", date(2025, 1, 3))[2] == "2024-12-30"
    assert one("The talks will open on January 5.", date(2024, 12, 20))[2] == "2025-01-05"


def test_ranges_split_into_two_dates() -> None:
    assert values("The summit took place in Kazan from October 22 to 24.") == [
        ("October 22", "DATE", "2024-10-22"), ("24", "DATE", "2024-10-24")]
    assert values("The summit ran 22-24 October.") == [("22", "DATE", "2024-10-22"), ("24 October", "DATE", "2024-10-24")]


def test_pieces_merge_into_one_expression() -> None:
    assert one("taken in Tokyo on Wednesday, October 23, 2024.") == (
        "Wednesday, October 23, 2024", "DATE", "2024-10-23")
    assert one("by Olena Goncharova October 25, 2024 8:00 AM") == (
        "October 25, 2024 8:00 AM", "TIME", "2024-10-25T08:00")


def test_early_and_mid_month_is_one_span() -> None:
    assert one("These forces entered Russia between early and mid-October.") == (
        "early and mid-October", "DATE", "2024-10")


def test_without_anchor_absolute_dates_still_resolve_and_relative_ones_stay_open() -> None:
    got = values("On Thursday, Oct. 24, troops moved; Putin spoke on Oct. 17, 2024 and in June.", None)
    assert ("Thursday, Oct. 24", "DATE", "XXXX-10-24") in got
    assert ("Oct. 17, 2024", "DATE", "2024-10-17") in got
    assert ("June", "DATE", "XXXX-06") in got
    assert one("He spoke on Thursday.", None)[2] == "XXXX-WXX-4"
    assert one("It rained yesterday.", None)[2] == "XXXX-XX-XX"


@pytest.mark.parametrize(
    "sentence",
    [
        "Seoul may adopt a more flexible approach.",          # modal "may"
        "Kyiv says 12,000 troops and 2000 soldiers are there.",  # counts, not years
        "Protesters march on the capital.",
        "The China Daily reported the claim.",
        "Article 4 of the treaty binds both sides.",
        "The treaty was ratified the day before the summit ended.",
    ],
)
def test_no_false_alarms(sentence: str) -> None:
    assert values(sentence) == []


def test_offsets_slice_to_text() -> None:
    text = (SEEDS / "001_b9ead2550e7a27cc.txt").read_text(encoding="utf-8")
    got = extract_timexes(text, FRI)
    assert got and all(text[t.start:t.end] == t.text for t in got)
    assert [t.start for t in got] == sorted(t.start for t in got)


def test_seed_article_dates_come_out_right() -> None:
    text = (SEEDS / "001_b9ead2550e7a27cc.txt").read_text(encoding="utf-8")
    got = {(t.text, t.value) for t in extract_timexes(text, FRI)}
    for expected in [("October 24", "2024-10-24"), ("August 6", "2024-08-06"), ("June", "2024-06"),
                     ("October 23", "2024-10-23"), ("November 6", "2024-11-06"), ("over two years ago", "2022"),
                     ("the same date", "2024-10-24")]:  # GUR reported on the day Putin spoke, not on August 6
        assert expected in got
    text = (SEEDS / "003_af7999c6789c98ee.txt").read_text(encoding="utf-8")
    got = {(t.text, t.value) for t in extract_timexes(text, FRI)}
    assert ("Oct. 17, 2024", "2024-10-17") in got and ("Oct. 24", "2024-10-24") in got
    assert ("early August", "2024-08") in got and ("September", "2024-09") in got


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2024-10-24", "day"), ("2024-10-24T16:00", "day"), ("2024-W43", "week"), ("2024-08", "month"),
     ("2024-SU", "season"), ("2024-Q3", "quarter"), ("2024", "year"), ("199", "decade"), ("18", "century"),
     ("P2W", "duration"), ("PAST_REF", "ref"), ("", "none"), (None, "none"), ("garbage", "none")],
)
def test_precision(value: str | None, precision: str) -> None:
    assert timeml_precision(value) == precision


def test_values_feed_the_events_table() -> None:
    """Every dated value the claims stage gets for the seeds has bounds in the events table."""
    text = (SEEDS / "002_42fc694e5a38e64f.txt").read_text(encoding="utf-8")
    for t in extract_timexes(text, FRI):
        if t.type == "DATE" and timeml_precision(t.value) in {"day", "week", "month", "year"}:
            assert timeml_bounds(t.value) != (None, None), t


def test_bad_arguments_are_reported() -> None:
    with pytest.raises(TypeError):
        extract_timexes(None, FRI)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        extract_timexes("today", "2024-10-25")  # type: ignore[arg-type]


def test_anaphoric_expressions_follow_the_story_not_the_publication_day() -> None:
    got = values("Putin spoke in Ufa on Oct. 17, 2024. The next day, troops moved. Five years later, nothing.")
    assert ("The next day", "DATE", "2024-10-18") in got
    assert ("Five years later", "DATE", "2029") in got


def test_clock_time_takes_the_date_of_its_day() -> None:
    assert values("Trading resumes at 9:30 a.m. EDT on Monday.") == [
        ("9:30 a.m. EDT", "TIME", "2024-10-28T09:30"), ("Monday", "DATE", "2024-10-28")]


def test_tense_decides_past_or_future() -> None:
    assert one("The summit, which opens Monday, will focus on trade.")[2] == "2024-10-28"
    assert one("He died in a crash Saturday, police said.")[2] == "2024-10-19"
    assert values("Tuesday's vote was delayed until April.", date(2013, 3, 22))[1] == ("April", "DATE", "2013-04")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The present situation is dire.", []),
        ("Over the years, the firm has grown.", [("the years", "DURATION", "PXY")]),
        ("He spent a year and a half in prison.", [("a year and a half", "DURATION", "P1.5Y")]),
        ("Wages rose in the '80s and the 70s.", [("the '80s", "DATE", "198"), ("the 70s", "DATE", "197")]),
        ("Fighting continued through the weekend.", [("the weekend", "DATE", "2024-W42-WE")]),
        ("The meeting is held every year.", [("every year", "SET", "P1Y")]),
        ("The winner ran the 2000-metre race.", []),
        ("At 0600 GMT, sirens sounded across Kyiv.", [("0600 GMT", "TIME", "2024-10-25T06:00")]),
        ("Strikes continued between 22 and 24 October.", [("22", "DATE", "2024-10-22"),
                                                          ("24 October", "DATE", "2024-10-24")]),
        ("The trial is expected to last until at least June.", [("June", "DATE", "2025-06")]),
        ("Profit fell in the last quarter.", [("the last quarter", "DATE", "2024-Q3")]),
    ],
)
def test_timeml_conventions(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(sentence) == expected


def test_same_day_takes_the_governing_date_not_a_later_or_distant_one() -> None:
    """Seed 001: "reported on the same date" and "on the same day" both mean Oct. 24 (Putin's remarks),
    not the August incursion, the treaty vote still to come on November 6, or "as of October 23" far above."""
    text = (SEEDS / "001_b9ead2550e7a27cc.txt").read_text(encoding="utf-8")
    for anchor in (date(2024, 10, 24), FRI):
        got = {(t.text, t.value) for t in extract_timexes(text, anchor)}
        assert ("the same date", "2024-10-24") in got and ("the same day", "2024-10-24") in got


def test_anaphora_looks_only_at_nearby_paragraphs_and_skips_future_dates_in_past_contexts() -> None:
    text = ("Talks opened in Geneva on Oct. 21.\n" + "Diplomats met again and again. " * 12 + "\n"
            + "A vote on Oct. 9 was postponed. " + "Nothing else happened. " * 12 + "\n"
            + "The treaty will be signed on November 6.\n"
            + "The envoy resigned on the same day.")
    got = {(t.text, t.value) for t in extract_timexes(text, FRI)}
    assert ("the same day", "2024-10-21") in got  # not the future Nov. 6, not Oct. 9 two paragraphs up
    got = {(t.text, t.value) for t in extract_timexes("The summit opens on Nov. 4. Leaders will leave the next day.",
                                                       FRI)}
    assert ("the next day", "2024-11-05") in got  # a future story may hang on a future date
