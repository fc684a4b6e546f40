"""Whether protected time is in writing: stated without softening, softened, or denied."""
from __future__ import annotations

import re

from .letter_effort import TAKE_AWAY, denies_time_away
from .letter_facts import Fact, Finding, Letter
from .letter_text import quote
from .letter_words import HEDGE, negated

# Time away from patients, named loosely: sentences that speak of protected time at all.
_PROTECTED_TALK = re.compile(r"\bprotect\w*|\bnon-?clinical\s+(?:time|effort|portion|share|component|activities|days?)|\b(?:research|academic|scholarly|dedicated)\s+(?:time|effort|days?|activit\w*)"
                             r"|\btime\s+(?:for|to)\s+(?:\w+\s+){0,2}(?:teaching|projects?|scholarship|research|writing)"
                             r"|\btime\s+built\s+in|\bset\s+aside", re.I)
# What a negation denies of protected time: "isn't formally protected", "not guaranteed".
_DENIED_PROTECTION = re.compile(r"\bprotect\w*|\bguarantee\w*|\bdedicated\b|\bin\s+writing\b|\bformal(?:ly)?\b", re.I)
# What softens protected time into none: subject to the service, as the schedule allows, may be
# reassigned, an aim or a hope ("not subject to reassignment" softens nothing).
_SOFTENED = re.compile(
    r"\bsubject\s+to\s+(?:[\w-]+\s+){0,2}(?:clinical|staffing|service|departmental|operational|coverage|needs)"
    r"|\b(?:as|when|if)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:schedule|needs|demands?|census|volume|staffing|coverage|service)\s+(?:allows?|permits?|lets?|is\s+high)"
    r"|\b(?:may|can|could|might)\s+be\s+(?:reduced|adjusted|reassigned|reallocated|changed|suspended|converted|cancel+ed)"
    r"|\baim\s+to\b|\btry\s+to\b|\bhope\s+to\b|\bdo\s+our\s+best\b|\beaten\s+up\b|\binformal(?:ly)?\b", re.I)


# Non-clinical time stated as protected or as a term of the appointment, with no figure beside it:
# "Your research effort is protected", "This day is written in your contract", "This allocation is
# a condition of your appointment" (read only in a letter that gives non-clinical time).
_STATED = re.compile(
    r"\b(?:time|effort|day|days|sessions?|hours|allocation|split)\s+(?:is|are|will\s+be|shall\s+be|remains?)\s+"
    r"(?:fully\s+|formally\s+|contractually\s+)?(?:protected|guaranteed)\b"
    r"|\b(?:day|days|time|effort|sessions?|hours|allocation|split)\s+(?:is|are|will\s+be)\s+(?:a\s+)?(?:term|condition)s?\s+of\s+"
    r"(?:your|this|the)\s+(?:appointment|contract|employment|agreement)"
    r"|\b(?:is|are)\s+written\s+(?:in|into)\s+(?:your|the|this)\s+(?:contract|appointment|agreement)"
    # a form's question answered yes: "Is the non-clinical effort protected in the appointment contract? Yes"
    r"|\b(?:time|effort|days?|sessions?|hours)\s+(?:is\s+|are\s+)?protected\s+(?:in|by|under)\s+(?:the|your|this)\s+(?:\w+\s+)?"
    r"(?:contract|agreement)", re.I)


def _softened(text: str) -> bool:
    return any(not re.search(r"(?:\bnot|n't)\s+$", text[:m.start()]) for m in _SOFTENED.finditer(text))


def read_protected_in_contract(letter: Letter) -> Finding:
    """Whether protected time is in writing: yes when the letter states protected time with no
    softening; no when it says there is none, that it is not protected or not guaranteed, or
    softens it (subject to clinical needs, as the schedule allows, may be reassigned)."""
    away = {id(e.sentence) for e in letter.efforts if e.kind != "clinical"}
    for s in letter.sentences:
        if not (_PROTECTED_TALK.search(s.text) or id(s) in away):
            continue
        if negated(s.text, _DENIED_PROTECTION, unless=TAKE_AWAY) or denies_time_away(s.text) or _softened(s.text):
            return Fact(False, quote(s))
    labelled = [e for e in letter.efforts if e.labelled_protected and e.kind != "clinical"]
    if labelled and all(e.value == 0 for e in labelled):
        return Fact(False, quote(labelled[0].sentence))  # "Academic / protected time: 0%": there is none
    if labelled:
        return Fact(True, quote(labelled[0].sentence))
    stated = next((s for s in letter.sentences if _STATED.search(s.text) and not HEDGE.search(s.text)), None)
    return Fact(True, quote(stated)) if stated and away else None
