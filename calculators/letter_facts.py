"""What the rules share: a finding (:class:`Fact` or :class:`Suspect`), the :class:`Letter` they
read (its sentences and quantities of effort), and the words that soften a promise.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .letter_quantities import Effort, efforts, week_hours
from .letter_text import Sentence, sentences


@dataclass(frozen=True)
class Fact:
    """A value read from the letter, with the sentence it was read from."""

    value: Any
    quote: str


@dataclass(frozen=True)
class Suspect:
    """No value: the sentence that seems to speak of the field, for the reader to check."""

    quote: str


Finding = Fact | Suspect | None

# Softening words: a sentence with one of them promises nothing ("usually", "we will aim to").
HEDGE = re.compile(r"\b(?:may|might|could|typically|usually|generally|often|normally|hope|hopefully|"
                   r"aim to|try to|tries to|expect to discuss|to be determined|tbd|"
                   r"if (?:possible|feasible|available)|when (?:possible|feasible))\b", re.I)

# A negation: "no", "not", "never", "without", "nothing", a contraction ("doesn't", "isn't"); not
# a bound ("no later than", "no less than 60%") or "not only".
NEGATION = re.compile(r"\b(?:no|not)\s+(?:later|earlier|sooner|less|more|fewer|longer)\s+than\b|\bnot\s+only\b"
                      r"|(?P<neg>\b(?:no|not|never|without|none|nothing|cannot|neither|nor)\b|n't\b)", re.I)
# Where a negation's reach ends: the end of its clause ("We do not provide start-up funds, but...").
_CLAUSE_END = re.compile(r"[,;:.!?()]|\s-\s|\b(?:but|however|although|though|yet|instead|whereas|while|except|unless)\b", re.I)
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


# A letter that replaces an earlier one, and the sentences that tell the earlier terms: in a
# revised offer, the revised terms win ("In our letter of February 2, we offered you ...").
_REVISED = re.compile(r"\brevised\s+(?:offer|letter|terms)|\bsupersedes?\b|\breplaces?\s+(?:our|the|my)\s+(?:\w+\s+){0,3}(?:letter|offer)"
                      r"|\bamended\s+(?:offer|letter)", re.I)
_EARLIER_TERMS = re.compile(r"\b(?:our|the|my|your)\s+(?:earlier|previous|prior|original|initial|first|former)\s+(?:letter|offer)"
                            r"|\b(?:letter|offer)\s+(?:of|dated)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d)"
                            r"|\bwe\s+(?:had\s+)?(?:originally\s+|previously\s+|initially\s+|first\s+)?offered\b"
                            r"|\bsupersedes?\b", re.I)
# Words that mark a sentence's terms as the new ones: "we are pleased instead to offer you".
_NEW_TERMS = re.compile(r"\b(?:instead|now|revised|new|henceforth)\b", re.I)


def current_terms(sents: list[Sentence]) -> list[Sentence]:
    """The sentences that hold the letter's terms: in a revised offer, not those that tell the
    terms of the letter it replaces."""
    if not any(_REVISED.search(s.text) for s in sents):
        return sents
    return [s for s in sents if not _EARLIER_TERMS.search(s.text) or _NEW_TERMS.search(s.text)]


@dataclass
class Letter:
    """A letter cut into sentences, with its quantities of effort read once."""

    sentences: list[Sentence]
    efforts: list[Effort]

    @classmethod
    def from_text(cls, text: str) -> "Letter":
        sents = current_terms(sentences(text))
        previous = [""] + [s.text for s in sents[:-1]] if sents else []
        hours = week_hours(sents)
        return cls(sents, [e for s, before in zip(sents, previous, strict=True) for e in efforts(s, before, hours)])

    def effort(self, pick: Callable[[Effort], bool]) -> list[Effort]:
        """The quantities ``pick`` keeps; those written as FTE or percent if there are any, since
        a count of days or sessions only approximates them."""
        chosen = [e for e in self.efforts if pick(e)]
        exact = [e for e in chosen if e.exact]
        return exact or chosen

    def matching(self, pattern: re.Pattern[str]) -> Iterable[Sentence]:
        return (s for s in self.sentences if pattern.search(s.text))


def one_value(facts: list[Fact]) -> Finding:
    """The value if every fact agrees, a suspect if they differ, nothing if there are none."""
    if not facts:
        return None
    values = {json.dumps(f.value) for f in facts}
    return facts[0] if len(values) == 1 else Suspect(facts[1].quote)
