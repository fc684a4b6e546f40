"""``promotion-clock``: when does your promotion review fall, and how much time is left?

From "Academic Titles and Tracks Decoded" (Residency Advisor, 2026-01-07): Assistant Professors
are typically reviewed for Associate Professor 6-9 years into the rank; Instructors often have no
formal clock, should treat 2-3 years as the deadline for promotion to Assistant Professor, and may
find their Instructor years do not count. Dates are calendar dates only: nothing here reads the
machine's clock or time zone except the contract's "today" default (UTC), which is written into
the inputs so that the result can be reproduced.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from . import instructor_offer as io
from .citations import guide_sections
from .contract import Calculator, Example, Factor, Field, FieldError, Outcome
from .offer_comparison import RANK_LABELS, RANKS
from .questions import question

VERSION = "1.0"
GUIDE = "titles-and-tracks/"

DEFAULT_WINDOW = {"assistant_professor": (6.0, 9.0), "instructor": (2.0, 3.0)}
"""Review window in years when the institution gives none: 6-9 years to Associate Professor; for an
Instructor, the guide's 2-3 year deadline for Assistant Professor (Instructors often have no clock)."""
INSTRUCTOR_DEADLINE_YEARS = 3.0
"""Past this many years as Instructor, the guide's warning applies whatever the local window."""
INSTRUCTOR_LONG_YEARS = 5.0
"""From here on, years as Instructor read to other institutions as a career without an academic arc."""
WATCH_LEAD_MONTHS = 12
"""The band turns to ``watch`` this long before the review window opens."""
DAYS_PER_YEAR = 365.2425

FIELDS: tuple[Field, ...] = (
    Field("appointment_date", "Date you started in this rank", "date", nullable=True, today_default=True,
          null_label="Today",
          help="The start date of your current appointment (Instructor or Assistant Professor). Empty: today."),
    Field("today", "Date to measure from", "date", nullable=True, today_default=True, null_label="Today",
          help="Today's date unless you change it, for instance to look a year ahead. A shared link keeps the date."),
    Field("rank", "Current rank", "choice", default="assistant_professor", choices=RANKS,
          help="Assistant Professors are reviewed for Associate Professor; Instructors for Assistant Professor."),
    Field("track", "Track", "choice", default="clinician_educator", choices=io.TRACKS,
          help="The track named in your appointment letter."),
    Field("window_start_years", "Review window opens after", "number", unit="years", default=None, nullable=True,
          null_label="Usual for the rank", minimum=0, maximum=15, step=0.5,
          help="Years into the rank when you can first be reviewed. Empty: 6 for Assistant Professor, 2 for Instructor."),
    Field("window_end_years", "Review due by", "number", unit="years", default=None, nullable=True,
          null_label="Usual for the rank", minimum=0.5, maximum=15, step=0.5,
          help="Years into the rank by which the review must happen. Empty: 9 for Assistant Professor, 3 for Instructor."),
    Field("prior_instructor_years", "Earlier years as Instructor", "number", unit="years", default=0, minimum=0,
          maximum=20, step=0.5, help="Assistant Professors only: years you spent as Instructor before this appointment."),
    Field("instructor_years_count", "Instructor years count toward time in rank here", "boolean", default=None,
          nullable=True, null_label="Not known", null_is_unknown=True,
          help="Whether this institution counts Instructor years toward the Assistant Professor clock."),
)

_src = guide_sections(GUIDE,
    ("pay-promotion-mobility", "assistant-clock"),
    ("five-to-ten-years", "instructor-as-fellowship"),
)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months; the 31st becomes the month's last day when needed."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    year = max(dt.MINYEAR, min(dt.MAXYEAR, year))
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _months(years: float) -> int:
    return round(years * 12)


def _years(days: int) -> float:
    return round(days / DAYS_PER_YEAR, 1)


def window(i: dict[str, Any]) -> tuple[float, float, bool]:
    """(opens, due, given by the institution) in years into the rank."""
    start, end = DEFAULT_WINDOW[i["rank"]]
    given = i["window_start_years"] is not None or i["window_end_years"] is not None
    if i["window_end_years"] is not None:
        end = i["window_end_years"]
        start = min(start, end)
    if i["window_start_years"] is not None:
        start = i["window_start_years"]
        end = max(end, start)
    return start, end, given


def _check(i: dict[str, Any]) -> list[FieldError]:
    errors = []
    today = dt.date.fromisoformat(i["today"])
    if dt.date.fromisoformat(i["appointment_date"]) > today:
        errors.append(FieldError("appointment_date", "is after the date to measure from", i["appointment_date"],
                                 f"a date on or before {i['today']}"))
    s, e = i["window_start_years"], i["window_end_years"]
    if s is not None and e is not None and s > e:
        errors.append(FieldError("window_start_years", "opens after the review is due", s,
                                 f"at most window_end_years ({e:g})"))
    return errors


def _clock_start(i: dict[str, Any]) -> tuple[dt.date, float]:
    """Start of the clock and the earlier Instructor years it includes."""
    appointed = dt.date.fromisoformat(i["appointment_date"])
    counted = i["prior_instructor_years"] if (i["rank"] == "assistant_professor" and i["instructor_years_count"]) else 0
    return add_months(appointed, -_months(counted)), counted


def compute(i: dict[str, Any]) -> Outcome:
    """Place today on the review clock and warn about time that will not count."""
    today = dt.date.fromisoformat(i["today"])
    appointed = dt.date.fromisoformat(i["appointment_date"])
    start, counted = _clock_start(i)
    w_open, w_due, given = window(i)
    opens, due = add_months(start, _months(w_open)), add_months(start, _months(w_due))
    in_rank = _years((today - appointed).days)
    on_clock = _years((today - start).days)
    instructor = i["rank"] == "instructor"
    factors: list[Factor] = []

    if today > due:
        band = "overdue"
    elif today >= add_months(opens, -WATCH_LEAD_MONTHS):
        band = "watch"
    else:
        band = "on_track"
    if instructor and in_rank > INSTRUCTOR_LONG_YEARS:
        band = "overdue"
    elif instructor and in_rank > INSTRUCTOR_DEADLINE_YEARS and band == "on_track":
        band = "watch"

    window_text = f"{w_open:g}\u2013{w_due:g} years" if w_open != w_due else f"{w_due:g} years"
    if instructor:
        if given:
            factors.append(Factor(f"Review for Assistant Professor at {window_text}", "+",
                                  "A stated time frame for the review is what turns an Instructor post into a bridge.",
                                  _src("pay-promotion-mobility", "deadline")))
        else:
            factors.append(Factor("No formal clock", "-",
                                  f"Instructors often have none; the {window_text} used here is the deadline the "
                                  "guide suggests setting yourself, as for a fellowship.",
                                  _src("pay-promotion-mobility", "instructor-clock")))
    else:
        factors.append(Factor(f"Review for Associate Professor at {window_text}", "0",
                              ("The window you entered." if given else "The 6\u20139 years common on many tracks; "
                               "enter your school's window if it differs."),
                              _src("pay-promotion-mobility", "assistant-clock")))

    if band == "overdue" and today > due:
        factors.append(Factor(f"Past the review date ({due.isoformat()})", "-",
                              f"{_years((today - due).days):g} years beyond the end of the window.",
                              _src("pay-promotion-mobility", "deadline" if instructor else "assistant-clock")))
    elif today >= opens:
        factors.append(Factor("Inside the review window", "0",
                              f"The window opened on {opens.isoformat()}; the review is due by {due.isoformat()}.",
                              _src("pay-promotion-mobility", "deadline" if instructor else "assistant-clock")))
    else:
        factors.append(Factor(f"Window opens {opens.isoformat()}", "+" if band == "on_track" else "0",
                              f"{_years((opens - today).days):g} years from the date measured.",
                              _src("pay-promotion-mobility", "deadline" if instructor else "assistant-clock")))

    if instructor:
        if in_rank > INSTRUCTOR_DEADLINE_YEARS:
            factors.append(Factor(f"Instructor for {in_rank:g} years", "-",
                                  f"Past the {INSTRUCTOR_DEADLINE_YEARS:g} years by which the guide says to move up "
                                  "or move on.", _src("five-to-ten-years", "instructor-as-fellowship")))
        if in_rank > INSTRUCTOR_LONG_YEARS:
            factors.append(Factor("A long stay as Instructor", "-",
                                  "Five or more years as Instructor without a promotion story reads to search "
                                  "committees as a clinical career.", _src("pay-promotion-mobility", "mobility")))
        if in_rank > 0:
            factors.append(Factor(f"{in_rank:g} years that may not count if you move", "-",
                                  "Another institution may hire you as Assistant Professor with the clock at zero.",
                                  _src("pay-promotion-mobility", "instructor-years")))
        yc = i["instructor_years_count"]
        factors.append(Factor(
            {True: "Counted if promoted here", False: "Not counted if promoted here", None: "Unknown whether they count"}[yc],
            {True: "+", False: "-", None: "0"}[yc],
            {True: "Promotion here would carry these years into the Assistant Professor clock.",
             False: "Promotion here would start the Assistant Professor clock at zero: a longer probation.",
             None: "Ask; if they do not count, the probation is longer than it looks."}[yc],
            _src("pay-promotion-mobility", "instructor-years")))
    else:
        prior = i["prior_instructor_years"]
        if prior > 0 and counted:
            factors.append(Factor(f"{prior:g} Instructor years counted", "+",
                                  "They move the clock's start back, so the review comes sooner.",
                                  _src("pay-promotion-mobility", "instructor-years")))
        elif prior > 0:
            factors.append(Factor(f"{prior:g} Instructor years {'not counted' if i['instructor_years_count'] is False else 'may not count'}",
                                  "-", "Time as Instructor that does not count makes the road to Associate Professor "
                                  "longer than your years on faculty suggest.",
                                  _src("pay-promotion-mobility", "instructor-years")))
        factors.append(Factor("Time in rank travels", "+",
                              "Many institutions recognize years as Assistant Professor if you move.",
                              _src("pay-promotion-mobility", "time-in-rank")))
        if i["track"] == "tenure":
            factors.append(Factor("Up-or-out review", "0",
                                  "On a tenure track a review that comes too late or fails can end the appointment.",
                                  _src("tracks", "research-tenure")))
    if i["track"] in ("pure_clinical", "unspecified"):
        factors.append(Factor("No academic track named", "-",
                              "Promotion on a staff or unnamed line may not follow academic criteria or any clock.",
                              _src("tracks", "pure-clinical")))

    left = max(0.0, _years((due - today).days))
    rank = RANK_LABELS[i["rank"]]
    target = "Assistant Professor" if instructor else "Associate Professor"
    if band == "overdue":
        headline = (f"Past the point for review to {target}: it was due by {due.isoformat()}." if today > due else
                    f"{in_rank:g} years as Instructor: far past the point to move up or move on.")
    elif band == "watch":
        headline = f"Review to {target} is close: due by {due.isoformat()}, {left:g} years from now."
    else:
        headline = f"On track: the window for review to {target} opens {opens.isoformat()}."
    extra = {"years_in_rank": in_rank, "years_on_clock": on_clock, "review_opens": opens.isoformat(),
             "review_due": due.isoformat(), "years_left": left, "window_source": "institution" if given else "default"}
    return Outcome(band, None, headline, factors, _next_steps(i, band), extra)


def _next_steps(i: dict[str, Any], band: str) -> list[str]:
    steps = []
    if i["window_start_years"] is None and i["window_end_years"] is None:
        steps.append("Find your school's written promotion policy for your track and enter its review window.")
    if i["rank"] == "instructor":
        steps.append(question("promotion-timeline").ask)
        if i["instructor_years_count"] is None:
            steps.append(question("years-count").ask)
        if band != "on_track":
            steps.append("Ask for a review date in writing; if none comes, look for an Assistant Professor post "
                         "elsewhere before more years go uncounted.")
    else:
        if band == "watch":
            steps.append("Start the promotion dossier now: teaching portfolio, peer-reviewed output and evidence of "
                         "regional recognition.")
        if band == "overdue":
            steps.append("Ask the department in writing whether your clock was extended and when the review will be.")
        if i["prior_instructor_years"] > 0 and i["instructor_years_count"] is None:
            steps.append("Ask whether your Instructor years count toward time in rank here.")
    return steps


EXAMPLES = (
    Example("ap-year-7", "Assistant Professor in year 7 of a 6\u20139 year window",
            {"appointment_date": "2019-07-01", "today": "2026-07-01", "rank": "assistant_professor",
             "track": "clinician_educator"}, _src("pay-promotion-mobility", "assistant-clock")),
    Example("instructor-past-3", "Instructor for three and a half years, years not counted",
            {"appointment_date": "2022-07-01", "today": "2026-01-15", "rank": "instructor",
             "track": "clinician_educator", "instructor_years_count": False},
            _src("five-to-ten-years", "instructor-as-fellowship")),
    Example("new-ap", "New Assistant Professor after three uncounted Instructor years",
            {"appointment_date": "2025-07-01", "today": "2026-01-15", "rank": "assistant_professor",
             "track": "clinician_educator", "prior_instructor_years": 3, "instructor_years_count": False},
            _src("pay-promotion-mobility", "instructor-years")),
    Example("tenure-overdue", "Tenure track, past the end of the window",
            {"appointment_date": "2016-07-01", "today": "2026-01-15", "rank": "assistant_professor",
             "track": "tenure"}, _src("pay-promotion-mobility", "assistant-clock")),
)

CALCULATOR = Calculator(
    slug="promotion-clock",
    title="Promotion clock",
    summary="From your appointment date, rank and track: when your promotion review falls, how much time is left, "
            "and which years may not count.",
    version=VERSION,
    bands=("on_track", "watch", "overdue"),
    band_labels={"on_track": "On track", "watch": "Watch: review is near", "overdue": "Overdue"},
    fields=FIELDS,
    compute=compute,
    checks=_check,
    examples=EXAMPLES,
    sections=(("Promotion and time in rank", _src("pay-promotion-mobility", "time-in-rank")),
              ("The Assistant Professor clock", _src("pay-promotion-mobility", "assistant-clock")),
              ("The Instructor clock", _src("pay-promotion-mobility", "instructor-clock")),
              ("Do Instructor years count?", _src("pay-promotion-mobility", "instructor-years")),
              ("Treat the promotion date as a deadline", _src("pay-promotion-mobility", "deadline")),
              ("Treat Instructor as a time-limited fellowship", _src("five-to-ten-years", "instructor-as-fellowship"))),
    metrics=(("review_opens", "Review window opens", ""), ("review_due", "Review due by", ""),
             ("years_left", "Years left until the review is due", "years"),
             ("years_in_rank", "Years in this rank", "years")),
)
