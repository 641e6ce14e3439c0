"""Project scripts: one-off measurements and maintenance commands (not imported by the app)."""
