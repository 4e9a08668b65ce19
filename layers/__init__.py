"""Pure builders from the events table to Folium layers. No Streamlit here."""
