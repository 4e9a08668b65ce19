"""The side panel's picker of the claims at a place: readable when an article names no outlet."""

from __future__ import annotations

from ui.panel import pick_label


def test_a_claim_without_an_outlet_reads_without_an_empty_outlet() -> None:
    """The seeds read "2024-10-24 · : This comes amid reports..." for an article without an outlet."""
    label = pick_label("2024-10-24", "", "This comes amid reports from Ukraine indicating that troops arrived")
    assert label.startswith("2024-10-24 · This comes") and ": " not in label
    assert pick_label("2024-10-24", None, "x") == "2024-10-24 · x"
    assert pick_label(None, "Reuters", "x" * 100) == "undated · Reuters: " + "x" * 56 + "…"
    # a long sentence ends at a word, marked, short enough for the side panel's picker at 1440 px
    long = pick_label("2024-10-24", "", "This comes amid reports from Ukraine indicating that North Korean troops")
    assert long == "2024-10-24 · This comes amid reports from Ukraine indicating that…"


def test_an_article_without_an_outlet_reads_as_in_the_popups() -> None:
    """The popup says "Outlet not stated": the side panel says the same (with the file name, so two such
    articles can be told apart), not "unknown outlet"."""
    from data.load.documents import make_document
    from ui.panel import md, outlet_label

    doc = make_document("Troops moved into Kursk on Tuesday.", source_path="/x/001_b9ead.txt")
    assert outlet_label("", doc) == f"outlet not stated ({md('001_b9ead.txt')})"
    assert outlet_label("Reuters", doc) == "Reuters"
    assert outlet_label("", None) == "outlet not stated"
