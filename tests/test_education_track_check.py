"""education-track-check on the article's signs of a real and of a cosmetic education track.

Written from "The Truth About Education Tracks" (Residency Advisor, 2026-01-08): its section on
telling a real track from a cosmetic one, and its myths section (get the expectations in writing).
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import calculators
from calculators import ValidationError
from contract_checks import JSON_VALUES, result_or_contract_error

SLUG = "education-track-check"
CALC = calculators.get(SLUG)
RANK = {"cosmetic": 0, "mixed": 1, "real": 2}

# Every sign of a real track, none of window dressing.
REAL = {"written_criteria": "examples", "promoted_have_clear_lines": True, "protected_time": "honoured",
        "recent_role_models": 3, "successful_candidates_have_research": False,
        "promoted_look_like_researchers": False, "past_output_explained": True}
# Every sign of window dressing: "excellence in teaching" on paper, research papers in practice,
# promoted "educators" who look like failed researchers, nobody knows what got people promoted,
# protected time that evaporates when clinical volume rises.
COSMETIC = {"written_criteria": "vague", "successful_candidates_have_research": True,
            "promoted_look_like_researchers": True, "past_output_explained": False, "protected_time": "evaporates",
            "promoted_have_clear_lines": False, "recent_role_models": 0}


def run(inputs):
    return calculators.run(SLUG, inputs)


def test_all_real_signs_make_a_real_track():
    res = run(REAL)
    assert res["band"] == "real" and res["real_signs"] == 4 and res["cosmetic_signs"] == 0


def test_the_four_real_signs_alone_are_enough_even_with_the_rest_unknown():
    only_real = {k: REAL[k] for k in ("written_criteria", "promoted_have_clear_lines", "protected_time",
                                      "recent_role_models")}
    assert run(only_real)["band"] == "real"


def test_all_window_dressing_signs_make_a_cosmetic_track():
    res = run(COSMETIC)
    assert res["band"] == "cosmetic" and res["cosmetic_signs"] == 4 and res["real_signs"] == 0


def test_cosmetic_band_advises_twice_the_discipline_and_outside_collaborators():
    steps = " ".join(run(COSMETIC)["next_steps"]).lower()
    assert "discipline" in steps and "collaborators at other institutions" in steps
    assert "survive" in steps and "still be promoted" not in steps, "the article: you can survive, not be promoted"
    assert "discipline" not in " ".join(run(REAL)["next_steps"]).lower()


def test_honored_protected_time_is_one_sign_among_the_articles_not_the_clearest():
    said = " ".join(f["detail"] for f in run(REAL)["factors"]).lower()
    assert "clearest" not in said and "one of the article's signs" in said


@pytest.mark.parametrize("sign", [
    {"successful_candidates_have_research": True},
    {"promoted_look_like_researchers": True},
    {"past_output_explained": False},
    {"protected_time": "evaporates"},
])
def test_one_sign_of_window_dressing_keeps_an_otherwise_real_track_from_real(sign):
    assert run(REAL | sign)["band"] == "mixed"


def test_good_criteria_on_paper_do_not_outweigh_the_practice():
    # criteria describe education scholarship, but everyone promoted had research papers, the promoted
    # look like researchers and the time evaporates
    res = run(COSMETIC | {"written_criteria": "examples"})
    assert res["band"] == "cosmetic"


def test_two_or_fewer_people_to_emulate_is_not_the_real_sign():
    assert run(REAL | {"recent_role_models": 2})["real_signs"] == 3
    assert run(REAL | {"recent_role_models": 3})["real_signs"] == 4


def test_specific_written_expectations_count_as_the_criteria_sign():
    assert run(REAL | {"written_criteria": "specific"})["band"] == "real"
    steps = " ".join(run(REAL | {"written_criteria": "examples"})["next_steps"]).lower()
    assert "in writing" in steps and "publications" in steps


def test_nothing_known_is_mixed_with_a_question_for_every_sign():
    res = run({})
    assert res["band"] == "mixed" and res["unknown_signs"] == 8
    steps = " ".join(res["next_steps"]).lower()
    for words in ("written criteria", "cvs", "line of work", "protected time", "people promoted",
                  "how many education publications"):
        assert words in steps, words


def test_answered_signs_drop_their_questions():
    steps = " ".join(run(REAL)["next_steps"]).lower()
    assert "protected time the last time" not in steps and "cvs" not in steps


def test_no_protected_time_at_all_counts_against_the_track():
    assert run(REAL | {"protected_time": "none"})["band"] != "real"


def test_role_models_must_be_whole_and_not_negative():
    for bad in (-1, 2.5, "three"):
        with pytest.raises(ValidationError, match="recent_role_models"):
            run({"recent_role_models": bad})


@pytest.mark.parametrize("example", CALC.examples, ids=lambda e: e.name)
def test_examples_match_their_names(example):
    assert run(dict(example.inputs))["band"] == example.name


# --- properties -------------------------------------------------------------------------------

MAYBE = st.none() | st.booleans()


@st.composite
def tracks(draw):
    return {
        "written_criteria": draw(st.sampled_from([None, "specific", "examples", "vague", "none"])),
        "successful_candidates_have_research": draw(MAYBE),
        "promoted_have_clear_lines": draw(MAYBE),
        "promoted_look_like_researchers": draw(MAYBE),
        "protected_time": draw(st.sampled_from([None, "honoured", "evaporates", "none"])),
        "recent_role_models": draw(st.none() | st.integers(0, 10)),
        "past_output_explained": draw(MAYBE),
    }


REAL_SIGNS = {
    "criteria with examples": {"written_criteria": "examples"},
    "specific criteria": {"written_criteria": "specific"},
    "promoted show clear lines": {"promoted_have_clear_lines": True},
    "time honoured": {"protected_time": "honoured"},
    "three role models": {"recent_role_models": 3},
    "past output explained": {"past_output_explained": True},
    "candidates did not need research": {"successful_candidates_have_research": False},
    "promoted look like educators": {"promoted_look_like_researchers": False},
}
COSMETIC_SIGNS = {
    "candidates all had research": {"successful_candidates_have_research": True},
    "promoted look like researchers": {"promoted_look_like_researchers": True},
    "nobody knows past output": {"past_output_explained": False},
    "time evaporates": {"protected_time": "evaporates"},
}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(tracks())
def test_score_stays_within_0_and_100(t):
    res = run(t)
    assert 0 <= res["score"] <= 100
    assert res["real_signs"] + res["cosmetic_signs"] <= 8 and 0 <= res["unknown_signs"] <= 8


@pytest.mark.parametrize("sign", REAL_SIGNS, ids=str)
@settings(max_examples=150, deadline=None, derandomize=True)
@given(t=tracks())
def test_a_real_sign_never_lowers_score_or_band(sign, t):
    before, after = run(t), run(t | REAL_SIGNS[sign])
    # "specific" is at least as good as "examples": never replace a specific criteria document
    if sign == "criteria with examples" and t["written_criteria"] == "specific":
        return
    if sign == "three role models" and (t["recent_role_models"] or 0) > 3:
        return
    assert after["score"] >= before["score"] and RANK[after["band"]] >= RANK[before["band"]]


@pytest.mark.parametrize("sign", COSMETIC_SIGNS, ids=str)
@settings(max_examples=150, deadline=None, derandomize=True)
@given(t=tracks())
def test_a_window_dressing_sign_never_raises_score_or_band(sign, t):
    if sign == "time evaporates" and t["protected_time"] == "none":
        return  # no protected time at all is no better than time that evaporates
    before, after = run(t), run(t | COSMETIC_SIGNS[sign])
    assert after["score"] <= before["score"] and RANK[after["band"]] <= RANK[before["band"]]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(t=tracks(), n=st.integers(0, 20))
def test_more_role_models_never_hurt(t, n):
    assert run(t | {"recent_role_models": n + 1})["score"] >= run(t | {"recent_role_models": n})["score"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(t=tracks(), field=st.sampled_from([f.name for f in CALC.fields]), value=JSON_VALUES)
def test_any_json_value_validates_or_raises_the_contract_error(t, field, value):
    result_or_contract_error(CALC.slug, t | {field: value})
