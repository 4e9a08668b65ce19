"""The attribution stage (issue 11): cues, source noun phrases, quotations, pronouns. One test per rule family."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

from data.claims.attribution import attribute, sentence_claimants
from data.claims.attribution_cues import find_cues, verb_forms
from data.claims.attribution_pronouns import Named, describe, resolve
from data.claims.attribution_quotes import quotes
from data.claims.attribution_source import acceptable
from data.sentences import sentences


def sources(text: str) -> list[str]:
    """Every (mention) source found in ``text``, in order."""
    return [text[a.start:a.end] for found in attribute(text) for a in found]


def claimants(text: str) -> list[str | None]:
    return [a.claimant if a else None for a in sentence_claimants(text, sentences(text))]


# cues -------------------------------------------------------------------------------------------------------

def test_cue_table_covers_inflections_and_phrasal_verbs():
    forms = verb_forms()
    for form in ("said", "says", "told", "claimed", "accused", "believes", "estimated", "warned", "quoted",
                 "called for", "pointed out"):
        assert form in forms, form


def test_cues_include_phrases_and_skip_noun_readings():
    text = "According to the governor, the report was late; his claims and the entire state budget were not."
    cues = find_cues(text)
    assert [text[c.start:c.end] for c in cues] == ["According to"]
    text = "The group says taxes rise, and the governor said so in a statement."
    assert [text[c.start:c.end] for c in find_cues(text)] == ["says", "said", "in a statement"]


def test_a_capitalised_cue_inside_a_sentence_is_a_name():
    assert find_cues("He met State Department officials.") == []


def test_passive_report_has_no_speaker_cue():
    assert find_cues("The attack was reported at midnight.") == []


# source noun phrases ----------------------------------------------------------------------------------------

def test_source_before_the_cue_skips_auxiliaries_adverbs_and_time():
    assert sources("Trump has repeatedly said the election is rigged.") == ["Trump"]
    assert sources("Russian President Vladimir Putin on Thursday didn’t deny their presence.") == [
        "Russian President Vladimir Putin"]


def test_inverted_source_after_the_cue():
    assert sources("“We will win,” said the governor of Texas.") == ["governor of Texas"]
    assert sources("''It is complex,'' said Mr. Burman.") == ["Mr. Burman"]


def test_according_to_takes_the_whole_clause():
    assert sources("Three people died, according to attorneys for the family.") == ["attorneys for the family"]


def test_possessive_office_and_ministry_are_kept_whole():
    assert sources("Clinton's campaign said the ad was false.") == ["Clinton's campaign"]
    assert sources("Russia's Defence Ministry said 20 drones were downed.") == ["Russia's Defence Ministry"]
    assert sources("A spokesman for the Department of Justice said it would appeal.")[0] == (
        "A spokesman for the Department of Justice")


def test_appositives_and_parentheticals_lead_back_to_the_name():
    assert sources("Michael Mulgrew, president of the union, which represents teachers, said he hopes so.") == [
        "Michael Mulgrew"]
    assert sources("Rep. Gwen Moore (D-Wis.) said Friday it was wrong.") == ["Rep. Gwen Moore"]
    # an opening adverbial that ends in a place is not the source
    assert sources("During his visit to Kiev, the Pentagon chief, Lloyd Austin, announced new aid.") == [
        "Pentagon chief"]


def test_common_noun_sources_need_a_determiner_or_a_boundary():
    assert sources("The tax would fall, the book said.") == ["book"]
    assert sources("Another 19 percent said they would not vote.") == ["Another 19 percent"]


def test_fragments_and_lone_demonyms_are_never_sources():
    assert not acceptable("Now I")
    assert not acceptable("Syrian")
    assert acceptable("Syrian officials")
    assert sources("Now he says he will run.")[0] == "he"


def test_participle_speaker_is_the_clause_subject():
    text = "Early on Friday, he had appeared to cross a line, saying that the war was based on lies."
    assert sources(text) == ["he"]


def test_signed_quotation_and_speaker_label():
    assert sources("“A real disgrace.” ― Azucena Gonzalez") == ["Azucena Gonzalez"]
    assert sources("PENCE: Well, the question should be different.") == ["PENCE"]
    # a label gives way to a real cue in the same sentence
    assert sources("Background: Russian media reported that a plane crashed.") == ["Russian media"]


# quotations ---------------------------------------------------------------------------------------------------

def test_quotes_pair_marks_and_continue_over_paragraphs():
    text = "“A. B.\n\n“C,” he said. ''D,'' she said."
    qs = quotes(text)
    assert [(text[q.start], text[q.end - 1]) for q in qs] == [("“", "”"), ("'", "'")]


def test_a_quotation_over_several_sentences_takes_its_speaker():
    text = "“We won. We will win again. Nobody doubts it,” Smith said. The sky is blue."
    assert claimants(text) == ["Smith", "Smith", "Smith", None]


def test_cues_inside_a_quotation_do_not_name_the_speaker():
    text = "“I think we will win,” Smith said."
    assert sources(text) == ["Smith"]


def test_no_sentence_inherits_its_neighbours_source():
    text = "The governor said 12 people died. The storm moved north. He added that roads were closed."
    out = claimants(text)
    assert out[0] == "governor" and out[1] is None and out[2] == "governor"


# pronouns -----------------------------------------------------------------------------------------------------

def test_pronoun_keeps_its_span_and_shows_the_nearest_compatible_name():
    text = "Hillary Clinton spoke in Ohio. The campaign said turnout was high. She said it would rise."
    found = [a for f in attribute(text) for a in f]
    she = found[-1]
    assert text[she.start:she.end] == "She" and she.claimant == "Hillary Clinton"


def test_pronoun_compatibility():
    person = describe(0, 10, "Mrs. Clinton")
    org = describe(20, 32, "the Pentagon office")
    group = describe(40, 50, "officials")
    assert person.gender == "f" and person.person and not org.person and group.plural
    assert resolve("he", 100, [person, org]) is None
    assert resolve("she", 100, [person, org]) == person
    assert resolve("it", 100, [person, org]) == org
    assert resolve("they", 100, [person, group]) == group
    assert resolve("he", 5, [Named(10, 20, "Bob Smith", True, False)]) is None  # only names before it


# command line -------------------------------------------------------------------------------------------------

def test_cli_writes_the_attreval_contract():
    from cli.attribution_cmd import run

    src = io.StringIO(json.dumps({"id": "a", "text": "Smith said taxes rise."}) + "\nnot json\n")
    out, err = io.StringIO(), io.StringIO()
    status = run(SimpleNamespace(jsonl="-"), stdin=src, out=out, err=err)
    rec = json.loads(out.getvalue())
    assert status == 1 and "line 2" in err.getvalue()
    (claim,) = rec["claims"]
    assert rec["id"] == "a" and claim["claimant"] == "Smith"
    assert (claim["claimant_start"], claim["claimant_end"], claim["cue_start"]) == (0, 5, 6)


def test_agreement_tells_noun_from_verb():
    # a base form needs a plural or first/second-person subject; an -s form never follows "some"/"many"
    assert find_cues("The first attack was treated as a crime.") == []
    assert find_cues("Too many calls still roll over to backup centers.") == []
    assert find_cues("He visited the Sunshine state.") == []
    assert [c.lemma for c in find_cues("Police say they have resources, and polls show a tie.")] == ["say", "show"]
    assert [c.lemma for c in find_cues("He didn't suggest retaliation.")] == ["suggest"]


def test_coordinated_cue_takes_the_clause_subject():
    text = "Donald Trump, her Republican opponent, bemoaned the unrest and said drugs were a factor."
    assert sources(text) == ["Donald Trump"]


def test_participle_speaks_for_the_clause_subject_not_the_noun_before_it():
    assert sources("Putin made a speech condemning the move, calling it treason.") == ["Putin"]
    assert sources("Prigozhin posted a message on the Telegram app saying his forces had crossed.") == [
        "Prigozhin"]


def test_source_after_the_cue_may_be_a_common_noun_phrase():
    assert sources("“It is final,” said the ruling.") == ["ruling"]
    assert sources("The talks failed, said one source in the room.") == ["one source"]


def test_belief_inside_reported_speech_is_not_a_new_attribution():
    assert sources("Smith said he hopes the vote passes.") == ["Smith"]


def test_a_quotation_resumed_after_its_cue_keeps_the_speaker_but_a_scare_quote_has_none():
    text = "“It never crossed my mind,” she said. “We have no context for the current moment at all.”"
    assert [text[a.start:a.end] for f in attribute(text) for a in f] == ["she", "she"]
    text = "PMC “Wagner” received 858 billion rubles. This was stated by TV presenter Dmitry Kiselev."
    assert claimants(text) == [None, "TV presenter Dmitry Kiselev"]


def test_appositive_prefers_the_name_and_closes_an_unclosed_appositive():
    assert sources("The mercenary group's founder, Yevgeny Prigozhin, claimed his forces won.")[0] == (
        "Yevgeny Prigozhin")
    assert sources("Yevgeny Prigozhin, the leader of the Wagner Group claimed that he won.")[0] == (
        "Yevgeny Prigozhin")


def test_statement_phrases_and_participles_speak_for_the_subject_over_dates():
    assert sources("President Putin referred to “fallen hero pilots” in a statement on 26 June.") == [
        "President Putin"]
    text = ("Russian President Vladimir Putin on Monday (June 26) paid tributes to pilots, confirming "
            "earlier reports that aircraft were shot down.")
    assert sources(text) == ["Russian President Vladimir Putin"]


def test_work_grows_linearly_with_the_text():
    import time

    unit = "“We will win this, and more,” he said. Mr. John Smith said it was fine, according to the governor. "
    t0 = time.process_time()
    attribute(unit * 300)
    small = time.process_time() - t0
    t0 = time.process_time()
    attribute(unit * 3000)
    big = time.process_time() - t0
    assert big < 25 * max(small, 0.01)  # 10x the text: about 10x the time, not 100x


def test_speaker_labels_in_transcripts_and_headlines():
    text = 'Bernie Sanders spoke on Friday.\n\nSanders: Clinton needs to change course.\n\n"PENCE: Well, look."'
    assert sources(text) == ["Sanders", "PENCE"]
    assert sources("Details: The fire destroyed a tank.") == []  # a section word, never a name in the text


def test_inverted_cue_after_a_clause_and_appositives_with_clauses():
    assert sources("For some, the losses would outstrip the gains, said Batchelder.") == ["Batchelder"]
    text = "However, some Telegram channels that monitor the military, said 13 pilots were killed."
    assert sources(text) == ["some Telegram channels"]
    text = "He wore a shirt reading ''I can't breathe,'' as Eric Garner, gasping on a sidewalk, said."
    assert sources(text)[-1] == "Eric Garner"


def test_claims_take_speakers_not_evidence_or_stances():
    text = "Images on social media show a helicopter crashed. The senator called for calm. Smith said it fell."
    assert sources(text) == ["media", "senator", "Smith"]  # (the head of "Images on social media")
    assert claimants(text) == [None, None, "Smith"]
