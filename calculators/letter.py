"""Read an academic offer letter: the facts the Instructor offer check and the offer comparison ask for.

``read_letter(text)`` finds, in the text of a letter, the values of :data:`FIELDS` in the
calculators' own names and choices, each with the sentence it was read from, and lists the
fields the letter does not state. A wrong value is worse than a missing one: where a rule is
unsure (a hedge such as "usually", "subject to clinical needs", two different values, a vague
"after a few years"), the field stays not found and the sentence is shown as a suspect.

Standard library only (it runs in the browser's worker too). PDF files are read by
:mod:`calculators.letter_pdf`, files of either kind by :mod:`calculators.letter_file`.

Reading works in three steps, each a small function below:

1. **Sentences.** The text is normalized (dashes, quotes, page furniture) and cut into
   sentences, each with the heading above it. PDF text breaks lines mid-sentence: lines are
   joined unless a line is a heading, a bullet, a label ("Rank: Instructor") or ends a
   paragraph.
2. **Effort.** Every quantity of effort (``0.8 FTE``, ``80%``, ``four days a week``) is read
   once with the kind of time it belongs to (clinical, protected, research...).
3. **One rule per fact**, each named ``read_<field>``: it returns a :class:`Fact`, a
   :class:`Suspect` or ``None``.
"""
from __future__ import annotations

import json
import re
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import instructor_offer, offer_comparison

# The fields the reader fills, in the calculators' names. Checked against the calculators'
# fields at import, so a renamed field fails loudly instead of drifting.
FIELDS: tuple[str, ...] = (
    "rank", "track", "clinical_fte", "protected_fte", "protected_in_contract", "written_criteria",
    "review_years", "years_count_toward_rank", "surgical_subspecialty", "mentorship", "funding",
    "leadership_support", "salary",
)
RANK_VALUES = frozenset(c.value for c in offer_comparison.RANKS)
TRACK_VALUES = frozenset(c.value for c in instructor_offer.TRACKS)

# One weekday of a five-day working week is 0.2 FTE: the site reads "four days a week of
# clinic" as 0.8 FTE clinical, the way the articles' FTE splits (0.8 clinical / 0.2 protected)
# count a protected day.
DAY_FTE = 0.2
MAX_TEXT_CHARS = 100_000
"""Characters of a letter read; a longer text is read up to here (an offer letter is 3-30 thousand)."""
MAX_SENTENCE_CHARS = 1_500
"""A longer run of text without a full stop is cut into pieces of this size, so that no rule
works on more than this at once (a real sentence is a few hundred characters)."""
MAX_WORD_CHARS = 60
"""A longer run of non-space characters (a pasted image, a garbled PDF) is cut to this."""
QUOTE_CHARS = 400
"""A quote longer than this is cut, with an ellipsis."""
SALARY_RANGE = (10_000, 10_000_000)
"""An amount outside this range is not read as a yearly salary."""


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


class LetterError(Exception):
    """A letter that cannot be read; ``code`` names the problem, the message says it in words."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Reading:
    """What the reader found in one letter."""

    found: dict[str, Fact] = field(default_factory=dict)
    suspect: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @property
    def not_found(self) -> list[str]:
        return [name for name in FIELDS if name not in self.found]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the command line prints and the worker returns."""
        out: dict[str, Any] = {
            "found": {name: {"value": fact.value, "quote": fact.quote}
                      for name, fact in sorted(self.found.items(), key=lambda kv: FIELDS.index(kv[0]))},
            "not_found": self.not_found,
            "suspect": {name: self.suspect[name] for name in FIELDS if name in self.suspect},
        }
        if self.note:
            out["note"] = self.note
        return out


# ---------------------------------------------------------------------------------------------
# 1. Sentences

@dataclass(frozen=True)
class Sentence:
    text: str
    heading: str = ""
    """The heading or lead-in ("Compensation", "Effort allocation:") above the sentence."""


_CHAR_MAP = str.maketrans({
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": "    ", "\u00ad": None,
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\u2014": " - ", "\u2015": " - ", "\ufb01": "fi", "\ufb02": "fl", "\f": "\n\n",
})
# Page furniture that PDF text puts between the lines of a letter: "Page 2 of 3", a bare
# page number, a running header that is only "Confidential" and a page number.
_PAGE_LINE = re.compile(r"^\s*(?:(?:confidential|personal and confidential)\s*)?"
                        r"(?:-?\s*\d{1,3}\s*-?|page\s+\d+(?:\s+of\s+\d+)?)\s*$", re.I)
# A bullet or list marker at the start of a line: "•", "-", "*", "1.", "(a)", "iv)".
_BULLET = re.compile(r"^\s*(?:[\u2022\u25aa\u25e6\u00b7\u2023*o\-]\s+|\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s+)")
# Two columns of a table or form: a label, three or more spaces, a value.
_COLUMNS = re.compile(r"\S {3,}\S")
# A short "Label: value" line of a form or table ("Rank: Instructor", "Clinical: 25").
_FORM_LINE = re.compile(r"^\s*[A-Z][\w()/,'&-]*(?:\s+[\w()/,'&-]+){0,4}:\s+\S.{0,40}$")
# Words after which a line cannot end a heading or a sentence, so the next line continues it.
_OPEN_END = re.compile(r"\b(?:a|an|the|of|to|and|or|as|at|by|be|in|for|with|will|is|are|your|our|from|on|"
                       r"per|than|that|which|who|this|these|its|their|his|her|was|were|has|have)$", re.I)
# Words before a full stop that does not end a sentence ("Dr. Rao", "e.g. teaching").
_ABBREVIATIONS = frozenset("""
    dr mr mrs ms mx prof sr jr st mt vs etc e.g i.e eg ie cf al approx dept div univ assoc asst inc
    ltd co corp no nos ext fig jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m m.d ph.d
    d.o m.p.h m.s m.b.a r.n ave blvd rd
""".split())
# A candidate sentence end: ., ! or ?, closing quotes or brackets, space, then a capital,
# digit, quote, bullet or currency sign.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9$\u2022])")


_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))
# An email's quoting marks at the start of a line: "> What is my title?".
_QUOTED = re.compile(r"^\s*(?:>\s?)+")
# A table row written with bars, "| Clinical | 25 |", and a rule under a header, "|---|---|".
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:+-]*-{3,}[\s|:+-]*$")


def _table_row(line: str) -> str:
    """A bar-separated table row as a form line: "Clinical (clinic): 25"."""
    row = _TABLE_ROW.match(line)
    if not row:
        return line
    return ": ".join(cell.strip() for cell in row.group(1).split("|") if cell.strip()) + "   "


def normalize(text: str) -> str:
    """Plain characters, one kind of line break, no page furniture, quoting or table bars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CHAR_MAP)
    text = _LONG_WORD.sub(lambda m: m.group(0)[:MAX_WORD_CHARS], text)
    lines = [_table_row(_QUOTED.sub("", line)).rstrip() for line in text.split("\n")]
    return "\n".join(line for line in lines if not _PAGE_LINE.match(line) and not _TABLE_RULE.match(line))


def _is_short(line: str, width: int) -> bool:
    return len(line) < 0.6 * width


def _ends_unit(line: str, nxt: str, width: int, continuing: bool) -> bool:
    """Whether the unit (paragraph, bullet, heading) that ``line`` is in ends with it.
    ``continuing``: the line continues a unit begun on an earlier line."""
    if not nxt or _BULLET.match(nxt):
        return True
    last = line.rstrip()
    first = nxt.lstrip()[:1]
    if _OPEN_END.search(last) or not (first.isupper() or first in "\"'("):
        return False  # "... salary will be" / "$203,000." or a lower-case continuation
    if _COLUMNS.search(nxt.strip()) or _COLUMNS.search(last.strip()) or _FORM_LINE.match(last) \
            or _FORM_LINE.match(nxt) or last.endswith(":"):
        return True
    if continuing and not re.search(r"[.!?]$", last):
        return False  # a short piece left over by rewrapping ("...a position as" / "Assistant" / "Professor of")
    return _is_short(last, width)


def _line_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80


def units(text: str) -> list[str]:
    """Paragraphs, bullets, headings and form lines, each on one line."""
    lines = normalize(text).split("\n")
    width = _line_width(lines)
    out: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            if current:
                out.append(" ".join(current))
                current = []
            continue
        if not current:
            line = _BULLET.sub("", line, count=1)
        current.append(re.sub(r"\s+", " ", line.strip()) if not _COLUMNS.search(line.strip())
                       else re.sub(r" {3,}", ": " if ":" not in line else " ", line.strip()))
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _ends_unit(line, nxt if nxt.strip() else "", width, continuing=len(current) > 1):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return [re.sub(r"(\w)- (\w)", r"\1-\2", re.sub(r"\s+", " ", u)).strip() for u in out if u.strip()]


_WORD_BEFORE_DOT = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE_DOT.search(text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or len(token) == 1  # "Dr.", "e.g.", an initial "A."


def split_sentences(unit: str) -> list[str]:
    """Cut a paragraph into sentences, not at abbreviations, initials or decimal points."""
    out, start = [], 0
    for end in _SENTENCE_END.finditer(unit):
        if unit[end.start()] == "." and _is_abbreviation(unit, end.start()):
            continue
        out.append(unit[start:end.end()].strip())
        start = end.end()
    out.append(unit[start:].strip())
    return [piece for sentence in out if sentence for piece in _pieces(sentence)]


def _pieces(sentence: str) -> list[str]:
    """A sentence, or a run of text with no sentence end, in pieces of at most MAX_SENTENCE_CHARS."""
    pieces = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        pieces.append(sentence[:cut])
        sentence = sentence[cut:].lstrip()
    return pieces + [sentence] if sentence else pieces


def _is_heading(unit: str) -> bool:
    """A short line without a full stop ("Compensation", "Effort (percent of 1.0 FTE)") or a
    lead-in ending with a colon; not a form line ("Rank: Instructor")."""
    words = unit.split()
    if unit.endswith(":"):
        return len(words) <= 12
    return len(words) <= 8 and ": " not in unit and not re.search(r"[.!?,;]$", unit)


def sentences(text: str) -> list[Sentence]:
    """The letter's sentences in order, each with the heading it stands under."""
    out: list[Sentence] = []
    heading = ""
    for unit in units(text[:MAX_TEXT_CHARS]):
        if _is_heading(unit):
            heading = unit.rstrip(":")
        for sentence in split_sentences(unit):
            out.append(Sentence(sentence, heading))
    return out


def _quote(sentence: Sentence) -> str:
    text = sentence.text
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + "\u2026"


# ---------------------------------------------------------------------------------------------
# Words shared by several rules

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "half a": 0.5}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}
_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"

# Softening words: a sentence with one of them promises nothing ("usually", "we will aim to").
_HEDGE = re.compile(r"\b(?:may|might|could|typically|usually|generally|often|normally|hope|hopefully|"
                    r"anticipate|aim to|try to|tries to|expect to discuss|to be determined|tbd|"
                    r"if (?:possible|feasible|available)|when (?:possible|feasible))\b", re.I)


def _number(word: str) -> float:
    """A number written in digits, in words ("three") or as an ordinal ("third", "3rd")."""
    word = word.lower()
    if word in _NUMBER_WORDS or word in _ORDINALS:
        return float(_NUMBER_WORDS.get(word) or _ORDINALS[word])
    return float(re.sub(r"(?:st|nd|rd|th)$", "", word))


def _clean(value: float) -> float | int:
    """A count (years, dollars) as an integer when it is whole."""
    value = round(value, 3)
    return int(value) if value == int(value) else value


def _fte(value: float) -> float:
    """A share of a full-time job, always a decimal (1.0, not 1)."""
    return round(float(value), 3)


# ---------------------------------------------------------------------------------------------
# 2. Effort: every quantity of effort in the letter, with the kind of time it is

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
_QUANTITY = re.compile(r"""
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
_NON_CLINICAL_KINDS = ("protected", "research", "scholarship", "teaching")
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


def _kind_in(words: str, last: bool) -> str | None:
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
        halves = _number(group["halves"])
        return halves * DAY_FTE / 2 if halves <= 10 else None
    days = _NUMBER_WORDS.get(re.sub(r"\s+", " ", group["days"].lower()))
    days = float(days if days is not None else group["days"]) + (0.5 if group.get("half") else 0)
    return days * DAY_FTE if days <= 5 else None


def efforts(sentence: Sentence, previous: str = "") -> list[Effort]:
    """Every quantity of effort in a sentence, with its kind (``previous``: the sentence before,
    where "a week" may have been said)."""
    text = sentence.text
    weekly = bool(re.search(r"\bweek", previous + " " + text, re.I))
    found: list[tuple[float, str | None, bool, bool]] = []
    matches = list(_QUANTITY.finditer(text))
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
        kind = (_kind_in(own, last=False) if own else None) or _kind_in(after, last=False) \
            or _kind_in(before, last=True)
        labelled = bool(_PROTECTED_WORD.search(segment))
        found.append((value, kind, labelled, bool(group.get("fte") or group.get("pct"))))
    # A quantity with no words of its own takes the kind the whole sentence speaks of, if one.
    kinds = {kind for _, kind, _, _ in found if kind}
    out = []
    for value, kind, labelled, exact in found:
        if kind is None:
            free = spoken - kinds
            kind = free.pop() if len(free) == 1 else None
        if kind in ("clinical", "admin", *_NON_CLINICAL_KINDS):
            out.append(Effort(value, kind, labelled or kind == "protected", sentence, exact))
    return out


# ---------------------------------------------------------------------------------------------
# 3. The rules, one per fact

@dataclass
class Letter:
    """A letter cut into sentences, with its quantities of effort read once."""

    sentences: list[Sentence]
    efforts: list[Effort]

    @classmethod
    def from_text(cls, text: str) -> "Letter":
        sents = sentences(text)
        previous = [""] + [s.text for s in sents[:-1]] if sents else []
        return cls(sents, [e for s, before in zip(sents, previous, strict=True) for e in efforts(s, before)])

    def effort(self, pick: Callable[[Effort], bool]) -> list[Effort]:
        """The quantities ``pick`` keeps; those written as FTE or percent if there are any, since
        a count of days or sessions only approximates them."""
        chosen = [e for e in self.efforts if pick(e)]
        exact = [e for e in chosen if e.exact]
        return exact or chosen

    def matching(self, pattern: re.Pattern[str]) -> Iterable[Sentence]:
        return (s for s in self.sentences if pattern.search(s.text))


def _one_value(facts: list[Fact]) -> Finding:
    """The value if every fact agrees, a suspect if they differ, nothing if there are none."""
    if not facts:
        return None
    values = {json.dumps(f.value) for f in facts}
    return facts[0] if len(values) == 1 else Suspect(facts[1].quote)


# --- rank ---------------------------------------------------------------------------------------

# The two ranks the calculators know, as titles are written ("Clinical Instructor", "Research
# Assistant Professor", "INSTRUCTOR"); a plural ("our Instructors") is no one's title.
_RANK_TITLE = re.compile(r"\b(?P<ap>Assistant\s+Professor|ASSISTANT\s+PROFESSOR|Asst\.?\s+Prof\.?)(?!s\b|ship)"
                         r"|\b(?P<inst>Instructor|INSTRUCTOR)(?!s\b)")
_OTHER_RANK = re.compile(r"\b(?:Associate|Full)\s+Professor\b|\bProfessor\b")
# Words just before a title that make it not the offered one: a promotion to come, a past
# post, a time "as Instructor", someone else's title.
_NOT_OFFERED_BEFORE = re.compile(
    r"\b(?:promot\w*|review(?:ed)?|consider(?:ed|ation)?|eligible|path(?:way)?|advance(?:ment)?|move\s+\w*\s*up|"
    r"become|becoming|toward|towards|served|serving|been|were|was|former(?:ly)?|previous(?:ly)?|upon|when|once|"
    r"after|until|from|(?:time|years?|service)\s+(?:spent\s+)?(?:as|at))\b[^.;]{0,40}$", re.I)
# Words that show a sentence offers or states the post.
_OFFER_WORDS = re.compile(r"\b(?:offer\w*|appoint\w*|position|title|rank|hire|hiring|join|start|begin|"
                          r"post|role|welcome|recruit\w*|employ\w*|re:)\b|\bas\s+(?:an?\s+)?$", re.I)
_RANK_LABEL = re.compile(r"^(?:rank|title|academic (?:rank|title)|position|faculty rank|appointment)\s*:", re.I)


def _offered_rank(sentence: Sentence, m: re.Match[str]) -> bool:
    before = sentence.text[:m.start()]
    if _NOT_OFFERED_BEFORE.search(before[-60:]) or _someone_elses(sentence, m):
        return False
    return bool(_OFFER_WORDS.search(sentence.text) or _RANK_LABEL.match(sentence.text)
                or _RANK_LABEL.match(sentence.heading + ":"))


# A title in apposition to a name or a degree: "Dr. Lee, Assistant Professor of ...", "Jane Roe, MD, ...".
_APPOSITION = re.compile(r"(?:\b[A-Z][a-z]+|\b(?:MD|M\.D\.|PhD|Ph\.D\.|DO|D\.O\.|MPH|MS|MBA|RN))\s*,\s*$")


def _someone_elses(sentence: Sentence, m: re.Match[str]) -> bool:
    """A title that belongs to someone the letter names, not to the post offered."""
    return bool(_APPOSITION.search(sentence.text[:m.start()]))


def read_rank(letter: Letter) -> Finding:
    """The rank offered: Instructor or Assistant Professor (not a promotion it mentions)."""
    offered: list[Fact] = []
    plain: list[Fact] = []  # a title neither offered in so many words nor ruled out
    mentioned: list[Sentence] = []
    for s in letter.sentences:
        for m in _RANK_TITLE.finditer(s.text):
            value = "assistant_professor" if m.group("ap") else "instructor"
            if _offered_rank(s, m):
                offered.append(Fact(value, _quote(s)))
            elif not _NOT_OFFERED_BEFORE.search(s.text[:m.start()][-60:]) and not _someone_elses(s, m):
                plain.append(Fact(value, _quote(s)))
            mentioned.append(s)
    found = _one_value(offered) or _one_value(plain)
    if found is None and mentioned:
        return Suspect(_quote(mentioned[0]))
    if found is None:
        other = next(letter.matching(_OTHER_RANK), None)
        return Suspect(_quote(other)) if other else None
    return found


# --- track --------------------------------------------------------------------------------------

# Tenure, said negatively: "non-tenure-track", "not eligible for tenure", "a non-tenure line".
_NOT_TENURE = re.compile(r"\bnon-?\s?tenure(?:[- ](?:track|eligible|line))?|\bnot\s+(?:be\s+)?(?:eligible\s+for|on\s+the)\s+tenure"
                         r"|\bnot\s+tenure[- ](?:track|eligible)|\bineligible\s+for\s+tenure|\bwithout\s+tenure"
                         r"|\b(?:does|will)\s+not\s+(?:carry|confer|lead\s+to|include)\s+tenure|\bno\s+tenure", re.I)
_TRACKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unspecified", re.compile(r"(?:do\s+not|don't|do\s+n't)\s+(?:really\s+)?(?:have|use)\s+(?:any\s+)?(?:official\s+|formal\s+)?tracks"
                               r"|\bno\s+(?:official|formal)\s+tracks|\btracks?\s+(?:has|have)\s+not\s+(?:yet\s+)?been\s+(?:determined|assigned|decided)"
                               r"|\btrack\s+(?:is\s+|will\s+be\s+)?to\s+be\s+determined|\bnot\s+(?:yet\s+)?(?:been\s+)?assigned\s+(?:to\s+)?a\s+track", re.I)),
    ("tenure", re.compile(r"\btenure[- ]?(?:track|eligible|line|stream|clock|system|review|probationary)\b|\beligible\s+for\s+tenure"
                          r"|\b(?:on|in)\s+the\s+tenure\b|\bwith\s+tenure\b", re.I)),
    ("research", re.compile(r"\bresearch[- ](?:track|pathway|line|series|ladder)\b|\binvestigator[- ](?:track|pathway)"
                            r"|\bphysician[- ]scientist\s+(?:track|pathway|line)|\bscientist\s+track"
                            r"|\bResearch\s+(?:Instructor|Assistant\s+Professor)\b", re.I)),
    ("clinician_educator", re.compile(r"\bclinician[- ]?educator|\bclinical[- ]educator|\beducator[- ]scholar|\bteaching[- ]scholar"
                                      r"|\bclinician[- ](?:teacher|scholar)|\bclinical\s+(?:scholars?|excellence)\s+(?:track|pathway|program|line)"
                                      r"|\bclinical\s+(?:track|pathway|line|series|ladder)\b|\beducator\s+(?:track|pathway)", re.I)),
    ("pure_clinical", re.compile(r"\bstaff\s+physician|\bcourtesy\s+(?:title|appointment)|\bhonorary\s+(?:title|appointment)"
                                 r"|\badjunct\b|\bvolunteer\s+(?:clinical\s+)?faculty|\bvoluntary\s+faculty|\bnon-?\s?academic\b"
                                 r"|\bpure(?:ly)?\s+clinical\s+(?:track|line|role|position|job|faculty)|\bclinical\s+practice\s+(?:track|line|pathway)"
                                 r"|\b(?:not|n't)\s+(?:be\s+)?(?:on|in|place\s+you\s+on)\s+(?:an?|any)\s+(?:academic|faculty)\s+(?:promotion\s+)?track"
                                 r"|\bno\s+faculty\s+appointment|\bnot\s+(?:an?\s+)?academic\s+(?:appointment|position)", re.I)),
)
# A track that might come later or was only compared: "you may later apply to the research track".
_TRACK_LATER = re.compile(r"\b(?:later|switch|transfer|move\s+to|apply\s+(?:separately\s+)?(?:to|for)|unlike|rather\s+than|"
                          r"instead\s+of|if\s+you\s+wish|separate\s+from|distinct\s+from|other\s+than|as\s+opposed\s+to|"
                          r"compared\s+(?:with|to))\b", re.I)


def read_track(letter: Letter) -> Finding:
    """The track named for this appointment."""
    hits: dict[str, Sentence] = {}
    negative_tenure: Sentence | None = None
    for s in letter.sentences:
        for clause in s.text.split(";"):
            if _NOT_TENURE.search(clause):
                negative_tenure = negative_tenure or s
                clause = _NOT_TENURE.sub(" ", clause)
            if _TRACK_LATER.search(clause):
                continue  # a track to come, or one named to contrast it with this one
            for value, pattern in _TRACKS:
                if pattern.search(clause):
                    hits.setdefault(value, s)
    if "tenure" in hits and "research" in hits:
        del hits["research"]  # a tenure-track physician-scientist is on the tenure track
    if len(hits) == 1:
        (value, s), = hits.items()
        return Fact(value, _quote(s))
    if hits:
        return Suspect(_quote(next(iter(hits.values()))))
    return Suspect(_quote(negative_tenure)) if negative_tenure else None


# --- effort -------------------------------------------------------------------------------------

# "the rest for your research", "the remainder of your time is protected": a share named by
# what is left of the other.
_REMAINDER = re.compile(r"\b(?:the\s+)?(?:rest|remainder|remaining|balance)\b(?!\s+(?:of\s+the\s+)?\d)(?P<words>[^.;]{0,60})", re.I)
_NO_PROTECTED_TIME = re.compile(r"\bno\s+(?:protected|dedicated|research|academic|non-?clinical)\s+(?:time|effort)"
                                r"|\b(?:does|will)\s+not\s+(?:include|provide|come\s+with)\s+(?:[\w-]+\s+){0,4}?"
                                r"(?:protected|dedicated|research|academic)\s+(?:time|effort)", re.I)


def _remainder(letter: Letter, kinds: tuple[str, ...]) -> Sentence | None:
    for s in letter.sentences:
        for m in _REMAINDER.finditer(s.text):
            if not _QUANTITY.search(m.group("words")) and _kind_in(m.group("words"), last=False) in kinds:
                return s
    return None


def read_clinical_fte(letter: Letter) -> Finding:
    """Clinical effort as FTE (0-1)."""
    clinical = [Fact(_fte(e.value), _quote(e.sentence)) for e in letter.effort(lambda e: e.kind == "clinical")]
    found = _one_value(clinical)
    if found is None:
        protected = _protected_quantity(letter)
        rest = _remainder(letter, ("clinical",))
        if isinstance(protected, Fact) and rest:
            return Fact(_fte(1 - protected.value), _quote(rest))
    return found


def _protected_quantity(letter: Letter) -> Finding:
    """Protected time from the quantities that name it: protected first, else the research,
    teaching and scholarship shares (summed when they complete the clinical share to 1)."""
    clinical = {e.value for e in letter.effort(lambda e: e.kind == "clinical")}
    for pick in (lambda e: e.labelled_protected, lambda e: e.kind in _NON_CLINICAL_KINDS):
        shares = letter.effort(lambda e, pick=pick: e.kind != "clinical" and pick(e))
        values = sorted({round(e.value, 3) for e in shares})
        if len(values) == 1:
            return Fact(_fte(values[0]), _quote(shares[0].sentence))
        if values and len(clinical) == 1 and abs(sum(values) + next(iter(clinical)) - 1) < 0.011:
            return Fact(_fte(sum(values)), _quote(shares[0].sentence))
        if values:
            return Suspect(_quote(shares[0].sentence))
    return None


def read_protected_fte(letter: Letter) -> Finding:
    """Protected non-clinical time as FTE (0-1): stated, the rest of a stated clinical share,
    or none when the letter says so or its clinical share is the whole job."""
    found = _protected_quantity(letter)
    if found is not None:
        return found
    clinical = read_clinical_fte(letter)
    if isinstance(clinical, Fact):
        rest = _remainder(letter, _NON_CLINICAL_KINDS)
        if rest:
            return Fact(_fte(1 - clinical.value), _quote(rest))
        if clinical.value == 1:
            return Fact(0.0, clinical.quote)
    none = next(letter.matching(_NO_PROTECTED_TIME), None)
    return Fact(0.0, _quote(none)) if none else None


# Time away from patients, named loosely: sentences that speak of protected time at all.
_PROTECTED_TALK = re.compile(r"\bprotect\w*|\bnon-?clinical\s+(?:time|effort)|\b(?:research|academic|scholarly|dedicated)\s+(?:time|effort|days?)"
                             r"|\btime\s+(?:for|to)\s+(?:\w+\s+){0,2}(?:teaching|projects?|scholarship|research|writing)"
                             r"|\btime\s+built\s+in", re.I)
# What makes protected time not protected: not in writing, softened, or given up to the service.
_NOT_PROTECTED = re.compile(
    r"\bnot\s+(?:\w+\s+){0,2}(?:protected|guaranteed)|n't\s+(?:\w+\s+){0,2}(?:protected|guaranteed)"
    r"|\bno\s+(?:protected|dedicated|guaranteed|research|academic)\s+(?:time|effort)"
    r"|\b(?:does|will)\s+not\s+(?:include|provide|come\s+with)\s+(?:[\w-]+\s+){0,4}?(?:protected|dedicated|research|academic)\s+(?:time|effort)"
    r"|\bsubject\s+to\s+(?:\w+\s+)?(?:clinical|staffing|service|departmental|operational|coverage)"
    r"|\bas\s+(?:the\s+)?(?:schedule|clinical\s+(?:needs|demands)|service\s+needs|census|staffing|coverage)\s+(?:allows?|permits?)"
    r"|\b(?:when|if)\s+(?:the\s+)?(?:clinical\s+)?(?:census|volume|staffing|coverage|service)\s+(?:allows?|permits?|is\s+high)"
    r"|\b(?:may|can|could)\s+be\s+(?:reduced|adjusted|reassigned|changed|suspended)"
    r"|\baim\s+to\b|\btry\s+to\b|\bhope\s+to\b|\beaten\s+up\b|\binformal(?:ly)?\b|\bnot\s+formal", re.I)


def read_protected_in_contract(letter: Letter) -> Finding:
    """Whether protected time is in writing: yes when the letter states protected time with no
    softening; no when it says it is not protected, not guaranteed or subject to clinical needs."""
    for s in letter.matching(_PROTECTED_TALK):
        if _NOT_PROTECTED.search(s.text):
            return Fact(False, _quote(s))
    labelled = [e for e in letter.efforts if e.labelled_protected and e.kind != "clinical"]
    if labelled:
        return Fact(True, _quote(labelled[0].sentence))
    return None


# --- promotion ----------------------------------------------------------------------------------

# A promotion or its review, as letters put it.
_PROMOTION = re.compile(r"\bpromot\w*|\btenure\s+review|\breview(?:ed)?\s+for\s+(?:the\s+rank\s+of\s+)?(?:assistant|associate)"
                        r"|\bconsider(?:ed|ation)?\s+for\s+(?:the\s+rank\s+of\s+)?(?:assistant|associate|promotion)"
                        r"|\bmove\s+(?:\w+\s+)?up\b|\badvance(?:ment)?\s+to\b"
                        r"|\b(?:review\w*|progress)\b[^.;]{0,60}\b(?:assistant|associate)\s+professor", re.I)
# When the review comes: "in your third year", "in year six", "after 24 months", "within two
# to three years", "at the two-year mark", "by the end of your second year".
_WHEN = re.compile(rf"""
    \b(?:in|during|by\s+the\s+end\s+of|at\s+the\s+end\s+of|no\s+later\s+than|before\s+the\s+end\s+of|by)\s+
        (?:your|their|the|his|her)\s+(?P<ordinal>{_ORDINAL})(?:\s+(?:or|to|-)\s+(?P<ordinal_b>{_ORDINAL}))?\s+(?:year|academic\s+year)\b
  | \b(?:in|during|at\s+the\s+end\s+of|by\s+the\s+end\s+of|by|before)\s+year\s+(?P<yearno>{_NUMBER})\b
  | \b(?:after|within|at|by|no\s+later\s+than|following|in)\s+(?:about\s+|approximately\s+)?
        (?P<n1>{_NUMBER})(?:\s*(?:-|to|or)\s*(?P<n2>{_NUMBER}))?\s+(?:full\s+)?(?P<unit>years?|months?)\b
  | \bat\s+the\s+(?P<mark>{_NUMBER})[- ](?P<markunit>year|month)\s+mark\b
  | \bthe\s+(?P<ordinal2>{_ORDINAL})\s+year\s+of\s+(?:your|the)\s+appointment
""", re.I | re.X)
# "Most faculty are reviewed in their sixth year": what usually happens, not a date for you.
_MOST = re.compile(r"\b(?:most|many)\b", re.I)
_VAGUE_WHEN = re.compile(r"\b(?:a\s+few|several|some|a\s+couple\s+of)\s+years\b|\bonce\s+(?:you|they)\b|\bno\s+set\s+timeline"
                         r"|\bisn't\s+a\s+set\s+timeline|\bnot\s+a\s+set\s+timeline|\bwhen\s+(?:you\s+are|you're)\s+ready", re.I)


def _years(m: re.Match[str]) -> float | None:
    if m.group("ordinal") or m.group("ordinal2"):
        first = _number(m.group("ordinal") or m.group("ordinal2"))
        return (first + _number(m.group("ordinal_b"))) / 2 if m.group("ordinal_b") else first
    if m.group("yearno"):
        return _number(m.group("yearno"))
    if m.group("mark"):
        n = _number(m.group("mark"))
        return n if m.group("markunit").lower() == "year" else n / 12
    n1 = _number(m.group("n1"))
    n2 = _number(m.group("n2")) if m.group("n2") else n1
    years = (n1 + n2) / 2
    return years / 12 if m.group("unit").lower().startswith("month") else years


def read_review_years(letter: Letter) -> Finding:
    """Years until the promotion review, when the letter gives a time (a range: its middle)."""
    facts, suspects = [], []
    for s in letter.matching(_PROMOTION):
        for clause in re.split(r";", s.text):
            if not _PROMOTION.search(clause):
                continue
            m = _WHEN.search(clause)
            years = _years(m) if m else None
            if years and 0 < years <= 15 and not _HEDGE.search(clause) and not _MOST.search(clause):
                facts.append(Fact(_clean(years), _quote(s)))
            elif years or _VAGUE_WHEN.search(clause):
                suspects.append(s)
    found = _one_value(facts)
    return found if found is not None else (Suspect(_quote(suspects[0])) if suspects else None)


# Written criteria: a document of criteria, guidelines or policies for promotion, given or published.
_CRITERIA_NOUN = re.compile(r"\b(?:criteria|guidelines?|benchmarks?|standards?|polic(?:y|ies)|requirements|expectations|handbook)\b", re.I)
_CRITERIA_WRITTEN = re.compile(r"\b(?:written|enclos\w*|attach\w*|publish\w*|availab\w*|set\s+(?:out|forth)|describ\w*|outlin\w*|"
                               r"provid\w*|cop(?:y|ies)|document\w*|in\s+writing|handbook|appendix)\b", re.I)
_NO_CRITERIA = re.compile(r"\b(?:no|not|n't|without)\b(?:\s+\w+){0,3}?\s+(?:written|formal|set|official|published)\s+(?:\w+\s+)?"
                          r"(?:policy|policies|criteria|standards?|process|guidelines|benchmarks)"
                          r"|\bno\s+promotion\s+(?:process|policy|criteria|pathway)|\b(?:there\s+is|there's)\s+nothing\s+(?:formal|in\s+writing)"
                          r"|\bat\s+the\s+discretion\s+of|\bnot\s+(?:\w+\s+)?written\s+(?:down|criteria)|\binformal\s+(?:process|criteria)", re.I)


def read_written_criteria(letter: Letter) -> Finding:
    """Whether written promotion criteria exist (enclosed, attached, published) or not."""
    for s in letter.sentences:
        if _NO_CRITERIA.search(s.text) and re.search(r"promot|criteria|polic", s.text, re.I):
            return Fact(False, _quote(s))
    for s in letter.sentences:
        text = s.text
        if (_CRITERIA_NOUN.search(text) and re.search(r"promot|tenure|advancement|\brank\b|professor|\btrack\b", text, re.I)
                and _CRITERIA_WRITTEN.search(text) and not _HEDGE.search(text)
                and not re.search(r"\b(?:no|not|n't|without)\b", text, re.I)):
            return Fact(True, _quote(s))
    return None


# Instructor years: do they count toward time in rank or the promotion clock?
_YEARS_AS_INSTRUCTOR = re.compile(r"\b(?:time|years?|service)\s+(?:spent\s+)?(?:as|at\s+the\s+rank\s+of)\s+(?:an?\s+)?(?:Clinical\s+)?Instructor"
                                  r"|\bprior\s+(?:service|years)|\bInstructor\s+years", re.I)
_COUNTS = re.compile(r"\bcounts?\s+(?:toward|towards|to)\b|\bwill\s+count\b|\bcredit(?:ed)?\s+(?:for|toward|towards)", re.I)
_DOES_NOT_COUNT = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?count|\bclock\s+(?:begins|starts|will\s+begin|will\s+start)\s+"
                             r"(?:only\s+)?(?:upon|when|at|with)\s+(?:your\s+)?(?:appointment|promotion)|\breset", re.I)


def read_years_count_toward_rank(letter: Letter) -> Finding:
    """Whether the years as Instructor count toward time in rank."""
    for s in letter.matching(_YEARS_AS_INSTRUCTOR):
        if _DOES_NOT_COUNT.search(s.text):
            return Fact(False, _quote(s))
        if _COUNTS.search(s.text):
            return Fact(True, _quote(s)) if not _HEDGE.search(s.text) else Suspect(_quote(s))
    return None


# --- department ---------------------------------------------------------------------------------

_SURGICAL = re.compile(r"\b(?:surg\w*|neurosurg\w*|urolog\w*|otolaryngolog\w*|otorhinolaryngolog\w*|orthop(?:a)?edic\w*|"
                       r"ophthalmolog\w*|head\s+and\s+neck|cardiothoracic|thoracic|vascular\s+and\s+endovascular|"
                       r"transplant|colorectal|plastic)", re.I)
_NON_SURGICAL = re.compile(r"\b(?:medicine|pediatric\w*|paediatric\w*|psychiatr\w*|neurolog\w*|radiolog\w*|patholog\w*|"
                           r"dermatolog\w*|anesthesi\w*|anaesthesi\w*|cardiolog\w*|nephrolog\w*|gastroenterolog\w*|"
                           r"hepatolog\w*|oncolog\w*|hematolog\w*|endocrinolog\w*|infectious|pulmonar\w*|rheumatolog\w*|"
                           r"geriatric\w*|neonatolog\w*|behavioral|hospitalist|family|emergency|allergy|immunolog\w*|"
                           r"critical\s+care|palliative|genetics|psycholog\w*)", re.I)
# Where a letter names its department: "Department of X", "Division of X", "X Department",
# and the field in a title ("Instructor in Surgery", "Assistant Professor of Urology").
_UNITS = (
    re.compile(r"\b(?:department|dept\.?|division|section|service)\s+of\s+(?P<name>(?:[\w&/'-]+\s*){1,6})", re.I),
    re.compile(r"(?P<name>(?:(?!(?:in|at|the|of|our|your|a|an|to|for|and|with|on|by)\b)[\w&/'-]+\s+){1,3})"
               r"(?:department|division|section|service\s+line)\b(?!\s+of\b)", re.I),
    re.compile(r"\b(?:Instructor|Professor)\s+(?:in|of)\s+(?:Clinical\s+)?(?P<name>(?:[A-Z][\w&/'-]*\s*){1,4})"),
    re.compile(r"^(?:department|division|section|specialty)\s*:\s*(?P<name>.+)$", re.I),
)


def _department_kind(name: str) -> bool | None:
    name = re.split(r"\b(?:at|in|on|for|effective|beginning|starting|to|with|the)\b|[,.;:()]", name, flags=re.I)[0]
    if _SURGICAL.search(name):
        return True
    if _NON_SURGICAL.search(name):
        return False
    return None


def read_surgical_subspecialty(letter: Letter) -> Finding:
    """Whether the post is in a surgical department (from the department or division named)."""
    facts: list[Fact] = []
    for s in letter.sentences:
        for pattern in _UNITS:
            for m in pattern.finditer(s.text):
                kind = _department_kind(m.group("name"))
                if kind is not None:
                    facts.append(Fact(kind, _quote(s)))
    if any(f.value for f in facts) and not all(f.value for f in facts):
        # A surgical and a non-surgical unit: a surgeon's letter often names the Department
        # of Surgery and a division of it ("Transplant"), while a physician's letter may name
        # surgery only as a colleague. Trust the first unit named in an offer sentence.
        offers = [f for f in facts if _OFFER_WORDS.search(f.quote)]
        return offers[0] if offers and len({f.value for f in offers}) == 1 else Suspect(facts[0].quote)
    return facts[0] if facts else None


# --- support ------------------------------------------------------------------------------------

# A mentor for the new faculty member, or staff to help their scholarship.
_MENTOR_GIVEN = re.compile(r"\b(?:serve|act)\s+as\s+(?:your|a)\s+(?:\w+\s+){0,2}mentor|\byour\s+(?:\w+\s+){0,2}mentor\b"
                           r"|\b(?:assigned|paired\s+with|matched\s+with|given)\s+(?:a|an|one|two)\s+(?:[\w-]+\s+){0,3}mentor"
                           r"|\bmentor(?:ing|ship)?\s+(?:committee|team|program|programme)\b|\bmentor\s+you\b|\bas\s+a\s+mentor\b"
                           r"|\b(?:research\s+(?:coordinator|assistant|technician|nurse)|biostatistician|statistician"
                           r"|writing\s+group|grant[- ]writing\s+support)", re.I)
_NO_MENTOR = re.compile(r"\bno\s+(?:formal\s+|assigned\s+)?mentor(?:ing|ship|s)?\b|\bnot\s+(?:be\s+)?assigned\s+a\s+mentor"
                        r"|\b(?:find|identify|seek\s+out)\s+(?:your\s+own|a)\s+mentor", re.I)


# Mentoring that the new faculty member gives to learners, not receives.
_MENTORING_LEARNERS = re.compile(r"\bmentor\w*\s+(?:of\s+|for\s+)?(?:the\s+|our\s+)?(?:residents|students|trainees|fellows|learners)"
                                 r"|\b(?:resident|student|trainee|fellow|learner)s?'?\s+mentor", re.I)


def read_mentorship(letter: Letter) -> Finding:
    """Whether the letter gives mentors or staff support for scholarship."""
    for s in letter.sentences:
        if _NO_MENTOR.search(s.text):
            return Fact(False, _quote(s))
    for s in letter.matching(_MENTOR_GIVEN):
        if _MENTORING_LEARNERS.search(s.text) and not re.search(r"\byour\s+(?:\w+\s+)?mentor|\bmentor\s+you\b", s.text, re.I):
            continue
        return Fact(True, _quote(s)) if not _HEDGE.search(s.text) else Suspect(_quote(s))
    return None


# Money for research: start-up, research or seed funds, a discretionary account.
_FUNDS_GIVEN = re.compile(r"\bstart[- ]?up\b|\bseed\s+(?:funds?|funding|grant)|\bresearch\s+(?:funds?|funding|support|account|budget)"
                          r"|\bdiscretionary\s+(?:funds?|account)|\bpilot\s+(?:funds?|grant)|\bbridge\s+funding", re.I)
_NO_FUNDS = re.compile(r"\b(?:no|not|n't|without)\b[^.;]{0,40}\b(?:start[- ]?up|research\s+(?:funds?|funding|support)|funding|funds)\b", re.I)


def read_funding(letter: Letter) -> Finding:
    """Whether start-up funds or grant support come with the post."""
    for s in letter.matching(_FUNDS_GIVEN):
        if _NO_FUNDS.search(s.text):
            return Fact(False, _quote(s))
        if re.search(r"\$|\bprovide|\bwill\s+(?:receive|have)|\bpackage|\bof\s+\d", s.text, re.I) and not _HEDGE.search(s.text):
            return Fact(True, _quote(s))
        return Suspect(_quote(s))
    return None


# Leadership seeing the new faculty member as future faculty, in so many words.
_LEADERSHIP_FOR = re.compile(
    r"\b(?:view|see|regard|consider)\w*\s+(?:you|this\s+(?:position|role|appointment))\s+as\s+(?:\w+\s+){0,4}(?:faculty|colleague|career|step)"
    r"|\bfuture\s+(?:member\s+of\s+our\s+)?(?:\w+\s+)?faculty|\blong-term\s+faculty|\bfaculty\s+pipeline"
    r"|\bcommitted\s+to\s+(?:supporting\s+)?your\s+(?:academic\s+)?(?:advancement|promotion)"
    r"|\bcommitted\s+to\s+(?:supporting\s+)?your\s+(?:academic|faculty)\s+(?:development|career|growth)"
    r"|\bsupport\s+your\s+(?:academic\s+)?(?:promotion|advancement)|\bsupport\s+your\s+academic\s+(?:development|career)"
    r"|\bsupport\s+your\s+(?:development|growth)\s+as\s+an?\s+(?:academic|faculty|clinician-educator|educator|investigator|scientist)"
    r"|\binvest(?:ed|ing)?\s+in\s+your\s+(?:academic|faculty)\s+(?:career|development|future)", re.I)
_LEADERSHIP_AGAINST = re.compile(r"\bprimarily\s+(?:designed\s+|intended\s+)?(?:to\s+)?(?:support\s+|provide\s+)?clinical\s+coverage"
                                 r"|\b(?:primarily|mainly|essentially)\s+a\s+(?:clinical|service)\s+(?:role|position|job)"
                                 r"|\bnot\s+(?:intended|designed|meant)\s+as\s+an?\s+(?:academic|faculty)\s+(?:pathway|position|career)", re.I)


def read_leadership_support(letter: Letter) -> Finding:
    """Whether leadership says in writing that it sees the post as a faculty career, or only coverage."""
    for s in letter.matching(_LEADERSHIP_FOR):
        if not _HEDGE.search(s.text):
            return Fact(True, _quote(s))
    against = next(letter.matching(_LEADERSHIP_AGAINST), None)
    return Fact(False, _quote(against)) if against else None


# --- salary -------------------------------------------------------------------------------------

# An amount of money: $198,000 / USD 189,500 / $410K / 192,000.00 dollars.
_MONEY = re.compile(r"(?:US\$|USD\s?|CA\$|C\$|A\$|\$|\u00a3|\u20ac|EUR\s?|GBP\s?)\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?(?P<k>\s?[kK]\b)?"
                    r"|(?P<n2>\d{1,3}(?:,\d{3})+)(?:\.\d{2})?\s?(?:USD|dollars)\b")
_SALARY_WORD = re.compile(r"\bsalary\b|\bbase\b|\bannual\s+(?:compensation|rate|pay)\b|\bcompensation\b|\bper\s+annum\b"
                          r"|\bpay\b(?=[^.;$]{0,25}?\b(?:is|will\s+be|of)\b|\s*:)", re.I)
_OTHER_MONEY_WORD = re.compile(r"\bbonus|\bincentive|\bsign(?:ing|-on)\b|\brelocation|\bmoving|\bstart[- ]?up|\bCME\b|\ballowance"
                               r"|\bsupplement|\bstipend|\bretention|\bloan|\breimburs\w*|\bpremium|\bmatch|\bcontribution|\bfunds?\b"
                               r"|\bper\s+(?:shift|hour|month|RVU|week|session)|\btail\b|\bgrant|\bpackage|\bdues|\bprofessional\s+development"
                               r"|\bcontinuing\s+(?:medical\s+)?education|\bexpenses", re.I)


def _amount(m: re.Match[str]) -> float:
    n = float((m.group("n") or m.group("n2")).replace(",", ""))
    return n * 1000 if m.group("k") else n


def _money_kind(text: str, m: re.Match[str]) -> str | None:
    """salary, other, or None: what the nearest money word before (else after) the amount names."""
    before, after = text[max(0, m.start() - 90):m.start()], text[m.end():m.end() + 50]
    before = re.split(r";|\.\s|\d\b", before)[-1]  # back to the sentence's or the last amount's end
    if _OTHER_MONEY_WORD.search(before):
        return "other"  # "a sign-on bonus of", "incentive pay of"
    if _SALARY_WORD.search(before):
        return "salary"
    after = re.split(r"[;,]|\.\s", after)[0]
    hits = [(m2.start(), "salary") for m2 in _SALARY_WORD.finditer(after)] + \
           [(m2.start(), "other") for m2 in _OTHER_MONEY_WORD.finditer(after)]
    return min(hits)[1] if hits else None


def read_salary(letter: Letter) -> Finding:
    """The base yearly salary, from an amount the letter names as salary or base pay."""
    facts: list[Fact] = []
    suspects: list[Sentence] = []
    for s in letter.sentences:
        context = s.text if _SALARY_WORD.search(s.text) else f"{s.heading}: {s.text}"
        for m in _MONEY.finditer(context):
            kind = _money_kind(context, m)
            amount = _amount(m)
            if kind != "salary":
                continue
            if not SALARY_RANGE[0] <= amount <= SALARY_RANGE[1] or re.search(
                    r"\b(?:to|-)\s*\$?\d", context[m.end():m.end() + 6]) or re.search(r"\bbetween\s*$", context[:m.start()]):
                suspects.append(s)  # a range, or not a yearly amount
                continue
            facts.append(Fact(_clean(amount), _quote(s)))
        if not facts and _SALARY_WORD.search(s.text) and not _MONEY.search(s.text):
            suspects.append(s)
    found = _one_value(facts)
    return found if found is not None else (Suspect(_quote(suspects[0])) if suspects else None)


# ---------------------------------------------------------------------------------------------
# The letter as a whole

RULES: dict[str, Callable[[Letter], Finding]] = {
    "rank": read_rank,
    "track": read_track,
    "clinical_fte": read_clinical_fte,
    "protected_fte": read_protected_fte,
    "protected_in_contract": read_protected_in_contract,
    "written_criteria": read_written_criteria,
    "review_years": read_review_years,
    "years_count_toward_rank": read_years_count_toward_rank,
    "surgical_subspecialty": read_surgical_subspecialty,
    "mentorship": read_mentorship,
    "funding": read_funding,
    "leadership_support": read_leadership_support,
    "salary": read_salary,
}

# Words of an academic appointment: a text with none of them and no rank is not an offer letter.
_FACULTY_WORDS = re.compile(r"\b(?:faculty|appointment|appoint(?:ed)?|offer(?:ing)?|position|department|division|"
                            r"professor|instructor|tenure|promotion|FTE|salary|physician|residency|dean|chair|"
                            r"clinical|track)\b", re.I)
_APPOINTMENT_WORDS = re.compile(r"\b(?:faculty|appointment|appoint(?:ed)?|offer(?:ing)?|position|hire|employment)\b", re.I)


def is_offer_letter(letter: Letter) -> bool:
    """A rank, or several words of an academic appointment including an offer or appointment."""
    text = " ".join(s.text for s in letter.sentences)
    words = {w.lower() for w in _FACULTY_WORDS.findall(text)}
    has_rank = bool(_RANK_TITLE.search(text)) or bool(re.search(r"\bstaff\s+physician\b", text, re.I))
    return (has_rank and bool(words - {"instructor", "professor"})) or (
        len(words) >= 3 and bool(_APPOINTMENT_WORDS.search(text)))


def _consistent(found: dict[str, Fact], suspect: dict[str, str]) -> None:
    """Drop readings that contradict each other: clinical plus protected over 1.0."""
    clinical, protected = found.get("clinical_fte"), found.get("protected_fte")
    if clinical and protected and clinical.value + protected.value > 1.001:
        suspect["protected_fte"] = found.pop("protected_fte").quote
        suspect["clinical_fte"] = found.pop("clinical_fte").quote


def read_letter(text: str) -> Reading:
    """Read an offer letter's text; raise :class:`LetterError` if it is empty or not a letter."""
    if not text or not text.strip():
        raise LetterError("empty", "the letter is empty: there is no text to read")
    letter = Letter.from_text(text)
    if not is_offer_letter(letter):
        raise LetterError("not_a_letter", "this does not look like an academic offer letter: it names no faculty "
                                          "rank and has no words of a faculty appointment")
    reading = Reading()
    for name, rule in RULES.items():
        finding = rule(letter)
        if isinstance(finding, Fact):
            reading.found[name] = finding
        elif isinstance(finding, Suspect):
            reading.suspect[name] = finding.quote
    _consistent(reading.found, reading.suspect)
    if len(text) > MAX_TEXT_CHARS:
        reading.note = f"the letter is long: only its first {MAX_TEXT_CHARS:,} characters were read"
    return reading


def handle(request: str) -> str:
    """The worker's entry point: ``{"text": ...}`` in; ``{"ok": true, "reading": {...}}``,
    ``{"ok": false, "error": {"code", "message"}}`` or ``{"ok": false, "crash": ...}`` out."""
    reply: dict[str, Any]
    try:
        req = json.loads(request)
        text = req.get("text") if isinstance(req, dict) else None
        if not isinstance(text, str):
            raise LetterError("bad_request", 'expected {"text": "the letter\'s text"}')
        reply = {"ok": True, "reading": read_letter(text).as_dict()}
    except LetterError as exc:
        reply = {"ok": False, "error": exc.as_dict()}
    except Exception:  # a bug in a rule: report it, keep the worker alive
        reply = {"ok": False, "crash": traceback.format_exc(limit=3)}
    return json.dumps(reply)


def _check_against_calculators() -> None:
    """Fail at import if a calculator renamed a field or a choice this reader fills."""
    names = {f.name for f in instructor_offer.FIELDS} | {f.name for f in offer_comparison.OFFER_FIELDS}
    missing = [n for n in FIELDS if n not in names]
    values = {v for v, _ in _TRACKS} - TRACK_VALUES
    if missing or values or {"instructor", "assistant_professor"} - RANK_VALUES:
        raise RuntimeError(f"calculators.letter is out of step with the calculators: fields {missing}, "
                           f"track values {sorted(values)}")


_check_against_calculators()
