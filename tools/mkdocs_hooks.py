"""MkDocs hook: once the pages are written, ship the site (``tools/ship.py``).

With it a plain ``mkdocs build`` or ``mkdocs serve`` produces the complete site. Everything the
hook does is that one step, which other generators' output goes through as a command.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs' entry point does not put the project on sys.path
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from tools.ship import ShipError, ship  # noqa: E402


def on_post_build(config, **kwargs) -> None:
    try:
        ship(Path(config["site_dir"]))
    except ShipError as exc:
        raise PluginError(str(exc)) from None
