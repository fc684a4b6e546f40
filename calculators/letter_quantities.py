"""Every quantity of effort in a sentence (``0.8 FTE``, ``80%``, ``four days a week``), read once,
with the kind of time it is (clinical, protected, research...) and whether the words around it
call it protected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .letter_numbers import NUMBER_WORDS, number
from .letter_text import Sentence
from .letter_words import about_someone_else

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


# A quantity of effort: 0.8 / .75 / 1.0 (FTE), 80% / 80 percent, "four days a week", "the
# fifth day" (of a week), "eight half-day sessions" (a session is half a day: 0.1 FTE).
QUANTITY = re.compile(r"""
    (?<![\w.$,])(?P<fte>0?\.\d{1,3}|1\.0{1,3}|[01](?=\s*FTE))(?:\s*FTE\b)?(?![\w%]|\.\d|\s*(?:years?|months?|weeks?|days?|hours?|million|mg|miles?)\b)
  | (?<![\w.$,])(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)
  | \b(?P<days>one|two|three|four|five|half\s+a|\d(?:\.5)?|the\s+(?:fifth|remaining|other))(?P<half>\s+and\s+a\s+half)?
      (?:\s+full)?\s+(?:(?P<dayword>[a-z]+(?:\s+[a-z]+)?)\s+)?days?\b(?P<week>\s+(?:a|per|each|every)\s+week|\s+weekly)?
  | \b(?P<halves>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:(?P<halfword>[a-z]+)\s+)?
      (?:half[- ]days?(?:\s+sessions?)?|sessions?)\b(?P<halfweek>\s+(?:a|per|each|every)\s+week|\s+weekly)?
  | \b(?P<hours>\d{1,2}(?:\.\d)?)\s+(?:of\s+(?:your|the)\s+\d{2}\s+)?(?:weekly\s+|clinical\s+|protected\s+|work\s+)?hours\b
""", re.I | re.X)
# The hours of a full-time week, where a letter defines them: "Full-time effort is defined here as
# 40 hours per week", "32 of your 40 weekly hours". Hours count as effort only against these.
_WEEK_HOURS = re.compile(r"\bfull[- ]time\s+(?:effort\s+|work\s+)?(?:is\s+)?(?:defined\s+(?:here\s+)?as\s+)?(?P<h>[3-6]\d)\s+hours"
                         r"|\bof\s+(?:your|the)\s+(?P<h2>[3-6]\d)\s+(?:weekly\s+|work\s+)?hours", re.I)
# Every other week: half the quantity ("one OR half-day every other week").
_ALTERNATE_WEEKS = re.compile(r"\s+(?:every\s+other\s+week|on\s+alternate\s+weeks|every\s+(?:two|2)\s+weeks)", re.I)
# In a table whose heading says the figures are percentages, a bare figure: "Clinical: 25".
_PERCENT_HEADING = re.compile(r"\bpercent\b|%", re.I)
_PERCENT_CELL = re.compile(r"(?<=:\s)(?P<pct>\d{1,3})(?=\s*$)")
# Staff, whose FTE is not the new faculty member's: "a 0.5 FTE research coordinator".
_STAFF = re.compile(r"\b(?:coordinator|technician|statistician|biostatistician|analyst|nurse|"
                    r"practitioner|manager|staff|PA|NP)s?\b|\bassistants?\b(?!\s+professor)", re.I)
STAFF_WORDS = 3
"""A staff title within this many words after a quantity makes it the staff member's."""
# The kinds of time, by the words that name them; "non-clinical" is protected time.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("protected", re.compile(r"\bprotected\b|\bnon-?\s?clinical\b|\bacademic\b|\bdedicated\b|\bguaranteed\b", re.I)),
    ("staff", _STAFF),
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
# Words that name a kind of effort as such; other kind words (a service, a clinic, shifts) name a
# place or duty, which may be one site's share of the clinical effort.
_NAMED = re.compile(r"\b(?:clinical(?:ly)?|patient[- ]care|protected|non-?\s?clinical|academic|research|teaching|"
                    r"education\w*|scholar\w*|administrative)\b", re.I)
# Where the words that name a quantity's kind stop: a comma, a semicolon, "and", "plus"...
_STOP = re.compile(r"[,;()]|\.(?:\s|$)|\s-\s|\s/\s|/|\b(?:and|plus|with|while|but|whereas|leaving)\b", re.I)
# A relative clause that says whose quantity it is: "a coordinator, who is funded at 0.5 FTE".
_RELATIVE = re.compile(r"^\s*(?:who|whom|whose|which)\b", re.I)
# Money and benefits: a percentage near these words is not effort ("10% of salary"), nor a
# share of FTE followed by them ("0.5 FTE of your salary will be paid by the VA").
_MONEY_WORDS = re.compile(r"salary|bonus|incentive|contribution|match|retirement|raise|increase|pay\b|paid\b|"
                          r"compensation|tax|premium|percentile|discount|\$", re.I)
_EFFORT_WORD = re.compile(r"FTE|%|\beffort\b|\btime\b", re.I)
_PROTECTED_WORD = re.compile(r"\bprotected\b|\bguaranteed\b|\bdedicated\b|\bnon-?clinical\b", re.I)
BEFORE_WORDS, AFTER_WORDS = 8, 10
"""Words read before and after a quantity for its kind, within its clause."""


def _mask_parentheses(text: str, keep: tuple[int, int]) -> str:
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


def _window(text: str, start: int, end: int) -> tuple[str, str]:
    """The words just before and just after a quantity, up to the nearest stops. A quantity in
    brackets, "(0.5 FTE)", is named by the words around the brackets."""
    before, after = text[:start], text[end:]
    if before.rstrip().endswith("(") and re.match(r"\s*\)", after):
        before, after = before.rstrip()[:-1], after.split(")", 1)[1]
    before = _clause_before(before)
    stop = _STOP.search(after)
    after = after[:stop.start()] if stop else after
    return " ".join(before.split()[-BEFORE_WORDS:]), " ".join(after.split()[:AFTER_WORDS])


def kind_in(words: str, last: bool) -> str | None:
    hits = [(m.start(), kind) for kind, pattern in _KINDS for m in pattern.finditer(words)]
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if last else hits[0][1]


def week_hours(sentences: list[Sentence]) -> float | None:
    """The hours of a full-time week, if the letter defines them."""
    for s in sentences:
        m = _WEEK_HOURS.search(s.text)
        if m:
            return float(m.group("h") or m.group("h2"))
    return None


def _quantity_value(m: re.Match[str], weekly: bool, full_week: float | None = None) -> float | None:
    """The quantity as FTE; days and sessions only where the text speaks of a week, hours only
    against the hours of a full-time week the letter states."""
    group = m.groupdict()
    if group.get("fte"):
        return float(group["fte"])
    if group.get("pct"):
        return float(group["pct"]) / 100
    if group.get("hours"):
        return float(group["hours"]) / full_week if full_week else None
    if not (group.get("week") or group.get("halfweek") or weekly):
        return None  # "two OR days" with no week around: not a weekly split
    alternate = 0.5 if _ALTERNATE_WEEKS.match(m.string, m.end()) else 1.0
    if group.get("halves"):
        halves = number(group["halves"])
        return alternate * halves * DAY_FTE / 2 if halves <= 10 else None
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


def _without_equivalents(text: str, matches: list[re.Match[str]], weekly: bool,
                         full_week: float | None) -> list[re.Match[str]]:
    """The quantities, less those that restate the one before in brackets: "70 percent (0.70 FTE)"."""
    out: list[re.Match[str]] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev and re.fullmatch(r"\s*\(\s*", text[prev.end():m.start()]) and re.match(r"[^()]{0,12}\)", text[m.end():]) \
                and _quantity_value(prev, weekly, full_week) == _quantity_value(m, weekly, full_week):
            continue
        out.append(m)
    return out


def _kind(m: re.Match[str], before: str, after: str) -> tuple[str | None, bool]:
    """The kind of time a quantity is, from its own words ("two clinic days"), else the words
    after it, else those before; and whether those words name the kind as effort. Staff named
    beside it ("a 0.5 FTE research coordinator") make it someone else's."""
    own = m.groupdict().get("dayword") or m.groupdict().get("halfword") or ""
    for words, last in ((own, False), (after, False), (before, True)):
        kind = kind_in(words, last) if words else None
        if kind:
            staff = _STAFF.search(" ".join(f"{own} {after}".split()[:STAFF_WORDS]))
            return ("staff" if staff else kind), bool(_NAMED.search(words))
    return None, False


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


def efforts(sentence: Sentence, previous: str = "", full_week: float | None = None, name: str = "") -> list[Effort]:
    """Every quantity of effort in a sentence that is the new faculty member's, with its kind
    (``previous``: the sentence before, where "a week" may have been said; ``full_week``: the
    hours of a full-time week, if stated; ``name``: the name the letter is addressed to)."""
    text = sentence.text
    weekly = bool(re.search(r"\bweek", previous + " " + text, re.I))
    matches = _without_equivalents(text, list(QUANTITY.finditer(text)), weekly, full_week)
    if not matches and _PERCENT_HEADING.search(sentence.heading):
        matches = list(_PERCENT_CELL.finditer(text))
    spoken = {kind for kind, pattern in _KINDS if pattern.search(text)} - {"staff", "total"}
    about_effort = bool(spoken or _EFFORT_WORD.search(text))
    found: list[tuple[Effort, bool]] = []  # each with whether its kind came from its own words
    others: dict[tuple[int, int], bool] = {}  # clause -> it speaks of other people
    for i, m in enumerate(matches):
        value = _quantity_value(m, weekly, full_week)
        if value is None or not 0 < value <= 1:
            continue  # not a share of a job
        lo, hi = _clause_of(text, m)
        if (lo, hi) not in others:
            others[lo, hi] = about_someone_else(text[lo:hi], name)
        if others[lo, hi]:
            continue  # another person's: "Dr. Ray is at 0.5 FTE", "most of our faculty are 0.9 clinical"
        segment, start, end = _segment(text, matches, i)
        before, after = _window(_mask_parentheses(segment, (start, end)), start, end)
        if _not_effort(m, before, after, about_effort):
            continue
        kind, named = _kind(m, before, after)
        exact = any(m.groupdict().get(g) for g in ("fte", "pct", "hours"))
        found.append((Effort(value, kind or "", bool(_PROTECTED_WORD.search(segment)), sentence, exact, named), bool(kind)))
    # A quantity with no words of its own takes the kind the whole sentence speaks of, if one.
    free = spoken - {e.kind for e, own in found if own}
    out = []
    for e, own in found:
        kind = e.kind if own else (next(iter(free)) if len(free) == 1 else "")
        if kind in ("clinical", "admin", *NON_CLINICAL_KINDS):
            out.append(replace(e, kind=kind, labelled_protected=e.labelled_protected or kind == "protected"))
    return out
