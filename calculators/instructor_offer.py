"""``instructor-offer``: is this Instructor offer a green, yellow or red flag?

Follows the green-, yellow- and red-flag scenarios and the promotion-likelihood estimates
(85 / 60 / 15 %) of "Academic Titles and Tracks Decoded" (Residency Advisor, 2026-01-07).
Every weight below is a reading of that article, not official data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .citations import guide_sections
from .contract import Calculator, Choice, Example, Factor, Field, FieldError, Outcome
from .evidence import PROMOTION_LIKELIHOOD_BY_CONTEXT
from .questions import question

VERSION = "1.0"
GUIDE = "titles-and-tracks/"

INSTITUTIONS = (
    Choice("research_intensive", "Research-intensive (big-name) medical school"),
    Choice("mid_tier", "Mid-tier academic center"),
    Choice("community_affiliate", "Community hospital with an academic affiliation"),
)
TRACKS = (
    Choice("clinician_educator", "Clinician-educator / clinical track"),
    Choice("research", "Research track"),
    Choice("tenure", "Tenure track"),
    Choice("pure_clinical", "Pure clinical / staff line"),
    Choice("unspecified", "Not specified (\u201cwe don't really have tracks\u201d)", unknown=True),
)
ACADEMIC_TRACKS = {"clinician_educator", "research", "tenure"}

FIELDS: tuple[Field, ...] = (
    Field("institution_type", "Institution type", "choice", default="mid_tier", choices=INSTITUTIONS,
          help="How the place uses the Instructor title depends on its type."),
    Field("surgical_subspecialty", "Surgical subspecialty department", "boolean", default=False,
          help="Some surgical departments use Instructor for a super-fellow or service-fellow post."),
    Field("track", "Track named in the offer", "choice", default="unspecified", choices=TRACKS,
          help="The track decides how you will be judged for promotion."),
    Field("clinical_fte", "Clinical effort", "number", unit="FTE", default=0.9, minimum=0, maximum=1,
          step=0.05, help="Share of a full-time job spent in clinical care (1.0 = all clinical)."),
    Field("protected_fte", "Protected non-clinical time", "number", unit="FTE", default=0.0, minimum=0,
          maximum=1, step=0.05,
          help="Time set aside for teaching, scholarship or research. Clinical plus protected may not exceed 1."),
    Field("protected_in_contract", "Protected time is written into the contract", "boolean", default=False,
          help="\u201cSome time for projects\u201d that is not in the contract does not count as protected."),
    Field("written_criteria", "Written criteria for promotion to Assistant Professor", "boolean",
          default=False, help="A document that says what you must achieve to be promoted."),
    Field("review_years", "Years until promotion review", "number", unit="years", default=None,
          nullable=True, null_label="No timeline given", minimum=0, maximum=15, step=0.5,
          null_is_unknown=True, representative_values=(3, 5, 8),  # the guide's 2-3 years, "a few", 5+
          help="When the department expects to review you for Assistant Professor. Leave empty if no timeline was given."),
    Field("promoted_examples", "Instructors promoted in the division (last 5 years)", "integer", default=0,
          minimum=0, maximum=1000, step=1,
          help="People they can name who went from Instructor to Assistant Professor recently."),
    Field("years_count_toward_rank", "Instructor years count toward time in rank", "boolean", default=None,
          nullable=True, null_label="Not known", null_is_unknown=True,
          help="Whether your Instructor years will count once you become Assistant Professor."),
)

# Points out of 100 for each part of the offer; see the guide sections cited in each factor.
WEIGHTS = {
    "track": 15,
    "clinical": 10,
    "protected": 20,
    "written": 20,
    "review": 10,
    "promoted": 15,
    "institution": 5,
    "years_count": 5,
}
PENALTY_SURGICAL_NO_PATH = 5
PENALTY_TENURE_FANTASY = 10
GREEN_MAX_REVIEW_YEARS = 3
GREEN_MIN_PROTECTED = 0.2
GREEN_MIN_EXAMPLES = 2
EPS = 1e-9

LIKELIHOOD = {  # band: (anchor %, score at which the anchor applies, lowest %, highest %)
    "green": (PROMOTION_LIKELIHOOD_BY_CONTEXT.points[0][1], 95.0, 75.0, 92.0),
    "yellow": (PROMOTION_LIKELIHOOD_BY_CONTEXT.points[1][1], 50.0, 35.0, 70.0),
    "red": (PROMOTION_LIKELIHOOD_BY_CONTEXT.points[2][1], 5.0, 5.0, 25.0),
}
LIKELIHOOD_SLOPE = 0.5


def _check(inputs: dict[str, Any]) -> list[FieldError]:
    total = inputs["clinical_fte"] + inputs["protected_fte"]
    if total > 1 + EPS:
        return [FieldError("protected_fte", "clinical_fte plus protected_fte may not exceed 1",
                           inputs["protected_fte"],
                           f"at most {round(1 - inputs['clinical_fte'], 4)} with clinical_fte {inputs['clinical_fte']}")]
    return []


_src = guide_sections(GUIDE,
    ("instructor", "names-and-timelines"),
    ("instructor", "super-fellow"),
    ("instructor", "three-questions"),
    ("instructor-offers", "classify"),
    ("instructor-offers", "green-flag"),
    ("instructor-offers", "red-flag"),
    ("instructor-offers", "yellow-flag"),
    ("pay-promotion-mobility", "deadline"),
    ("pay-promotion-mobility", "instructor-clock"),
    ("pay-promotion-mobility", "instructor-years"),
    ("pay-promotion-mobility", "mobility"),
    ("pay-promotion-mobility", "time-in-rank"),
    ("questions", "checklist"),
    ("tracks", "pure-clinical"),
    ("tracks", "clinician-educator"),
    ("tracks", "research-tenure"),
    ("institutions", "research-heavy"),
    ("institutions", "mid-tier"),
    ("institutions", "community-affiliate"),
    ("tracks", "tenure-fantasy"),
)


@dataclass(frozen=True)
class Part:
    """One scored element of an Instructor offer: its ``WEIGHTS`` key (or penalty name), points, reason."""

    key: str
    points: float
    factor: Factor


def score_parts(i: dict[str, Any]) -> list[Part]:
    """Score each element of an Instructor offer; the offer's score is the sum of the points.

    ``offer-comparison`` reuses these parts for Instructor offers (and some of them for
    Assistant Professor offers), so the weights live here only.
    """
    parts: list[Part] = []
    key = ""

    def add(points: float, label: str, effect: str, detail: str, source: str) -> None:
        parts.append(Part(key, points, Factor(label, effect, detail, source)))

    key = "track"
    track = i["track"]
    if track in ACADEMIC_TRACKS:
        add(WEIGHTS["track"], "Named academic track", "+",
            "The offer names an academic track, so you know which promotion rules apply.",
            _src("tracks", "clinician-educator" if track == "clinician_educator" else "research-tenure"))
    elif track == "pure_clinical":
        add(0, "Pure clinical line", "-",
            "A staff or pure clinical line does not follow the usual academic promotion criteria.",
            _src("tracks", "pure-clinical"))
    else:
        add(0, "No track named", "-",
            "\u201cWe don't really have tracks\u201d is part of the red-flag pattern.", _src("instructor-offers", "red-flag"))

    key = "clinical"
    c = i["clinical_fte"]
    if c <= 0.8 + EPS:
        add(WEIGHTS["clinical"], f"Clinical effort {c:g} FTE", "+",
            "At or below the 0.7\u20130.8 clinical effort of a green-flag offer.", _src("instructor-offers", "green-flag"))
    elif c < 0.9 - EPS:
        add(WEIGHTS["clinical"] * 0.6, f"Clinical effort {c:g} FTE", "0",
            "Between the green-flag 0.7\u20130.8 and the yellow-flag 0.9+.", _src("instructor-offers", "yellow-flag"))
    elif c < 1 - EPS:
        add(WEIGHTS["clinical"] * 0.3, f"Clinical effort {c:g} FTE", "-",
            "0.9 or more clinical is the yellow-flag pattern: a service-heavy job.", _src("instructor-offers", "yellow-flag"))
    else:
        add(0, "All clinical (1.0 FTE)", "-",
            "A fully clinical job, with teaching counted as part of clinical work, is the red-flag pattern.",
            _src("instructor-offers", "red-flag"))

    key = "protected"
    p, in_contract = i["protected_fte"], i["protected_in_contract"]
    if p > EPS and in_contract:
        share = 1.0 if p >= GREEN_MIN_PROTECTED - EPS else 0.6 if p >= 0.1 - EPS else 0.3
        add(WEIGHTS["protected"] * share, f"{p:g} FTE protected in the contract",
            "+" if share == 1.0 else "0",
            "Contractual protected time of 0.2\u20130.3 FTE marks a green-flag offer." if share == 1.0 else
            "Protected in writing, but below the 0.2\u20130.3 FTE of a green-flag offer.",
            _src("instructor", "three-questions"))
    elif p > EPS:
        add(WEIGHTS["protected"] * 0.2, f"{p:g} FTE of \u201csome time\u201d, not in the contract", "-",
            "Time that is not contractually protected tends to disappear when the service is busy.",
            _src("instructor-offers", "yellow-flag"))
    else:
        add(0, "No protected time", "-", "Nothing is set aside for teaching, scholarship or research.",
            _src("instructor", "three-questions"))

    key = "written"
    if i["written_criteria"]:
        add(WEIGHTS["written"], "Written promotion criteria", "+",
            "A written standard for Instructor \u2192 Assistant Professor is the core of a structured bridge.",
            _src("pay-promotion-mobility", "deadline"))
    else:
        add(0, "No written promotion criteria", "-",
            "\u201cWe usually move people up\u201d without a written standard is a soft promise.",
            _src("pay-promotion-mobility", "instructor-clock"))

    key = "review"
    r = i["review_years"]
    if r is None:
        add(0, "No review timeline", "-", "Instructors often have no formal clock and can sit in the rank indefinitely.",
            _src("pay-promotion-mobility", "instructor-clock"))
    elif r <= GREEN_MAX_REVIEW_YEARS + EPS:
        add(WEIGHTS["review"], f"Review expected in {r:g} years", "+",
            "A review within 2\u20133 years is what a green-flag bridge looks like.", _src("instructor-offers", "green-flag"))
    elif r <= 5 + EPS:
        add(WEIGHTS["review"] * 0.6, f"Review expected in {r:g} years", "0",
            "Longer than the 2\u20133 years of a structured bridge.", _src("pay-promotion-mobility", "mobility"))
    else:
        add(WEIGHTS["review"] * (0.3 if r <= 8 + EPS else 0.1), f"Review expected in {r:g} years", "-",
            "Five or more years as Instructor without a clear story reads as a career clinician to search committees.",
            _src("pay-promotion-mobility", "mobility"))

    key = "promoted"
    n = i["promoted_examples"]
    if n >= GREEN_MIN_EXAMPLES:
        add(WEIGHTS["promoted"], f"{n} recent promotions they can name", "+",
            "Several named people who made the jump on time is the evidence that counts.",
            _src("instructor", "names-and-timelines"))
    elif n == 1:
        add(WEIGHTS["promoted"] * 0.5, "One recent promotion they can name", "0",
            "One example is a start; a green-flag department can name several.", _src("instructor", "names-and-timelines"))
    else:
        add(0, "No recent promotions they can name", "-",
            "If nobody can be named, be suspicious of the promised path.", _src("instructor", "names-and-timelines"))

    key = "institution"
    inst = i["institution_type"]
    inst_share = {"research_intensive": 1.0, "mid_tier": 0.6, "community_affiliate": 0.0}[inst]
    inst_detail = {
        "research_intensive": ("+", "At a big-name center, Instructor can be a genuine bridge while you build a CV.",
                               "research-heavy"),
        "mid_tier": ("0", "Mid-tier centers start most full-time faculty as Assistant Professor; ask why you are not.",
                     "mid-tier"),
        "community_affiliate": ("-", "At community affiliates the Instructor title is often a courtesy with little promotion path.",
                                "community-affiliate"),
    }[inst]
    add(WEIGHTS["institution"] * inst_share, dict((c.value, c.label) for c in INSTITUTIONS)[inst],
        inst_detail[0], inst_detail[1], _src("institutions", inst_detail[2]))

    key = "years_count"
    yc = i["years_count_toward_rank"]
    if yc is True:
        add(WEIGHTS["years_count"], "Instructor years count toward rank", "+",
            "Your time as Instructor will not be lost if you are promoted.", _src("pay-promotion-mobility", "instructor-years"))
    elif yc is False:
        add(0, "Instructor years do not count", "-",
            "Years that do not count make the probation effectively longer.", _src("pay-promotion-mobility", "instructor-years"))
    else:
        add(WEIGHTS["years_count"] * 0.4, "Unknown whether Instructor years count", "0",
            "Ask; if they do not count, the probation is longer than it looks.",
            _src("pay-promotion-mobility", "instructor-years"))

    key = "surgical"
    if i["surgical_subspecialty"] and not i["written_criteria"]:
        add(-PENALTY_SURGICAL_NO_PATH, "Surgical Instructor post without a written path", "-",
            "In surgical subspecialties this can be a super-fellow or service-fellow post rather than a faculty job.",
            _src("instructor", "super-fellow"))
    key = "tenure_fantasy"
    if track == "tenure" and c >= 0.8 - EPS:
        add(-PENALTY_TENURE_FANTASY, "Tenure track on a heavy clinical load", "-",
            "A tenure track with 0.8\u20130.9 clinical effort and no funding is not realistic.",
            _src("tracks", "tenure-fantasy"))

    return parts


def compute(i: dict[str, Any]) -> Outcome:
    """Score the offer and classify it."""
    parts = score_parts(i)
    factors = [p.factor for p in parts]
    score = sum(p.points for p in parts)
    score = max(0.0, min(100.0, score))
    band = _band(i)
    anchor, ref, lo, hi = LIKELIHOOD[band]
    likelihood = round(max(lo, min(hi, anchor + (score - ref) * LIKELIHOOD_SLOPE)))
    return Outcome(band, score, _headline(i, band), factors, _next_steps(i, band),
                   {"promotion_likelihood": likelihood})


def green_gaps(i: dict[str, Any]) -> list[str]:
    """The elements of the green-flag scenario that this offer lacks (none: a green flag)."""
    gaps = []
    if i["track"] not in ACADEMIC_TRACKS:
        gaps.append("a named academic track")
    elif i["track"] == "tenure" and i["clinical_fte"] >= 0.8 - EPS:
        gaps.append("a clinical load a tenure track can live with")
    if not (i["protected_in_contract"] and i["protected_fte"] >= GREEN_MIN_PROTECTED - EPS):
        gaps.append(f"at least {GREEN_MIN_PROTECTED:g} FTE protected in the contract")
    if not i["written_criteria"]:
        gaps.append("written promotion criteria")
    if i["review_years"] is None or i["review_years"] > GREEN_MAX_REVIEW_YEARS + EPS:
        gaps.append(f"a review within {GREEN_MAX_REVIEW_YEARS} years")
    if i["promoted_examples"] < GREEN_MIN_EXAMPLES:
        gaps.append(f"at least {GREEN_MIN_EXAMPLES} recently promoted colleagues they can name")
    return gaps


def _band(i: dict[str, Any]) -> str:
    """Green needs every element of the green-flag scenario; red most of the red-flag one."""
    if not green_gaps(i):
        return "green"
    red_signs = sum((
        i["track"] == "unspecified",
        i["clinical_fte"] >= 1 - EPS,
        i["promoted_examples"] == 0,
    ))
    if not i["written_criteria"] and red_signs >= 2:
        return "red"
    return "yellow"


def _headline(i: dict[str, Any], band: str) -> str:
    if band == "green":
        return "A structured bridge: the path to Assistant Professor is written, timed and proven."
    if band == "red":
        return "A clinical job with an academic title: nothing here builds an academic career."
    if not i["written_criteria"]:
        if i["clinical_fte"] >= 0.9 - EPS:
            return "A service-heavy job with a soft promise: the academic path is not yet real."
        return "A soft promise: without written criteria, the path to Assistant Professor is not yet real."
    gaps = green_gaps(i)
    missing = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
    return f"Part of a structured bridge, not all of it: still missing {missing}."


def _next_steps(i: dict[str, Any], band: str) -> list[str]:
    """The article's questions that these inputs show are still unanswered."""
    ids = []
    if i["track"] == "unspecified":
        ids.append("official-title")
    if band != "green":
        ids.append("entry-rank")
    if i["review_years"] is None or i["promoted_examples"] == 0:
        ids.append("promotion-timeline")
    if not i["protected_in_contract"] or i["protected_fte"] <= EPS:
        ids.append("protected-time")
    if not i["written_criteria"]:
        ids.append("written-policy")
    if i["years_count_toward_rank"] is None:
        ids.append("years-count")
    if i["promoted_examples"] < GREEN_MIN_EXAMPLES:
        ids.append("promotion-ratio")
    return [question(q).ask for q in ids]


EXAMPLES = (
    Example("green", "Green flag: a structured bridge", {
        "institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.75,
        "protected_fte": 0.25, "protected_in_contract": True, "written_criteria": True,
        "review_years": 2.5, "promoted_examples": 3}, _src("instructor-offers", "green-flag")),
    Example("yellow", "Yellow flag: a service job with a soft promise", {
        "institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.9,
        "protected_fte": 0.1, "protected_in_contract": False, "written_criteria": False,
        "review_years": None, "promoted_examples": 1}, _src("instructor-offers", "yellow-flag")),
    Example("red", "Red flag: a clinical job in academic costume", {
        "institution_type": "research_intensive", "track": "unspecified", "clinical_fte": 1.0,
        "protected_fte": 0.0, "protected_in_contract": False, "written_criteria": False,
        "review_years": None, "promoted_examples": 0}, _src("instructor-offers", "red-flag")),
)

CALCULATOR = Calculator(
    slug="instructor-offer",
    title="Instructor offer check",
    summary="Classifies an Instructor offer as a green, yellow or red flag and estimates the chance of "
            "promotion to Assistant Professor.",
    version=VERSION,
    bands=("green", "yellow", "red"),
    band_labels={"green": "Green flag", "yellow": "Yellow flag", "red": "Red flag"},
    fields=FIELDS,
    compute=compute,
    checks=_check,
    examples=EXAMPLES,
    sections=(("Reading an Instructor offer: green, yellow and red flags", _src("instructor-offers", "classify")),
              ("The three questions that separate good Instructor jobs from bad", _src("instructor", "three-questions")),
              ("Questions to ask before signing", _src("questions", "checklist")),
              ("Promotion and time in rank", _src("pay-promotion-mobility", "time-in-rank"))),
    metrics=(("promotion_likelihood", "Approximate chance of promotion to Assistant Professor", "%"),),
)
