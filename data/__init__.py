"""Documents in, dated claims and the events table out, and the store.

Imports ``geo``; never streamlit or folium.
"""
