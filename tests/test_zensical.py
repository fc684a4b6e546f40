"""The same docs/ built by Zensical (Material for MkDocs' successor) and shipped by tools/ship.py:
calculator pages carry their forms and result containers, guides their anchors.

``make check-zensical`` builds and ships ``site-zensical/`` and runs this file on it
(``ZENSICAL_SITE``); otherwise the site is built here, in a scratch project (Zensical has no
output-folder option: the output goes inside the project).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import CALCULATORS
from conftest import ROOT
from macros import forms
from test_links import broken_links
from test_published_anchors import published
from tools.anchors import missing, missing_citations
from tools.published import lock_path, snapshot_path, worker_path
from tools.ship import HELD, THEME_BUNDLE

LINKED = ("calculators", "macros", "tools", "overrides", "includes", "node_modules", "pyproject.toml", "package.json")


def zensical_build(project: Path) -> Path:
    """``zensical build`` of ``project`` (strict, as mkdocs.yml says), then the ship step."""
    env = dict(os.environ, NO_COLOR="1", SITE_URL="http://127.0.0.1:8000/")
    zensical = str(Path(sys.executable).with_name("zensical"))
    done = subprocess.run([zensical, "build", "-f", str(project / "zensical.yml")], cwd=project, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0 or "No issues found" not in done.stdout + done.stderr:
        pytest.fail("zensical build failed:\n" + done.stdout[-4000:] + done.stderr[-4000:])
    site = project / "site-zensical"
    done = subprocess.run([sys.executable, "-m", "tools.ship", str(site)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail("the ship step failed on Zensical's output:\n" + done.stderr[-4000:])
    return site


@pytest.fixture(scope="module")
def zsite(tmp_path_factory) -> Path:
    given = os.environ.get("ZENSICAL_SITE")
    if given:
        return Path(given).resolve()
    project = tmp_path_factory.mktemp("zensical")
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("mkdocs.yml", "zensical.yml"):
        shutil.copy2(ROOT / name, project / name)
    for name in LINKED:
        (project / name).symlink_to(ROOT / name)
    return zensical_build(project)


def page(zsite: Path, path: str) -> str:
    return (zsite / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_calculator_pages_carry_their_form_and_result_container(zsite, slug):
    html = page(zsite, f"calculators/{slug}")
    assert forms.form(slug) in html, "the page does not carry the form the macros render"
    container = re.search(r'<section class="calc-result"[^>]*>', html)
    assert container and f'data-calc-result="{slug}"' in container.group(0), "no result container"
    assert 'data-calc-state="loading"' in container.group(0)
    # the theme's bundle waits for Python's first answer, as in the MkDocs build
    assert re.search(re.escape(HELD) + THEME_BUNDLE.pattern + "</template>", html)


def test_the_runtime_and_the_worker_are_shipped(zsite):
    for path in (lock_path(), snapshot_path(), worker_path(), "sw.js"):
        assert (zsite / path).is_file(), path
    assert not (zsite / "assets" / "calc" / "worker.js").exists()


def test_guides_carry_their_published_and_cited_anchors(zsite):
    assert missing(zsite, published()) == []
    assert missing_citations(zsite) == []


def test_every_page_has_the_content_security_policy(zsite):
    pages = [p for p in zsite.rglob("*.html") if "pyodide" not in p.relative_to(zsite).parts]
    assert len(pages) >= 10
    for p in pages:
        assert p.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"') == 1, p


def test_internal_links_resolve_at_a_domain_root(zsite):
    """At a domain's root every link resolves. (Zensical reads relative URLs in the macros' raw
    HTML against the Markdown file's folder: under a sub-path some leave the site; see DEPLOY.md.)"""
    assert broken_links(zsite, "http://127.0.0.1:1/") == []
