"""A session's first run draws the map alone, the rerun its map triggers draws the rest (``ui.mapfirst``)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, store  # noqa: F401 - ``store`` is a fixture
from ui import sidebar


def _components(at: AppTest) -> list:
    return list(at.get("component_instance"))


def _app() -> AppTest:
    """The page for a reader who has opened the sidebar (its widgets are drawn from then on: ``ui.sidebar``)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[sidebar.OPENED] = True
    return at


@pytest.mark.usefixtures("store")
def test_first_run_draws_the_map_alone_then_the_rest() -> None:
    at = _app().run()
    assert not at.exception
    assert len(_components(at)) == 1  # the map
    assert not at.sidebar.multiselect and not at.dataframe and not [h for h in at.get("html") if "sm-hist" in h.proto.body]
    assert not at.slider  # the time bar comes with the rest
    map_id = _components(at)[0].proto.id
    at.run()  # what the drawn map's first report to the server does
    assert not at.exception
    assert at.sidebar.multiselect and at.dataframe and at.slider(key="day").value
    assert [c.proto.id for c in _components(at)] == [map_id]  # the same map element: not remounted
    at.run()
    assert at.dataframe  # later runs draw everything


@pytest.mark.usefixtures("store")
def test_no_map_component_the_first_run_asks_for_the_rest_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import mapview

    monkeypatch.setattr(mapview, "prepare_assets", lambda: (_ for _ in ()).throw(OSError("no assets")))
    at = _app().run()  # one run from the test's side: the app reruns itself
    assert not at.exception
    assert at.sidebar.multiselect and at.dataframe


@pytest.mark.usefixtures("store")
def test_only_the_map_of_a_map_only_run_asks_for_the_rest() -> None:
    """The map mounted by the first run reports once drawn; one remounted by new colours (or data) does not (an
    extra rerun would drop the messages of the run that remounted it, e.g. an upload's)."""
    from ui.mapview import DRAWN_KEY

    def returned(at: AppTest) -> list[str]:
        (component,) = _components(at)
        return json.loads(component.proto.json_args)["returned_objects"]

    at = _app().run()
    assert DRAWN_KEY in returned(at)
    key = _components(at)[0].proto.id
    at.run()
    assert _components(at)[0].proto.id == key
    at.radio(key="color_by").set_value("kind").run()  # a new base map: remounted
    assert DRAWN_KEY not in returned(at) and _components(at)[0].proto.id != key


@pytest.mark.usefixtures("store")
def test_the_rest_of_the_first_page_does_not_send_the_map_again() -> None:
    """The rerun the drawn map asks for hands st_folium the very same arguments (``DRAWN_KEY`` included), so
    Streamlit sends the browser a reference to the map's message, not a second copy of its layers."""
    at = _app().run()
    first = _components(at)[0].proto.json_args
    at.run()
    assert _components(at)[0].proto.json_args == first
