"""promotion-clock: the article's windows, date handling, time zones and band properties."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

import calculators
from calculators import ValidationError
from calculators import promotion_clock as pc
from conftest import ROOT
from contract_checks import result_or_contract_error

SLUG = "promotion-clock"
ORDER = {"on_track": 0, "watch": 1, "check_policy": 2, "overdue": 2, "no_clock": 0}
"""How far along the clock a band is (a pure clinical line has none: its band never changes)."""


def run(**inputs):
    return calculators.run(SLUG, inputs)


def ap(appointed: str, today: str, **more):
    return run(appointment_date=appointed, today=today, rank="assistant_professor", **more)


def test_assistant_professor_in_year_7_of_a_6_to_9_window_should_watch():
    res = ap("2019-07-01", "2026-07-01")
    assert res["band"] == "watch"
    assert res["review_opens"] == "2025-07-01" and res["review_due"] == "2028-07-01"
    assert res["years_left"] == pytest.approx(2, abs=0.05)


@pytest.mark.parametrize("today, band", [("2020-07-01", "on_track"), ("2024-01-01", "on_track"),
                                         ("2024-08-01", "watch"), ("2028-06-30", "watch"),
                                         ("2028-07-02", "overdue")])
def test_assistant_professor_on_a_tenure_track_band_follows_the_window(today, band):
    assert ap("2019-07-01", today, track="tenure")["band"] == band


@pytest.mark.parametrize("track", ["clinician_educator", "research", "unspecified"])
def test_past_the_window_without_up_or_out_is_a_prompt_to_read_the_policy(track):
    """Only a tenure track's review is up or out: elsewhere, past the window's end is not "Past the
    window" but a prompt to read the written policy for the track."""
    res = ap("2016-07-01", "2026-01-15", track=track)
    assert res["band"] == "check_policy" and res["band_label"] != "Past the window"
    said = everything_said(res).lower()
    assert "overdue" not in said and "past the window" not in said and "up-or-out window" not in res["headline"]
    assert "written policy" in res["headline"] and any("written policy" in s for s in res["next_steps"])
    assert ap("2016-07-01", "2026-01-15", track="tenure")["band"] == "overdue"


@pytest.mark.parametrize("rank", ["assistant_professor", "instructor"])
def test_a_pure_clinical_line_has_no_academic_window(rank):
    """An Assistant Professor on a staff line since 2015: nothing is past, no time in rank travels;
    the result says there is no academic clock and what to ask instead."""
    res = run(appointment_date="2015-07-01", today="2026-01-15", rank=rank, track="pure_clinical")
    assert res["band"] == "no_clock" and res["band_label"] == "No academic clock"
    said = everything_said(res).lower()
    assert "past the" not in said and "overdue" not in said and "time in rank travels" not in said
    assert res["review_due"] is None and res["review_opens"] is None and res["years_left"] is None
    assert "no academic" in res["headline"].lower() and res["next_steps"]
    assert all(f["effect"] != "+" for f in res["factors"])


def test_an_instructor_past_the_guides_deadline_is_told_to_move_up_or_on_not_that_it_is_overdue():
    res = run(appointment_date="2021-07-01", today="2026-01-15", rank="instructor", track="clinician_educator")
    assert res["band"] == "check_policy"
    assert "no formal clock" in res["headline"] and "overdue" not in everything_said(res).lower()


def test_a_window_from_the_institution_replaces_the_usual_one():
    assert ap("2019-07-01", "2026-07-01", window_start_years=4, window_end_years=6, track="tenure")["band"] == "overdue"
    assert ap("2019-07-01", "2026-07-01", window_start_years=4, window_end_years=6)["band"] == "check_policy"
    res = ap("2019-07-01", "2026-07-01", window_start_years=8, window_end_years=10)
    assert res["band"] == "watch" and res["review_due"] == "2029-07-01"


def test_instructor_past_three_years_is_warned_and_told_years_may_not_count():
    res = run(appointment_date="2022-07-01", today="2026-01-15", rank="instructor")
    assert res["band"] != "on_track"
    labels = " ".join(f["label"] for f in res["factors"] if f["effect"] == "-")
    assert "3.5 years" in labels and "may not count if you move" in labels
    assert any(f["source"].endswith("#instructor-years") for f in res["factors"])


def test_instructor_with_a_short_institutional_window_starts_on_track():
    res = run(appointment_date="2025-07-01", today="2025-12-01", rank="instructor",
              window_start_years=2, window_end_years=3)
    assert res["band"] == "on_track"
    assert not any(f["label"] == "No formal clock" for f in res["factors"])


def test_long_stay_as_instructor_is_warned_about_but_not_past_a_window_still_open():
    """6.4 years as Instructor with the school's window at 7-8 years: not past that window, but the
    article's 5-7 year warning applies, and it is about minimal publications and no promotion story."""
    res = run(appointment_date="2019-01-01", today="2025-06-01", rank="instructor",
              window_start_years=7, window_end_years=8)
    assert res["band"] == "watch" and res["band_label"] != "Past the window"
    warning = next(f for f in res["factors"] if f["label"] == "A long stay as Instructor")
    assert warning["effect"] == "-" and "minimal publications" in warning["detail"]
    assert "promotion story" in warning["detail"] and warning["source"].endswith("#mobility")
    assert "A long stay as Instructor" not in labels(run(appointment_date="2021-01-01", today="2025-06-01",
                                                         rank="instructor", window_start_years=7, window_end_years=8))


def labels(res) -> str:
    return " ".join(f["label"] for f in res["factors"])


def everything_said(res) -> str:
    return " ".join([res["band_label"], res["headline"], str(res["window_used"])]
                    + [f["label"] + " " + f["detail"] for f in res["factors"]] + res["next_steps"]
                    + [label for _, label, _ in pc.CALCULATOR.metrics])


def test_without_a_school_window_the_result_speaks_of_the_usual_window_not_a_deadline():
    """The 6-9 year up-or-out window applies on some tracks; with no window from the school the result
    never says overdue or due by a date, as if the school had set it."""
    res = ap("2016-07-01", "2026-01-15", track="tenure")
    said = everything_said(res).lower()
    assert res["band_label"] == "Past the window" and "past the usual window" in res["headline"].lower()
    assert "overdue" not in said and "due by" not in said
    assert "some tracks" in res["headline"] and res["window_source"] == "default"
    assert "(none entered)" in res["window_used"]
    # year 7 of the usual window: inside it, still no deadline of the school's
    inside = everything_said(ap("2019-07-01", "2026-07-01")).lower()
    assert "usual window" in inside and "overdue" not in inside and "due by" not in inside


def test_a_window_from_the_school_is_spoken_of_as_the_schools():
    res = ap("2019-07-01", "2026-07-01", window_start_years=4, window_end_years=6, track="tenure")
    assert res["band"] == "overdue" and "your school's window" in res["headline"]
    assert res["window_used"] == "your school's: 4\u20136 years" and res["window_source"] == "institution"
    assert "usual" not in res["headline"]


def test_counted_instructor_years_bring_the_review_forward():
    counted = ap("2024-07-01", "2025-01-01", prior_instructor_years=2, instructor_years_count=True)
    not_counted = ap("2024-07-01", "2025-01-01", prior_instructor_years=2, instructor_years_count=False)
    assert counted["review_due"] == "2031-07-01" and not_counted["review_due"] == "2033-07-01"
    assert any(f["effect"] == "-" and "not counted" in f["label"] for f in not_counted["factors"])


def test_leap_day_appointment():
    assert ap("2020-02-29", "2021-01-01")["review_due"] == "2029-02-28"


@pytest.mark.parametrize("inputs, field", [
    ({"appointment_date": "2027-01-01", "today": "2026-01-01"}, "appointment_date"),
    ({"appointment_date": "2025-02-30"}, "appointment_date"),
    ({"appointment_date": "1 July 2020"}, "appointment_date"),
    ({"appointment_date": "2020-07-01", "today": "2026-13-01"}, "today"),
    ({"appointment_date": "2020-07-01", "window_start_years": 9, "window_end_years": 6}, "window_start_years"),
    ({"appointment_date": "2020-07-01", "rank": "associate_professor"}, "rank"),
])
def test_bad_dates_and_windows_are_field_errors(inputs, field):
    with pytest.raises(ValidationError) as exc:
        run(**inputs)
    assert [e.field for e in exc.value.errors] == [field]


def test_future_appointment_message_names_the_field_and_the_limit():
    with pytest.raises(ValidationError) as exc:
        run(appointment_date="2027-01-01", today="2026-01-01")
    assert "appointment_date" in str(exc.value) and "2026-01-01" in str(exc.value)


def cli(raw: dict, tz: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", "run", SLUG, "-"], cwd=ROOT, text=True,
                          input=json.dumps(raw), capture_output=True, timeout=60, env=os.environ | {"TZ": tz})


# UTC+14 and UTC-12 are 26 hours apart: at any moment they are on different calendar dates.
ZONES = ("Pacific/Kiritimati", "Etc/GMT+12")


def test_results_do_not_depend_on_the_machines_time_zone():
    raw = {"appointment_date": "2019-07-01", "rank": "assistant_professor"}
    outs = [cli(raw, tz) for tz in ZONES]
    assert all(o.returncode == 0 for o in outs), [o.stderr for o in outs]
    results = [json.loads(o.stdout) for o in outs]
    assert results[0] == results[1]
    utc = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert results[0]["inputs"]["today"] == utc, "an omitted date is filled in, and shared links carry it"


def test_cli_bad_date_is_exit_2_with_a_field_message():
    out = cli({"appointment_date": "2025-02-30"}, "UTC")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "appointment_date" in out.stderr and "YYYY-MM-DD" in out.stderr


# ---------- properties ----------

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
WINDOW = st.none() | st.sampled_from([0.5, 1, 2, 3, 4.5, 6, 9, 12, 15])


@st.composite
def clocks(draw) -> dict:
    today = draw(DATES)
    start, end = draw(WINDOW), draw(WINDOW)
    if start is not None and end is not None and start > end:
        start, end = end, start
    return {
        "appointment_date": draw(st.dates(min_value=dt.date(1985, 1, 1), max_value=today)).isoformat(),
        "today": today.isoformat(),
        "rank": draw(st.sampled_from(["assistant_professor", "instructor"])),
        "track": draw(st.sampled_from(["clinician_educator", "research", "tenure", "pure_clinical", "unspecified"])),
        "window_start_years": start, "window_end_years": end,
        "prior_instructor_years": draw(st.sampled_from([0, 1, 2.5, 4])),
        "instructor_years_count": draw(st.sampled_from([None, True, False])),
    }


PROPS = settings(max_examples=400, deadline=None, derandomize=True)


@PROPS
@given(clocks(), st.integers(1, 4000))
def test_a_later_appointment_date_never_makes_the_band_worse(inputs, days):
    later = dt.date.fromisoformat(inputs["appointment_date"]) + dt.timedelta(days=days)
    if later > dt.date.fromisoformat(inputs["today"]):
        later = dt.date.fromisoformat(inputs["today"])
    before = calculators.run(SLUG, inputs)["band"]
    after = calculators.run(SLUG, inputs | {"appointment_date": later.isoformat()})["band"]
    assert ORDER[after] <= ORDER[before]


@PROPS
@given(clocks(), st.integers(1, 4000))
def test_time_passing_never_makes_the_band_better(inputs, days):
    later = dt.date.fromisoformat(inputs["today"]) + dt.timedelta(days=days)
    before = calculators.run(SLUG, inputs)["band"]
    after = calculators.run(SLUG, inputs | {"today": later.isoformat()})["band"]
    assert ORDER[after] >= ORDER[before]


@PROPS
@given(clocks())
def test_dates_and_numbers_are_consistent(inputs):
    res = calculators.run(SLUG, inputs)
    assert res["score"] is None and res["years_in_rank"] >= 0
    if inputs["track"] == "pure_clinical":
        assert res["band"] == "no_clock" and res["review_due"] is None
        return
    assert res["review_opens"] <= res["review_due"] and res["years_left"] >= 0
    assert (res["years_left"] == 0) or res["band"] not in ("overdue", "check_policy") or inputs["rank"] == "instructor"
    assert (res["band"] == "overdue") <= (inputs["rank"] == "assistant_professor" and inputs["track"] == "tenure"), \
        "past the window only where up-or-out applies"


JSONISH = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12) | \
    st.sampled_from(["2020-02-29", "2021-02-29", "2020-7-1", "9999-12-31", "0001-01-01", "instructor", ""]) | \
    st.lists(st.none(), max_size=2)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from([f.name for f in pc.FIELDS] + ["x"]), JSONISH, max_size=6))
def test_any_json_validates_or_raises_the_contracts_error(raw):
    result_or_contract_error(SLUG, raw)
