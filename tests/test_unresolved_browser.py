"""Issue 12 in Debian's chromium: an article naming a village the gazetteer lacks; the village is listed under
"Places not found", and with the online switch on, "Find online" asks a fake Nominatim on 127.0.0.1 (the
real app server, ``SITMAP_NOMINATIM_URL``) and the village's marker appears on the map.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_nominatim import FakeNominatim
from tests.served import START_TIMEOUT, dashboard
from tests.test_app_browser import Session

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("Village of Zarkovo shelled\n\n"
           "Shelling hit the village of Zarkovo near Kharkiv on Monday, killing 3 people, officials said.\n\n"
           "Kharkiv's mayor said power was cut across the city on Monday.\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[tuple[str, FakeNominatim]]:
    tmp = tmp_path_factory.mktemp("unres")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "zarkovo.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,title,outlet,url,published\n"
                                         "zarkovo.txt,Village of Zarkovo shelled,Wire,,2024-10-22\n", encoding="utf-8")
    with FakeNominatim({"Zarkovo": (49.95, 36.55)}) as fake:
        env = {"SITMAP_STORE": str(tmp / "store"), "SITMAP_CORPUS": str(corpus), "SITMAP_NOMINATIM_URL": fake.url}
        with dashboard(env, tmp / "streamlit.log") as url:
            yield url, fake


def test_an_unknown_village_is_listed_then_found_online_and_mapped(served, browser: object,  # noqa: ANN001
                                                                   artifacts_dir: Path) -> None:
    url, fake = served
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    s = Session(page, url, artifacts_dir)
    page.goto(url)
    s.map_frame(timeout=START_TIMEOUT)
    assert "Kharkiv" in s.places() and "Zarkovo" not in s.places()
    page.get_by_role("tab", name="Places not found (1)").click()
    assert not fake.queries  # nothing is asked before the reader switches online look-ups on
    page.get_by_text("Look names up online (OpenStreetMap Nominatim)").click()
    page.get_by_role("button", name="Find online").wait_for()
    s.shot("unresolved_listed")
    page.get_by_role("button", name="Find online").click()
    s.wait_for(lambda: "Zarkovo" in s.places(), timeout=60, what="Zarkovo on the map")
    page.get_by_role("tab", name="Corrections (1)").wait_for()  # saved as a correction, undoable there
    page.get_by_role("tab", name="Places not found (0)").wait_for()
    s.shot("unresolved_found_online")
    assert len(fake.queries) == 1 and fake.queries[0]["q"] == "Zarkovo" and fake.queries[0]["countrycodes"] == "ua"
    hosts = {r.split("/")[2].split(":")[0] for r in s.requests if "://" in r}
    assert hosts == {"127.0.0.1"}, hosts  # the page itself never leaves the machine
    context.close()
