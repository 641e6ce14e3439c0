"""How many of the 250 municipalities have a value in each layer, in the default view.

Runs against whichever checkout is on ``sys.path`` first (the current directory), so the
same script measures a branch and main:

    KCA_OFFLINE=1 .venv/bin/python scripts/measure_layer_coverage.py
    cd ../main && PYTHONDONTWRITEBYTECODE=1 KCA_OFFLINE=1 \\
        ../wt-stats/.venv/bin/python ../wt-stats/scripts/measure_layer_coverage.py

Prints one Markdown row per layer: municipalities with a value, and (where the checkout
tells them apart) without a site and with sites not reporting the figure.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from layers import atlas
from layers.view import View


def main() -> None:
    """Print the table for the default view at the municipality level."""
    data = atlas.load_atlas_data()
    base = View(level="sgg")
    sys.stdout.write("| layer | with a value | no site | sites, not reported | other |\n")
    sys.stdout.write("|---|---:|---:|---:|---:|\n")
    for key in data.layers:
        view = dataclasses.replace(base, layer=key)
        if hasattr(atlas, "region_figures"):
            figures = atlas.region_figures(data, view, data.sites)
            counts = figures.status.value_counts()
            row: list[int | str] = [
                int(counts.get("value", 0)),
                int(counts.get("no_site", 0)),
                int(counts.get("not_reported", 0)),
                int(counts.get("no_figure", 0)),
            ]
        else:
            values = atlas.region_values(data, view, data.sites)
            row = [int(values.notna().sum()), "-", "-", int(values.isna().sum())]
        sys.stdout.write(f"| `{key}` | " + " | ".join(map(str, row)) + " |\n")


if __name__ == "__main__":
    main()
