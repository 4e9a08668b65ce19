"""Publication dates: metadata strings, datelines, latest date + weekdays, and no invention."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data.load.pubdate import (
    dateline_date,
    find_full_dates,
    infer_published,
    latest_date,
    parse_date_string,
    weekday_references,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("text, expected", [
    ("2024-10-25", date(2024, 10, 25)),
    ("2024-10-25T23:30:00Z", date(2024, 10, 25)),
    ("2024-10-25T08:00:00+03:00", date(2024, 10, 25)),
    ("Fri, 25 Oct 2024 08:00:00 +0000", date(2024, 10, 25)),
    ("October 25, 2024", date(2024, 10, 25)),
    ("25 Oct 2024", date(2024, 10, 25)),
    ("Oct. 5, 2024", date(2024, 10, 5)),
    ("", None),
    ("someday", None),
    ("2024-02-30", None),
    (1729764000, date(2024, 10, 24)),
    ("1729764000000", date(2024, 10, 24)),
    ("10/24/2024", date(2024, 10, 24)),
    ("24/10/2024", date(2024, 10, 24)),
    ("03/04/2024", None),  # March 4 or April 3: refuse to guess
    ("23 октября 2024 года", date(2024, 10, 23)),
    ("23 жовтня 2024 р.", date(2024, 10, 23)),
    ("23 de octubre de 2024", date(2024, 10, 23)),
    ("23. Oktober 2024", date(2024, 10, 23)),
    ("1er novembre 2024", date(2024, 11, 1)),
    (None, None),
    (date(2024, 1, 2), date(2024, 1, 2)),
])
def test_parse_date_string(text, expected) -> None:
    assert parse_date_string(text) == expected


def test_find_full_dates_formats_and_spans() -> None:
    text = ("Seen on Wednesday, October 23, 2024 in Kursk; signed 19 June 2024; "
            "filed 2024-10-25; noted 5.11.2024; not a date: October 23 or 2024 alone.")
    found = find_full_dates(text)
    assert [f.date for f in found] == [date(2024, 10, 23), date(2024, 6, 19), date(2024, 10, 25), date(2024, 11, 5)]
    assert text[found[0].start:found[0].end] == "Wednesday, October 23, 2024"


def test_impossible_dates_are_skipped() -> None:
    assert find_full_dates("on February 30, 2024 and 31 April 2023") == []


@pytest.mark.parametrize("text, expected", [
    ("KYIV, Oct. 24, 2024 (Reuters) - Ukraine said", date(2024, 10, 24)),
    ("Headline\n\nby Olena Goncharova October 25, 2024 8:00 AM 2 min read\nBody.", date(2024, 10, 25)),
    ("Headline\nPublished: 25 October 2024 14:03 BST\n\nBody text.", date(2024, 10, 25)),
    ("Headline\nFriday, October 25, 2024\n\nBody text.", date(2024, 10, 25)),
])
def test_dateline(text, expected) -> None:
    assert dateline_date(text) == expected
    assert infer_published(text) == (expected, "inferred:dateline")


def test_a_date_in_a_caption_or_sentence_is_not_a_dateline() -> None:
    text = ("Putin and Kim attend a ceremony in Pyongyang, North Korea June 19, 2024.\n\n"
            "October 23, 2024, Kamagaya, Japan - Ishiba reacts to his supporters.")
    assert dateline_date(text) is None


def test_latest_date_moves_to_the_weekdays_the_article_names() -> None:
    # Newest full date is Wednesday Oct 23; "on Thursday" puts publication on Oct 24.
    text = ("Trudeau speaks in Ottawa, Canada October 23, 2024.\n\n"
            "Putin on Thursday did not deny their presence. Japan votes this Sunday.")
    assert latest_date(text) == date(2024, 10, 24)
    assert infer_published(text) == (date(2024, 10, 24), "inferred:latest-date")


def test_future_dates_do_not_count() -> None:
    text = "The vote took place on October 20, 2024. The treaty is expected to pass on November 6, 2024."
    assert latest_date(text) == date(2024, 10, 20)


def test_weekdays_framed_as_future_or_part_of_a_date_are_ignored() -> None:
    text = "He spoke on Thursday. Voters go to the polls this Sunday, Monday, October 21, 2024 aside."
    assert weekday_references(text) == [3]


def test_no_full_date_means_no_date() -> None:
    text = "Ukraine's intelligence reported on Thursday that troops were seen on Wednesday in Kursk."
    assert infer_published(text) == (None, "")


def test_seed_003_byline() -> None:
    text = (SEEDS / "003_af7999c6789c98ee.txt").read_text(encoding="utf-8")
    assert infer_published(text)[0] == date(2024, 10, 25)


def test_seed_000_inferred_from_captions_and_thursday() -> None:
    text = (SEEDS / "000_2bbe9f76d3e00081.txt").read_text(encoding="utf-8")
    assert infer_published(text) == (date(2024, 10, 24), "inferred:latest-date")


def test_seeds_without_full_dates_stay_undated_from_text_alone() -> None:
    for name in ("001_b9ead2550e7a27cc.txt", "002_42fc694e5a38e64f.txt", "004_a1b2908c614f8544.txt"):
        assert infer_published((SEEDS / name).read_text(encoding="utf-8")) == (None, "")


def test_month_and_weekday_names_have_one_table() -> None:
    import data.load.pubdate
    import data.timex.lexicon

    assert data.load.pubdate.MONTHS is data.timex.lexicon.MONTHS and data.load.pubdate.WEEKDAYS is data.timex.lexicon.WEEKDAYS
    assert weekday_references("Troops moved on Monday. Putin spoke on Sunday.") == [0, 6]  # date.weekday()
