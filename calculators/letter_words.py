"""Words the rules share: hedges that soften a promise, negation and its reach, and other people
(whose effort or track a sentence may state instead of the new faculty member's)."""
from __future__ import annotations

import re

# Softening words: a sentence with one of them promises nothing ("usually", "we will aim to").
HEDGE = re.compile(r"\b(?:may|might|could|typically|usually|generally|often|normally|hope|hopefully|"
                   r"aim to|try to|tries to|expect to discuss|to be determined|tbd|"
                   r"if (?:possible|feasible|available)|when (?:possible|feasible))\b", re.I)

# A negation: "no", "not", "never", "without", "nothing", "unable", a contraction ("doesn't"); not
# a bound ("no later than", "no less than 60%") or "not only".
NEGATION = re.compile(r"\b(?:no|not)\s+(?:later|earlier|sooner|less|more|fewer|longer)\s+than\b|\bnot\s+only\b"
                      r"|(?P<neg>\b(?:no|not|never|without|none|nothing|cannot|unable|neither|nor)\b|n't\b)", re.I)
# Where a negation's reach ends: the end of its clause ("We do not provide start-up funds, but...").
_CLAUSE_END = re.compile(r"[,;:.!?()]|\s-\s|\b(?:but|however|although|though|instead|whereas|while|except|unless)\b", re.I)
NEGATION_REACH = 80
"""Characters after a negation that it may govern, within its clause."""


def negated(text: str, pattern: re.Pattern[str], unless: re.Pattern[str] | None = None) -> re.Match[str] | None:
    """The first match of ``pattern`` that a negation governs: after it in the same clause
    ("our department doesn't have a formal written standard", "with no protected academic time"),
    with no word of ``unless`` between them ("will not reduce your protected time")."""
    for neg in NEGATION.finditer(text):
        if not neg.group("neg"):
            continue
        scope = text[neg.end():neg.end() + NEGATION_REACH]
        end = _CLAUSE_END.search(scope)
        m = pattern.search(scope[:end.start()] if end else scope)
        if m and not (unless and unless.search(scope[:m.start()])):
            return m
    return None


# A thing said not to be given, after it is named: "A start-up package is not included", "a mentor
# will not be assigned", "Written criteria are not available".
_NOT_GIVEN = re.compile(r"[^,;:.!?()]{0,40}?\b(?:is|are|was|were|will|would|can|could|shall)?\s*(?:not|n't)\s+(?:be\s+)?"
                        r"(?:included|provided|available|offered|attached|given|granted|budgeted|allocated|assigned|part\s+of)\b",
                        re.I)


def denied_after(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``pattern`` that the words after it, in its clause, say is not given."""
    return next((m for m in pattern.finditer(text) if _NOT_GIVEN.match(text, m.end())), None)


# The new faculty member, as a letter addresses them ("your predecessor" is someone else).
_YOU = re.compile(r"\b(?:you|yours|yourself)\b|\byour\b(?!\s+(?:predecessor|colleagues?|mentors?|chief|chair|partners?|"
                  r"residents?|fellows?|students?|supervisor|team|group))", re.I)
# Other people a sentence may be about: a named colleague, a pronoun, "most of our faculty",
# residents, a predecessor.
_OTHERS = re.compile(r"\b(?:Dr|Mr|Ms|Mrs|Mx)\.?\s+[A-Z][\w'-]+"
                     r"|\b(?i:he|she|his|her|hers|they|their|them|most|many|several|colleagues?|residents?|fellows?|"
                     r"students?|trainees?|learners|predecessor|hospitalists|partners|physicians|faculty\s+members|"
                     r"everyone|anyone)\b")
# The addressee's name in a salutation: "Dear Dr. Castellano:", "Dear Priya,".
_SALUTATION = re.compile(r"\bDear\s+(?:(?:Dr|Mr|Ms|Mrs|Mx|Prof)\.?\s+|Professor\s+)?(?:[A-Z][\w'-]+\s+)*(?P<name>[A-Z][\w'-]+)\s*[,:]")


def addressee(texts: list[str]) -> str:
    """The surname (or first name) the letter is addressed to, if it has a salutation."""
    for text in texts:
        m = _SALUTATION.search(text)
        if m:
            return m.group("name")
    return ""


def addresses_you(text: str, name: str = "") -> bool:
    """Whether a clause speaks of the new faculty member: "you", "your", or the addressee's name."""
    return bool(_YOU.search(text) or (name and re.search(rf"\b{re.escape(name)}\b", text)))


def about_someone_else(text: str, name: str = "") -> bool:
    """Whether a clause speaks of other people and not of the new faculty member (by "you" or by
    the name the letter is addressed to): "Dr. Smith works at 0.6 FTE clinical", "most of our
    faculty are 0.9 clinical"."""
    if addresses_you(text, name):
        return False
    return bool(_OTHERS.search(text))
