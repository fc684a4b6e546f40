"""The instructor-offer page in headless Chromium: form, shared links, errors, privacy, failure."""
from __future__ import annotations

import re

import pytest

import boot_files
import calculators
from calc_pages import (assert_controls_hold, assert_form_matches_spec, error_slot,
                        open_calc as open_page, assert_field_message, assert_reader_words, with_config)
from macros.forms import allowed_words, error_id
from calculators.urlstate import encode

pytestmark = pytest.mark.browser

SLUG = "instructor-offer"
CALC = calculators.get(SLUG)
PATH = f"calculators/{SLUG}/"
RESULT = f'[data-calc-result="{SLUG}"]'


def open_calc(page, site, query: str = ""):
    return open_page(page, site, SLUG, query)


def test_form_is_rendered_from_the_spec(page, site):
    page.goto(site.page_url(PATH))
    assert_form_matches_spec(page, CALC.fields)
    # the text of the page is there before Python answers
    assert "When to use it" in page.inner_text("article")


@pytest.mark.parametrize("inputs", [dict(e.inputs) for e in CALC.examples] + [
    {"institution_type": "community_affiliate", "clinical_fte": 0.6, "protected_fte": 0.4,
     "protected_in_contract": True, "written_criteria": True, "review_years": 2, "promoted_examples": 4,
     "surgical_subspecialty": True, "years_count_toward_rank": False, "track": "research"},
], ids=[e.name for e in CALC.examples] + ["community"])
def test_shared_link_restores_inputs_and_shows_the_cli_band(page, site, inputs):
    expected = calculators.run(SLUG, inputs)
    result = open_calc(page, site, encode(CALC, expected["inputs"]))
    assert result.get_attribute("data-calc-band") == expected["band"]
    assert expected["band_label"] in result.inner_text()
    # the chance reads as rough, with the article's three figures beside it
    assert expected["promotion_chance"] in result.inner_text()
    assert expected["likelihood_anchors"] in result.inner_text()
    assert_controls_hold(page, CALC.fields, expected["inputs"])
    # every factor links to its guide section on this site
    hrefs = result.locator(".calc-factors a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(site.url) and "#" in h for h in hrefs)


def test_changing_the_form_updates_result_and_url(page, site):
    red = calculators.run(SLUG, dict(CALC.example("red").inputs))
    result = open_calc(page, site, encode(CALC, red["inputs"]))
    assert result.get_attribute("data-calc-band") == "red"
    page.select_option('[name="track"]', "clinician_educator")
    page.fill('[name="clinical_fte"]', "0.9")
    page.fill('[name="protected_fte"]', "0.1")
    page.wait_for_function("() => new URLSearchParams(location.search).get('clinical_fte') === '0.9'")
    expected = calculators.run(SLUG, red["inputs"] | {"track": "clinician_educator", "clinical_fte": 0.9,
                                                      "protected_fte": 0.1})
    page.wait_for_selector(f'{RESULT}[data-calc-band="{expected["band"]}"]')
    assert re.search(r"track=clinician_educator", page.url)


def test_bad_input_shows_a_message_at_the_field(page, site):
    """Python sends the error as data; the page words it, led by the field's label."""
    open_calc(page, site)
    page.fill('[name="clinical_fte"]', "1.5")
    field = page.locator('[name="clinical_fte"]')
    page.wait_for_selector('[name="clinical_fte"][aria-invalid="true"]')
    error = error_slot(page, "clinical_fte")
    assert error.is_visible()
    assert_field_message(page, CALC, CALC.defaults() | {"clinical_fte": 1.5}, "clinical_fte",
                         allowed_words(CALC.field("clinical_fte")))
    assert error_id("clinical_fte") in field.get_attribute("aria-describedby")
    assert page.locator(RESULT).get_attribute("data-calc-band") is None
    page.fill('[name="clinical_fte"]', "0.8")
    page.wait_for_selector(f"{RESULT}[data-calc-band]")
    assert field.get_attribute("aria-invalid") is None and not error.is_visible()


def test_sum_over_one_is_reported_at_protected_time(page, site):
    open_calc(page, site)
    page.fill('[name="clinical_fte"]', "0.9")
    page.fill('[name="protected_fte"]', "0.3")
    page.wait_for_selector('[name="protected_fte"][aria-invalid="true"]')
    inputs = CALC.defaults() | {"clinical_fte": 0.9, "protected_fte": 0.3}
    text = assert_field_message(page, CALC, inputs, "protected_fte")
    assert "clinical" in text.lower() and "protected" in text.lower(), "it names both, as the reader sees them"


def test_hostile_link_is_applied_in_part_with_a_notice(page, site):
    result = open_calc(page, site, "track=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&clinical_fte=1&color=red")
    notices = page.locator(".calc-notices")
    assert notices.is_visible() and "color" in notices.inner_text()
    assert f"\u201c{CALC.field('track').label}\u201d" in notices.inner_text(), "the field is named as the form names it"
    assert_reader_words(notices.inner_text().replace("color", ""), CALC)
    assert page.locator(".calc-notices img, .calc-result img").count() == 0
    assert page.locator('[name="clinical_fte"]').input_value() == "1"
    assert result.get_attribute("data-calc-band") in CALC.bands


def test_copy_link_copies_the_shareable_url(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    open_calc(page, site)
    page.fill('[name="promoted_examples"]', "4")
    page.wait_for_function("() => location.search.includes('promoted_examples=4')")
    page.click("[data-calc-action=copy-link]")
    page.wait_for_selector(".calc-note:has-text('Link copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url and "promoted_examples=4" in copied


def test_guide_page_loads_no_runtime(page, site):
    page.goto(site.page_url("titles-and-tracks/instructor-offers/"))
    page.wait_for_load_state("networkidle")
    loaded = page.traffic.requests
    assert not [u for u in loaded if "/pyodide/" in u or "/calc/start." in u or "/calc/worker." in u]


def test_works_after_instant_navigation(page, site):
    page.goto(site.page_url("titles-and-tracks/instructor-offers/"))
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__marker = 1")
    page.locator(".md-content a[href$='calculators/instructor-offer/']").first.click()
    page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=60000)
    assert page.evaluate("window.__marker") == 1, "navigation was a full page load"


BUNDLE_TIMES = """() => ({
  band: window.__bandAt,
  bundle: performance.getEntriesByType("resource").filter((e) => /bundle\\.[0-9a-f]+\\.min\\.js/.test(e.name))
    .map((e) => e.startTime)[0] ?? null,
})"""


def test_the_theme_bundle_runs_after_the_first_answer_and_then_works(page, site):
    """The theme's bundle is not even fetched before the first result is shown; afterwards the
    theme's behavior is all there: instant navigation to a guide page, where site.js's section
    links are set up as on any page load."""
    page.add_init_script("""new MutationObserver((m, o) => { if (document.querySelector("[data-calc-band]")) {
      window.__bandAt = performance.now(); o.disconnect(); } }).observe(document, {subtree: true, attributes: true});""")
    open_calc(page, site)
    page.wait_for_function("() => window.document$ !== undefined", timeout=10000)
    times = page.evaluate(BUNDLE_TIMES)
    assert times["bundle"] is not None and times["bundle"] >= times["band"], times
    page.evaluate("window.__marker = 1")
    page.locator(".md-content a[href$='instructor-offers/#red-flag']").first.click()
    page.wait_for_selector("#red-flag a.headerlink[data-calc-ready]", state="attached", timeout=10000)
    assert page.evaluate("window.__marker") == 1, "navigation was a full page load"


def test_one_python_worker_serves_every_calculator_of_a_visit(page, site):
    """The page starts the worker while it is parsed and the runner takes that one over; moving
    on to another calculator page by instant navigation starts no second one."""
    open_calc(page, site)
    page.wait_for_function("() => window.document$ !== undefined", timeout=10000)
    page.evaluate("window.__marker = 1")
    page.locator(".md-footer__link--next[href$='offer-comparison/']").click()
    page.wait_for_selector('[data-calc-result="offer-comparison"][data-calc-band]', timeout=30000)
    assert page.evaluate("window.__marker") == 1, "navigation was a full page load"
    # each Python worker is marked as it is started (the later warm-up worker, site.js, is not one)
    assert page.evaluate("performance.getEntriesByName('calc:worker-start').length") == 1


@pytest.mark.parametrize("trigger", ["a key press", "a failed start"])
def test_the_theme_bundle_does_not_wait_for_a_python_that_never_answers(page, site, trigger):
    """A reader who presses a key, or a calculator that cannot start, gets the theme at once
    (well before the 8-second fallback)."""
    if trigger == "a key press":
        boot_files.route_every_copy(page, site, "wasm", lambda route: None)  # never answered
    else:
        with_config(page, limits={"boot_stall_ms": 2000})
        boot_files.route_every_copy(page, site, "wasm", lambda route: route.abort())
    page.goto(site.page_url(PATH))
    page.wait_for_load_state("load")
    assert page.evaluate("window.document$ === undefined")
    if trigger == "a key press":
        page.keyboard.press("Tab")
    else:
        page.wait_for_selector(f'{RESULT}[data-calc-state="error"]', timeout=15000)
    page.wait_for_function("() => window.document$ !== undefined", timeout=3000)


def test_runtime_failure_is_reported_within_the_time_limit(page, site):
    with_config(page, limits={"boot_stall_ms": 4000})
    boot_files.route_every_copy(page, site, "wasm", lambda route: route.abort())
    page.goto(site.page_url(PATH) + "?clinical_fte=0.8")
    page.wait_for_selector(f'{RESULT}[data-calc-state="error"]', timeout=15000)
    assert page.locator(".calc-fallback").is_visible()
    assert page.get_attribute(RESULT, "data-calc-failure") == "boot-stalled"  # web/page/failures.js words it
    assert page.locator('[name="clinical_fte"]').input_value() == "0.8"


def test_an_edit_just_before_leaving_is_kept_for_back_and_left_off_the_next_page(page, site):
    """The address bar follows a moment after the last edit; a link followed within that moment
    writes it first: the next page's address is left alone (instant navigation), and Back finds
    the edit in the calculator's address and form."""
    open_calc(page, site)
    page.wait_for_function("() => window.document$ !== undefined", timeout=10000)  # the theme's navigation
    page.evaluate("window.__marker = 1")
    page.fill('[name="promoted_examples"]', "3")
    page.locator(".md-content a[href$='instructor-offers/#red-flag']").first.click()
    page.wait_for_url(re.compile(r"instructor-offers/#red-flag$"))
    assert page.evaluate("window.__marker") == 1, "navigation was a full page load"
    assert "?" not in page.url
    page.go_back()
    page.wait_for_function("() => document.querySelector('[name=promoted_examples]')?.value === '3'", timeout=30000)
    assert "promoted_examples=3" in page.url
    page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=30000)
