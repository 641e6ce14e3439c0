"""Bring your own records: read, normalise and validate uploaded files (no streamlit here)."""
