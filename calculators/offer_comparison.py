"""``offer-comparison``: rank two to five academic offers by their long-term academic prospects.

Follows the Offer A / Offer B comparison of "Academic Titles and Tracks Decoded" (Residency
Advisor, 2026-01-07): a Clinical Instructor post at a big-name institution against an Assistant
Professor post on the clinician-educator track at a regional center. Title and path, track,
effort (FTE) and support are scored separately, so that track and FTE count as much as title.
Instructor offers reuse the rungs of ``instructor-offer`` (one set of shares); an Assistant
Professor post on an academic line stands on the school's promotion ladder, while on a pure
clinical line the title is a courtesy. Salary is shown and breaks exact ties only. The points are
this site's judgement, not the article's, and not official data.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import instructor_offer as io
from .citations import guide_sections
from .contract import Calculator, Choice, Example, Factor, Field, FieldError, Outcome
from .questions import question

VERSION = "2.0"
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
    replace(_IO["written_criteria"], shown_if=INSTRUCTOR_ONLY, label=_IO["written_criteria"].label + " (Instructor offers)", help="Instructor offers: a document saying what you must achieve to become "
            "Assistant Professor. An Assistant Professor post already has the school's criteria."),
    replace(_IO["review_years"], shown_if=INSTRUCTOR_ONLY, label=_IO["review_years"].label + " (Instructor offers)", help="Instructor offers: when they expect to review you for Assistant Professor. "
            "Leave empty if no timeline was given. Not used for Assistant Professor offers."),
    replace(_IO["promoted_examples"], shown_if=INSTRUCTOR_ONLY, label=_IO["promoted_examples"].label + " (Instructor offers)", help="Instructor offers: people they can name who went from Instructor to "
            "Assistant Professor recently. Not used for Assistant Professor offers."),
    replace(_IO["years_count_toward_rank"], shown_if=INSTRUCTOR_ONLY, label=_IO["years_count_toward_rank"].label + " (Instructor offers)", help="Instructor offers: whether your Instructor years will count "
            "once you become Assistant Professor. Not used for Assistant Professor offers."),
    replace(_IO["surgical_subspecialty"], shown_if=INSTRUCTOR_ONLY, label=_IO["surgical_subspecialty"].label + " (Instructor offers)", help="Instructor offers: some surgical departments use the title for a "
            "super-fellow or service-fellow post."),
    Field("leadership_support", "Written support from leadership", "boolean", default=False, shown_if=INSTRUCTOR_ONLY,
          help="Instructor offers: leadership states in writing that they see you as future faculty, not only as "
               "clinical coverage. An Assistant Professor appointment says this by itself."),
    Field("mentorship", "Mentors and support for scholarship", "boolean", default=False,
          help="Named mentors, support staff or similar real help to produce scholarship."),
    Field("funding", "Start-up funds or grant support", "boolean", default=False,
          help="Money behind research or tenure-track expectations."),
    Field("salary", "Salary", "number", unit="per year", default=None, nullable=True, null_label="Not given",
          null_is_unknown=True,  # no representative_values: an unknown salary is not varied
          minimum=0, maximum=10_000_000, step=1000,
          help="Base salary, in any one currency for all offers. Shown for comparison; it only breaks exact ties."),
)

FIELDS: tuple[Field, ...] = (
    Field("offers", "Offers", "list", items=OFFER_FIELDS, min_items=2, max_items=5, item_label="Offer",
          default=[{f.name: f.default for f in OFFER_FIELDS} for _ in range(2)],
          help="Two to five offers. Leave what you do not know at its default."),
)

# Points out of 100 for one offer. The article ranks nothing in points: these weights are this
# site's judgement, set so that track and effort (FTE) together weigh as much as title and path,
# as the article says they matter, and so that an Instructor offer with the article's three
# conditions (a clear 2-3 year path, real support for scholarship, written backing from
# leadership) can come close to or beat an Assistant Professor offer on the same terms.
POINTS = {
    "path": 30,         # title and promotion path
    "track": 15,
    "clinical": 10,
    "protected": 15,
    "mentorship": 10,   # mentors and support staff for scholarship
    "leadership": 10,   # backing as future faculty
    "funding": 5,
    "institution": 5,
}
INSTRUCTOR_PATH = {"written": 10, "review": 7, "promoted": 4, "years_count": 4}
"""An Instructor's path, by the instructor-offer rungs. At most 25 of the path's 30: the rest is
the rank itself (time in rank that travels, a CV that reads as faculty)."""
AP_INSTITUTION_SHARE = {"research_intensive": 1.0, "mid_tier": 1.0, "community_affiliate": 0.4}
"""Assistant Professor is the normal entry rank at research and mid-tier centers; rare at affiliates."""
TENURE_FANTASY_MIN_CLINICAL = io.TENURE_MAX_CLINICAL
CLEAR_MARGIN = 10.0
"""The top offer leads clearly when its score is at least this many points above the next one."""
OFFER_BANDS = ((70.0, "strong", "Strong academic path"), (40.0, "mixed", "Mixed"), (0.0, "weak", "Weak academic path"))

_src = guide_sections(GUIDE,
    ("assistant-professor", "career-ladder"),
    ("negotiating", "offer-a-vs-b"),
    ("negotiating", "when-a-wins"),
    ("negotiating", "ask-for-ap"),
    ("negotiating", "ask-for-plan"),
    ("pay-promotion-mobility", "salary"),
    ("five-to-ten-years", "three-things"),
)


def weight_rows() -> list[tuple[str, int, str]]:
    """Every group's title, maximum and rungs with their points: what the page discloses."""
    def scaled(key: str, points: float) -> list[tuple[str, float]]:
        return [(st.when, round(points * st.share, 1)) for st in io.STEPS[key]]

    def name(key: str) -> str:
        title = io.ELEMENT_TITLES[key]
        return title if title.startswith("Instructor") else _lc(title)

    instructor_path = ", ".join(f"{name(k)} up to {pts}" for k, pts in INSTRUCTOR_PATH.items())
    return [
        ("Title and promotion path", POINTS["path"], io.rungs_text([
            ("Assistant Professor on an academic line", POINTS["path"]),
            ("Assistant Professor on a pure clinical line (a courtesy title)", 0)])
         + f"; Instructor: {instructor_path} (at most {sum(INSTRUCTOR_PATH.values())}), each by the rungs of the "
           f"Instructor offer check, minus {io.PENALTY_SURGICAL_NO_PATH} for a surgical subspecialty post without "
           "written criteria"),
        ("Track", POINTS["track"], io.rungs_text([
            ("clinician-educator, research or tenure track named", POINTS["track"]),
            (f"tenure track at {TENURE_FANTASY_MIN_CLINICAL:g} clinical FTE or more without funding", 0),
            ("pure clinical line or no track named", 0)])),
        ("Clinical effort", POINTS["clinical"], io.rungs_text(scaled("clinical", POINTS["clinical"]))),
        ("Protected time", POINTS["protected"], io.rungs_text(scaled("protected", POINTS["protected"]))),
        ("Support for scholarship", POINTS["mentorship"], io.rungs_text([
            ("mentors and support staff", POINTS["mentorship"]), ("none named", 0)])),
        ("Backing from leadership", POINTS["leadership"], io.rungs_text([
            ("Assistant Professor on an academic line (the appointment says it)", POINTS["leadership"]),
            ("Instructor with written support from leadership", POINTS["leadership"]), ("otherwise", 0)])),
        ("Funding", POINTS["funding"], io.rungs_text([("start-up funds or grant support", POINTS["funding"]),
                                                      ("none", 0)])),
        ("Institution", POINTS["institution"], io.rungs_text(
            [(f"Assistant Professor, {lab}", round(POINTS["institution"] * AP_INSTITUTION_SHARE[v], 1))
             for v, lab in (("research_intensive", "research-intensive"), ("mid_tier", "mid-tier"),
                            ("community_affiliate", "community affiliate"))]
            + [("Instructor, " + when, pts) for when, pts in scaled("institution", POINTS["institution"])])),
    ]


@dataclass(frozen=True)
class Group:
    """One element of an offer as the comparison sees it."""

    key: str
    title: str
    points: float
    summary: str
    factor: Factor


@dataclass(frozen=True)
class Scored:
    """One offer, scored."""

    index: int
    label: str
    inputs: dict[str, Any]
    score: float
    groups: dict[str, Group]
    flags: list[str]

    @property
    def band(self) -> tuple[str, str]:
        return next((b, lab) for floor, b, lab in OFFER_BANDS if self.score >= floor)


def _lc(text: str) -> str:
    """Lower-case the first letter, for a phrase inside a sentence."""
    return text[:1].lower() + text[1:]


def _label(offer: dict[str, Any], n: int) -> str:
    return offer["label"] or f"Offer {n + 1}"


def _check(inputs: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    for n, offer in enumerate(inputs["offers"]):
        for err in io._check(offer):
            errors.append(replace(err, field=f"offers[{n}].{err.field}"))
        label = _label(offer, n).casefold()
        if label in seen:
            errors.append(FieldError(f"offers[{n}].label", f"repeats the name of offer {seen[label] + 1}",
                                     offer["label"], "a name no other offer uses"))
        seen.setdefault(label, n)
    return errors


def unrealistic_tenure(offer: dict[str, Any]) -> bool:
    """A tenure track on a heavy clinical load with no funding behind it."""
    return (offer["track"] == "tenure" and offer["clinical_fte"] >= TENURE_FANTASY_MIN_CLINICAL - io.EPS
            and not offer["funding"])


def academic_line(offer: dict[str, Any]) -> bool:
    """Not a pure clinical line: an Assistant Professor title here stands on a promotion ladder."""
    return offer["track"] != "pure_clinical"


def score_offer(offer: dict[str, Any], n: int) -> Scored:
    """Score one offer's long-term academic prospects (0-100)."""
    ap = offer["rank"] == "assistant_professor"
    parts = {p.key: p for p in io.score_parts(offer)}
    groups: dict[str, Group] = {}

    def group(key: str, title: str, points: float, summary: str, factor: Factor) -> None:
        groups[key] = Group(key, title, points, summary, factor)

    if ap and academic_line(offer):
        group("path", "Promotion path", POINTS["path"], "Assistant Professor, on the promotion ladder",
              Factor("Assistant Professor", "+", "The rank starts the promotion clock, with criteria the school "
                     "has written down; the path does not depend on promises.", _src("assistant-professor", "career-ladder")))
    elif ap:
        group("path", "Promotion path", 0, "Assistant Professor on a pure clinical line: a courtesy title",
              Factor("Courtesy title", "-", "On a pure clinical line the Assistant Professor title carries no academic "
                     "promotion criteria: it is a courtesy, not a ladder.", _src("tracks", "pure-clinical")))
    else:
        path = [parts[k] for k in INSTRUCTOR_PATH]
        points = sum(INSTRUCTOR_PATH[p.key] * p.share for p in path)
        if "surgical" in parts:
            path.append(parts["surgical"])
            points = max(0.0, points - io.PENALTY_SURGICAL_NO_PATH)
        worst = min(path, key=lambda p: INSTRUCTOR_PATH.get(p.key, 0) * (p.share - 1) if p.key != "surgical" else -99)
        clear = offer["written_criteria"] and io.step_index("review", offer) == 0
        summary = "Instructor: " + "; ".join(_lc(p.factor.label) for p in path)
        group("path", "Promotion path", points, summary,
              Factor("A clear 2\u20133 year path", "+", "Written criteria and a review within three years: the first "
                     "of the three things that make an Instructor offer competitive.", _src("negotiating", "when-a-wins"))
              if clear and worst.share == 1.0 else
              Factor("Instructor path", "0" if clear else "-", worst.factor.detail, worst.factor.source))

    flags = []
    if unrealistic_tenure(offer):
        flags.append("unrealistic tenure track")
        group("track", "Track", 0, "tenure track on a heavy clinical load without funding",
              Factor("Unrealistic tenure track", "-", f"Tenure track with {offer['clinical_fte']:g} clinical FTE and "
                     "no funding: the word tenure is decoration here, so it earns no track credit.",
                     _src("tracks", "tenure-fantasy")))
    elif offer["track"] in io.ACADEMIC_TRACKS:
        track = "clinician-educator" if offer["track"] == "clinician_educator" else "research-tenure"
        group("track", "Track", POINTS["track"], "named academic track",
              Factor("Named academic track", "+", "The offer names an academic track, so you know which promotion "
                     "rules apply.", _src("tracks", track)))
    else:
        p = parts["track"]
        group("track", "Track", 0, p.factor.label, p.factor)

    for key, title in (("clinical", "Clinical effort"), ("protected", "Protected time")):
        p = parts[key]
        group(key, title, POINTS[key] * p.share, p.factor.label, p.factor)

    group("mentorship", "Support for scholarship", POINTS["mentorship"] if offer["mentorship"] else 0,
          "mentors and support staff" if offer["mentorship"] else "no named mentors or support",
          Factor("Mentors and support", "+" if offer["mentorship"] else "-",
                 "Real opportunities for scholarship, such as mentors and support staff, are one of the three things "
                 "that make an Instructor offer competitive.", _src("negotiating", "when-a-wins")))

    if ap and academic_line(offer):
        group("leadership", "Backing from leadership", POINTS["leadership"], "an Assistant Professor appointment",
              Factor("Appointed as faculty", "+", "An Assistant Professor appointment says by itself that the "
                     "department sees you as faculty.", _src("assistant-professor", "career-ladder")))
    elif not ap and offer["leadership_support"]:
        group("leadership", "Backing from leadership", POINTS["leadership"], "written support from leadership",
              Factor("Written support from leadership", "+", "Leadership states in writing that you are part of the "
                     "faculty pipeline, not only clinical coverage.", _src("negotiating", "when-a-wins")))
    else:
        group("leadership", "Backing from leadership", 0, "no written backing as future faculty",
              Factor("No written backing", "-", "Without leadership saying in writing that you are future faculty, "
                     "the post reads as clinical coverage first.", _src("negotiating", "when-a-wins")))

    group("funding", "Funding", POINTS["funding"] if offer["funding"] else 0,
          "start-up or grant support" if offer["funding"] else "no funding",
          Factor("Funding", "+" if offer["funding"] else "0",
                 "Research and tenure-track posts need funding behind their expectations.",
                 _src("tracks", "research-tenure")))

    inst = offer["institution_type"]
    if ap:
        share = AP_INSTITUTION_SHARE[inst]
        inst_factor = Factor(parts["institution"].factor.label, "+" if share == 1.0 else "-",
                             "Assistant Professor is the usual entry rank for long-term faculty here." if share == 1.0 else
                             "At community affiliates the rank is rare and often tied to leadership roles.",
                             parts["institution"].factor.source)
        group("institution", "Institution", POINTS["institution"] * share, inst_factor.label, inst_factor)
    else:
        p = parts["institution"]
        group("institution", "Institution", POINTS["institution"] * p.share, p.factor.label, p.factor)

    score = max(0.0, min(100.0, sum(g.points for g in groups.values())))
    return Scored(n, _label(offer, n), offer, round(score, 1), groups, flags)


def _money(x: float | None) -> str:
    return "not given" if x is None else f"{x:,.0f}"


def _order(scored: list[Scored]) -> list[Scored]:
    """Best first: score, then salary (exact score ties only), then the order entered."""
    return sorted(scored, key=lambda o: (-o.score, -(o.inputs["salary"] if o.inputs["salary"] is not None else -1),
                                         o.index))


def compute(i: dict[str, Any]) -> Outcome:
    """Score every offer, rank them and explain the difference between the top two."""
    ranked = _order([score_offer(o, n) for n, o in enumerate(i["offers"])])
    top, second = ranked[0], ranked[1]
    margin = round(top.score - second.score, 1)
    band = "clear" if margin >= CLEAR_MARGIN else "close"
    factors: list[Factor] = []

    diffs = [(k, top.groups.get(k), second.groups.get(k)) for k in ("path", "track", "protected", "clinical",
                                                                    "leadership", "mentorship", "institution",
                                                                    "funding")]
    diffs = [(k, a, b) for k, a, b in diffs if a and b and abs(a.points - b.points) > 0.05]
    diffs.sort(key=lambda d: -abs(d[1].points - d[2].points))
    for _key, a, b in diffs:
        ahead, behind = (top, second) if a.points > b.points else (second, top)
        better = a if a.points > b.points else b
        worse = b if better is a else a
        factors.append(Factor(
            f"{a.title}: {ahead.label} ahead by {abs(a.points - b.points):.1f} points",
            "+" if ahead is top else "-",
            f"{ahead.label}: {better.summary}. {behind.label}: {worse.summary}. "
            + (better.factor.detail if better.factor.effect == "+" else worse.factor.detail),
            better.factor.source if better.factor.effect == "+" else worse.factor.source))
    if not diffs:
        factors.append(Factor(f"{top.label} and {second.label} score alike", "0",
                              "The two offers have the same academic structure on every element scored here.",
                              _src("negotiating", "offer-a-vs-b")))
    for o in ranked[2:]:
        gaps = sorted(((top.groups[k].points - o.groups[k].points, o.groups[k]) for k in top.groups
                       if k in o.groups), key=lambda g: -g[0])
        gaps = [g for g in gaps if g[0] > 0.05][:2]
        where = " and ".join(g.title.lower() for _, g in gaps) or "nothing scored here"
        factors.append(Factor(f"{o.label}: {top.score - o.score:.1f} points behind {top.label}", "0",
                              f"Mostly on {where}: {'; '.join(_lc(g.summary) for _, g in gaps) or 'see below'}.",
                              gaps[0][1].factor.source if gaps else _src("negotiating", "offer-a-vs-b")))
    for o in ranked:
        if "unrealistic tenure track" in o.flags:
            g = o.groups["track"]
            factors.append(Factor(f"{o.label}: unrealistic tenure track", "-", g.factor.detail, g.factor.source))
    salaries = [(o.label, o.inputs["salary"]) for o in ranked]
    if any(s is not None for _, s in salaries):
        tie_broken = top.score == second.score and top.inputs["salary"] != second.inputs["salary"]
        factors.append(Factor(
            "Salary broke a tie" if tie_broken else "Salary (shown, not scored)", "0",
            "; ".join(f"{lab}: {_money(s)}" for lab, s in salaries) + ". "
            + ("The academic scores were equal, so the higher salary ranks first." if tie_broken else
               "Pay depends on clinical effort and the department's model more than on title; it decides only "
               "between offers with equal scores."),
            _src("pay-promotion-mobility", "salary")))

    if band == "clear":
        headline = f"{top.label} leads clearly: {top.score:g} against {second.score:g} for {second.label}."
    elif margin > 0:
        headline = (f"{top.label} leads {second.label} by only {margin:g} points: the academic structure does not "
                    "settle the choice.")
    else:
        headline = f"{top.label} and {second.label} score the same ({top.score:g}); look beyond academic structure."
    ranking = [{"label": o.label, "score": o.score, "band": o.band[0], "band_label": o.band[1],
                "rank": o.inputs["rank"], "salary": o.inputs["salary"], "flags": o.flags} for o in ranked]
    open_questions = [_offer_steps(o) for o in ranked]
    for entry, o, questions in zip(ranking, ranked, open_questions, strict=True):
        # each offer part by part, for a side-by-side view, and what it leaves open
        entry["parts"] = [{"key": g.key, "title": g.title, "points": round(g.points, 1), "summary": g.summary}
                          for g in o.groups.values()]
        entry["questions"] = questions
    return Outcome(band, top.score, headline, factors, _next_steps(ranked, open_questions, band),
                   {"ranking": ranking, "margin": margin})


def _next_steps(ranked: list[Scored], open_questions: list[list[str]], band: str) -> list[str]:
    """What to ask, best offer first (``open_questions``: each ranked offer's own); a step that
    applies to several offers is written once, naming them all ("A and B: ...")."""
    asked: dict[str, list[str]] = {}  # step -> the offers it applies to, in ranking order
    for o, questions in zip(ranked, open_questions, strict=True):
        for step in questions:
            asked.setdefault(step, []).append(o.label)
    steps = [f"{_names(labels)}: {step}" for step, labels in asked.items()]
    if band == "close":
        steps.append("The academic scores are close: weigh place, people, salary scale by rank and what you want "
                     "your job to look like in five years.")
    if any(o.inputs["salary"] is None for o in ranked):
        steps.append("Ask each department for its salary scale by rank.")
    return steps


def _offer_steps(o: Scored) -> list[str]:
    """The questions one offer leaves open."""
    x = o.inputs
    steps = []
    if x["rank"] == "instructor" and not (x["written_criteria"] and x["review_years"] is not None
                                          and x["review_years"] <= io.GREEN_MAX_REVIEW_YEARS + io.EPS):
        steps.append("ask to start as Assistant Professor; failing that, ask for a written plan "
                     "and timeline for promotion to Assistant Professor with the benchmarks they expect.")
    if x["protected_fte"] <= io.EPS or not x["protected_in_contract"]:
        steps.append(question("protected-time").ask)
    if x["rank"] == "instructor" and x["promoted_examples"] < io.GREEN_MIN_EXAMPLES:
        steps.append(question("promotion-ratio").ask)
    if x["rank"] == "instructor" and x["years_count_toward_rank"] is None:
        steps.append(question("years-count").ask)
    if x["rank"] == "assistant_professor" and not academic_line(x):
        steps.append("ask whether the title comes with academic promotion criteria; on a pure "
                     "clinical line it is a courtesy title.")
    if "unrealistic tenure track" in o.flags:
        steps.append("ask what funding backs the tenure-track expectations; without it, ask for the "
                     "clinician-educator track instead.")
    return steps


def _names(labels: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


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
            {"offers": [OFFER_A, OFFER_B]}, _src("negotiating", "offer-a-vs-b")),
    Example("three-conditions", "Offer A with the three conditions, still 0.9 clinical with no track named",
            {"offers": [OFFER_A | THREE_CONDITIONS | {"label": "A with the three conditions"}, OFFER_B]},
            _src("five-to-ten-years", "three-things")),
    Example("a-improved", "Offer A with the three conditions, a track, protected time and named precedents",
            {"offers": [OFFER_A_IMPROVED, OFFER_B]}, _src("negotiating", "when-a-wins")),
    Example("same-terms", "The three conditions against an Assistant Professor post on the same terms",
            {"offers": [
                {"label": "Instructor with the three conditions", "rank": "instructor",
                 "institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.9,
                 "protected_fte": 0.1, "protected_in_contract": False} | THREE_CONDITIONS,
                {"label": "Assistant Professor", "rank": "assistant_professor", "institution_type": "research_intensive",
                 "track": "clinician_educator", "clinical_fte": 0.9, "protected_fte": 0.1,
                 "protected_in_contract": False},
            ]}, _src("negotiating", "when-a-wins")),
    Example("tenure-fantasy", "A tenure-track title on a 0.85 clinical load, without funding",
            {"offers": [
                {"label": "Tenure-track offer", "rank": "assistant_professor", "institution_type": "research_intensive",
                 "track": "tenure", "clinical_fte": 0.85, "protected_fte": 0.15, "protected_in_contract": False,
                 "salary": 260000},
                {"label": "Clinician-educator offer", "rank": "assistant_professor", "institution_type": "mid_tier",
                 "track": "clinician_educator", "clinical_fte": 0.8, "protected_fte": 0.2,
                 "protected_in_contract": True, "salary": 240000},
            ]}, _src("tracks", "tenure-fantasy")),
)

CALCULATOR = Calculator(
    slug="offer-comparison",
    title="Offer comparison",
    summary="Ranks two to five academic offers by their long-term academic prospects and shows what separates them.",
    version=VERSION,
    bands=("clear", "close"),
    band_labels={"clear": "Clear leader", "close": "Close call"},
    fields=FIELDS,
    compute=compute,
    checks=_check,
    examples=EXAMPLES,
    sections=(("Offer A or Offer B?", _src("negotiating", "offer-a-vs-b")),
              ("When the Instructor offer can win", _src("negotiating", "when-a-wins")),
              ("Assistant Professor: a ladder, not a label", _src("assistant-professor", "career-ladder")),
              ("Reading an Instructor offer", _src("instructor-offers", "classify")),
              ("Salary", _src("pay-promotion-mobility", "salary")),
              ("The tenure-track fantasy", _src("tracks", "tenure-fantasy"))),
    metrics=(("margin", "Lead of the top offer over the next", "points"),),
)
