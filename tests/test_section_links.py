"""Section links made for thumbs (issue 23, item 2), in Chromium on a phone (390 x 844, touch):
every linkable heading shows a link control with a 44 x 44 px target; a tap copies the section's
address (or hands it to the share sheet where the browser has one), leaves the heading where it
is, clear of the sticky header, says so in view and leaves no tooltip behind; the home page says
what readers see. A computer keeps its hover pilcrow (test_guides_browser.py). Firefox ESR and
WebKit: test_engines_phone.py."""
from __future__ import annotations

import pytest

from calc_pages import BOOT_TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
HEADER_PX = 48
GUIDE = "titles-and-tracks/instructor-offers/"
SECTION = "green-flag"

BOX = "(e) => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }"
# A tooltip of the theme's, shown (it appends them to the body, active ones marked so).
TOOLTIPS = "() => [...document.querySelectorAll('.md-tooltip2--active, [role=tooltip]')].filter((t) => t.getClientRects().length).length"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def open_settled(page, site, path: str) -> None:
    page.goto(site.page_url(path))
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => window.document$ !== undefined && document.querySelector('a.headerlink[data-calc-ready]')")


def test_every_heading_shows_a_link_control_of_44_px_on_a_phone(page, site):
    for path in (GUIDE, "", "calculators/instructor-offer/"):
        open_settled(page, site, path)
        controls = page.locator(".md-content a.headerlink")
        assert controls.count() >= 3
        for n in range(controls.count()):
            box = controls.nth(n).evaluate(BOX)
            assert box["width"] >= 44 and box["height"] >= 44, (path, n, box)
            assert controls.nth(n).evaluate("e => getComputedStyle(e).opacity") == "1"
        # the page title's control says what it does; each control has a name for screen readers
        assert "Copy link" in page.locator(".md-content h1 > a.headerlink").evaluate(
            "e => getComputedStyle(e, '::after').content")
        assert controls.first.get_attribute("aria-label").startswith("Copy link to the section")


def test_a_tap_copies_the_sections_address_and_the_heading_stays_in_view(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    open_settled(page, site, GUIDE)
    heading = page.locator(f"#{SECTION}")
    heading.evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 300)")
    page.wait_for_function(f"() => Math.abs(document.getElementById('{SECTION}').getBoundingClientRect().top - 300) < 2")
    before = heading.evaluate(BOX)
    control = heading.locator("a.headerlink")
    control.tap()
    note = heading.locator(".calc-link-said")
    note.wait_for(state="visible")
    assert note.inner_text() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == site.page_url(GUIDE) + f"#{SECTION}"
    after = heading.evaluate(BOX)
    assert after["top"] == before["top"], "the heading stayed where it was"
    assert after["top"] >= HEADER_PX, "clear of the sticky header"
    said = note.evaluate(BOX)
    assert HEADER_PX <= said["top"] and said["bottom"] <= PHONE["height"], "the confirmation is in view"
    assert page.evaluate(TOOLTIPS) == 0, "no tooltip over the text"
    note.wait_for(state="detached", timeout=10000)  # it goes by itself...
    assert page.evaluate(TOOLTIPS) == 0  # ...and leaves nothing behind
    assert page.locator("p[role=status].visually-hidden").inner_text() == "Link copied"


def test_a_tap_uses_the_share_sheet_where_the_browser_has_one(page, site):
    page.add_init_script("""navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };""")
    open_settled(page, site, GUIDE)
    page.locator(f"#{SECTION} a.headerlink").tap()
    page.locator(f"#{SECTION} .calc-link-said").wait_for(state="visible")
    shared = page.evaluate("window.__shared")
    assert shared["url"] == site.page_url(GUIDE) + f"#{SECTION}"
    assert shared["title"].startswith("Green")
    assert page.locator(f"#{SECTION} .calc-link-said").inner_text() == "Link shared"


def test_a_section_link_on_a_calculator_page_carries_no_inputs_and_keeps_them(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    slug = "instructor-offer"
    page.goto(site.page_url(f"calculators/{slug}/") + "?clinical_fte=0.6")
    page.wait_for_selector(f'[data-calc-result="{slug}"][data-calc-band]', timeout=BOOT_TIMEOUT_MS)
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.__marker = 1")
    control = page.locator("#result a.headerlink")
    control.scroll_into_view_if_needed()
    control.tap()
    page.locator("#result .calc-link-said").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == site.page_url(f"calculators/{slug}/") + "#result"
    assert "clinical_fte=0.6" in page.url and page.evaluate("window.__marker") == 1
    assert page.locator('[name="clinical_fte"]').input_value() == "0.6"


def test_the_home_page_says_what_readers_see(page, site):
    open_settled(page, site, "")
    text = page.locator(".md-content").inner_text()
    assert "link icon" in text, "the home page names the control readers see on a phone"
    icon = page.locator(".md-content h1 > a.headerlink").evaluate("e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage")
    assert icon.startswith("url("), icon
