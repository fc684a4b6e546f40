"""The kind of time a quantity of effort is (clinical, protected, research...), read from the
words around it in its clause.
"""
from __future__ import annotations

import re

# Staff, whose FTE is not the new faculty member's: "a 0.5 FTE research coordinator".
STAFF = re.compile(r"\b(?:coordinator|technician|tech|statistician|biostatistician|analyst|nurse|"
                   r"practitioner|manager|staff|PA|NP)s?\b|\bassistants?\b(?!\s+professor)", re.I)
STAFF_WORDS = 3
"""A staff title within this many words after a quantity makes it the staff member's."""
# The kinds of time, by the words that name them; "non-clinical" is protected time. Budget
# shorthand names them too: "cFTE" (clinical), "aFTE" (academic), "rFTE", "eFTE".
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("protected", re.compile(r"\bprotected\b|\bnon-?\s?clinical\b|\bacademic\b|\bdedicated\b|\bguaranteed\b|\baFTE\b", re.I)),
    ("staff", STAFF),
    ("total", re.compile(r"\b(?:total|overall|full-time|appointment)\b", re.I)),
    ("research", re.compile(r"\bresearch\b|\blab(?:oratory)?\b|\binvestigat\w*|\brFTE\b", re.I)),
    ("scholarship", re.compile(r"\bscholar\w*|\bprojects?\b|quality improvement|\bQI\b|\bwriting\b", re.I)),
    ("teaching", re.compile(r"\bteach\w*|\beducat\w*|\bcurricul\w*|\bdidactic\w*|\bsimulation\b|\beFTE\b", re.I)),
    ("admin", re.compile(r"\badministrat\w*|\bleadership\b|\bdirector\b", re.I)),
    ("clinical", re.compile(r"(?<!non-)(?<!non)\bclinical(?:ly)?\b|\bcFTE\b|patient[- ]care|\bclinics?\b|\binpatient\b|"
                            r"\boutpatient\b|\battending\b|\bservice\b|\bshifts?\b|\bconsult\w*|\bwards?\b|"
                            r"emergency department|\bOR\b|operating room|\bsurgical\b|\bpatients?\b|"
                            r"\bcare\b", re.I)),
)
NON_CLINICAL_KINDS = ("protected", "research", "scholarship", "teaching")
PURPOSES = ("research", "scholarship", "teaching", "admin")
"""Kinds that say what non-clinical time is for: two protected shares for different purposes add up."""
# Words that name a kind of effort as such; other kind words (a service, a clinic, shifts) name a
# place or duty, which may be one site's share of the clinical effort.
_NAMED = re.compile(r"\b(?:clinical(?:ly)?|patient[- ]care|protected|non-?\s?clinical|academic|research|teaching|"
                    r"education\w*|scholar\w*|administrative|[care]FTE)\b", re.I)
# Where the words that name a quantity's kind stop: a comma, a semicolon, "and", "plus"...
_STOP = re.compile(r"[,;()|]|\.(?:\s|$)|\s-\s|\s/\s|/|\b(?:and|plus|with|while|but|whereas|leaving)\b", re.I)
# A relative clause that says whose quantity it is: "a coordinator, who is funded at 0.5 FTE".
_RELATIVE = re.compile(r"^\s*(?:who|whom|whose|which)\b", re.I)
# A verb right after a quantity: the words after it say what is done with it ("(0.30 FTE in
# total) is a term of this appointment"), not what it is, unless nothing before names it.
_PREDICATE = re.compile(r"^\s*(?:is|are|was|were|will|shall|must|may|remains?|forms?)\b", re.I)
# The end of brackets around a quantity: "(0.5 FTE)", "(0.30 FTE in total)".
_CLOSES = re.compile(r"\s*(?:in\s+total|total|each|combined|overall)?\s*\)", re.I)
BEFORE_WORDS, AFTER_WORDS = 8, 10
"""Words read before and after a quantity for its kind, within its clause."""


def mask_parentheses(text: str, keep: tuple[int, int]) -> str:
    """Blank out parenthesized asides that do not hold the quantity at ``keep``."""
    def blank(m: re.Match[str]) -> str:
        inside = m.start() <= keep[0] and keep[1] <= m.end()
        return m.group(0) if inside else " " * len(m.group(0))
    return re.sub(r"\([^()]*\)", blank, text)


def _clause_before(text: str) -> str:
    """The words before a point, back to the nearest stop; past a relative pronoun, the clause
    it hangs on ("the research coordinator, who is funded at")."""
    stops = list(_STOP.finditer(text))
    words = text[stops[-1].end():] if stops else text
    if _RELATIVE.match(words) and len(stops) >= 1:
        earlier = text[:stops[-1].start()]
        more = list(_STOP.finditer(earlier))
        words = (earlier[more[-1].end():] if more else earlier) + " " + words
    return words


def window(text: str, start: int, end: int) -> tuple[str, str]:
    """The words just before and just after a quantity, up to the nearest stops. A quantity in
    brackets, "(0.5 FTE)", is named by the words around the brackets."""
    before, after = text[:start], text[end:]
    if before.rstrip().endswith("(") and _CLOSES.match(after):
        before, after = before.rstrip()[:-1], after.split(")", 1)[1]
    words = _clause_before(before)
    if not words.strip() and re.search(r"[^\s,;]\s*,\s*$", before):
        words = _clause_before(before.rstrip()[:-1])  # a list of "label, value": "patient care, 85%; education, 10%"
    before = words
    stop = _STOP.search(after)
    after = after[:stop.start()] if stop else after
    return " ".join(before.split()[-BEFORE_WORDS:]), " ".join(after.split()[:AFTER_WORDS])


def kind_in(words: str, last: bool) -> str | None:
    hits = [(m.start(), kind) for kind, pattern in KINDS for m in pattern.finditer(words)]
    if not hits:
        return None
    hits.sort()
    named = [kind for _, kind in hits if kind != "total"] if len({k for _, k in hits}) > 1 else []
    if named:  # "the non-clinical effort ... in total": the total of a kind is that kind
        return named[-1] if last else named[0]
    return hits[-1][1] if last else hits[0][1]


def kind_of(own: str, before: str, after: str) -> tuple[str | None, bool]:
    """The kind of time a quantity is, from its own words ("two clinic days"), else the words
    after it, else those before (before first when the words after are a predicate); and
    whether those words name the kind as effort. Staff named beside it ("a 0.5 FTE research
    coordinator") make it someone else's."""
    order = ((own, False), (before, True), (after, False)) if _PREDICATE.match(after) else \
        ((own, False), (after, False), (before, True))
    for words, last in order:
        kind = kind_in(words, last) if words else None
        if kind:
            staff = STAFF.search(" ".join(f"{own} {after}".split()[:STAFF_WORDS]))
            return ("staff" if staff else kind), bool(_NAMED.search(words))
    return None, False


def purpose_of(before: str, after: str) -> str:
    """What non-clinical time is for, when its words say: research, scholarship, teaching, admin."""
    for words, last in ((after, False), (before, True)):
        hits = sorted((m.start(), kind) for kind, pattern in KINDS if kind in PURPOSES for m in pattern.finditer(words))
        if hits:
            return hits[-1][1] if last else hits[0][1]
    return ""
