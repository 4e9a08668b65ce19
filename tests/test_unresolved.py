"""Issue 12: names the text presents as places that the gazetteer lacks reach the store (``Claim.unresolved``),
the events table (a placeless row) and the "Places not found" list with their sentence; the map never draws them."""

from __future__ import annotations

from datetime import date

import pytest

from data.claims.extract import extract_claims
from data.events import build_events, mapped_mask
from data.model import Document
from data.store.codec import claims_from_json, claims_to_json
from data.view import corrections as cx
from data.view.lists import not_found
from tests.test_app import FakeStore, app, store  # noqa: F401 - ``store`` is a fixture
from ui import loading

TEXT = ("Shelling hit the village of Zarkovo near Kharkiv on Monday, killing 3 people, officials said.\n\n"
        "Kharkiv's mayor said power was cut across the city on Monday.")
SENTENCE = "Shelling hit the village of Zarkovo near Kharkiv on Monday, killing 3 people, officials said."


def story() -> tuple[list, dict]:
    doc = Document(id="doc-z", text=TEXT, title="Zarkovo shelled", outlet="Wire", published=date(2024, 10, 21))
    return extract_claims(doc), {doc.id: doc}


def test_an_unresolved_name_rides_with_its_claim_into_the_events_table() -> None:
    claims, docs = story()
    (claim,) = [c for c in claims if "Zarkovo" in c.text]
    (u,) = claim.unresolved
    assert (u.name, u.place_id, u.lat, TEXT[u.start:u.end]) == ("Zarkovo", "", None, "Zarkovo")
    assert [p.name for p in claim.places] == ["Kharkiv"]  # the claim's places are unchanged
    assert claims_from_json(claims_to_json(claims)) == claims  # kept in the store
    ev = build_events(claims, docs)
    assert ev["event_id"].is_unique
    row = ev.loc[ev["mention_text"] == "Zarkovo"].iloc[0]
    assert row["place_id"] == "" and row["place_name"] == "" and row["mention_start"] == u.start
    drawn = ev.loc[mapped_mask(ev)]
    assert "Zarkovo" not in set(drawn["mention_text"]) and "Kharkiv" in set(drawn["place_name"])
    missing = not_found(ev)
    assert missing.to_dict("records") == [{"name": "Zarkovo", "claims": 1, "articles": 1, "sentence": SENTENCE}]


@pytest.fixture
def unplaced(store: FakeStore, monkeypatch: pytest.MonkeyPatch) -> FakeStore:  # noqa: F811
    claims, docs = story()
    store.events, store.docs = build_events(claims, docs), docs

    def read(path):  # noqa: ANN001, ANN202
        return cx.apply_corrections(store.events, cx.load_corrections(cx.corrections_path(path))[0]), store.docs

    monkeypatch.setattr(loading, "read_store", read)
    monkeypatch.setattr(loading, "store_version",
                        lambda p: f"{p}:{store.version}:{cx.stamp(cx.corrections_path(p))}")
    return store


def test_places_not_found_tab_lists_the_name_with_its_sentence(unplaced: FakeStore) -> None:
    at = app()
    assert not at.exception
    assert "Places not found (1)" in [t.label for t in at.tabs]
    (missing,) = [d.value for d in at.dataframe if "sentence" in d.value.columns]
    assert missing.to_dict("records")[0]["name"] == "Zarkovo"
    assert missing.to_dict("records")[0]["sentence"] == SENTENCE


def test_find_online_is_off_by_default_and_when_on_pins_the_name(unplaced: FakeStore, monkeypatch) -> None:  # noqa: ANN001
    from data.view.online_fix import NOMINATIM_ENV
    from tests.fake_nominatim import FakeNominatim

    at = app()
    assert not [b for b in at.button if b.label == "Find online"]  # offline unless switched on
    with FakeNominatim({"Zarkovo": (49.95, 36.55)}) as fake:
        monkeypatch.setenv(NOMINATIM_ENV, fake.url)
        at.toggle(key="online_lookup").set_value(True).run()
        next(b for b in at.button if b.label == "Find online").click().run()
        assert len(fake.queries) == 1 and fake.queries[0]["countrycodes"] == "ua"
    assert not at.exception
    (fix,) = cx.load_corrections(cx.corrections_path(loading.store_path()))[0]
    assert (fix.action, fix.mention, fix.lat, fix.lon) == ("pin", "Zarkovo", 49.95, 36.55)
    assert "Places not found (0)" in [t.label for t in at.tabs]
    assert "Zarkovo" in set(at.dataframe[0].value["place"])
