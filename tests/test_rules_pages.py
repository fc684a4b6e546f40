"""Each calculator page's "How it decides" states the rules the module applies, read from the module.

The built page (strict build) is checked against the constants, so a weight changed in code and
not on the page, or a rule described on the page that the code no longer has, fails here.
"""
from __future__ import annotations

import re
from html import unescape

import calculators
from calculators import education_readiness as er
from calculators import instructor_offer as io
from calculators import offer_comparison as oc
from calculators import promotion_clock as pc


def how_it_decides(site, slug: str) -> str:
    """The text of the page's "How it decides" section, tags stripped and spaces collapsed."""
    html = (site.dir / "calculators" / slug / "index.html").read_text(encoding="utf-8")
    start = html.index('id="how-it-decides"')
    end = html.index("<h2", start)
    inline = re.sub(r"</?(?:a|abbr|strong|em|code|span)\b[^>]*>", "", html[start:end])
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def squash(text: str) -> str:
    return " ".join(text.split())


def test_instructor_offer_page_lists_every_weight_and_the_three_situations(site):
    text = how_it_decides(site, "instructor-offer")
    for title, weight, rungs in io.weight_rows():
        assert f"{title} (up to {weight}): {squash(rungs)}." in text
    assert f"minus {io.PENALTY_SURGICAL_NO_PATH}" in text and "between 0 and 100" in text
    assert sum(w for _, w, _ in io.weight_rows()) == 100, "the page's weights are the whole score"
    for s in io.SITUATIONS.values():
        assert f"{s.label}, {s.text}: {squash(s.rule)}." in text
    assert "this site's judgement" in text and "this site's reading" in text


def test_offer_comparison_page_lists_every_weight_as_the_sites_judgement(site):
    text = how_it_decides(site, "offer-comparison")
    for title, most, rungs in oc.weight_rows():
        assert f"{title} (up to {most}): {squash(rungs)}." in text
    assert sum(m for _, m, _ in oc.weight_rows()) == 100
    assert "this site's judgement" in text and "courtesy" in text


def test_education_readiness_page_shows_the_charts_values_without_adding_them(site):
    text = how_it_decides(site, "education-readiness")
    for item in er.ITEMS.values():
        assert f"{item.label} ({item.value:g}): {item.when}." in text
    for rule in er.BORDERLINE_RULES:
        assert squash(rule[1:]) in text
    assert "not points that add up" in text and "no score" in text and "this site's reading" in text
    assert calculators.get("education-readiness").run({})["score"] is None


def test_promotion_clock_page_calls_the_usual_window_usual(site):
    text = how_it_decides(site, "promotion-clock")
    low, high = pc.DEFAULT_WINDOW["assistant_professor"]
    assert f"{low:g}–{high:g} year up-or-out window that some tracks set" in text
    assert "Overdue" not in text and "minimal publications" in text
    assert pc.CALCULATOR.band_labels["overdue"] in text
