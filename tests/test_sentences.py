"""Sentence and paragraph segmentation keeps offsets and does not split at abbreviations."""

from __future__ import annotations

import pytest

from data.sentences import paragraphs, sentences


def texts(t: str) -> list[str]:
    return [s.text for s in sentences(t)]


def test_offsets_round_trip_on_every_sentence():
    t = "  First one. Second, on Oct. 24, in the U.S. capital.\n\nThird line here!  "
    for s in sentences(t):
        assert t[s.start:s.end] == s.text
    assert texts(t) == ["First one.", "Second, on Oct. 24, in the U.S. capital.", "Third line here!"]


def test_abbreviations_and_initials_do_not_end_sentences():
    t = "Gen. J. Smith met Mr. Kim on Oct. 24 in Washington, D.C. and left. He said nothing."
    assert texts(t) == ["Gen. J. Smith met Mr. Kim on Oct. 24 in Washington, D.C. and left.", "He said nothing."]


def test_quotes_stay_with_their_sentence():
    t = '“We believe it,” Putin said. “But it is ours.” Then he left.'
    assert texts(t) == ["“We believe it,” Putin said.", "“But it is ours.”", "Then he left."]


def test_lines_are_paragraphs_and_wrapped_lines_are_joined():
    t = "Headline without a stop\nThe army moved\ninto the city. It stayed.\nNext paragraph."
    paras = paragraphs(t)
    assert [p.text for p in paras] == [
        "Headline without a stop", "The army moved\ninto the city. It stayed.", "Next paragraph."]
    assert paras[0].heading and not paras[1].heading
    ss = sentences(t)
    assert [s.paragraph for s in ss] == [0, 1, 1, 2]
    assert ss[0].heading and not ss[1].heading


def test_empty_and_bad_input():
    assert sentences("") == []
    assert sentences("\n\n  \n") == []
    with pytest.raises(TypeError):
        sentences(None)  # type: ignore[arg-type]


def test_unpunctuated_text_is_cut_into_bounded_pieces():
    from data.sentences import MAX_SENTENCE

    t = "word " * 5000 + "end."
    ss = sentences(t)
    assert len(ss) > 1 and all(len(s.text) <= MAX_SENTENCE for s in ss)
    assert all(t[s.start:s.end] == s.text for s in ss)
    assert "".join(s.text.replace(" ", "") for s in ss) == t.replace(" ", "")
