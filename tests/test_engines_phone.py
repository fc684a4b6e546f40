"""Issue 23's items 1 and 2 in Firefox ESR and WebKit, on a phone: the viewport at 390 x 844 (WebKitGTK's
MiniBrowser keeps its window at least 447 px wide: still the phone layout, below 720 px) and
touch (Firefox: a coarse pointer and WebDriver BiDi touch actions; WebKit: WebDriver touch
actions). For every calculator: after changing inputs, every link within the page and the Back
button keep the inputs and the result, without loading the page again; leaving for a guide and
coming back with Back finds them. Section links: a 44 px control, copying leaves the heading in
place with the confirmation in view and no tooltip. Chromium runs the same journeys in
test_keep_inputs.py and test_section_links.py.
"""
from __future__ import annotations

import json
from typing import Any

import pytest

import calculators
from engine_drivers import ENGINES, Engine, EngineMissing, Firefox
from test_keep_inputs import MARK_IN_PAGE_LINKS, STATE, unflatten

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("engine", list(ENGINES), indirect=True, scope="module")]

SLUGS = sorted(calculators.CALCULATORS)
BOOT_S = 90
LOOPBACK = "http://127.0.0.1:"
COARSE = {"ui.primaryPointerCapabilities": 1, "ui.allPointerCapabilities": 1}  # Firefox: a touch screen's pointer
# Requests for the page shown (the theme's instant navigation fetches a page it loads again).
PAGE_FETCHES = "performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === location.pathname).length"


@pytest.fixture(scope="module")
def engine(request) -> Engine:
    """The engine's browser with a phone's page, started once per module."""
    try:
        browser = Firefox(prefs=COARSE) if request.param == "firefox" else ENGINES[request.param]()
    except EngineMissing as exc:
        pytest.fail(str(exc))
    width, height = browser.phone()
    assert width < 720 and height == 844, (width, height)
    yield browser
    browser.close()


@pytest.fixture
def web(engine: Engine) -> Engine:
    engine.traffic()
    yield engine
    requests, errors = engine.traffic()
    assert [u for u in requests if not u.startswith((LOOPBACK, "data:", "blob:", "about:"))] == []
    assert errors == [], f"{engine.name}: uncaught errors on the page"


def state(web: Engine, slug: str) -> dict[str, Any]:
    return web.evaluate(f"({STATE})({json.dumps(slug)})")


def number_edits(calc) -> dict[str, str]:
    """Two number fields set as a reader types them, to values other than their defaults that
    keep the inputs valid."""
    fields = [(f"{f.name}.0.{s.name}", s) for f in calc.fields if f.type == "list" for s in f.items] or \
             [(f.name, f) for f in calc.fields]
    edits: dict[str, Any] = {}
    for name, f in fields:
        if f.type not in ("number", "integer") or f.shown_if or f.minimum is None or f.maximum is None:
            continue
        for value in (f.maximum, f.minimum, (f.minimum + f.maximum) / 2):
            value = int(value) if f.type == "integer" or float(value).is_integer() else value
            if value == f.default:
                continue
            try:
                calc.validate(unflatten(calc, dict(edits, **{name: value})))
            except calculators.ValidationError:
                continue
            edits[name] = value
            break
        if len(edits) == 2:
            break
    return {name: str(value) for name, value in edits.items()}


# The address holds the form's inputs and the result shown is the one for them (the printed line
# under it ends with the link to the inputs it was computed for).
SETTLED = """(() => { const r = document.querySelector(%s);
  const meta = r && r.querySelector(".calc-print-meta");
  const query = new URLSearchParams(location.search);
  return r.getAttribute("data-calc-state") === "ready" && r.hasAttribute("data-calc-band")
    && meta.textContent.endsWith(" " + location.href)
    && [...document.querySelectorAll("form[data-calc-form] :is(input, select)[name]")].every((c) =>
      query.get(c.name) === (c.type === "checkbox" ? String(c.checked) : c.value)); })()"""


def open_and_edit(web: Engine, site, slug: str) -> dict[str, Any]:
    """A first visit in this tab (what earlier tests typed is forgotten), then edits."""
    calc = calculators.get(slug)
    web.goto(site.page_url("privacy/"))
    web.wait_for("location.pathname.endsWith('/privacy/') && document.readyState === 'complete'", 30, "no page")
    web.evaluate("(sessionStorage.clear(), true)")
    web.goto(site.page_url(f"calculators/{slug}/"))
    sel = json.dumps(f'[data-calc-result="{slug}"]')
    web.wait_for(f"document.querySelector({sel})?.hasAttribute('data-calc-band') && window.document$ !== undefined",
                 BOOT_S, f"{slug}: no result, or no theme")
    for name, text in number_edits(calc).items():
        web.fill(f'[name="{name}"]', text)
    edited = json.dumps(list(number_edits(calc).items()))
    web.wait_for(f"{edited}.every(([n, v]) => new URLSearchParams(location.search).get(n) === v)"
                 f" && {SETTLED % sel}", 30, f"{slug}: the result or the address did not follow the edits")
    return state(web, slug)


STILL = "document.getAnimations().length === 0"  # no transition running (the drawer slides)
# The link has not moved for 100 ms: the theme scrolls the drawer's table of contents smoothly to
# the place shown (toc.follow), and a tap while it moves lands beside the link. (Playwright's tap
# waits the same way, for a box that keeps still.)
STEADY = """((selector) => { const r = document.querySelector(selector).getBoundingClientRect();
  const at = `${selector} ${r.left} ${r.top} ${r.width}`, now = performance.now(), seen = window.__testSteady;
  if (!seen || seen.at !== at) { window.__testSteady = { at, since: now }; return false; }
  return now - seen.since >= 100; })"""


def tap_in_page_link(web: Engine, n: int) -> None:
    """Tap in-page link n as a reader would: in the drawer (opening it, and its table of contents)
    or on the page; each tap once the drawer has stopped moving."""
    link = json.dumps(f'[data-test-link="{n}"]')
    web.wait_for(STILL, 10, "the page kept moving")
    if web.evaluate(f"document.querySelector({link}).closest('.md-sidebar--primary') !== null"):
        if not web.evaluate("document.getElementById('__drawer').checked"):
            web.tap('label.md-header__button[for="__drawer"]')
            web.wait_for("document.getElementById('__drawer').checked", 10, "the drawer did not open")
            web.wait_for(STILL, 10, "the drawer kept moving")
        if web.evaluate(f"document.querySelector({link}).closest('.md-nav--secondary') !== null") \
                and not web.evaluate("document.getElementById('__toc').checked"):
            web.tap('.md-sidebar--primary label.md-nav__link[for="__toc"]')  # the page's table of contents
            web.wait_for("document.getElementById('__toc').checked", 10, "the table of contents did not open")
            web.wait_for(STILL, 10, "the drawer kept moving")
        web.wait_for(f"(() => {{ const r = document.querySelector({link}).getBoundingClientRect();"
                     f" return r.width > 0 && (r.left + r.right) / 2 < innerWidth; }})()", 10, "the link is not in view")
    web.wait_for(f"{STEADY}({link})", 10, "the link kept moving")
    web.tap(f'[data-test-link="{n}"]')


@pytest.mark.parametrize("slug", SLUGS)
def test_in_page_links_and_back_keep_the_inputs(web, site, slug):
    before = open_and_edit(web, site, slug)
    web.evaluate("(window.__marker = 1)")
    count = web.evaluate(f"({MARK_IN_PAGE_LINKS})()")
    hashes = web.evaluate("[...document.querySelectorAll('[data-test-link]')].map((a) => new URL(a.href).hash)")
    assert count >= 5 and "#result" in hashes, hashes
    for n in range(count):
        tap_in_page_link(web, n)
        web.wait_for(f"location.hash === {json.dumps(hashes[n])}", 10, f"{hashes[n]} was not followed")
        assert state(web, slug) == before, f"{web.name}: after {hashes[n]}"
        assert web.evaluate("window.__marker") == 1 and web.evaluate(PAGE_FETCHES) == 0, f"{hashes[n]} reloaded"
        assert not web.evaluate("document.getElementById('__drawer').checked"), "the drawer closes on a link"
    for _ in range(count):
        web.back()
        web.wait_for(f"location.search === {json.dumps(before['query'])}", 10, "Back changed the address")
    web.wait_for("location.hash === ''", 10, "Back did not return to where the reader was")
    assert state(web, slug) == before and web.evaluate("window.__marker") == 1


@pytest.mark.parametrize("slug", ["instructor-offer", "offer-comparison"])
def test_leaving_for_a_guide_and_back_finds_the_inputs(web, site, slug):
    before = open_and_edit(web, site, slug)
    path = web.evaluate("location.pathname")
    web.tap(f'[data-calc-result="{slug}"] .calc-factors a')
    web.wait_for(f"location.pathname !== {json.dumps(path)} && document.querySelector('article h1') !== null"
                 " && document.querySelector('[data-calc-result]') === null", 30, "the guide page did not open")
    web.back()
    web.wait_for(f"location.pathname === {json.dumps(path)} && document.querySelector('[data-calc-result]')"
                 f"?.getAttribute('data-calc-band') === {json.dumps(before['band'])}", BOOT_S, "no result after Back")
    web.wait_for(SETTLED % json.dumps(f'[data-calc-result="{slug}"]'), 30, "the result did not settle")
    assert state(web, slug) == before


GUIDE = "titles-and-tracks/instructor-offers/"


def test_a_section_links_control_copies_and_leaves_the_heading_in_view(web, site):
    web.goto(site.page_url(GUIDE))
    web.wait_for("window.document$ !== undefined && document.querySelector('#green-flag a.headerlink[data-calc-ready]') !== null",
                 30, "the page's scripts did not run")
    box = web.evaluate("(() => { const r = document.querySelector('#green-flag a.headerlink').getBoundingClientRect();"
                       " return [r.width, r.height]; })()")
    assert box[0] >= 44 and box[1] >= 44, box
    web.evaluate("(window.scrollTo(0, document.getElementById('green-flag').getBoundingClientRect().top + scrollY - 300), true)")
    web.wait_for("Math.abs(document.getElementById('green-flag').getBoundingClientRect().top - 300) < 2", 10, "no scroll")
    web.tap("#green-flag a.headerlink")
    note = web.wait_for("document.querySelector('#green-flag .calc-link-said')?.textContent", 10, "nothing was said")
    assert note == "Link copied", f"{web.name}: {note}"
    top = web.evaluate("document.getElementById('green-flag').getBoundingClientRect().top")
    assert abs(top - 300) < 2, f"{web.name}: the heading moved to {top}"
    shown = web.evaluate("(() => { const r = document.querySelector('#green-flag .calc-link-said').getBoundingClientRect();"
                         " return r.top >= 48 && r.bottom <= innerHeight; })()")
    assert shown, "the confirmation is in view"
    tooltips = web.evaluate("[...document.querySelectorAll('.md-tooltip2--active, [role=tooltip]')]"
                            ".filter((t) => t.getClientRects().length).map((t) => t.outerHTML.slice(0, 200))")
    assert tooltips == [], f"{web.name}: a tooltip over the text"
    assert web.clipboard_text() == site.page_url(GUIDE) + "#green-flag"
