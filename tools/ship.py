"""Ship a built site: the step that turns a generator's output folder into the site we serve.

    python -m tools.ship SITE_DIR

MkDocs runs it from its hook (``tools/mkdocs_hooks.py``); after ``zensical build`` it is run as
this command (``make check-zensical``). On the folder it is given, in this order:

1. writes the bundled scripts (``tools/bundle.py``) under their published names, and moves the
   site's style sheet to its content-hashed name (``tools/published.py``);
2. on every page, fills the ``<head>`` scripts the template leaves empty with their bundles,
   points the page at the hashed style sheet, labels wide tables so that they read as cards on a
   phone (``tools/table_cards.py``) and names the theme's search dialog (below); on calculator
   pages, holds the theme's bundle back until Python has answered (below);
3. adds the boot files (runtime, calculators wheel, ``.pyc`` standard library, snapshot, xz
   copies: ``tools/runtime.py``) and the boot manifest that lists them with the flags the
   calculator pages were built with (``tools/manifest.py``, ``boot-manifest.json``);
4. adds the Content Security Policy to every page (``tools/csp.py``);
5. writes the service worker, whose build id is a digest of all of the above (``tools/offline.py``);
6. fails if a section a calculator cites is missing from the site (``tools/anchors.py``).

Running it again on a shipped folder changes nothing.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.page_config import CONFIG_ID, read_config, settings  # noqa: E402
from tools.anchors import missing_citations  # noqa: E402
from tools.csp import apply_csp  # noqa: E402
from tools.offline import write_service_worker  # noqa: E402
from tools.bundle import BundleError, bundle  # noqa: E402
from tools.manifest import boot_manifest, write_manifest  # noqa: E402
from tools.published import STYLESHEET, RuntimeBuildError, scripts, stylesheet_path  # noqa: E402
from tools.runtime import write_runtime  # noqa: E402
from tools.table_cards import stack_wide_tables  # noqa: E402


class ShipError(RuntimeError):
    """The built site cannot be shipped; the message names the page or file and what is wrong."""


# A calculator page (``calculator_page: true`` in its front matter) carries its runtime config
# (macros/page_config.py) and, unless the flag theme_later is off, this inline loader in <head>
# (overrides/main.html; web/page/theme-later.js), which runs the theme's bundle later.
CALCULATOR_PAGE = f'<div id="{CONFIG_ID}"'
THEME_LATER_LOADER = '<script id="theme-later">'
# The theme's bundle, found by its name (Material for MkDocs and Zensical both ship it so).
THEME_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
HELD = "<template data-theme-later>"
CODE_BLOCK = re.compile(r"<pre>(<span></span>)?<code>")
# The theme's search dialog has no accessible name (axe: aria-dialog-name): it gets the one the
# theme gives the search's options (its word for "search", in the site's language).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = re.compile(r'<nav class="md-search__options" aria-label="([^"]+)">')
# Inline scripts the template (overrides/main.html) leaves empty, filled here with their bundles.
HEAD_SCRIPTS = ("storage-guard", "theme-later")


def ship_scripts(site_dir: Path) -> None:
    """Write the bundled scripts under their published names (the only names pages use), and
    move the site's style sheet to its content-hashed name (its links are pointed there below)."""
    for published, built in scripts().items():
        (site_dir / published).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, site_dir / published)
    if (site_dir / STYLESHEET).exists():
        (site_dir / STYLESHEET).replace(site_dir / stylesheet_path())


def fill_head_scripts(html: str) -> str:
    """A page whose empty ``<head>`` scripts (``HEAD_SCRIPTS``) hold their bundles, as esbuild wrote them."""
    for name in HEAD_SCRIPTS:
        html = html.replace(f'<script id="{name}"></script>', f'<script id="{name}">{bundle().inline(name)}</script>')
    return html


def link_stylesheet(html: str, published: str) -> str:
    """A page whose links to the generator's ``assets/site.css`` name ``published`` instead."""
    return re.sub(r'(href="[^"]*)' + re.escape(STYLESHEET) + '"', lambda m: f'{m.group(1)}{published}"', html)


def hold_theme_bundle(html: str, page: str) -> str:
    """A calculator page with the theme's bundle held in an inert ``<template data-theme-later>``,
    which the page's loader runs once Python has answered. Code blocks get the keyboard access
    (``tabindex``) the bundle would give them, so that it is there from the start."""
    tags = THEME_BUNDLE.findall(html)
    held = len(re.findall(re.escape(HELD) + THEME_BUNDLE.pattern, html))
    if len(tags) != 1:
        raise ShipError(f"{page}: expected one script tag of the theme's bundle "
                        f"(assets/javascripts/bundle.HASH.min.js), found {len(tags)}")
    if not held:
        html = THEME_BUNDLE.sub(lambda m: f"{HELD}{m.group(0)}</template>", html)
    return CODE_BLOCK.sub(r'<pre>\1<code tabindex="0">', html)


def name_search_dialog(html: str, page: str) -> str:
    """A page whose search dialog carries the search's name (a page without one is left alone)."""
    if SEARCH_DIALOG not in html:
        return html
    name = SEARCH_NAME.search(html)
    if not name:
        raise ShipError(f"{page}: the theme's search dialog has no options naming it (has the theme changed?)")
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{name.group(1)}">', 1)


def finish_pages(site_dir: Path) -> dict[str, dict[str, bool]]:
    """Fill every page's ``<head>`` scripts, hold the theme's bundle back on every page carrying
    the loader, label every page's wide tables as cards, link the hashed style sheet and name the
    search dialog; return
    the calculator pages' flags by their site paths."""
    flags, sheet = {}, stylesheet_path()
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == "pyodide":
            continue
        html = path.read_text(encoding="utf-8")
        new = name_search_dialog(link_stylesheet(stack_wide_tables(fill_head_scripts(html)), sheet), rel.as_posix())
        if THEME_LATER_LOADER in html:
            new = hold_theme_bundle(new, rel.as_posix())
        if new != html:
            path.write_text(new, encoding="utf-8")
        if CALCULATOR_PAGE in html:
            flags[rel.as_posix()] = read_config(html)["flags"]
    return flags


def built_flags(pages: dict[str, dict[str, bool]]) -> dict[str, bool]:
    """The flags the calculator pages were built with (every page carries the same), else the defaults."""
    found = {json.dumps(f, sort_keys=True) for f in pages.values()}
    if len(found) > 1:
        raise ShipError(f"the calculator pages were built with different flags: {sorted(pages)}")
    return json.loads(found.pop()) if found else settings(None)[0]


def ship(site_dir: Path) -> None:
    """Ship the built site in ``site_dir`` (see the module's docstring)."""
    if not (site_dir / "index.html").is_file():
        raise ShipError(f"{site_dir}: not a built site (no index.html)")
    try:
        ship_scripts(site_dir)
        manifest = boot_manifest(built_flags(finish_pages(site_dir)))
        write_runtime(site_dir, manifest.sources)
        write_manifest(site_dir, manifest.data)
        apply_csp(site_dir)
        write_service_worker(site_dir, manifest.data)
    except (BundleError, RuntimeBuildError) as exc:
        raise ShipError(str(exc)) from None
    missing = missing_citations(site_dir)
    if missing:
        raise ShipError("calculator factors cite sections that do not exist in the site: " + ", ".join(missing))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m tools.ship SITE_DIR", file=sys.stderr)
        return 2
    try:
        ship(Path(argv[0]))
    except ShipError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
