"""Fast boot and offline use: snapshot fallback, service worker caches, cache replacement."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import time

import pytest

import boot_files
import calculators
from calc_pages import READY_INFO, page_config, with_config
from calculators.urlstate import encode
from conftest import free_port
from tools import serve
from tools.manifest import read_manifest, write_manifest
from tools.offline import write_service_worker
from tools.published import worker_path

pytestmark = pytest.mark.browser

SLUG = "instructor-offer"
PATH = f"calculators/{SLUG}/"
RESULT = f'[data-calc-result="{SLUG}"]'
GUIDES = ("titles-and-tracks/instructor-offers/", "education-tracks/")
BOOT_MS = 90000

CACHES = """async () => {
  const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
  return out;
}"""


SERVICE_WORKERS = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  const state = (w) => (w ? `${w.state} (${w.scriptURL})` : null);
  return { controller: state(navigator.serviceWorker.controller), active: reg && state(reg.active),
           waiting: reg && state(reg.waiting), installing: reg && state(reg.installing) };
}"""


# These tests are about the snapshot boot and its offline copies. On a first visit the worker
# chooses between the snapshot and the .pyc boot by the link's speed (tests/test_slow_link.py);
# on a machine busy with other tests loopback can read slow, so here the snapshot is asked for
# (the page's config with boot_by_speed off).
SNAPSHOT_PATH = {"flags": {"boot_by_speed": False}}


@pytest.fixture(autouse=True)
def snapshot_path(request):
    if "page" in request.fixturenames:
        with_config(request.getfixturevalue("page"), **SNAPSHOT_PATH)


def shared_link(example: str = "red") -> str:
    calc = calculators.get(SLUG)
    inputs = calculators.run(SLUG, dict(calc.example(example).inputs))["inputs"]
    return PATH + "?" + encode(calc, inputs)


def expected_band(example: str) -> str:
    return calculators.run(SLUG, dict(calculators.get(SLUG).example(example).inputs))["band"]


def wait_for_caches(page, ready, timeout: float = 60) -> dict:
    """Poll Cache Storage until ``ready(caches)`` holds; return what it holds."""
    end = time.time() + timeout
    held = {}
    while time.time() < end:
        held = page.evaluate(CACHES)
        if ready(held):
            return held
        time.sleep(0.5)
    workers = page.evaluate(SERVICE_WORKERS)
    raise AssertionError(f"caches never reached the expected state: { {k: len(v) for k, v in held.items()} }; "
                         f"service workers: {workers}")


def runtime_cached(held: dict, urls: dict[str, str]) -> bool:
    """The snapshot boot's files are stored (the whole standard library is not: a snapshot boot
    fetches it only if a module outside the snapshot is ever imported)."""
    runtime = held.get("aod-runtime", [])
    return all(urls[role] in runtime for role in ("snapshot", "wasm", "runtime_js"))


def boot_urls(page) -> dict[str, str]:
    """The absolute URLs of the page's boot files, by role (its config: the boot manifest's)."""
    return {role: page.evaluate("(url) => new URL(url, document.baseURI).href", file["url"])
            for role, file in page_config(page)["boot"].items()}


def test_snapshot_boot_answers_like_the_cli(page, site):
    page.goto(site.page_url(shared_link("red")))
    result = page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
    assert result.get_attribute("data-calc-boot") == "snapshot"
    assert result.get_attribute("data-calc-band") == expected_band("red")


@pytest.mark.parametrize("damage", ["missing", "not-gzip", "gzip-of-garbage", "truncated"])
def test_a_broken_snapshot_falls_back_to_the_pyc_boot(page, site, damage):
    real = boot_files.file(site, "snapshot").read_bytes()
    bodies = {
        "not-gzip": b"this is not a snapshot",
        "gzip-of-garbage": gzip.compress(os.urandom(4096)),
        "truncated": real[: len(real) // 3],
    }

    def broken(route):
        if damage == "missing":
            route.fulfill(status=404, body="not found")
        else:
            route.fulfill(status=200, body=bodies[damage], headers={"Content-Type": "application/octet-stream"})

    page.route(boot_files.route(site, "snapshot"), broken)
    page.goto(site.page_url(shared_link("green")))
    result = page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
    assert result.get_attribute("data-calc-boot") == "pyc"
    assert result.get_attribute("data-calc-band") == expected_band("green")
    # the page keeps working after the fallback
    page.fill('[name="clinical_fte"]', "1.5")
    page.wait_for_selector('[name="clinical_fte"][aria-invalid="true"]')


def test_a_calculator_visit_never_fetches_the_whole_standard_library(page, site):
    """A snapshot boot needs none of the 4.5 MB standard library: with its download held back,
    the first answer comes, later answers too, and it is never requested (nor stored offline)."""
    held = []
    page.route(boot_files.route(site, "stdlib"), lambda route: held.append(route))
    page.goto(site.page_url(shared_link("red")))
    result = page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
    assert result.get_attribute("data-calc-boot") == "snapshot"
    assert result.get_attribute("data-calc-band") == expected_band("red")
    page.fill('[name="promoted_examples"]', "3")
    page.wait_for_function("() => location.search.includes('promoted_examples=3')")
    page.wait_for_function(f"() => document.querySelector('{RESULT}').dataset.calcState === 'ready'")
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=60000)
    assert held == [], "the whole standard library was requested"


def test_guide_pages_fetch_no_runtime_and_cache_none(page, site):
    for path in GUIDES:
        page.goto(site.page_url(path))
        page.wait_for_load_state("networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    held = wait_for_caches(page, lambda h: any(k.startswith("aod-pages-") and h[k] for k in h))
    fetched = [u for u in page.traffic.requests if "/pyodide/" in u or "/calc/" in u]
    assert fetched == [], "a guide page loaded calculator or runtime files"
    assert not any("/pyodide/" in u for urls in held.values() for u in urls)


def test_offline_after_the_first_visit_still_computes(page, site, context):
    page.goto(site.page_url(GUIDES[0]))
    page.wait_for_load_state("networkidle")
    page.goto(site.page_url(shared_link("red")))
    page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
    urls = boot_urls(page)
    wait_for_caches(page, lambda h: runtime_cached(h, urls))
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=60000)  # the page's own files too
    context.set_offline(True)
    try:
        # a different shared link, opened with no network at all
        page.goto(site.page_url(shared_link("green")))
        result = page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
        assert result.get_attribute("data-calc-band") == expected_band("green")
        assert result.get_attribute("data-calc-boot") == "snapshot"
        # the offline copy of the snapshot is kept inflated: a returning visit does not unpack it again
        head = page.evaluate("""async (url) => {
          const r = await (await caches.open("aod-runtime")).match(url);
          return new TextDecoder().decode(new Uint8Array(await r.arrayBuffer()).subarray(0, 8)); }""", urls["snapshot"])
        assert head == "AODSNAP2"
        page.fill('[name="promoted_examples"]', "3")
        page.wait_for_function("() => location.search.includes('promoted_examples=3')")
        # the guide page read before is there too
        page.goto(site.page_url(GUIDES[0]))
        assert page.locator("h1").count() == 1
    finally:
        context.set_offline(False)


def test_after_the_first_visit_a_short_lived_worker_compiles_the_stored_runtime_once(page, site):
    """Once the runtime is stored for offline use, a second calculator worker imports its
    modules from those copies and ends (the browser then keeps their compiled code); the page
    says it is ready offline. A returning visit has nothing new to store and starts no extra
    worker."""
    def visit() -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
        page.on("worker", lambda w: (seen.append(("start", w.url)), w.on("close", lambda w: seen.append(("end", w.url)))))
        page.goto(site.page_url(shared_link("red")))
        page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
        page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=60000)
        return [(what, url.split("#")[0]) for what, url in seen if url.split("#")[0].endswith("/" + worker_path())]

    first = visit()
    assert first.count(("start", first[0][1])) == 2, first  # the calculator's worker and the warm-up
    assert ("end", first[0][1]) in first, "the warm-up worker did not end"
    page.goto(site.page_url(GUIDES[0]))
    second = visit()
    assert [what for what, _ in second] == ["start"], second


@pytest.mark.parametrize("page_compiles", [True, False], ids=["page-compiles", "page-cannot-compile"])
def test_a_returning_visit_compiles_the_wasm_on_the_page(page, site, page_compiles):
    """On a returning visit the page compiles the wasm from its offline copy and hands it to the
    Python worker; where the page cannot, the worker compiles it itself. Either way the snapshot
    boot gives the right answer."""
    if not page_compiles:
        page.add_init_script("WebAssembly.compileStreaming = () => Promise.reject(new Error('switched off'))")
    steps = []
    for _ in range(2):
        page.goto(site.page_url(shared_link("green")))
        result = page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
        assert result.get_attribute("data-calc-boot") == "snapshot"
        assert result.get_attribute("data-calc-band") == expected_band("green")
        steps.append(page.evaluate(f"{READY_INFO}.steps"))
        page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=60000)
    first, returning = steps
    assert "wasmFromPage" not in first, first  # nothing stored yet: the worker compiles it
    assert ("wasmFromPage" in returning) == page_compiles, returning


def test_the_service_worker_stores_the_theme_scripts_when_it_installs(page, site):
    """Stored while the worker installs, the theme's scripts get their compiled code kept with
    them. site.js is stubbed out here, so no page hands the worker a list of files: whatever is
    cached comes from the install step alone."""
    page.route("**/assets/site.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(site.page_url(GUIDES[0]))
    page.wait_for_load_state("networkidle")
    page.evaluate("""async (root) => { await navigator.serviceWorker.register(root + "sw.js", { scope: root });
                                         await navigator.serviceWorker.ready; }""", site.page_url(""))
    held = wait_for_caches(page, lambda h: any(k.startswith("aod-pages-") and h[k] for k in h))
    (pages,) = [urls for name, urls in held.items() if name.startswith("aod-pages-")]
    names = sorted(url.rsplit("/", 1)[1].split(".")[0] for url in pages)
    assert names == ["bundle", "search"], pages


@pytest.fixture
def copy_of_site(site, tmp_path):
    """A private copy of the built site, served on its own port, that a test may redeploy."""
    root = tmp_path / "site"
    shutil.copytree(site.dir, root)
    port = free_port()
    server = serve.start(root, port)
    yield root, f"http://127.0.0.1:{port}/"
    server.shutdown()


def redeploy(root) -> tuple[str, str]:
    """A new build: new rules (the app folder, so the snapshot URL, changes) and changed pages."""
    old = boot_files.file(root, "lock").parent
    new = old.with_name(old.name.rsplit("-", 1)[0] + "-0000000000000000")
    old.rename(new)
    for html in root.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        text = text.replace(old.name, new.name)
        if html.parent.name == SLUG:
            text = re.sub(r"(<h1[^>]*>)", r'<p id="deploy-b">Build B</p>\1', text, count=1)
        html.write_text(text, encoding="utf-8")
    manifest = json.loads(json.dumps(read_manifest(root)).replace(old.name, new.name))
    write_manifest(root, manifest)
    return old.name, write_service_worker(root, manifest)


def test_a_new_build_replaces_the_caches(browser, copy_of_site):
    root, base = copy_of_site
    ctx = browser.new_context()
    page = ctx.new_page()
    with_config(page, **SNAPSHOT_PATH)
    try:
        page.goto(base + shared_link("red"))
        page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
        first = boot_urls(page)
        held = wait_for_caches(page, lambda h: runtime_cached(h, first))
        (old_pages,) = [k for k in held if k.startswith("aod-pages-")]

        old_app, build = redeploy(root)
        page.goto(base + shared_link("red"))  # online: the browser finds the new sw.js
        page.wait_for_selector("#deploy-b")
        page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
        second = boot_urls(page)
        assert old_app not in second["snapshot"]
        held = wait_for_caches(page, lambda h: f"aod-pages-{build}" in h and old_pages not in h
                               and runtime_cached(h, second))
        assert not [u for urls in held.values() for u in urls if old_app in u], "the old snapshot is still cached"

        ctx.set_offline(True)
        page.goto(base + shared_link("green"))
        result = page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=BOOT_MS)
        assert page.locator("#deploy-b").count() == 1, "offline, the page of the old build was served"
        assert result.get_attribute("data-calc-boot") == "snapshot"
        assert result.get_attribute("data-calc-band") == expected_band("green")
    finally:
        ctx.close()
