"""The questions to ask before signing an Instructor offer.

Source: "Academic Titles and Tracks Decoded" (Residency Advisor, 2026-01-07), the section on
questions to ask before signing. The guide's checklist and the ``instructor-offer`` next steps
both read them from here.
"""
from __future__ import annotations

from dataclasses import dataclass

PAGE = "titles-and-tracks/questions/"


@dataclass(frozen=True)
class Question:
    """A question to put to the department, with why it matters."""

    id: str
    ask: str
    why: str

    @property
    def anchor(self) -> str:
        return f"q-{self.id}"

    @property
    def source(self) -> str:
        return f"{PAGE}#{self.anchor}"


QUESTIONS: tuple[Question, ...] = (
    Question(
        "official-title",
        "What exactly will my rank and track be called in the contract?",
        "Get the full wording (for example \u201cClinical Instructor of Medicine, Clinician-Educator "
        "Track\u201d); with it you can look up that school's published promotion rules.",
    ),
    Question(
        "entry-rank",
        "At what rank do full-time faculty doing this job normally start here?",
        "If most people in the same role start as Assistant Professor, ask plainly why your offer "
        "does not.",
    ),
    Question(
        "promotion-timeline",
        "How long does promotion from Instructor to Assistant Professor usually take in this "
        "department, against which criteria, and who has done it in the past five years?",
        "Names and dates are evidence; \u201cit usually happens\u201d is not.",
    ),
    Question(
        "protected-time",
        "Is my non-clinical time protected in the contract, and how is it tracked and enforced?",
        "Time that vanishes whenever the service is short of staff was never protected.",
    ),
    Question(
        "written-policy",
        "Can I read the written promotion policy for my track?",
        "Many schools post these online; a department that cannot produce one is telling you "
        "something.",
    ),
    Question(
        "years-count",
        "If I am promoted here, will my years as Instructor count as time in rank?",
        "If they do not, your probation is effectively longer than it looks.",
    ),
    Question(
        "promotion-ratio",
        "Over the last five to ten years, how many Instructors were promoted to Assistant "
        "Professor, and how many stayed Instructors?",
        "The ratio tells you more than any recruiting language.",
    ),
)


def question(qid: str) -> Question:
    """Look a question up by id."""
    for q in QUESTIONS:
        if q.id == qid:
            return q
    raise KeyError(qid)
