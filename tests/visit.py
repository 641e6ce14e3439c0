"""A browser's first visit, in AppTest: the page's first run, then the rerun that the map's
first report causes."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def first_visit(at: AppTest) -> AppTest:
    """Run ``at`` as a browser's first visit runs the page, and return it.

    The first run draws the map without the records table (``ui.page.table_now``); the
    map reports its bounds once it is drawn, and that report reruns the page, which then
    draws the table. AppTest has no browser to send the report: a second run stands for
    it.
    """
    return at.run().run()
