"""Nothing a reader types is lost (issue 23, item 1), on a phone (390 x 844, touch) in Chromium,
for every calculator: after changing inputs, every link within the page (the summary's "Full
result", the drawer's table of contents, links in the text and the result) and the Back button
keep the inputs and the result, with the theme's instant navigation on; the address always
carries the inputs; a reader who leaves for a guide page and comes back (Back, or the calculator's
link again in the same tab) finds them, also when Back comes before the guide has arrived (a slow
link); Reset is undone in one tap.

Firefox ESR and WebKit run the same journey: test_engines_phone.py.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import calculators
from calc_pages import BOOT_TIMEOUT_MS, result_selector
from calculators.urlstate import encode

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SLUGS = sorted(calculators.CALCULATORS)

# What the reader sees: every control's value, the result's band and headline, the address's query.
STATE = """(slug) => {
  const result = document.querySelector(`[data-calc-result="${slug}"]`);
  return {
    controls: Object.fromEntries([...document.querySelectorAll("form[data-calc-form] :is(input, select)[name]")]
      .map((c) => [c.name, c.type === "checkbox" ? c.checked : c.value])),
    band: result && result.getAttribute("data-calc-band"),
    headline: result && result.querySelector(".calc-headline").textContent,
    query: location.search,
  };
}"""

# Marks every link that stays on this page (an anchor of it), in the article, the result and the
# drawer's table of contents, with data-test-link=N; returns how many.
MARK_IN_PAGE_LINKS = """() => {
  const links = [...document.querySelectorAll("a[href]")].filter((a) => {
    const url = new URL(a.href, location.href);
    return url.pathname === location.pathname && url.hash.length > 1 && !a.classList.contains("headerlink")
      && !a.closest(".md-sidebar--secondary, .md-skip, .md-search, .md-footer")
      && (a.closest("article") || a.closest(".md-sidebar--primary"));
  });
  links.forEach((a, n) => a.setAttribute("data-test-link", String(n)));
  return links.length;
}"""


@pytest.fixture
def context(browser):
    """A phone: 390 x 844, touch, device scale 3 (overrides conftest's desktop-sized context)."""
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def edits(calc) -> list[tuple[str, str, Any]]:
    """Changes a reader makes: (control name, kind, value), each to a value other than the
    default that keeps the inputs valid and, together, changes the result's band."""
    base = calc.run({})
    fields = [(f.name, f) for f in calc.fields if f.type != "list" and not f.shown_if]
    for f in calc.fields:
        if f.type == "list":
            fields = [(f"{f.name}.0.{s.name}", s) for s in f.items if not s.shown_if]
    chosen: list[tuple[str, str, Any]] = []
    inputs: dict[str, Any] = {}
    for name, f in fields:
        if f.type == "choice":
            options = [c.value for c in f.choices if c.value != f.default]
        elif f.type == "boolean" and not f.nullable:
            options = [not f.default]
        elif f.type in ("number", "integer") and f.minimum is not None and f.maximum is not None:
            options = [v for v in (f.maximum, f.minimum) if v != f.default]
        else:
            continue
        for value in options:
            trial = dict(inputs, **{name: value})
            try:
                calc.run(unflatten(calc, trial))
            except calculators.ValidationError:
                continue
            inputs = trial
            kind = "check" if f.type == "boolean" else "select" if f.type == "choice" else "fill"
            chosen.append((name, kind, value))
            break
        if len(chosen) >= 3 and calc.run(unflatten(calc, inputs))["band"] != base["band"]:
            break
    assert chosen
    return chosen


def unflatten(calc, flat: dict[str, Any]) -> dict[str, Any]:
    """Inputs from {name: value} where a list item's field is "list.0.field"."""
    out: dict[str, Any] = {}
    for name, value in flat.items():
        top, _, rest = name.partition(".")
        if rest:
            index, _, sub = rest.partition(".")
            items = out.setdefault(top, [dict(item) for item in calc.field(top).default])
            items[int(index)][sub] = value
        else:
            out[name] = value
    return out


def make_edits(page, calc) -> dict[str, Any]:
    for name, kind, value in edits(calc):
        control = page.locator(f'[name="{name}"]')
        control.scroll_into_view_if_needed()
        if kind == "check":
            control.set_checked(bool(value))
        elif kind == "select":
            control.select_option(str(value))
        else:
            control.fill(str(int(value) if float(value).is_integer() else value))
    return {name: value for name, _, value in edits(calc)}


def open_fresh(page, site, slug: str) -> None:
    page.goto(site.page_url(f"calculators/{slug}/"))
    page.wait_for_selector(f'{result_selector(slug)}[data-calc-state="ready"][data-calc-band]', timeout=BOOT_TIMEOUT_MS)
    page.wait_for_function("() => window.document$ !== undefined", timeout=30000)  # the theme's instant navigation


def settled(page, slug: str) -> dict[str, Any]:
    """The page's state once the address holds the form's inputs and the result shown is the one
    for them (the printed line under it ends with the link to the inputs it was computed for).
    After Back from another page the theme swaps the page's content in (instant navigation), so
    the result may be missing for a moment while this waits."""
    page.wait_for_function("""(slug) => { const r = document.querySelector(`[data-calc-result="${slug}"]`);
      if (!r) return false;
      const meta = r.querySelector(".calc-print-meta");
      const query = new URLSearchParams(location.search);
      return r.getAttribute("data-calc-state") === "ready" && r.hasAttribute("data-calc-band")
        && query.has("v") && meta.textContent.endsWith(" " + location.href)
        && [...document.querySelectorAll("form[data-calc-form] :is(input, select)[name]")].every((c) =>
          query.get(c.name) === (c.type === "checkbox" ? String(c.checked) : c.value)); }""",
                           arg=slug, timeout=30000)
    return page.evaluate(STATE, slug)


def edited(page, site, slug: str) -> tuple[Any, dict[str, Any]]:
    """A fresh calculator page with the reader's edits made: the calculator and the page's state."""
    calc = calculators.get(slug)
    open_fresh(page, site, slug)
    make_edits(page, calc)
    return calc, settled(page, slug)


def tap_link(page, n: int) -> None:
    """Tap in-page link n as a reader would: in the drawer (opening it, and its table of contents
    if folded) or on the page."""
    link = page.locator(f'[data-test-link="{n}"]')
    if link.evaluate("a => a.closest('.md-sidebar--primary') !== null"):
        if not page.evaluate("document.getElementById('__drawer').checked"):
            page.locator('label.md-header__button[for="__drawer"]').tap()
        if link.evaluate("a => a.closest('.md-nav--secondary') !== null") \
                and not page.evaluate("document.getElementById('__toc').checked"):
            page.locator('.md-sidebar--primary label.md-nav__link[for="__toc"]').first.tap()  # the page's contents
        page.wait_for_function("""(n) => { const r = document.querySelector(`[data-test-link="${n}"]`).getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= innerWidth; }""", arg=n)
    else:
        link.scroll_into_view_if_needed()
    link.tap()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_in_page_link_and_back_keep_the_inputs_and_the_result(page, site, slug):
    calc, state = edited(page, site, slug)
    assert state["band"], state
    path = urlsplit(page.url).path
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if urlsplit(r.url).path == path else None)
    page.evaluate("window.__marker = 1")
    count = page.evaluate(MARK_IN_PAGE_LINKS)
    hashes = page.evaluate("() => [...document.querySelectorAll('[data-test-link]')].map((a) => new URL(a.href).hash)")
    assert count >= 5 and "#result" in hashes, hashes  # the summary's link and the table of contents at least
    for n in range(count):
        tap_link(page, n)
        page.wait_for_function("(h) => location.hash === h", arg=hashes[n], timeout=10000)
        now = page.evaluate(STATE, slug)
        assert now == state, f"after {hashes[n]}"
        assert page.evaluate("window.__marker") == 1 and not fetched, f"{hashes[n]} loaded the page again"
        drawer = page.evaluate("document.getElementById('__drawer').checked")
        assert not drawer, "the drawer closes on a link"
    for _ in range(count):
        page.go_back(wait_until="commit")
        page.wait_for_function("(q) => location.search === q", arg=state["query"], timeout=10000)
        assert page.evaluate(STATE, slug) == state
        assert page.evaluate("window.__marker") == 1 and not fetched, "Back loaded the page again"
    assert "#" not in page.url, "Back returned to where the reader was"


def follow_why(page, slug: str) -> str:
    """Tap the result's first "Why?" link (to a guide page); the calculator page's title."""
    title = page.locator("article h1").first.text_content()
    page.evaluate("window.__marker = 1")
    why = page.locator(f"{result_selector(slug)} .calc-factors a").first
    why.scroll_into_view_if_needed()
    why.tap()
    return title


@pytest.mark.parametrize("slug", SLUGS)
def test_leaving_for_a_guide_and_back_finds_the_inputs(page, site, slug):
    calc, state = edited(page, site, slug)
    path = urlsplit(page.url).path
    title = follow_why(page, slug)
    page.wait_for_function("(p) => location.pathname !== p", arg=path)
    page.wait_for_function("(t) => document.querySelector('article h1').textContent !== t", arg=title)  # the guide shown
    page.go_back()
    page.wait_for_selector(f'{result_selector(slug)}[data-calc-band="{state["band"]}"]', timeout=30000)
    assert settled(page, slug) == state
    assert page.evaluate("window.__marker") == 1, "the theme's instant navigation was on"


@pytest.mark.parametrize("slug", ["instructor-offer", "offer-comparison"])
def test_back_before_the_guide_arrives_keeps_the_calculator(page, site, slug):
    """On a slow link a reader taps "Why?" and goes Back before the guide has arrived: the
    calculator stays, with its inputs and result, and the guide, arriving late, never takes its
    place under the calculator's address."""
    calc, state = edited(page, site, slug)
    path = urlsplit(page.url).path
    held = []
    page.route(lambda url: urlsplit(url).path.endswith("/") and urlsplit(url).path != path,
               lambda route: held.append(route))
    title = follow_why(page, slug)
    page.wait_for_function("(p) => location.pathname !== p", arg=path)  # the theme has the guide's address up
    for _ in range(100):  # each call to the page lets Playwright hand the held request over
        if held:
            break
        page.evaluate("0")
    assert held, "the guide was not requested"
    page.evaluate("document.querySelector('article').setAttribute('data-test-before-back', '')")
    page.go_back(wait_until="commit")
    page.wait_for_function("(p) => location.pathname === p", arg=path)
    guide = held[0].request.url
    with page.expect_response(lambda r: r.url == guide):
        held[0].continue_()  # the guide arrives, late
    # The theme takes that Back: it drops the guide's fetch and shows the calculator page again
    # from its address (which holds the inputs); until then the page before Back is still shown.
    page.wait_for_selector("article[data-test-before-back]", state="detached", timeout=30000)
    assert settled(page, slug) == state
    assert page.locator("article h1").first.text_content() == title
    assert urlsplit(page.url).path == path


@pytest.mark.parametrize("slug", SLUGS)
def test_the_calculators_link_again_in_the_same_tab_finds_the_inputs(page, site, slug):
    """Back on the calculator by its link (no inputs in that link), in the same tab: the tab kept
    the inputs (session storage), and the page says so."""
    calc, state = edited(page, site, slug)
    guide = calc.sections[0][1].split("#")[0]
    page.goto(site.page_url(guide))  # a full page load: nothing of the calculator page is in memory
    link = page.locator(f".md-content a[href$='calculators/{slug}/']")
    if link.count():
        link.first.scroll_into_view_if_needed()
        link.first.tap()
    else:  # the guide names no calculator box: the drawer's link to it
        page.locator(f".md-nav a[href$='calculators/{slug}/']").first.evaluate("a => a.click()")
    page.wait_for_function(f"() => location.pathname.endsWith('calculators/{slug}/')")
    page.wait_for_selector(f'{result_selector(slug)}[data-calc-band="{state["band"]}"]', timeout=BOOT_TIMEOUT_MS)
    assert settled(page, slug) == state
    assert "earlier in this tab" in page.locator(".calc-form-note").inner_text()


KEPT = "(slug) => sessionStorage.getItem(`calc-inputs:${slug}`)"


def test_reset_is_undone_in_one_tap(page, site):
    slug = "offer-comparison"
    calc = calculators.get(slug)
    inputs = calc.validate(dict(calc.example("a-vs-b").inputs))
    page.goto(site.page_url(f"calculators/{slug}/") + "?" + encode(calc, inputs))
    settled(page, slug)
    assert page.evaluate(KEPT, slug) is None, "a link only opened is not kept in the tab"
    page.locator('[data-calc-item] summary').first.tap()
    page.fill('[name="offers.0.label"]', "Big name")  # the reader types: the tab keeps the inputs
    inputs["offers"][0]["label"] = "Big name"
    state = settled(page, slug)
    assert page.evaluate(KEPT, slug) == state["query"][1:]
    reset = page.locator("[data-calc-action=reset]")
    copy = page.locator("[data-calc-action=copy-link]")
    gap = reset.evaluate("(r, c) => Math.abs(c.getBoundingClientRect().top - r.getBoundingClientRect().top)",
                         copy.element_handle())
    assert gap > 400, "Reset stands apart from the buttons that copy"
    assert reset.bounding_box()["height"] >= 44
    reset.tap()
    page.wait_for_function("(q) => location.search !== q", arg=state["query"])
    default = calc.run({})
    page.wait_for_selector(f'{result_selector(slug)}[data-calc-band="{default["band"]}"]')
    page.wait_for_function(f"() => ({KEPT})('{slug}') === null")  # Reset forgets the tab's copy
    undo = page.locator("[data-calc-action=undo]")
    assert undo.is_visible() and undo.bounding_box()["height"] >= 44
    undo.tap()
    assert settled(page, slug) == state
    page.wait_for_function(f"(q) => ({KEPT})('{slug}') === q", arg=state["query"][1:])
    assert dict(parse_qsl(urlsplit(page.url).query)) == dict(parse_qsl(encode(calc, inputs)))
    assert page.evaluate("document.activeElement.dataset.calcAction") == "reset", "the focus stays in the form"


@pytest.mark.parametrize("slug", ["offer-comparison", "education-readiness"])
def test_a_worked_example_opens_in_place_and_undo_brings_the_readers_inputs_back(page, site, slug):
    calc, mine = edited(page, site, slug)
    page.evaluate("window.__marker = 1")
    example = calc.examples[-1]
    expected = calc.run(dict(example.inputs))
    section = page.locator(f"#example-{example.name}")
    toggle = page.locator("h2:has(+ .calc-fold #example-" + example.name + ") .calc-fold-toggle")
    if toggle.count() and toggle.get_attribute("aria-expanded") == "false":
        toggle.tap()  # the worked examples are folded on a phone
    link = page.locator(f"[data-calc-example='{example.name}'] a[href*='?']")
    link.scroll_into_view_if_needed()
    assert section.is_visible()
    link.tap()
    opened = settled(page, slug)
    assert opened["band"] == expected["band"] and dict(parse_qsl(opened["query"][1:])) == \
        dict(parse_qsl(encode(calc, expected["inputs"])))
    assert page.evaluate("window.__marker") == 1, "opened in place, not loaded again"
    assert "example" in page.locator(".calc-form-note").inner_text()
    page.locator("[data-calc-action=undo]").tap()
    assert settled(page, slug) == mine
