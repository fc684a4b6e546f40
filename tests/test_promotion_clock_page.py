"""The promotion-clock page in headless Chromium: dates, today's default, shared links, field errors."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import calculators
from calc_pages import assert_form_matches_spec, assert_prints_result_then_inputs, error_slot, open_calc as open_page
from calculators.urlstate import encode

pytestmark = pytest.mark.browser

SLUG = "promotion-clock"
CALC = calculators.get(SLUG)
PATH = f"calculators/{SLUG}/"
RESULT = f'[data-calc-result="{SLUG}"]'
ZONE = "Pacific/Kiritimati"  # UTC+14: its calendar date is never the same as the machine's UTC date at night


@pytest.fixture
def context(browser):
    """The reader lives in UTC+14, so "today" on the page is their date, not the server's."""
    ctx = browser.new_context(timezone_id=ZONE)
    yield ctx
    ctx.close()


def open_calc(page, site, query: str = ""):
    return open_page(page, site, SLUG, query)


def test_form_is_rendered_from_the_spec(page, site):
    page.goto(site.page_url(PATH))
    assert_form_matches_spec(page, CALC.fields)


def test_blank_dates_become_the_readers_today_and_the_link_carries_it(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    result = open_calc(page, site)
    local = dt.datetime.now(ZoneInfo(ZONE)).date().isoformat()
    assert page.locator('[name="today"]').input_value() == local
    assert result.get_attribute("data-calc-band") == "on_track"
    page.click("[data-calc-action=copy-link]")
    page.wait_for_selector(".calc-note:has-text('Link copied')")
    link = page.evaluate("navigator.clipboard.readText()")
    assert f"today={local}" in link and f"appointment_date={local}" in link


@pytest.mark.parametrize("name", [e.name for e in CALC.examples])
def test_shared_link_restores_the_dates_and_the_result(page, site, name):
    expected = calculators.run(SLUG, dict(CALC.example(name).inputs))
    result = open_calc(page, site, encode(CALC, expected["inputs"]))
    for key in ("appointment_date", "today", "rank", "track"):
        assert page.locator(f'[name="{key}"]').input_value() == expected["inputs"][key]
    assert result.get_attribute("data-calc-band") == expected["band"]
    text = result.inner_text()
    if expected["band"] == "no_clock":  # a pure clinical line: no window, so no dates to show
        assert expected["band_label"] in text and expected["headline"] in text and "Window ends" not in text
    else:
        assert expected["review_due"] in text and expected["review_opens"] in text


def test_future_appointment_is_reported_at_the_field(page, site):
    open_calc(page, site, "appointment_date=2020-07-01&today=2026-01-15")
    page.fill('[name="appointment_date"]', "2027-03-01")
    page.wait_for_selector('[name="appointment_date"][aria-invalid="true"]', timeout=30000)
    error = error_slot(page, "appointment_date")
    assert error.is_visible() and "2026-01-15" in error.inner_text()
    assert page.locator(RESULT).get_attribute("data-calc-band") is None
    page.fill('[name="appointment_date"]', "2025-03-01")
    page.wait_for_selector(f"{RESULT}[data-calc-band]")
    assert not error.is_visible()


def test_impossible_date_in_a_link_is_dropped_with_a_notice(page, site):
    open_calc(page, site, "appointment_date=2025-02-30")
    notices = page.locator(".calc-notices")
    assert notices.is_visible() and CALC.field("appointment_date").label in notices.inner_text()
    assert "appointment_date" not in notices.inner_text(), "the field is named as the form names it"


def test_window_that_opens_after_it_closes_is_reported(page, site):
    open_calc(page, site, "appointment_date=2020-07-01&today=2026-01-15")
    page.fill('[name="window_end_years"]', "5")
    page.fill('[name="window_start_years"]', "7")
    page.wait_for_selector('[name="window_start_years"][aria-invalid="true"]', timeout=30000)
    text = error_slot(page, "window_start_years").inner_text()
    with pytest.raises(calculators.ValidationError) as bad:
        CALC.validate({"appointment_date": "2020-07-01", "window_end_years": 5, "window_start_years": 7})
    assert bad.value.errors[0].reader in text, "the calculators' sentence for readers, next to the field"
    assert "window_end_years" not in text and "null" not in text


def test_email_text_and_print_keep_the_dates_and_the_link(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    expected = calculators.run(SLUG, dict(CALC.example("ap-year-7").inputs))
    open_calc(page, site, encode(CALC, expected["inputs"]))
    page.click("[data-calc-action=copy-summary]")
    page.wait_for_selector(".calc-note:has-text('Summary copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert expected["band_label"] in text and expected["review_due"] in text
    assert "today=2026-07-01" in text and "appointment_date=2019-07-01" in text
    page.emulate_media(media="print")
    meta = page.locator(".calc-print-meta").inner_text()
    assert f"Rules version {CALC.version}" in meta and "today=2026-07-01" in meta
    assert_prints_result_then_inputs(page, CALC, expected["inputs"])
