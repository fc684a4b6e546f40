"""``education-readiness``: is an education-track dossier ready for Associate Professor?

Reads "The Truth About Education Tracks" (Residency Advisor, 2026-01-08): about 3-6 peer-reviewed
education products at a mid-tier school (the top of that range, with more rigor and national
reputation, at a top-tier one), at least two of them first- or senior-authored and on one theme,
and the author's chart of how committees value common education activities
(``EDUCATION_ACTIVITY_VALUE``). The chart's values are relative weights, not points that add up,
so nothing here sums them: the band follows which of the article's expectations are met and which
of the chart's items are present. Teaching volume and evaluations are a gate, necessary and never
sufficient: below the site's floor the dossier cannot be ready, and above it more hours change
nothing. Awards support a dossier; they never carry it. The rules are data (``RULES``), each with
the passage it encodes; how the items map to bands is this site's reading, not official data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .citations import guide_sections
from .contract import Calculator, Choice, Example, Factor, Field, FieldError, Outcome
from .evidence import EDUCATION_ACTIVITY_VALUE
from .rules import Rule, tracks

VERSION = "3.0"
GUIDE = "education-tracks/"


@dataclass(frozen=True)
class Tier:
    """What a school of one tier expects for Assistant -> Associate Professor on an education track."""

    label: str
    plural: str       # "mid-tier schools", for sentences
    low: int          # the article's range of peer-reviewed education products
    high: int
    needed: int       # what this calculator asks for before calling a dossier ready
    rigor: tuple[str, ...]       # publication_rigor values good enough for ready
    national: float   # share of full national presence needed for ready (0-1)


def _high_end(tier: Tier) -> bool:
    """Whether the tier asks for the upper half of the article's range."""
    return tier.needed > (tier.low + tier.high) / 2


TIERS: dict[str, Tier] = {
    "mid_tier": Tier("Mid-tier academic medical center", "mid-tier schools", 3, 6, 3, ("rigorous", "standard"), 0.5),
    # "Lean toward the higher end" of 3-6: five or more.
    "top_tier": Tier("Top-tier, research-intensive school", "top-tier schools", 3, 6, 5, ("rigorous",), 0.85),
}
LEAD_AUTHOR_MIN = 2            # "at least a couple" first- or senior-author papers
SERIES_MIN = 3                 # a coherent series is 3-5 related papers
WORKSHOP_FULL_YEARS = 3        # "several years" of national workshop faculty
TALKS_FULL, TALKS_MAX_SHARE = 6, 0.5       # invited talks alone reach at most half of national presence
ROLES_FULL, ROLES_MAX_SHARE = 2, 0.5       # so do national committee or society roles
TEACHING_FULL_HOURS = 40
"""Sustained teaching: about "dozens of lectures" over five years (this site's reading). With strong or
outstanding evaluations it is the teaching gate a ready dossier must pass; beyond it, hours stop counting."""
GOOD_EVALUATIONS = ("outstanding", "strong")
EPS = 1e-9

TIER_CHOICES = tuple(Choice(k, t.label) for k, t in TIERS.items())
RIGOR = (
    Choice("rigorous", "Rigorous: solid journals, sound methods (outcomes, validity evidence)"),
    Choice("standard", "Standard: peer-reviewed, modest methods"),
    Choice("weak", "Weak: low-impact venues, little rigor"),
)
EVALUATIONS = (
    Choice("outstanding", "Outstanding: among the best in the department"),
    Choice("strong", "Strong"),
    Choice("average", "Average or mixed"),
    Choice("weak", "Weak"),
)

FIELDS: tuple[Field, ...] = (
    Field("institution_tier", "Institution tier", "choice", default="mid_tier", choices=TIER_CHOICES,
          help="Top-tier schools expect the high end of the range, more rigor and a national reputation to match."),
    Field("education_publications", "Peer-reviewed education publications", "integer", default=0, minimum=0,
          maximum=100, step=1, unit="papers",
          help="Curriculum papers, assessment studies, MedEdPORTAL publications and similar peer-reviewed work. "
               "Posters and local curricula do not count here."),
    Field("first_or_senior_author", "Of these, first or senior author", "integer", default=0, minimum=0,
          maximum=100, step=1, unit="papers", help="May not exceed the number of publications."),
    Field("coherent_theme", "The papers form one coherent theme", "boolean", default=False,
          help="One line of work (for example, assessment of clinical reasoning) rather than scattered one-off projects."),
    Field("publication_rigor", "Rigor of the papers", "choice", default="standard", choices=RIGOR,
          help="How a committee or an outside reviewer would judge the journals and the methods."),
    Field("national_workshop_years", "National workshop faculty", "integer", default=0, minimum=0,
          maximum=40, step=1, unit="years",
          help="Years you ran or co-led workshops at national education meetings (AAMC, SGIM, APDIM, specialty societies)."),
    Field("invited_talks", "Invited education talks elsewhere", "integer", default=0, minimum=0, maximum=200,
          step=1, help="Invited talks at other institutions or at national or regional meetings."),
    Field("national_roles", "National education committee or society roles", "integer", default=0, minimum=0,
          maximum=20, step=1,
          help="Seats on education committees of national organizations, or roles in multi-institution collaboratives."),
    Field("leadership_roles", "Education leadership roles", "integer", default=0, minimum=0, maximum=20, step=1,
          help="Major local roles: course, clerkship or program director."),
    Field("teaching_hours", "Teaching over the last five years", "number", default=0, minimum=0,
          maximum=10000, step=1, unit="hours", allowed_words="0 or more hours",
          help="Lectures, small groups and other scheduled teaching."),
    Field("evaluations", "Teaching evaluations", "choice", default="strong", choices=EVALUATIONS,
          help="How learners rate your teaching, overall."),
    Field("teaching_awards", "Teaching awards", "integer", default=0, minimum=0, maximum=50, step=1,
          help="Student- or resident-voted teaching awards and similar honors."),
    Field("local_presentations", "Local posters and presentations", "integer", default=0, minimum=0, maximum=200,
          step=1, unit="items", help="Posters and talks at your own institution that were never published."),
)


def _check(i: dict[str, Any]) -> list[FieldError]:
    if i["first_or_senior_author"] > i["education_publications"]:
        n = i["education_publications"]
        return [FieldError("first_or_senior_author", "may not exceed education_publications",
                           i["first_or_senior_author"], f"a whole number from 0 to {n}",
                           f"These papers are counted among your {n} education publications, so there can be at "
                           f"most {n}.")]
    return []


_src = guide_sections(GUIDE,
    ("faq", "how-many-publications"),
    ("faq", "teaching-awards"),
    ("weighing-contributions", "activity-value"),
    ("weighing-contributions", "translation"),
    ("making-it-work", "choose-niche"),
    ("making-it-work", "roles-into-studies"),
    ("making-it-work", "national-presence"),
    ("what-tracks-dont-do", "teaching-hours"),
    ("what-tracks-dont-do", "diminishing-returns"),
    ("what-tracks-help", "non-traditional-scholarship"),
    ("what-tracks-help", "scholarship-vs-service"),
    ("what-tracks-help", "external-letters"),
    ("what-tracks-help", "currency-trap"),
    ("myths", "no-publications-needed"),
    ("myths", "evals-will-carry"),
    ("myths", "chair-support"),
    ("committees", "expectations-table"),
)


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int, noun: str, plural: str = "") -> str:
    """``_count(2, "paper")`` -> "two papers"."""
    word = _WORDS[n] if 0 <= n < len(_WORDS) else str(n)
    return f"{word} {noun if n == 1 else plural or noun + 's'}"


# ---------------------------------------------------------------------------------------------
# What the dossier is judged on. The tier's expectations come from the article's table and FAQ;
# the chart's items are read as present or absent, with their relative value shown beside them.

EXPECTATIONS: dict[str, str] = {
    "count": "the tier's number of peer-reviewed education papers",
    "lead": f"at least {LEAD_AUTHOR_MIN} of them as first or senior author",
    "theme": "one coherent theme",
    "rigor": "the rigor the tier expects",
    "national": "national presence at the tier's level",
    "teaching": f"sustained teaching ({TEACHING_FULL_HOURS}+ hours in five years) with strong or outstanding "
                "evaluations",
}


@dataclass(frozen=True)
class Item:
    """One item of the article's chart, and when this calculator counts it as present."""

    key: str
    label: str        # as the chart names it (evidence.py)
    value: float      # the chart's relative value: shown, never added
    when: str         # when it counts as present, in words (the page quotes it)


_V = dict(EDUCATION_ACTIVITY_VALUE.points)
_L = [label for label, _ in EDUCATION_ACTIVITY_VALUE.points]
ITEMS: dict[str, Item] = {it.key: it for it in (
    Item("series", _L[0], _V[_L[0]], f"{SERIES_MIN} or more peer-reviewed papers on one theme"),
    Item("national", _L[1], _V[_L[1]], "national presence at the tier's level"),
    Item("quality_paper", _L[2], _V[_L[2]], "a peer-reviewed paper of the rigor the tier expects"),
    Item("director", _L[3], _V[_L[3]], "an education leadership role"),
    Item("lectures", _L[4], _V[_L[4]], f"{TEACHING_FULL_HOURS} or more teaching hours in five years with strong or "
                                       "outstanding evaluations"),
    Item("award", _L[5], _V[_L[5]], "a teaching award"),
)}
LOCAL_ITEMS = ("director", "lectures", "award")
"""The chart's local, supporting items: together, with a paper, the dossier that split a committee."""
BORDERLINE_RULES = (
    f"{TIERS['mid_tier'].low} or more peer-reviewed papers (the low end of the article's range), even if scattered",
    "national presence at the tier's level, the chart's second most valued item",
    "all three local items of the chart (a leadership role, sustained well-rated teaching and an award): "
    "the article's dossier of 250+ lecture hours that split a committee",
)
"""Borderline: at least one peer-reviewed paper and any one of these (this site's reading)."""


def national_share(i: dict[str, Any]) -> float:
    """Share (0-1) of full national presence: several years of workshops, or talks plus society roles."""
    share = (min(i["national_workshop_years"], WORKSHOP_FULL_YEARS) / WORKSHOP_FULL_YEARS
             + TALKS_MAX_SHARE * min(i["invited_talks"], TALKS_FULL) / TALKS_FULL
             + ROLES_MAX_SHARE * min(i["national_roles"], ROLES_FULL) / ROLES_FULL)
    return min(1.0, share)


def present(i: dict[str, Any]) -> dict[str, bool]:
    """Which of the chart's items the dossier has."""
    tier = TIERS[i["institution_tier"]]
    n = i["education_publications"]
    return {
        "series": i["coherent_theme"] and n >= SERIES_MIN,
        "national": national_share(i) >= tier.national - EPS,
        "quality_paper": n >= 1 and i["publication_rigor"] in tier.rigor,
        "director": i["leadership_roles"] >= 1,
        "lectures": i["teaching_hours"] >= TEACHING_FULL_HOURS - EPS and i["evaluations"] in GOOD_EVALUATIONS,
        "award": i["teaching_awards"] >= 1,
    }


def _gaps(i: dict[str, Any]) -> dict[str, bool]:
    """Which of the article's expectations for the tier are not met (True = a gap)."""
    tier = TIERS[i["institution_tier"]]
    return {
        "count": i["education_publications"] < tier.needed,
        "lead": i["first_or_senior_author"] < LEAD_AUTHOR_MIN,
        "theme": not i["coherent_theme"] or i["education_publications"] == 0,
        "rigor": i["publication_rigor"] not in tier.rigor or i["education_publications"] == 0,
        "national": national_share(i) < tier.national - EPS,
        "teaching": not teaching_gate(i),
    }


def teaching_gate(i: dict[str, Any]) -> bool:
    """Sustained teaching with good evaluations: necessary for a ready dossier, never enough for one."""
    return i["teaching_hours"] >= TEACHING_FULL_HOURS - EPS and i["evaluations"] in GOOD_EVALUATIONS


def _band(i: dict[str, Any], gaps: dict[str, bool], have: dict[str, bool]) -> str:
    """Ready needs every expectation of the tier (the teaching gate among them); borderline a paper and
    one of ``BORDERLINE_RULES``."""
    if not any(gaps.values()):
        return "ready"
    n = i["education_publications"]
    if n >= 1 and (n >= TIERS[i["institution_tier"]].low or have["national"]
                   or all(have[k] for k in LOCAL_ITEMS)):
        return "borderline"
    return "not_yet"


def _rated(key: str) -> str:
    return f"{ITEMS[key].value:g} on the chart's relative scale"


def compute(i: dict[str, Any]) -> Outcome:
    """Check the dossier against the tier's expectations and the chart's items, and classify it."""
    tier = TIERS[i["institution_tier"]]
    n, k = i["education_publications"], i["first_or_senior_author"]
    have, gaps = present(i), _gaps(i)
    factors: list[Factor] = []

    def add(label: str, effect: str, detail: str, source: str) -> None:
        factors.append(Factor(label, effect, detail, source))

    expect = f"{tier.plural} expect about {tier.low}\u2013{tier.high}"
    if _high_end(tier):
        expect += ", toward the high end"
    if n == 0:
        add("No peer-reviewed education publications", "-",
            "An education track changes which publications count, not whether you need them.",
            _src("myths", "no-publications-needed"))
    else:
        add(f"{_count(n, 'peer-reviewed education paper').capitalize()}",
            "+" if n >= tier.needed else "0" if n >= tier.low else "-", f"{expect.capitalize()}.",
            _src("faq", "how-many-publications"))
        if k >= LEAD_AUTHOR_MIN:
            add(f"{_count(k, 'first- or senior-author paper').capitalize()}", "+",
                "At least two papers you led is what committees look for.", _src("faq", "how-many-publications"))
        else:
            add(f"Only {_count(k, 'first- or senior-author paper')}" if k else "No first- or senior-author papers", "-",
                "Committees expect you to lead at least two of the papers.", _src("faq", "how-many-publications"))
        if have["series"]:
            add("A coherent series", "+",
                f"Related papers on one theme are the most valued item in the article's chart ({_rated('series')}, "
                f"against {ITEMS['quality_paper'].value:g} for one good paper).",
                _src("weighing-contributions", "activity-value"))
        elif i["coherent_theme"]:
            add("A theme, not yet a series", "0", f"A series takes {SERIES_MIN} or more related papers.",
                _src("making-it-work", "choose-niche"))
        else:
            add("Scattered one-off papers", "-",
                "Papers without a common theme count for less than a coherent line of work.",
                _src("making-it-work", "choose-niche"))
        rigor = i["publication_rigor"]
        if rigor == "weak":
            add("Weak venues or methods", "-",
                "Low-impact, not very rigorous papers are not the scholarship committees trust.",
                _src("what-tracks-help", "non-traditional-scholarship"))
        elif rigor not in tier.rigor:
            add("Methods short of top-tier rigor", "-", "Top-tier schools expect more methodological rigor.",
                _src("faq", "how-many-publications"))
        elif not have["series"]:
            add("A high-quality paper", "+",
                f"One good paper in a solid journal ({_rated('quality_paper')}) outweighs many extra lectures "
                f"({ITEMS['lectures'].value:g}).", _src("weighing-contributions", "translation"))

    share = national_share(i)
    w, t, r = i["national_workshop_years"], i["invited_talks"], i["national_roles"]
    parts = [p for p in (_count(w, "year") + " of national workshops" if w else "",
                         _count(t, "invited talk") if t else "", _count(r, "national role") if r else "") if p]
    if share <= EPS:
        add("No national reputation", "-",
            "Committees and outside letter writers look for work that reaches beyond your own institution.",
            _src("making-it-work", "national-presence"))
    else:
        add("National presence: " + ", ".join(parts), "+" if have["national"] else "0",
            f"Several years as national workshop faculty is rated {_rated('national')}. This dossier has "
            f"{share:.0%} of that presence; this site asks for {tier.national:.0%} at {tier.plural}"
            + (" (a national reputation to match)." if tier.national > 0.5 else "."),
            _src("making-it-work", "national-presence"))

    lead_roles = i["leadership_roles"]
    if lead_roles:
        add(f"{_count(lead_roles, 'education leadership role').capitalize()}", "+",
            f"A major course or clerkship directorship is rated {_rated('director')}; a role counts for more once "
            "it is turned into a study.", _src("making-it-work", "roles-into-studies"))
    else:
        add("No education leadership role", "0",
            "Course, clerkship or program director roles are part of the education-track currency.",
            _src("making-it-work", "roles-into-studies"))

    hours, evals = i["teaching_hours"], i["evaluations"]
    if hours >= TEACHING_FULL_HOURS - EPS:
        add(f"{hours:g} teaching hours in five years", "+" if have["lectures"] else "0",
            f"Sustained teaching: dozens of lectures with strong evaluations are rated {_rated('lectures')}, supporting "
            f"evidence. Past about {TEACHING_FULL_HOURS} hours, more hours change nothing here; committees ask what "
            "came of them.", _src("what-tracks-dont-do", "diminishing-returns"))
    else:
        add(f"Only {hours:g} teaching hours in five years", "-",
            f"High teaching volume is expected on an education track, though never enough alone; below about "
            f"{TEACHING_FULL_HOURS} hours in five years (this site's floor) the dossier cannot be ready.",
            _src("committees", "expectations-table"))
    if evals == "weak":
        add("Weak teaching evaluations", "-",
            "Weak evaluations hurt an education-track dossier; strong ones only keep you promotable.",
            _src("myths", "evals-will-carry"))
    else:
        add(f"{dict((c.value, c.label) for c in EVALUATIONS)[evals].split(':')[0]} evaluations",
            "+" if evals in GOOD_EVALUATIONS else "-",
            "Good evaluations keep you promotable; on their own they do not get you promoted."
            if evals in GOOD_EVALUATIONS else
            "Average or mixed evaluations fall short of the good evaluations a ready dossier needs; good ones only "
            "keep you promotable.", _src("myths", "evals-will-carry"))

    awards = i["teaching_awards"]
    if awards:
        add(f"{_count(awards, 'teaching award').capitalize()}", "+",
            f"Supporting evidence ({_rated('award')}, the lowest in the chart): awards add credibility, never the "
            "decision.", _src("faq", "teaching-awards"))
    posters = i["local_presentations"]
    if posters:
        add(f"{_count(posters, 'local poster or talk', 'local posters or talks').capitalize()}", "0",
            "Work that stays local and unpublished is service, not scholarship; it does not count here.",
            _src("what-tracks-help", "scholarship-vs-service"))

    band = _band(i, gaps, have)
    headline = {
        "ready": "Ready to go up: the scholarship, its theme and a national presence meet what this tier expects.",
        "borderline": "Borderline: a committee could split on this dossier; close the gaps below before going up.",
        "not_yet": "Not yet: the dossier lacks the peer-reviewed, generalizable work committees promote on.",
    }[band]
    need_pubs, need_lead = _shortfall(i)
    met = sum(not g for g in gaps.values())
    return Outcome(band, None, headline, factors, _next_steps(i, band, gaps),
                   {"expectations_met": met, "publications_short": need_pubs, "lead_author_short": need_lead,
                    "items_present": [key for key, yes in have.items() if yes]})


def _shortfall(i: dict[str, Any]) -> tuple[int, int]:
    """(new papers needed, of which first/senior-author) to reach the tier's count and two led papers."""
    need_lead = max(0, LEAD_AUTHOR_MIN - i["first_or_senior_author"])
    need_pubs = max(TIERS[i["institution_tier"]].needed - i["education_publications"], need_lead)
    return need_pubs, need_lead


def _next_steps(i: dict[str, Any], band: str, gaps: dict[str, bool]) -> list[str]:
    """Concrete actions for each gap, most important first."""
    tier = TIERS[i["institution_tier"]]
    steps: list[str] = []
    where = "in your theme" if i["coherent_theme"] else "in one theme"
    need_pubs, need_lead = _shortfall(i)
    if need_pubs and need_pubs == need_lead:
        steps.append(f"Publish {_count(need_pubs, 'more first- or senior-author paper')} {where}.")
    elif need_pubs:
        led = f", {_WORDS[need_lead]} of them as first or senior author" if need_lead else ""
        steps.append(f"Publish {_count(need_pubs, 'more peer-reviewed education paper')} {where}{led} "
                     f"({tier.plural} expect about {tier.low}\u2013{tier.high}"
                     f"{', toward the high end' if _high_end(tier) else ''}).")
    if gaps["theme"]:
        steps.append("Choose one education niche you can work in for 5\u201310 years (assessment, simulation, "
                     "feedback, remediation, interprofessional teamwork) and make each new paper build on the last.")
    if gaps["rigor"] and i["education_publications"]:
        steps.append("Raise the rigor of the next papers: pre-specified outcomes, validity evidence, solid journals.")
    if gaps["national"]:
        missing = max(0, WORKSHOP_FULL_YEARS - i["national_workshop_years"])
        steps.append(f"Build a national presence: co-lead a workshop at a national education meeting each year "
                     f"({_count(missing, 'more year')} to reach several), and accept invited talks and a seat on a "
                     "national education committee.")
    if i["evaluations"] not in GOOD_EVALUATIONS:
        steps.append("Work on your evaluations first: ask a trusted colleague to observe your teaching and act on the "
                     "feedback.")
    if i["teaching_hours"] < TEACHING_FULL_HOURS - EPS:
        steps.append(f"Build a sustained teaching record ({TEACHING_FULL_HOURS} hours or more over five years is this "
                     "site's floor), in roles that feed your niche.")
    if i["leadership_roles"] == 0:
        steps.append("Take one focused education role (course or clerkship director) that feeds your niche.")
    elif band != "ready":
        steps.append("Turn your director role into a study: design an assessment or feedback tool, collect outcome "
                     "data and write it up.")
    if i["teaching_hours"] >= TEACHING_FULL_HOURS and band != "ready":
        steps.append("Stop adding teaching hours for their own sake; move that time to writing.")
    if i["local_presentations"] and band != "ready":
        steps.append("Write up your local posters as papers, or present them at a national meeting.")
    if i["teaching_awards"] and band != "ready":
        steps.append("List your awards as supporting evidence, but do not count on them to carry the dossier.")
    if band == "ready":
        steps.append("Ask your chair for a pre-review of the dossier, and line up outside letter writers who "
                     "know your national work.")
    steps.append("Ask your promotions chair for de-identified education-track dossiers that succeeded, and for "
                 "the expectations in writing (how many publications, national activities and leadership roles).")
    return steps


LECTURE_HEAVY = {
    "institution_tier": "mid_tier", "education_publications": 1, "first_or_senior_author": 1,
    "coherent_theme": False, "publication_rigor": "weak", "leadership_roles": 2, "teaching_hours": 250,
    "evaluations": "outstanding", "teaching_awards": 2, "local_presentations": 3,
}
READY = {
    "institution_tier": "mid_tier", "education_publications": 4, "first_or_senior_author": 2,
    "coherent_theme": True, "publication_rigor": "standard", "national_workshop_years": 3,
    "leadership_roles": 1, "teaching_hours": 120, "evaluations": "strong",
}
EXAMPLES = (
    Example("ready", "Four papers on one theme, national workshops and a clerkship", READY,
            _src("faq", "how-many-publications"), expected="ready"),
    Example("lecture-heavy", "250 lecture hours, two courses, top evaluations, no real scholarship", LECTURE_HEAVY,
            _src("what-tracks-dont-do", "teaching-hours"), expected="borderline"),
    Example("top-tier", "The same strong dossier at a top-tier school", READY | {"institution_tier": "top_tier"},
            _src("faq", "how-many-publications"), expected="borderline"),
    Example("good-citizen", "The helpful good citizen: many lectures, no papers, no national work", {
        "institution_tier": "mid_tier", "teaching_hours": 300, "evaluations": "strong",
        "local_presentations": 2}, _src("what-tracks-help", "currency-trap"), expected="not_yet"),
)

_EXPECT = "Research vs Education Track Expectations"
_FAQ = "FAQ (Exactly 3 Questions)"
_MYTHS = "Common Myths I Hear in Hallways (and Why They\u2019re Dangerous)"
RULES: tuple[Rule, ...] = (
    Rule("ready", "Ready needs every expectation of the tier below; hours, evaluations and awards cannot stand in "
         "for any of them.", tracks("Key takeaways", "necessary but never sufficient")),
    Rule("expect.count", f"At least {TIERS['mid_tier'].needed} peer-reviewed education papers at a mid-tier school "
         f"and {TIERS['top_tier'].needed} at a top-tier one (the article: {TIERS['mid_tier'].low}\u2013"
         f"{TIERS['mid_tier'].high}, toward the high end at top-tier places).",
         tracks(_FAQ, "lean toward the higher end"), judgment=True),
    Rule("expect.lead", f"At least {LEAD_AUTHOR_MIN} of them as first or senior author.",
         tracks(_FAQ, "a couple where you\u2019re first or senior author")),
    Rule("expect.theme", "One coherent theme rather than scattered projects.",
         tracks(_FAQ, "they clearly fit a coherent theme")),
    Rule("expect.rigor", "Papers of standard rigor or better; rigorous ones at a top-tier school.",
         tracks(_FAQ, "expect more methodological rigor")),
    Rule("expect.national", f"National presence: {TIERS['mid_tier'].national:.0%} of full presence at a mid-tier "
         f"school, {TIERS['top_tier'].national:.0%} at a top-tier one; full presence is {WORKSHOP_FULL_YEARS} years of "
         f"national workshops, or {TALKS_FULL} invited talks and {ROLES_FULL} national roles.",
         tracks(_EXPECT, "Expected but often through education venues"), judgment=True),
    Rule("gate.teaching", f"The teaching gate: {TEACHING_FULL_HOURS} or more teaching hours in five years with strong "
         "or outstanding evaluations. Below it the dossier cannot be ready, whatever the scholarship; above it more "
         "hours change nothing.", tracks(_EXPECT, "High volume expected but not sufficient alone"), judgment=True),
    Rule("evals.weak", "Weak evaluations count against the dossier.", tracks(_MYTHS, "Weak evals will hurt you.")),
    Rule("not_yet.no_papers", "Without a peer-reviewed education paper the dossier is not yet ready, whatever else "
         "it has.", tracks(_MYTHS, "You need different publications, not zero publications.")),
    Rule("borderline", "Borderline: a paper and one of: the low end of the range, national presence, or all three "
         "local items of the chart (a directorship, sustained well-rated teaching, an award).",
         tracks("They Do Not Convert Teaching Hours into Promotion Points", "still the room was split on promotion"),
         judgment=True),
    Rule("chart", "The chart's values are shown beside each item, never added up.",
         tracks("How Committees Actually Weigh Common Education \u201cContributions\u201d",
                "Teaching awards and evals are supporting evidence."), judgment=True),
)

CALCULATOR = Calculator(
    slug="education-readiness",
    title="Education-track promotion readiness",
    summary="Checks an education-track dossier against what committees expect for Assistant to Associate "
            "Professor, and turns the gaps into next steps.",
    version=VERSION,
    bands=("ready", "borderline", "not_yet"),
    band_labels={"ready": "Ready", "borderline": "Borderline", "not_yet": "Not yet"},
    fields=FIELDS,
    compute=compute,
    checks=_check,
    examples=EXAMPLES,
    sections=(("How many education publications do I need?", _src("faq", "how-many-publications")),
              ("Perceived value of common activities", _src("weighing-contributions", "activity-value")),
              ("Teaching hours are not promotion points", _src("what-tracks-dont-do", "teaching-hours")),
              ("Build national presence early", _src("making-it-work", "national-presence")),
              ("Research vs education track expectations", _src("committees", "expectations-table"))),
    metrics=(("expectations_met", "Expectations of this tier met", f"of {len(EXPECTATIONS)}"),
             ("publications_short", "More peer-reviewed education papers needed", ""),
             ("lead_author_short", "More first- or senior-author papers needed", "")),
    rules=RULES,
)


