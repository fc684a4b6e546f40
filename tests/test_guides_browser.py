"""Guide pages in headless Chromium: permalinks, search, diagrams, checklist, accessibility."""
from __future__ import annotations

import re

import pytest

import boot_files
from calculators.questions import QUESTIONS
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def sitemap_paths(site) -> list[str]:
    xml = (site.dir / "sitemap.xml").read_text()
    return [re.sub(r"^https?://[^/]+/", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", xml)]


IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= -2 && r.top < window.innerHeight; }"""


# A page as its reader ends up with it: the theme has run, every calculator has its result and
# no transition is running.
SETTLED = """() => window.document$ !== undefined
  && [...document.querySelectorAll("[data-calc-result]")].every((e) => e.dataset.calcState === "ready")
  && document.getAnimations().length === 0"""


def in_view(page, selector: str) -> bool:
    return page.evaluate(IN_VIEW, selector)


def test_permalink_lands_on_its_section_on_a_full_load(page, site):
    page.goto(site.page_url("titles-and-tracks/instructor-offers/#red-flag"))
    page.wait_for_load_state("networkidle")
    assert in_view(page, "#red-flag")
    assert page.locator("#red-flag a.headerlink").count() == 1


def test_permalink_lands_on_its_section_after_instant_navigation(page, site):
    page.goto(site.page_url("calculators/instructor-offer/"))
    page.wait_for_load_state("networkidle")
    # a calculator page runs the theme (and its instant navigation) once Python has answered;
    # a link followed before then is an ordinary page load
    page.wait_for_function("() => window.document$ !== undefined", timeout=30000)
    page.evaluate("window.__marker = 1")
    link = page.locator(".md-content a[href$='instructor-offers/#red-flag']").first
    # The theme saves the scroll offset into the history entry 100 ms after a scroll; a click
    # inside that window lets the old offset land on the new entry, which then wins over the
    # anchor. A reader scrolls, reads, then taps; the test does the same, rather than letting
    # the click's own scroll-into-view race the theme.
    link.scroll_into_view_if_needed()
    page.wait_for_function("() => history.state !== null && history.state.y === Math.round(scrollY)", timeout=10000)
    link.click()
    page.wait_for_url(re.compile(r"instructor-offers/#red-flag$"))
    page.wait_for_selector("#red-flag")
    page.wait_for_function(f"() => ({IN_VIEW})('#red-flag')", timeout=5000)  # the theme scrolls to it
    assert page.evaluate("window.__marker") == 1, "expected an instant (in-page) navigation"


def test_section_link_control_is_visible_and_copies_the_url(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page.goto(site.page_url("titles-and-tracks/instructor-offers/"))
    link = page.locator("#green-flag a.headerlink")
    assert link.is_visible()
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) > 0.3
    link.click()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/titles-and-tracks/instructor-offers/#green-flag")


@pytest.mark.parametrize("term, expected_path", [
    ("bridge", "titles-and-tracks/"),
    ("clinician-educator", ""),
    ("MedEdPORTAL", "education-tracks/"),
    ("cosmetic", "education-tracks/real-or-cosmetic/"),
    ("tenure", "titles-and-tracks/tracks/"),
])
def test_search_finds_a_term_from_each_major_section(page, site, term, expected_path):
    page.goto(site.page_url(""))
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(term, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert any(expected_path in h for h in hrefs), hrefs[:10]


@pytest.mark.parametrize("python", ["loads", "never loads"])
def test_search_works_on_a_calculator_page_while_python_loads(page, site, python):
    """Calculator pages build the search index after Python's start-up; a reader who searches
    first, or whose Python never loads, still gets results."""
    if python == "never loads":
        boot_files.route_every_copy(page, site, "wasm", lambda route: None)  # never answered
    page.goto(site.page_url("calculators/instructor-offer/"))
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("tenure", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert any("titles-and-tracks/tracks/" in h for h in hrefs), hrefs[:10]


def test_flowcharts_render_without_scripts_from_elsewhere(page, site):
    for path, figure in (("titles-and-tracks/decision-flow/", "#flow-early-career-decision"),
                         ("education-tracks/making-it-work/", "#flow-ce-promotion-pathway")):
        page.goto(site.page_url(path))
        page.wait_for_load_state("networkidle")
        fig = page.locator(figure)
        assert fig.is_visible()
        boxes = fig.locator(".flow-box").count()
        assert boxes >= 8
        assert fig.locator(".flow-box").first.bounding_box()["width"] > 40
    assert not [u for u in page.traffic.requests if "mermaid" in u]


def test_checklist_copies_the_questions_as_text(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page.goto(site.page_url("titles-and-tracks/questions/"))
    page.locator(f"#{QUESTIONS[0].anchor} .calc-checklist-question").click()
    page.click("[data-calc-action=copy-checklist]")
    page.wait_for_selector(".calc-checklist-note:has-text('Copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    for n, q in enumerate(QUESTIONS, 1):
        assert f"{n}. {q.ask}" in text
    assert f"[x] 1. {QUESTIONS[0].ask}" in text and f"[ ] 2. {QUESTIONS[1].ask}" in text


def test_charts_show_their_values_as_text(page, site):
    page.goto(site.page_url("education-tracks/weighing-contributions/"))
    chart = page.locator("#chart-education-activity-value")
    text = chart.inner_text()
    for value in ("95", "80", "70", "60", "40", "30"):
        assert value in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_guide_pages_have_no_axe_violations(browser, site, scheme):
    context = browser.new_context(color_scheme=scheme)  # Material follows the reader's preference
    page = context.new_page()
    axe = AXE.read_text()
    problems = {}
    for path in sitemap_paths(site):
        page.goto(site.page_url(path))
        page.wait_for_load_state("load")
        # the page as the reader ends up with it: on a calculator page the theme's bundle runs
        # after Python's first answer and changes the DOM, which axe must not see half-way;
        # every result shown and no colour still in transition
        page.wait_for_function(SETTLED, timeout=30000)
        page.evaluate(axe + "\n;0")
        found = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
        }""")
        if found:
            problems[path or "/"] = found
    context.close()
    assert problems == {}


def test_pages_have_link_preview_metadata(site):
    for path in sitemap_paths(site):
        html = (site.dir / path / "index.html").read_text()
        assert re.search(r'<meta name="description" content="[^"]{20,}"', html), path
        assert 'property="og:title"' in html and 'property="og:description"' in html, path


@pytest.mark.parametrize("scripts", [True, False], ids=["with scripts", "without scripts"])
def test_wide_tables_read_as_stacked_cards_on_a_phone(browser, site, scripts):
    """On a 390 px screen each row of a three-column table is a card: its cells stacked at the
    card's full width, each under its column's heading; nothing scrolls sideways. A wide
    screen keeps the table."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=scripts)
    page = context.new_page()
    page.goto(site.page_url("titles-and-tracks/instructor/#common-uses"))
    page.wait_for_load_state("load")
    table = page.locator("table[data-cards]").first  # the four uses of the title
    headings = table.locator("thead th").all_text_contents()
    assert len(headings) == 3 and table.locator("thead").bounding_box()["height"] <= 1  # kept for screen readers
    row = table.locator("tbody tr").first
    row_box = row.bounding_box()
    cells = row.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(3)]
    assert all(abs(b["width"] - row_box["width"]) < 4 for b in boxes)  # stacked, full width
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    labels = [cells.nth(i).evaluate("td => getComputedStyle(td, '::before').content") for i in range(1, 3)]
    assert labels == [f'"{h}"' for h in headings[1:]]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    boxes = [cells.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2
    context.close()
