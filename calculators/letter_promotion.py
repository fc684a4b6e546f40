"""Promotion: when the review comes, whether criteria are written, whether Instructor years count."""
from __future__ import annotations

import re

from .letter_facts import Fact, Finding, Letter, Suspect, one_value
from .letter_numbers import NUMBER, ORDINAL, as_count, number
from .letter_text import quote
from .letter_words import HEDGE, denied_after, negated


# A promotion or its review, as letters put it.
_PROMOTION = re.compile(r"\bpromot\w*|\bpromo\b|\btenure\s+review|\breview(?:ed)?\s+for\s+(?:the\s+rank\s+of\s+)?(?:assistant|associate)"
                        r"|\bconsider(?:ed|ation)?\s+for\s+(?:the\s+rank\s+of\s+)?(?:assistant|associate|promotion)"
                        r"|\bmove\s+(?:\w+\s+)?up\b|\badvance(?:ment)?\s+to\b"
                        r"|\b(?:review\w*|progress)\b[^.;]{0,60}\b(?:assistant|associate|asst\.?|assoc\.?)\s+prof(?:essor\b|\.|\b)", re.I)
# When the review comes: "in your third year", "in the spring of your second year", "no later
# than the end of the 3rd Academic Year", "at year 6", "after 24 months", "within two to three
# years", "at the two-year mark".
_PART_OF = (r"(?:(?:the\s+)?(?:end|start|beginning|middle|course|conclusion|close|completion|spring|summer|fall|autumn|winter"
            r"|first\s+half|second\s+half)\s+of\s+)?")
_WHEN = re.compile(rf"""
    \b(?:in|during|at|by|before|upon|on|after|following|no\s+later\s+than|not\s+later\s+than)\s+{_PART_OF}
        (?:your|their|the|his|her)\s+(?P<ordinal>{ORDINAL})(?:\s+(?:or|to|-)\s+(?P<ordinal_b>{ORDINAL}))?\s+(?:year|academic\s+year)\b
  | \b(?:in|during|at|by|before)\s+{_PART_OF}year\s+(?P<yearno>{NUMBER})\b
  | \b(?:after|within|at|by|no\s+later\s+than|following|in)\s+(?:about\s+|approximately\s+)?(?:(?:your|the)\s+(?:first\s+)?)?
        (?P<n1>{NUMBER})(?:\s*(?:-|to|or)\s*(?P<n2>{NUMBER}))?\s+(?:full\s+)?(?P<unit>years?|months?)\b
  | \bat\s+the\s+(?P<mark>{NUMBER})[- ](?P<markunit>year|month)\s+mark\b
  | \bthe\s+(?P<ordinal2>{ORDINAL})\s+year\s+of\s+(?:your|the)\s+appointment
  | (?:[:(]\s*|\bin\s+)(?:the\s+|your\s+)?(?P<ordinal3>{ORDINAL})\s+(?:year|yr)\b
  | :\s*year\s+(?P<yearno2>{NUMBER})\b
""", re.I | re.X)
# (the last two: a form's value, "Year of review for promotion: 6th year", "Anticipated review: Year 6",
# "planned for AY32 (6th yr)")
# "Most faculty are reviewed in their sixth year": what usually happens, not a date for you.
_MOST = re.compile(r"\b(?:most|many)\b", re.I)
_VAGUE_WHEN = re.compile(r"\b(?:a\s+few|several|some|a\s+couple\s+of)\s+years\b|\bonce\s+(?:you|they)\b|\bno\s+set\s+timeline"
                         r"|\bisn't\s+a\s+set\s+timeline|\bnot\s+a\s+set\s+timeline|\bwhen\s+(?:you\s+are|you're)\s+ready", re.I)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# The appointment's start: "Start date: July 1, 2026", "effective July 1, 2026", "beginning August
# 2026", "effective 1 July 2026", "Your appointment begins in academic year 2026-27" (in July).
_START_WORD = r"\b(?:start(?:s|ing)?(?:\s+date)?|effective|beginning|begins?|commenc\w*)\b"
_START = re.compile(rf"{_START_WORD}\s*(?:on\s+|date\s+)?(?:is\s+)?:?\s*(?:on\s+or\s+about\s+)?"
                    rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+(?:\d{{1,2}},?\s+)?(?P<year>20\d\d)\b"
                    rf"|(?P<m1>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<year2>20\d\d)\b)"
                    rf"|{_START_WORD}\s+in\s+(?:the\s+)?(?:academic\s+year|AY)\s+(?P<ay>20\d\d)\s*[-/]\s*(?:20)?\d\d", re.I)
# A review dated by the calendar: "no later than the 2029-2030 academic year", "in academic year
# 2028-29", "by July 2029". An academic year runs from July to June.
_WHEN_DATED = re.compile(rf"""
    \b(?:in|during|by|before|for|no\s+later\s+than)\s+(?:the\s+)?(?:(?:academic\s+year|AY)\s+)?(?P<ay>20\d\d)\s*[-/]\s*(?:20)?\d\d
        (?:\s+academic\s+year)?\b
  | \b(?:by|before|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?{_MONTH}\s+(?:\d{{1,2}},?\s+)?(?P<year>20\d\d)\b
  | \b(?:in|during|by|before|for|no\s+later\s+than)\s+(?:the\s+)?AY\s?'?(?:(?P<ay_short>\d\d)\s*[-/]\s*\d\d|(?P<ay_end>\d\d))\b
""", re.I | re.X)
# (the last: an academic year in two digits, "AY30-31"; or named by the year it ends, "AY32" is 2031-32)
ACADEMIC_YEAR_START_MONTH = 7
"""July: the month an academic year begins (an appointment from July 2026 is in 2026-27)."""


def _start(letter: Letter) -> tuple[int, int] | None:
    """The appointment's start (year, month), when one sentence dates it."""
    for s in letter.sentences:
        m = _START.search(s.text)
        if m and m.group("ay"):
            return int(m.group("ay")), ACADEMIC_YEAR_START_MONTH
        if m and m.group("year2"):
            return _numeric_start(int(m.group("year2")), int(m.group("m1")), int(m.group("m2")))
        if m:
            return int(m.group("year")), _MONTHS.index(m.group("month")[:3].lower()) + 1
    return None


def _numeric_start(year: int, first: int, second: int) -> tuple[int, int] | None:
    """A start written in numbers: "07/01/2026" is July 1 (month first, as US letters write it),
    "15/08/2026" is 15 August; "03/04/2026", which could be either, is not read."""
    if first > 12 and second <= 12:
        return year, second
    if first <= 12 and (second == 1 or second > 12):
        return year, first
    return None


def _dated_years(m: re.Match[str], start: tuple[int, int]) -> float | None:
    """Years from the start to a review dated by academic year (the start's own year is the
    first) or by month and year (to the nearest half year)."""
    year, month = start
    if m.group("ay") or m.group("ay_end") or m.group("ay_short"):
        first = year if month >= ACADEMIC_YEAR_START_MONTH else year - 1
        begins = int(m.group("ay")) if m.group("ay") else (
            2000 + int(m.group("ay_short")) if m.group("ay_short") else 2000 + int(m.group("ay_end")) - 1)
        return float(begins - first + 1)
    months = (int(m.group("year")) - year) * 12 + _MONTHS.index(m.group("month")[:3].lower()) + 1 - month
    return round(months / 6) / 2


def _years(m: re.Match[str]) -> float | None:
    if m.group("ordinal") or m.group("ordinal2") or m.group("ordinal3"):
        first = number(m.group("ordinal") or m.group("ordinal2") or m.group("ordinal3"))
        return (first + number(m.group("ordinal_b"))) / 2 if m.group("ordinal_b") else first
    if m.group("yearno") or m.group("yearno2"):
        return number(m.group("yearno") or m.group("yearno2"))
    if m.group("mark"):
        n = number(m.group("mark"))
        return n if m.group("markunit").lower() == "year" else n / 12
    n1 = number(m.group("n1"))
    n2 = number(m.group("n2")) if m.group("n2") else n1
    years = (n1 + n2) / 2
    return years / 12 if m.group("unit").lower().startswith("month") else years


# Promotions that happened, to others: "four Instructors were promoted, each within three years"
# (a rule for everyone of the rank, "Instructors are reviewed in their third year", is a timeline).
_PAST = re.compile(r"\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+\s+)?promoted\b|\bin\s+the\s+past\b", re.I)
_STARTS_HERE = re.compile(rf"{_START_WORD}\s*$", re.I)


def _review_date(clause: str) -> re.Match[str] | None:
    """The calendar date of a review, not the appointment's start ("begins in academic year 2026-27")."""
    return next((m for m in _WHEN_DATED.finditer(clause) if not _STARTS_HERE.search(clause[max(0, m.start() - 20):m.start()])),
                None)


def _when_of_promotion(clause: str) -> re.Match[str] | None:
    """The time a clause gives for its promotion review: the first after the word of promotion,
    else the last before it ("your mid-point review will be in year 3 and your promotion review in
    year 6" is 6; "In your third year, you will be reviewed for promotion" is 3)."""
    times = list(_WHEN.finditer(clause))
    promotion = _PROMOTION.search(clause)
    if not times or not promotion:
        return None
    after = [m for m in times if m.start() >= promotion.start()]
    return after[0] if after else times[-1]


def read_review_years(letter: Letter) -> Finding:
    """Years until the promotion review, when the letter gives a time (a range: its middle)."""
    facts, suspects = [], []
    start = _start(letter)
    for s in letter.matching(_PROMOTION):
        for clause in re.split(r";", s.text):
            if not _PROMOTION.search(clause) or _PAST.search(clause):
                continue
            m = _when_of_promotion(clause)
            years = _years(m) if m else None
            dated = _review_date(clause) if years is None and start else None
            years = _dated_years(dated, start) if dated and start else years
            if years and 0 < years <= 15 and not HEDGE.search(clause) and not _MOST.search(clause):
                facts.append(Fact(as_count(years), quote(s)))
            elif years or _VAGUE_WHEN.search(clause):
                suspects.append(s)
    found = one_value(facts)
    return found if found is not None else (Suspect(quote(suspects[0])) if suspects else None)


# Written criteria: a document of criteria, guidelines or policies for promotion, given or published.
_CRITERIA_NOUN = re.compile(r"\b(?:criteria|guidelines?|benchmarks?|standards?|polic(?:y|ies)|requirements|expectations|handbook"
                            r"|rules)\b", re.I)
_CRITERIA_WRITTEN = re.compile(r"\b(?:written|enclos\w*|attach\w*|publish\w*|available|set\s+(?:out|forth)|describ\w*|outlin\w*|"
                               r"provid\w*|cop(?:y|ies)|document\w*|in\s+writing|handbook|appendix|exhibit|schedule\s+[A-Z]\b|"
                               r"appear\w*\s+in|form\s+part|posted|online|website|web\s*site|site|intranet|portal)\b", re.I)
CRITERIA_REACH = 100
"""Characters between a criteria noun and the word saying it is written ("criteria ... are enclosed")."""
# What a negation denies when a letter says there are no written criteria: "no written promotion
# policy", "doesn't have a formal written standard", "carries no academic promotion criteria",
# "nothing formal on paper", "not written down".
_DENIED_CRITERIA = re.compile(r"\b(?:criteria|standards?|polic(?:y|ies)|guidelines|benchmarks|rubric)\b"
                              r"|\b(?:promotion|formal|written)\s+(?:process|pathway)\b|\bwritten\b|\bon\s+paper\b|\bin\s+writing\b", re.I)
_NO_CRITERIA = re.compile(r"\bat\s+the\s+discretion\s+of|\binformal\s+(?:process|criteria)", re.I)
# Promotion named: any criteria for it; a rank or track named: criteria, guidelines, benchmarks.
_ABOUT_PROMOTION = re.compile(r"promot|tenure|advancement", re.I)
_ABOUT_RANK = re.compile(r"\brank\b|professor|\btrack\b", re.I)
_RANK_CRITERIA = re.compile(r"\b(?:criteria|guidelines|benchmarks)\b", re.I)


# A sentence that begins with the criteria, after one about promotion: "Promotion: Instructors are
# reviewed after three years. Guidelines are in the Faculty Handbook, which is online."
_CRITERIA_FIRST = re.compile(r"^(?:the\s+|these\s+|its\s+|our\s+)?(?:written\s+)?(?:criteria|guidelines|standards|requirements)\b", re.I)


def _written_near(text: str) -> bool:
    """A criteria noun with a word saying it is written, enclosed or published near it, in one clause."""
    for clause in text.split(";"):
        for noun in _CRITERIA_NOUN.finditer(clause):
            near = clause[max(0, noun.start() - CRITERIA_REACH):noun.end() + CRITERIA_REACH]
            if _CRITERIA_WRITTEN.search(near):
                return True
    return False


def read_written_criteria(letter: Letter) -> Finding:
    """Whether written promotion criteria exist (enclosed, attached, published) or not."""
    for s in letter.sentences:
        if (negated(s.text, _DENIED_CRITERIA) or _NO_CRITERIA.search(s.text) or denied_after(s.text, _CRITERIA_NOUN)) \
                and (_ABOUT_PROMOTION.search(f"{s.heading} {s.text}") or _ABOUT_RANK.search(s.text)):
            return Fact(False, quote(s))
    # Criteria named as such are the better quote than a handbook or policy that holds them.
    previous = {id(s): before.text for before, s in zip(letter.sentences, letter.sentences[1:], strict=False)}
    for s in sorted(letter.sentences, key=lambda s: not _RANK_CRITERIA.search(s.text)):
        text = s.text
        about = _ABOUT_PROMOTION.search(text) or (_ABOUT_RANK.search(text) and _RANK_CRITERIA.search(text)) or (
            _CRITERIA_FIRST.match(text) and _ABOUT_PROMOTION.search(previous.get(id(s), "")))
        if (about and _written_near(text) and not HEDGE.search(text)
                and not negated(text, _CRITERIA_NOUN) and not negated(text, _CRITERIA_WRITTEN)):
            return Fact(True, quote(s))
    return None


# Instructor years: do they count toward time in rank or the promotion clock?
_YEARS_AS_INSTRUCTOR = re.compile(r"\b(?:time|years?|service)\s+(?:(?:that\s+)?(?:you\s+)?(?:spent|served|spend|serve)\s+)?(?:as|at\s+the\s+rank\s+of)\s+"
                                  r"(?:an?\s+)?(?:Clinical\s+)?Instructor"
                                  r"|\bprior\s+(?:service|years)|\bInstructor\s+years", re.I)
_COUNTS = re.compile(r"\bcount(?:s|ed)?\s+(?:toward|towards|to)\b|\bwill\s+count\b|\bcredit(?:ed)?\s+(?:for|toward|towards)", re.I)
_COUNT = re.compile(r"\bcount|\bcredit", re.I)
_DOES_NOT_COUNT = re.compile(r"\bclock\s+(?:begins|starts|will\s+begin|will\s+start)\s+"
                             r"(?:only\s+)?(?:upon|when|at|with)\s+(?:your\s+)?(?:appointment|promotion)|\breset", re.I)


def read_years_count_toward_rank(letter: Letter) -> Finding:
    """Whether the years as Instructor count toward time in rank."""
    for s in letter.matching(_YEARS_AS_INSTRUCTOR):
        if negated(s.text, _COUNT) or _DOES_NOT_COUNT.search(s.text):
            return Fact(False, quote(s))
        if _COUNTS.search(s.text):
            return Fact(True, quote(s)) if not HEDGE.search(s.text) else Suspect(quote(s))
    return None
