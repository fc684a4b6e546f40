"""MkDocs hooks: make the package importable, ship the runtime, and check cited anchors.

With these hooks a plain ``mkdocs build`` or ``mkdocs serve`` produces the complete site.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs' entry point does not put the project on sys.path
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from calculators.citations import all_citations  # noqa: E402
from macros.runtime_info import worker_path  # noqa: E402
from tools.csp import apply_csp  # noqa: E402
from tools.offline import write_service_worker  # noqa: E402
from tools.runtime import RuntimeBuildError, write_runtime  # noqa: E402
from tools.table_cards import stack_wide_tables  # noqa: E402

_ID = re.compile(r'\sid="([^"]+)"')


def site_anchors(site_dir: Path, page: str) -> set[str]:
    """The element ids of the built page at site path ``page`` (e.g. ``a/b/``)."""
    html = site_dir / page / "index.html"
    return set(_ID.findall(html.read_text(encoding="utf-8"))) if html.exists() else set()


def missing_citations(site_dir: Path) -> list[str]:
    """Citations of the calculators whose page or anchor is not in the built site."""
    missing = []
    for cited in sorted(all_citations()):
        page, _, anchor = cited.partition("#")
        if anchor not in site_anchors(site_dir, page):
            missing.append(cited)
    return missing


_CODE_BLOCK = re.compile(r"<pre>(<span></span>)?<code>")


def is_calculator_page(url: str) -> bool:
    """A calculator's own page (not the calculators' index)."""
    return url.startswith("calculators/") and url != "calculators/"


def on_page_content(html: str, page, **kwargs) -> str:
    """Calculator pages run the theme's bundle only after Python's first answer
    (overrides/partials/theme-later.js): ``page.meta.calculator_page`` tells the template
    (overrides/main.html), and the keyboard access the bundle gives scrollable code blocks
    (tabindex) is given here instead, so that it is there from the start. On every page, wide
    tables get the labels that show them as cards on a phone (tools/table_cards.py)."""
    html = stack_wide_tables(html)
    if not is_calculator_page(page.url):
        return html
    page.meta["calculator_page"] = True
    return _CODE_BLOCK.sub(r'<pre>\1<code tabindex="0">', html)


def ship_worker(site_dir: Path) -> None:
    """Move the calculator worker to its content-hashed name (macros/runtime_info.py,
    worker_path), the only name pages use for it."""
    built = site_dir / "assets" / "calc" / "worker.js"
    if built.exists():
        built.replace(site_dir / worker_path())


def on_post_build(config, **kwargs) -> None:
    site_dir = Path(config["site_dir"])
    ship_worker(site_dir)
    try:
        write_runtime(site_dir)
    except RuntimeBuildError as exc:
        raise PluginError(str(exc)) from None
    apply_csp(site_dir)
    write_service_worker(site_dir)
    missing = missing_citations(site_dir)
    if missing:
        raise PluginError("calculator factors cite sections that do not exist in the site: " + ", ".join(missing))
