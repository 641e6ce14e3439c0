"""Folium layers and legends built from GeoDataFrames; never imports streamlit."""
