"""``python -m bench [NAME ...]``: run benchmarks, print one JSON object per line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence

from bench import BENCHMARKS, Benchmark


def parse_names(argv: Sequence[str], registry: Mapping[str, Benchmark]) -> list[str]:
    """Benchmark names to run, in order, without repeats; all when none are given.

    Exits with status 2 and a message listing the allowed names when a name is unknown.
    """
    allowed = ", ".join(registry)
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run benchmarks; print one JSON object per line.",
        epilog=f"Benchmarks: {allowed}",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default all)")
    names: list[str] = parser.parse_args(list(argv)).names
    unknown = [name for name in names if name not in registry]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; allowed: {allowed}")
    return list(dict.fromkeys(names or registry))


def main(argv: Sequence[str] | None = None, registry: Mapping[str, Benchmark] = BENCHMARKS) -> int:
    """Run the named benchmarks (all by default) and print their rows as JSON lines.

    Returns
    -------
    int
        Exit status, 0.
    """
    for name in parse_names(sys.argv[1:] if argv is None else argv, registry):
        for row in registry[name]():
            line = json.dumps({"name": name, **row}, ensure_ascii=False, allow_nan=False)
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
