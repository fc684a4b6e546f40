"""The calculator contract: registry, validation messages, schema, result shape."""
from __future__ import annotations

import json
import re

import pytest

import calculators
from calculators import CALCULATORS, ValidationError
from calculators.citations import is_registered
from calculators.contract import Factor, json_schema, utc_today
from calculators.web import handle

SLUGS = sorted(CALCULATORS)


def test_registry_has_instructor_offer():
    assert "instructor-offer" in CALCULATORS


@pytest.mark.parametrize("slug", SLUGS)
def test_result_shape_on_defaults(slug):
    calc = CALCULATORS[slug]
    res = calculators.run(slug, {})
    assert res["calculator"] == slug and res["version"] == calc.version
    assert res["band"] in calc.bands
    assert res["score"] is None or 0 <= res["score"] <= 100
    assert isinstance(res["headline"], str) and res["headline"].endswith(".")
    assert res["factors"], "a result explains itself"
    for f in res["factors"]:
        assert set(f) == {"label", "effect", "detail", "source"}
        assert f["effect"] in ("+", "-", "0")
        assert is_registered(f["source"]) and "/#" in f["source"]
    assert all(isinstance(s, str) and s for s in res["next_steps"])
    assert res["inputs"] == calc.defaults() | res["inputs"]
    json.dumps(res)  # the result is plain JSON


@pytest.mark.parametrize("slug", SLUGS)
def test_every_field_has_label_help_and_default(slug):
    calc = CALCULATORS[slug]
    for f in calc.fields:
        assert f.label and f.help, f.name
    today = {f.name: utc_today() for f in calc.fields if f.today_default}  # filled in at validation
    assert calc.validate({f.name: f.default for f in calc.fields}) == calc.defaults() | today


@pytest.mark.parametrize("slug", SLUGS)
def test_schema_lists_every_field(slug):
    schema = json_schema(CALCULATORS[slug])
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {f.name for f in CALCULATORS[slug].fields}


def test_unknown_field_is_named_with_the_allowed_fields():
    with pytest.raises(ValidationError) as exc:
        calculators.run("instructor-offer", {"salary_band": 3})
    (err,) = exc.value.errors
    assert err.field == "salary_band"
    assert "clinical_fte" in err.text() and "not a known field" in err.text()


@pytest.mark.parametrize("value, words", [
    (1.5, "from 0 to 1"), ("0.8", "must be a number"), (True, "must be a number"),
    (None, "must not be null"), (float("nan"), "finite"),
])
def test_bad_number_message_names_field_value_and_range(value, words):
    with pytest.raises(ValidationError) as exc:
        calculators.run("instructor-offer", {"clinical_fte": value})
    text = str(exc.value)
    assert text.startswith("clinical_fte:") and words in text and "allowed: a number from 0 to 1" in text


def test_unknown_choice_lists_allowed_values():
    with pytest.raises(ValidationError) as exc:
        calculators.run("instructor-offer", {"track": "adjunct"})
    assert "'adjunct'" in str(exc.value) and "'clinician_educator'" in str(exc.value)


def test_boolean_must_be_a_real_boolean():
    with pytest.raises(ValidationError, match="written_criteria: must be true or false"):
        calculators.run("instructor-offer", {"written_criteria": "yes"})


def test_non_object_input_is_rejected():
    for raw in ([], "x", 3, None):
        with pytest.raises(ValidationError, match="must be a JSON object"):
            calculators.run("instructor-offer", raw)


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(ValidationError) as exc:
        calculators.run("instructor-offer", {"clinical_fte": 2, "track": "x", "promoted_examples": -1})
    assert {e.field for e in exc.value.errors} == {"clinical_fte", "track", "promoted_examples"}


def test_factor_must_cite_a_registered_section():
    with pytest.raises(ValueError, match="not a registered citation"):
        Factor("x", "+", "y", "nowhere/#nothing")


def test_unknown_calculator():
    with pytest.raises(calculators.UnknownCalculator):
        calculators.get("nope")


def test_the_worker_entry_point_sends_field_errors_as_data():
    """The page words messages from data (field as forms and links name it, problem, given,
    allowed): nothing it needs is left inside a sentence."""
    reply = json.loads(handle(json.dumps({"slug": "instructor-offer", "inputs": {"clinical_fte": 1.5}})))
    calc = CALCULATORS["instructor-offer"]
    assert reply == {"ok": False, "errors": [{"field": "clinical_fte", "problem": "is out of range", "given": "1.5",
                                              "allowed": calc.field("clinical_fte").allowed(),
                                              "message": "Enter 0 to 1 FTE."}]}
    offers = [{"label": "A"}, {"label": "A"}]
    (error,) = json.loads(handle(json.dumps({"slug": "offer-comparison", "inputs": {"offers": offers}})))["errors"]
    assert error["field"] == "offers.1.label" and "offer 1" in error["problem"] and error["given"] == "'A'"
    assert error["message"] == "Offer 1 already has this name; give each offer its own."
    (error,) = json.loads(handle(json.dumps({"slug": "no-such", "inputs": {}})))["errors"]
    assert error == {"field": "", "problem": "is not a known calculator", "given": "'no-such'",
                     "allowed": ", ".join(CALCULATORS), "message": None}


# ---------- words for readers: the spec's allowed values and the errors' sentences ----------

FIELD_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")
TECHNICAL = re.compile(r"\bnull\b|\bgot\b|\btrue\b|\bfalse\b|\d{5,}")


def every_field(fields):
    for f in fields:
        yield f
        yield from every_field(f.items)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_field_says_its_allowed_values_in_a_readers_words(slug):
    """The spec the page reads carries ``allowed_words``: no JSON, no field name, no technical cap."""
    spec = CALCULATORS[slug].spec()
    specs = list(spec["fields"]) + [i for f in spec["fields"] for i in f.get("items", [])]
    for f in specs:
        words = f["allowed_words"]
        assert words and not TECHNICAL.search(words) and not FIELD_NAME.search(words), (f["name"], words)
        assert f["allowed"], "the technical text stays for scripts"


def test_allowed_words_as_the_issue_asks():
    io_calc, oc_calc = CALCULATORS["instructor-offer"], CALCULATORS["offer-comparison"]
    assert io_calc.field("review_years").plain_allowed() == "0 to 15 years; leave empty if no timeline was given"
    assert io_calc.field("clinical_fte").plain_allowed() == "0 to 1 FTE"
    salary = next(f for f in oc_calc.field("offers").items if f.name == "salary")
    assert salary.plain_allowed() == "any amount; leave empty if not given"
    assert io_calc.field("review_years").allowed() == "a number from 0 to 15 or null", "the CLI's text is unchanged"


@pytest.mark.parametrize("slug, inputs, field, message", [
    ("instructor-offer", {"clinical_fte": 0.9, "protected_fte": 0.2}, "protected_fte",
     "Clinical and protected time add up to 1.1 FTE; together they can be at most 1.0."),
    ("education-readiness", {"education_publications": 2, "first_or_senior_author": 3}, "first_or_senior_author",
     "These papers are counted among your 2 education publications, so there can be at most 2."),
    ("promotion-clock", {"appointment_date": "2027-01-01", "today": "2026-01-01"}, "appointment_date",
     "The start date is after the date to measure from (2026-01-01)."),
    ("promotion-clock", {"appointment_date": "2020-07-01", "window_start_years": 9, "window_end_years": 6},
     "window_start_years", "The window cannot open after the review is due (6 years)."),
])
def test_cross_field_checks_carry_a_sentence_for_readers(slug, inputs, field, message):
    reply = json.loads(handle(json.dumps({"slug": slug, "inputs": inputs})))
    (error,) = reply["errors"]
    assert error["field"] == field and error["message"] == message
    assert not FIELD_NAME.search(error["message"]) and not TECHNICAL.search(error["message"])
    with pytest.raises(ValidationError) as exc:  # the command line keeps its technical text
        calculators.run(slug, inputs)
    assert str(exc.value).startswith(f"{field}:") and "allowed:" in str(exc.value)


@pytest.mark.parametrize("slug", SLUGS)
def test_labels_and_help_say_a_thing_once(slug):
    """No unit repeated in a label ("... years (years)"), no "(Instructor offers)" on fields the
    page shows only for Instructor offers, no help saying when a field is not used."""
    for f in every_field(CALCULATORS[slug].fields):
        if f.unit:
            assert f.unit.lower() not in f.label.lower(), (f.name, f.label, f.unit)
        assert "(Instructor offers)" not in f.label and "Instructor offers:" not in f.help, f.name
        assert "Not used for" not in f.help and "null" not in f.help, f.name
