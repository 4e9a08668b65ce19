"""Corrections from the dashboard: per place mention "not a place", "another place", "pin here"; per claim
"wrong date"; and the Corrections tab (list, undo, export, import).

Everything is written to ``<store>/corrections.csv`` through ``data.view.corrections`` (the same file
``sitmap correct`` edits); the app's data cache key includes the file's stamp, so the next run reads the store
with the correction applied.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from data.view import corrections as cx
from data.view.names import country_name
from ui.mapview import MAP_POINT  # (lat, lon) of the last click on the map's background (for "pin here")
from ui.panel import md
from ui.timebar import interaction

FEATURE = {"PCLI": "country", "ADM1": "region", "ADM2": "district", "PPLC": "capital", "PPLA": "regional capital",
           "PPL": "town", "RGN": "area", "CONT": "continent"}


def _gazetteer():  # noqa: ANN202 - geo.gazetteer.Gazetteer or None
    try:
        from geo.gazetteer import default_gazetteer

        return default_gazetteer()
    except Exception:  # noqa: BLE001 - without a gazetteer "another place" has no candidates
        return None


def _save(path, new: cx.Correction) -> None:  # noqa: ANN001 - a pathlib.Path
    """Button callback (the buttons sit in the day's fragment, ``ui.dayview``): a saved correction changes the
    store's view, so the whole page reruns (tabs, counts, Corrections), not the fragment alone."""
    try:
        (added,) = cx.add_corrections(path, [new])
    except (ValueError, OSError) as exc:
        st.session_state["_correction_note"] = ("error", f"Not saved: {exc}")
        return
    st.session_state["_correction_note"] = ("ok", f"Saved: {added.describe()}")
    st.rerun(scope="app")


def place_label(p: object) -> str:
    """"Kursk Oblast — region, Russia (796,785 people)": what a reader needs to choose among candidates."""
    kind = FEATURE.get(p.feature_code, p.feature_code)  # type: ignore[attr-defined]
    pop = f" ({p.population:,} people)" if getattr(p, "population", 0) else ""  # type: ignore[attr-defined]
    return f"{p.name} — {kind}, {country_name(p.country_code) or '?'}{pop}"  # type: ignore[attr-defined]


def show_note() -> None:
    """What the last correction did (shown once, even when it moved the selected claim off the map)."""
    note = st.session_state.pop("_correction_note", None)
    if note:
        (st.success if note[0] == "ok" else st.error)(md(note[1]))


def correction_box(row: pd.Series, store_dir) -> None:  # noqa: ANN001 - a pathlib.Path
    """The selected claim's place mention and date, with the corrections a reader can make."""
    path = cx.corrections_path(store_dir)
    mention = str(row.get("mention_text") or "")
    doc_id, claim_id = str(row.get("doc_id") or ""), str(row.get("claim_id") or "")
    with st.expander("Correct this place or date", expanded=False):
        if mention:
            st.caption(f"Mention “{md(mention)}”, placed at {md(row.get('place_name') or 'nowhere')}")
            only_here = st.checkbox("Only in this article", key="cx_only_here", on_change=interaction(),
                                    help="Otherwise the correction applies to this name in every article.")
            scope = doc_id if only_here else ""
            st.button("Not a place", key="cx_not_place", on_click=_save,
                      args=(path, cx.Correction("not_a_place", mention=mention, doc_id=scope)))
            gaz = _gazetteer()
            found = cx.candidates(gaz, mention) if gaz is not None else []
            current = str(row.get("place_id") or "")
            others = [p for p in found if str(p.id) != current]
            if others:
                pick = st.selectbox("Another place", range(len(others)), key="cx_pick", on_change=interaction(),
                                    format_func=lambda i: place_label(others[i]))
                st.button("Use this place", key="cx_use", on_click=_save,
                          args=(path, cx.from_place(others[pick], mention, scope)))
            point = st.session_state.get(MAP_POINT)
            label = f"Pin here ({point[0]:.4f}, {point[1]:.4f})" if point else "Pin here (click the map first)"
            if point:
                st.button(label, key="cx_pin", on_click=_save,
                          args=(path, cx.Correction("pin", mention=mention, doc_id=scope, lat=point[0], lon=point[1])))
            else:
                st.button(label, key="cx_pin", disabled=True)
        if claim_id:
            day = st.date_input("Wrong date? It happened on", value=None, key="cx_date", format="YYYY-MM-DD",
                                on_change=interaction())
            c1, c2 = st.columns(2)
            c1.button("Set the date", key="cx_set_date", disabled=day is None, on_click=_save,
                      args=(path, cx.Correction("date", claim_id=claim_id, date=day.isoformat()
                                                if isinstance(day, date) else "")))
            c2.button("It has no date", key="cx_no_date", on_click=_save,
                      args=(path, cx.Correction("date", claim_id=claim_id, date="")))


def _undo(path, correction_id: str) -> None:  # noqa: ANN001
    gone = cx.remove_correction(path, correction_id)
    if gone is not None:
        st.session_state["_correction_note"] = ("ok", f"Undone: {gone.describe()}")


def corrections_tab(store_dir) -> None:  # noqa: ANN001 - a pathlib.Path
    """Every correction with an Undo button; export and import of the CSV."""
    path = cx.corrections_path(store_dir)
    try:
        items, errors = cx.load_corrections(path)
    except cx.CorrectionError as exc:
        st.error(md(str(exc)))
        return
    for e in errors:
        st.warning(f"Skipped: {md(e)}")
    if not items:
        st.caption("No corrections yet: select a claim on the map and use “Correct this place or date”, or "
                   "`sitmap correct` on the command line.")
    for c in reversed(items):
        a, b = st.columns([6, 1])
        a.markdown(f"{md(c.describe())}  \n:gray[{md(c.created)} · {md(c.id)}]")
        b.button("Undo", key=f"cx_undo_{c.id}", on_click=_undo, args=(path, c.id))
    st.download_button("Export corrections (CSV)", cx.to_csv(items), "sitmap-corrections.csv", "text/csv")
    if not st.toggle("Import corrections from a CSV file", key="cx_import_on"):
        return  # (the uploader only when asked: the page's one file input is the sidebar's "Add articles")
    up = st.file_uploader("Import corrections (CSV)", type=["csv"], key="cx_import")
    if up is not None and st.session_state.get("_cx_imported") != up.file_id:
        st.session_state["_cx_imported"] = up.file_id
        try:
            new, bad = cx.parse_rows(up.getvalue().decode("utf-8-sig"), up.name)
            added = cx.add_corrections(path, new)
        except (ValueError, UnicodeDecodeError) as exc:
            st.error(md(f"Not imported: {exc}"))
            return
        st.success(f"Imported {len(added)} correction(s)" + (f"; skipped {len(bad)} row(s)" if bad else ""))
        st.rerun()
