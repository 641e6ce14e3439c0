"""The dashboard page script (served by ``app.py``; ``AppTest.from_file`` runs it directly)."""

from ui.page import main

main()
