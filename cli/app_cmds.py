"""``sitmap dashboard``: start the Streamlit app (on the seeds unless told otherwise).

Streamlit runs nothing of the app until the first browser connects, so with ``streamlit run app.py`` the
first visitor waits for pandas, folium and the gazetteer to load (about 2 s of a 5 s first load).
This command loads those first and then starts the same server in-process, so the first page is as
quick as any later one. ``streamlit run app.py`` works too, just colder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def warm_up() -> bool:
    """Import what the app's first run needs and load the shared gazetteer (a module-level cache).

    Returns whether everything loaded; failures are left for the app to report (this only saves time).
    Nothing Streamlit-specific is imported: a component (streamlit_folium) declared before the server's
    runtime exists is never served (its iframe 404s)."""
    try:
        import folium.plugins  # noqa: F401

        from data.view import detail, select  # noqa: F401
        from data.view.synth import sample_events
        from layers import assets, mapbuild, regions, towns  # noqa: F401
        from ui import loading, mapview, panel, state, timebar  # noqa: F401

        towns.town_table(regions.resolve_gazetteer(None))  # the basemap's town names (~1 s once)
        mapbuild.base_map(None, legend_collapsed=True).get_root().render()  # folium's first render
        layer = mapbuild.time_layers(sample_events())  # compiles the layers' regexes and templates
        folium.Map().add_child(layer).get_root().render()
        path = loading.store_path()
        if not loading.needs_build(path):  # remembered per process when the store is current
            loading.shared_view(path, loading.store_version(path))  # the store's view, shared by every session
    except Exception:  # noqa: BLE001 - the app itself reports real problems
        return False
    return True


def _dashboard(args: argparse.Namespace) -> int:
    if args.store:
        os.environ["SITMAP_STORE"] = str(Path(args.store).expanduser().resolve())
    if args.corpus:
        os.environ["SITMAP_CORPUS"] = str(Path(args.corpus).expanduser().resolve())
    elif args.store:  # the user's own store: never add the demo corpus to it unless asked
        from ui.loading import NO_CORPUS

        os.environ["SITMAP_CORPUS"] = NO_CORPUS
    from streamlit.web import cli as streamlit_cli

    argv = ["streamlit", "run", str(APP), "--server.port", str(args.port), "--server.address", args.address]
    if args.headless:
        argv += ["--server.headless", "true"]
    os.chdir(APP.parent)
    print("sitmap: loading the map libraries and the gazetteer (the very first start also builds the "
          "gazetteer index, about a minute)...", file=sys.stderr, flush=True)
    warm_up()  # before the server listens: its first page then opens as fast as any later one
    sys.argv = argv  # Streamlit's documented way to start it from Python: its own command line, in-process
    try:
        streamlit_cli.main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dashboard", help="start the Streamlit dashboard")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.add_argument("--store", help="store folder (default: $SITMAP_STORE or the cache's default store)")
    p.add_argument("--corpus", help="folder of articles ingested into the store (default: seeds/, but none with --store: a store of your own never gets the demo corpus unless you ask)")
    p.set_defaults(func=_dashboard)
