"""``education-track-check``: is an institution's education track real or cosmetic?

Reads the four signs of a real track and the four signs of window dressing in "The Truth About
Education Tracks" (Residency Advisor, 2026-01-08), plus its advice to get the expectations in
writing (so many publications, national activities and leadership roles). Any answer may be
unknown: an unknown sign counts neither way, and the next steps say how to find it out. The
rules are data (``RULES``), each with the passage it encodes; the thresholds are this site's.
"""
from __future__ import annotations

from typing import Any

from . import negotiation as mail
from .citations import guide_sections
from .contract import Calculator, Choice, Email, Example, Factor, Field, Outcome
from .rules import Rule, tracks
from .what_would_change import unknown_slots

VERSION = "2.0"
GUIDE = "education-tracks/"

CRITERIA = (
    Choice("specific", "Specific: numbers of publications, national activities and leadership roles"),
    Choice("examples", "Describes education scholarship, with examples"),
    Choice("vague", "Vague: \u201cexcellence in teaching\u201d and little else"),
    Choice("none", "No written criteria for the track"),
)
PROTECTED = (  # "honoured" keeps its first spelling: shared links carry it, and values are permanent
    Choice("honoured", "Honored: the protected FTE shows up in the schedule"),
    Choice("evaporates", "On paper, but it disappears when clinical volume rises"),
    Choice("none", "No protected time for education"),
)

FIELDS: tuple[Field, ...] = (
    Field("written_criteria", "Written promotion criteria for the track", "choice", default=None, nullable=True,
          null_label="Not known yet", null_is_unknown=True, choices=CRITERIA,
          help="Read the promotion criteria document for the education track, if there is one."),
    Field("successful_candidates_have_research", "Recent successful candidates all had traditional research papers",
          "boolean", default=None, nullable=True, null_label="Not known yet", null_is_unknown=True,
          help="Whatever the criteria say, did everyone promoted on the track still carry a stack of research papers?"),
    Field("promoted_have_clear_lines", "Promoted educators can point to a clear line of work", "boolean",
          default=None, nullable=True, null_label="Not known yet", null_is_unknown=True,
          help="People promoted on the track describe a focused body of education work and expectations that "
               "sounded reasonable."),
    Field("promoted_look_like_researchers", "Promoted \u201ceducators\u201d look like researchers with a few talks added",
          "boolean", default=None, nullable=True, null_label="Not known yet", null_is_unknown=True,
          help="Their CVs read as research careers that fell short, with some education talks attached."),
    Field("protected_time", "Protected education time", "choice", default=None, nullable=True,
          null_label="Not known yet", null_is_unknown=True, choices=PROTECTED,
          help="What happens to protected FTE when the schedule is built and when clinical volume goes up."),
    Field("recent_role_models", "People recently promoted on the track you would want to resemble", "integer",
          default=None, nullable=True, null_label="Not known yet", null_is_unknown=True, minimum=0, maximum=100, step=1,
          representative_values=(0, 1, 2, 3), allowed_words="a whole number, 0 or more; leave empty if not known yet",
          help="Count only people promoted in the last few years whose careers look like the one you want."),
    Field("past_output_explained", "Someone can say what past successful candidates published", "boolean",
          default=None, nullable=True, null_label="Not known yet", null_is_unknown=True,
          help="Your chair or the promotions committee can say how many education publications, of what kind, "
               "recent successful candidates had."),
)

SIGN_POINTS = 6.25   # each of the eight signs moves the score this far from 50 (8 x 6.25 = 50)
CRITERIA_SIGN = {"specific": 1.0, "examples": 0.75, "vague": -0.5, "none": -1.0}
PROTECTED_SIGNS = {"honoured": 2.0, "evaporates": -2.0, "none": -2.0}  # one real and one cosmetic sign
ROLE_MODELS_NEEDED = 3
ROLE_MODEL_SIGN = (-1.0, -1 / 3, 1 / 3, 1.0)   # 0, 1, 2, 3 or more people
REAL_MIN_SIGNS = 3          # real: at least three real signs and no window dressing
COSMETIC_MIN_SIGNS = 3      # cosmetic: three window-dressing signs, or two with at most one real sign
BAND_SCORES = {"cosmetic": (0, 33), "mixed": (34, 66), "real": (67, 100)}
"""The balance of signs (0-100) is placed within its band's range, so a mixed track never outscores
a real one and every sign still shows."""

_src = guide_sections(GUIDE,
    ("real-or-cosmetic", "real-or-cosmetic"),
    ("real-or-cosmetic", "signs-real"),
    ("real-or-cosmetic", "signs-cosmetic"),
    ("real-or-cosmetic", "surviving-cosmetic"),
    ("myths", "chair-support"),
    ("what-tracks-dont-do", "protected-time"),
    ("faq", "going-early"),
)


def signs(i: dict[str, Any]) -> tuple[int, int, int]:
    """(real signs present, window-dressing signs present, signs not known) out of 4, 4 and 8."""
    crit, prot, models = i["written_criteria"], i["protected_time"], i["recent_role_models"]
    real = sum((crit in ("specific", "examples"), i["promoted_have_clear_lines"] is True, prot == "honoured",
                models is not None and models >= ROLE_MODELS_NEEDED))
    cosmetic = sum((i["successful_candidates_have_research"] is True, i["promoted_look_like_researchers"] is True,
                    i["past_output_explained"] is False, prot in ("evaporates", "none")))
    unknown = sum(v is None for v in (crit, i["promoted_have_clear_lines"], models, i["successful_candidates_have_research"],
                                      i["promoted_look_like_researchers"], i["past_output_explained"]))
    unknown += 2 * (prot is None)
    return real, cosmetic, unknown


def _yes_no(value: bool | None, good_if: bool) -> float:
    return 0.0 if value is None else (1.0 if value is good_if else -1.0)


def compute(i: dict[str, Any]) -> Outcome:
    """Weigh the signs and classify the track."""
    factors: list[Factor] = []
    total = 0.0

    def add(sign: float, label: str, effect: str, detail: str, source: str) -> None:
        nonlocal total
        total += sign
        factors.append(Factor(label, effect, detail, source))

    real_src, cos_src = _src("real-or-cosmetic", "signs-real"), _src("real-or-cosmetic", "signs-cosmetic")

    crit = i["written_criteria"]
    if crit is None:
        add(0, "Written criteria not checked", "0", "Find the promotion criteria for the track and read them.", real_src)
    elif crit == "specific":
        add(CRITERIA_SIGN[crit], "Specific written expectations", "+",
            "Criteria that put numbers on publications, national activities and leadership roles take the guesswork out.",
            _src("myths", "chair-support"))
    elif crit == "examples":
        add(CRITERIA_SIGN[crit], "Criteria describe education scholarship", "+",
            "Written criteria with examples of education scholarship are a sign of a real track.", real_src)
    else:
        add(CRITERIA_SIGN[crit], "Vague criteria" if crit == "vague" else "No written criteria", "-",
            "\u201cExcellence in teaching\u201d on paper, without saying what scholarship counts, leaves you guessing."
            if crit == "vague" else "Without written expectations, promotion on the track is a gamble.",
            cos_src if crit == "vague" else _src("myths", "chair-support"))

    v = i["successful_candidates_have_research"]
    if v is not None:
        add(_yes_no(v, False), "Successful candidates all had research papers" if v else
            "Successful candidates did not need research papers", "-" if v else "+",
            "If everyone promoted still had a traditional research record, the education criteria are decoration."
            if v else "People have been promoted on education scholarship itself.", cos_src)

    v = i["promoted_have_clear_lines"]
    if v is not None:
        add(_yes_no(v, True), "Promoted educators show clear lines of work" if v else
            "Promoted educators show no clear line of work", "+" if v else "-",
            "Focused bodies of education work, judged against reasonable expectations, mark a real track."
            if v else "A real track promotes people for a recognizable line of education work.", real_src)

    v = i["promoted_look_like_researchers"]
    if v is not None:
        add(_yes_no(v, False), "Promoted \u201ceducators\u201d look like light researchers" if v else
            "Promoted educators look like educators", "-" if v else "+",
            "The track is used to place researchers who fell short, not to reward education scholarship."
            if v else "Those promoted on the track built education careers, not research ones.", cos_src)

    prot = i["protected_time"]
    if prot is None:
        add(0, "Protected time not checked", "0",
            "Ask people on the track what happened to their protected time in a busy season.",
            _src("what-tracks-dont-do", "protected-time"))
    elif prot == "honoured":
        add(PROTECTED_SIGNS[prot], "Protected time is honored", "+",
            "The protected FTE survives the building of the schedule: one of the article's signs of a real track.",
            real_src)
    else:
        add(PROTECTED_SIGNS[prot], "Protected time evaporates" if prot == "evaporates" else "No protected time", "-",
            "Time that disappears whenever clinical volume rises was never protected; scholarship moves to evenings."
            if prot == "evaporates" else "An education track with no time carved out for scholarship is mostly a label.",
            _src("what-tracks-dont-do", "protected-time"))

    n = i["recent_role_models"]
    if n is not None:
        sign = ROLE_MODEL_SIGN[min(n, ROLE_MODELS_NEEDED)]
        who = "Nobody" if n == 0 else f"{n} {'person' if n == 1 else 'people'}"
        add(sign, f"{who} recently promoted you would want to resemble",
            "+" if n >= ROLE_MODELS_NEEDED else "0" if n else "-",
            f"Being able to name at least {ROLE_MODELS_NEEDED} such people is the simplest test of a real track.",
            real_src)

    v = i["past_output_explained"]
    if v is not None:
        add(_yes_no(v, True), "Past candidates' output is known" if v else "Nobody can say what past candidates published",
            "+" if v else "-",
            "Someone can tell you how many education publications, and of what kind, got people promoted."
            if v else "If no one knows how many or what kind of publications worked, there is no real standard.",
            real_src if v else cos_src)

    real, cosmetic, unknown = signs(i)
    balance = 50 + SIGN_POINTS * total
    if real >= REAL_MIN_SIGNS and cosmetic == 0:
        band = "real"
    elif cosmetic >= COSMETIC_MIN_SIGNS or (cosmetic >= 2 and real <= 1):
        band = "cosmetic"
    else:
        band = "mixed"
    low, high = BAND_SCORES[band]
    score = low + (high - low) * balance / 100
    headline = {
        "real": "A real track: it rewards education scholarship and gives you time to produce it.",
        "mixed": "Mixed: some signs of a real track, some of window dressing, or too little known yet.",
        "cosmetic": "Mostly cosmetic: the label says education, the practice rewards something else.",
    }[band]
    if band == "mixed" and unknown >= 4:
        headline = "Not enough known yet: check the signs listed under next steps before relying on this track."
    return Outcome(band, score, headline, factors, _next_steps(i, band),
                   {"real_signs": real, "cosmetic_signs": cosmetic, "unknown_signs": unknown})


def _next_steps(i: dict[str, Any], band: str) -> list[str]:
    """What to ask or check for each unknown sign, then what to do about the band."""
    steps: list[str] = []
    crit = i["written_criteria"]
    if crit is None:
        steps.append("Ask the promotions office for the education track's written criteria, and look for examples "
                     "of education scholarship in them.")
    elif crit != "specific":
        steps.append("Ask your chair to put the expectations in writing: how many publications, how many national "
                     "activities, which leadership roles.")
    if i["successful_candidates_have_research"] is None or i["promoted_look_like_researchers"] is None:
        steps.append("Look at the CVs of the last few people promoted on the track (or ask for de-identified "
                     "dossiers): count education scholarship against traditional research papers.")
    if i["promoted_have_clear_lines"] is None:
        steps.append("Ask two or three recently promoted educators what their line of work is and what they were "
                     "expected to show.")
    if i["protected_time"] is None:
        steps.append("Ask colleagues on the track what happened to their protected time the last time clinical "
                     "volume rose, and check that it appears in the schedule, not only in the contract.")
    if i["recent_role_models"] is None:
        steps.append(f"Try to name {ROLE_MODELS_NEEDED} people promoted on this track in the last few years whose "
                     "careers you would want.")
    if i["past_output_explained"] is None:
        steps.append("Ask the promotions chair how many education publications, and of what kind, the last "
                     "successful candidates had.")
    if band == "cosmetic":
        steps.append("The article says you can survive a cosmetic track, with twice the discipline: one niche, "
                     "scholarship from every role, and collaborators at other institutions.")
        steps.append("Weigh staying on a traditional clinical or research track until you have the leverage to "
                     "negotiate a real education role.")
    elif band == "mixed":
        if i["protected_time"] in ("evaporates", "none"):
            steps.append("Negotiate protected education time that is built into the schedule, not only promised.")
        steps.append("Treat each missing sign as something to ask about or negotiate before you rely on the track.")
    else:
        steps.append("Use it: choose a niche, and ask one of the people promoted on the track to mentor you.")
    return steps


EXAMPLES = (
    Example("real", "A real track: written criteria, honored time, people to follow", {
        "written_criteria": "examples", "successful_candidates_have_research": False,
        "promoted_have_clear_lines": True, "promoted_look_like_researchers": False, "protected_time": "honoured",
        "recent_role_models": 3, "past_output_explained": True}, _src("real-or-cosmetic", "signs-real"),
            expected="real"),
    Example("cosmetic", "Window dressing: teaching on paper, research in practice", {
        "written_criteria": "vague", "successful_candidates_have_research": True,
        "promoted_have_clear_lines": False, "promoted_look_like_researchers": True, "protected_time": "evaporates",
        "recent_role_models": 0, "past_output_explained": False}, _src("real-or-cosmetic", "signs-cosmetic"),
            expected="cosmetic"),
    Example("mixed", "Good criteria, but the time does not survive the schedule", {
        "written_criteria": "examples", "successful_candidates_have_research": None,
        "promoted_have_clear_lines": True, "promoted_look_like_researchers": False, "protected_time": "evaporates",
        "recent_role_models": 1, "past_output_explained": None}, _src("what-tracks-dont-do", "protected-time"),
            expected="mixed"),
)

TRACK_CHECK_QUESTIONS = {
    "written_criteria": "Could you send me the written promotion criteria for the education track?",
    "successful_candidates_have_research": "Could I see the CVs, or de-identified dossiers, of the last few people "
                                           "promoted on the education track?",
    "promoted_look_like_researchers": "Could I see the CVs, or de-identified dossiers, of the last few people "
                                      "promoted on the education track?",
    "promoted_have_clear_lines": "Could you put me in touch with two or three educators promoted on the track "
                                 "recently?",
    "recent_role_models": "Could you put me in touch with two or three educators promoted on the track recently?",
    "protected_time": "How does protected education time show up in the schedule, and what happened to it the "
                      "last time clinical volume rose?",
    "past_output_explained": "How many education publications, and of what kind, did the last successful "
                             "candidates have?",
}
"""The question to the chair that settles each sign left unknown."""


def email(calc: Calculator, result: dict[str, Any]) -> Email | None:
    """To the chair: the expectations in writing, with numbers (the article's ask), and at most five
    questions, one per sign still unknown, those that would change the verdict first."""
    unknown = [s.name for s in unknown_slots(calc.fields, result["inputs"])]
    if result["band"] == calc.bands[0] and not unknown:
        return None
    first = [c["field"] for c in result["what_would_change"]]
    names = list(dict.fromkeys(first + unknown))
    questions = list(dict.fromkeys(TRACK_CHECK_QUESTIONS[n] for n in names if n in TRACK_CHECK_QUESTIONS))
    questions = questions[:mail.MAX_QUESTIONS]
    body = mail.paragraphs(
        mail.GREETING,
        "I am considering the education track and would like to know what the promotions committee will look for.",
        "Could we put the expectations in writing, in a form such as: promotion on the education track usually "
        "requires __ peer-reviewed publications, __ national activities and __ leadership roles? With the numbers "
        "filled in, I can plan the next few years around them.",
        ["I would also be grateful for your help with these questions:"] + mail.bullets(questions, numbered=True)
        if questions else None,
        "A reply by email is fine; I would like to keep a written note of what we agree.",
        ["Thank you for your help.", "", "Best regards,", mail.SIGNATURE])
    return {"to": mail.RECIPIENT, "subject": "Education track: the promotion expectations in writing", "body": body}


_REAL = "How to Know if Your Institution\u2019s Education Track is Real or Cosmetic"
RULES: tuple[Rule, ...] = (
    Rule("signs", "Eight signs are read: four of a real track, four of window dressing; protected time is in both "
         "lists, so it counts once each way. An unknown sign counts neither way.",
         tracks(_REAL, "Pay attention to these telltale signs.")),
    Rule("band.real", f"Real: at least {REAL_MIN_SIGNS} real signs and no sign of window dressing.",
         tracks(_REAL, "Signs It\u2019s Real"), judgment=True),
    Rule("band.cosmetic", f"Cosmetic: at least {COSMETIC_MIN_SIGNS} signs of window dressing, or two with at most "
         "one real sign.", tracks(_REAL, "Signs It\u2019s Mostly Window Dressing"), judgment=True),
    Rule("band.mixed", "Mixed: everything in between, including a track too little is known about.",
         tracks(_REAL, "the article lists the two kinds of sign side by side", quoted=False), judgment=True),
    Rule("role_models", f"Being able to name {ROLE_MODELS_NEEDED} people recently promoted on the track whom you "
         "would want to resemble is a real sign.", tracks(_REAL, "at least three people recently promoted")),
    Rule("score", f"The score starts at 50 and each sign moves it {SIGN_POINTS:g} points; it is then placed within "
         f"the band's range ({', '.join(f'{b} {lo}-{hi}' for b, (lo, hi) in BAND_SCORES.items())}), so a mixed "
         "track never outscores a real one.", tracks(_REAL, "the article weighs the signs in words, not points",
                                                     quoted=False), judgment=True),
)

CALCULATOR = Calculator(
    slug="education-track-check",
    title="Education track: real or cosmetic?",
    summary="Weighs the signs that an institution's education track rewards educators, against the signs "
            "that it is window dressing, and says what to check next.",
    version=VERSION,
    bands=("real", "mixed", "cosmetic"),
    band_labels={"real": "Real", "mixed": "Mixed", "cosmetic": "Cosmetic"},
    fields=FIELDS,
    compute=compute,
    examples=EXAMPLES,
    sections=(("Is your education track real or cosmetic?", _src("real-or-cosmetic", "real-or-cosmetic")),
              ("Signs the track is real", _src("real-or-cosmetic", "signs-real")),
              ("Signs it is window dressing", _src("real-or-cosmetic", "signs-cosmetic")),
              ("Surviving a cosmetic track", _src("real-or-cosmetic", "surviving-cosmetic")),
              ("The track does not guarantee protected time", _src("what-tracks-dont-do", "protected-time")),
              ("\u201cMy chair will support my promotion\u201d", _src("myths", "chair-support"))),
    metrics=(("real_signs", "Signs of a real track present (of 4)", ""),
             ("cosmetic_signs", "Signs of window dressing present (of 4)", ""),
             ("unknown_signs", "Signs not checked yet (of 8)", "")),
    rules=RULES,
    email=email,
)

