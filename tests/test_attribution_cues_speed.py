"""The dash-signature pattern of ``find_cues`` is tried at every position of a sentence: it runs only on a
sentence that holds a dash, with the same cues as before."""

from __future__ import annotations

import data.claims.attribution_cues as cues


class _Spy:
    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def finditer(self, *args):
        self.calls += 1
        return self.pattern.finditer(*args)


def test_the_dash_pattern_runs_only_where_there_is_a_dash(monkeypatch) -> None:
    spy = _Spy(cues._DASH)
    monkeypatch.setattr(cues, "_DASH", spy)
    plain = "Officials said 40 people were evacuated from the town on Monday."
    assert [c.lemma for c in cues.find_cues(plain)] == ["say"]
    assert spy.calls == 0
    signed = "“We will rebuild,” \u2015 Azucena Gonzalez"
    got = cues.find_cues(signed)
    assert spy.calls == 1 and [(c.lemma, c.kind) for c in got] == [("dash", "phrase")]
