"""``promotion-clock``: when does your promotion review fall, and how much time is left?

From "Academic Titles and Tracks Decoded" (Residency Advisor, 2026-01-07): some tracks review
Assistant Professors for Associate Professor within an up-or-out window (6-9 years, for example);
Instructors often have no formal clock, should treat 2-3 years as the deadline for promotion to
Assistant Professor, and may find their Instructor years do not count. Only a window the school
has set is spoken of as a deadline: without one, the result says "the usual window". Being past a
window is "Past the window" only where up-or-out applies (an Assistant Professor on a tenure
track); on other academic tracks it is a prompt to read the written policy, and a pure clinical
line has no academic window at all. The rules are data (``RULES``). Dates are calendar dates
only: nothing here reads the machine's clock or time zone except the contract's "today" default
(UTC), which is written into the inputs so that the result can be reproduced.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from . import instructor_offer as io
from .citations import guide_sections
from .contract import Calculator, Example, Factor, Field, FieldError, Outcome
from .offer_comparison import RANKS
from .questions import question
from .rules import Rule, titles

VERSION = "2.0"
GUIDE = "titles-and-tracks/"

DEFAULT_WINDOW = {"assistant_professor": (6.0, 9.0), "instructor": (2.0, 3.0)}
"""Review window in years when the institution gives none: 6-9 years to Associate Professor; for an
Instructor, the guide's 2-3 year deadline for Assistant Professor (Instructors often have no clock)."""
INSTRUCTOR_DEADLINE_YEARS = 3.0
"""Past this many years as Instructor the band is at least ``watch``, whatever the local window."""
INSTRUCTOR_LONG_YEARS = 5.0
"""From here on, years as Instructor with minimal publications and no promotion story read to other
institutions as a career without an academic arc (the article's 5-7 years)."""
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
          allowed_words="0 to 15 years; leave empty for the usual window",
          help="Years into the rank when you can first be reviewed. Empty: 6 for Assistant Professor, 2 for Instructor."),
    Field("window_end_years", "Review due by", "number", unit="years", default=None, nullable=True,
          null_label="Usual for the rank", minimum=0.5, maximum=15, step=0.5,
          allowed_words="0.5 to 15 years; leave empty for the usual window",
          help="Years into the rank by which the review must happen. Empty: 9 for Assistant Professor, 3 for Instructor."),
    Field("prior_instructor_years", "Earlier time as Instructor", "number", unit="years", default=0, minimum=0,
          maximum=20, step=0.5, help="Assistant Professors only: years you spent as Instructor before this appointment."),
    Field("instructor_years_count", "Instructor years count toward time in rank here", "boolean", default=None,
          nullable=True, null_label="Not known", null_is_unknown=True,
          help="Whether this institution counts Instructor years toward the Assistant Professor clock."),
)

_src = guide_sections(GUIDE,
    ("pay-promotion-mobility", "assistant-clock"),
    ("five-to-ten-years", "instructor-as-fellowship"),
    ("questions", "q-written-policy"),
    ("tracks", "pure-clinical"),
)
_CLOCK = "Promotion and Time in Rank"

RULES: tuple[Rule, ...] = (
    Rule("window.assistant", f"Without your school's window, an Assistant Professor's usual window is "
         f"{DEFAULT_WINDOW['assistant_professor'][0]:g}\u2013{DEFAULT_WINDOW['assistant_professor'][1]:g} years, "
         "on some tracks.", titles(_CLOCK, "6\u20139 years to be reviewed for Associate Professor")),
    Rule("window.instructor", f"An Instructor has no formal clock; the "
         f"{DEFAULT_WINDOW['instructor'][0]:g}\u2013{DEFAULT_WINDOW['instructor'][1]:g} years used here are the "
         "deadline the guide suggests setting yourself.", titles(_CLOCK, "Frequently has no formal clock.")),
    Rule("band.no_clock", "A pure clinical (staff) line has no academic window: nothing is past it, and the "
         "result says what to ask instead.",
         titles("Pure Clinical / Staff Track", "do not follow traditional academic promotion criteria")),
    Rule("band.overdue", "Past the window only where up-or-out applies: an Assistant Professor on a tenure track "
         "past the window's end.", titles(_CLOCK, "a defined up or out window in some tracks")),
    Rule("band.check_policy", "On any other academic track, past the window's end is a prompt to read the written "
         "policy for your track and ask when the review will be.",
         titles("Questions You Must Ask Before Signing Anything", "Is there a written promotion policy"),
         judgment=True),
    Rule("band.watch", f"Watch from {WATCH_LEAD_MONTHS} months before the window opens until it ends; an "
         f"Instructor past {INSTRUCTOR_DEADLINE_YEARS:g} years is at least Watch.",
         titles("Mobility", "treat that deadline like a fellowship graduation date"), judgment=True),
    Rule("warning.long_stay", f"From {INSTRUCTOR_LONG_YEARS:g} years as Instructor, the article's warning about "
         "how search committees read a long stay.", titles("Mobility", "5\u20137 years as Instructor with minimal publications")),
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
                                 f"a date on or before {i['today']}",
                                 f"The start date is after the date to measure from ({i['today']})."))
    s, e = i["window_start_years"], i["window_end_years"]
    if s is not None and e is not None and s > e:
        errors.append(FieldError("window_start_years", "opens after the review is due", s,
                                 f"at most window_end_years ({e:g})",
                                 f"The window cannot open after the review is due ({e:g} years)."))
    return errors


def _clock_start(i: dict[str, Any]) -> tuple[dt.date, float]:
    """Start of the clock and the earlier Instructor years it includes."""
    appointed = dt.date.fromisoformat(i["appointment_date"])
    counted = i["prior_instructor_years"] if (i["rank"] == "assistant_professor" and i["instructor_years_count"]) else 0
    return add_months(appointed, -_months(counted)), counted


def window_words(i: dict[str, Any]) -> str:
    """Whose window this is, in words: the school's, or the usual figures when none was entered."""
    w_open, w_due, given = window(i)
    span = f"{w_open:g}\u2013{w_due:g} years" if w_open != w_due else f"{w_due:g} years"
    if given:
        return f"your school's: {span}"
    if i["rank"] == "instructor":
        return f"{span}, the deadline the guide suggests setting yourself (none entered)"
    return f"the usual {span} on some tracks (none entered)"


def up_or_out(i: dict[str, Any]) -> bool:
    """Whether missing the window can end the appointment: an Assistant Professor on a tenure track."""
    return i["rank"] == "assistant_professor" and i["track"] == "tenure"


def _no_clock(i: dict[str, Any], in_rank: float) -> Outcome:
    """A pure clinical line: no academic window, so nothing to be past; what to ask instead."""
    title = RANK_WORDS[i["rank"]]
    factors = [Factor("A pure clinical (staff) line", "0",
                      f"Promotion in title may exist on such a line, but it does not follow academic criteria or an "
                      f"academic clock: your {in_rank:g} years as {title} are not measured against a review window.",
                      _src("tracks", "pure-clinical"))]
    headline = ("No academic clock: a pure clinical line follows no academic review window, so nothing here is past "
                "due. Ask how promotion works on this line instead.")
    steps = ["Ask the department what promotion in title means on this line and what it is based on.",
             "If you want an academic career, ask whether you could move to an academic track (clinician-educator "
             "or research), and what that move would take.",
             question("written-policy").ask]
    extra = {"window_used": "none: a pure clinical line follows no academic clock", "years_in_rank": in_rank,
             "years_on_clock": None, "review_opens": None, "review_due": None, "years_left": None,
             "window_source": "none"}
    return Outcome("no_clock", None, headline, factors, steps, extra)


RANK_WORDS = {"assistant_professor": "Assistant Professor", "instructor": "Instructor"}


def compute(i: dict[str, Any]) -> Outcome:
    """Place today on the review clock and warn about time that will not count."""
    today = dt.date.fromisoformat(i["today"])
    appointed = dt.date.fromisoformat(i["appointment_date"])
    in_rank = _years((today - appointed).days)
    if i["track"] == "pure_clinical":
        return _no_clock(i, in_rank)
    start, counted = _clock_start(i)
    w_open, w_due, given = window(i)
    opens, due = add_months(start, _months(w_open)), add_months(start, _months(w_due))
    on_clock = _years((today - start).days)
    instructor = i["rank"] == "instructor"
    factors: list[Factor] = []

    if today > due:
        band = "overdue" if up_or_out(i) else "check_policy"
    elif today >= add_months(opens, -WATCH_LEAD_MONTHS):
        band = "watch"
    else:
        band = "on_track"
    if instructor and in_rank > INSTRUCTOR_DEADLINE_YEARS and band == "on_track":
        band = "watch"

    window_text = f"{w_open:g}\u2013{w_due:g} years" if w_open != w_due else f"{w_due:g} years"
    # whose window it is: the school's (entered), or the usual figures, which no school has set for you
    whose = ("your school's window" if given else f"the guide's {window_text.replace(' years', '-year')} window"
             if instructor else "the usual window")
    clock_src = _src("pay-promotion-mobility", "deadline" if instructor else "assistant-clock")
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
    elif given:
        factors.append(Factor(f"Your school's window: {window_text}", "0", "The window you entered.",
                              _src("pay-promotion-mobility", "assistant-clock")))
    else:
        factors.append(Factor(f"The usual window: {window_text}", "0",
                              f"Some tracks set an up-or-out review {window_text} into the rank; yours may set another "
                              "window or none. Enter your school's window if you know it.",
                              _src("pay-promotion-mobility", "assistant-clock")))

    if today > due and band == "overdue":
        factors.append(Factor(f"Past {whose} ({due.isoformat()})", "-",
                              f"{_years((today - due).days):g} years beyond its end, on a tenure track, where the "
                              "review is up or out: read what your school's tenure policy says happens now.",
                              clock_src))
    elif today > due:
        factors.append(Factor(f"Beyond {whose} ({due.isoformat()})", "0",
                              f"{_years((today - due).days):g} years beyond its end. "
                              + ("Instructors often have no formal clock: this is the deadline to move up or move on, "
                                 "not a rule of the school's." if instructor and not given else
                                 "Outside a tenure track the window need not be up or out: your school's written "
                                 "policy for your track says what happens now."),
                              _src("questions", "q-written-policy")))
    elif today >= opens:
        factors.append(Factor(f"Inside {whose}", "0",
                              f"It opened on {opens.isoformat()} and ends on {due.isoformat()}.", clock_src))
    else:
        factors.append(Factor(f"{whose[:1].upper()}{whose[1:]} opens {opens.isoformat()}",
                              "+" if band == "on_track" else "0",
                              f"{_years((opens - today).days):g} years from the date measured.", clock_src))

    if instructor:
        if in_rank > INSTRUCTOR_DEADLINE_YEARS:
            factors.append(Factor(f"Instructor for {in_rank:g} years", "-",
                                  f"Past the {INSTRUCTOR_DEADLINE_YEARS:g} years by which the guide says to move up "
                                  "or move on.", _src("five-to-ten-years", "instructor-as-fellowship")))
        if in_rank >= INSTRUCTOR_LONG_YEARS:
            factors.append(Factor("A long stay as Instructor", "-",
                                  "Search committees read five to seven years in this rank as a clinical career "
                                  "without an academic arc when the years bring minimal publications and no promotion "
                                  "story. Publications and a promotion story are what change that reading.",
                                  _src("pay-promotion-mobility", "mobility")))
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
        if i["track"] == "tenure" and band != "overdue":
            factors.append(Factor("Up-or-out review", "0",
                                  "Some tracks set an up-or-out window: a review by a fixed year. Read what your "
                                  "school's tenure policy says happens at that review.",
                                  _src("pay-promotion-mobility", "assistant-clock")))
    if i["track"] == "unspecified":
        factors.append(Factor("No track named", "-",
                              "Without a named track you cannot look up which promotion criteria and clock apply; "
                              "ask for the track's name in writing.", _src("questions", "q-written-policy")))

    left = max(0.0, _years((due - today).days))
    target = "Assistant Professor" if instructor else "Associate Professor"
    headline = _headline(band, instructor, given, target, window_text, opens, due, today, left)
    extra = {"window_used": window_words(i), "years_in_rank": in_rank, "years_on_clock": on_clock,
             "review_opens": opens.isoformat(), "review_due": due.isoformat(), "years_left": left,
             "window_source": "institution" if given else "default"}
    return Outcome(band, None, headline, factors, _next_steps(i, band), extra)


def _headline(band: str, instructor: bool, given: bool, target: str, window_text: str, opens: dt.date,
              due: dt.date, today: dt.date, left: float) -> str:
    """One sentence; only a window the school set is spoken of as a deadline, and only a tenure
    track's as one that can be missed."""
    if band == "check_policy":
        if given:
            return (f"Beyond your school's window for review to {target}, which ended on {due.isoformat()}: read "
                    "the written policy for your track on what happens now, and ask when your review will be.")
        if instructor:
            return (f"Beyond the {window_text} the guide suggests as your own deadline for {target}: Instructors "
                    "often have no formal clock, so ask for a review date in writing, or look for an Assistant "
                    "Professor post.")
        return (f"Beyond the usual {window_text} some tracks set for review to {target}: outside a tenure track "
                "that window need not be up or out, so read your school's written policy for your track and ask "
                "when your review will be.")
    if given:
        if band == "overdue":
            return f"Past your school's window for review to {target}: it ended on {due.isoformat()}."
        if band == "watch" and today >= opens:
            return (f"Inside your school's window for review to {target}: it ends on {due.isoformat()}, "
                    f"{left:g} years from now.")
        if band == "watch":
            return f"Your school's window for review to {target} opens soon, on {opens.isoformat()}."
        return f"On track: your school's window for review to {target} opens on {opens.isoformat()}."
    if instructor:
        if band == "watch":
            return (f"Watch: the guide suggests reaching {target} within {window_text}; for you that is by "
                    f"{due.isoformat()}.")
        return (f"On track: the guide suggests reaching {target} within {window_text}; for you that is by "
                f"{due.isoformat()}.")
    if band == "overdue":
        return (f"Past the usual window: on a tenure track the review is up or out, and some tracks hold it within "
                f"{window_text}; find your school's tenure policy and your exact review date now.")
    if band == "watch" and today >= opens:
        return (f"Inside the usual window: some tracks review for {target} within {window_text}; for you that "
                f"window ends on {due.isoformat()}.")
    if band == "watch":
        return (f"The usual window opens soon: some tracks review for {target} within {window_text}; for you "
                f"that window opens on {opens.isoformat()}.")
    return f"On track: the usual window for review to {target} ({window_text} on some tracks) opens on {opens.isoformat()}."


def _next_steps(i: dict[str, Any], band: str) -> list[str]:
    steps = []
    given = i["window_start_years"] is not None or i["window_end_years"] is not None
    if not given:
        steps.append("Find your school's written promotion policy for your track and enter its review window.")
    if i["track"] == "unspecified":
        steps.append(question("official-title").ask)
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
            steps.append("Ask the department in writing whether your tenure clock was extended and when the review "
                         "will be.")
        elif band == "check_policy":
            steps.append("Ask the department what the written policy for your track says about the timing of review "
                         "for Associate Professor, and when yours will be.")
        if i["prior_instructor_years"] > 0 and i["instructor_years_count"] is None:
            steps.append("Ask whether your Instructor years count toward time in rank here.")
    return steps


EXAMPLES = (
    Example("ap-year-7", "Assistant Professor in year 7 of a 6\u20139 year window",
            {"appointment_date": "2019-07-01", "today": "2026-07-01", "rank": "assistant_professor",
             "track": "clinician_educator"}, _src("pay-promotion-mobility", "assistant-clock"), expected="watch"),
    Example("instructor-past-3", "Instructor for three and a half years, years not counted",
            {"appointment_date": "2022-07-01", "today": "2026-01-15", "rank": "instructor",
             "track": "clinician_educator", "instructor_years_count": False},
            _src("five-to-ten-years", "instructor-as-fellowship"), expected="check_policy"),
    Example("new-ap", "New Assistant Professor after three uncounted Instructor years",
            {"appointment_date": "2025-07-01", "today": "2026-01-15", "rank": "assistant_professor",
             "track": "clinician_educator", "prior_instructor_years": 3, "instructor_years_count": False},
            _src("pay-promotion-mobility", "instructor-years"), expected="on_track"),
    Example("tenure-overdue", "Tenure track, past the end of the usual window",
            {"appointment_date": "2016-07-01", "today": "2026-01-15", "rank": "assistant_professor",
             "track": "tenure"}, _src("pay-promotion-mobility", "assistant-clock"), expected="overdue"),
    Example("clinician-educator-past", "Clinician-educator track, past the usual window",
            {"appointment_date": "2016-07-01", "today": "2026-01-15", "rank": "assistant_professor",
             "track": "clinician_educator"}, _src("pay-promotion-mobility", "assistant-clock"),
            expected="check_policy"),
    Example("staff-line", "Assistant Professor on a pure clinical line since 2015",
            {"appointment_date": "2015-07-01", "today": "2026-01-15", "rank": "assistant_professor",
             "track": "pure_clinical"}, _src("tracks", "pure-clinical"), expected="no_clock"),
)

CALCULATOR = Calculator(
    slug="promotion-clock",
    title="Promotion clock",
    summary="From your appointment date, rank and track: when your promotion review falls, how much time is left, "
            "and which years may not count.",
    version=VERSION,
    bands=("on_track", "watch", "check_policy", "overdue", "no_clock"),
    band_labels={"on_track": "On track", "watch": "Watch: the window is near",
                 "check_policy": "Read your track's written policy", "overdue": "Past the window",
                 "no_clock": "No academic clock"},
    fields=FIELDS,
    compute=compute,
    checks=_check,
    examples=EXAMPLES,
    sections=(("Promotion and time in rank", _src("pay-promotion-mobility", "time-in-rank")),
              ("The Assistant Professor clock", _src("pay-promotion-mobility", "assistant-clock")),
              ("The Instructor clock", _src("pay-promotion-mobility", "instructor-clock")),
              ("Do Instructor years count?", _src("pay-promotion-mobility", "instructor-years")),
              ("Treat the promotion date as a deadline", _src("pay-promotion-mobility", "deadline")),
              ("Treat Instructor as a time-limited fellowship", _src("five-to-ten-years", "instructor-as-fellowship")),
              ("Pure clinical or staff line", _src("tracks", "pure-clinical"))),
    metrics=(("window_used", "Review window used", ""), ("review_opens", "Window opens", ""),
             ("review_due", "Window ends", ""), ("years_left", "Years left in the window", "years"),
             ("years_in_rank", "Years in this rank", "years")),
    rules=RULES,
)
