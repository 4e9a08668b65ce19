"""Streamlit helpers for app.py (UI only: imports data/ and layers/, never the other way round)."""
