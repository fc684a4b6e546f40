"""Read my offer letter on the page (issue 25, item 3), in Chromium: a PDF or pasted text is read
in the calculators' worker, the facts are shown with their sentences, one tap fills the form
(on the comparison, the offer the reader picks) and the result is the command line's; a visit
that reads no PDF downloads no PDF library; nothing of the letter reaches the address, the
tab's storage or the offline copies. Firefox ESR and WebKit: test_engines.py."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import calculators
from calc_pages import BOOT_TIMEOUT_MS, READY_INFO, open_calc, result_selector, with_config
from calculators.letter import read_letter
from calculators.letter_file import read_document
from calculators.letter_fill import plan
from pdfmaker import bomb_pdf, letter_pdf

pytestmark = pytest.mark.browser

LETTERS = Path(__file__).parent / "letters"
PDF_LIBRARY = "/pypdf-"
READ_MS = 120_000  # the first reading fetches the standard library and the reader on a busy machine


def letter_text(name: str) -> str:
    return (LETTERS / f"{name}.txt").read_text(encoding="utf-8")


def expected_inputs(slug: str, letter_plan: dict[str, Any], item: int | None = None) -> dict[str, Any]:
    """The inputs the command line's reading gives: the calculator's defaults, the facts found and
    the gaps left open (into offer ``item`` on the comparison)."""
    calc = calculators.get(slug)
    values = {**letter_plan["open"], **{f["field"]: f["value"] for f in letter_plan["facts"]}}
    inputs = {f.name: f.default for f in calc.fields}
    if item is None:
        inputs.update(values)
    else:
        offers = [dict(o) for o in inputs["offers"]]
        offers[item].update(values)
        inputs["offers"] = offers
    return calc.validate(inputs)


def read_panel(page, slug: str):
    panel = page.locator(f'[data-calc-letter="{slug}"]')
    panel.locator("summary").click()
    return panel


def wait_for_reading(page, panel) -> None:
    panel.locator(".calc-letter-found").wait_for(state="visible", timeout=READ_MS)


def shown_facts(panel) -> dict[str, str]:
    return panel.evaluate("""(p) => Object.fromEntries([...p.querySelectorAll('.calc-letter-fact')].map((row) =>
        [row.getAttribute('data-calc-field'), row.querySelector('select, input[type=text]').value]))""")


def control_text(value: Any) -> str:
    return "true" if value is True else "false" if value is False else "" if value is None else str(value)


def assert_result_is(page, slug: str, inputs: dict[str, Any]) -> None:
    expected = calculators.get(slug).run(inputs)
    result = result_selector(slug)
    page.wait_for_function(
        "([sel, band, headline]) => { const r = document.querySelector(sel);"
        " return r && r.getAttribute('data-calc-band') === band && r.querySelector('.calc-headline').textContent === headline; }",
        arg=[result, expected["band"], expected["headline"]], timeout=30_000)


# Everything of the page a letter could have reached: the address, cookies, the tab's and the
# site's storage, the offline copies' addresses (an expression, for every engine's driver).
KEPT = """(async () => {
  const out = [location.href, document.cookie];
  for (const store of [sessionStorage, localStorage])
    for (let i = 0; i < store.length; i++) out.push(store.key(i), store.getItem(store.key(i)));
  if (self.caches) for (const name of await caches.keys())
    for (const req of await (await caches.open(name)).keys()) out.push(req.url);
  return out.join("\\n");
})()"""


def letter_left_no_trace(page, phrases: list[str]) -> None:
    """Neither the address, the tab's or the site's storage nor the offline copies hold the letter."""
    kept = page.evaluate(KEPT)
    for phrase in phrases:
        assert phrase not in kept, f"the letter's {phrase!r} was kept"


def test_a_pdf_letter_fills_the_instructor_check_with_the_command_lines_result(page, site, tmp_path):
    slug, name = "instructor-offer", "bigname_instructor_ce_bridge"
    pdf = letter_pdf(letter_text(name))
    cli_plan = plan(read_document(f"{name}.pdf", pdf), slug)
    assert len(cli_plan["facts"]) >= 4, "a letter with facts to read"
    open_calc(page, site, slug)
    assert not [u for u in page.traffic.requests if PDF_LIBRARY in u], "the PDF library came before a PDF was chosen"
    panel = read_panel(page, slug)
    (tmp_path / "offer.pdf").write_bytes(pdf)
    panel.locator('input[type="file"]').set_input_files(str(tmp_path / "offer.pdf"))
    wait_for_reading(page, panel)
    assert [u for u in page.traffic.requests if PDF_LIBRARY in u], "a PDF was read without the PDF library"
    assert shown_facts(panel) == {f["field"]: control_text(f["value"]) for f in cli_plan["facts"]}
    for fact in cli_plan["facts"]:  # each fact with the sentence it was read from
        assert fact["quote"] in panel.locator(f'.calc-letter-fact[data-calc-field="{fact["field"]}"] blockquote').inner_text()
    gaps = panel.locator(".calc-letter-gaps").inner_text().lower()
    assert all(gap["words"] in gaps for gap in cli_plan["gaps"])
    panel.get_by_role("button", name="Fill the form with these facts").click()
    assert_result_is(page, slug, expected_inputs(slug, cli_plan))
    quotes = [f["quote"][:60] for f in cli_plan["facts"]]
    letter_left_no_trace(page, quotes + ["offer.pdf"])
    page.reload()
    page.wait_for_selector(f'{result_selector(slug)}[data-calc-band]', timeout=BOOT_MS)
    assert page.locator(f'[data-calc-letter="{slug}"] textarea').input_value() == ""


BOOT_MS = BOOT_TIMEOUT_MS


def test_a_visit_that_reads_no_letter_downloads_no_pdf_library(page, site):
    slug = "instructor-offer"
    open_calc(page, site, slug, "clinical_fte=0.8")
    page.fill('[name="protected_fte"]', "0.2")
    page.wait_for_function("() => performance.getEntriesByType('resource').length > 0")
    assert not [u for u in page.traffic.requests if PDF_LIBRARY in u or "letter" in u.rsplit("/", 1)[-1]]


def test_pasted_text_fills_the_offer_the_reader_picks_on_the_comparison(page, site):
    slug, name = "offer-comparison", "ap_tenure_neurology_funded"
    text = letter_text(name)
    cli_plan = plan(read_letter(text), slug)
    open_calc(page, site, slug)
    panel = read_panel(page, slug)
    panel.locator("textarea").fill(text)
    panel.get_by_role("button", name="Read the letter").click()
    wait_for_reading(page, panel)
    assert not [u for u in page.traffic.requests if PDF_LIBRARY in u], "pasted text needs no PDF library"
    choice = panel.get_by_label("Which offer is this letter for?")
    assert choice.locator("option").all_inner_texts() == ["Offer 1", "Offer 2", "A new offer"]
    page.click('[data-calc-action="add-item"]')  # the offers change in the form: the choice follows
    page.wait_for_function("(el) => el.options.length === 4", arg=choice.element_handle())
    page.click('.calc-item:nth-child(3) [data-calc-action="remove-item"]')
    page.wait_for_function("(el) => el.options.length === 3", arg=choice.element_handle())
    choice.select_option(label="Offer 2")
    panel.get_by_role("button", name="Fill the form with these facts").click()
    assert_result_is(page, slug, expected_inputs(slug, cli_plan, item=1))
    assert page.locator('[name="offers.1.rank"]').input_value() == "assistant_professor"
    letter_left_no_trace(page, [text[:80], cli_plan["facts"][0]["quote"][:60]])
    # Undo brings back the offers as they were
    page.locator("form[data-calc-form]").get_by_role("button", name="Undo").click()
    assert page.locator('[name="offers.1.rank"]').input_value() == "instructor"


def test_a_letter_is_read_after_the_boot_a_slow_link_takes(page, site):
    """On a slow link the worker boots from one zip holding the calculators it runs, not the letter
    reader's modules: those come from the wheel when a letter is first read, beside the modules
    already imported, and the form is filled as on any other boot."""
    slug, name = "instructor-offer", "bigname_instructor_ce_bridge"
    text = letter_text(name)
    cli_plan = plan(read_letter(text), slug)
    with_config(page, flags={"snapshot": False})
    open_calc(page, site, slug)
    assert page.evaluate(f"{READY_INFO}.mode") == "pyc"
    assert not [u for u in page.traffic.requests if u.endswith(".whl")], "the .pyc boot fetched a wheel"
    panel = read_panel(page, slug)
    panel.locator("textarea").fill(text)
    panel.get_by_role("button", name="Read the letter").click()
    wait_for_reading(page, panel)
    assert shown_facts(panel) == {f["field"]: control_text(f["value"]) for f in cli_plan["facts"]}
    panel.get_by_role("button", name="Fill the form with these facts").click()
    assert_result_is(page, slug, expected_inputs(slug, cli_plan))


def test_a_fact_the_reader_changes_goes_in_as_changed_and_an_unticked_one_not_at_all(page, site):
    slug = "instructor-offer"
    text = letter_text("bigname_instructor_ce_bridge")
    cli_plan = plan(read_letter(text), slug)
    facts = {f["field"]: f["value"] for f in cli_plan["facts"]}
    assert "clinical_fte" in facts and "review_years" in facts
    open_calc(page, site, slug)
    panel = read_panel(page, slug)
    panel.locator("textarea").fill(text)
    panel.get_by_role("button", name="Read the letter").click()
    wait_for_reading(page, panel)
    panel.locator('.calc-letter-fact[data-calc-field="clinical_fte"] input[type=text]').fill("0.55")
    panel.locator('.calc-letter-fact[data-calc-field="review_years"] input[type=checkbox]').uncheck()
    panel.get_by_role("button", name="Fill the form with these facts").click()
    changed = {**cli_plan, "facts": [f for f in cli_plan["facts"] if f["field"] != "review_years"]}
    inputs = expected_inputs(slug, changed)
    inputs["clinical_fte"] = 0.55
    inputs["review_years"] = calculators.get(slug).field("review_years").default
    assert_result_is(page, slug, calculators.get(slug).validate(inputs))
    assert page.locator('[name="clinical_fte"]').input_value() == "0.55"


def test_what_cannot_be_read_is_said_next_to_the_letter(page, site):
    slug = "instructor-offer"
    open_calc(page, site, slug)
    panel = read_panel(page, slug)
    status = panel.locator(".calc-letter-status")
    panel.get_by_role("button", name="Read the letter").click()
    assert "paste the letter" in status.inner_text().lower()
    panel.locator("textarea").fill("Dear friend, the weather was lovely at the lake this week.")
    panel.get_by_role("button", name="Read the letter").click()
    page.wait_for_function("(el) => el.textContent.includes('cannot be read')", arg=status.element_handle(), timeout=READ_MS)
    assert "offer letter" in status.inner_text() and "_" not in status.inner_text()
    # the calculator still answers afterwards
    page.fill('[name="clinical_fte"]', "0.5")
    inputs = calculators.get(slug).validate({"clinical_fte": 0.5})
    assert_result_is(page, slug, inputs)
    json.dumps(inputs)


def test_a_hostile_pdf_is_refused_with_its_reason_and_the_calculator_still_answers(page, site, tmp_path):
    slug = "instructor-offer"
    open_calc(page, site, slug)
    panel = read_panel(page, slug)
    status = panel.locator(".calc-letter-status")
    (tmp_path / "bomb.pdf").write_bytes(bomb_pdf())
    panel.locator('input[type="file"]').set_input_files(str(tmp_path / "bomb.pdf"))
    page.wait_for_function("(el) => el.textContent.includes('cannot be read')", arg=status.element_handle(), timeout=READ_MS)
    assert "_" not in status.inner_text()
    assert page.evaluate("1 + 1") == 2, "the page answers while and after the worker reads"
    page.fill('[name="clinical_fte"]', "0.5")
    assert_result_is(page, slug, calculators.get(slug).validate({"clinical_fte": 0.5}))


def test_the_letter_panel_on_a_phone_has_no_axe_violations_and_thumb_sized_controls(page, site):
    from test_phone import AXE, AXE_RUN
    slug = "offer-comparison"
    page.set_viewport_size({"width": 390, "height": 844})
    open_calc(page, site, slug)
    panel = read_panel(page, slug)
    panel.locator("textarea").fill(letter_text("ap_tenure_neurology_funded"))
    panel.get_by_role("button", name="Read the letter").click()
    wait_for_reading(page, panel)
    small = panel.evaluate("""(p) => [...p.querySelectorAll('summary, button, select, textarea, input[type=file], input[type=text], label.calc-letter-use')]
        .map((e) => [e.tagName + ' ' + (e.textContent || e.className).trim().slice(0, 30), e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44).map(([name]) => name)""")
    assert small == [], "controls under 44 px tall"
    page.mouse.move(0, 0)  # the button just pressed keeps its focus, not the pointer
    page.wait_for_function("() => document.getAnimations().length === 0")
    page.evaluate(AXE.read_text() + "\n;0")
    assert page.evaluate(AXE_RUN) == []


def test_the_letter_panel_is_left_off_paper(page, site):
    slug = "instructor-offer"
    open_calc(page, site, slug)
    read_panel(page, slug).locator("textarea").fill(letter_text("bigname_instructor_ce_bridge"))
    page.emulate_media(media="print")
    assert not page.locator(f'[data-calc-letter="{slug}"]').is_visible()
    assert page.locator(result_selector(slug)).is_visible()
