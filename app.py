"""Korea Cluster Atlas — entry point: ``streamlit run app.py``.

The dashboard itself is ``dashboard.py``; this file serves it as an ``st.App`` whose
start-up warms the slow imports and the atlas data (``ui.startup``) while the server
already accepts connections, so the first visitor waits less.
"""

import streamlit as st

from ui.startup import lifespan

app = st.App("dashboard.py", lifespan=lifespan)
