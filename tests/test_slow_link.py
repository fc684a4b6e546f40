"""A reader on a slow or failing connection: the page shows how far Python's download is, waits as
long as bytes keep coming, and gives up (keeping the inputs) only when they stop.

The site is served over a paced link (``serve.Link``: one shared token bucket for every body,
as on a phone's connection; DevTools throttling does not cover the page's worker)."""
from __future__ import annotations

import contextlib
import shutil

import pytest

import boot_files
import calculators
from calculators.urlstate import encode
from calc_pages import READY_INFO, client_failure, with_config
from conftest import CSP_WATCH, Site
from test_trust import assert_form_shows
from tools import serve

pytestmark = pytest.mark.browser

SLUG = "instructor-offer"
RESULT = f'[data-calc-result="{SLUG}"]'
BAR = f"{RESULT} .calc-progress [role=progressbar]"
# Every value the progressbar shows, in order, and whether its text line ever changed.
WATCH_PROGRESS = """
window.__progress = [];
new MutationObserver(() => {
  const bar = document.querySelector('%s');
  const now = bar && bar.getAttribute("aria-valuenow");
  if (now !== null && now !== undefined && window.__progress.at(-1) !== Number(now)) window.__progress.push(Number(now));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"], childList: true });
""" % BAR


@contextlib.contextmanager
def served_over(site, link: serve.Link):
    """The built site on a port of its own, every response sent through ``link``."""
    serve.precompress(site.dir)  # or the wasm's first bytes would wait for its compression
    server = serve.start(site.dir, 0, link=link)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        link.resume()  # release responses held by a stalled link
        server.shutdown()


@pytest.fixture
def slow_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CSP_WATCH + WATCH_PROGRESS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e) + " " + str(e.stack)))
    yield page
    context.close()
    assert errors == [], "uncaught errors on the page"


def leave(page) -> None:
    """Leave the page while its server still runs: the theme's bundle, started once the page
    has answered or given up, fetches the search index in the background and would report a
    network error if the server went away first."""
    page.goto("about:blank")


def shared_query() -> tuple[calculators.Calculator, dict]:
    calc = calculators.get(SLUG)
    inputs = calculators.run(SLUG, dict(calc.example("yellow").inputs))["inputs"]
    return calc, inputs


def test_a_half_megabit_link_ends_with_a_result_and_shows_the_download(site, slow_page):
    """0.5 Mbit/s with 100 ms per request: the download alone takes well over the old 45-second
    limit. The page shows a growing progressbar meanwhile and, in the end, the result."""
    calc, inputs = shared_query()
    link = serve.Link(0.5e6, 0.1)
    with served_over(site, link) as base:
        slow_page.goto(base + f"calculators/{SLUG}/?" + encode(calc, inputs))
        slow_page.wait_for_selector(BAR, state="attached", timeout=60_000)
        bar = slow_page.locator(BAR)
        assert bar.get_attribute("aria-label") and "MB" in bar.get_attribute("aria-valuetext")
        assert "Downloading Python" in slow_page.locator(f"{RESULT} .calc-progress-text").inner_text()
        assert slow_page.get_attribute(RESULT, "aria-busy") == "false"  # so that its live region is read
        slow_page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=280_000)
    seen = slow_page.evaluate("window.__progress")
    assert len(seen) >= 5 and seen == sorted(seen), seen  # it moved, and only forward
    assert slow_page.locator(f"{RESULT} .calc-progress").is_hidden()
    assert slow_page.get_attribute(RESULT, "data-calc-state") == "ready"
    assert slow_page.evaluate("window.__cspViolations") == []
    # on a link this slow the worker takes the .pyc boot from its one zip (the part of the
    # standard library the calculators use, and the calculators): the snapshot, the whole standard
    # library and the calculators wheel are never requested
    assert slow_page.get_attribute(RESULT, "data-calc-boot") == "pyc"
    sent = link.files_between(0, float("inf"))
    assert not boot_files.sent(sent, site, "snapshot") and not boot_files.sent(sent, site, "stdlib"), sorted(sent)
    assert not boot_files.sent(sent, site, "wheel"), sorted(sent)
    # that part came xz-compressed (a third fewer bytes), the zip itself never
    assert boot_files.sent(sent, site, "stdlib_used", xz=True), sorted(sent)
    assert not boot_files.sent(sent, site, "stdlib_used"), sorted(sent)
    # the wasm came xz-compressed (a quarter fewer bytes than gzip); of the original, started
    # alongside until the link's speed showed, only the first few kilobytes
    wasm = boot_files.file(site, "wasm")
    assert boot_files.sent(sent, site, "wasm", xz=True) == boot_files.file(site, "wasm", xz=True).stat().st_size
    assert boot_files.sent(sent, site, "wasm") < 100_000, sent
    # the inflated files travel to no one (the worker stored them itself): no blob in the boot report
    assert "inflated" not in slow_page.evaluate(READY_INFO)
    # and what it used is kept, the wasm inflated, as the original: with the site out of reach,
    # another shared link still computes, from the same stored .pyc boot (the snapshot, never
    # fetched, is not tried), with the wasm the page compiled from that copy
    slow_page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=60_000)
    stored = slow_page.evaluate(STORED, boot_url(slow_page, "wasm"))
    assert stored == {"type": "application/wasm", "bytes": wasm.stat().st_size}, stored
    used = slow_page.evaluate(STORED, boot_url(slow_page, "stdlib_used"))
    assert used and used["type"] == "application/zip" and used["bytes"] > 0, used  # (its entries stored, not deflated)
    # the inflated wasm was stored once, by the worker: the service worker never fetched the original
    assert boot_files.sent(link.files_between(0, float("inf")), site, "wasm") < 100_000
    slow_page.context.set_offline(True)
    green = calculators.run(SLUG, dict(calc.example("green").inputs))
    slow_page.goto(base + f"calculators/{SLUG}/?" + encode(calc, green["inputs"]))
    slow_page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=90_000)
    assert slow_page.get_attribute(RESULT, "data-calc-band") == green["band"]
    assert slow_page.get_attribute(RESULT, "data-calc-boot") == "pyc"
    assert "wasmFromPage" in slow_page.evaluate(f"{READY_INFO}.steps")


# A runtime file as the offline copy holds it: its type and size, or null.
STORED = """async (url) => {
  const stored = await caches.match(url);
  return stored ? { type: stored.headers.get("Content-Type"), bytes: (await stored.arrayBuffer()).byteLength } : null;
}"""


def boot_url(page, role: str) -> str:
    """The absolute URL of a boot file, from the page's config (its boot manifest's files)."""
    url = page.evaluate(f"JSON.parse(document.getElementById('calc-config').dataset.config).boot.{role}.url")
    return page.evaluate("(url) => new URL(url, document.baseURI).href", url)


def test_a_broken_xz_copy_of_the_wasm_falls_back_to_the_original(site, slow_page, tmp_path):
    """The xz copies are cut short: the worker fetches the original wasm and standard library
    instead and still answers."""
    site_copy = Site(tmp_path / "site", "")
    shutil.copytree(site.dir, site_copy.dir)
    xz = boot_files.file(site_copy, "wasm", xz=True)
    xz.write_bytes(xz.read_bytes()[:1_500_000])
    used_xz = boot_files.file(site_copy, "stdlib_used", xz=True)
    used_xz.write_bytes(used_xz.read_bytes()[:300_000])
    calc, inputs = shared_query()
    expected = calculators.run(SLUG, inputs)
    link = serve.Link(8e6, 0.04)
    with served_over(site_copy, link) as base:
        slow_page.goto(base + f"calculators/{SLUG}/?" + encode(calc, inputs))
        slow_page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=120_000)
        assert slow_page.get_attribute(RESULT, "data-calc-band") == expected["band"]
        leave(slow_page)
    sent = link.files_between(0, float("inf"))
    assert boot_files.sent(sent, site, "wasm", xz=True), sent
    assert boot_files.sent(sent, site, "wasm") >= len(serve.gzipped(str(boot_files.file(site, "wasm")))), sent
    assert boot_files.sent(sent, site, "stdlib_used", xz=True), sent
    assert boot_files.sent(sent, site, "stdlib_used"), sent


def test_a_link_that_stalls_ends_with_the_failure_notice_and_the_inputs_kept(site, slow_page):
    """The bytes stop after 1 MB: the page waits for the stall limit (here 5 s of nothing), then
    says the calculator is unavailable, points to the guide and keeps the inputs."""
    calc, inputs = shared_query()
    with_config(slow_page, limits={"boot_stall_ms": 5000})
    with served_over(site, serve.Link(20e6, 0.02, stall_after=1_000_000)) as base:
        slow_page.goto(base + f"calculators/{SLUG}/?" + encode(calc, inputs))
        slow_page.wait_for_selector(f'{RESULT}[data-calc-state="error"]', timeout=90_000)
        status = slow_page.locator(f"{RESULT} .calc-status").inner_text()
        assert "nothing arrived for 5 seconds" in status and "inputs are kept" in status, status
        assert slow_page.get_attribute(RESULT, "data-calc-failure") == "boot-stalled"
        assert client_failure(slow_page) == {"code": "boot-stalled", "seconds": 5}
        assert slow_page.locator(f"{RESULT} .calc-fallback a").is_visible()
        assert slow_page.evaluate("window.__progress.at(-1)") > 0, "no progress was shown before the stall"
        assert_form_shows(slow_page, calc, inputs)
        leave(slow_page)
