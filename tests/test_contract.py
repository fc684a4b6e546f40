"""The calculator contract: registry, validation messages, schema, result shape."""
from __future__ import annotations

import json

import pytest

import calculators
from calculators import CALCULATORS, ValidationError
from calculators.citations import is_registered
from calculators.contract import Factor, json_schema, utc_today

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
    from calculators.web import handle

    reply = json.loads(handle(json.dumps({"slug": "instructor-offer", "inputs": {"clinical_fte": 1.5}})))
    calc = CALCULATORS["instructor-offer"]
    assert reply == {"ok": False, "errors": [{"field": "clinical_fte", "problem": "is out of range", "given": "1.5",
                                              "allowed": calc.field("clinical_fte").allowed()}]}
    offers = [{"label": "A"}, {"label": "A"}]
    (error,) = json.loads(handle(json.dumps({"slug": "offer-comparison", "inputs": {"offers": offers}})))["errors"]
    assert error["field"] == "offers.1.label" and "offer 1" in error["problem"] and error["given"] == "'A'"
    (error,) = json.loads(handle(json.dumps({"slug": "no-such", "inputs": {}})))["errors"]
    assert error == {"field": "", "problem": "is not a known calculator", "given": "'no-such'",
                     "allowed": ", ".join(CALCULATORS)}
