"""Effort: the clinical share and the protected share (whether it is in writing: :mod:`.letter_protection`)."""
from __future__ import annotations

import re

from .letter_facts import Fact, Finding, Letter, Suspect, one_value
from .letter_numbers import as_fte
from .letter_kinds import NON_CLINICAL_KINDS, kind_in
from .letter_quantities import QUANTITY, Effort
from .letter_text import Sentence, quote
from .letter_words import denied_after, negated


# "the rest for your research", "the remainder of your time is protected": a share named by
# what is left of the other.
_REMAINDER = re.compile(r"\b(?:the\s+)?(?:rest|remainder|remaining|balance)\b(?!\s+(?:of\s+the\s+)?\d)(?P<words>[^.;]{0,60})", re.I)
# Time away from patients, named: what a negation denies when a letter says there is none ("no
# protected academic time", "we do not set aside separate non-clinical time").
TIME_AWAY = re.compile(r"\b(?:protected|dedicated|research|academic|scholarly|non-?clinical|separate|built-in)\s+"
                        r"(?:[\w-]+\s+)?(?:time|effort|days?)\b|\bset\s+aside\b", re.I)
# Words that make a negation no denial of protected time: taking it away ("will not reduce your
# protected time" is a promise) or speaking of it ("we did not discuss protected time").
TAKE_AWAY = re.compile(r"\b(?:reduc|realloc|reassign|cut|eliminat|tak|encroach|erod|chang|convert|interfer|infring"
                        r"|discuss|mention|hesitat|ask|call|talk|know|forget|hear|say|said|email|worr|address|decid|finaliz)\w*", re.I)


def _remainder(letter: Letter, kinds: tuple[str, ...]) -> Sentence | None:
    for s in letter.sentences:
        for m in _REMAINDER.finditer(s.text):
            if not QUANTITY.search(m.group("words")) and kind_in(m.group("words"), last=False) in kinds:
                return s
    return None


def _whole(shares: list[Effort]) -> Effort | None:
    """Of quantities that differ, the one that is the whole: the only one named as clinical
    effort ("Clinical effort: 0.80 FTE" over a site's "consult service: 0.30"), or the sum of
    the others ("four days per week, two operating days and two clinic days")."""
    named = [e for e in shares if e.named]
    if named and len({e.value for e in named}) == 1 and len(named) < len(shares):
        return named[0]
    for e in shares:
        parts = [other.value for other in shares if other.value != e.value]
        if len(parts) >= 2 and abs(sum(parts) - e.value) < 0.011:
            return e
    return None


def read_clinical_fte(letter: Letter) -> Finding:
    """Clinical effort as FTE (0-1)."""
    shares = letter.effort(lambda e: e.kind == "clinical")
    found = one_value([Fact(as_fte(e.value), quote(e.sentence)) for e in shares])
    whole = _whole(shares) if isinstance(found, Suspect) else None
    if whole:
        return Fact(as_fte(whole.value), quote(whole.sentence))
    if found is None:
        protected = _protected_quantity(letter)
        rest = _remainder(letter, ("clinical",))
        if isinstance(protected, Fact) and rest:
            return Fact(as_fte(1 - protected.value), quote(rest))
    return found


def _protected_quantity(letter: Letter) -> Finding:
    """Protected time from the quantities that name it: protected first, else the research,
    teaching and scholarship shares (summed when they complete the clinical share to 1)."""
    clinical = {e.value for e in letter.effort(lambda e: e.kind == "clinical")}
    for pick in (lambda e: e.labelled_protected, lambda e: e.kind in NON_CLINICAL_KINDS):
        shares = letter.effort(lambda e, pick=pick: e.kind != "clinical" and pick(e))
        values = sorted({round(e.value, 3) for e in shares})
        parts = _parts(shares, clinical)
        if parts:
            return parts
        if len(values) == 1:
            return Fact(as_fte(values[0]), quote(shares[0].sentence))
        if values and len(clinical) == 1 and abs(sum(values) + next(iter(clinical)) - 1) < 0.011:
            return Fact(as_fte(sum(values)), quote(shares[0].sentence))
        whole = _whole(shares)
        if whole:
            return Fact(as_fte(whole.value), quote(whole.sentence))
        if values:
            return Suspect(quote(shares[0].sentence))
    return None


# Words of time that make two shares a schedule, not parts: "0.3 FTE in your first year, then 0.2".
_SCHEDULE = re.compile(r"\b(?:first|second|third|initial(?:ly)?|thereafter|then|after|until|increas\w*|decreas\w*"
                       r"|reduc\w*|taper\w*|year\s+\d|years?\s+\d\S*\s+(?:and|to|-|through))\b", re.I)


def _parts(shares: list[Effort], clinical: set[float]) -> Fact | None:
    """Protected shares each for a different purpose add up: "0.2 FTE protected for research" and
    "0.1 FTE protected for teaching" are 0.3 (not shares of a schedule over the years). Two equal
    shares in different sentences may be one share said twice ("20% for research", later "your
    20% for scholarship"): they add up only beside a clinical share they complete (to at most 1)."""
    parts = {(round(e.value, 3), e.purpose) for e in shares}
    purposes = [purpose for _, purpose in parts]
    if len(parts) < 2 or not all(purposes) or len(set(purposes)) < len(parts) \
            or any(_SCHEDULE.search(e.sentence.text) for e in shares):
        return None
    total = sum(value for value, _ in parts)
    equal_apart = len({v for v, _ in parts}) < len(parts) and len({id(e.sentence) for e in shares}) > 1
    if len(clinical) == 1:
        fits = total + next(iter(clinical)) <= 1.001
    else:
        fits = total <= 1 and not equal_apart
    return Fact(as_fte(total), quote(shares[0].sentence)) if fits else None


# All the non-clinical time, said to be protected or a term of the appointment: "the non-clinical
# effort in clause 3.2 is a term of this appointment", "Is the non-clinical effort protected in
# the appointment contract? Yes".
_ALL_NON_CLINICAL = re.compile(r"\b(?:the|your|all)\s+(?:of\s+(?:the|your)\s+)?non-?\s?clinical\s+(?:effort|time)\b", re.I)
_PROTECTED_OR_TERM = re.compile(r"\bprotect\w*|\bguarantee\w*|\b(?:term|condition)s?\s+of\b|\bcontract\b", re.I)


def _all_non_clinical(letter: Letter, clinical: Finding) -> Fact | None:
    """The rest of a stated clinical share, where the letter protects all non-clinical time."""
    if not isinstance(clinical, Fact) or clinical.value >= 1:
        return None
    for s in letter.sentences:
        if _ALL_NON_CLINICAL.search(s.text) and _PROTECTED_OR_TERM.search(s.text) and not negated(s.text, TIME_AWAY) \
                and not negated(s.text, _PROTECTED_OR_TERM):
            return Fact(as_fte(1 - clinical.value), quote(s))
    return None


def read_protected_fte(letter: Letter) -> Finding:
    """Protected non-clinical time as FTE (0-1): stated, the rest of a stated clinical share,
    or none when the letter says so or its clinical share is the whole job."""
    clinical = read_clinical_fte(letter)
    found = _all_non_clinical(letter, clinical) or _protected_quantity(letter)
    none = next((s for s in letter.sentences if denies_time_away(s.text)), None)
    if isinstance(found, Fact) and found.value > 0 and none:
        return Suspect(quote(none))  # none now, some later: "not in your first year; 20% in year two"
    if found is not None:
        return found
    if isinstance(clinical, Fact):
        rest = _remainder(letter, NON_CLINICAL_KINDS)
        if rest:
            return Fact(as_fte(1 - clinical.value), quote(rest))
        if clinical.value == 1:
            return Fact(0.0, clinical.quote)
    return Fact(0.0, quote(none)) if none else None


def denies_time_away(text: str) -> bool:
    """Whether a sentence says there is no protected time: "no protected academic time", "Protected
    time is not part of this offer" (not "will not reduce your protected time")."""
    return bool(negated(text, TIME_AWAY, unless=TAKE_AWAY) or denied_after(text, TIME_AWAY))
