"""The pieces of the emails a reader can send as they are: placeholders, the offer's terms in
neutral words, the titles article's two asks and the questions worth asking.

An email holds only the reader's own facts and the articles' asks: never the site's estimates
(a chance, a score, a band or flag), its classification of the institution, the reader's labels
for an offer, quotation marks around the department's words, or goals the reader did not enter.
At most :data:`MAX_QUESTIONS` questions, from the titles article's list (``questions.py``),
chosen by what the offer leaves open. Each calculator that writes an email registers its
builder on itself (``Calculator.email``) and builds it from these pieces; this module imports
only the question list.
"""
from __future__ import annotations

from typing import Any, Sequence

from .questions import QUESTIONS, question

Email = dict[str, str]
RECIPIENT = "[recipient]"
GREETING = "Dear [name],"
SIGNATURE = "[Your name]"
MAX_QUESTIONS = 5
IN_WRITING = "Answers by email are fine: I would simply like us both to keep the same record of what we agree."
CLOSING = ["Thank you again for the offer; I look forward to hearing from you.", "", "Best regards,", SIGNATURE]

TRACK_NAMES = {"clinician_educator": "the clinician-educator track", "research": "a research track",
               "tenure": "a tenure track", "pure_clinical": "a clinical (staff) line",
               "unspecified": "no track named in the offer"}
"""The track as the reader's fact, in neutral words."""
FITTING_TRACK = {"research": "the research track", "tenure": "the tenure track"}
"""The track to ask for with Assistant Professor: the offer's own academic track; otherwise the
clinician-educator track of the article's suggested wording."""


def paragraphs(*parts: str | list[str] | None) -> str:
    """Paragraphs (a list is one paragraph of lines), blank lines between, empty parts left out."""
    return "\n\n".join(p if isinstance(p, str) else "\n".join(p) for p in parts if p)


def bullets(lines: list[str], numbered: bool = False) -> list[str]:
    return [f"{n + 1}. {x}" if numbered else f"- {x}" for n, x in enumerate(lines)]


def pick_questions(open_ids: Sequence[str], first: Sequence[str] = ()) -> list[str]:
    """The article's questions for ``open_ids`` (what the offer leaves open), those in ``first``
    (the answers that would change the verdict) first, then in the article's order; at most
    :data:`MAX_QUESTIONS`."""
    chosen = set(open_ids)
    order = [i for i in first if i in chosen] + [q.id for q in QUESTIONS if q.id in chosen]
    return [question(i).ask for i in list(dict.fromkeys(order))[:MAX_QUESTIONS]]


def fitting_track(offer: dict[str, Any], realistic: bool = True) -> str:
    """The track to ask for along with the Assistant Professor rank: the offer's own academic track
    if ``realistic`` (the caller's rules say whether a tenure track can live with the load), else
    the clinician-educator track."""
    return FITTING_TRACK.get(offer["track"], "the clinician-educator track") if realistic else \
        "the clinician-educator track"


def offer_terms(offer: dict[str, Any], rank: str) -> list[str]:
    """The offer's terms the reader entered, in neutral words (nothing the site made of them)."""
    p = offer["protected_fte"]
    terms = [f"Rank: {rank}", f"Track: {TRACK_NAMES[offer['track']]}", f"Clinical effort: {offer['clinical_fte']:g} FTE",
             "Protected non-clinical time: " + ("none stated" if p <= 0 else f"{p:g} FTE, "
                                                 + ("written into the contract" if offer["protected_in_contract"]
                                                    else "not written into the contract"))]
    if "funding" in offer and offer["track"] in ("research", "tenure"):
        terms.append("Start-up funds or grant support: " + ("offered" if offer["funding"] else "none stated"))
    if rank != "Instructor":
        return terms
    terms.append("Written criteria for promotion to Assistant Professor: "
                 + ("provided" if offer["written_criteria"] else "none provided so far"))
    r = offer["review_years"]
    terms.append("Review for promotion to Assistant Professor: "
                 + ("no date given so far" if r is None else f"after {r:g} years"))
    counted = offer["years_count_toward_rank"]
    if counted is not None:
        terms.append("Instructor years toward time in rank: " + ("they would count" if counted else
                                                                  "they would not count"))
    return terms


def instructor_letter(offer: dict[str, Any], questions: list[str], track: str) -> Email:
    """To the department behind an Instructor offer: its terms, the article's two asks (start as
    Assistant Professor on the fitting track; otherwise a written plan with benchmarks and a
    review date in the offer letter), then the questions. ``track``: the track to ask for
    (:func:`fitting_track`)."""
    has_plan = offer["written_criteria"] and offer["review_years"] is not None
    plan = ("If that is not possible, could the written criteria and the review date we discussed be part of the "
            "offer letter, together with the benchmarks you would expect me to reach?" if has_plan else
            "If that is not possible, could we agree on a written plan for my promotion from Instructor to Assistant "
            "Professor, with the benchmarks you would expect me to reach and a date for the review, and make it "
            "part of the offer letter?")
    body = paragraphs(
        GREETING,
        "Thank you for the offer of an Instructor position. Before I sign, I would like to confirm the terms as I "
        "understand them and to settle two things: the rank I start at, and the path to promotion.",
        ["The offer as I understand it:"] + bullets(offer_terms(offer, "Instructor")),
        f"First, could I start as Assistant Professor on {track}? I would be glad to go through my CV "
        "with you against the standard the department usually applies for that rank.",
        plan,
        ["I would also be grateful for answers to these questions:"] + bullets(questions, numbered=True)
        if questions else None,
        IN_WRITING,
        CLOSING)
    return {"to": RECIPIENT, "subject": "Instructor offer: starting rank and a written promotion plan", "body": body}


def assistant_professor_letter(offer: dict[str, Any], questions: list[str]) -> Email:
    """To the department behind an Assistant Professor offer with questions left open."""
    body = paragraphs(
        GREETING,
        "Thank you for the offer of an Assistant Professor position. Before I decide, I would like to confirm the "
        "terms as I understand them and to ask a few questions.",
        ["The offer as I understand it:"] + bullets(offer_terms(offer, "Assistant Professor")),
        ["I would be grateful for answers to these questions:"] + bullets(questions, numbered=True),
        IN_WRITING,
        CLOSING)
    return {"to": RECIPIENT, "subject": "Assistant Professor offer: a few questions before I decide", "body": body}
