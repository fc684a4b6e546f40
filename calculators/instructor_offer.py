"""``instructor-offer``: is this Instructor offer a green, yellow or red flag?

Follows the green-, yellow- and red-flag scenarios of "Academic Titles and Tracks Decoded"
(Residency Advisor, 2026-01-07). The article's rough odds of promotion (85 / 60 / 15 %) belong to
its three situations only: an offer that matches one takes its figure, shown as rough; any other
offer gets no figure but the article's words for its case (a community affiliate's very limited
pathway, a surgical super-fellow post, a staff line). The rules are data (``RULES``), each with
the passage it encodes; the score's weights are this site's judgment, not the article's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import negotiation as mail
from .citations import guide_sections
from .contract import Calculator, Choice, Email, Example, Factor, Field, FieldError, Outcome
from .evidence import PROMOTION_LIKELIHOOD_BY_CONTEXT
from .questions import question
from .rules import Rule, titles

VERSION = "3.0"
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
          help="Time set aside for teaching, scholarship or research. Clinical and protected time together are at "
               "most 1.0."),
    Field("protected_in_contract", "Protected time is written into the contract", "boolean", default=False,
          help="\u201cSome time for projects\u201d that is not in the contract does not count as protected."),
    Field("written_criteria", "Written criteria for promotion to Assistant Professor", "boolean",
          default=False, help="A document that says what you must achieve to be promoted."),
    Field("review_years", "Review for Assistant Professor expected after", "number", unit="years", default=None,
          nullable=True, null_label="No timeline given", minimum=0, maximum=15, step=0.5,
          null_is_unknown=True, representative_values=(3, 5, 8),  # the guide's 2-3 years, "a few", 5+
          allowed_words="0 to 15 years; leave empty if no timeline was given",
          help="When the department expects to review you for promotion."),
    Field("promoted_examples", "Instructors promoted in the division (last 5 years)", "integer", default=0,
          minimum=0, maximum=1000, step=1, allowed_words="a whole number, 0 or more",
          help="People they can name who went from Instructor to Assistant Professor recently."),
    Field("years_count_toward_rank", "Instructor years count toward time in rank", "boolean", default=None,
          nullable=True, null_label="Not known", null_is_unknown=True,
          help="Whether your Instructor years will count once you become Assistant Professor."),
)

# ---------------------------------------------------------------------------------------------
# The score (0-100): how much of the green-flag structure the offer has. Each element earns a
# share of its weight, by the rungs below; the page lists them all (``weight_rows``). The weights
# and rungs are this site's judgment: the article describes the elements, not their points.

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
GREEN_MAX_CLINICAL = 0.8        # the green-flag offer's 0.7-0.8 clinical
SERVICE_HEAVY_CLINICAL = 0.9    # the yellow-flag offer's 0.9+ clinical
GREEN_MIN_PROTECTED = 0.2       # the green-flag offer's 0.2-0.3 protected
SOME_PROTECTED = 0.1
GREEN_MAX_REVIEW_YEARS = 3      # review "in 2-3 years"
REVIEW_MID_YEARS, REVIEW_LATE_YEARS = 5, 8
GREEN_MIN_EXAMPLES = 2          # "multiple people in your division"
TENURE_MAX_CLINICAL = 0.8
"""A tenure track with this much clinical effort or more is the article's "sparkle", not a track."""
FULL_CLINICAL = 0.95
"""About 1.0 clinical FTE (this site's reading of the article's "1.0", allowing for rounding)."""
ACADEMIC_CENTERS = ("research_intensive", "mid_tier")
"""Where a green flag can be: the green-flag offer is at "a major academic center" (a community
affiliate's pathway the article calls very limited)."""
EPS = 1e-9


@dataclass(frozen=True)
class Step:
    """One rung of a scored element: the share of the element's weight it earns, and when."""

    share: float
    when: str


STEPS: dict[str, tuple[Step, ...]] = {
    "track": (Step(1.0, "clinician-educator, research or tenure track named (tenure only below "
                        f"{TENURE_MAX_CLINICAL:g} clinical FTE)"),
              Step(0.0, f"pure clinical line, no track named, or tenure track at {TENURE_MAX_CLINICAL:g} "
                        "clinical FTE or more")),
    "clinical": (Step(1.0, f"{GREEN_MAX_CLINICAL:g} FTE or less"),
                 Step(0.6, f"over {GREEN_MAX_CLINICAL:g}, under {SERVICE_HEAVY_CLINICAL:g}"),
                 Step(0.3, f"{SERVICE_HEAVY_CLINICAL:g} or more, below 1"),
                 Step(0.0, "1.0, all clinical")),
    "protected": (Step(1.0, f"{GREEN_MIN_PROTECTED:g} FTE or more in the contract"),
                  Step(0.6, f"{SOME_PROTECTED:g} to under {GREEN_MIN_PROTECTED:g} in the contract"),
                  Step(0.3, f"less than {SOME_PROTECTED:g} in the contract"),
                  Step(0.2, "some time, not in the contract"),
                  Step(0.0, "none")),
    "written": (Step(1.0, "written criteria for promotion to Assistant Professor"),
                Step(0.0, "nothing written")),
    "review": (Step(1.0, f"review within {GREEN_MAX_REVIEW_YEARS} years"),
               Step(0.6, f"within {REVIEW_MID_YEARS} years"),
               Step(0.3, f"within {REVIEW_LATE_YEARS} years"),
               Step(0.1, f"after more than {REVIEW_LATE_YEARS} years"),
               Step(0.0, "no timeline")),
    "promoted": (Step(1.0, f"{GREEN_MIN_EXAMPLES} or more recent promotions they can name"),
                 Step(0.5, "one"),
                 Step(0.0, "none")),
    "institution": (Step(1.0, "research-intensive, with written criteria"),
                    Step(0.6, "mid-tier, with written criteria"),
                    Step(0.0, "community affiliate, or no written criteria (a name alone adds nothing)")),
    "years_count": (Step(1.0, "Instructor years count toward time in rank"),
                    Step(0.4, "not known"),
                    Step(0.0, "they do not count")),
}
ELEMENT_TITLES = {
    "track": "Track", "clinical": "Clinical effort", "protected": "Protected time",
    "written": "Written promotion criteria", "review": "Review timeline", "promoted": "Named precedents",
    "institution": "Institution", "years_count": "Instructor years count",
}
INSTITUTION_SHARE = {"research_intensive": 0, "mid_tier": 1, "community_affiliate": 2}
"""Rung of ``STEPS["institution"]`` by institution type, when the criteria are written."""


def rungs_text(rungs: list[tuple[str, float]]) -> str:
    """Rungs as one line: "0.8 FTE or less: 10; over 0.8, under 0.9: 6; ..."."""
    return "; ".join(f"{when}: {points:g}" for when, points in rungs)


def weight_rows() -> list[tuple[str, int, str]]:
    """Every element's title, weight and rungs with their points: what the page discloses."""
    return [(ELEMENT_TITLES[k], WEIGHTS[k], rungs_text([(s.when, round(WEIGHTS[k] * s.share, 1)) for s in STEPS[k]]))
            for k in WEIGHTS]


def tenure_on_heavy_load(i: dict[str, Any]) -> bool:
    """A tenure track with a clinical load that leaves no room for it."""
    return i["track"] == "tenure" and i["clinical_fte"] >= TENURE_MAX_CLINICAL - EPS


def named_track(i: dict[str, Any]) -> bool:
    """A named academic track that can carry a promotion (a tenure track only on a light clinical load)."""
    return i["track"] in ACADEMIC_TRACKS and not tenure_on_heavy_load(i)


def service_heavy(i: dict[str, Any]) -> bool:
    """0.9 or more clinical, or no protected time written into the contract."""
    return (i["clinical_fte"] >= SERVICE_HEAVY_CLINICAL - EPS
            or not (i["protected_in_contract"] and i["protected_fte"] > EPS))


def step_index(key: str, i: dict[str, Any]) -> int:
    """Which rung of ``STEPS[key]`` this offer reaches."""
    if key == "track":
        return 0 if named_track(i) else 1
    if key == "clinical":
        c = i["clinical_fte"]
        return 0 if c <= GREEN_MAX_CLINICAL + EPS else 1 if c < SERVICE_HEAVY_CLINICAL - EPS else 2 if c < 1 - EPS else 3
    if key == "protected":
        p = i["protected_fte"]
        if p <= EPS:
            return 4
        if not i["protected_in_contract"]:
            return 3
        return 0 if p >= GREEN_MIN_PROTECTED - EPS else 1 if p >= SOME_PROTECTED - EPS else 2
    if key == "written":
        return 0 if i["written_criteria"] else 1
    if key == "review":
        r = i["review_years"]
        if r is None:
            return 4
        return (0 if r <= GREEN_MAX_REVIEW_YEARS + EPS else 1 if r <= REVIEW_MID_YEARS + EPS
                else 2 if r <= REVIEW_LATE_YEARS + EPS else 3)
    if key == "promoted":
        n = i["promoted_examples"]
        return 0 if n >= GREEN_MIN_EXAMPLES else 1 if n == 1 else 2
    if key == "institution":
        return INSTITUTION_SHARE[i["institution_type"]] if i["written_criteria"] else 2
    if key == "years_count":
        return {True: 0, None: 1, False: 2}[i["years_count_toward_rank"]]
    raise KeyError(key)


def share(key: str, i: dict[str, Any]) -> float:
    """The share (0-1) of ``WEIGHTS[key]`` this offer earns."""
    return STEPS[key][step_index(key, i)].share


# ---------------------------------------------------------------------------------------------
# The rough chance of promotion. The article gives rough odds for three situations only; an offer
# that matches one takes its figure, any other gets the article's words for its case and no
# figure. Which inputs make which situation is this site's reading, stated in each rule.

_ODDS = dict(PROMOTION_LIKELIHOOD_BY_CONTEXT.points)
_BRIDGE, _CLEAR, _VAGUE = (label for label, _ in PROMOTION_LIKELIHOOD_BY_CONTEXT.points)
_FLAGS = "Red-Flag and Green-Flag Instructor Offers"
_INSTITUTIONS = "How Different Institutions Use \u201cInstructor\u201d vs \u201cAssistant Professor\u201d"


@dataclass(frozen=True)
class Situation:
    """One of the article's three situations (with its figure), or a case it speaks of in words."""

    key: str
    label: str
    figure: int | None
    words: str
    """What the result says of the chance: the rough figure, or the article's words for the case."""
    rule: Rule


SITUATIONS: dict[str, Situation] = {s.key: s for s in (
    Situation("staff_line", "Pure clinical (staff) line", None,
              "no figure: a staff line is a service job, and its titles follow no academic promotion criteria",
              Rule("chance.staff_line", "A pure clinical (staff) line gets no figure: the article calls such titles "
                   "a courtesy, outside academic promotion.",
                   titles("Pure Clinical / Staff Track", "do not follow traditional academic promotion criteria"))),
    Situation("affiliate", "Community affiliate", None,
              "no figure: the article calls a community affiliate's promotion pathway very limited",
              Rule("chance.affiliate", "A community affiliate gets no figure, only the article's words.",
                   titles(_INSTITUTIONS, "Very limited promotion pathway"))),
    Situation("super_fellow", "Surgical super-fellow post", None,
              "no figure: in a surgical department, an Instructor post with nothing written may be a super-fellow "
              "or service-fellow post, advanced training more than a faculty job",
              Rule("chance.super_fellow", "A surgical subspecialty post without written criteria gets no figure: it "
                   "may be a super-fellow post.",
                   titles("What \u201cInstructor\u201d Usually Means (And When It Is Fine)",
                          "functionally are advanced training or service fellowships"))),
    Situation("bridge", _BRIDGE, int(_ODDS[_BRIDGE]), f"about {int(_ODDS[_BRIDGE])}%",
              Rule("chance.bridge", f"About {int(_ODDS[_BRIDGE])}%: a research-intensive institution and every "
                   "element of the green-flag offer.", titles(_FLAGS, "Structured bridge at research center"),
                   judgment=True)),
    Situation("clear_policy", _CLEAR, int(_ODDS[_CLEAR]), f"about {int(_ODDS[_CLEAR])}%",
              Rule("chance.clear_policy", f"About {int(_ODDS[_CLEAR])}%: a mid-tier center, the clinician-educator "
                   "track and written promotion criteria.", titles(_FLAGS, "Mid-tier CE track with clear policy"),
                   judgment=True)),
    Situation("vague_plan", _VAGUE, int(_ODDS[_VAGUE]), f"about {int(_ODDS[_VAGUE])}%",
              Rule("chance.vague_plan", f"About {int(_ODDS[_VAGUE])}%: nothing written, and service-heavy "
                   f"({SERVICE_HEAVY_CLINICAL:g} FTE clinical or more, or no protected time in the contract).",
                   titles(_FLAGS, "Service-heavy Instructor with vague plan"), judgment=True)),
    Situation("outside", "None of the article's three situations", None,
              "no figure: the article gives figures for three situations, and this offer matches none of them",
              Rule("chance.outside", "Any other offer gets no figure: the article gives none for it.",
                   titles(_FLAGS, "the chart gives odds for three contexts only", quoted=False))),
)}


def situation(i: dict[str, Any]) -> Situation:
    """The article's situation (or case) this offer matches, checked in ``SITUATIONS`` order."""
    if i["track"] == "pure_clinical":
        return SITUATIONS["staff_line"]
    if i["institution_type"] == "community_affiliate":
        return SITUATIONS["affiliate"]
    if i["surgical_subspecialty"] and not i["written_criteria"]:
        return SITUATIONS["super_fellow"]
    if i["institution_type"] == "research_intensive" and not green_gaps(i):
        return SITUATIONS["bridge"]
    if i["institution_type"] == "mid_tier" and i["track"] == "clinician_educator" and i["written_criteria"]:
        return SITUATIONS["clear_policy"]
    if not i["written_criteria"] and service_heavy(i):
        return SITUATIONS["vague_plan"]
    return SITUATIONS["outside"]


def anchors_text() -> str:
    """The article's three figures, to show beside the chance."""
    return "; ".join(f"{v:g}% {label[:1].lower()}{label[1:]}" for label, v in PROMOTION_LIKELIHOOD_BY_CONTEXT.points)


_src = guide_sections(GUIDE,
    ("instructor", "names-and-timelines"),
    ("instructor", "super-fellow"),
    ("instructor", "three-questions"),
    ("instructor-offers", "classify"),
    ("instructor-offers", "green-flag"),
    ("instructor-offers", "red-flag"),
    ("instructor-offers", "yellow-flag"),
    ("instructor-offers", "likelihood"),
    ("misconceptions", "big-name"),
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


def _check(inputs: dict[str, Any]) -> list[FieldError]:
    total = inputs["clinical_fte"] + inputs["protected_fte"]
    if total > 1 + EPS:
        return [FieldError("protected_fte", "clinical_fte plus protected_fte may not exceed 1",
                           inputs["protected_fte"],
                           f"at most {round(1 - inputs['clinical_fte'], 4)} with clinical_fte {inputs['clinical_fte']}",
                           f"Clinical and protected time add up to {round(total, 4):g} FTE; together they can be "
                           "at most 1.0.")]
    return []


@dataclass(frozen=True)
class Part:
    """One scored element of an Instructor offer: its ``WEIGHTS`` key (or penalty name), share, points, reason."""

    key: str
    share: float
    points: float
    factor: Factor


def score_parts(i: dict[str, Any]) -> list[Part]:
    """Score each element of an Instructor offer; the offer's score is the sum of the points.

    ``offer-comparison`` reuses the shares and reasons (with points of its own), so the rungs
    live here only.
    """
    parts: list[Part] = []

    def add(key: str, label: str, effect: str, detail: str, source: str) -> None:
        s = share(key, i) if key in WEIGHTS else 0.0
        points = WEIGHTS[key] * s if key in WEIGHTS else -PENALTY_SURGICAL_NO_PATH
        parts.append(Part(key, s, points, Factor(label, effect, detail, source)))

    track = i["track"]
    if tenure_on_heavy_load(i):
        add("track", "Tenure track on a heavy clinical load", "-",
            f"A tenure track with {i['clinical_fte']:g} clinical FTE is not realistic: the word tenure is decoration "
            "here, so it earns no track credit.", _src("tracks", "tenure-fantasy"))
    elif named_track(i):
        add("track", "Named academic track", "+",
            "The offer names an academic track, so you know which promotion rules apply.",
            _src("tracks", "clinician-educator" if track == "clinician_educator" else "research-tenure"))
    elif track == "pure_clinical":
        add("track", "Pure clinical line", "-",
            "A staff or pure clinical line does not follow the usual academic promotion criteria.",
            _src("tracks", "pure-clinical"))
    else:
        add("track", "No track named", "-",
            "\u201cWe don't really have tracks\u201d is part of the red-flag pattern.", _src("instructor-offers", "red-flag"))

    c = i["clinical_fte"]
    n = step_index("clinical", i)
    add("clinical", f"Clinical effort {c:g} FTE" if n < 3 else "All clinical (1.0 FTE)", ("+", "0", "-", "-")[n],
        ("At or below the 0.7\u20130.8 clinical effort of a green-flag offer.",
         "Between the green-flag 0.7\u20130.8 and the yellow-flag 0.9+.",
         "0.9 or more clinical is the yellow-flag pattern: a service-heavy job.",
         "A fully clinical job, with teaching counted as part of clinical work, is the red-flag pattern.")[n],
        _src("instructor-offers", ("green-flag", "yellow-flag", "yellow-flag", "red-flag")[n]))

    p = i["protected_fte"]
    n = step_index("protected", i)
    if n <= 2:
        add("protected", f"{p:g} FTE protected in the contract", "+" if n == 0 else "0",
            "Contractual protected time of 0.2\u20130.3 FTE marks a green-flag offer." if n == 0 else
            "Protected in writing, but below the 0.2\u20130.3 FTE of a green-flag offer.",
            _src("instructor", "three-questions"))
    elif n == 3:
        add("protected", f"{p:g} FTE of \u201csome time\u201d, not in the contract", "-",
            "Time that is not contractually protected tends to disappear when the service is busy.",
            _src("instructor-offers", "yellow-flag"))
    else:
        add("protected", "No protected time", "-", "Nothing is set aside for teaching, scholarship or research.",
            _src("instructor", "three-questions"))

    if i["written_criteria"]:
        add("written", "Written promotion criteria", "+",
            "A written standard for Instructor \u2192 Assistant Professor is the core of a structured bridge.",
            _src("pay-promotion-mobility", "deadline"))
    else:
        add("written", "No written promotion criteria", "-",
            "\u201cWe usually move people up\u201d without a written standard is a soft promise.",
            _src("pay-promotion-mobility", "instructor-clock"))

    r = i["review_years"]
    n = step_index("review", i)
    if n == 4:
        add("review", "No review timeline", "-", "Instructors often have no formal clock and can sit in the rank indefinitely.",
            _src("pay-promotion-mobility", "instructor-clock"))
    elif n == 0:
        add("review", f"Review expected in {r:g} years", "+",
            "A review within 2\u20133 years is what a green-flag bridge looks like.", _src("instructor-offers", "green-flag"))
    elif n == 1:
        add("review", f"Review expected in {r:g} years", "0",
            "Longer than the 2\u20133 years of a structured bridge.", _src("pay-promotion-mobility", "mobility"))
    else:
        add("review", f"Review expected in {r:g} years", "-",
            "Five to seven years as Instructor with few publications and no clear promotion story reads as a "
            "career clinician to search committees.", _src("pay-promotion-mobility", "mobility"))

    k = i["promoted_examples"]
    n = step_index("promoted", i)
    add("promoted", (f"{k} recent promotions they can name", "One recent promotion they can name",
                     "No recent promotions they can name")[n], ("+", "0", "-")[n],
        ("Several named people who made the jump on time is the evidence that counts.",
         "One example is a start; a green-flag department can name several.",
         "If nobody can be named, be suspicious of the promised path.")[n],
        _src("instructor", "names-and-timelines"))

    inst = i["institution_type"]
    label = dict((ch.value, ch.label) for ch in INSTITUTIONS)[inst]
    page = {"research_intensive": "research-heavy", "mid_tier": "mid-tier",
            "community_affiliate": "community-affiliate"}[inst]
    if inst == "community_affiliate":
        add("institution", label, "-",
            "At community affiliates the Instructor title can simply be a courtesy for supervising residents now and then.",
            _src("institutions", page))
    elif inst == "mid_tier":
        add("institution", label, "0",
            "Mid-tier centers start most full-time faculty as Assistant Professor; ask why you are not.",
            _src("institutions", page))
    elif not i["written_criteria"]:
        add("institution", label, "0",
            "Without written criteria a big name adds nothing: big-name centers also use Instructor as "
            "service labor.", _src("misconceptions", "big-name"))
    else:
        add("institution", label, "+", "At a big-name center, a written path makes Instructor a genuine bridge "
            "while you build a CV.", _src("institutions", page))

    n = step_index("years_count", i)
    add("years_count", ("Instructor years count toward rank", "Unknown whether Instructor years count",
                        "Instructor years do not count")[n], ("+", "0", "-")[n],
        ("Your time as Instructor will not be lost if you are promoted.",
         "Ask; if they do not count, the probation is longer than it looks.",
         "Years that do not count make the probation effectively longer.")[n],
        _src("pay-promotion-mobility", "instructor-years"))

    if i["surgical_subspecialty"] and not i["written_criteria"]:
        add("surgical", "Surgical Instructor post without a written path", "-",
            "In surgical subspecialties this can be a super-fellow or service-fellow post rather than a faculty job.",
            _src("instructor", "super-fellow"))
    return parts


def compute(i: dict[str, Any]) -> Outcome:
    """Score the offer, classify it and place it among the article's situations."""
    parts = score_parts(i)
    factors = [p.factor for p in parts]
    score = max(0.0, min(100.0, sum(p.points for p in parts)))
    band = _band(i)
    where = situation(i)
    factors.append(_situation_factor(where))
    extra = {
        "promotion_chance": chance_text(where),
        "likelihood_anchors": anchors_text(),
        "promotion_likelihood": where.figure,
        "likelihood_situation": where.key,
    }
    return Outcome(band, score, _headline(i, band, where), factors, _next_steps(i), extra)


def chance_text(where: Situation) -> str:
    """The chance as a reader should read it: a rough figure with its situation, or the article's words."""
    if where.figure is None:
        return where.words[:1].upper() + where.words[1:]
    return f"{where.words} ({where.label[:1].lower()}{where.label[1:]})"


def _situation_factor(where: Situation) -> Factor:
    """Why the offer takes the figure it takes, or none."""
    likelihood = _src("instructor-offers", "likelihood")
    if where.key == "bridge":
        return Factor(f"Rough chance {where.words}", "+", "A written, timed and proven path at a research-intensive "
                      "center: the article's structured bridge.", likelihood)
    if where.key == "clear_policy":
        return Factor(f"Rough chance {where.words}", "0", "Written criteria on the clinician-educator track at a "
                      "mid-tier center: the article's clear-policy situation.", likelihood)
    if where.key == "vague_plan":
        return Factor(f"Rough chance {where.words}", "-", "Nothing in writing and a service-heavy load: the "
                      "article's service-heavy role with a vague plan, whatever the institution's name.", likelihood)
    if where.key == "staff_line":
        return Factor("A staff line: no figure", "-", "On a pure clinical line an academic title can be a courtesy: "
                      "the article gives no chance of promotion because there is no academic path to rate.",
                      _src("tracks", "pure-clinical"))
    if where.key == "affiliate":
        return Factor("Community affiliate: no figure", "-", "The article describes the promotion pathway at "
                      "community affiliates as very limited and gives no figure for it.",
                      _src("institutions", "community-affiliate"))
    if where.key == "super_fellow":
        return Factor("Possible super-fellow post: no figure", "-", "Surgical departments sometimes use the title for "
                      "a super-fellow or service-fellow post; the article gives no figure for it.",
                      _src("instructor", "super-fellow"))
    return Factor("Outside the article's three situations: no figure", "0", "The article gives rough odds for a "
                  "structured bridge at a research center, a mid-tier clinician-educator track with a clear policy "
                  "and a service-heavy post with a vague plan; this offer is none of them.", likelihood)


def green_gaps(i: dict[str, Any]) -> list[str]:
    """The elements of the green-flag scenario that this offer lacks (none: a green flag)."""
    gaps = []
    if i["institution_type"] not in ACADEMIC_CENTERS:
        gaps.append("an academic center rather than a community affiliate")
    if i["track"] not in ACADEMIC_TRACKS:
        gaps.append("a named academic track")
    elif tenure_on_heavy_load(i):
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


def red_signs(i: dict[str, Any]) -> int:
    """How many signs of the red-flag offer it shows: no track (a staff line counts the same), about
    1.0 clinical FTE, nobody promoted recently."""
    return sum((i["track"] in ("unspecified", "pure_clinical"), i["clinical_fte"] >= FULL_CLINICAL - EPS,
                i["promoted_examples"] == 0))


RED_MIN_SIGNS = 2


def _band(i: dict[str, Any]) -> str:
    """Green needs every element of the green-flag scenario; red most of the red-flag one."""
    if not green_gaps(i):
        return "green"
    if not i["written_criteria"] and red_signs(i) >= RED_MIN_SIGNS:
        return "red"
    return "yellow"


def _headline(i: dict[str, Any], band: str, where: Situation) -> str:
    if where.key == "staff_line":
        return ("A pure clinical (staff) line: a service job whatever the title, with no academic promotion "
                "criteria behind it.")
    if band == "green":
        return "A structured bridge: the path to Assistant Professor is written, timed and proven."
    if band == "red":
        return "A clinical job with an academic title: nothing here builds an academic career."
    if where.key == "affiliate":
        return ("At a community affiliate, where the article calls the promotion pathway very limited: read the "
                "structure below, not the title.")
    if where.key == "super_fellow":
        return ("Possibly a super-fellow post: in a surgical department, an Instructor title with nothing in "
                "writing can mean advanced training more than a faculty job.")
    if not i["written_criteria"]:
        if i["clinical_fte"] >= SERVICE_HEAVY_CLINICAL - EPS:
            return "A service-heavy job with a soft promise: the academic path is not yet real."
        return "A soft promise: without written criteria, the path to Assistant Professor is not yet real."
    gaps = green_gaps(i)
    missing = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
    return f"Part of a structured bridge, not all of it: still missing {missing}."


def open_questions(i: dict[str, Any]) -> list[str]:
    """The ids of the article's questions (``questions.py``) the offer leaves unanswered."""
    ids = []
    if i["track"] == "unspecified":
        ids.append("official-title")
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
    return ids


def _next_steps(i: dict[str, Any]) -> list[str]:
    """The article's questions that these inputs show are still unanswered."""
    return [question(q).ask for q in open_questions(i)]


OFFER_QUESTIONS = {"track": "official-title", "review_years": "promotion-timeline",
                   "years_count_toward_rank": "years-count"}
"""The article's question that settles each answer left unknown."""


def email(calc: Calculator, result: dict[str, Any]) -> Email:
    """To the department: the offer's terms, the article's two asks and at most five of its questions,
    first those whose answers would change the verdict."""
    first = [OFFER_QUESTIONS[c["field"]] for c in result["what_would_change"] if c["field"] in OFFER_QUESTIONS]
    inputs = result["inputs"]
    return mail.instructor_letter(inputs, mail.pick_questions(open_questions(inputs), first),
                                  mail.fitting_track(inputs, realistic=not tenure_on_heavy_load(inputs)))


RULES: tuple[Rule, ...] = (
    Rule("flag.green", f"Green flag: every element of the green-flag offer. A named academic track (a tenure track "
         f"only below {TENURE_MAX_CLINICAL:g} clinical FTE), at least {GREEN_MIN_PROTECTED:g} FTE protected in the "
         f"contract, written criteria, a review within {GREEN_MAX_REVIEW_YEARS} years, at least "
         f"{GREEN_MIN_EXAMPLES} colleagues promoted on time (the article's \u201cmultiple\u201d), at a research-"
         "intensive or mid-tier center.", titles(_FLAGS, "This is basically a structured bridge position."),
         judgment=True),
    Rule("flag.red", f"Red flag: no written criteria, and at least {RED_MIN_SIGNS} of: no track named (a staff "
         f"line counts the same), about 1.0 clinical FTE ({FULL_CLINICAL:g} or more), nobody promoted recently.",
         titles(_FLAGS, "a clinical job wearing an academic Halloween costume"), judgment=True),
    Rule("flag.yellow", "Yellow flag: everything in between, part of the structure and the rest a promise.",
         titles(_FLAGS, "a service attending with a soft promise")),
    Rule("track.staff_line", "A pure clinical (staff) line never reads better than the same offer with no track "
         "named: no track credit, the same red-flag sign, and no figure.",
         titles("Pure Clinical / Staff Track", "might exist purely as courtesy")),
    Rule("track.tenure_heavy", f"A tenure track at {TENURE_MAX_CLINICAL:g} clinical FTE or more counts as no "
         "track at all.", titles("Research Track / Tenure Track", "and no funding, that is fantasy")),
    *(s.rule for s in SITUATIONS.values()),
    Rule("score", "The score (0\u2013100) measures how much of the green-flag structure the offer has; its weights "
         "are this site's, listed below the table. It never sets the flag or the figure.",
         titles("Three Things To Remember", "Track and FTE matter as much as title."), judgment=True),
)


EXAMPLES = (
    Example("green", "Green flag: a structured bridge", {
        "institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.75,
        "protected_fte": 0.25, "protected_in_contract": True, "written_criteria": True,
        "review_years": 2.5, "promoted_examples": 3}, _src("instructor-offers", "green-flag"), expected="green"),
    Example("yellow", "Yellow flag: a service job with a soft promise", {
        "institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.9,
        "protected_fte": 0.1, "protected_in_contract": False, "written_criteria": False,
        "review_years": None, "promoted_examples": 1}, _src("instructor-offers", "yellow-flag"), expected="yellow"),
    Example("red", "Red flag: a clinical job in academic costume", {
        "institution_type": "research_intensive", "track": "unspecified", "clinical_fte": 1.0,
        "protected_fte": 0.0, "protected_in_contract": False, "written_criteria": False,
        "review_years": None, "promoted_examples": 0}, _src("instructor-offers", "red-flag"), expected="red"),
    Example("clear-policy", "A mid-tier clinician-educator track with a clear policy", {
        "institution_type": "mid_tier", "track": "clinician_educator", "clinical_fte": 0.8,
        "protected_fte": 0.2, "protected_in_contract": True, "written_criteria": True,
        "review_years": 3, "promoted_examples": 1}, _src("instructor-offers", "likelihood"), expected="yellow"),
)

CALCULATOR = Calculator(
    slug="instructor-offer",
    title="Instructor offer check",
    summary="Classifies an Instructor offer as a green, yellow or red flag and gives the article's rough chance of "
            "promotion to Assistant Professor where it gives one.",
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
    metrics=(("promotion_chance", "Rough chance of promotion to Assistant Professor", ""),
             ("likelihood_anchors", "The article's rough odds, by situation", "")),
    rules=RULES,
    email=email,
)
