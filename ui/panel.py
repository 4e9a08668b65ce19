"""The side panel: the selected claim in full, with its sources, corroborating and conflicting claims.

Article text is untrusted: it is shown through ``st.text``/escaped markdown only, never as raw HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from data.model import Document
from data.view import storeq
from data.view.detail import ClaimDetail, ClaimRef, claim_detail, site_of
from data.view.query import StoreView
from data.view.state import ViewState
from ui.timebar import interaction

PLACE_CLAIMS = 200  # claims listed in the chooser of one place (the newest)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: str) -> str:
    """Untrusted text made inert for ``st.markdown`` (no links, HTML, LaTeX or emphasis from article text)."""
    return _MD_SPECIAL.sub(r"\\\1", html.unescape(str(text)).replace("\n", " "))


def _link(title: str, url: str) -> str:
    if url.startswith(("http://", "https://")) and not re.search(r"[\s()<>]", url):
        return f"[{md(title or url)}]({url})"
    return md(title) if title else "(untitled)"


def fallback_title(doc: Document | None) -> str:
    """A title for an article without one: its first line or sentence (shortened), else its file name."""
    if doc is None:
        return ""
    first = next((ln.strip() for ln in doc.text.splitlines() if ln.strip()), "")
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if first:
        return first if len(first) <= 90 else first[:89].rsplit(" ", 1)[0] + "…"
    return doc.source_path.replace("\\", "/").rsplit("/", 1)[-1]


def outlet_label(outlet: str, doc: Document | None) -> str:
    """The outlet, else its link's web site, else "outlet not stated" (the popups' words) with the file
    name, so sources can be told apart."""
    known = outlet or (site_of(doc.url) if doc is not None else "")
    if known:
        return md(known)
    name = doc.source_path.replace("\\", "/").rsplit("/", 1)[-1] if doc is not None else ""
    return f"outlet not stated ({md(name)})" if name else "outlet not stated"


def _ref_line(ref: ClaimRef) -> str:
    who = md(ref.claimant) if ref.claimant else "the article"
    fig = f" · **{md(ref.figure)}**" if ref.figure else ""
    outlet = md(ref.outlet or site_of(ref.url)) or "outlet not stated"
    return f"- *{outlet}* ({md(ref.date) or 'undated'}), per {who}{fig}: {md(ref.text)}"


def show_detail(d: ClaimDetail, doc: Document | None = None) -> None:
    title = d.title or fallback_title(doc)
    st.markdown(f"**{_link(title, d.url)}**  \n*{outlet_label(d.outlet, doc)}*"
                f" · published {d.published or 'unknown'}")
    st.markdown(f"{md(d.before)}**:orange-background[{md(d.sentence)}]**{md(d.after)}")
    facts = {
        "Event date": f"{d.date or 'undated'} ({d.date_precision}; “{d.date_text}”)" if d.date_text else
        (d.date or "undated"),
        "Claimant": d.claimant or "the article itself",
        "Places": ", ".join(d.places) or "none located",
        "Figures": ", ".join(d.figures) or "none",
        "Corroboration": f"{d.corroboration_outlets} outlet(s), {d.corroboration_claimants} claimant(s)",
    }
    st.markdown("  \n".join(f"**{k}:** {md(v)}" for k, v in facts.items()))
    if d.conflicting:
        st.markdown(f"**:red[Conflicting claims ({len(d.conflicting)})]**")
        st.markdown("\n".join(_ref_line(r) for r in d.conflicting))
    if d.corroborating:
        st.markdown(f"**Corroborating claims ({len(d.corroborating)})**")
        st.markdown("\n".join(_ref_line(r) for r in d.corroborating))
    if not d.conflicting and not d.corroborating:
        st.caption("No other source reports this.")


def side_panel(sv: StoreView, state: ViewState, documents: Mapping[str, Document], store_dir: object = None) -> None:
    """The selected claim (session key ``selected``), a chooser among the claims in view at the same place,
    and (with ``store_dir``) the corrections a reader can make to its place and date. Everything is asked
    of the store when the panel is drawn: the rows of this claim and its related ones
    (``data.view.storeq.related``), the place's claims (``at_place``), one article's text."""
    selected = st.session_state.get("selected", "")
    st.subheader("Selected claim")
    if store_dir is not None:
        from ui.corrections import show_note

        show_note()
    if not selected:
        st.caption("Click a marker or region on the map, or a row in the table below.")
        return
    events = storeq.related(sv, selected)
    row = events.loc[events["event_id"] == selected]
    if row.empty:
        st.caption("The selected claim is no longer in the data.")
        return
    place_id = str(row["place_id"].iloc[0])
    here = storeq.at_place(sv, state, place_id, PLACE_CLAIMS) if place_id else events.iloc[0:0]
    ids = list(dict.fromkeys([selected, *here.sort_values("event_date", ascending=False)["event_id"]]))
    if len(ids) > 1:
        labels = pd.concat([row, here]).drop_duplicates("event_id").set_index("event_id").loc[ids]
        pick_key = f"_pick_{selected}"
        more = " (the newest)" if len(here) >= PLACE_CLAIMS else ""
        st.selectbox(
            f"{len(ids)} claims at {row['place_name'].iloc[0]}{more}", ids, index=0, key=pick_key,
            on_change=interaction(lambda: st.session_state.update(selected=st.session_state[pick_key])),
            format_func=lambda i: pick_label(labels.loc[i, "event_date"], labels.loc[i, "outlet"],
                                             labels.loc[i, "text"]),
        )
    if not storeq.in_view(sv, state, selected):
        st.caption("Outside the current date window or filters.")
    detail = claim_detail(events, selected, documents)
    if detail is not None:
        doc_id = str(row["doc_id"].iloc[0]) if "doc_id" in row else ""
        show_detail(detail, documents.get(doc_id))
        lines = series_lines(events, str(row["claim_id"].iloc[0]))
        if lines:
            st.markdown(f"**The same figure over time ({len(lines)})**")
            st.markdown("\n".join(lines))
    if store_dir is not None:
        from ui.corrections import correction_box

        correction_box(row.iloc[0], store_dir)


def series_lines(events: pd.DataFrame, claim_id: str) -> list[str]:
    """Markdown lines for the claim's figure over time (``data.link.series.figure_series``: same subject, same
    countries, oldest first), so a rising toll reads as a series beside the claim, not as a conflict; empty
    when no other claim gives that figure. Article text is made inert (``md``)."""
    from data.link.series import figure_series

    s = figure_series(events, claim_id)
    if len(set(s["claim_id"])) < 2:
        return []
    out = []
    for r in s.itertuples(index=False):
        who = f" ({md(str(r.claimant))})" if isinstance(r.claimant, str) and r.claimant else ""
        mark = " **← this claim**" if r.claim_id == claim_id else ""
        value = md(str(r.text)) if isinstance(r.text, str) and r.text else f"{r.value:,g}"
        out.append(f"- {_short_date(r.event_date)}: {value} {md(str(r.unit or ''))} · "
                   f"{md(str(r.outlet or ''))}{who}{mark}")
    return out


def pick_label(event_date: object, outlet: object, text: object, width: int = 56) -> str:
    """One claim in the "claims at this place" picker: date, outlet (left out when the article names none:
    "2024-10-24 · : This comes..." read as a glitch) and the start of its sentence, cut at a word.

    >>> pick_label("2024-10-24", "", "Troops were seen.")
    '2024-10-24 · Troops were seen.'
    >>> pick_label("2024-10-24", "Reuters", "Troops were seen.")
    '2024-10-24 · Reuters: Troops were seen.'
    """
    who = str(outlet).strip() if isinstance(outlet, str) else ""
    words = " ".join(str(text).split())
    if len(words) > width:  # at a word, marked: the picker's box cut "indicating t" mid-word
        words = words[:width].rsplit(" ", 1)[0] + "…"
    return f"{_short_date(event_date)} · {who + ': ' if who else ''}{words}"


def _short_date(value: object) -> str:
    ts = pd.Timestamp(value) if value is not None else pd.NaT
    return "undated" if pd.isna(ts) else ts.strftime("%Y-%m-%d")
