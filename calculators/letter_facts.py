"""What the rules share: a finding (:class:`Fact` or :class:`Suspect`), the :class:`Letter` they
read (its current terms' sentences and quantities of effort).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .letter_quantities import Effort, efforts, full_time
from .letter_revisions import current_terms
from .letter_text import Sentence, sentences
from .letter_words import addressee


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

@dataclass
class Letter:
    """A letter cut into sentences, with its quantities of effort read once."""

    sentences: list[Sentence]
    efforts: list[Effort]
    addressee: str = ""
    """The name the letter is addressed to ("Dear Dr. Lee" gives "Lee"), if it has a salutation."""

    @classmethod
    def from_text(cls, text: str) -> "Letter":
        sents = current_terms(sentences(text))
        previous = [""] + [s.text for s in sents[:-1]] if sents else []
        week, name = full_time(sents), addressee([s.text for s in sents])
        return cls(sents, [e for s, before in zip(sents, previous, strict=True) for e in efforts(s, before, week, name)],
                   name)

    def effort(self, pick: Callable[[Effort], bool]) -> list[Effort]:
        """The quantities ``pick`` keeps; those written as FTE or percent if there are any, since
        a count of days or sessions only approximates them; a floor or ceiling ("at least 75%")
        only when no share is stated outright."""
        chosen = [e for e in self.efforts if pick(e)]
        chosen = [e for e in chosen if not e.bound] or chosen
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
