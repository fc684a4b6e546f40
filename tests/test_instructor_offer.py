"""instructor-offer on the article's green, yellow and red scenarios and around them."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators
from calculators import ValidationError
from calculators.evidence import PROMOTION_LIKELIHOOD_BY_CONTEXT
from calculators.instructor_offer import SITUATIONS
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


ODDS = dict(PROMOTION_LIKELIHOOD_BY_CONTEXT.points)
BRIDGE, CLEAR_POLICY, VAGUE_PLAN = (v for _, v in PROMOTION_LIKELIHOOD_BY_CONTEXT.points)
# The article's middle situation: a mid-tier clinician-educator track with a clear (written) policy.
MID_TIER_CLEAR = {"institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.8,
                  "protected_fte": 0.2, "protected_in_contract": True, "written_criteria": True,
                  "review_years": 3, "promoted_examples": 1}


@pytest.mark.parametrize("inputs, figure", [(GREEN, BRIDGE), (MID_TIER_CLEAR, CLEAR_POLICY), (YELLOW, VAGUE_PLAN),
                                            (RED, VAGUE_PLAN), (RED | {"institution_type": "research_intensive"},
                                                                VAGUE_PLAN)],
                         ids=["bridge-at-a-research-center", "mid-tier-clear-policy", "service-heavy-vague-plan",
                              "red-flag-mid-tier", "red-flag-big-name"])
def test_each_of_the_articles_situations_gets_its_figure(inputs, figure):
    res = run(**inputs)
    assert res["promotion_likelihood"] == figure
    assert res["promotion_chance"].startswith(f"about {figure:g}%")


def words_only(res) -> None:
    """No percentage anywhere the chance is said: the article gives none for this case."""
    assert res["promotion_likelihood"] is None
    said = res["promotion_chance"] + " ".join(f["label"] + f["detail"] for f in res["factors"] if "figure" in f["label"])
    assert "%" not in said and res["promotion_chance"].startswith("No figure")


@pytest.mark.parametrize("offer", [MID_TIER_CLEAR, GREEN, YELLOW, RED], ids=["clear", "green", "yellow", "red"])
def test_a_community_affiliate_gets_no_figure_but_the_articles_words(offer):
    res = run(**offer | {"institution_type": "community_affiliate"})
    words_only(res)
    assert "very limited" in res["promotion_chance"] and res["band"] != "green"


@pytest.mark.parametrize("offer", [YELLOW, GREEN | {"written_criteria": False}, RED])
def test_a_surgical_post_with_nothing_written_may_be_a_super_fellow_post(offer):
    res = run(**offer | {"surgical_subspecialty": True, "institution_type": "research_intensive"})
    words_only(res)
    assert "super-fellow" in res["promotion_chance"]


@pytest.mark.parametrize("offer", [GREEN, MID_TIER_CLEAR, YELLOW, RED])
def test_a_staff_line_is_a_service_job_with_no_figure(offer):
    res = run(**offer | {"track": "pure_clinical"})
    words_only(res)
    assert "service job" in res["promotion_chance"] and "service job" in res["headline"]
    assert res["band"] != "green"


@pytest.mark.parametrize("inputs", [
    GREEN | {"institution_type": "mid_tier", "track": "research"},  # a full bridge away from a research center
    GREEN | {"promoted_examples": 1},                                # a big-name CE track, one precedent short
    GREEN | {"track": "unspecified"},                                # written criteria, no track to carry them
    YELLOW | {"clinical_fte": 0.75, "protected_fte": 0.25, "protected_in_contract": True},  # light load, nothing written
], ids=["bridge-elsewhere", "one-precedent-short", "written-without-track", "protected-without-policy"])
def test_offers_outside_the_three_situations_get_no_figure(inputs):
    res = run(**inputs)
    words_only(res)
    assert res["likelihood_situation"] == "outside" and "three situations" in res["promotion_chance"]


def test_the_three_figures_attach_only_to_the_three_situations():
    for key, s in SITUATIONS.items():
        assert (s.figure is not None) == (key in ("bridge", "clear_policy", "vague_plan")), key
    assert sorted(s.figure for s in SITUATIONS.values() if s.figure) == sorted(ODDS.values())


@pytest.mark.parametrize("inputs", [GREEN, YELLOW, RED, MID_TIER_CLEAR])
def test_the_chance_reads_as_rough_with_the_articles_three_figures_beside_it(inputs):
    res = run(**inputs)
    assert re.fullmatch(r"about \d+% \(.+\)", res["promotion_chance"])
    for label, value in PROMOTION_LIKELIHOOD_BY_CONTEXT.points:
        assert f"{value:g}% {label.lower()}" in res["likelihood_anchors"].lower()
    shown = [key for key, _, _ in CALC.metrics]
    assert shown == ["promotion_chance", "likelihood_anchors"], "the page shows the rough text, not a bare percent"


def test_a_big_name_adds_nothing_to_a_red_flag_offer():
    top, mid = (run(**RED | {"institution_type": t}) for t in ("research_intensive", "mid_tier"))
    assert top["band"] == mid["band"] == "red"
    assert top["score"] <= mid["score"] and top["promotion_likelihood"] == mid["promotion_likelihood"]


def test_a_big_name_adds_to_the_score_only_with_a_written_path():
    written = MID_TIER_CLEAR
    assert run(**written | {"institution_type": "research_intensive"})["score"] > run(**written)["score"]
    unwritten = YELLOW
    assert run(**unwritten | {"institution_type": "research_intensive"})["score"] == run(**unwritten)["score"]


def test_only_a_big_name_gets_the_big_name_explanation():
    big = run(**YELLOW | {"institution_type": "research_intensive"})
    assert any(f["source"].endswith("#big-name") for f in big["factors"])
    mid = run(**YELLOW)
    assert not any(f["source"].endswith("#big-name") or "big-name" in f["detail"] for f in mid["factors"])
    assert any(f["source"].endswith("#mid-tier") for f in mid["factors"])


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
    assert res["promotion_likelihood"] is None, "a tenure track that cannot work is no named track"


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
    assert hi["score"] >= lo["score"]
    assert FLAG[hi["band"]] >= FLAG[lo["band"]]


FLAG = {"red": 0, "yellow": 1, "green": 2}


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
           {"years_count_toward_rank": True}]
    if room > 0:
        out += [{"protected_fte": round(o["protected_fte"] + room, 4)}, {"clinical_fte": round(o["clinical_fte"] - min(room, o["clinical_fte"]), 4)}]
    if o["track"] in ("unspecified", "pure_clinical"):
        out.append({"track": "clinician_educator"})
    if o["institution_type"] == "mid_tier":
        out.append({"institution_type": "research_intensive"})
    out.append({"review_years": 2} if o["review_years"] is None or o["review_years"] > 2 else {})
    return out


PROPS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(offers(), st.data())
def test_improving_an_offer_never_lowers_its_score_flag_or_figure(offer, data):
    change = data.draw(st.sampled_from(improvements(offer)))
    before, after = run(**offer), run(**offer | change)
    assert after["score"] >= before["score"]
    assert FLAG[after["band"]] >= FLAG[before["band"]]
    if before["promotion_likelihood"] is not None and after["promotion_likelihood"] is not None:
        assert after["promotion_likelihood"] >= before["promotion_likelihood"]


@PROPS
@given(offers())
def test_a_staff_line_never_reads_better_than_the_same_offer_with_no_track_named(offer):
    staff, unnamed = run(**offer | {"track": "pure_clinical"}), run(**offer | {"track": "unspecified"})
    assert FLAG[staff["band"]] <= FLAG[unnamed["band"]]
    assert staff["score"] <= unnamed["score"]
    assert staff["promotion_likelihood"] is None, "no figure, only the article's words: a service job"


@PROPS
@given(offers())
def test_a_figure_only_in_the_articles_three_situations(offer):
    res = run(**offer)
    key = res["likelihood_situation"]
    assert (res["promotion_likelihood"] is not None) == (key in ("bridge", "clear_policy", "vague_plan"))
    if key == "bridge":
        assert offer["institution_type"] == "research_intensive" and res["band"] == "green"
    if key == "clear_policy":
        assert offer["institution_type"] == "mid_tier" and offer["track"] == "clinician_educator"
        assert offer["written_criteria"]
    if key == "vague_plan":
        assert not offer["written_criteria"] and offer["institution_type"] != "community_affiliate"
        assert offer["track"] != "pure_clinical"
