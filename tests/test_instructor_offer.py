"""instructor-offer on the article's green, yellow and red scenarios and around them."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

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


EXPECTED_BANDS = {"green": "green", "yellow": "yellow", "red": "red", "clear-policy": "yellow"}


@pytest.mark.parametrize("example", CALC.examples, ids=lambda e: e.name)
def test_built_in_examples_have_the_band_their_title_says(example):
    assert run(**example.inputs)["band"] == EXPECTED_BANDS[example.name]


ODDS = dict(PROMOTION_LIKELIHOOD_BY_CONTEXT.points)
BRIDGE, CLEAR_POLICY, VAGUE_PLAN = (v for _, v in PROMOTION_LIKELIHOOD_BY_CONTEXT.points)
# The article's middle situation: a mid-tier clinician-educator track with a clear (written) policy.
MID_TIER_CLEAR = {"institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.8,
                  "protected_fte": 0.2, "protected_in_contract": True, "written_criteria": True,
                  "review_years": 3, "promoted_examples": 1}


@pytest.mark.parametrize("inputs, figure", [(GREEN, BRIDGE), (MID_TIER_CLEAR, CLEAR_POLICY), (YELLOW, VAGUE_PLAN)],
                         ids=["bridge-at-a-research-center", "mid-tier-clear-policy", "service-heavy-vague-plan"])
def test_each_of_the_articles_situations_gets_its_figure(inputs, figure):
    res = run(**inputs)
    assert res["promotion_likelihood"] == figure and res["promotion_likelihood_range"] == [figure, figure]
    assert res["promotion_chance"].startswith(f"about {figure:g}%")


@pytest.mark.parametrize("change", [{}, {"promoted_examples": 3}, {"review_years": 2},
                                    {"institution_type": "research_intensive"}, {"protected_fte": 0.05},
                                    {"years_count_toward_rank": True},
                                    GREEN | {"written_criteria": False, "years_count_toward_rank": True}])
def test_a_yellow_offer_without_written_criteria_is_below_the_clear_policy_figure(change):
    """Yellow is defined by having nothing in writing: it cannot borrow the clear-policy figure."""
    res = run(**YELLOW | change)
    assert res["band"] == "yellow" and not res["inputs"]["written_criteria"]
    assert res["promotion_likelihood"] < CLEAR_POLICY
    assert res["promotion_likelihood_range"][1] <= CLEAR_POLICY


@pytest.mark.parametrize("institution", ["mid_tier", "community_affiliate"])
def test_a_green_offer_away_from_a_research_center_does_not_take_the_bridge_figure(institution):
    res = run(**GREEN | {"institution_type": institution})
    assert res["band"] == "green"
    assert res["promotion_likelihood"] == CLEAR_POLICY
    assert "research center" in next(f["detail"] for f in res["factors"] if f["label"].startswith("Rough chance"))


def test_a_big_name_adds_nothing_to_a_red_flag_offer():
    top, mid = (run(**RED | {"institution_type": t}) for t in ("research_intensive", "mid_tier"))
    assert top["band"] == mid["band"] == "red"
    assert top["score"] <= mid["score"] and top["promotion_likelihood"] <= mid["promotion_likelihood"]


def test_a_big_name_adds_to_the_score_only_with_a_written_path():
    written = MID_TIER_CLEAR
    assert run(**written | {"institution_type": "research_intensive"})["score"] > run(**written)["score"]
    unwritten = YELLOW
    assert run(**unwritten | {"institution_type": "research_intensive"})["score"] == run(**unwritten)["score"]


@pytest.mark.parametrize("inputs", [
    GREEN | {"track": "unspecified"},                       # written criteria, no track to carry them
    YELLOW | {"clinical_fte": 0.75, "protected_fte": 0.25, "protected_in_contract": True},  # light load, nothing written
], ids=["written-without-track", "protected-without-policy"])
def test_offers_between_two_situations_get_the_range_between_their_figures(inputs):
    res = run(**inputs)
    assert res["promotion_likelihood_range"] == [VAGUE_PLAN, CLEAR_POLICY]
    assert res["promotion_chance"].startswith(f"between {VAGUE_PLAN:g}% and {CLEAR_POLICY:g}%")
    assert VAGUE_PLAN < res["promotion_likelihood"] < CLEAR_POLICY


@pytest.mark.parametrize("inputs", [GREEN, YELLOW, RED, MID_TIER_CLEAR, GREEN | {"track": "unspecified"}])
def test_the_chance_reads_as_rough_with_the_articles_three_figures_beside_it(inputs):
    res = run(**inputs)
    assert res["promotion_likelihood"] % 5 == 0
    assert re.fullmatch(r"(about \d+%|between \d+% and \d+%) \(.+\)", res["promotion_chance"])
    for label, value in PROMOTION_LIKELIHOOD_BY_CONTEXT.points:
        assert f"{value:g}% {label.lower()}" in res["likelihood_anchors"].lower()
    shown = [key for key, _, _ in CALC.metrics]
    assert shown == ["promotion_chance", "likelihood_anchors"], "the page shows the rough text, not a bare percent"


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


def test_tenure_track_on_heavy_clinical_load_is_flagged_and_earns_no_track_credit():
    res = run(**GREEN | {"track": "tenure", "clinical_fte": 0.8})
    assert res["band"] != "green"
    assert any("Tenure track" in f["label"] and f["effect"] == "-" for f in res["factors"])
    assert res["score"] == run(**GREEN | {"track": "unspecified", "clinical_fte": 0.8})["score"]
    assert res["promotion_likelihood"] < CLEAR_POLICY, "a tenure track that cannot work is no named track"


def test_surgical_instructor_without_written_path_is_penalized():
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


# ---------- properties ----------


FTE = st.sampled_from([0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 0.8, 0.85, 0.9, 1.0])


@st.composite
def offers(draw) -> dict:
    clinical = draw(FTE)
    return {
        "institution_type": draw(st.sampled_from(["research_intensive", "mid_tier", "community_affiliate"])),
        "track": draw(st.sampled_from(["clinician_educator", "research", "tenure", "pure_clinical", "unspecified"])),
        "clinical_fte": clinical, "protected_fte": draw(FTE.filter(lambda p: p + clinical <= 1)),
        "protected_in_contract": draw(st.booleans()), "written_criteria": draw(st.booleans()),
        "review_years": draw(st.none() | st.sampled_from([1, 2, 3, 4, 6, 9, 15])),
        "promoted_examples": draw(st.integers(0, 4)),
        "years_count_toward_rank": draw(st.sampled_from([None, True, False])),
        "surgical_subspecialty": draw(st.booleans()),
    }


def improvements(o: dict) -> list[dict]:
    """Single changes the guides call better (a tenure track on a heavy load is no improvement)."""
    room = round(1 - o["clinical_fte"] - o["protected_fte"], 4)
    out = [{"protected_in_contract": True}, {"written_criteria": True}, {"promoted_examples": o["promoted_examples"] + 1},
           {"surgical_subspecialty": False}, {"years_count_toward_rank": True}]
    if room > 0:
        out += [{"protected_fte": round(o["protected_fte"] + room, 4)}, {"clinical_fte": round(o["clinical_fte"] - min(room, o["clinical_fte"]), 4)}]
    if o["track"] in ("unspecified", "pure_clinical"):
        out.append({"track": "clinician_educator"})
    if o["institution_type"] == "mid_tier":
        out.append({"institution_type": "research_intensive"})
    out.append({"review_years": 2} if o["review_years"] is None or o["review_years"] > 2 else {})
    return out


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(offers(), st.data())
def test_improving_an_offer_never_lowers_its_score_or_its_chance(offer, data):
    change = data.draw(st.sampled_from(improvements(offer)))
    before, after = run(**offer), run(**offer | change)
    assert after["score"] >= before["score"]
    assert after["promotion_likelihood_range"][0] >= before["promotion_likelihood_range"][0]
    assert after["promotion_likelihood"] >= before["promotion_likelihood"]
