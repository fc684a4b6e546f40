"""The offer-comparison page in headless Chromium: list form, shared links, field errors, email text, print."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import calculators
from calc_pages import assert_prints_result_then_inputs, assert_controls_hold, assert_form_matches_spec, error_slot, open_calc as open_page, assert_field_message
from macros.forms import error_id
from calculators import offer_comparison as oc
from calculators.urlstate import encode

pytestmark = pytest.mark.browser

SLUG = "offer-comparison"
CALC = calculators.get(SLUG)
PATH = f"calculators/{SLUG}/"
RESULT = f'[data-calc-result="{SLUG}"]'


def open_calc(page, site, inputs=None):
    return open_page(page, site, SLUG, "" if inputs is None else encode(CALC, CALC.validate(inputs)))


def offers_shown(page) -> int:
    return page.locator('[data-calc-list="offers"] .calc-items > [data-calc-item]').count()


def open_offer(page, n: int) -> None:
    """Open offer n's card (a shared link shows the offers collapsed), as a reader taps it."""
    card = page.locator('[data-calc-list="offers"] .calc-items > [data-calc-item]').nth(n)
    if card.get_attribute("open") is None:
        card.locator("summary").click()


def test_form_has_two_offers_built_from_the_spec(page, site):
    page.goto(site.page_url(PATH))
    assert offers_shown(page) == 2
    for n in range(2):
        assert_form_matches_spec(page, oc.OFFER_FIELDS, prefix=f"offers.{n}.")
    assert page.locator("[data-calc-action=remove-item]").first.is_disabled(), "two offers is the minimum"


def test_add_and_remove_offers_up_to_five(page, site):
    open_calc(page, site)
    add = page.locator('[data-calc-action=add-item][data-calc-target=offers]')
    for _ in range(3):
        add.click()
    assert offers_shown(page) == 5 and add.is_disabled()
    page.wait_for_function("() => new URLSearchParams(location.search).has('offers.4.rank')")
    page.wait_for_function(f"() => document.querySelectorAll('{RESULT} .calc-ranking tr').length === 6")
    legends = page.locator('[data-calc-list="offers"] legend').all_text_contents()
    assert legends == ["Offers"] + [f"Offer {n}" for n in range(1, 6)], legends
    open_offer(page, 1)
    page.locator("[data-calc-action=remove-item]").nth(1).click()
    assert offers_shown(page) == 4 and not add.is_disabled()
    assert page.locator("[data-calc-item] legend").all_text_contents() == [f"Offer {n}" for n in range(1, 5)]
    # the remaining offers were renumbered: names and ids stay consistent with the URL
    assert page.locator('[name="offers.3.label"]').count() == 1 and page.locator('[name="offers.4.label"]').count() == 0
    page.wait_for_function("() => !new URLSearchParams(location.search).has('offers.4.rank')")


def test_shared_link_restores_every_offer(page, site):
    inputs = dict(CALC.example("tenure-fantasy").inputs)
    expected = calculators.run(SLUG, inputs)
    result = open_calc(page, site, inputs)
    for n, offer in enumerate(expected["inputs"]["offers"]):
        assert_controls_hold(page, oc.OFFER_FIELDS, offer, prefix=f"offers.{n}.")
    assert result.get_attribute("data-calc-band") == expected["band"]
    table = result.locator(".calc-ranking").inner_text()
    assert "Salary" in table and "260,000" in table
    hrefs = result.locator(".calc-factors a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(site.url) and "#" in h for h in hrefs)


def test_editing_an_offer_reranks_and_rewrites_the_link(page, site):
    a_vs_b = dict(CALC.example("a-vs-b").inputs)
    open_calc(page, site, a_vs_b)
    open_offer(page, 0)
    page.select_option('[name="offers.0.rank"]', "assistant_professor")
    page.select_option('[name="offers.0.track"]', "clinician_educator")
    page.fill('[name="offers.0.clinical_fte"]', "0.7")
    page.fill('[name="offers.0.protected_fte"]', "0.3")
    page.check('[name="offers.0.protected_in_contract"]')
    page.check('[name="offers.0.mentorship"]')
    # the address bar follows shortly after the last edit (the mentorship box)
    page.wait_for_function("() => new URLSearchParams(location.search).get('offers.0.mentorship') === 'true'")
    raw = {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}
    assert raw["offers.0.rank"] == "assistant_professor" and raw["offers.0.mentorship"] == "true"
    page.wait_for_function(f"() => document.querySelector('{RESULT} .calc-ranking tr:nth-child(2) td:nth-child(2)')"
                           "?.textContent === 'A'")


def test_bad_value_is_reported_next_to_its_field(page, site):
    open_calc(page, site, dict(CALC.example("a-vs-b").inputs))
    open_offer(page, 1)
    page.fill('[name="offers.1.clinical_fte"]', "1.5")
    page.wait_for_selector('[name="offers.1.clinical_fte"][aria-invalid="true"]')
    error = error_slot(page, "offers.1.clinical_fte")
    assert error.is_visible() and "0 to 1" in error.inner_text()
    assert error_id("offers.1.clinical_fte") in page.locator('[name="offers.1.clinical_fte"]').get_attribute("aria-describedby")
    assert page.locator(RESULT).get_attribute("data-calc-band") is None
    page.fill('[name="offers.1.clinical_fte"]', "0.8")
    page.wait_for_selector(f"{RESULT}[data-calc-band]")
    assert not error.is_visible()


def test_duplicate_names_are_reported_at_the_second_offer(page, site):
    open_calc(page, site, dict(CALC.example("a-vs-b").inputs))
    open_offer(page, 1)
    page.fill('[name="offers.1.label"]', "A")
    page.wait_for_selector('[name="offers.1.label"][aria-invalid="true"]', timeout=30000)
    inputs = CALC.validate(dict(CALC.example("a-vs-b").inputs))
    inputs["offers"][1]["label"] = "A"
    assert "offer 1" in assert_field_message(page, CALC, inputs, "offers.1.label").lower()


def test_copy_result_as_email_text(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    open_calc(page, site, dict(CALC.example("a-vs-b").inputs))
    page.click("[data-calc-action=copy-summary]")
    page.wait_for_selector(".calc-note:has-text('Summary copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "Ranking:" in text and "1. B" in text and "2. A" in text
    assert "offers.0.label=A" in text and "offers.1.rank=assistant_professor" in text
    assert f"Rules version {CALC.version}" in text and "Not legal or financial advice" in text
    assert "<" not in text, "plain text"


def test_print_layout_keeps_result_inputs_version_date_and_link(page, site):
    inputs = CALC.validate(dict(CALC.example("a-vs-b").inputs))
    open_calc(page, site, inputs)
    assert_prints_result_then_inputs(page, CALC, inputs)
    meta = page.locator(".calc-print-meta")
    assert meta.is_visible()
    text = meta.inner_text()
    assert f"Rules version {CALC.version}" in text and "offers.1.label=B" in text
    assert page.locator(f"{RESULT} .calc-ranking").is_visible()
    # the reader's case is on paper; the rules table (the same for every case) stays on the page
    assert page.locator('#how-it-decides').is_visible()
    assert not page.locator('table.calc-rules[data-rules="offer-comparison"]').is_visible()
    assert len(page.pdf()) > 10000


def test_instructor_only_fields_hide_for_an_assistant_professor_offer(page, site):
    open_calc(page, site)
    only = [f.name for f in oc.OFFER_FIELDS if f.shown_if]
    assert only, "the spec marks the Instructor-only fields"
    wrap = lambda n, name: page.locator(f'[data-calc-field="offers.{n}.{name}"]')  # noqa: E731
    shown = lambda n, name: not wrap(n, name).evaluate("e => e.hidden")  # noqa: E731  (the card may be folded)
    assert all(wrap(0, name).is_visible() for name in only)
    page.select_option('[name="offers.0.rank"]', "assistant_professor")
    for name in only:
        assert wrap(0, name).is_hidden(), name
        assert shown(1, name), name  # the other offer is still an Instructor offer
    assert wrap(0, "protected_fte").is_visible()
    # hiding is display only: the link still carries the values, and switching back shows them
    page.wait_for_function("() => new URLSearchParams(location.search).get('offers.0.rank') === 'assistant_professor'")
    assert "offers.0.written_criteria=false" in page.url
    page.select_option('[name="offers.0.rank"]', "instructor")
    assert all(wrap(0, name).is_visible() for name in only)
