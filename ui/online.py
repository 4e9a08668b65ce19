"""The "Places not found" tab's online look-up: off unless the reader switches it on, one name per press.

The look-up and the correction it saves live in ``data.view.online_fix``; this is only the switch, the
choice of name, the button and what it said.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.view import corrections as cx
from data.view import storeq
from data.view.query import StoreView
from ui.panel import md

NOTE = "_online_note"


def _articles_naming(sv: StoreView, name: str) -> pd.DataFrame:
    """The rows of every article with a mention of ``name`` (same ``name_key``): what ``look_up`` reads to
    find the articles' main country, without the whole table."""
    from geo.normalize import name_key

    key = name_key(name)
    texts = [t for t in sv.memo(("mention_texts",), lambda: sv.sql(
        "SELECT DISTINCT mention_text AS t FROM ev WHERE mention_text <> ''")["t"].astype(str).tolist())
        if name_key(t) == key]
    return storeq.docs_mentioning(sv, texts)


def _find(path, name: str, sv: StoreView) -> None:  # noqa: ANN001 - a pathlib.Path
    from data.view.online_fix import look_up
    from ui.corrections import _gazetteer

    try:
        out = look_up(name, _articles_naming(sv, name), gazetteer=_gazetteer())
        if out.correction is not None:
            cx.add_corrections(cx.corrections_path(path), [out.correction])
    except (ValueError, OSError) as exc:
        st.session_state[NOTE] = ("error", f"Online look-up failed: {exc}")
        return
    st.session_state[NOTE] = ("ok" if out.correction is not None else "error",
                              out.message + (" — saved as a correction (undo on the Corrections tab)"
                                             if out.correction is not None else ""))


def online_box(missing: pd.DataFrame, sv: StoreView, path) -> None:  # noqa: ANN001 - a pathlib.Path
    """A switch for online look-ups and, when on, "Find online" for one listed name."""
    note = st.session_state.pop(NOTE, None)
    if note:  # a toast too: a new count in the tab's label sends the reader back to the first tab
        (st.success if note[0] == "ok" else st.warning)(md(note[1]))
        st.toast(md(note[1]))
    on = st.toggle("Look names up online (OpenStreetMap Nominatim)", key="online_lookup", value=False,
                   help="Sends the chosen name, and the country of the articles that name it, to Nominatim. "
                        "Off, nothing leaves this machine.")
    if not on or path is None or missing.empty:
        return
    names = missing["name"].astype(str).tolist()
    pick = st.selectbox("Name", names, key="online_name")
    st.button("Find online", key="online_find", on_click=_find, args=(path, pick, sv))
