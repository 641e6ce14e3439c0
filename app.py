"""Korea Cluster Atlas — Streamlit entry point: ``streamlit run app.py``."""

from ui.page import main

main()
