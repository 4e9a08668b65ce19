"""The sidebar's widgets are drawn from the first time the reader opens it (``ui.sidebar``), and the view they
describe holds all along: a shared link's filters apply to a page whose sidebar was never opened."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, shown_claims, store  # noqa: F401 - ``store`` is a fixture
from ui import sidebar


def _page(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run().run()  # the map-only first run, then the rest (ui.mapfirst)


@pytest.mark.usefixtures("store")
def test_a_closed_sidebar_holds_no_widgets_and_the_urls_filters_still_apply() -> None:
    everything = shown_claims(_page())
    at = _page(q="Kursk")
    assert not at.exception
    assert not at.sidebar.multiselect and not at.sidebar.text_input and not at.sidebar.radio
    assert [c.value for c in at.sidebar.caption] == ["Loading the filters…"]
    filtered = shown_claims(at)
    assert filtered and filtered < everything and all("Kursk" in c for c in filtered)
    at.run().run()  # later runs keep the value: no widget ever held it, so Streamlit never drops it
    assert shown_claims(at) == filtered and at.session_state["query"] == "Kursk"


@pytest.mark.usefixtures("store")
def test_once_opened_the_sidebar_draws_its_widgets_with_the_views_values() -> None:
    at = _page(q="Kursk")
    at.session_state[sidebar.OPENED] = True  # what the watcher's report does (``sidebar._opened``)
    at.run()
    assert not at.exception
    assert at.text_input(key="query").value == "Kursk" and at.multiselect(key="outlets")
    assert "Loading the filters…" not in [c.value for c in at.sidebar.caption]
    at.text_input(key="query").set_value("").run()
    assert not at.exception and at.text_input(key="query").value == ""
