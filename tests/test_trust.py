"""Trust in the browser: hostile links, the Content Security Policy, runtime failures, privacy.

Every calculator in ``calculators.CALCULATORS`` is opened with a hostile link and through each
runtime failure. Failures are provoked from outside the production code: by routing the
site's own files (a worker that is missing, crashes, dies silently or has no WebAssembly, a
network that never answers) or by removing WebAssembly from the page; shorter time limits are
set in the page's own runtime config (``calc_pages.with_config``).
"""
from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

import boot_files
import calculators
from calculators.contract import Field
from calculators.urlstate import encode
from macros.forms import allowed_words
from calc_pages import ADDRESS_UPDATES, client_failure, wait_for_address_update, with_config
from conftest import CSP_WATCH, Traffic
from tools.published import worker_path

pytestmark = pytest.mark.browser

SLUGS = sorted(calculators.CALCULATORS)
WORKER = "**/" + worker_path()
BOOT_MS = 90000  # Pyodide can take 5-15 s to boot on a loaded two-core machine
# Each test opens one page in a fresh context: the site's service worker (registered after the
# first load) never controls it, so routed files reach the page as routed.


def result_sel(slug: str) -> str:
    return f'[data-calc-result="{slug}"]'


def example_inputs(calc) -> dict[str, Any]:
    """Validated inputs of the calculator's first example (its defaults if it has none)."""
    return calc.validate(dict(calc.examples[0].inputs)) if calc.examples else calc.validate({})


def control_text(f: Field, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def assert_form_shows(page, calc, inputs: dict[str, Any]) -> None:
    """The form's controls hold ``inputs`` (what the reader entered or the link carried)."""
    def check(f: Field, name: str, value: Any) -> None:
        control = page.locator(f'[name="{name}"]')
        if control.get_attribute("type") == "checkbox":
            assert control.is_checked() == (value is True), name
        elif f.type in ("number", "integer") and value is not None:
            assert float(control.input_value()) == float(value), name
        elif f.type == "date" and value is None:
            return  # filled with today's date by the page
        else:
            assert control.input_value() == control_text(f, value), name

    for f in calc.fields:
        if f.type == "list":
            for n, item in enumerate(inputs.get(f.name) or []):
                for sub in f.items:
                    check(sub, f"{f.name}.{n}.{sub.name}", item.get(sub.name, sub.default))
        else:
            check(f, f.name, inputs.get(f.name, f.default))


def open_with(page, site, slug: str, query: str) -> None:
    page.goto(site.page_url(f"calculators/{slug}/") + "?" + query)


def wait_for_result(page, slug: str) -> None:
    page.wait_for_selector(f'{result_sel(slug)}[data-calc-state="ready"][data-calc-band]', timeout=BOOT_MS)


# ---------- 1. hostile and stale links ----------

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def reader_name(calc, key: str) -> str:
    """How the page's notices name a key of a link: a field by its label, quoted ("“Offer 1: Name
    of the offer”"); anything else (an unknown key, a version) as the link spells it."""
    top, _, rest = key.partition(".")
    known = {f.name: f for f in calc.fields}
    field = known.get(top)
    if field is None or (rest and field.type != "list"):
        return key
    if not rest:
        return f"\u201c{field.label}\u201d"
    index, _, sub = rest.partition(".")
    item = next((s for s in field.items if s.name == sub), None)
    if item is None or not index.isdigit() or int(index) >= field.max_items:
        return key
    return f"\u201c{field.item_label} {int(index) + 1}: {item.label}\u201d"


def hostile_link(calc) -> tuple[str, dict[str, Any], list[str]]:
    """(query, inputs the page should end up with, what the notices must name: each field by its
    label, anything else as the link spells it).

    The valid example inputs come first; then an unknown field, markup in a key, markup in a
    choice, an out-of-range duplicate of a number, a huge value, a list index out of range,
    and an older rules version.
    """
    inputs = example_inputs(calc)
    pairs = [("v", "0.1-old")] + [(k, v) for k, v in parse_qsl(encode(calc, inputs), keep_blank_values=True)
                                  if k != "v"]
    expected = dict(inputs)
    named = ["zz_unknown", "0.1-old"]
    pairs += [("zz_unknown", "1"), ("<b>key</b>", XSS)]
    scalars = [f for f in calc.fields if f.type != "list"]
    attacked: set[str] = set()
    choice = next((f for f in scalars if f.type == "choice"), None)
    if choice:
        pairs.append((choice.name, XSS))
        attacked.add(choice.name)
    number = next((f for f in scalars if f.type in ("number", "integer") and f.maximum is not None
                   and f.name not in attacked), None)
    if number:
        pairs.append((number.name, str(number.maximum + 1)))  # a duplicate, and out of range
        attacked.add(number.name)
    huge = next((f for f in scalars if f.name not in attacked), None)
    lists = [f for f in calc.fields if f.type == "list" and inputs.get(f.name)]
    if huge:
        pairs.append((huge.name, "9" * 5000))
        attacked.add(huge.name)
    elif lists:  # no plain field left: a huge value in the first list item instead
        sub = lists[0].items[0]
        pairs.append((f"{lists[0].name}.0.{sub.name}", "9" * 5000))
        items = [dict(item) for item in inputs[lists[0].name]]
        items[0][sub.name] = sub.default
        expected[lists[0].name] = items
        named.append(f"{lists[0].name}.0.{sub.name}")
    for f in calc.fields:
        if f.type == "list":
            pairs.append((f"{f.name}.99.{f.items[0].name}", "1"))
            named.append(f"{f.name}.99")
    for name in attacked:
        expected[name] = calc.field(name).default
    named += sorted(attacked)
    named = [reader_name(calc, key) for key in named]
    return "&".join(f"{quote(k, safe='.')}={quote(v, safe='')}" for k, v in pairs), expected, named


@pytest.mark.parametrize("slug", SLUGS)
def test_hostile_link_applies_the_valid_parts_and_says_what_it_ignored(page, site, slug):
    calc = calculators.get(slug)
    query, expected, named = hostile_link(calc)
    open_with(page, site, slug, query)
    result = page.locator(result_sel(slug))
    page.wait_for_function(f"() => document.querySelector('{result_sel(slug)}').dataset.calcState !== 'loading'",
                           timeout=BOOT_MS)
    notices = page.locator(".calc-notices")
    assert notices.is_visible()
    text = notices.inner_text()
    for key in named:
        assert key in text, (key, text)
    # and why, in the reader's words: the values a field allows, an unknown field, a value too long
    for f in calc.fields:
        if f.type in ("number", "integer") and f.maximum is not None:
            assert allowed_words(f) in text
            break
    assert "not a known field" in text and "too long" in text
    assert "null" not in text
    # nothing from the link became markup or ran
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"], b:text("key"), [onerror]').count() == 0
    assert_form_shows(page, calc, expected)
    try:
        band = calc.run(expected)["band"]
    except calculators.ValidationError as exc:  # the reverted fields broke a cross-field rule
        page.wait_for_selector('[aria-invalid="true"]', timeout=BOOT_MS)
        assert exc.errors
    else:
        page.wait_for_selector(f'{result_sel(slug)}[data-calc-band="{band}"]', timeout=BOOT_MS)
        assert result.get_attribute("data-calc-state") == "ready"


# ---------- 2. Content Security Policy, in the browser ----------

def test_injected_script_and_inline_handlers_are_blocked_and_reported(context, site):
    """The policy stops inline script the way an injection would arrive, and reports it (the
    report is what the ``page`` fixture turns into a failure everywhere else)."""
    pg = context.new_page()
    pg.add_init_script(CSP_WATCH)
    pg.goto(site.page_url(""))
    pg.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__ran = 1";
        document.body.append(s);
        const div = document.createElement("div");
        div.innerHTML = '<img src="data:," onerror="window.__ran = 2">';
        document.body.append(div);
    }""")
    pg.wait_for_function("() => window.__cspViolations.length >= 2", timeout=10000)
    assert pg.evaluate("window.__ran") is None
    directives = " ".join(pg.evaluate("window.__cspViolations"))
    assert "script-src" in directives
    pg.close()


# ---------- 3. runtime failures ----------

def patch_worker(page, prefix: str) -> None:
    """Serve the site's own worker.js with ``prefix`` in front of it."""
    def handler(route):
        original = route.fetch()
        route.fulfill(response=original, body=prefix + original.text())
    page.route(WORKER, handler)


# A listener added before the worker's own handler sees each message first.
ON_SECOND_RUN = """let __runs = 0;
self.addEventListener("message", (e) => {
  if (!e.data || e.data.type !== "run" || ++__runs < 2) return;
  %s
});
"""
CRASH = ON_SECOND_RUN % 'e.stopImmediatePropagation(); throw new Error("simulated crash");'
SILENT_DEATH = ON_SECOND_RUN % "e.stopImmediatePropagation(); self.close();"
# Python raises (TypeError: unhashable list) inside calculators.web.handle for the second request
# only, as a rule with a bug would for some inputs.
PYTHON_RAISES = ON_SECOND_RUN.replace("++__runs < 2", "++__runs !== 2") % "e.data.slug = [e.data.slug];"


def change_one_field(page, calc, inputs: dict[str, Any]) -> dict[str, Any]:
    """Change one field the way a reader would, to another valid value; return the new inputs."""
    for f in calc.fields:
        if f.type not in ("number", "integer") or f.minimum is None or f.maximum is None:
            continue
        for value in (f.maximum, f.minimum):
            value = int(value) if f.type == "integer" else value
            new = dict(inputs, **{f.name: value})
            if value == inputs.get(f.name):
                continue
            try:
                calc.validate(new)
            except calculators.ValidationError:
                continue
            page.fill(f'[name="{f.name}"]', str(value))
            return new
    page.evaluate("document.querySelector('form[data-calc-form]').dispatchEvent(new Event('input'))")
    return inputs


def assert_address_holds(page, calc, inputs: dict[str, Any], timeout_s: float = 5) -> None:
    """The page's address carries ``inputs`` (so a reload or a copied link keeps them)."""
    expected = dict(parse_qsl(encode(calc, inputs), keep_blank_values=True))
    def holds(url: str) -> bool:
        return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True)) == expected
    page.wait_for_url(holds, wait_until="commit", timeout=timeout_s * 1000)  # history.replaceState counts


def assert_failure_reported(page, slug: str, started: float, limit_s: float, code: str) -> None:
    """The result area shows the failure ``code`` (web/shared/protocol.js, Failure; worded by
    web/page/failures.js) within ``limit_s`` seconds, says the inputs are kept and points to the guide."""
    page.wait_for_selector(f'{result_sel(slug)}[data-calc-state="error"]', timeout=limit_s * 1000)
    assert time.monotonic() - started < limit_s, "the failure was not reported in time"
    assert page.get_attribute(result_sel(slug), "data-calc-failure") == code
    status = page.locator(f"{result_sel(slug)} .calc-status").inner_text()
    assert "inputs are kept" in status
    fallback = page.locator(f"{result_sel(slug)} .calc-fallback")
    assert fallback.is_visible() and fallback.locator("a").count() == 1  # points to the guide


@pytest.mark.parametrize("slug", SLUGS)
def test_no_webassembly_on_the_page_is_reported_at_once(page, site, slug):
    calc = calculators.get(slug)
    inputs = example_inputs(calc)
    page.add_init_script("delete window.WebAssembly")
    started = time.monotonic()
    open_with(page, site, slug, encode(calc, inputs))
    assert_failure_reported(page, slug, started, 10, "no-webassembly")
    assert_form_shows(page, calc, inputs)
    assert not [u for u in page.traffic.requests if "/pyodide/" in u or "/calc/worker." in u.split("#")[0]]


@pytest.mark.parametrize("slug", SLUGS)
def test_no_webassembly_in_the_worker_is_reported(page, site, slug):
    calc = calculators.get(slug)
    inputs = example_inputs(calc)
    patch_worker(page, "delete globalThis.WebAssembly;\n")
    with_config(page, limits={"boot_stall_ms": 30000})
    started = time.monotonic()
    open_with(page, site, slug, encode(calc, inputs))
    assert_failure_reported(page, slug, started, 35, "boot-failed")
    assert_form_shows(page, calc, inputs)


@pytest.mark.parametrize("body,status", [("not found", 404), ("this is not JavaScript (", 200)],
                         ids=["missing", "broken"])
@pytest.mark.parametrize("slug", SLUGS)
def test_worker_that_cannot_start_is_reported(page, site, slug, body, status):
    calc = calculators.get(slug)
    inputs = example_inputs(calc)
    page.route(WORKER, lambda route: route.fulfill(status=status, body=body, content_type="text/javascript"))
    with_config(page, limits={"boot_stall_ms": 30000})
    started = time.monotonic()
    open_with(page, site, slug, encode(calc, inputs))
    assert_failure_reported(page, slug, started, 20, "worker-stopped")
    assert_form_shows(page, calc, inputs)


@pytest.mark.parametrize("prefix,code", [(CRASH, "worker-stopped"), (SILENT_DEATH, "run-timeout")],
                         ids=["crash", "silent-death"])
@pytest.mark.parametrize("slug", SLUGS)
def test_worker_dying_mid_session_is_reported_and_inputs_are_kept(page, site, slug, prefix, code):
    calc = calculators.get(slug)
    patch_worker(page, prefix)
    with_config(page, limits={"run_ms": 5000})
    open_with(page, site, slug, encode(calc, example_inputs(calc)))
    wait_for_result(page, slug)
    started = time.monotonic()
    entered = change_one_field(page, calc, example_inputs(calc))
    assert_failure_reported(page, slug, started, 15, code)
    assert_form_shows(page, calc, entered)
    assert_address_holds(page, calc, entered)


@pytest.mark.parametrize("slug", SLUGS)
def test_python_exception_shows_the_internal_error_and_keeps_inputs(page, site, slug):
    """A calculator that raises (a bug in a rule) is reported as a crash, downloads nothing (the
    whole standard library is fetched only for a module missing from the boot's), and the next
    run answers as usual."""
    calc = calculators.get(slug)
    patch_worker(page, PYTHON_RAISES)
    open_with(page, site, slug, encode(calc, example_inputs(calc)))
    wait_for_result(page, slug)
    entered = change_one_field(page, calc, example_inputs(calc))
    page.wait_for_selector(f'{result_sel(slug)}[data-calc-state="error"]', timeout=15000)
    assert page.get_attribute(result_sel(slug), "data-calc-failure") == "calculator-crash"
    assert "inputs are kept" in page.locator(f"{result_sel(slug)} .calc-status").inner_text()
    assert page.locator(f"{result_sel(slug)} .calc-fallback").is_visible()
    assert_form_shows(page, calc, entered)
    # the third run is an ordinary one: it answers, and the failure is gone
    page.evaluate("document.querySelector('form[data-calc-form]').dispatchEvent(new Event('input'))")
    page.wait_for_selector(f'{result_sel(slug)}[data-calc-state="ready"][data-calc-band]:not([data-calc-failure])', timeout=15000)
    assert client_failure(page) is None
    assert site.page_url(boot_files.path(site, "lock")) in page.traffic.requests  # the log has the worker's
    whole = site.page_url(boot_files.path(site, "stdlib"))
    assert whole not in page.traffic.requests, "the crash fetched the whole standard library"


@pytest.mark.parametrize("slug", SLUGS)
def test_network_that_never_answers_is_reported_within_the_limit(page, site, slug):
    calc = calculators.get(slug)
    inputs = example_inputs(calc)
    held = []
    page.route("**/pyodide/**", lambda route: held.append(route))  # never answered
    with_config(page, limits={"boot_stall_ms": 6000})
    started = time.monotonic()
    open_with(page, site, slug, encode(calc, inputs))
    page.wait_for_selector(f"{result_sel(slug)} .calc-status:has-text('Still loading')", timeout=6000)
    assert_failure_reported(page, slug, started, 12, "boot-stalled")
    assert client_failure(page) == {"code": "boot-stalled", "seconds": 6}
    assert held, "the runtime was never requested"
    assert_form_shows(page, calc, inputs)
    # the reader can keep editing: the address still follows the form
    assert_address_holds(page, calc, change_one_field(page, calc, inputs))


# ---------- 6. privacy ----------

STORAGE = """async () => {
  const cached = [];
  for (const name of await caches.keys()) {
    for (const req of await (await caches.open(name)).keys()) cached.push(req.url);
  }
  return { local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie,
           idb: (await indexedDB.databases()).map((d) => d.name), cached };
}"""
MARKER = "zq private 7731"


@pytest.fixture
def open_page(browser, site):
    """A page whose context allows service workers (as a reader's browser does), watched like
    the ``page`` fixture: nothing may leave the origin, no CSP violation, no page error."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    traffic = Traffic()
    ctx.on("request", lambda r: traffic.requests.append(r.url))
    pg.on("pageerror", lambda e: traffic.errors.append(str(e)))
    pg.add_init_script(CSP_WATCH)
    pg.traffic = traffic
    yield pg
    violations = pg.evaluate("window.__cspViolations || []") if pg.url.startswith(site.origin) else []
    ctx.close()
    assert violations == []
    assert traffic.foreign(site.origin) == [], "requests left the site's origin"
    assert traffic.errors == []


def site_pages(site) -> list[str]:
    """Site paths of every built page (``""`` for the home page, ``a/b/`` for the others)."""
    paths = []
    for p in site.dir.rglob("index.html"):
        rel = p.parent.relative_to(site.dir).as_posix()
        if "pyodide" not in rel:
            paths.append("" if rel == "." else rel + "/")
    return sorted(paths)


def test_every_page_stays_on_the_origin_and_stores_nothing_but_the_tabs_inputs(open_page, site):
    """A visit to every page: nothing leaves the origin and nothing lands in the browser's
    storage but the site's own files, kept for offline use (never an address with inputs in
    it). Then every calculator used (typing into it): the tab's session storage keeps each one's
    inputs, as the query of its address, and nothing else; another tab sees none of it
    (docs/privacy.md says so)."""
    pg = open_page
    pg.add_init_script(ADDRESS_UPDATES)
    paths = site_pages(site)
    assert len(paths) >= 10
    for path in paths:
        pg.goto(site.page_url(path))
        pg.wait_for_load_state("networkidle")
    stored = pg.evaluate(STORAGE)
    assert stored["local"] == [] and stored["session"] == [] and stored["cookie"] == "" and stored["idb"] == [], stored
    used = {}
    for slug in SLUGS:
        pg.goto(site.page_url(f"calculators/{slug}/"))
        pg.wait_for_function(f"() => document.querySelector('{result_sel(slug)}').dataset.calcState !== 'loading'",
                             timeout=BOOT_MS)
        calc = calculators.get(slug)
        pg.evaluate("window.__addressUpdates = []")
        texts = [f for f in calc.fields if f.type == "text"] + \
                [s for f in calc.fields for s in f.items if s.type == "text"]
        for f in texts:
            box = pg.locator(f'[name$="{f.name}"]').first
            if box.count():
                box.fill(MARKER)
        change_one_field(pg, calc, example_inputs(calc))
        wait_for_address_update(pg, written=True)  # the inputs are in the address now
        used[f"calc-inputs:{slug}"] = urlsplit(pg.url).query
        pg.wait_for_load_state("networkidle")
    stored = pg.evaluate(STORAGE)
    assert stored["local"] == [] and stored["cookie"] == "" and pg.context.cookies() == [], stored
    assert stored["idb"] == [], stored["idb"]
    assert sorted(stored["session"]) == sorted(used), "the tab keeps each calculator's inputs, nothing else"
    for key, query in used.items():
        assert pg.evaluate("(k) => sessionStorage.getItem(k)", key) == query, key
    for url in stored["cached"]:
        assert url.startswith(site.origin + "/"), url
        assert urlsplit(url).query == "" and MARKER.replace(" ", "") not in url.replace("%20", ""), url
    other = pg.context.new_page()
    other.goto(site.page_url("calculators/instructor-offer/"))
    assert other.evaluate("Object.keys(sessionStorage)") == [], "another tab sees nothing of it"
    other.close()


def test_palette_choice_is_stored_only_when_the_reader_switches_it(open_page, site):
    pg = open_page
    pg.goto(site.page_url(""))
    pg.wait_for_load_state("networkidle")
    assert pg.evaluate("Object.keys(localStorage)") == []
    scheme = pg.evaluate("document.body.dataset.mdColorScheme")
    pg.locator("label[for^='__palette']:visible").first.click()
    pg.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=scheme)
    keys = pg.evaluate("Object.keys(localStorage)")
    assert len(keys) == 1 and keys[0].endswith("__palette")
    pg.reload()
    assert pg.evaluate("document.body.dataset.mdColorScheme") != scheme, "the choice was not remembered"
