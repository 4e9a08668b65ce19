"""The dashboard's logic under Streamlit's AppTest (no browser): filters, slider, playback, URL, uploads.

The store is replaced by an in-memory fake holding ``data.view.synth`` sample events, so these tests check
the app's behaviour, not the pipeline's (the browser tests run the real pipeline on the seeds).
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # ui/ sits beside app.py and is not an installed package (plain `pytest`)
    sys.path.insert(0, str(ROOT))

from data.view.synth import _row, sample_events_with_offsets  # noqa: E402
from ui import loading, sidebar  # noqa: E402

APP = str(ROOT / "app.py")


class FakeStore:
    """What the app needs from the store, in memory; records uploads."""

    def __init__(self) -> None:
        self.events, self.docs = sample_events_with_offsets()
        self.version = 0
        self.uploads: list[tuple[str, bytes]] = []
        self.pasted: list[loading.Pasted] = []
        self.stale = 0  # stored articles an older sitmap extracted

    def ingest(self, items, path, progress=None):  # noqa: ANN001
        out = []
        for i, (name, data) in enumerate(items):
            if progress:
                progress(i + 1, len(items), name)
            self.uploads.append((name, data))
            if not data.strip():
                out.append(loading.FileOutcome(name, False, "empty file"))
                continue
            row = _row(f"u{len(self.uploads)}", 0, f"up{len(self.uploads)}", "Upload", data.decode()[:80],
                       "2024-10-22", "ufa")
            from data.events import conform

            self.events = pd.concat([self.events, conform(pd.DataFrame([row]))], ignore_index=True)
            out.append(loading.FileOutcome(name, True, "ingested"))
        self.version += 1
        return out

    def paste(self, item, path, progress=None):  # noqa: ANN001
        self.pasted.append(item)
        out = self.ingest([(item.title or "pasted.txt", item.text.encode("utf-8"))], path, progress)
        return [loading.FileOutcome(o.name, o.ok, o.message, ("none of its 1 claims has a date",)) for o in out]


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeStore:
    fake = FakeStore()
    monkeypatch.setattr(loading, "store_path", lambda: tmp_path / "store")
    monkeypatch.setattr(loading, "needs_build", lambda p: False)
    monkeypatch.setattr(loading, "store_version", lambda p: f"{tmp_path}:{fake.version}")
    monkeypatch.setattr(loading, "read_store", lambda p: (fake.events, fake.docs))
    # the app's view of the store: built from whatever read_store gives (a test may patch that further)
    monkeypatch.setattr(loading, "read_view", lambda p, v="": loading.view_of(*loading.read_store(p), v))
    monkeypatch.setattr(loading, "ingest_uploads", fake.ingest)
    monkeypatch.setattr(loading, "ingest_pasted", fake.paste)
    monkeypatch.setattr(loading, "stale_documents", lambda p, v: fake.stale)
    # the map without the gazetteer's outlines: these tests are about the app, not the basemap
    from layers import mapbuild

    monkeypatch.setattr(mapbuild, "base_map", functools.partial(mapbuild.base_map, outlines=False))
    monkeypatch.setattr(mapbuild, "time_layers", functools.partial(mapbuild.time_layers, outlines=False))
    return fake


def app(**params: str | list[str]) -> AppTest:
    """The page as a browser ends up with it: the session's first run draws the map alone and the map, once
    drawn, reports back, which reruns the script (``ui.mapfirst``); AppTest has no browser, so run twice."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[sidebar.OPENED] = True  # a reader who opened the sidebar: its widgets are drawn (ui.sidebar)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run().run()


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def shown_claims(at: AppTest) -> set[str]:
    return set(table(at)["claim"])


def test_opens_on_the_latest_day_with_everything_dated_and_located(store: FakeStore) -> None:
    at = app()
    assert not at.exception
    assert at.slider(key="day").value == date(2024, 10, 23)
    assert len(table(at)) == 6  # c7 undated and c8 unlocated are not in view...
    tabs = [t.label for t in at.tabs]
    assert "Undated (1)" in tabs and "Unlocated (1)" in tabs  # ...but listed
    assert at.query_params == {} or "d" not in at.query_params


def test_slider_back_before_august_removes_kursk(store: FakeStore) -> None:
    at = app()
    at.slider(key="day").set_value(date(2024, 7, 31)).run()
    assert list(table(at)["place"]) == ["Pyongyang"]
    assert at.query_params["d"] == "2024-07-31"


def test_filters_narrow_the_table(store: FakeStore) -> None:
    at = app()
    at.multiselect(key="outlets").set_value(["Reuters"]).run()
    assert set(table(at)["outlet"]) == {"Reuters"} and len(table(at)) == 2
    at.multiselect(key="outlets").set_value([]).run()
    at.text_input(key="query").set_value("12,000").run()
    assert list(table(at)["claimant"]) == ["HUR"]
    at.text_input(key="query").set_value("").run()
    at.toggle(key="only_conflicts").set_value(True).run()
    assert list(table(at)["figure"]) == ["about 12,000 troops"]
    assert at.query_params["x"] == "1"


def test_last_n_days_window(store: FakeStore) -> None:
    at = app()
    at.radio(key="window").set_value("last").run()
    at.number_input(key="days").set_value(1).run()
    assert set(table(at)["date"]) == {"2024-10-23"}


def test_step_buttons_move_between_event_dates(store: FakeStore) -> None:
    at = app()
    at.button(key="step_back").click().run()
    assert at.slider(key="day").value == date(2024, 10, 20)
    at.selectbox(key="step").set_value("week").run()
    at.button(key="step_back").click().run()
    assert at.slider(key="day").value == date(2024, 10, 13)
    at.button(key="step_fwd").click().run()
    assert at.slider(key="day").value == date(2024, 10, 20)


def test_play_at_the_end_restarts_from_the_first_day_and_pause_stops(store: FakeStore) -> None:
    at = app()
    at.button(key="play").click().run()
    assert at.session_state["playing"] is True
    assert at.slider(key="day").value == date(2024, 6, 19)
    assert at.button(key="play").label.endswith("Pause")
    at.button(key="play").click().run()
    assert at.session_state["playing"] is False


def test_playback_tick_advances_to_the_next_event_date(store: FakeStore) -> None:
    at = app(d="2024-06-19")
    at.session_state["playing"] = True
    at.session_state["_pending_day"] = None
    from data.view.select import date_bounds, step_day, timeline

    ev = store.events
    nxt = step_day(date(2024, 6, 19), date_bounds(ev), 1, "event", timeline(ev))
    at.session_state["_pending_day"] = nxt  # what one tick of the playback fragment queues
    at.run()
    assert at.slider(key="day").value == date(2024, 8, 6)


def test_url_restores_the_view(store: FakeStore) -> None:
    at = app(d="2024-10-18", o=["Kyiv Independent"], s="c4:0", w="last", n="30")
    assert at.slider(key="day").value == date(2024, 10, 18)
    assert at.multiselect(key="outlets").value == ["Kyiv Independent"]
    assert at.radio(key="window").value == "last"
    assert list(table(at)["claimant"]) == ["HUR"]
    text = " ".join(m.value for m in at.markdown)
    assert "About 12,000 North Korean troops are in Russia, HUR says" in text.replace("\\", "")
    assert "Conflicting claims (1)" in text and "at least 3,000 soldiers" in text.replace("\\", "")


def test_garbage_in_the_url_is_ignored(store: FakeStore) -> None:
    at = app(d="not-a-date", o="NoSuchOutlet", mc="lots", s="zzz")
    assert not at.exception
    assert at.slider(key="day").value == date(2024, 10, 23)
    assert at.multiselect(key="outlets").value == []


def test_selection_from_the_table_fills_the_panel(store: FakeStore) -> None:
    at = app()
    at.session_state["selected"] = "c5:0"
    at.run()
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "At least 3,000 soldiers were sent, Kirby said." in text
    assert "John Kirby" in text and "Conflicting claims (1)" in text
    assert at.query_params["s"] == "c5:0"


def test_upload_adds_a_place_and_reports_rejected_files(store: FakeStore) -> None:
    at = app()
    assert "Ufa" not in set(table(at)["place"])
    files = next(u for u in at.file_uploader if u.label == "Files")  # (the Corrections tab has an import one)
    files.set_value([("ufa.txt", b"Troops were seen in Ufa.", "text/plain"),
                                   ("empty.txt", b"   ", "text/plain")])
    at.form_submit_button[0].click().run()
    assert [n for n, _ in store.uploads] == ["ufa.txt", "empty.txt"]
    assert "Ufa" in set(table(at)["place"])
    assert any("empty.txt: empty file" in e.value.replace("\\", "") for e in at.error)
    assert any("ufa.txt: ingested" in s.value.replace("\\", "") for s in at.success)
    assert any("New on the map: Ufa" in i.value for i in at.info)


def test_pasted_text_is_ingested_with_its_title_outlet_and_date(store: FakeStore) -> None:
    at = app()
    at.text_area[0].set_value("Pasted: troops near Ufa on October 22.")
    at.text_input(key="paste_title").set_value("Troops near Ufa")
    at.text_input(key="paste_outlet").set_value("Example Wire")
    at.date_input(key="paste_published").set_value(date(2024, 10, 23))
    at.form_submit_button[0].click().run()
    assert len(store.pasted) == 1
    item = store.pasted[0]
    assert (item.text, item.title, item.outlet, item.published) == (
        "Pasted: troops near Ufa on October 22.", "Troops near Ufa", "Example Wire", date(2024, 10, 23))
    assert "Ufa" in set(table(at)["place"])
    assert any("Troops near Ufa: ingested" in s.value.replace("\\", "") for s in at.success)
    assert any("none of its 1 claims has a date" in w.value for w in at.warning)


def test_hostile_text_is_not_rendered_as_markup(store: FakeStore) -> None:
    ev = store.events
    ev.loc[ev["claim_id"] == "c2", "text"] = "<img src=x onerror=alert(1)> [link](http://evil.example) {{ 7*191 }}"
    at = app(s="c2:0")
    md = " ".join(m.value for m in at.markdown)
    assert "<img" not in md and "](http://evil" not in md
    assert not at.exception



def test_the_map_is_one_component_with_local_assets_and_the_view_as_layer(store: FakeStore) -> None:
    at = app()
    maps = at.get("component_instance")
    assert len(maps) == 1
    args = json.loads(maps[0].proto.json_args)
    links = args["js_links"] + args["css_links"]
    assert links and all(u.startswith("/app/static/") for u in links), links
    assert "Kursk" in args["feature_group"] and args["returned_objects"][:4] == [  # (+ ui.mapview.DRAWN_KEY)
        "last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_popup", "last_clicked"]
    at.slider(key="day").set_value(date(2024, 7, 31)).run()
    after = json.loads(at.get("component_instance")[0].proto.json_args)
    assert "Kursk" not in after["feature_group"] and "Pyongyang" in after["feature_group"]
    assert after["script"] == args["script"]  # the base map is untouched: the view does not jump


def test_a_map_click_selects_the_clicked_place() -> None:
    from data.view.synth import sample_events
    from ui.mapview import nearest_event

    view = sample_events()
    assert nearest_event(view, 51.73, 36.19) == "c5:0"  # Kursk: its most recent claim (c5/c6 tie by date)
    assert nearest_event(view, 45.0, 130.0) == "c3:0"  # nearest: Vladivostok
    assert nearest_event(view, 51.0, 36.0, "Pyongyang") == "c1:0"  # popup names the place (a region click)


def test_dashboard_command_starts_streamlit_in_process_with_store_and_corpus(monkeypatch: pytest.MonkeyPatch,
                                                                             tmp_path: Path) -> None:
    from streamlit.web import cli as streamlit_cli

    from cli import app_cmds, main

    seen = {}
    monkeypatch.chdir(tmp_path)  # the command moves to the app's folder (for .streamlit/config.toml)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setenv("SITMAP_STORE", "")
    monkeypatch.setenv("SITMAP_CORPUS", "")
    monkeypatch.setattr(app_cmds, "warm_up", lambda: seen.update(warmed=True))

    def fake_main() -> None:
        seen.update(argv=list(sys.argv), cwd=Path.cwd(), store=os.environ["SITMAP_STORE"],
                    corpus=os.environ["SITMAP_CORPUS"])
        raise SystemExit(0)

    monkeypatch.setattr(streamlit_cli, "main", fake_main)
    assert main(["dashboard", "--port", "8600", "--store", str(tmp_path / "s"), "--corpus", str(tmp_path)]) == 0
    assert seen["argv"] == ["streamlit", "run", str(ROOT / "app.py"), "--server.port", "8600",
                            "--server.address", "127.0.0.1"]
    assert seen["cwd"] == ROOT and seen["store"] == str(tmp_path / "s") and seen["corpus"] == str(tmp_path)


def test_warm_up_loads_what_the_first_run_needs_without_declaring_components() -> None:
    import subprocess

    code = ("import sys; from cli.app_cmds import warm_up; ok = warm_up(); "
            "print(ok, 'folium' in sys.modules, any(m.startswith('streamlit_folium') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.stdout.split() == ["True", "True", "False"], out.stderr[-2000:]


def test_an_untitled_article_is_named_by_its_first_sentence_and_its_file() -> None:
    from data.model import Document
    from ui.panel import fallback_title, outlet_label

    doc = Document(id="x", text="\n North Korean troops spotted in Kursk. More.\nSecond line", source_path="s/001.txt")
    assert fallback_title(doc) == "North Korean troops spotted in Kursk."
    assert "001" in outlet_label("", doc) and outlet_label("Reuters", doc) == "Reuters"
    assert fallback_title(Document(id="y", text="", source_path="a/b/c.txt")) == "c.txt"
    linked = Document(id="z", text="x", url="https://www.kyivindependent.com/a", source_path="s/002.txt")
    assert outlet_label("", linked).replace("\\", "") == "kyivindependent.com"  # the site before the file name (markdown-escaped)


def test_markers_can_be_coloured_by_kind_and_online_tiles_are_opt_in(store: FakeStore) -> None:
    at = app()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert "tile.openstreetmap.org" not in args["script"] + args["feature_group"]
    assert "Claimant side" in args["script"]
    at.radio(key="color_by").set_value("kind").run()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert "Claim kind" in args["script"] and "Claimant side" not in args["script"]
    assert at.query_params["k"] in ("kind", ["kind"]) and "online" not in str(dict(at.query_params))
    at.toggle(key="online_tiles").set_value(True).run()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert "tile.openstreetmap.org" in args["script"]
    assert not at.exception


def test_dashboard_with_a_store_and_no_corpus_never_adds_the_seeds(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    """Issue 13: ``sitmap dashboard --store DIR`` uses DIR as it is; the demo corpus only when asked."""
    from streamlit.web import cli as streamlit_cli

    from cli import app_cmds, main

    seen = {}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setenv("SITMAP_STORE", "")
    monkeypatch.setenv("SITMAP_CORPUS", "")
    monkeypatch.setattr(app_cmds, "warm_up", lambda: None)

    def fake_main() -> None:
        seen.update(corpus=loading.corpus_dir(), needs=loading.needs_build(tmp_path / "s"),
                    built=loading.build(tmp_path / "s"))
        raise SystemExit(0)

    monkeypatch.setattr(streamlit_cli, "main", fake_main)
    assert main(["dashboard", "--store", str(tmp_path / "s")]) == 0
    assert seen == {"corpus": None, "needs": False, "built": None}
    assert not (tmp_path / "s").exists()  # nothing was ingested into the user's store


def test_a_view_above_the_row_bound_is_drawn_from_per_place_aggregates(store: FakeStore,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from data.view import mapquery
    from layers import mapbuild

    drawn: list = []
    real = mapbuild.aggregate_layers

    def spy(agg, **kw):  # noqa: ANN001, ANN202
        drawn.append(agg)
        return real(agg, **{**kw, "outlines": False})

    monkeypatch.setattr(mapquery, "ROW_BOUND", 2)
    monkeypatch.setattr(mapbuild, "aggregate_layers", spy)
    at = app(d="2024-10-22")  # a view no earlier test has drawn (the layer is cached per view)
    assert not at.exception
    assert drawn and set(drawn[-1].places["name"]) >= {"Kursk", "Pyongyang"}
    assert len(table(at)) <= 6 and "Undated (1)" in [t.label for t in at.tabs]  # the lists do not change


def test_a_slider_step_does_not_resend_the_basemap(store: FakeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit re-sends the map component's arguments on every run: the country outlines travel once, as a
    cacheable file the map's script refers to, not inside the script."""
    from layers import mapbuild

    monkeypatch.setattr(mapbuild, "base_map", mapbuild.base_map.func)  # the real basemap, outlines and all
    at = app(d="2024-10-21")  # a view no earlier test has drawn
    at.slider(key="day").set_value(date(2024, 8, 31)).run()
    assert not at.exception
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    data = [u for u in args["js_links"] if "/data/" in u]
    assert data and len(args["script"]) < 30_000, (len(args["script"]), data)
    static = ROOT / "static" / "vendor" / "data"
    files = [(static / u.split("?")[0].rsplit("/", 1)[-1]).read_text(encoding="utf-8") for u in data]
    assert any(len(t) > 100_000 and '"FeatureCollection"' in t for t in files)  # the outlines


def test_a_slider_step_sends_places_not_popup_excerpts(store: FakeStore) -> None:
    """The popups' claims (outlet, title, excerpt...) are fetched when a popup opens, from a file the step
    wrote (``layers.elements.PlacesLayer``): the map's arguments carry the places and the file's URL only."""
    at = app(d="2024-10-23")  # a view no earlier test has drawn (the layer is cached per view)
    at.slider(key="day").set_value(date(2024, 10, 20)).run()
    assert not at.exception
    args = at.get("component_instance")[0].proto.json_args
    layer = json.loads(args)["feature_group"]
    excerpts = [t for t in store.events["text"] if len(t) > 40]
    assert excerpts and not any(t[:40] in args for t in excerpts)
    url = re.search(r'"itemsUrl":\s*"([^"]+)"', layer).group(1)
    items = json.loads((ROOT / "static" / "vendor" / "data" / url.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))
    assert items and all({"o", "ex", "s"} <= set(it) for it in items)
    assert any(it["ex"][1] and it["ex"][1][:30] in " ".join(excerpts) for it in items)


def test_articles_an_older_sitmap_read_are_counted_in_the_sidebar(store: FakeStore) -> None:
    assert not [c for c in app().sidebar.caption if "older sitmap" in c.value]
    store.stale = 1234
    notes = [c.value for c in app().sidebar.caption if "older sitmap" in c.value]
    assert notes and notes[0].startswith("1,234 stored articles were read by an older sitmap")
    assert "sitmap reextract" in notes[0]


def test_stale_documents_counts_the_store_once_per_version(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from fixtures import SEEDS
    from fixtures.stages import FakeClaims

    import data.ingest.run as run
    from data.link.corroborate import link_claims
    from data.store.store import Store

    monkeypatch.setattr(run, "_claims_functions", lambda: (FakeClaims().extract, link_claims, []))
    monkeypatch.setattr(run, "extractor_fingerprint", lambda: "fpA")
    run.ingest([SEEDS], Store(tmp_path / "s"))
    n = len(Store(tmp_path / "s").documents())
    assert loading.stale_documents(tmp_path / "s", "v1") == 0
    monkeypatch.setattr(run, "extractor_fingerprint", lambda: "fpB")  # an upgrade
    assert loading.stale_documents(tmp_path / "s", "v1") == 0  # counted once for this version
    assert loading.stale_documents(tmp_path / "s", "v2") == n > 0


def histogram(at: AppTest) -> str:
    """The time bar's histogram: plain HTML (``ui.timebar.histogram_html``)."""
    (body,) = [h.proto.body for h in at.get("html") if "sm-hist" in h.proto.body]
    return body


def test_the_histogram_is_plain_html_and_a_step_moves_its_rule_only(store: FakeStore) -> None:
    """No Vega-Lite chart (its code costs a browser a third of a second of CPU on every first load): the bars are
    HTML with a tooltip per day, the selected day a red rule that a slider step moves."""
    at = app(d="2024-10-20")
    assert not at.get("vega_lite_chart")
    svg = histogram(at)
    assert "claims per day (peak " in svg and 'title="2024-10-20: ' in svg
    rule = re.compile(r'<b style="left:([0-9.]+)%"></b>')
    at.slider(key="day").set_value(date(2024, 10, 14)).run()
    assert not at.exception
    svg2 = histogram(at)
    assert float(rule.search(svg2).group(1)) < float(rule.search(svg).group(1))
    assert rule.sub("", svg2) == rule.sub("", svg)  # the bars stay as they were
