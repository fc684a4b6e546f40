"""Shared fixtures: a strict build of the site served on loopback, and headless Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import serve  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(dest: Path, site_url: str, config: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` into ``dest``; return the finished process."""
    env = dict(os.environ, SITE_URL=site_url, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    cmd = [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d", str(dest)]
    if config is not None:
        cmd += ["-f", str(config)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


class Site:
    """The built site and the address it is served at."""

    def __init__(self, directory: Path, base_url: str):
        self.dir = directory
        self.url = base_url

    def page_url(self, path: str) -> str:
        return self.url + path.lstrip("/")

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The site, built strictly once per session, served with the project's own server."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    dest = tmp_path_factory.mktemp("site")
    config = os.environ.get("SITE_CONFIG")  # e.g. a scratch config while writing pages
    done = build_site(dest, base, Path(config) if config else None)
    if done.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + done.stdout[-4000:] + done.stderr[-6000:])
    server = serve.start(dest, port)
    yield Site(dest, base)
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


class Traffic:
    """Every request a page made, and every page error."""

    def __init__(self):
        self.requests: list[str] = []
        self.errors: list[str] = []

    def foreign(self, origin: str) -> list[str]:
        return [u for u in self.requests if not u.startswith((origin + "/", "data:", "blob:"))]


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, site):
    """A fresh page; the test fails if it requests anything outside the site's origin."""
    pg = context.new_page()
    traffic = Traffic()
    context.on("request", lambda r: traffic.requests.append(r.url))  # pages and their workers
    pg.on("pageerror", lambda e: traffic.errors.append(str(e)))
    pg.add_init_script(CSP_WATCH)
    pg.traffic = traffic
    yield pg
    if not pg.is_closed() and pg.url.startswith(site.origin):
        violations = pg.evaluate("window.__cspViolations || []")
        assert violations == [], "Content Security Policy violations"
    assert traffic.foreign(site.origin) == [], "requests left the site's origin"
    assert traffic.errors == [], "uncaught errors on the page"


# ---------- test selection and timing ----------

BROWSER_FIXTURES = {"browser", "context", "page"}


def pytest_collection_modifyitems(items) -> None:
    """Every test that drives a browser is marked ``browser``: ``make test-fast`` leaves them out."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


_SECONDS_PER_FILE: dict[str, float] = defaultdict(float)


def pytest_runtest_logreport(report) -> None:
    """Add up set-up, call and tear-down per test file (with xdist, as each worker reports)."""
    _SECONDS_PER_FILE[report.nodeid.split("::")[0]] += report.duration


def pytest_terminal_summary(terminalreporter) -> None:
    """The time per test file, slowest first, at the end of the run (CI's output shows it)."""
    if not _SECONDS_PER_FILE:
        return
    terminalreporter.section("time per test file")
    terminalreporter.write_line("set-up, call and tear-down added up; a session fixture (the site build) counts "
                                "towards the first file of each worker that uses it")
    for path, seconds in sorted(_SECONDS_PER_FILE.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{seconds:8.1f} s  {path}")
    terminalreporter.write_line(f"{sum(_SECONDS_PER_FILE.values()):8.1f} s  in all")
