"""offer-comparison on the article's Offer A / Offer B scenario, and properties of the ranking."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators
from calculators import ValidationError
from calculators import offer_comparison as oc
from conftest import ROOT
from contract_checks import result_or_contract_error

SLUG = "offer-comparison"

# Titles article, "How I would approach negotiation as a new grad".
OFFER_A = {"label": "A", "rank": "instructor", "institution_type": "research_intensive", "track": "unspecified",
           "clinical_fte": 0.9, "protected_fte": 0.0, "protected_in_contract": False}
OFFER_B = {"label": "B", "rank": "assistant_professor", "institution_type": "mid_tier",
           "track": "clinician_educator", "clinical_fte": 0.8, "protected_fte": 0.2, "protected_in_contract": True}
# What the article says would make Offer A competitive: a written 2-3 year path, protected time, people
# who made the jump, real support for scholarship and written backing from leadership.
WRITTEN_PATH = {"written_criteria": True, "review_years": 2, "promoted_examples": 3}
PROTECTED = {"clinical_fte": 0.8, "protected_fte": 0.2, "protected_in_contract": True}


def run(*offers):
    return calculators.run(SLUG, {"offers": list(offers)})


def scores(res):
    return {r["label"]: r["score"] for r in res["ranking"]}


def test_offer_b_ranks_first_with_a_clear_lead():
    res = run(OFFER_A, OFFER_B)
    assert [r["label"] for r in res["ranking"]] == ["B", "A"]
    assert res["band"] == "clear"
    assert res["score"] == res["ranking"][0]["score"]
    assert res["margin"] == pytest.approx(res["ranking"][0]["score"] - res["ranking"][1]["score"], abs=0.11)


def test_order_of_entry_does_not_change_the_ranking():
    assert run(OFFER_B, OFFER_A)["ranking"] == run(OFFER_A, OFFER_B)["ranking"]


def test_factors_name_the_offers_and_explain_why_b_leads():
    res = run(OFFER_A, OFFER_B)
    helping = [f for f in res["factors"] if f["effect"] == "+"]
    assert helping, "something explains B's lead"
    assert all("B" in f["label"] for f in helping)
    assert any("career-ladder" in f["source"] for f in helping), "B's rank is on the promotion ladder"
    assert any("protected" in f["label"].lower() for f in helping)


def test_written_path_protected_time_and_precedents_close_most_of_the_gap():
    before = scores(run(OFFER_A, OFFER_B))
    after = scores(run(OFFER_A | WRITTEN_PATH | PROTECTED, OFFER_B))
    gap_before, gap_after = before["B"] - before["A"], after["B"] - after["A"]
    assert after["B"] == before["B"]
    assert 0 <= gap_after < gap_before / 2


def test_everything_the_article_asks_for_makes_it_a_close_call():
    improved = OFFER_A | WRITTEN_PATH | PROTECTED | {
        "track": "clinician_educator", "years_count_toward_rank": True, "mentorship": True,
        "leadership_support": True}
    assert run(improved, OFFER_B)["band"] == "close"


@pytest.mark.parametrize("change", [WRITTEN_PATH, PROTECTED, {"promoted_examples": 3}, {"mentorship": True},
                                    {"leadership_support": True}, {"track": "clinician_educator"}])
def test_each_improvement_to_offer_a_raises_its_score(change):
    assert scores(run(OFFER_A | change, OFFER_B))["A"] > scores(run(OFFER_A, OFFER_B))["A"]


# The three conditions of "When Offer A can win": a clear 2-3 year path, real support for scholarship
# (mentors, support staff) and written backing from leadership.
THREE_CONDITIONS = {"written_criteria": True, "review_years": 2, "mentorship": True, "leadership_support": True}
SAME_TERMS = {"institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.9,
              "protected_fte": 0.1, "protected_in_contract": False}


def test_instructor_with_the_three_conditions_comes_close_to_or_beats_an_assistant_professor_post():
    instructor = {"label": "I", "rank": "instructor"} | SAME_TERMS | THREE_CONDITIONS
    plain_ap = {"label": "AP", "rank": "assistant_professor"} | SAME_TERMS
    res = run(instructor, plain_ap)
    assert res["band"] == "close" or res["ranking"][0]["label"] == "I"
    # with named precedents and counted years as well, the Instructor post leads
    better = run(instructor | {"promoted_examples": 3, "years_count_toward_rank": True}, plain_ap)
    assert better["ranking"][0]["label"] == "I"


def test_the_three_conditions_do_not_make_up_for_track_and_effort():
    """Offer A with the three conditions but still 0.9 clinical, no track and no protected time: B leads
    on track and protected time, which matter as much as title."""
    res = run(OFFER_A | THREE_CONDITIONS, OFFER_B)
    assert res["ranking"][0]["label"] == "B"
    biggest = [f["label"] for f in res["factors"][:2]]
    assert any(label.startswith("Track") for label in biggest) and any("Protected" in label for label in biggest)
    assert scores(res)["A"] > scores(run(OFFER_A, OFFER_B))["A"] + 30


def test_an_assistant_professor_title_on_a_pure_clinical_line_is_no_ladder():
    clinical = {"track": "pure_clinical", "clinical_fte": 1.0, "protected_fte": 0.0, "protected_in_contract": False,
                "institution_type": "mid_tier"}
    courtesy = {"label": "Courtesy", "rank": "assistant_professor"} | clinical
    res = run(courtesy, OFFER_A | {"label": "Instructor"} | clinical | {"written_criteria": True, "review_years": 2})
    assert res["ranking"][0]["label"] == "Instructor"
    alone = run(courtesy, OFFER_B)
    assert scores(alone)["Courtesy"] < 15, "no ladder, no track, no effort credit: little is left"
    assert any("courtesy" in f["detail"] for f in alone["factors"])


def test_an_unrealistic_tenure_track_earns_no_named_track_credit():
    heavy = {"label": "T", "rank": "assistant_professor", "institution_type": "research_intensive",
             "clinical_fte": 0.85, "protected_fte": 0.15, "protected_in_contract": True}
    tenure = scores(run(heavy | {"track": "tenure"}, OFFER_B))["T"]
    unnamed = scores(run(heavy | {"track": "unspecified"}, OFFER_B))["T"]
    assert tenure == unnamed
    funded = scores(run(heavy | {"track": "tenure", "funding": True}, OFFER_B))["T"]
    assert funded > tenure


def test_salary_is_shown_but_does_not_overturn_the_path():
    res = run(OFFER_A | {"salary": 400000}, OFFER_B | {"salary": 200000})
    assert res["ranking"][0]["label"] == "B"
    assert {r["label"]: r["salary"] for r in res["ranking"]} == {"A": 400000, "B": 200000}
    salary = [f for f in res["factors"] if "alary" in f["label"]]
    assert salary and "400,000" in salary[0]["detail"] and salary[0]["source"].endswith("#salary")


def test_salary_breaks_an_exact_tie():
    res = run(OFFER_B | {"label": "First", "salary": 200000}, OFFER_B | {"label": "Second", "salary": 210000})
    assert [r["label"] for r in res["ranking"]] == ["Second", "First"]
    assert res["band"] == "close"
    assert any(f["label"] == "Salary broke a tie" for f in res["factors"])


TENURE = {"label": "T", "rank": "assistant_professor", "institution_type": "research_intensive", "track": "tenure",
          "clinical_fte": 0.85, "protected_fte": 0.15, "protected_in_contract": True}


def test_tenure_track_on_heavy_clinical_load_without_funding_is_flagged():
    res = run(TENURE, OFFER_B)
    flagged = {r["label"]: r["flags"] for r in res["ranking"]}
    assert flagged["T"] and not flagged["B"]
    assert any("T" in f["label"] and f["source"].endswith("#tenure-fantasy") for f in res["factors"])
    assert any(s.startswith("T:") and "funding" in s for s in res["next_steps"])


@pytest.mark.parametrize("fix", [{"funding": True}, {"clinical_fte": 0.5, "protected_fte": 0.5}])
def test_funding_or_real_protected_time_removes_the_flag(fix):
    res = run(TENURE | fix, OFFER_B)
    assert all(not r["flags"] for r in res["ranking"])


def test_blank_labels_become_offer_numbers():
    res = run(OFFER_A | {"label": ""}, OFFER_B | {"label": ""})
    assert {r["label"] for r in res["ranking"]} == {"Offer 1", "Offer 2"}


@pytest.mark.parametrize("offers, field", [
    ([OFFER_A], "offers"),
    ([OFFER_A | {"label": str(n)} for n in range(6)], "offers"),
    ([OFFER_A, OFFER_A | {"label": "a"}], "offers[1].label"),
    ([OFFER_A, OFFER_B | {"clinical_fte": 0.9, "protected_fte": 0.2}], "offers[1].protected_fte"),
    ([OFFER_A, OFFER_B | {"rank": "associate"}], "offers[1].rank"),
    ([OFFER_A, OFFER_B | {"salary": -5}], "offers[1].salary"),
    ([OFFER_A, "B"], "offers[1]"),
])
def test_bad_offers_are_field_errors(offers, field):
    with pytest.raises(ValidationError) as exc:
        run(*offers)
    assert field in [e.field for e in exc.value.errors]


def test_cli_reports_a_single_offer_with_the_allowed_count():
    out = subprocess.run([sys.executable, "-m", "calculators", "run", SLUG, "-"], cwd=ROOT, text=True,
                         input=json.dumps({"offers": [OFFER_A]}), capture_output=True, timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "offers" in out.stderr and "2 to 5" in out.stderr


# ---------- properties ----------

FTE = st.sampled_from([0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.6, 0.75, 0.8, 0.85, 0.9, 1.0])


@st.composite
def offers(draw, label: str) -> dict:
    clinical = draw(FTE)
    protected = draw(FTE.filter(lambda p: p + clinical <= 1))
    return {
        "label": label,
        "rank": draw(st.sampled_from([c.value for c in oc.RANKS])),
        "institution_type": draw(st.sampled_from(["research_intensive", "mid_tier", "community_affiliate"])),
        "track": draw(st.sampled_from(["clinician_educator", "research", "tenure", "pure_clinical", "unspecified"])),
        "clinical_fte": clinical, "protected_fte": protected,
        "protected_in_contract": draw(st.booleans()), "written_criteria": draw(st.booleans()),
        "review_years": draw(st.none() | st.sampled_from([0.5, 1, 2, 3, 4, 5, 6, 8, 10, 15])),
        "promoted_examples": draw(st.integers(0, 6)),
        "years_count_toward_rank": draw(st.sampled_from([None, True, False])),
        "surgical_subspecialty": draw(st.booleans()), "leadership_support": draw(st.booleans()),
        "mentorship": draw(st.booleans()), "funding": draw(st.booleans()),
        "salary": draw(st.none() | st.integers(0, 500000)),
    }


@st.composite
def offer_sets(draw) -> list[dict]:
    n = draw(st.integers(2, 5))
    return [draw(offers("ABCDE"[k])) for k in range(n)]


def better(draw, o: dict) -> dict:
    """The same offer improved in one way the guides call better."""
    options = []
    room = round(1 - o["clinical_fte"] - o["protected_fte"], 4)
    if room > 0:
        options.append({"protected_fte": round(o["protected_fte"] + draw(st.sampled_from([x for x in (0.05, 0.1, 0.2, 0.3) if x <= room] or [room])), 4)})
        options.append({"clinical_fte": round(o["clinical_fte"] - min(room, o["clinical_fte"]), 4)})
    options += [{"protected_in_contract": True}, {"written_criteria": True}, {"mentorship": True},
                {"funding": True}, {"leadership_support": True},
                {"promoted_examples": o["promoted_examples"] + draw(st.integers(1, 5))}]
    if o["track"] != "pure_clinical":  # there the Assistant Professor title is a courtesy, not a step up
        options.append({"rank": "assistant_professor"})
    if o["track"] in ("unspecified", "pure_clinical"):
        options.append({"track": draw(st.sampled_from(["clinician_educator", "research", "tenure"]))})
    if o["review_years"] is None:
        options.append({"review_years": draw(st.sampled_from([1, 3, 6, 12]))})
    elif o["review_years"] > 0.5:
        options.append({"review_years": o["review_years"] - 0.5})
    if o["years_count_toward_rank"] is not True:
        options.append({"years_count_toward_rank": True if o["years_count_toward_rank"] is None else None})
    return o | draw(st.sampled_from(options))


FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(offer_sets())
def test_scores_stay_within_0_and_100(offers):
    res = run(*offers)
    assert all(0 <= r["score"] <= 100 for r in res["ranking"])
    assert 0 <= res["score"] <= 100 and res["margin"] >= 0
    assert [r["score"] for r in res["ranking"]] == sorted((r["score"] for r in res["ranking"]), reverse=True)
    assert res["band"] == ("clear" if res["margin"] >= oc.CLEAR_MARGIN else "close")


@FAST
@given(offer_sets(), st.data())
def test_improving_an_offer_never_lowers_its_score(offers, data):
    k = data.draw(st.integers(0, len(offers) - 1))
    improved = list(offers)
    improved[k] = better(data.draw, offers[k])
    label = offers[k]["label"]
    assert scores(run(*improved))[label] >= scores(run(*offers))[label]


@FAST
@given(offer_sets(), st.data())
def test_salary_alone_changes_the_leader_only_on_a_tie(offers, data):
    before = run(*offers)
    k = data.draw(st.integers(0, len(offers) - 1))
    changed = list(offers)
    changed[k] = offers[k] | {"salary": data.draw(st.none() | st.integers(0, 2_000_000))}
    after = run(*changed)
    assert scores(after) == scores(before)
    top_two_tie = before["ranking"][0]["score"] == before["ranking"][1]["score"]
    if not top_two_tie:
        assert after["ranking"][0]["label"] == before["ranking"][0]["label"]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**7) | st.floats(allow_nan=True) | st.text(max_size=8)
    | st.sampled_from(["instructor", "assistant_professor", "tenure", "mid_tier", ""]),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(
        st.sampled_from([f.name for f in oc.OFFER_FIELDS] + ["offers", "x"]), inner, max_size=6),
    max_leaves=30)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(["offers", "other"]), JSONISH, max_size=2)
       | st.builds(lambda xs: {"offers": xs}, st.lists(JSONISH, max_size=6)))
def test_any_json_validates_or_raises_the_contracts_error(raw):
    result_or_contract_error(SLUG, raw)


def test_each_ranked_offer_lists_its_parts_and_they_add_up_to_its_score():
    """The page shows the offers side by side, part by part: every offer has the same parts
    (a penalty aside), in points that add up to its score."""
    res = calculators.run(SLUG, dict(oc.CALCULATOR.example("tenure-fantasy").inputs))
    for entry in res["ranking"] + run(OFFER_A, OFFER_B)["ranking"]:
        parts = entry["parts"]
        assert {"path", "track", "clinical", "protected", "institution", "mentorship", "funding"} <= {p["key"] for p in parts}
        assert all(p["title"] and p["summary"] for p in parts)
        assert sum(p["points"] for p in parts) == pytest.approx(entry["score"], abs=0.05 * len(parts))


def test_a_question_two_offers_leave_open_is_asked_once_naming_both():
    """Two Instructor offers with the same gaps: each question appears once, for "A and B", and
    says what it says for one offer alone."""
    alone = run(OFFER_A, OFFER_B)
    twins = run(OFFER_A, OFFER_A | {"label": "A2"}, OFFER_B)
    of_a = [s.removeprefix("A: ") for s in alone["next_steps"] if s.startswith("A: ")]
    assert of_a, alone["next_steps"]
    for step in of_a:
        assert f"A and A2: {step}" in twins["next_steps"] or f"A2 and A: {step}" in twins["next_steps"]
        assert sum(s.endswith(step) for s in twins["next_steps"]) == 1
    # each offer's own open questions stay in the ranking, for the negotiation email
    assert {r["label"]: len(r["questions"]) for r in twins["ranking"]}["A2"] == len(of_a)
