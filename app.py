"""sitmap dashboard (placeholder until issue 6 lands): shows the seed corpus exists."""

from pathlib import Path

import streamlit as st

st.set_page_config(page_title="sitmap", layout="wide")
st.title("sitmap")
seeds = sorted(Path(__file__).parent.joinpath("seeds").glob("*.txt"))
st.write(f"{len(seeds)} seed articles found.")
