"""Each calculator page's "How it decides" shows the rules the module applies, read from the module.

The built page (strict build) is checked against the rules and constants, so a rule changed in
code and not on the page, or a rule described on the page that the code no longer has, fails here.
"""
from __future__ import annotations

import re
from html import unescape

import pytest

import calculators
from calculators import education_readiness as er
from calculators import instructor_offer as io
from calculators import promotion_clock as pc

SLUGS = sorted(calculators.CALCULATORS)


def how_it_decides(site, slug: str) -> str:
    """The text of the page's "How it decides" section, tags stripped and spaces collapsed."""
    html = (site.dir / "calculators" / slug / "index.html").read_text(encoding="utf-8")
    start = html.index('id="how-it-decides"')
    end = html.index("<h2", start)
    inline = re.sub(r"</?(?:a|abbr|strong|em|code|span)\b[^>]*>", "", html[start:end])
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_shows_its_rules_with_their_passages_and_marks_the_sites_judgments(site, slug):
    calc = calculators.get(slug)
    html = (site.dir / "calculators" / slug / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="how-it-decides"'):]
    section = section[:section.index("<h2")]
    assert f'data-rules="{slug}"' in section, "the table sits in How it decides"
    text = how_it_decides(site, slug)
    for rule in calc.rules:
        assert squash(rule.says) in text and squash(rule.passage.words) in text, rule.key
        marked = re.search(rf'<tr data-rule="{re.escape(rule.key)}"( data-judgment)?>', section)
        assert marked and bool(marked.group(1)) == rule.judgment, rule.key
    assert "This site's judgment" in text and "The article's" in text


def test_instructor_offer_page_lists_every_weight_as_the_sites_judgment(site):
    text = how_it_decides(site, "instructor-offer")
    for title, weight, rungs in io.weight_rows():
        assert f"{title} (up to {weight}): {squash(rungs)}." in text
    assert f"minus {io.PENALTY_SURGICAL_NO_PATH}" in text and "between 0 and 100" in text
    assert sum(w for _, w, _ in io.weight_rows()) == 100, "the page's weights are the whole score"
    assert "points, element by element (this site's judgment)" in text
    assert "no figure" in text


def test_offer_comparison_page_names_its_bands_and_places(site):
    text = how_it_decides(site, "offer-comparison")
    calc = calculators.get("offer-comparison")
    for label in calc.band_labels.values():
        assert label in text
    for place in ("on a promotion track", "bridge role with a 2–3 year plan", "service job with limited promotion"):
        assert place in text


def test_education_readiness_page_states_the_gate_and_shows_the_charts_values_without_adding_them(site):
    text = how_it_decides(site, "education-readiness")
    for item in er.ITEMS.values():
        assert f"{item.label} ({item.value:g}): {item.when}." in text
    assert f"below {er.TEACHING_FULL_HOURS} teaching hours in five years" in text and "site's judgment" in text
    assert "not sufficient" in text, "the article's words beside the site's threshold"
    assert "not points that add up" in text and "no score" in text
    assert calculators.get("education-readiness").run({})["score"] is None


def test_promotion_clock_page_calls_the_usual_window_usual(site):
    text = how_it_decides(site, "promotion-clock")
    low, high = pc.DEFAULT_WINDOW["assistant_professor"]
    assert f"{low:g}–{high:g} year window that some tracks set" in text
    assert "Overdue" not in text and "minimal publications" in text
    for label in pc.CALCULATOR.band_labels.values():
        assert label in text
