"""Pages on paper, printed by Chromium (``page.pdf``) on Letter and A4 and read back with pypdf:
a calculator's result on page 1, its inputs after it as a short list, the link to them printed
once and within the page, no nearly blank page, and the page budgets of issue 23 (the offer
comparison with two offers at most 5 pages, the Instructor offer check at most 3); a guide page
with no page that is blank or holds only a heading."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

import calculators
from calc_pages import open_calc
from calculators.urlstate import encode

pytestmark = pytest.mark.browser

FORMATS = ("Letter", "A4")
NEARLY_BLANK = 300  # characters of text: a page with less is a waste of paper (about 4 lines)...
LAST_PAGE = 120  # ...save the last one, which holds at least two lines
BUDGETS = {"offer-comparison": 5, "instructor-offer": 3}


def printed(page, paper: str) -> list[str]:
    """The text of each printed page (print media, as the browser prints it)."""
    page.emulate_media(media="print")
    return [(p.extract_text() or "").strip() for p in PdfReader(io.BytesIO(page.pdf(format=paper))).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_case(slug: str, example: str):
    return pytest.param(slug, example, id=f"{slug}-{example}")


CASES = [pages_case("offer-comparison", e.name) for e in calculators.get("offer-comparison").examples] + \
        [pages_case("instructor-offer", e.name) for e in calculators.get("instructor-offer").examples] + \
        [pages_case(slug, calculators.get(slug).examples[0].name) for slug in sorted(calculators.CALCULATORS)
         if slug not in BUDGETS]


@pytest.mark.parametrize("slug,example", CASES)
def test_a_calculator_prints_its_result_first_then_its_inputs_within_budget(page, site, slug, example):
    calc = calculators.get(slug)
    inputs = calc.validate(dict(calc.example(example).inputs))
    expected = calc.run(inputs)
    open_calc(page, site, slug, encode(calc, inputs))
    link = page.url.split("#")[0]
    for paper in FORMATS:
        pages = printed(page, paper)
        if slug in BUDGETS:
            assert len(pages) <= BUDGETS[slug], f"{paper}: {len(pages)} pages"
        assert expected["band_label"] in pages[0] and flat(expected["headline"])[:40] in flat(pages[0]), \
            f"{paper}: the result is not on page 1"
        whole = "\n".join(pages)
        assert whole.index(expected["band_label"]) < whole.index("The inputs"), "the inputs follow the result"
        assert "Reset all inputs" not in whole and "Add another" not in whole, "no form, no buttons on paper"
        assert flat(whole).count(flat(link)) == 1, "the link to the inputs is printed once"
        for n, text in enumerate(pages, 1):
            least = LAST_PAGE if n == len(pages) else NEARLY_BLANK
            assert len(text) >= least, f"{paper}: page {n} of {len(pages)} is nearly blank: {text!r}"


@pytest.mark.parametrize("slug", ["offer-comparison", "instructor-offer"])
def test_nothing_printed_is_wider_than_the_page(page, site, slug):
    """On paper the long link to the inputs wraps; no box runs past the page's right edge."""
    calc = calculators.get(slug)
    open_calc(page, site, slug, encode(calc, calc.validate(dict(calc.examples[0].inputs))))
    page.set_viewport_size({"width": 700, "height": 900})  # about a Letter page's printable width
    page.emulate_media(media="print")
    wide = page.evaluate("""() => { const edge = document.querySelector("article").getBoundingClientRect().right + 1;
      return [...document.querySelectorAll("article *")].filter((e) => e.getClientRects().length
        && e.getBoundingClientRect().right > edge).map((e) => e.tagName + "." + e.className); }""")
    assert wide == []
    assert page.locator(".calc-print-meta").is_visible()


def guide_pages(site) -> list[str]:
    """Every guide page of the built site (no calculator, no redirect stub)."""
    paths = []
    for index in sorted(site.dir.rglob("index.html")):
        rel = index.parent.relative_to(site.dir).as_posix()
        if rel.startswith(("pyodide", "calculators")) or "Redirecting" in index.read_text(encoding="utf-8")[:3000]:
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


def test_no_guide_page_prints_a_blank_page_or_one_holding_only_a_heading(page, site):
    headings = "() => [...document.querySelectorAll('article h1, article h2, article h3')].map((h) => h.textContent.replace('\\u00b6', '').trim())"
    paths = guide_pages(site)
    assert len(paths) >= 10
    for path in paths:
        page.goto(site.page_url(path))
        page.wait_for_load_state("networkidle")
        titles = {flat(t) for t in page.evaluate(headings)}
        for paper in FORMATS:
            pages = printed(page, paper)
            for n, text in enumerate(pages, 1):
                assert text, f"{path} {paper}: page {n} is blank"
                assert flat(text) not in titles, f"{path} {paper}: page {n} holds only the heading {text!r}"
            page.emulate_media(media="screen")
