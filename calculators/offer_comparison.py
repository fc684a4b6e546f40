"""``offer-comparison``: rank two to five academic offers the way the titles article's decision flow does.

From "Academic Titles and Tracks Decoded" (Residency Advisor, 2026-01-07): its "Early Academic
Career Decision Flow" and its negotiation section (Offer A against Offer B, and the three
conditions that would make Offer A competitive). Each offer is first *placed* where the flow
puts it: on a promotion track, in a bridge role with a defined path (the article's 2-3 year plan), or in a service job
with limited promotion. The verdict comes from the places, then from the article's qualifiers:
a bridge with all three conditions stands level with a promotion track; within one place, the
named track, protected time in the contract and clinical FTE order the offers, and where they
disagree the article gives no order, so the offers are close. The rules are data (``RULES``),
each with the passage it encodes. The points shown per part are this site's; they never reverse
the flow's order, because each place has its own range of scores.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import instructor_offer as io
from . import negotiation as mail
from .answers import item_name
from .citations import guide_sections
from .contract import Calculator, Choice, Email, Example, Factor, Field, FieldError, Outcome
from .questions import question
from .rules import Rule, titles

VERSION = "3.0"
GUIDE = "titles-and-tracks/"

RANKS = (
    Choice("instructor", "Instructor"),
    Choice("assistant_professor", "Assistant Professor"),
)
RANK_LABELS = {c.value: c.label for c in RANKS}

_IO = {f.name: f for f in io.FIELDS}
INSTRUCTOR_ONLY = ("rank", ("instructor",))  # on the page, these fields show for Instructor offers only
OFFER_FIELDS: tuple[Field, ...] = (
    Field("label", "Name of the offer", "text", default="", max_length=40,
          help="A short name that the result uses for this offer, such as the institution. Empty: Offer 1, Offer 2\u2026"),
    Field("rank", "Rank offered", "choice", default="instructor", choices=RANKS,
          help="The title in the offer letter."),
    _IO["institution_type"],
    _IO["track"],
    _IO["clinical_fte"],
    _IO["protected_fte"],
    _IO["protected_in_contract"],
    replace(_IO["written_criteria"], shown_if=INSTRUCTOR_ONLY),
    replace(_IO["review_years"], shown_if=INSTRUCTOR_ONLY),
    replace(_IO["promoted_examples"], shown_if=INSTRUCTOR_ONLY),
    replace(_IO["years_count_toward_rank"], shown_if=INSTRUCTOR_ONLY),
    replace(_IO["surgical_subspecialty"], shown_if=INSTRUCTOR_ONLY),
    Field("leadership_support", "Written support from leadership", "boolean", default=False, shown_if=INSTRUCTOR_ONLY,
          help="Leadership states in writing that they see you as future faculty, not only as clinical coverage."),
    Field("mentorship", "Mentors and support for scholarship", "boolean", default=False,
          help="Named mentors, support staff or similar real help to produce scholarship."),
    Field("funding", "Start-up funds or grant support", "boolean", default=False,
          help="Money behind research or tenure-track expectations."),
    Field("salary", "Salary", "number", unit="per year", default=None, nullable=True, null_label="Not given",
          null_is_unknown=True,  # no representative_values: an unknown salary is not varied
          minimum=0, maximum=10_000_000, step=1000, allowed_words="any amount; leave empty if not given",
          help="Base salary, in one currency for all offers. Shown beside the ranking; it never changes a place "
               "on the flow."),
)

FIELDS: tuple[Field, ...] = (
    Field("offers", "Offers", "list", items=OFFER_FIELDS, min_items=2, max_items=5, item_label="Offer",
          default=[{f.name: f.default for f in OFFER_FIELDS} for _ in range(2)],
          help="Two to five offers. Leave what you do not know at its default."),
)

_src = guide_sections(GUIDE,
    ("decision-flow", "flow"),
    ("decision-flow", "branches"),
    ("assistant-professor", "career-ladder"),
    ("negotiating", "offer-a-vs-b"),
    ("negotiating", "when-a-wins"),
    ("negotiating", "ask-for-ap"),
    ("negotiating", "ask-for-plan"),
    ("pay-promotion-mobility", "salary"),
    ("five-to-ten-years", "three-things"),
    ("tracks", "research-instructor"),
    ("institutions", "community-affiliate"),
)

# ---------------------------------------------------------------------------------------------
# The places of the decision flow, and the rules that put an offer in one.

FLOW = "Early Academic Career Decision Flow"
NEGOTIATION = "How I Would Approach Negotiation As a New Grad"
THREE_THINGS = "Three Things To Remember"
FULL_CLINICAL = io.FULL_CLINICAL
TENURE_FANTASY_MIN_CLINICAL = io.TENURE_MAX_CLINICAL
BRIDGE_MAX_REVIEW_YEARS = io.GREEN_MAX_REVIEW_YEARS
RESEARCH_INSTRUCTOR_MIN_PROTECTED = 0.5
"""A research Instructor's "heavy lab time": at least this much protected in the contract (this
site's reading; the article gives research-track posts 40-80 % protected time)."""


@dataclass(frozen=True)
class Place:
    """A place on the decision flow: its label (the flow's step), its tier and its score range."""

    key: str
    label: str
    floor: int
    """The lowest score an offer in this place gets; the terms add up to ``TERM_MAX`` more."""


PLACES: dict[str, Place] = {p.key: p for p in (
    Place("promotion", "Promotion track", 67),
    Place("bridge", "Bridge role with a defined path", 34),
    Place("service", "Service job", 0),
)}
LEVEL_LABEL = "Bridge, level with a promotion track"
PLACE_PHRASES = {"promotion": ("is on a promotion track", "are on promotion tracks"),
                 "level": ("is a bridge with all three of the article's conditions, level with a promotion track",
                           "are bridges with all three of the article's conditions, level with a promotion track"),
                 "bridge": ("is a bridge role with a defined path", "are bridge roles with a defined path"),
                 "service": ("is a service job with limited promotion", "are service jobs with limited promotion")}
"""Where the flow puts offers, as the end of a sentence (one offer, several)."""

PLACE_RULES = {r.key: r for r in (
    Rule("place.staff_line", "Service job: a pure clinical (staff) line, whatever the title.",
         titles("Pure Clinical / Staff Track", "do not follow traditional academic promotion criteria")),
    Rule("place.full_clinical", f"Service job: any title on about 1.0 clinical FTE ({FULL_CLINICAL:g} or more) "
         "with no protected time in the contract.",
         titles(THREE_THINGS, "is still a service job, not an academic career"), judgment=True),
    Rule("place.tenure_fantasy", f"Service job: a tenure track at {TENURE_FANTASY_MIN_CLINICAL:g} clinical FTE or "
         "more without funding.",
         titles("Research Track / Tenure Track", "and no funding, that is fantasy")),
    Rule("place.promotion", "On a promotion track: Assistant Professor on an academic line with non-clinical "
         "time (none of the service rules above).", titles(FLOW, "On promotion track")),
    Rule("place.bridge", "Bridge role: Instructor with written promotion criteria and a review date (this "
         f"site's reading of a defined path; a review after more than {BRIDGE_MAX_REVIEW_YEARS} years lacks the "
         "article's clear 2\u20133 year path).", titles(FLOW, "Bridge role, 2-3 yr plan"), judgment=True),
    Rule("place.research_instructor", "Bridge role too: a research-track Instructor with at least "
         f"{RESEARCH_INSTRUCTOR_MIN_PROTECTED:g} FTE protected in the contract and grant support.",
         titles("Research Track / Tenure Track", "That can be completely legitimate"), judgment=True),
    Rule("place.no_path", "Service job: an Instructor post without a defined path.",
         titles(FLOW, "Service job, limited promotion")),
)}


@dataclass(frozen=True)
class Placed:
    """Where the flow puts one offer, why, and which of the article's conditions it lacks."""

    place: Place
    rule: Rule
    why: str
    level: bool = False
    """A bridge with all three of the article's conditions: level with a promotion track."""
    lacks: tuple[str, ...] = ()
    """The article's conditions the offer lacks: what would lift it on the flow."""

    @property
    def tier(self) -> int:
        """0: a promotion track or a level bridge; 1: a bridge; 2: a service job."""
        return 0 if self.place.key == "promotion" or self.level else 1 if self.place.key == "bridge" else 2

    @property
    def label(self) -> str:
        return LEVEL_LABEL if self.level else self.place.label


CLEAR_PATH = f"a clear 2\u20133 year path to Assistant Professor (written criteria and a review within {BRIDGE_MAX_REVIEW_YEARS} years)"
SCHOLARSHIP = "real support for scholarship (mentors, support staff)"
BACKING = "written support from leadership that they see you as future faculty"
THREE_CONDITIONS_RULE = Rule(
    "level.three_conditions", "A bridge with all three conditions stands level with a promotion track: a written "
    "path to Assistant Professor within 2\u20133 years, mentors or support staff for scholarship, and leadership's "
    "backing in writing.", titles(NEGOTIATION, "Unless Offer A explicitly comes with"))


def unrealistic_tenure(offer: dict[str, Any]) -> bool:
    """A tenure track on a heavy clinical load with no funding behind it."""
    return (offer["track"] == "tenure" and offer["clinical_fte"] >= TENURE_FANTASY_MIN_CLINICAL - io.EPS
            and not offer["funding"])


def protected_in_contract(offer: dict[str, Any]) -> float:
    """Protected time that counts: what the contract writes down (none otherwise)."""
    return offer["protected_fte"] if offer["protected_in_contract"] else 0.0


def defined_path(offer: dict[str, Any]) -> bool:
    """An Instructor's defined path to Assistant Professor: written criteria and a review date."""
    return offer["written_criteria"] and offer["review_years"] is not None


def clear_path(offer: dict[str, Any]) -> bool:
    """The article's clear 2-3 year path: a defined path with the review within three years."""
    return defined_path(offer) and offer["review_years"] <= BRIDGE_MAX_REVIEW_YEARS + io.EPS


def research_instructor(offer: dict[str, Any]) -> bool:
    """The article's research Instructor: heavy lab time, paid partly from grants."""
    return (offer["track"] == "research" and offer["funding"]
            and protected_in_contract(offer) >= RESEARCH_INSTRUCTOR_MIN_PROTECTED - io.EPS)


def place(offer: dict[str, Any]) -> Placed:
    """Put one offer where the decision flow puts it (the rules in ``PLACE_RULES`` order). What it
    lacks: for a service job, what the rule that put it there asks for; for an Instructor offer,
    also the article's three conditions it does not meet."""
    ap = offer["rank"] == "assistant_professor"
    title = "Assistant Professor" if ap else "Instructor"
    conditions = {CLEAR_PATH: clear_path(offer), SCHOLARSHIP: offer["mentorship"], BACKING: offer["leadership_support"]}
    unmet = () if ap else tuple(c for c, met in conditions.items() if not met)
    service = PLACES["service"]
    if offer["track"] == "pure_clinical":
        return Placed(service, PLACE_RULES["place.staff_line"],
                      f"{title} on a pure clinical (staff) line: the title can be a courtesy with no academic "
                      "promotion criteria behind it.", lacks=("an academic line instead of a staff line",) + unmet)
    if offer["clinical_fte"] >= FULL_CLINICAL - io.EPS and protected_in_contract(offer) <= io.EPS:
        return Placed(service, PLACE_RULES["place.full_clinical"],
                      f"{title} at {offer['clinical_fte']:g} clinical FTE with no protected time in the contract: "
                      "a nice title on a full clinical load is still a service job.",
                      lacks=("protected non-clinical time written into the contract",) + unmet)
    if unrealistic_tenure(offer):
        return Placed(service, PLACE_RULES["place.tenure_fantasy"],
                      f"{title} on a tenure track at {offer['clinical_fte']:g} clinical FTE with no funding: the "
                      "word tenure is decoration here.",
                      lacks=("funding behind the tenure track, or the clinician-educator track instead",) + unmet)
    if ap:
        return Placed(PLACES["promotion"], PLACE_RULES["place.promotion"],
                      "Assistant Professor on an academic line with time outside clinical work: the rank starts "
                      "the promotion clock, with the school's written criteria.")
    if defined_path(offer) or research_instructor(offer):
        research = not defined_path(offer)
        rule = PLACE_RULES["place.research_instructor" if research else "place.bridge"]
        why = ("A research Instructor with heavy protected lab time and grant support: a legitimate start, though the "
               "path to Assistant Professor is not yet in writing." if research else
               "Instructor with written promotion criteria and a review within "
               f"{BRIDGE_MAX_REVIEW_YEARS} years: a defined path to Assistant Professor." if clear_path(offer) else
               f"Instructor with written promotion criteria and a review after {offer['review_years']:g} years: a "
               "defined path, but longer than the article's 2\u20133 years.")
        if not unmet:
            return Placed(PLACES["bridge"], THREE_CONDITIONS_RULE,
                          why + " With real support for scholarship and written backing from leadership as well, "
                          "it has all three of the article's conditions.", level=True)
        return Placed(PLACES["bridge"], rule, why, lacks=unmet)
    return Placed(service, PLACE_RULES["place.no_path"],
                  "Instructor without written promotion criteria and a review date: no defined path to "
                  "Assistant Professor.", lacks=unmet)


# ---------------------------------------------------------------------------------------------
# Within one place: the terms the article says matter as much as title.

FTE_STEP = 0.05
"""FTE compared in steps of 0.05, so that a typed 0.82 and 0.8 do not order two offers."""
TERM_POINTS = {"track": 11, "protected": 11, "clinical": 10}
"""Points for the terms within a place (this site's weights): a named track, protected time in the
contract (per FTE), clinical effort (per FTE below 1.0). At most 32, less than the gap between two
places' floors, so the points never reverse the flow's order."""
TERM_MAX = sum(TERM_POINTS.values())
TERM_NAMES = {"track": "a named track", "protected": "more protected time in the contract",
              "clinical": "less clinical effort"}

TERM_RULES = (
    Rule("order.places", "Places order the offers: a promotion track (or a level bridge) first, then a bridge, "
         "then a service job. Nothing else can reverse that order.",
         titles(NEGOTIATION, "Offer B is usually the stronger choice")),
    THREE_CONDITIONS_RULE,
    Rule("order.terms", "Within one place, one offer leads when it is at least as good on the named track, "
         "protected time in the contract and clinical FTE, and better on one.",
         titles(THREE_THINGS, "Track and FTE matter as much as title."), judgment=True),
    Rule("order.close", "Otherwise the offers are close: the article gives no order, so salary and fit decide.",
         titles("Salary", "Do not assume the title alone dictates the number."), judgment=True),
    Rule("score", f"Scores: a promotion track or level bridge {PLACES['promotion'].floor}\u2013100, a bridge "
         f"{PLACES['bridge'].floor}\u2013{PLACES['bridge'].floor + TERM_MAX}, a service job 0\u2013{TERM_MAX}; "
         f"within the place, a named track {TERM_POINTS['track']}, protected time in the contract up to "
         f"{TERM_POINTS['protected']} and lighter clinical effort up to {TERM_POINTS['clinical']}.",
         titles(NEGOTIATION, "the article compares the two offers in words, not points", quoted=False),
         judgment=True),
)


def _steps(x: float) -> int:
    return round(x / FTE_STEP)


def terms(offer: dict[str, Any]) -> dict[str, int]:
    """The terms that order offers within a place, each the higher the better: a named track (1 or
    0), protected time in the contract and the time not spent in clinical work, in steps of 0.05 FTE."""
    return {"track": int(io.named_track(offer)), "protected": _steps(protected_in_contract(offer)),
            "clinical": _steps(1.0) - _steps(offer["clinical_fte"])}


def term_points(key: str, value: int) -> float:
    if key == "track":
        return float(TERM_POINTS["track"] * value)
    return TERM_POINTS[key] * value * FTE_STEP


def ahead_on_terms(a: dict[str, int], b: dict[str, int]) -> list[str]:
    """The terms on which ``a`` is better, if ``a`` is at least as good on every term; else []."""
    if any(a[k] < b[k] for k in a):
        return []
    return [k for k in a if a[k] > b[k]]


@dataclass(frozen=True)
class Scored:
    """One offer, placed and scored."""

    index: int
    label: str
    inputs: dict[str, Any]
    placed: Placed
    terms: dict[str, int]
    parts: list[dict[str, Any]]
    flags: list[str]

    @property
    def score(self) -> float:
        return round(sum(p["points"] for p in self.parts), 1)


def _track_words(offer: dict[str, Any]) -> str:
    if unrealistic_tenure(offer):
        return "tenure in name only"
    return {"clinician_educator": "clinician-educator track", "research": "research track", "tenure": "tenure track",
            "pure_clinical": "pure clinical (staff) line", "unspecified": "no track named"}[offer["track"]]


def score_offer(offer: dict[str, Any], n: int) -> Scored:
    """Place one offer and score it: its place's floor, then the terms within the place."""
    placed = place(offer)
    t = terms(offer)
    floor = PLACES["promotion"].floor if placed.level else placed.place.floor
    p, c = offer["protected_fte"], offer["clinical_fte"]
    protected = ("none" if p <= io.EPS else f"{p:g} FTE in the contract" if offer["protected_in_contract"]
                 else f"{p:g} FTE, not in the contract")
    parts = [
        {"key": "place", "title": "Place on the decision flow", "points": float(floor), "summary": placed.label},
        {"key": "track", "title": "Named track", "points": term_points("track", t["track"]),
         "summary": _track_words(offer)},
        {"key": "protected", "title": "Protected time in the contract",
         "points": round(term_points("protected", t["protected"]), 1), "summary": protected},
        {"key": "clinical", "title": "Clinical effort", "points": round(term_points("clinical", t["clinical"]), 1),
         "summary": f"{c:g} FTE"},
    ]
    flags = ["unrealistic tenure track"] if unrealistic_tenure(offer) else []
    return Scored(n, item_name(FIELDS[0], offer, n), offer, placed, t, parts, flags)


def _check(inputs: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    for n, offer in enumerate(inputs["offers"]):
        for err in io._check(offer):
            errors.append(replace(err, field=f"offers[{n}].{err.field}"))
        label = item_name(FIELDS[0], offer, n).casefold()
        if label in seen:
            errors.append(FieldError(f"offers[{n}].label", f"repeats the name of offer {seen[label] + 1}",
                                     offer["label"], "a name no other offer uses",
                                     f"Offer {seen[label] + 1} already has this name; give each offer its own."))
        seen.setdefault(label, n)
    return errors


def _order(scored: list[Scored]) -> list[Scored]:
    """Best first: the place (scores never cross places), then the score, then salary, then the order entered."""
    return sorted(scored, key=lambda o: (o.placed.tier, -o.score,
                                         -(o.inputs["salary"] if o.inputs["salary"] is not None else -1), o.index))


def _and(words: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def compare(top: Scored, other: Scored) -> tuple[str, list[str]]:
    """How ``top`` stands against ``other``: ("clear", []) placed higher on the flow; ("ahead", terms)
    level, and at least as good on every term and better on these; ("close", []) otherwise."""
    if top.placed.tier < other.placed.tier:
        return "clear", []
    better = ahead_on_terms(top.terms, other.terms)
    return ("ahead", better) if better else ("close", [])


def _why_close(top: Scored, other: Scored) -> str:
    """Why the article gives no order between two offers in one place."""
    mine = [TERM_NAMES[k] for k in top.terms if top.terms[k] > other.terms[k]]
    theirs = [TERM_NAMES[k] for k in top.terms if top.terms[k] < other.terms[k]]
    if not mine and not theirs:
        return "they are alike on the named track, protected time in the contract and clinical effort"
    return (f"{top.label} has {_and(mine)}, {other.label} {_and(theirs)}, and the article does not say which "
            "weighs more")


def compute(i: dict[str, Any]) -> Outcome:
    """Place every offer on the flow, order them, and say what decides between the top two."""
    ranked = _order([score_offer(o, n) for n, o in enumerate(i["offers"])])
    top, second = ranked[0], ranked[1]
    band, _ = compare(top, second)
    headline = f"{_placements(ranked)}. {_verdict(top, second, band)}"
    factors = _factors(ranked)
    ranking = []
    open_questions = [_offer_steps(o) for o in ranked]
    for o, questions in zip(ranked, open_questions, strict=True):
        ranking.append({"label": o.label, "score": o.score, "band": o.placed.place.key,
                        "band_label": o.placed.label, "level": o.placed.level, "rank": o.inputs["rank"],
                        "salary": o.inputs["salary"], "flags": o.flags, "lacks": list(o.placed.lacks),
                        "parts": [dict(p) for p in o.parts], "questions": questions})
    margin = round(top.score - second.score, 1)
    return Outcome(band, top.score, headline, factors, _next_steps(ranked, open_questions, band),
                   {"ranking": ranking, "margin": margin})


def _lc(text: str) -> str:
    """Lower-case the first letter, for a phrase inside a sentence."""
    return text[:1].lower() + text[1:]


def _place_key(o: Scored) -> str:
    return "level" if o.placed.level else o.placed.place.key


def _placements(ranked: list[Scored]) -> str:
    """Where the flow puts each offer, offers in the same place named together, best place first."""
    groups: dict[str, list[str]] = {}
    for o in ranked:
        groups.setdefault(_place_key(o), []).append(o.label)
    return "; ".join(f"{_and(labels)} {PLACE_PHRASES[key][len(labels) > 1]}" for key, labels in groups.items())


def _verdict(top: Scored, second: Scored, band: str) -> str:
    """The verdict on the top two in a few words; the factors say why."""
    if band == "clear":
        return f"{top.label} leads: it is placed higher on the article's flow."
    if band == "ahead":
        return f"Level on the flow; {top.label} leads {second.label} on the terms the article names."
    return f"Level on the flow, and close: the article gives no order between {top.label} and {second.label}."


def _place_source(o: Scored) -> str:
    """The guide section behind an offer's place."""
    if o.placed.rule.key == "place.tenure_fantasy":
        return io._src("tracks", "tenure-fantasy")
    return {"level.three_conditions": _src("negotiating", "when-a-wins"),
            "place.promotion": _src("assistant-professor", "career-ladder"),
            "place.research_instructor": _src("tracks", "research-instructor"),
            "place.full_clinical": _src("five-to-ten-years", "three-things")}.get(
                o.placed.rule.key, _src("decision-flow", "branches"))


def _factors(ranked: list[Scored]) -> list[Factor]:
    """What drove the result, each fact once: where each offer stands and why, what a trailing
    offer lacks, what orders offers in one place, and the context the article gives."""
    top = ranked[0]
    factors: list[Factor] = []
    placed: dict[tuple[str, str], list[Scored]] = {}
    for o in ranked:
        placed.setdefault((o.placed.label, o.placed.why), []).append(o)
    for (label, why), group in placed.items():
        o = group[0]
        effect = "+" if o.placed.tier == 0 else "0" if o.placed.tier == 1 else "-"
        factors.append(Factor(f"{_and([g.label for g in group])}: {_lc(label)}", effect, why, _place_source(o)))
    lacking: dict[tuple[str, ...], list[str]] = {}
    for o in ranked[1:]:
        if o.placed.tier > top.placed.tier and o.placed.lacks:
            lacking.setdefault(o.placed.lacks, []).append(o.label)
    for lacks, labels in lacking.items():
        factors.append(Factor(f"What {_and(labels)} {'lacks' if len(labels) == 1 else 'lack'}", "-",
                              f"To stand with {top.label} on the flow: {_and(list(lacks))}.",
                              _src("negotiating", "when-a-wins")))
    for o in ranked[1:]:
        if o.placed.tier == top.placed.tier:
            how, better = compare(top, o)
            if how == "ahead":
                factors.append(Factor(f"{top.label} ahead of {o.label} in the same place", "+" if o is ranked[1] else "0",
                                      f"{top.label} has {_and([TERM_NAMES[k] for k in better])} and is no worse on "
                                      "the rest: track and FTE matter as much as title.",
                                      _src("five-to-ten-years", "three-things")))
            else:
                factors.append(Factor(f"{top.label} and {o.label}: close", "0",
                                      f"In the same place, {_why_close(top, o)}: salary, the place and the people "
                                      "decide.", _src("negotiating", "when-a-wins")))
    for o in ranked:
        inst, instructor = o.inputs["institution_type"], o.inputs["rank"] == "instructor"
        if instructor and inst == "research_intensive" and o.placed.place.key == "service":
            factors.append(Factor(f"{o.label}: a big name", "0", "A famous institution does not rescue an Instructor "
                                  "post without a path: big-name places also use the title for service labor.",
                                  io._src("misconceptions", "big-name")))
        elif inst == "community_affiliate":
            factors.append(Factor(f"{o.label}: a community affiliate", "0",
                                  "The article calls the promotion pathway at community affiliates very limited"
                                  + ("." if instructor else ", and the Assistant Professor rank there rare, often "
                                     "tied to leadership."), _src("institutions", "community-affiliate")))
    salaries = [(o.label, o.inputs["salary"]) for o in ranked]
    if any(s is not None for _, s in salaries):
        factors.append(Factor(
            "Salary", "0", "; ".join(f"{lab}: {_money(s)}" for lab, s in salaries) + ". Pay follows clinical effort and "
            "the department's pay model more than the title; it orders offers only where the flow and its terms "
            "leave them close.", _src("pay-promotion-mobility", "salary")))
    return factors


def _money(x: float | None) -> str:
    return "not given" if x is None else f"{x:,.0f}"


def _next_steps(ranked: list[Scored], open_questions: list[list[str]], band: str) -> list[str]:
    """What to ask, best offer first (``open_questions``: each ranked offer's own); a step that
    applies to several offers is written once, naming them all ("A and B: ...")."""
    asked: dict[str, list[str]] = {}  # step -> the offers it applies to, in ranking order
    for o, questions in zip(ranked, open_questions, strict=True):
        for step in questions:
            asked.setdefault(step, []).append(o.label)
    steps = [f"{_and(labels)}: {step}" for step, labels in asked.items()]
    if band != "clear":
        steps.append("Level on the flow: what then decides is the named track, protected time in the contract, "
                     "clinical effort, salary and fit.")
    if any(o.inputs["salary"] is None for o in ranked):
        steps.append("Ask each department for its salary scale by rank.")
    return steps


MAX_QUESTIONS_PER_OFFER = 3


def _offer_steps(o: Scored) -> list[str]:
    """What to ask about one offer: for an Instructor offer the article's asks and the conditions it
    lacks, then at most ``MAX_QUESTIONS_PER_OFFER`` of the article's questions it leaves open."""
    x = o.inputs
    steps = []
    if x["rank"] == "instructor":
        if not clear_path(x):
            steps.append(f"ask to start as Assistant Professor on {mail.fitting_track(x, not unrealistic_tenure(x))}; "
                         "failing that, for a written plan for promotion to Assistant Professor with the benchmarks "
                         f"they expect and a review within {BRIDGE_MAX_REVIEW_YEARS} years.")
        missing = [w for w, met in (("mentors and support staff for your scholarship", x["mentorship"]),
                                    ("written support from leadership that they see you as future faculty",
                                     x["leadership_support"])) if not met]
        if missing:
            steps.append(f"ask for {_and(missing)}.")
    if unrealistic_tenure(x):
        steps.append("ask what funding backs the tenure-track expectations; without it, ask for the "
                     "clinician-educator track instead.")
    ids = [q for q, open_ in (
        ("official-title", x["track"] == "unspecified"),
        ("written-policy", x["track"] == "pure_clinical" or unrealistic_tenure(x)),
        ("protected-time", x["protected_fte"] <= io.EPS or not x["protected_in_contract"]),
        ("entry-rank", x["rank"] == "instructor" and x["institution_type"] == "mid_tier"),
        ("promotion-ratio", x["rank"] == "instructor" and x["promoted_examples"] < io.GREEN_MIN_EXAMPLES),
        ("years-count", x["rank"] == "instructor" and x["years_count_toward_rank"] is None)) if open_]
    return steps + [question(q).ask for q in ids[:MAX_QUESTIONS_PER_OFFER]]


def email(calc: Calculator, result: dict[str, Any]) -> Email | None:
    """To the department behind the best-ranked Instructor offer (the article's asks are for those),
    the Instructor offer check's own email; else behind the best-ranked offer with questions from the
    article's list left open. ``for_offer`` names the offer beside the email, never in it."""
    offers = result["inputs"]["offers"]
    by_label = {item_name(calc.field("offers"), o, n): o for n, o in enumerate(offers)}
    ranked = [(r["label"], by_label[r["label"]]) for r in result["ranking"]]
    for label, offer in ranked:
        if offer["rank"] == "instructor":
            alone = io.CALCULATOR.run({f.name: offer[f.name] for f in io.CALCULATOR.fields})
            return io.email(io.CALCULATOR, alone) | {"for_offer": label}
    for label, offer in ranked:
        ids = [q for q, open_ in (("official-title", offer["track"] == "unspecified"),
                                  ("protected-time", offer["protected_fte"] <= io.EPS
                                   or not offer["protected_in_contract"]),
                                  ("written-policy", offer["track"] == "pure_clinical" or unrealistic_tenure(offer)))
               if open_]
        if ids:
            return mail.assistant_professor_letter(offer, mail.pick_questions(ids)) | {"for_offer": label}
    return None


OFFER_A = {"label": "A", "rank": "instructor", "institution_type": "research_intensive", "track": "unspecified",
           "clinical_fte": 0.9, "protected_fte": 0.0, "protected_in_contract": False}
OFFER_B = {"label": "B", "rank": "assistant_professor", "institution_type": "mid_tier",
           "track": "clinician_educator", "clinical_fte": 0.8, "protected_fte": 0.2, "protected_in_contract": True}
THREE_CONDITIONS = {"written_criteria": True, "review_years": 2.5, "mentorship": True, "leadership_support": True}
"""The article's three conditions: a clear 2-3 year path, real support for scholarship, written backing."""
OFFER_A_IMPROVED = OFFER_A | {"label": "A with a written path", "track": "clinician_educator", "clinical_fte": 0.8,
                              "protected_fte": 0.2, "protected_in_contract": True, "written_criteria": True,
                              "review_years": 2.5, "promoted_examples": 3, "years_count_toward_rank": True,
                              "leadership_support": True, "mentorship": True}

EXAMPLES = (
    Example("a-vs-b", "Offer A (Instructor, big name) against Offer B (Assistant Professor, regional)",
            {"offers": [OFFER_A, OFFER_B]}, _src("negotiating", "offer-a-vs-b"), expected="clear"),
    Example("three-conditions", "Offer A with the three conditions, still 0.9 clinical with no track named",
            {"offers": [OFFER_A | THREE_CONDITIONS | {"label": "A with the three conditions"}, OFFER_B]},
            _src("negotiating", "when-a-wins"), expected="ahead"),
    Example("a-improved", "Offer A with the three conditions, a track, protected time and named precedents",
            {"offers": [OFFER_A_IMPROVED, OFFER_B]}, _src("negotiating", "when-a-wins"), expected="close"),
    Example("same-terms", "The three conditions against an Assistant Professor post on the same terms",
            {"offers": [
                {"label": "Instructor with the three conditions", "rank": "instructor",
                 "institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.9,
                 "protected_fte": 0.1, "protected_in_contract": False} | THREE_CONDITIONS,
                {"label": "Assistant Professor", "rank": "assistant_professor", "institution_type": "research_intensive",
                 "track": "clinician_educator", "clinical_fte": 0.9, "protected_fte": 0.1,
                 "protected_in_contract": False},
            ]}, _src("negotiating", "when-a-wins"), expected="close"),
    Example("tenure-fantasy", "A tenure-track title on a 0.85 clinical load, without funding",
            {"offers": [
                {"label": "Tenure-track offer", "rank": "assistant_professor", "institution_type": "research_intensive",
                 "track": "tenure", "clinical_fte": 0.85, "protected_fte": 0.15, "protected_in_contract": False,
                 "salary": 260000},
                {"label": "Clinician-educator offer", "rank": "assistant_professor", "institution_type": "mid_tier",
                 "track": "clinician_educator", "clinical_fte": 0.8, "protected_fte": 0.2,
                 "protected_in_contract": True, "salary": 240000},
            ]}, io._src("tracks", "tenure-fantasy"), expected="clear"),
)

RULES: tuple[Rule, ...] = tuple(PLACE_RULES.values()) + TERM_RULES

CALCULATOR = Calculator(
    slug="offer-comparison",
    title="Offer comparison",
    summary="Places two to five academic offers on the titles article's decision flow, ranks them and says what "
            "would change the order.",
    version=VERSION,
    bands=("clear", "ahead", "close"),
    band_labels={"clear": "Clear leader", "ahead": "Level, one ahead on terms", "close": "Close call"},
    fields=FIELDS,
    compute=compute,
    checks=_check,
    examples=EXAMPLES,
    sections=(("The early-career decision flow", _src("decision-flow", "flow")),
              ("Offer A or Offer B?", _src("negotiating", "offer-a-vs-b")),
              ("When the Instructor offer can win", _src("negotiating", "when-a-wins")),
              ("Assistant Professor: a ladder, not a label", _src("assistant-professor", "career-ladder")),
              ("Three things to remember", _src("five-to-ten-years", "three-things")),
              ("Salary", _src("pay-promotion-mobility", "salary")),
              ("Tenure in name only", io._src("tracks", "tenure-fantasy"))),
    rules=RULES,
    email=email,
)
