"""What a letter's reading puts into the calculators' forms (calculators/letter_fill.py), on every
test letter: the facts a calculator takes, the gaps in the article's terms, answers left open
that the result then asks about, and the worker's entry point."""
from __future__ import annotations

import json

import pytest

import calculators
from calculators import letter, letter_fill
from letter_measure import LETTERS, names
from pdfmaker import letter_pdf

NAMES = names(LETTERS)
SLUGS = sorted(letter_fill.TARGETS)


def filled(slug: str, plan: dict) -> dict:
    """The calculator's inputs once the plan fills its (first) offer."""
    calc = calculators.get(slug)
    values = {**plan["open"], **{f["field"]: f["value"] for f in plan["facts"]}}
    inputs = {f.name: f.default for f in calc.fields}
    if letter_fill.TARGETS[slug]:
        inputs["offers"] = [{**inputs["offers"][0], **values}, inputs["offers"][1]]
    else:
        inputs.update(values)
    return calc.validate(inputs)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_letter_fills_a_form_the_calculator_accepts(name, slug):
    reading = letter.read_letter((LETTERS / f"{name}.txt").read_text(encoding="utf-8"))
    plan = letter_fill.plan(reading, slug)
    fields = letter_fill.offer_fields(slug)
    assert {f["field"] for f in plan["facts"]} == {n for n in reading.found if n in fields}
    for gap in plan["gaps"]:
        assert gap["field"] not in reading.found and gap["field"] in fields
        assert "_" not in gap["words"] and gap["words"].startswith(("the letter", "protected time"))
    try:
        filled(slug, plan)
    except calculators.ValidationError as bad:
        # only a protected share beside the form's clinical FTE, when the letter gives no clinical
        # FTE: the page shows that at the field for the reader to fix (the gap names it too)
        assert [e.field.rsplit(".", 1)[-1] for e in bad.errors] == ["protected_fte"], bad
        assert "clinical_fte" not in reading.found and "clinical_fte" in {g["field"] for g in plan["gaps"]}


def test_a_letter_that_names_no_track_leaves_the_track_open_and_the_result_asks_for_it():
    text = (LETTERS / "bigname_clinical_instructor_offer_a.txt").read_text(encoding="utf-8")
    reading = letter.read_letter(text)
    assert "track" not in reading.found
    plan = letter_fill.plan(reading, "instructor-offer")
    assert {"field": "track", "words": "the letter names no track"} in [
        {k: g[k] for k in ("field", "words")} for g in plan["gaps"]]
    assert plan["open"]["track"] == "unspecified"
    result = calculators.get("instructor-offer").run(filled("instructor-offer", plan))
    assert any(c["field"] == "track" for c in result["what_would_change"]) or "track" in json.dumps(
        result["negotiation_email"] or {}).lower()


def test_an_assistant_professor_letter_on_the_instructor_check_says_which_calculator_takes_it():
    text = (LETTERS / "ap_tenure_neurology_funded.txt").read_text(encoding="utf-8")
    plan = letter_fill.plan(letter.read_letter(text), "instructor-offer")
    assert plan["other_rank"] == "assistant_professor"
    assert "rank" not in {f["field"] for f in plan["facts"]}


def test_the_worker_entry_reads_text_and_pdf_bytes_and_names_what_it_cannot_read():
    text = (LETTERS / "ap_tenure_neurology_funded.txt").read_text(encoding="utf-8")
    by_text = json.loads(letter_fill.handle(json.dumps({"slug": "offer-comparison", "text": text})))
    by_pdf = json.loads(letter_fill.handle(json.dumps({"slug": "offer-comparison", "name": "a.pdf"}), letter_pdf(text)))
    assert by_text["ok"] and by_pdf["ok"]
    assert {f["field"] for f in by_pdf["plan"]["facts"]} == {f["field"] for f in by_text["plan"]["facts"]}
    empty = json.loads(letter_fill.handle(json.dumps({"slug": "instructor-offer", "text": "  "})))
    assert empty == {"ok": False, "error": {"code": "empty", "message": empty["error"]["message"]}}
    wrong = json.loads(letter_fill.handle(json.dumps({"slug": "promotion-clock", "text": text})))
    assert wrong["error"]["code"] == "bad_request" and "instructor-offer" in wrong["error"]["message"]
    scan = json.loads(letter_fill.handle(json.dumps({"slug": "instructor-offer", "name": "a.docx"}), b"PK"))
    assert scan["error"]["code"] == "unknown_extension"
