"""Count designations per round against the sources, and figures and official sources before/after.

    .venv/bin/python scripts/count_figures.py [--before 2b233e1]

Prints three Markdown tables: per program and round, the count the sources state
(``data/sources/round_counts.csv``), the count in ``data/designations.csv`` and the gap; how
many designations carry planned private investment, jobs and public support; how many rows
have an official first source and how many sources are of each kind. "before" is the file at
a git revision (default: main at the start of session 3), "after" the working tree; both are
also counted on the 115 designations the atlas had before issue #12 (the rows whose source kind
the migration left empty at ``BEFORE``; the rows researched for #12 came with one).
"""

from __future__ import annotations

import functools
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DESIGNATIONS = "data/designations.csv"
ROUNDS = ROOT / "data" / "sources" / "round_counts.csv"
BEFORE = "2b233e1"

FIGURES: dict[str, str] = {
    "planned private investment": "investment_private_planned_krw",
    "jobs": "jobs",
    "public support": "support_public_krw",
}
"""What the figure table counts: label -> column of designations.csv."""

SOURCE_COUNTS: dict[str, Callable[[pd.DataFrame], int]] = {
    "official first source": lambda d: int((d["source_kind"] == "official").sum()),
    "first source kind empty": lambda d: int((d["source_kind"] == "").sum()),
    "official sources (either slot)": lambda d: int(
        (d["source_kind"] == "official").sum() + (d["source2_kind"] == "official").sum()
    ),
    "reprint sources (either slot)": lambda d: int(
        (d["source_kind"] == "reprint").sum() + (d["source2_kind"] == "reprint").sum()
    ),
    "press sources (either slot)": lambda d: int(
        (d["source_kind"] == "press").sum() + (d["source2_kind"] == "press").sum()
    ),
}
"""What the source table counts: label -> count on a designations table."""

OLD_HEADS = "before, the 115 old rows | after, the 115 old rows |"


def read_designations(revision: str | None) -> pd.DataFrame:
    """The designations as text, from the working tree or from a git revision.

    Parameters
    ----------
    revision
        A git revision (``2b233e1``, ``main``), or None for the working tree.
    """
    if revision is None:
        text = (ROOT / DESIGNATIONS).read_text(encoding="utf-8")
    else:
        text = subprocess.run(  # noqa: S603 - a developer's own revision name
            ["git", "show", f"{revision}:{DESIGNATIONS}"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


@functools.cache
def old_ids() -> frozenset[str]:
    """Ids of the 115 designations the atlas had before issue #12 (kind empty at ``BEFORE``)."""
    before = read_designations(BEFORE)
    return frozenset(before.loc[before["source_kind"] == "", "id"])


def old_rows(designations: pd.DataFrame) -> pd.DataFrame:
    """The designations the atlas had before issue #12."""
    return designations[designations["id"].isin(old_ids())]


def round_table(designations: pd.DataFrame) -> list[str]:
    """Markdown rows: program, round, stated, in data, gap, why."""
    stated = pd.read_csv(ROUNDS, dtype=str, keep_default_na=False).to_dict("records")
    keys = list(zip(designations["program"], designations["round"], strict=True))
    counts: dict[tuple[str, str], int] = {key: keys.count(key) for key in dict.fromkeys(keys)}
    lines = ["| program | round | stated | in data | gap | why |", "|---|---|---|---:|---:|---|"]
    for row in stated:
        in_data = counts.pop((row["program"], row["round"]), 0)
        gap = str(int(row["stated"]) - in_data) if row["stated"] else "—"
        lines.append(
            f"| {row['program']} | {row['round'] or '—'} | {row['stated_wording']} | "
            f"{in_data} | {gap} | {row['why']} |"
        )
    for (program, round_), size in counts.items():
        lines.append(f"| {program} | {round_ or '—'} | not listed | {size} | — | |")
    return lines


def figure_table(before: pd.DataFrame, after: pd.DataFrame, revision: str) -> list[str]:
    """Markdown rows: designations carrying each figure, before and after, all and old rows."""
    lines = [
        f"| figure | before ({revision}), all | after, all | {OLD_HEADS}",
        "|---|---:|---:|---:|---:|",
    ]
    sizes = [len(before), len(after), len(old_rows(before)), len(old_rows(after))]
    lines.append("| designations | " + " | ".join(map(str, sizes)) + " |")
    for label, column in FIGURES.items():
        values = [
            int((table[column] != "").sum())
            for table in (before, after, old_rows(before), old_rows(after))
        ]
        lines.append(f"| {label} | " + " | ".join(map(str, values)) + " |")
    return lines


def source_table(before: pd.DataFrame, after: pd.DataFrame, revision: str) -> list[str]:
    """Markdown rows: official first sources and source kinds, before and after."""
    lines = [
        f"| sources | before ({revision}), all | after, all | {OLD_HEADS}",
        "|---|---:|---:|---:|---:|",
    ]
    for label, count in SOURCE_COUNTS.items():
        values = [count(t) for t in (before, after, old_rows(before), old_rows(after))]
        lines.append(f"| {label} | " + " | ".join(map(str, values)) + " |")
    return lines


def main(argv: list[str]) -> None:
    """Print the three tables; ``--before REV`` sets the revision compared against."""
    revision = argv[argv.index("--before") + 1] if "--before" in argv else BEFORE
    before, after = read_designations(revision), read_designations(None)
    blocks = [
        round_table(after),
        figure_table(before, after, revision),
        source_table(before, after, revision),
    ]
    sys.stdout.write("\n\n".join("\n".join(block) for block in blocks) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
