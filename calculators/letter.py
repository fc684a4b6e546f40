"""Read an academic offer letter: the facts the Instructor offer check and the offer comparison ask for.

``read_letter(text)`` finds, in the text of a letter, the values of :data:`FIELDS` in the
calculators' own names and choices, each with the sentence it was read from, and lists the
fields the letter does not state. A wrong value is worse than a missing one: where a rule is
unsure (a hedge such as "usually", "subject to clinical needs", two different values, a vague
"after a few years"), the field stays not found and the sentence is shown as a suspect.

Standard library only (it runs in the browser's worker too). Reading works in steps, each a
module of its own:

1. **Sentences** (:mod:`.letter_text`): the text normalized (dashes, quotes, page furniture,
   numbers written in words) and cut into sentences, each with the heading above it.
2. **Effort** (:mod:`.letter_quantities`): every quantity of effort (``0.8 FTE``, ``80%``,
   ``four days a week``) read once, with the kind of time it belongs to.
3. **One rule per fact**, each named ``read_<field>``, returning a :class:`Fact`, a
   :class:`Suspect` or ``None``: :mod:`.letter_title` (rank, track), :mod:`.letter_effort`,
   :mod:`.letter_promotion`, :mod:`.letter_support` (department, mentors, funds, leadership),
   :mod:`.letter_salary`. What they share is in :mod:`.letter_facts`.

PDF files are read by :mod:`calculators.letter_pdf`, files of either kind by
:mod:`calculators.letter_file`.
"""
from __future__ import annotations

import json
import re
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from . import instructor_offer, offer_comparison
from .letter_effort import read_clinical_fte, read_protected_fte
from .letter_facts import Fact, Finding, Letter, Suspect
from .letter_protection import read_protected_in_contract
from .letter_promotion import read_review_years, read_written_criteria, read_years_count_toward_rank
from .letter_salary import read_salary
from .letter_support import read_funding, read_leadership_support, read_mentorship, read_surgical_subspecialty
from .letter_text import MAX_TEXT_CHARS, sentences
from .letter_title import RANK_TITLE, TRACKS, read_rank, read_track

__all__ = ["FIELDS", "MAX_TEXT_CHARS", "RANK_VALUES", "TRACK_VALUES", "Fact", "LetterError", "Reading", "Suspect",
           "handle", "read_letter", "sentences"]

# The fields the reader fills, in the calculators' names. Checked against the calculators'
# fields at import, so a renamed field fails loudly instead of drifting.
FIELDS: tuple[str, ...] = (
    "rank", "track", "clinical_fte", "protected_fte", "protected_in_contract", "written_criteria",
    "review_years", "years_count_toward_rank", "surgical_subspecialty", "mentorship", "funding",
    "leadership_support", "salary",
)
RANK_VALUES = frozenset(c.value for c in offer_comparison.RANKS)
TRACK_VALUES = frozenset(c.value for c in instructor_offer.TRACKS)


class LetterError(Exception):
    """A letter that cannot be read; ``code`` names the problem, the message says it in words."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Reading:
    """What the reader found in one letter."""

    found: dict[str, Fact] = field(default_factory=dict)
    suspect: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @property
    def not_found(self) -> list[str]:
        return [name for name in FIELDS if name not in self.found]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the command line prints and the worker returns."""
        out: dict[str, Any] = {
            "found": {name: {"value": fact.value, "quote": fact.quote}
                      for name, fact in sorted(self.found.items(), key=lambda kv: FIELDS.index(kv[0]))},
            "not_found": self.not_found,
            "suspect": {name: self.suspect[name] for name in FIELDS if name in self.suspect},
        }
        if self.note:
            out["note"] = self.note
        return out



RULES: dict[str, Callable[[Letter], Finding]] = {
    "rank": read_rank,
    "track": read_track,
    "clinical_fte": read_clinical_fte,
    "protected_fte": read_protected_fte,
    "protected_in_contract": read_protected_in_contract,
    "written_criteria": read_written_criteria,
    "review_years": read_review_years,
    "years_count_toward_rank": read_years_count_toward_rank,
    "surgical_subspecialty": read_surgical_subspecialty,
    "mentorship": read_mentorship,
    "funding": read_funding,
    "leadership_support": read_leadership_support,
    "salary": read_salary,
}

# Words of an academic appointment: a text with none of them and no rank is not an offer letter.
_FACULTY_WORDS = re.compile(r"\b(?:faculty|appointment|appoint(?:ed)?|offer(?:ing)?|position|department|division|"
                            r"professor|instructor|tenure|promotion|FTE|salary|physician|residency|dean|chair|"
                            r"clinical|track)\b", re.I)
_APPOINTMENT_WORDS = re.compile(r"\b(?:faculty|appointment|appoint(?:ed)?|offer(?:ing)?|position|hire|employment)\b", re.I)


def is_offer_letter(letter: Letter) -> bool:
    """A rank, or several words of an academic appointment including an offer or appointment."""
    text = " ".join(s.text for s in letter.sentences)
    words = {w.lower() for w in _FACULTY_WORDS.findall(text)}
    has_rank = bool(RANK_TITLE.search(text)) or bool(re.search(r"\bstaff\s+physician\b", text, re.I))
    return (has_rank and bool(words - {"instructor", "professor"})) or (
        len(words) >= 3 and bool(_APPOINTMENT_WORDS.search(text)))


def _consistent(found: dict[str, Fact], suspect: dict[str, str]) -> None:
    """Drop readings that contradict each other: clinical plus protected over 1.0."""
    clinical, protected = found.get("clinical_fte"), found.get("protected_fte")
    if clinical and protected and clinical.value + protected.value > 1.001:
        suspect["protected_fte"] = found.pop("protected_fte").quote
        suspect["clinical_fte"] = found.pop("clinical_fte").quote


def read_letter(text: str) -> Reading:
    """Read an offer letter's text; raise :class:`LetterError` if it is empty or not a letter."""
    if not text or not text.strip():
        raise LetterError("empty", "the letter is empty: there is no text to read")
    letter = Letter.from_text(text)
    if not is_offer_letter(letter):
        raise LetterError("not_a_letter", "this does not look like an academic offer letter: it names no faculty "
                                          "rank and has no words of a faculty appointment")
    reading = Reading()
    for name, rule in RULES.items():
        finding = rule(letter)
        if isinstance(finding, Fact):
            reading.found[name] = finding
        elif isinstance(finding, Suspect):
            reading.suspect[name] = finding.quote
    _consistent(reading.found, reading.suspect)
    if len(text) > MAX_TEXT_CHARS:
        reading.note = f"the letter is long: only its first {MAX_TEXT_CHARS:,} characters were read"
    return reading


def handle(request: str) -> str:
    """The worker's entry point: ``{"text": ...}`` in; ``{"ok": true, "reading": {...}}``,
    ``{"ok": false, "error": {"code", "message"}}`` or ``{"ok": false, "crash": ...}`` out."""
    reply: dict[str, Any]
    try:
        req = json.loads(request)
        text = req.get("text") if isinstance(req, dict) else None
        if not isinstance(text, str):
            raise LetterError("bad_request", 'expected {"text": "the letter\'s text"}')
        reply = {"ok": True, "reading": read_letter(text).as_dict()}
    except LetterError as exc:
        reply = {"ok": False, "error": exc.as_dict()}
    except Exception:  # a bug in a rule: report it, keep the worker alive
        reply = {"ok": False, "crash": traceback.format_exc(limit=3)}
    return json.dumps(reply)


def _check_against_calculators() -> None:
    """Fail at import if a calculator renamed a field or a choice this reader fills."""
    names = {f.name for f in instructor_offer.FIELDS} | {f.name for f in offer_comparison.OFFER_FIELDS}
    missing = [n for n in FIELDS if n not in names]
    values = {v for v, _ in TRACKS} - TRACK_VALUES
    if missing or values or {"instructor", "assistant_professor"} - RANK_VALUES:
        raise RuntimeError(f"calculators.letter is out of step with the calculators: fields {missing}, "
                           f"track values {sorted(values)}")


_check_against_calculators()
