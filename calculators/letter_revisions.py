"""The letter's current terms: a revised offer without the earlier letter's terms it tells, and an
amended offer without the paragraphs and sentences its amendment replaces or deletes.
"""
from __future__ import annotations

import re

from .letter_numbers import ORDINALS
from .letter_text import Sentence

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

# An amendment of a numbered paragraph, or of one sentence of it: "Paragraph 4 is amended to
# read", "Section 3.2 is deleted and replaced with", "The second sentence of Paragraph 6 is
# deleted", "Clause 4 (Effort) shall be replaced by the following".
_AMENDS = re.compile(r"""
    \b(?:the\s+(?P<nth>first|second|third|fourth|fifth|sixth|last|\d(?:st|nd|rd|th))\s+sentence\s+of\s+)?
    (?:paragraph|section|clause|article|item|term)\s+(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}|[a-h])\b
    (?:\s*\([^()]{0,40}\))?\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?
    (?:amended|deleted|replaced|revised|struck|superseded|rescinded|withdrawn|modified|restated)
""", re.I | re.X)


def _revised_terms(sents: list[Sentence]) -> list[Sentence]:
    if not any(_REVISED.search(s.text) for s in sents):
        return sents
    return [s for s in sents if not _EARLIER_TERMS.search(s.text) or _NEW_TERMS.search(s.text)]


def _in_clause(sentence: Sentence, number: str) -> bool:
    """Whether a sentence stands in the numbered clause (or a sub-clause: 4.1 is in 4)."""
    return sentence.clause.lower() == number.lower() or sentence.clause.startswith(number + ".")


MAX_AMENDMENTS = 20
"""Amendments read in one letter (a real amended offer makes a few): bounds the work on a text
that repeats "Paragraph 4 is amended" without end."""


def _amended_terms(sents: list[Sentence]) -> list[Sentence]:
    """The sentences less those an amendment later in the letter replaces or deletes."""
    dropped: set[int] = set()
    amendments = [(j, m) for j, s in enumerate(sents) for m in _AMENDS.finditer(s.text)][:MAX_AMENDMENTS]
    for j, m in amendments:
        number = m.group("number")
        earlier = [i for i in range(j) if _in_clause(sents[i], number) and i not in dropped]
        nth = (m.group("nth") or "").lower()
        if nth == "last":
            earlier = earlier[-1:]
        elif nth:
            n = int(ORDINALS.get(nth) or re.sub(r"\D", "", nth))
            earlier = earlier[n - 1:n]
        dropped.update(earlier)
    return [s for i, s in enumerate(sents) if i not in dropped]


def current_terms(sents: list[Sentence]) -> list[Sentence]:
    """The sentences that hold the letter's terms: in a revised offer, not those that tell the
    terms of the letter it replaces; in an amended one, not those its amendment replaces."""
    return _amended_terms(_revised_terms(sents))
