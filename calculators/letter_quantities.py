"""Every quantity of effort in a sentence (``0.8 FTE``, ``80%``, ``four days a week``), read once,
with the kind of time it is (clinical, protected, research...) and whether the words around it
call it protected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .letter_kinds import KINDS, NON_CLINICAL_KINDS, kind_of, mask_parentheses, purpose_of, window
from .letter_numbers import NUMBER, NUMBER_WORDS, number
from .letter_text import Sentence
from .letter_words import about_someone_else, addresses_you

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
    """Written as FTE, a percentage or hours of a stated full-time week, not counted from days or sessions."""
    named: bool = True
    """Its kind is named as effort ("clinical", "research"), not guessed from a place or duty
    ("consult service", "clinic"): a site's share of the clinical effort is not named."""
    bound: bool = False
    """A floor or a ceiling ("at least 75%", "up to 0.3 FTE", "beyond the 20%"), not the share itself."""
    purpose: str = ""
    """What non-clinical time is for, when its words say (research, scholarship, teaching, admin)."""


@dataclass(frozen=True)
class FullTime:
    """A full-time week as the letter defines it, if it does: hours count against it, and
    sessions too when it is not ten half-days."""

    hours: float | None = None
    sessions: float | None = None


# A quantity of effort: 0.8 / .75 / 1.0 (FTE), 80% / 80 percent, "four days a week", "the
# fifth day" (of a week), "eight half-day sessions" (a session is half a day: 0.1 FTE).
QUANTITY = re.compile(r"""
    (?<![\w.$,])(?P<fte>0?\.\d{1,3}|1\.0{1,3}|[01](?=\s*FTE))(?:\s*FTE\b)?(?![\w%]|\.\d|\s*(?:years?|months?|weeks?|days?|hours?|million|mg|miles?)\b)
  | (?<![\w.$,])(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)
  | \b(?P<days>one|two|three|four|five|half\s+a|\d(?:\.5)?|the\s+(?:fifth|remaining|other))(?P<half>\s+and\s+a\s+half)?
      (?:\s+full)?\s+(?:(?P<dayword>[a-z]+(?:\s+[a-z]+)?)\s+)?days?\b(?P<week>\s+(?:a|per|each|every)\s+week|\s+weekly)?
  | \b(?P<halves>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:(?P<halfword>[a-z]+)\s+)?
      (?:half[- ]days?(?:\s+sessions?)?|sessions?)\b(?P<halfweek>\s+(?:a|per|each|every)\s+week|\s+weekly)?
  | \b(?P<hours>\d{1,2}(?:\.\d)?)\s+(?:of\s+(?:your|the|these|those)\s+(?:\d{2}\s+)?)?(?:weekly\s+|work\s+|(?P<hourword>clinical|protected|research|teaching|academic|patient[- ]care)\s+)?hours\b
""", re.I | re.X)
# The hours of a full-time week, where a letter defines them: "Full-time effort is defined here as
# 40 hours per week", "32 of your 40 weekly hours", "Your scheduled work week is 40 hours", "a
# 40-hour work week". Hours count as effort only against these.
_WEEK_HOURS = re.compile(r"\bfull[- ]time\s+(?:effort\s+|work\s+)?(?:is\s+)?(?:defined\s+(?:here\s+)?as\s+)?(?P<h>[3-6]\d)\s+hours"
                         r"|\bof\s+(?:your|the)\s+(?P<h2>[3-6]\d)\s+(?:weekly\s+|work\s+)?hours"
                         r"|\b(?:work|working)\s*week\s+(?:is|will\s+be|of)\s+(?P<h3>[3-6]\d)\s+hours"
                         r"|\b(?P<h4>[3-6]\d)[- ]hour\s+(?:work\s*|working\s+)?week", re.I)
# The sessions of a full-time week, where a letter defines them: "Full-time in the Department is
# defined as 10 half-day sessions per week", "a full-time week is nine sessions".
_WEEK_SESSIONS = re.compile(rf"\bfull[- ]time\b[^.;]{{0,60}}?(?:\b(?:is|as|equals|means|of)|=|:)\s+(?P<n>{NUMBER})\s+"
                            r"(?:half[- ]day\s+)?(?:clinical\s+)?sessions\b", re.I)
SESSIONS_PER_WEEK = 10
"""Half-day sessions in a full-time week, unless the letter defines it otherwise."""
# A range, which states no one share: "between 0.7 and 0.8 FTE", "70-80%", "0.7 to 0.8 FTE".
_RANGE_BEFORE = re.compile(r"(?:\bbetween\s+\S+\s+and|\d(?:\.\d+)?\s*(?:%|percent|FTE)?\s*(?:-|to|or))\s*$", re.I)
_RANGE_AFTER = re.compile(r"\s*(?:%|percent|FTE)?\s*(?:-|to|or)\s*\.?\d", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
# What is usual, not this offer's: "Typically, faculty in this division have 20% protected time".
_USUALLY = re.compile(r"\b(?:typically|usually|generally|on\s+average|in\s+general|traditionally|historically|customarily)\b", re.I)
# A floor or a ceiling just before a quantity: "at least 75%", "up to 0.3 FTE", "beyond the 20%",
# a rule's figure ("the K23 requires 75% effort").
_BOUND = re.compile(r"\b(?:requir\w*(?:\s+that)?|mandat\w*|at\s+least|at\s+most|no\s+(?:less|more|fewer)\s+than|not\s+(?:less|more)\s+than|(?:a\s+)?"
                    r"(?:minimum|maximum)\s+of|up\s+to|not\s+to\s+exceed|beyond|more\s+than|less\s+than|over|under|"
                    r"exceeding|above|below)\s+(?:the\s+|your\s+)?$", re.I)
# Every other week: half the quantity ("one OR half-day every other week").
_ALTERNATE_WEEKS = re.compile(r"\s+(?:every\s+other\s+week|on\s+alternate\s+weeks|every\s+(?:two|2)\s+weeks)", re.I)
# In a table whose heading says the figures are percentages, a bare figure: "Clinical: 25".
_PERCENT_HEADING = re.compile(r"\bpercent\b|%", re.I)
_PERCENT_CELL = re.compile(r"(?<=:\s)(?P<pct>\d{1,3})(?=\s*$)")
# Money and benefits: a percentage near these words is not effort ("10% of salary"), nor a
# share of FTE followed by them ("0.5 FTE of your salary will be paid by the VA").
_MONEY_WORDS = re.compile(r"salary|bonus|incentive|contribution|match|retirement|raise|increase|pay\b|paid\b|"
                          r"compensation|tax|premium|percentile|discount|\$", re.I)
_EFFORT_WORD = re.compile(r"FTE|%|\beffort\b|\btime\b", re.I)
_PROTECTED_WORD = re.compile(r"\bprotected\b|\bguaranteed\b|\bdedicated\b|\bnon-?clinical\b", re.I)


def full_time(sentences: list[Sentence]) -> FullTime:
    """The full-time week, as far as the letter defines it."""
    hours = sessions = None
    for s in sentences:
        if hours is None and (m := _WEEK_HOURS.search(s.text)):
            hours = float(next(h for h in m.groups() if h))
        if sessions is None and (m := _WEEK_SESSIONS.search(s.text)):
            sessions = number(m.group("n")) if 6 <= number(m.group("n")) <= 12 else None
    return FullTime(hours, sessions)


def _quantity_value(m: re.Match[str], weekly: bool, week: FullTime) -> float | None:
    """The quantity as FTE; days and sessions only where the text speaks of a week, hours only
    against the hours of a full-time week the letter states."""
    group = m.groupdict()
    if group.get("fte"):
        return float(group["fte"])
    if group.get("pct"):
        return float(group["pct"]) / 100
    if group.get("hours"):
        return float(group["hours"]) / week.hours if week.hours else None
    if not (group.get("week") or group.get("halfweek") or weekly):
        return None  # "two OR days" with no week around: not a weekly split
    alternate = 0.5 if _ALTERNATE_WEEKS.match(m.string, m.end()) else 1.0
    if group.get("halves"):
        halves, per_week = number(group["halves"]), week.sessions or SESSIONS_PER_WEEK
        return alternate * halves / per_week if halves <= per_week else None
    count = re.sub(r"\s+", " ", group["days"].lower())
    if count.startswith("the "):
        return DAY_FTE if not m.group(0).lower().endswith("days") else None  # "the fifth day", not "the other days"
    days = NUMBER_WORDS.get(count)
    days = float(days if days is not None else group["days"]) + (0.5 if group.get("half") else 0)
    return alternate * days * DAY_FTE if days <= 5 else None


def _clause_of(text: str, m: re.Match[str]) -> tuple[int, int]:
    """Where the clause a quantity stands in begins and ends: at the semicolons around it."""
    end = text.find(";", m.end())
    return text.rfind(";", 0, m.start()) + 1, end if end >= 0 else len(text)


def _without_equivalents(text: str, matches: list[re.Match[str]], weekly: bool, week: FullTime) -> list[re.Match[str]]:
    """The quantities, less those that restate the one before in brackets: "70 percent (0.70 FTE)"."""
    out: list[re.Match[str]] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev and re.fullmatch(r"\s*\(\s*", text[prev.end():m.start()]) and re.match(r"[^()]{0,12}\)", text[m.end():]) \
                and _quantity_value(prev, weekly, week) == _quantity_value(m, weekly, week):
            continue
        out.append(m)
    return out


def _segment(text: str, matches: list[re.Match[str]], i: int) -> tuple[str, int, int]:
    """Where a quantity's words lie: between the quantities before and after it, within its
    clause; with the quantity's start and end in that segment."""
    m = matches[i]
    lo = matches[i - 1].end() if i else 0
    hi = matches[i + 1].start() if i + 1 < len(matches) else len(text)
    lo = max(lo, text.rfind(";", lo, m.start()) + 1)
    if ";" in text[m.end():hi]:
        hi = text.index(";", m.end())
    return text[lo:hi], m.start() - lo, m.end() - lo


def _not_effort(m: re.Match[str], before: str, after: str, about_effort: bool) -> bool:
    """Money ("10% of salary", "0.5 FTE of your salary will be paid by the VA"), or a bare
    decimal in a sentence that is not about effort."""
    group = m.groupdict()
    if group.get("pct") and _MONEY_WORDS.search(f"{before} {after}"):
        return True
    return bool(group.get("fte")) and (bool(_MONEY_WORDS.search(after)) or not about_effort)


def efforts(sentence: Sentence, previous: str = "", week: FullTime = FullTime(), name: str = "") -> list[Effort]:
    """Every quantity of effort in a sentence that is the new faculty member's, with its kind
    (``previous``: the sentence before, where "a week" may have been said; ``week``: the
    full-time week, as far as the letter defines it; ``name``: the name the letter is addressed to)."""
    text = sentence.text
    weekly = bool(re.search(r"\bweek", previous + " " + text, re.I))
    matches = _without_equivalents(text, list(QUANTITY.finditer(text)), weekly, week)
    if not matches and _PERCENT_HEADING.search(sentence.heading):
        matches = list(_PERCENT_CELL.finditer(text))
    spoken = {kind for kind, pattern in KINDS if pattern.search(text)} - {"staff", "total"}
    about_effort = bool(spoken or _EFFORT_WORD.search(text))
    found: list[tuple[Effort, bool]] = []  # each with whether its kind came from its own words
    # Words before the first quantity that call all of them protected: "Protected time: 10% for
    # teaching; 10% for QI", "Your protected time is 0.15 FTE for research plus 0.10 FTE for education".
    lead = text[:matches[0].start()] if matches else ""
    others: dict[tuple[int, int], bool] = {}  # clause -> it speaks of other people
    for i, m in enumerate(matches):
        if _RANGE_BEFORE.search(text[max(0, m.start() - 40):m.start()]) or _BETWEEN.search(text[max(0, m.start() - 12):m.start()]) \
                or (m.groupdict().get("fte") or m.groupdict().get("pct")) and _RANGE_AFTER.match(text, m.end()):
            continue  # one end of a range
        value = _quantity_value(m, weekly, week)
        exact = any(m.groupdict().get(g) for g in ("fte", "pct", "hours"))
        if value is None or not (0 < value <= 1 or (value == 0 and exact)):
            continue  # not a share of a job ("0%" is one: none)
        lo, hi = _clause_of(text, m)
        if (lo, hi) not in others:
            clause = text[lo:hi]
            others[lo, hi] = about_someone_else(clause, name) or bool(_USUALLY.search(clause) and not addresses_you(clause, name))
        if others[lo, hi]:
            continue  # another person's ("Dr. Ray is at 0.5 FTE"), or what is usual ("Typically, faculty have 20%")
        segment, start, end = _segment(text, matches, i)
        before, after = window(mask_parentheses(segment, (start, end)), start, end)
        if _not_effort(m, before, after, about_effort):
            continue
        own = next((m.groupdict()[g] for g in ("dayword", "halfword", "hourword") if m.groupdict().get(g)), "")
        kind, named = kind_of(own, before, after)
        bound = bool(_BOUND.search(text[max(0, m.start() - 30):m.start()]))
        labelled = bool(_PROTECTED_WORD.search(segment) or _PROTECTED_WORD.search(lead))
        found.append((Effort(value, kind or "", labelled, sentence, exact, named, bound,
                             purpose_of(before, after)), bool(kind)))
    # A quantity with no words of its own takes the kind the whole sentence speaks of, if one.
    free = spoken - {e.kind for e, own in found if own}
    out = []
    for e, own in found:
        kind = e.kind if own else (next(iter(free)) if len(free) == 1 else "")
        if kind in ("clinical", "admin", *NON_CLINICAL_KINDS):
            out.append(replace(e, kind=kind, labelled_protected=e.labelled_protected or kind == "protected"))
    return out
