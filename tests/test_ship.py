"""The ship step (tools/ship.py), which any generator's output goes through: it finds the theme's
bundle by name, runs as a command on a built folder, and changes nothing when run again."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from tools.ship import SEARCH_DIALOG, THEME_LATER_LOADER, ShipError, hold_theme_bundle, name_search_dialog

BUNDLE = '<script src="../../assets/javascripts/bundle.0123abcd.min.js"></script>'


def calculator_page(*scripts: str) -> str:
    return (f"<html><head>{THEME_LATER_LOADER}/* loader */</script></head><body>"
            f"<pre><span></span><code>x = 1</code></pre>{''.join(scripts)}</body></html>")


def test_the_bundle_is_found_by_name_not_by_position():
    before = '<script src="../../assets/first.js"></script>'
    after = '<script src="../../assets/site.js" type="module"></script>'
    html = hold_theme_bundle(calculator_page(before, BUNDLE, after), "calculators/x/index.html")
    assert f"{before}<template data-theme-later>{BUNDLE}</template>{after}" in html
    assert '<code tabindex="0">x = 1' in html  # keyboard-scrollable without the bundle


def test_holding_twice_changes_nothing():
    once = hold_theme_bundle(calculator_page(BUNDLE), "p")
    assert hold_theme_bundle(once, "p") == once


@pytest.mark.parametrize("scripts", [(), (BUNDLE, BUNDLE)], ids=["none", "two"])
def test_a_page_without_exactly_one_bundle_fails(scripts):
    with pytest.raises(ShipError, match="calculators/x/index.html: expected one script tag"):
        hold_theme_bundle(calculator_page(*scripts), "calculators/x/index.html")


def tree_digest(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_shipping_a_shipped_site_again_changes_nothing(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("pyodide"))  # the runtime is added again
    before = tree_digest(site.dir)
    done = subprocess.run([sys.executable, "-m", "tools.ship", str(copy)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert tree_digest(copy) == before


def test_pages_link_the_style_sheet_by_its_content_hashed_name(site):
    """The style sheet is cached for good: every page links the copy named by its content."""
    sheets = sorted(p.name for p in (site.dir / "assets").glob("site*.css"))
    assert len(sheets) == 1 and sheets[0] != "site.css", sheets
    for path in ("index.html", "calculators/offer-comparison/index.html", "404.html"):
        html = (site.dir / path).read_text()
        assert f'assets/{sheets[0]}"' in html and 'assets/site.css"' not in html, path


@pytest.mark.parametrize("args, code, says", [([], 2, "usage: python -m tools.ship SITE_DIR"),
                                               (["no-such-folder"], 1, "no-such-folder: not a built site")])
def test_the_command_says_what_is_wrong(args, code, says):
    done = subprocess.run([sys.executable, "-m", "tools.ship", *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == code and says in done.stderr


def test_the_search_dialog_gets_the_search_s_name():
    """The theme's search dialog (role="dialog") has no accessible name: the ship step gives it the
    one the theme gives the search's options, once; a page without search is left alone."""
    page = f'{SEARCH_DIALOG}<form><nav class="md-search__options" aria-label="Suche"></nav></form></div>'
    named = name_search_dialog(page, "p")
    assert named.startswith('<div class="md-search" data-md-component="search" role="dialog" aria-label="Suche">')
    assert name_search_dialog(named, "p") == named
    assert name_search_dialog("<p>no search</p>", "p") == "<p>no search</p>"
    with pytest.raises(ShipError, match="search dialog"):
        name_search_dialog(SEARCH_DIALOG + "</div>", "p")


def test_every_built_page_names_its_search_dialog(site):
    for path in ("index.html", "calculators/offer-comparison/index.html", "titles-and-tracks/index.html"):
        html = (site.dir / path).read_text(encoding="utf-8")
        assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in html, path
