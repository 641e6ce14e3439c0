"""The README's layout section, written from the modules' own docstrings.

``python scripts/readme_layout.py`` prints the section; ``--write`` replaces it in
README.md. ``tests/test_readme.py`` fails when the README and the modules disagree, so
a new module needs a one-line docstring and a line in the README.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PACKAGES = ("geo", "layers", "exports", "ingest", "ui", "bench", "deploy", "scripts")
ENTRIES = ("app.py", "dashboard.py", "cli.py")
HEADING = "## Layout"
INTRO = (
    "One job per module; each line is the module's own first docstring line "
    "(`python scripts/readme_layout.py --write` rewrites this section, and a test checks it). "
    "`data/` holds the program records and their dictionary (`data/README.md`), `tests/` the "
    "unit, integration (`../shared`) and end-to-end (Chromium) tiers."
)


def summary(path: Path) -> str:
    """The first line of a module's docstring, or a visible gap when it has none."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    return doc.strip().splitlines()[0] if doc else "(no docstring)"


def modules() -> list[Path]:
    """Every Python module of the project's own code, entry points first."""
    found = [ROOT / name for name in ENTRIES]
    for package in PACKAGES:
        found += sorted((ROOT / package).rglob("*.py"))
    return [p for p in found if p.name != "__main__.py" or p.parent.name == "bench"]


def section() -> str:
    """The layout section, heading included, ending with a blank line."""
    lines = [HEADING, "", INTRO, ""]
    for path in modules():
        rel = path.relative_to(ROOT).as_posix()
        lines.append(f"- `{rel}` — {summary(path)}")
    return "\n".join(lines) + "\n\n"


def current(readme: str) -> str:
    """The layout section as the README has it now (up to the next ``## `` heading)."""
    match = re.search(
        rf"^{re.escape(HEADING)}\n.*?(?=^## )", readme, flags=re.DOTALL | re.MULTILINE
    )
    return match.group(0) if match else ""


def main(argv: list[str] | None = None) -> int:
    """Print the section, or with ``--write`` put it in README.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="replace the section in README.md")
    args = parser.parse_args(argv)
    if not args.write:
        sys.stdout.write(section())
        return 0
    readme = README.read_text(encoding="utf-8")
    old = current(readme)
    if not old:
        sys.stderr.write(f"README.md has no '{HEADING}' section followed by another '## '\n")
        return 1
    README.write_text(readme.replace(old, section()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
