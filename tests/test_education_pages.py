"""The education-readiness and education-track-check pages in headless Chromium.

Form from the spec, shared links that restore inputs and show the CLI's band, field messages with
aria-invalid, the email-text summary, and the print layout. The ``page`` fixture fails a test on
any request outside the site, any CSP violation and any page error.
"""
from __future__ import annotations

import datetime as dt

import pytest

import calculators
from calc_pages import (assert_controls_hold, assert_form_matches_spec, assert_prints_result_then_inputs, error_slot, open_calc,
                        result_selector as result_of)
from macros.forms import allowed_words, error_id
from calculators.urlstate import encode

pytestmark = pytest.mark.browser

SLUGS = ("education-readiness", "education-track-check")
EXTRA = {
    "education-readiness": {"institution_tier": "top_tier", "education_publications": 7, "first_or_senior_author": 4,
                            "coherent_theme": True, "publication_rigor": "rigorous", "invited_talks": 8,
                            "national_roles": 2, "leadership_roles": 1, "teaching_hours": 55.5,
                            "evaluations": "average", "teaching_awards": 1},
    "education-track-check": {"written_criteria": "none", "protected_time": None, "recent_role_models": 0,
                              "promoted_have_clear_lines": None, "past_output_explained": False},
}


@pytest.mark.parametrize("slug", SLUGS)
def test_form_is_rendered_from_the_spec(page, site, slug):
    calc = calculators.get(slug)
    page.goto(site.page_url(f"calculators/{slug}/"))
    assert_form_matches_spec(page, calc.fields)
    text = page.inner_text("article")
    for heading in ("When to use it", "How it decides", "Pearls and pitfalls", "Evidence"):
        assert heading in text
    assert f"Rules version {calc.version}" in text and "not legal or financial advice" in text


CASES = [(slug, dict(e.inputs)) for slug in SLUGS for e in calculators.get(slug).examples] + list(EXTRA.items())


@pytest.mark.parametrize("slug, inputs", CASES, ids=[f"{s}-{i}" for i, (s, _) in enumerate(CASES)])
def test_shared_link_restores_inputs_and_shows_the_cli_band(page, site, slug, inputs):
    calc = calculators.get(slug)
    expected = calculators.run(slug, inputs)
    result = open_calc(page, site, slug, encode(calc, expected["inputs"]))
    assert result.get_attribute("data-calc-band") == expected["band"]
    assert expected["band_label"] in result.inner_text()
    score = result.locator(".calc-score").inner_text().strip()
    assert score == ("" if expected["score"] is None else f"Score {expected['score']:g} of 100")
    assert_controls_hold(page, calc.fields, expected["inputs"])
    steps = result.locator(".calc-next-steps li").all_inner_texts()
    assert steps == expected["next_steps"]
    hrefs = result.locator(".calc-factors a").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == len(expected["factors"]) and all(h.startswith(site.url) and "#" in h for h in hrefs)


@pytest.mark.parametrize("slug, name, value", [
    ("education-readiness", "education_publications", "-1"),
    ("education-readiness", "teaching_hours", "20000"),
    ("education-track-check", "recent_role_models", "2.5"),
])
def test_bad_input_shows_a_message_at_the_field(page, site, slug, name, value):
    """The message names what the field allows, in the words its help text uses."""
    open_calc(page, site, slug)
    page.fill(f'[name="{name}"]', value)
    page.wait_for_selector(f'[name="{name}"][aria-invalid="true"]')
    error = error_slot(page, name)
    assert error.is_visible() and allowed_words(calculators.get(slug).field(name)) in error.inner_text()
    assert error_id(name) in page.locator(f'[name="{name}"]').get_attribute("aria-describedby")
    assert page.locator(result_of(slug)).get_attribute("data-calc-band") is None
    page.fill(f'[name="{name}"]', "1")
    page.wait_for_selector(f"{result_of(slug)}[data-calc-band]")
    assert page.locator(f'[name="{name}"]').get_attribute("aria-invalid") is None


def test_more_lead_author_papers_than_papers_is_reported_at_that_field(page, site):
    open_calc(page, site, "education-readiness")
    page.fill('[name="education_publications"]', "2")
    page.fill('[name="first_or_senior_author"]', "3")
    page.wait_for_selector('[name="first_or_senior_author"][aria-invalid="true"]')
    calc = calculators.get("education-readiness")
    with pytest.raises(calculators.ValidationError) as bad:
        calc.validate({"education_publications": 2, "first_or_senior_author": 3})
    text = error_slot(page, "first_or_senior_author").inner_text()
    assert bad.value.errors[0].reader in text, "the calculators' sentence for readers, next to the field"
    assert "education_publications" not in text and "first_or_senior_author" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_copy_result_as_email_text(page, site, context, slug):
    calc = calculators.get(slug)
    example = dict(calc.examples[1].inputs)
    expected = calculators.run(slug, example)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    open_calc(page, site, slug, encode(calc, expected["inputs"]))
    page.click("[data-calc-action=copy-summary]")
    page.wait_for_selector(".calc-note:has-text('Summary copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert calc.title in text and f"Result: {expected['band_label']}" in text
    assert all(step in text for step in expected["next_steps"])
    assert f"Rules version {calc.version}" in text and page.url in text
    assert "not legal or financial advice" in text.lower()


@pytest.mark.parametrize("slug", SLUGS)
def test_print_layout_shows_inputs_result_version_date_and_link(page, site, slug, tmp_path):
    calc = calculators.get(slug)
    result = open_calc(page, site, slug, encode(calc, calc.validate(dict(calc.examples[0].inputs))))
    page.emulate_media(media="print")
    meta = page.locator(".calc-print-meta")
    assert meta.is_visible()
    printed = meta.inner_text()
    assert f"Rules version {calc.version}" in printed and page.url in printed
    today = {dt.date.today().isoformat(), dt.datetime.now(dt.timezone.utc).date().isoformat()}
    assert any(d in printed for d in today)
    assert result.locator(".calc-band-label").is_visible() and result.locator(".calc-factors").is_visible()
    assert_prints_result_then_inputs(page, calc, calc.validate(dict(calc.examples[0].inputs)))
    assert not page.locator(".md-sidebar--primary").is_visible()
    page.screenshot(path=str(tmp_path / f"{slug}-print.png"), full_page=True)
