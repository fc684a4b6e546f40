"""instructor-offer on the article's green, yellow and red scenarios and around them."""
from __future__ import annotations

import pytest

import calculators
from calculators import ValidationError
from calculators.evidence import PROMOTION_LIKELIHOOD_BY_CONTEXT
from calculators.questions import QUESTIONS

SLUG = "instructor-offer"
CALC = calculators.get(SLUG)

# The three scenarios as the article describes them (titles article, "Red-flag and green-flag").
GREEN = {"institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.8,
         "protected_fte": 0.2, "protected_in_contract": True, "written_criteria": True,
         "review_years": 3, "promoted_examples": 2}
YELLOW = {"institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.9,
          "protected_fte": 0.1, "protected_in_contract": False, "written_criteria": False,
          "review_years": None, "promoted_examples": 0}
RED = {"institution_type": "mid_tier", "track": "unspecified", "clinical_fte": 1.0, "protected_fte": 0,
       "protected_in_contract": False, "written_criteria": False, "review_years": None,
       "promoted_examples": 0}


def run(**inputs):
    return calculators.run(SLUG, inputs)


@pytest.mark.parametrize("inputs, band", [(GREEN, "green"), (YELLOW, "yellow"), (RED, "red")])
def test_article_scenarios(inputs, band):
    assert run(**inputs)["band"] == band


@pytest.mark.parametrize("example", CALC.examples, ids=lambda e: e.name)
def test_built_in_examples_match_their_names(example):
    assert run(**example.inputs)["band"] == example.name


def test_likelihood_falls_from_green_to_yellow_to_red_near_the_articles_anchors():
    g, y, r = (run(**x)["promotion_likelihood"] for x in (GREEN, YELLOW, RED))
    assert g > y > r
    anchors = [v for _, v in PROMOTION_LIKELIHOOD_BY_CONTEXT.points]
    assert abs(g - anchors[0]) <= 10 and abs(r - anchors[2]) <= 10 and 30 <= y <= 70


@pytest.mark.parametrize("institution", ["research_intensive", "mid_tier", "community_affiliate"])
def test_red_flag_at_any_institution(institution):
    assert run(**RED | {"institution_type": institution})["band"] == "red"


@pytest.mark.parametrize("change", [
    {"written_criteria": False}, {"protected_in_contract": False}, {"protected_fte": 0.1, "clinical_fte": 0.9},
    {"review_years": None}, {"review_years": 6}, {"promoted_examples": 0}, {"track": "unspecified"},
    {"track": "pure_clinical"},
])
def test_green_needs_every_element_of_the_green_scenario(change):
    assert run(**GREEN | change)["band"] != "green"


def test_tenure_track_on_heavy_clinical_load_is_flagged():
    res = run(**GREEN | {"track": "tenure", "clinical_fte": 0.8})
    assert res["band"] != "green"
    assert any("Tenure track" in f["label"] and f["effect"] == "-" for f in res["factors"])


def test_surgical_instructor_without_written_path_is_penalised():
    base = run(**YELLOW)
    surgical = run(**YELLOW | {"surgical_subspecialty": True})
    assert surgical["score"] < base["score"]
    assert any("super-fellow" in f["detail"] for f in surgical["factors"])


def test_next_steps_are_the_unanswered_questions():
    asks = {q.id: q.ask for q in QUESTIONS}
    red = run(**RED)["next_steps"]
    assert asks["official-title"] in red and asks["written-policy"] in red and asks["protected-time"] in red
    green = run(**GREEN | {"years_count_toward_rank": True})["next_steps"]
    assert asks["written-policy"] not in green and asks["protected-time"] not in green
    assert asks["years-count"] in run(**GREEN)["next_steps"]


def test_clinical_plus_protected_over_one_is_rejected_naming_the_field():
    with pytest.raises(ValidationError) as exc:
        run(clinical_fte=0.9, protected_fte=0.2)
    assert exc.value.errors[0].field == "protected_fte" and "may not exceed 1" in str(exc.value)


def test_exactly_one_full_time_is_allowed():
    assert run(clinical_fte=0.7, protected_fte=0.3)["inputs"]["protected_fte"] == 0.3


@pytest.mark.parametrize("field, worse, better", [
    ("protected_fte", 0.0, 0.2), ("written_criteria", False, True), ("promoted_examples", 0, 3),
    ("review_years", 8, 2), ("protected_in_contract", False, True), ("years_count_toward_rank", False, True),
    ("clinical_fte", 0.8, 0.7),
])
def test_improving_an_input_never_lowers_the_score(field, worse, better):
    base = GREEN | {"clinical_fte": 0.7, "protected_fte": 0.1}
    lo, hi = run(**base | {field: worse}), run(**base | {field: better})
    assert hi["score"] >= lo["score"] and hi["promotion_likelihood"] >= lo["promotion_likelihood"]


def test_review_years_bounds():
    assert run(review_years=0)["inputs"]["review_years"] == 0
    assert run(review_years=15)["inputs"]["review_years"] == 15
    with pytest.raises(ValidationError, match="review_years"):
        run(review_years=16)


def test_promoted_examples_must_be_whole():
    with pytest.raises(ValidationError, match="whole number"):
        run(promoted_examples=1.5)
    assert run(promoted_examples=2.0)["inputs"]["promoted_examples"] == 2


def test_a_yellow_offer_with_written_criteria_is_told_what_the_bridge_lacks():
    """Mid-tier clinician-educator offer with a written policy: not a service job; name the gaps."""
    offer = {"institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.8,
             "protected_fte": 0.2, "protected_in_contract": True, "written_criteria": True,
             "review_years": 3, "promoted_examples": 1}
    res = calculators.run("instructor-offer", offer)
    assert res["band"] == "yellow"
    assert "service-heavy" not in res["headline"]
    assert "recently promoted" in res["headline"] and "written" not in res["headline"]
    # the article's yellow scenario (0.9+ clinical, nothing written) keeps the soft-promise verdict
    yellow = calculators.run("instructor-offer", dict(calculators.get("instructor-offer").example("yellow").inputs))
    assert "soft promise" in yellow["headline"]
