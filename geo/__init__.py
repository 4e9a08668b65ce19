"""Places: the offline gazetteer, geocoding (geopy's contract) and the geoparser.

Nothing here imports streamlit or folium (tests/test_layering.py keeps it so).
"""
