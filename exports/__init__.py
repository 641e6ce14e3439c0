"""Exports for presenters: map images, offline HTML and data files (no streamlit here)."""
