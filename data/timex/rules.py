"""The timex grammar in force, in priority order: the one place that says which rules run and which wins.

Candidates are chosen longest first, then earliest; among equally long candidates at the same
offset the rule listed first here wins. The order is the one the rules had when they registered
themselves at import (dates, durations, relative), now written down instead of implied.
Adding a rule means declaring it with ``@rule`` in ``dates``, ``durations`` or ``relative``
and listing it here (``tests/test_timex_rules.py`` fails on a declared rule that is not listed).
"""

from __future__ import annotations

from data.timex import dates, durations, relative
from data.timex.base import Rule

RULES: tuple[Rule, ...] = tuple(Rule.of(handler) for handler in (
    # calendar dates first: on equally long spans a written date beats a reading as a duration or a relative day
    dates.iso_date,
    dates.numeric_date,
    dates.month_day,
    dates.day_month,
    dates.month_year,
    dates.month_rel_year,
    dates.month_alone,
    dates.weekday,
    dates.weekday_set,
    dates.year,
    dates.fiscal_year,
    dates.decade,
    dates.decade_short,
    dates.decade_word,
    dates.century,
    dates.quarter,
    dates.quarter_abbr,
    dates.half_year,
    # durations, references ("recently"), sets and clock times
    durations.duration,
    durations.bare_plural_duration,
    durations.reference,
    durations.set_word,
    durations.every_unit,
    durations.frequency,
    durations.clock_time,
    durations.clock_hour,
    durations.military_time,
    durations.noon,
    # relative days and units ("yesterday", "last week", "two days later"), seasons and holidays
    relative.deictic_day,
    relative.part_of_day,
    relative.relative_unit,
    relative.the_weekend,
    relative.edge_of_the_unit,
    relative.units_ago,
    relative.anaphoric_day,
    relative.season_year,
    relative.season_alone,
    relative.holiday,
    relative.every_season,
))
