"""offer-comparison on the article's Offer A / Offer B scenario, and properties of the ranking."""
from __future__ import annotations

import json
import re
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
# "Unless Offer A explicitly comes with": a clear 2-3 year path to Assistant Professor, real
# opportunities for scholarship (mentors, support staff), written support from leadership.
THREE_CONDITIONS = {"written_criteria": True, "review_years": 2, "mentorship": True, "leadership_support": True}
SAME_TERMS = {"institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.9,
              "protected_fte": 0.1, "protected_in_contract": False}
# The article's yellow- and red-flag Instructor offers, and its tenure-track "fantasy".
YELLOW = {"label": "Yellow", "rank": "instructor", "institution_type": "mid_tier", "track": "clinician_educator",
          "clinical_fte": 0.9, "protected_fte": 0.1, "protected_in_contract": False, "promoted_examples": 1}
RED = {"label": "Red", "rank": "instructor", "institution_type": "mid_tier", "track": "unspecified",
       "clinical_fte": 1.0, "protected_fte": 0.0, "protected_in_contract": False}
FANTASY = {"label": "T", "rank": "assistant_professor", "institution_type": "research_intensive", "track": "tenure",
           "clinical_fte": 0.85, "protected_fte": 0.15, "protected_in_contract": True}
STAFF_AP = {"label": "Staff", "rank": "assistant_professor", "institution_type": "mid_tier", "track": "pure_clinical",
            "clinical_fte": 1.0, "protected_fte": 0.0, "protected_in_contract": False}
RESEARCH_INSTRUCTOR = {"label": "Lab", "rank": "instructor", "institution_type": "research_intensive",
                       "track": "research", "clinical_fte": 0.2, "protected_fte": 0.8, "protected_in_contract": True,
                       "funding": True}


def run(*offers):
    return calculators.run(SLUG, {"offers": list(offers)})


def scores(res):
    return {r["label"]: r["score"] for r in res["ranking"]}


def places(res):
    return {r["label"]: ("level" if r["level"] else r["band"]) for r in res["ranking"]}


def order(res):
    return [r["label"] for r in res["ranking"]]


# ---------- the article's own cases ----------

def test_offer_a_against_offer_b_b_is_placed_higher_and_leads_clearly():
    res = run(OFFER_A, OFFER_B)
    assert order(res) == ["B", "A"] and res["band"] == "clear"
    assert places(res) == {"B": "promotion", "A": "service"}
    # the placement is the first line of the result
    assert res["headline"].startswith("B is on a promotion track; A is a service job with limited promotion.")
    # the trailing offer is told which of the article's conditions it lacks
    (a,) = [r for r in res["ranking"] if r["label"] == "A"]
    assert a["lacks"] == [oc.CLEAR_PATH, oc.SCHOLARSHIP, oc.BACKING]
    lacks = next(f for f in res["factors"] if f["label"] == "What A lacks")
    assert all(c in lacks["detail"] for c in a["lacks"]) and lacks["source"].endswith("#when-a-wins")


def test_order_of_entry_does_not_change_the_ranking():
    assert run(OFFER_B, OFFER_A)["ranking"] == run(OFFER_A, OFFER_B)["ranking"]


def test_offer_a_with_the_three_conditions_stands_level_with_offer_b():
    """The article: B is usually stronger, unless A comes with the three conditions. A keeps its 0.9
    clinical load and no named track: level on the flow, B ahead on the terms the article names."""
    res = run(OFFER_A | THREE_CONDITIONS, OFFER_B)
    assert places(res) == {"A": "level", "B": "promotion"}
    assert res["band"] == "ahead" and order(res) == ["B", "A"]
    assert "level with a promotion track" in res["headline"] and "Level on the flow" in res["headline"]
    ahead = next(f for f in res["factors"] if f["label"] == "B ahead of A in the same place")
    assert all(t in ahead["detail"] for t in ("a named track", "protected time in the contract", "clinical effort"))
    assert any("salary" in s for s in res["next_steps"]), "what then decides is named"
    assert not [f for f in res["factors"] if f["label"] == "What A lacks"]


@pytest.mark.parametrize("missing", ["written_criteria", "mentorship", "leadership_support"])
def test_two_conditions_are_not_enough(missing):
    res = run(OFFER_A | THREE_CONDITIONS | {missing: False}, OFFER_B)
    assert res["band"] == "clear" and order(res) == ["B", "A"]
    assert places(res)["A"] in ("bridge", "service")


def test_offer_a_with_everything_on_the_same_terms_as_b_is_a_close_call():
    improved = OFFER_A | THREE_CONDITIONS | {"track": "clinician_educator", "clinical_fte": 0.8, "protected_fte": 0.2,
                                             "protected_in_contract": True}
    res = run(improved, OFFER_B)
    assert res["band"] == "close" and "close" in res["headline"] and "no order" in res["headline"]
    why = next(f for f in res["factors"] if f["label"].endswith(": close"))
    assert "alike on the named track, protected time in the contract and clinical effort" in why["detail"]
    assert "salary" in why["detail"]


def test_the_three_conditions_on_the_same_terms_as_an_assistant_professor_post_are_close():
    instructor = {"label": "I", "rank": "instructor"} | SAME_TERMS | THREE_CONDITIONS
    plain_ap = {"label": "AP", "rank": "assistant_professor"} | SAME_TERMS
    res = run(instructor, plain_ap)
    assert res["band"] == "close" and scores(res)["I"] == scores(res)["AP"]


def test_a_tenure_track_at_heavy_clinical_load_without_funding_is_a_service_job():
    res = run(FANTASY, OFFER_B)
    assert places(res) == {"B": "promotion", "T": "service"} and res["band"] == "clear"
    flagged = {r["label"]: r["flags"] for r in res["ranking"]}
    assert flagged["T"] and not flagged["B"]
    assert any(f["label"].startswith("T:") and f["source"].endswith("#tenure-fantasy") for f in res["factors"])
    assert any(s.startswith("T:") and "funding" in s for s in res["next_steps"])


@pytest.mark.parametrize("fix", [{"funding": True}, {"clinical_fte": 0.5, "protected_fte": 0.5}])
def test_funding_or_a_lighter_load_makes_the_tenure_track_real(fix):
    res = run(FANTASY | fix, OFFER_B)
    assert places(res)["T"] == "promotion" and all(not r["flags"] for r in res["ranking"])


def test_a_staff_line_is_a_service_job_whatever_the_title():
    bridge = OFFER_A | {"label": "Instructor", "written_criteria": True, "review_years": 2}
    res = run(STAFF_AP, bridge)
    assert places(res) == {"Instructor": "bridge", "Staff": "service"} and order(res) == ["Instructor", "Staff"]
    alone = run(STAFF_AP, OFFER_B)
    assert order(alone) == ["B", "Staff"] and alone["band"] == "clear"
    staff = next(r for r in alone["ranking"] if r["label"] == "Staff")
    assert next(p for p in staff["parts"] if p["key"] == "place")["points"] == 0, "no part earned by the title"


def test_any_title_on_a_full_clinical_load_without_protected_time_is_a_service_job():
    full = OFFER_B | {"label": "Full", "clinical_fte": 1.0, "protected_fte": 0.0, "protected_in_contract": False}
    res = run(full, OFFER_B)
    assert places(res) == {"B": "promotion", "Full": "service"}
    assert "protected non-clinical time written into the contract" in next(
        r for r in res["ranking"] if r["label"] == "Full")["lacks"]


def test_yellow_and_red_flag_offers_are_both_service_jobs_the_yellow_one_ahead_on_terms():
    res = run(RED, YELLOW)
    assert places(res) == {"Yellow": "service", "Red": "service"}
    assert res["band"] == "ahead" and order(res) == ["Yellow", "Red"]
    assert res["headline"].startswith("Yellow and Red are service jobs with limited promotion.")
    ahead = next(f for f in res["factors"] if f["label"] == "Yellow ahead of Red in the same place")
    assert "a named track" in ahead["detail"] and "less clinical effort" in ahead["detail"]


def test_a_research_instructor_is_a_legitimate_bridge_that_trails_a_promotion_track():
    res = run(RESEARCH_INSTRUCTOR, OFFER_B)
    assert places(res) == {"B": "promotion", "Lab": "bridge"} and res["band"] == "clear"
    lab = next(f for f in res["factors"] if f["label"].startswith("Lab:"))
    assert "legitimate" in lab["detail"] and lab["source"].endswith("#research-instructor")
    level = run(RESEARCH_INSTRUCTOR | THREE_CONDITIONS, OFFER_B)
    assert places(level)["Lab"] == "level"
    assert order(level) == ["Lab", "B"] and level["band"] == "ahead", "more protected time, less clinical work"


def test_a_written_path_with_a_late_review_is_a_bridge_without_the_clear_two_to_three_years():
    late = OFFER_A | THREE_CONDITIONS | {"review_years": 5}
    res = run(late, OFFER_B)
    assert places(res)["A"] == "bridge", "written criteria and a review date: a defined path"
    a = next(r for r in res["ranking"] if r["label"] == "A")
    assert a["lacks"] == [oc.CLEAR_PATH] and res["band"] == "clear", "not level: the path is longer than 2-3 years"
    assert places(run(late | {"review_years": 3}, OFFER_B))["A"] == "level"
    assert places(run(OFFER_A | {"written_criteria": True}, OFFER_B))["A"] == "service", "no review date: no path"


def test_a_big_name_rescues_nothing_and_a_mid_tier_offer_is_not_told_about_big_names():
    big = run(OFFER_A, OFFER_B)
    assert any("big name" in f["label"] and f["source"].endswith("#big-name") for f in big["factors"])
    mid = run(OFFER_A | {"institution_type": "mid_tier"}, OFFER_B)
    assert not any("big" in (f["label"] + f["detail"]).lower() for f in mid["factors"])
    assert any("At what rank do full-time faculty" in s for s in mid["next_steps"]), "mid-tier: ask why not AP"


def test_nothing_says_assistant_professor_is_the_usual_entry_rank_at_a_research_intensive_school():
    ap = OFFER_B | {"label": "Big AP", "institution_type": "research_intensive"}
    res = run(ap, OFFER_A)
    said = " ".join(f["detail"] for f in res["factors"]) + res["headline"]
    assert "usual entry rank" not in said and "entry rank" not in said


def test_salary_is_shown_but_never_overturns_the_flow():
    res = run(OFFER_A | {"salary": 400000}, OFFER_B | {"salary": 200000})
    assert order(res) == ["B", "A"]
    assert {r["label"]: r["salary"] for r in res["ranking"]} == {"A": 400000, "B": 200000}
    salary = [f for f in res["factors"] if f["label"] == "Salary"]
    assert salary and "400,000" in salary[0]["detail"] and salary[0]["source"].endswith("#salary")


def test_salary_orders_offers_that_are_otherwise_alike():
    res = run(OFFER_B | {"label": "First", "salary": 200000}, OFFER_B | {"label": "Second", "salary": 210000})
    assert order(res) == ["Second", "First"] and res["band"] == "close"


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
        named = ["clinician_educator", "research"]
        if o["clinical_fte"] < oc.TENURE_FANTASY_MIN_CLINICAL or o["funding"]:
            named.append("tenure")  # tenure on a heavy load without funding is no improvement: it is fantasy
        options.append({"track": draw(st.sampled_from(named))})
    if o["review_years"] is None:
        options.append({"review_years": draw(st.sampled_from([1, 3, 6, 12]))})
    elif o["review_years"] > 0.5:
        options.append({"review_years": o["review_years"] - 0.5})
    if o["years_count_toward_rank"] is not True:
        options.append({"years_count_toward_rank": True if o["years_count_toward_rank"] is None else None})
    return o | draw(st.sampled_from(options))


FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
TIER = {"promotion": 0, "level": 0, "bridge": 1, "service": 2}


def tier(entry: dict) -> int:
    return TIER["level" if entry["level"] else entry["band"]]


def term_points(entry: dict) -> dict:
    return {p["key"]: p["points"] for p in entry["parts"] if p["key"] != "place"}


@FAST
@given(offer_sets())
def test_no_number_reverses_the_flows_order(offers):
    """The places order the ranking; every offer placed higher scores more than every offer placed
    lower; and the band says how the top two stand: placed apart, level with one ahead on every
    term, or close."""
    res = run(*offers)
    ranking = res["ranking"]
    assert [tier(r) for r in ranking] == sorted(tier(r) for r in ranking)
    for hi in ranking:
        for lo in ranking:
            if tier(hi) < tier(lo):
                assert hi["score"] > lo["score"], (hi, lo)
    assert all(0 <= r["score"] <= 100 for r in ranking) and res["score"] == ranking[0]["score"]
    assert res["margin"] == pytest.approx(ranking[0]["score"] - ranking[1]["score"], abs=0.11)
    top, second = ranking[0], ranking[1]
    a, b = term_points(top), term_points(second)
    if tier(top) < tier(second):
        assert res["band"] == "clear"
    elif all(a[k] >= b[k] for k in a) and any(a[k] > b[k] for k in a):
        assert res["band"] == "ahead"
    else:
        assert res["band"] == "close"
    assert re.match(rf"{re.escape(top['label'])}[ ,]", res["headline"]), "the placement comes first"
    for r in ranking:
        assert r["label"] in res["headline"].split(". ")[0], "every offer placed in the first sentence"


@FAST
@given(offers("A"), offers("B"))
def test_no_part_is_earned_by_title_alone(a, b):
    """The rank changes only the place, by the flow's rules: the other parts are the same as an
    Instructor's, and an Assistant Professor post the flow puts in a service job scores exactly as an
    Instructor post with no defined path."""
    as_ap, as_instructor = (run(a | {"rank": rank}, b)["ranking"] for rank in ("assistant_professor", "instructor"))
    ap = next(r for r in as_ap if r["label"] == "A")
    instructor = next(r for r in as_instructor if r["label"] == "A")
    assert term_points(ap) == term_points(instructor)
    if ap["band"] == "service":
        plain = next(r for r in run(a | {"rank": "instructor", "written_criteria": False}, b)["ranking"]
                     if r["label"] == "A")
        assert plain["parts"] == ap["parts"] and plain["score"] == ap["score"]


@FAST
@given(offers("A"), offers("B"))
def test_a_staff_line_never_reads_better_than_no_track_named(a, b):
    staff, unnamed = (next(r for r in run(a | {"track": t}, b)["ranking"] if r["label"] == "A")
                      for t in ("pure_clinical", "unspecified"))
    assert staff["score"] <= unnamed["score"] and tier(staff) >= tier(unnamed)


@FAST
@given(offer_sets(), st.data())
def test_improving_an_offer_never_lowers_its_score(offers, data):
    k = data.draw(st.integers(0, len(offers) - 1))
    improved = list(offers)
    improved[k] = better(data.draw, offers[k])
    label = offers[k]["label"]
    before, after = run(*offers), run(*improved)
    assert scores(after)[label] >= scores(before)[label]
    entry = {r["label"]: r for r in before["ranking"]}[label]
    assert tier({r["label"]: r for r in after["ranking"]}[label]) <= tier(entry), "never placed lower"


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
    """The page shows the offers side by side, part by part: the place on the flow and the three terms,
    in points that add up to the offer's score."""
    res = calculators.run(SLUG, dict(oc.CALCULATOR.example("tenure-fantasy").inputs))
    for entry in res["ranking"] + run(OFFER_A, OFFER_B)["ranking"]:
        parts = entry["parts"]
        assert [p["key"] for p in parts] == ["place", "track", "protected", "clinical"]
        assert all(p["title"] and p["summary"] for p in parts)
        assert sum(p["points"] for p in parts) == pytest.approx(entry["score"], abs=0.11)


def test_what_drove_the_result_does_not_repeat_the_parts_table():
    """Each fact once: the factors give the places, their reasons and the article's conditions, never
    the parts' points again."""
    for ex in oc.CALCULATOR.examples:
        res = calculators.run(SLUG, dict(ex.inputs))
        for f in res["factors"]:
            assert "points" not in f["label"] + f["detail"], f
        labels = [f["label"] for f in res["factors"]]
        assert len(labels) == len(set(labels))


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
