"""Every quantity of effort in a sentence (``0.8 FTE``, ``80%``, ``four days a week``), read once,
with the kind of time it is (clinical, protected, research...) and whether the words around it
call it protected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .letter_numbers import NUMBER_WORDS, number
from .letter_text import Sentence

# One weekday of a five-day working week is 0.2 FTE: the site reads "four days a week of
# clinic" as 0.8 FTE clinical, the way the articles' FTE splits (0.8 clinical / 0.2 protected)
# count a protected day.
DAY_FTE = 0.2


@dataclass(frozen=True)
class Effort:
    value: float
    kind: str
    """clinical, protected, research, teaching, scholarship, admin."""
    labelled_protected: bool
    """The words around it call the time protected, guaranteed or dedicated."""
    sentence: Sentence
    exact: bool = True
    """Written as FTE or a percentage, not counted from days or sessions."""


# A quantity of effort: 0.8 / .75 / 1.0 (FTE), 80% / 80 percent, "four days a week",
# "eight half-day sessions" (a session is half a day: 0.1 FTE).
QUANTITY = re.compile(r"""
    (?<![\w.$,])(?P<fte>0?\.\d{1,3}|1\.0{1,3}|[01](?=\s*FTE))(?:\s*FTE\b)?(?![\w%]|\.\d|\s*(?:years?|months?|weeks?|days?|hours?|million|mg|miles?)\b)
  | (?<![\w.$,])(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)
  | \b(?P<days>one|two|three|four|five|half\s+a|\d(?:\.5)?)(?P<half>\s+and\s+a\s+half)?
      (?:\s+full)?\s+(?:(?P<dayword>[a-z]+(?:\s+[a-z]+)?)\s+)?days?\b(?P<week>\s+(?:a|per|each|every)\s+week|\s+weekly)?
  | \b(?P<halves>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:(?P<halfword>[a-z]+)\s+)?
      (?:half[- ]days?(?:\s+sessions?)?|sessions?)\b(?P<halfweek>\s+(?:a|per|each|every)\s+week|\s+weekly)?
""", re.I | re.X)
# In a table whose heading says the figures are percentages, a bare figure: "Clinical: 25".
_PERCENT_HEADING = re.compile(r"\bpercent\b|%", re.I)
_PERCENT_CELL = re.compile(r"(?<=:\s)(?P<pct>\d{1,3})(?=\s*$)")
# The kinds of time, by the words that name them; "non-clinical" is protected time.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("protected", re.compile(r"\bprotected\b|\bnon-?\s?clinical\b|\bacademic\b|\bdedicated\b|\bguaranteed\b", re.I)),
    ("staff", re.compile(r"\b(?:coordinator|technician|statistician|biostatistician|analyst|nurse|"
                         r"practitioner|manager|staff|PA|NP)s?\b|\bassistants?\b(?!\s+professor)", re.I)),
    ("total", re.compile(r"\b(?:total|overall|full-time|appointment)\b", re.I)),
    ("research", re.compile(r"\bresearch\b|\blab(?:oratory)?\b|\binvestigat\w*", re.I)),
    ("scholarship", re.compile(r"\bscholar\w*|\bprojects?\b|quality improvement|\bQI\b|\bwriting\b", re.I)),
    ("teaching", re.compile(r"\bteach\w*|\beducat\w*|\bcurricul\w*|\bdidactic\w*|\bsimulation\b", re.I)),
    ("admin", re.compile(r"\badministrat\w*|\bleadership\b|\bdirector\b", re.I)),
    ("clinical", re.compile(r"(?<!non-)(?<!non)\bclinical(?:ly)?\b|patient[- ]care|\bclinics?\b|\binpatient\b|"
                            r"\boutpatient\b|\battending\b|\bservice\b|\bshifts?\b|\bconsult\w*|\bwards?\b|"
                            r"emergency department|\bOR\b|operating room|\bsurgical\b|\bpatients?\b|"
                            r"\bcare\b", re.I)),
)
NON_CLINICAL_KINDS = ("protected", "research", "scholarship", "teaching")
# Where the words that name a quantity's kind stop: a comma, a semicolon, "and", "plus"...
_STOP = re.compile(r"[,;()]|\.(?:\s|$)|\s-\s|\s/\s|/|\b(?:and|plus|with|while|but|whereas|leaving)\b", re.I)
# Money and benefits: a percentage near these words is not effort ("10% of salary").
_MONEY_WORDS = re.compile(r"salary|bonus|incentive|contribution|match|retirement|raise|increase|pay\b|"
                          r"compensation|tax|premium|percentile|discount|\$", re.I)
_EFFORT_WORD = re.compile(r"FTE|%|\beffort\b|\btime\b", re.I)
_PROTECTED_WORD = re.compile(r"\bprotected\b|\bguaranteed\b|\bdedicated\b|\bnon-?clinical\b", re.I)


def _mask_parentheses(text: str, keep: tuple[int, int]) -> str:
    """Blank out parenthesized asides that do not hold the quantity at ``keep``."""
    def blank(m: re.Match[str]) -> str:
        inside = m.start() <= keep[0] and keep[1] <= m.end()
        return m.group(0) if inside else " " * len(m.group(0))
    return re.sub(r"\([^()]*\)", blank, text)


def _window(text: str, start: int, end: int) -> tuple[str, str]:
    """The words just before and just after a quantity, up to the nearest stop."""
    before, after = text[:start], text[end:]
    stops = list(_STOP.finditer(before))
    before = before[stops[-1].end():] if stops else before
    # Inside parentheses, "(1.0 FTE)" names what stands before the bracket.
    if before.strip() == "" and text[:start].rstrip().endswith("("):
        outer = text[:start].rstrip()[:-1]
        stops = list(_STOP.finditer(outer))
        before = outer[stops[-1].end():] if stops else outer
    stop = _STOP.search(after)
    after = after[:stop.start()] if stop else after
    return " ".join(before.split()[-8:]), " ".join(after.split()[:7])


def kind_in(words: str, last: bool) -> str | None:
    hits = [(m.start(), kind) for kind, pattern in _KINDS for m in pattern.finditer(words)]
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if last else hits[0][1]


def _quantity_value(m: re.Match[str], weekly: bool) -> float | None:
    """The quantity as FTE; days and sessions only where the text speaks of a week."""
    group = m.groupdict()
    if group.get("fte"):
        return float(group["fte"])
    if group.get("pct"):
        return float(group["pct"]) / 100
    if not (group.get("week") or group.get("halfweek") or weekly):
        return None  # "two OR days" with no week around: not a weekly split
    if group.get("halves"):
        halves = number(group["halves"])
        return halves * DAY_FTE / 2 if halves <= 10 else None
    days = NUMBER_WORDS.get(re.sub(r"\s+", " ", group["days"].lower()))
    days = float(days if days is not None else group["days"]) + (0.5 if group.get("half") else 0)
    return days * DAY_FTE if days <= 5 else None


def efforts(sentence: Sentence, previous: str = "") -> list[Effort]:
    """Every quantity of effort in a sentence, with its kind (``previous``: the sentence before,
    where "a week" may have been said)."""
    text = sentence.text
    weekly = bool(re.search(r"\bweek", previous + " " + text, re.I))
    found: list[tuple[float, str | None, bool, bool]] = []
    matches = list(QUANTITY.finditer(text))
    if not matches and _PERCENT_HEADING.search(sentence.heading):
        matches = list(_PERCENT_CELL.finditer(text))
    spoken = {kind for kind, pattern in _KINDS if pattern.search(text)} - {"staff", "total"}
    about_effort = bool(spoken or _EFFORT_WORD.search(text))
    for i, m in enumerate(matches):
        value = _quantity_value(m, weekly)
        if value is None or not 0 < value <= 1:
            continue
        # Its words lie between the quantities before and after it, within its clause.
        lo = matches[i - 1].end() if i else 0
        hi = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        lo = max(lo, text.rfind(";", lo, m.start()) + 1)
        if ";" in text[m.end():hi]:
            hi = text.index(";", m.end())
        segment, start, end = text[lo:hi], m.start() - lo, m.end() - lo
        before, after = _window(_mask_parentheses(segment, (start, end)), start, end)
        group = m.groupdict()
        if group.get("pct") and _MONEY_WORDS.search(before + " " + after):
            continue
        if group.get("fte") and not about_effort:
            continue  # a bare decimal in a sentence that is not about effort
        own = group.get("dayword") or group.get("halfword") or ""
        kind = (kind_in(own, last=False) if own else None) or kind_in(after, last=False) \
            or kind_in(before, last=True)
        labelled = bool(_PROTECTED_WORD.search(segment))
        found.append((value, kind, labelled, bool(group.get("fte") or group.get("pct"))))
    # A quantity with no words of its own takes the kind the whole sentence speaks of, if one.
    kinds = {kind for _, kind, _, _ in found if kind}
    out = []
    for value, kind, labelled, exact in found:
        if kind is None:
            free = spoken - kinds
            kind = free.pop() if len(free) == 1 else None
        if kind in ("clinical", "admin", *NON_CLINICAL_KINDS):
            out.append(Effort(value, kind, labelled or kind == "protected", sentence, exact))
    return out
