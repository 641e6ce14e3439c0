"""``python cli.py validate`` and ``merge`` (placeholder until they land)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` and ``merge`` commands."""
