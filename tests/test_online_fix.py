"""Issue 12 (b): a "Places not found" name placed online, only when asked, against a fake Nominatim on
loopback: bounded to the article's country, rate limited, cached on disk, given up after a total deadline,
and saved as a correction that puts the claim on the map."""

from __future__ import annotations

import time

import pytest

from data.events import mapped_mask
from data.view import corrections as cx
from data.view.online_fix import NOMINATIM_ENV, look_up, nominatim
from geo.gazetteer import default_gazetteer
from tests.fake_nominatim import FakeNominatim
from tests.test_unresolved import story

ZARKOVO = (49.95, 36.55)


@pytest.fixture
def events():  # noqa: ANN201
    from data.events import build_events

    claims, docs = story()
    return build_events(claims, docs)


def test_found_name_becomes_a_pin_correction_inside_the_articles_country(events, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    with FakeNominatim({"Zarkovo": ZARKOVO}) as fake:
        monkeypatch.setenv(NOMINATIM_ENV, fake.url)
        out = look_up("Zarkovo", events, gazetteer=default_gazetteer(), cache_path=tmp_path / "c.sqlite")
        (q,) = fake.queries
        again = look_up("Zarkovo", events, gazetteer=default_gazetteer(), cache_path=tmp_path / "c.sqlite")
        assert len(fake.queries) == 1  # the disk cache answered
    fix = out.correction
    assert fix is not None and (fix.action, fix.mention, fix.lat, fix.lon) == ("pin", "Zarkovo", *ZARKOVO)
    assert again.correction is not None and again.correction.lat == ZARKOVO[0]
    assert q["countrycodes"] == "ua" and q["bounded"] == "1"
    west, south, east, north = (float(x) for x in q["viewbox"].split(","))
    assert 21 < west < 24 and 39 < east < 41.5 and 44 < south < 45.5 and 52 < north < 53  # Ukraine's box
    placed = cx.apply_corrections(events, [fix])
    row = placed.loc[placed["mention_text"] == "Zarkovo"].iloc[0]
    assert mapped_mask(placed).loc[row.name] and (row["lat"], row["lon"]) == ZARKOVO


def test_unknown_name_and_stalled_service_give_no_correction_in_time(events, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    with FakeNominatim({}) as fake:
        monkeypatch.setenv(NOMINATIM_ENV, fake.url)
        miss = look_up("Zarkovo", events, cache_path=tmp_path / "c.sqlite")
    assert miss.correction is None and "not found online" in miss.message
    with FakeNominatim({"Zarkovo": ZARKOVO}, stall=5.0) as slow:
        t0 = time.monotonic()
        late = look_up("Zarkovo", events, online=nominatim(0.5).__class__(
            user_agent="t", domain=slow.url.split("://")[1], scheme="http", timeout=0.5),
            cache_path=tmp_path / "d.sqlite", timeout=0.5)
        assert time.monotonic() - t0 < 3.5  # the total deadline, not geopy's retries
    assert late.correction is None and "not found online" in late.message


def test_nominatim_host_comes_from_the_environment(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv(NOMINATIM_ENV, "http://127.0.0.1:9")
    n = nominatim()
    assert (n.scheme, n.domain) == ("http", "127.0.0.1:9")
    monkeypatch.delenv(NOMINATIM_ENV)
    assert nominatim().domain == "nominatim.openstreetmap.org"
