"""``data.timex.rules``: every declared rule is listed once, so priority is what the list says."""

from __future__ import annotations

import inspect

from data.timex import dates, durations, relative
from data.timex.rules import RULES


def test_every_declared_rule_is_listed_once() -> None:
    declared = {fn for mod in (dates, durations, relative) for _, fn in inspect.getmembers(mod, inspect.isfunction)
                if hasattr(fn, "timex_pattern") and fn.__module__ == mod.__name__}
    listed = [r.handler for r in RULES]
    assert len(listed) == len(set(listed)), "a rule is listed twice"
    assert declared == set(listed), f"declared but not listed: {sorted(f.__name__ for f in declared - set(listed))}"


def test_order_is_the_list_order() -> None:
    names = [r.name for r in RULES]
    assert names.index("iso_date") == 0
    assert names.index("year") < names.index("duration") < names.index("deictic_day")
