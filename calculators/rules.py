"""The rules that decide verdicts, as data: each with the article passage it encodes.

Every placement, gate, figure and threshold a calculator decides by is a :class:`Rule` in its
module, declared next to the constants it states and registered on the calculator
(``Calculator.rules``). A rule says what the calculator does, in words made from those constants;
its :class:`Passage` says where in which article the rule comes from, as a quotation of fewer
than ten words or as a paraphrase; ``judgment`` marks the site's own judgments (a threshold or a
reading the articles do not give). Each calculator page shows them as its "How it decides"
table (``macros/main.py``, ``rules_table``); ``tests/test_rules.py`` checks every quotation
against the articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import ARTICLES

MAX_QUOTED_WORDS = 9
"""A quotation is shorter than ten words: longer runs are the site's own words or paraphrase."""
_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
"""A word as the project's prose checker counts them ("0.8-0.9" is four)."""


@dataclass(frozen=True)
class Passage:
    """Where a rule comes from: an article (``evidence.ARTICLES`` key), its section heading, and
    the passage, quoted (fewer than ten words) or paraphrased."""

    article: str
    section: str
    words: str
    quoted: bool = True

    def __post_init__(self) -> None:
        if self.article not in ARTICLES:
            raise ValueError(f"passage {self.words!r}: unknown article {self.article!r}")
        if self.quoted and len(_WORD.findall(self.words.lower())) > MAX_QUOTED_WORDS:
            raise ValueError(f"quotation {self.words!r}: at most {MAX_QUOTED_WORDS} words; paraphrase the rest")

    @property
    def text(self) -> str:
        """The passage as the page shows it: a quotation in quotation marks, a paraphrase plain."""
        return f"\u201c{self.words}\u201d" if self.quoted else f"{self.words} (paraphrase)"

    @property
    def where(self) -> str:
        """The article and section, in short: "Titles article, Three Things To Remember"."""
        return f"{ARTICLES[self.article].title}, \u201c{self.section}\u201d"


@dataclass(frozen=True)
class Rule:
    """One rule that decides a verdict: what the calculator does (``says``, with its numbers),
    the passage it encodes and whether it is the site's own judgment."""

    key: str
    says: str
    passage: Passage
    judgment: bool = False

    @property
    def whose(self) -> str:
        return "This site's judgment" if self.judgment else "The article's"


def titles(section: str, words: str, quoted: bool = True) -> Passage:
    """A passage of "Academic Titles and Tracks Decoded"."""
    return Passage("titles", section, words, quoted)


def tracks(section: str, words: str, quoted: bool = True) -> Passage:
    """A passage of "The Truth About Education Tracks"."""
    return Passage("tracks", section, words, quoted)
