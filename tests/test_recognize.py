"""Candidate finding: word boundaries, longest match, datelines, aliases."""

from __future__ import annotations

from geo.recognize import Matcher, caps_regions, keep_name, load_aliases, load_demonyms


def _m(*names: str) -> Matcher:
    return Matcher(names, load_demonyms(), load_aliases())


def test_longest_match_at_word_boundaries() -> None:
    m = _m("Kursk", "Kursk region", "Mali", "York", "New York")
    spans = m.find("Troops in the Kursk region. Malik went to New York, not Mali.")
    assert [s.surface for s in spans] == ["Kursk region", "New York", "Mali"]
    text = "Troops in the Kursk region."
    for s in m.find(text):
        assert text[s.start:s.end] == s.surface


def test_demonyms_and_aliases_are_found_with_their_targets() -> None:
    m = _m("Russia")
    spans = m.find("U.S. officials and North Korean troops near Russia's border")
    kinds = [(s.surface, s.entries[0].kind, s.entries[0].target) for s in spans]
    assert kinds == [("U.S.", "alias", "US"), ("North Korean", "demonym", "KP"), ("Russia", "name", "")]


def test_all_caps_dateline_is_matched_in_title_case() -> None:
    m = _m("Washington", "San Diego")
    text = "WASHINGTON (Reuters) - Talks began.\nSAN DIEGO — More talks. NATO said so."
    spans = m.find(text)
    assert [(s.surface, s.lookup) for s in spans] == [("WASHINGTON", "Washington"), ("SAN DIEGO", "San Diego")]
    assert all(s.caps for s in spans)


def test_acronyms_inside_running_text_are_not_datelines() -> None:
    text = "The talks at NATO ended."
    assert caps_regions(text) == []


def test_names_kept_for_matching() -> None:
    assert keep_name("Kursk")
    assert keep_name("eastern Ukraine")
    assert not keep_name("the")
    assert not keep_name("May")  # a month, never a place on its own
    assert not keep_name("AND")
    assert not keep_name("eastern")
