"""The letter's current terms: a revised offer without the earlier letter's terms it tells, an
amended offer without the paragraphs and sentences its amendment replaces or deletes, and a
reply without the figures it changes ("protected time goes from 10% to 20%").
"""
from __future__ import annotations

import re
from dataclasses import replace

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
# read", "Section 3.2 of the offer letter dated March 10 is hereby replaced", "The second sentence
# of Paragraph 6 is deleted", "Clause 4 (Effort) shall be replaced by the following", "We amend
# paragraph 4 to read"; or of a paragraph by its heading: "The paragraph headed "Effort" is
# replaced", "The Effort section is amended to read".
_NTH = r"(?:the\s+(?P<nth>first|second|third|fourth|fifth|sixth|last|\d(?:st|nd|rd|th))\s+sentence\s+of\s+)?"
_PART = r"(?:paragraph|section|clause|article|item|term)"
_CHANGE_VERB = r"(?:amended|deleted|replaced|revised|struck|superseded|rescinded|withdrawn|modified|restated)"
_AMENDS = re.compile(rf"""
    \b{_NTH}{_PART}\s+(?P<number>\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}|[a-h])\b
        (?:\s*\([^()]{{0,40}}\))?(?:\s+of\s+[^.;:"]{{1,60}}?)?\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?{_CHANGE_VERB}
  | \b(?:amend|replace|delete|revise|strike|restate)s?\s+{_NTH.replace("nth", "nth2")}{_PART}\s+(?P<number2>\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}|[a-h])\b
  | \bthe\s+(?:{_PART}\s+(?:headed|titled|entitled)\s+)?["']?(?P<heading>(?-i:[A-Z])[\w&/ -]{{1,40}}?)["']?(?:\s+{_PART})?
        \s+(?:is|shall\s+be|will\s+be)\s+(?:hereby\s+)?{_CHANGE_VERB}
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
        number, heading = m.group("number") or m.group("number2"), (m.group("heading") or "").lower()
        if number:
            earlier = [i for i in range(j) if _in_clause(sents[i], number) and i not in dropped
                       and sents[i].original.rstrip(".") != sents[i].heading]  # not the clause's run-in heading
        elif heading and heading not in ("offer", "letter", "offer letter", "agreement"):
            earlier = [i for i in range(j) if sents[i].heading.lower() == heading and i not in dropped]
        else:
            continue
        nth = (m.group("nth") or m.group("nth2") or "").lower()
        if nth == "last":
            earlier = earlier[-1:]
        elif nth:
            n = int(ORDINALS.get(nth) or re.sub(r"\D", "", nth))
            earlier = earlier[n - 1:n]
        dropped.update(earlier)
    return [s for i, s in enumerate(sents) if i not in dropped]


# A figure of the terms: an amount of money or a share of effort ("$243,000", "$228K", "10%", "0.2 FTE").
_FIGURE = r"(?:\$\s?\d[\d,]*(?:\.\d+)?\s?[kK]?\b|\d+(?:\.\d+)?\s?(?:%|percent\b)|0?\.\d{1,3}(?:\s?FTE\b)?)"
# A term changed from one figure to another, as a reply or a revised offer says it: "protected time
# goes from 10% to 20%", "base salary is now $251,000 (up from $243,000)", "0.3 FTE instead of 0.2".
_CHANGED = re.compile(rf"""
    \b(?:goes|go|going|went|chang\w*|increas\w*|rais\w*|rises|rose|reduc\w*|decreas\w*|mov\w*|bump\w*|revis\w*|adjust\w*
        |lower\w*|cut)\s+(?:\w+\s+){{0,2}}?from\s+(?P<old>{_FIGURE})\s+to\s+(?P<new>{_FIGURE})
  | (?P<new2>{_FIGURE})\s*\(?\s*(?:up|down|increased|reduced|raised|lowered)\s+from\s+(?P<old2>{_FIGURE})
  | (?P<new3>{_FIGURE})\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+|our\s+)?(?P<old3>{_FIGURE})
""", re.I | re.X)
# A change that comes later, on a schedule, is no revision: "will increase from $200,000 to
# $210,000 after promotion", "rising from 10% to 20% in your second year".
_LATER = re.compile(r"\b(?:after|upon|once|when|each\s+year|annually|thereafter|then|in\s+(?:year|your)\s+\w+"
                    r"|(?:beginning|starting)\s+(?:in|on|with))\b", re.I)
MAX_CHANGES = 20
"""Changed figures read in one letter: bounds the work on a text that repeats them without end."""


def _figure(text: str) -> tuple[str, float]:
    """A figure as a comparable key: ("money", dollars) or ("share", a share of 1)."""
    number = float(re.sub(r"[^\d.]", "", text) or 0)
    if "$" in text:
        return "money", number * (1000 if text.rstrip()[-1:] in "kK" else 1)
    return "share", number / 100 if ("%" in text or "percent" in text.lower()) else number


def _changed_terms(sents: list[Sentence]) -> list[Sentence]:
    """The sentences without the figures a revision replaced: a sentence telling an old figure
    is not read, and a change's own old figure ("from 10% to 20%") is blanked."""
    changes = [(i, m) for i, s in enumerate(sents) if not _LATER.search(s.text)
               for m in _CHANGED.finditer(s.text)][:MAX_CHANGES]
    if not changes:
        return sents
    old = {_figure(m.group("old") or m.group("old2") or m.group("old3")) for _, m in changes}
    out = list(sents)
    for i, m in changes:
        spans = [m.span(g) for g in ("old", "old2", "old3") if m.group(g)]
        text = out[i].text
        for start, end in spans:
            text = text[:start] + " " * (end - start) + text[end:]
        out[i] = replace(out[i], text=text)
    changed = {i for i, _ in changes}
    return [s for i, s in enumerate(out) if i in changed
            or not any(_figure(f.group(0)) in old for f in re.finditer(_FIGURE, s.text))]


def current_terms(sents: list[Sentence]) -> list[Sentence]:
    """The sentences that hold the letter's terms: in a revised offer, not those that tell the
    terms of the letter it replaces; in an amended one, not those its amendment replaces; not
    the figures a revision changed."""
    return _changed_terms(_amended_terms(_revised_terms(sents)))
