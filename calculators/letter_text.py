"""A letter's text as sentences: normalized characters; marks (:mod:`.letter_marks`: Markdown,
check boxes, footnote markers) and the printed page (:mod:`.letter_layout`: page furniture, words
hyphenated across lines, bar tables) made plain; lines joined into paragraphs; paragraphs cut
into sentences (:mod:`.letter_split`), each with the heading it stands under and the number of
the clause it is in.

PDF text breaks lines mid-sentence: lines are joined unless a line is a heading (a short line, a
heading in capitals), a bullet or numbered clause, a label ("Rank: Instructor"), a salutation,
or ends a paragraph. Every step is linear in the text, and the limits below bound what any
later rule works on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .letter_layout import dehyphenate, denied_row, drop_page_furniture, table_rows
from .letter_marks import plain_marks
from .letter_split import is_run_in_heading, split_sentences
from .letter_numbers import words_to_digits

MAX_TEXT_CHARS = 100_000
"""Characters of a letter read; a longer text is read up to here (an offer letter is 3-30 thousand)."""
MAX_WORD_CHARS = 60
"""A longer run of non-space characters (a pasted image, a garbled PDF) is cut to this."""
QUOTE_CHARS = 400
"""A quote longer than this is cut, with an ellipsis."""


@dataclass(frozen=True)
class Sentence:
    text: str
    """The sentence as the rules read it: numbers written in words as digits ("70 percent")."""
    heading: str = ""
    """The heading or lead-in ("Compensation", "Effort allocation:") above the sentence."""
    original: str = ""
    """The sentence in the letter's own words, as it is quoted ("Seventy percent"); if empty, ``text``."""
    clause: str = ""
    """The number of the numbered paragraph or clause it stands in ("4", "3.2"), if any."""


_CHAR_MAP = str.maketrans({
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": "    ", "\u00ad": None,
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\u2014": " - ", "\u2015": " - ", "\ufb01": "fi", "\ufb02": "fl", "\f": "\n\n",
})
# A bullet or list marker at the start of a line: "•", "●", "➢", a symbol font's bullet as a PDF
# gives it (U+F0B7), "-", "*", "1.", "(a)", "iv)", or a
# numbered clause, "3.2 Effort.", "\u00a7 2.1" (its number, not a decimal: "1.0 FTE", "2.5 Days" are no clause). The
# number is kept, for an amendment that names the clause.
_BULLET = re.compile(r"^\s*(?:[\u2022\u25aa\u25e6\u00b7\u2023\u2043\u25cf\u25ba\u27a2\uf0b7\uf0a7\uf076\uf0d8*o\-]\s+|\(?(?P<num>\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s+"
                     r"|(?P<clause>[1-9]\d?(?:\.\d{1,2}){1,3})\.?\s+(?=[A-Z(])(?!(?i:FTE|days?|sessions?|hours?|weeks?|months?|years?)\b)"
                     r"|\u00a7+\s*(?P<section>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+)")
# A heading in capitals: "COMPENSATION", "1. APPOINTMENT", "ACADEMIC SUPPORT" (a word of four
# letters or more, no lower-case letter, at most ten words).
_CAPS_HEADING = re.compile(r"^\s*(?:[1-9]\d?\.\s+)?(?=[^a-z]*[A-Z]{4})[A-Z][A-Z0-9&,'/()-]*(?:\s+[A-Z0-9&,'/()-]+){0,9}:?\s*$")
# Two columns of a table or form: a label, three or more spaces, a value.
_COLUMNS = re.compile(r"\S {3,}\S")
# A short "Label: value" line of a form or table ("Rank: Instructor", "Clinical: 25").
_FORM_LINE = re.compile(r"^\s*[A-Z][\w()/,'&-]*(?:\s+[\w()/,'&-]+){0,4}:\s+\S.{0,40}$")
# A salutation, a line of its own: "Dear Dr. Sorensen," (also in PDF text without blank lines).
_SALUTATION_LINE = re.compile(r"^\s*Dear\s+[^.!?]{1,60}[,:]\s*$")
# Words after which a line cannot end a heading or a sentence, so the next line continues it.
_OPEN_END = re.compile(r"\b(?:a|an|the|of|to|and|or|as|at|by|be|in|for|with|will|is|are|your|our|from|on|"
                       r"per|than|that|which|who|this|these|its|their|his|her|was|were|has|have)$", re.I)
# A line that starts with a speaker or label and a colon, as each message of a chat export or
# each row of a form does: "Ken Sato: we can do Asst Prof", "Q: Is there start-up money?".
_LABEL_START = re.compile(r"^\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}:\s+\S")


_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))
# An email's quoting marks at the start of a line: "> What is my title?".
_QUOTED = re.compile(r"^\s*(?:>\s?)+")
# Dotted leaders between a label and its value: "Annual base salary (USD) ....... 228,750" (four
# dots or more: a prose ellipsis has three).
_LEADER = re.compile(r"(?<=\S) *(?:\. ?){4,} *(?=\S)")
# Where a form row's label ends: a colon, or a gap of three spaces or more.
_GAP = re.compile(r":? {3,}")
CONTINUATION_INDENT = 8
"""A line indented this far, under a form row, continues the row's value."""


def normalize(text: str) -> str:
    """Plain characters, one kind of line break, no page furniture, quoting or table bars, no
    word hyphenated across lines (:mod:`.letter_layout`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CHAR_MAP)
    text = _LONG_WORD.sub(lambda m: m.group(0)[:MAX_WORD_CHARS], text)
    lines = [_LEADER.sub("   ", _QUOTED.sub("", line)).rstrip() for line in text.split("\n")]
    return "\n".join(dehyphenate(drop_page_furniture(table_rows(plain_marks(lines)))))


def _is_short(line: str, width: int) -> bool:
    return len(line) < 0.6 * width


def _ends_unit(line: str, nxt: str, width: int, continuing: bool) -> bool:
    """Whether the unit (paragraph, bullet, heading) that ``line`` is in ends with it.
    ``continuing``: the line continues a unit begun on an earlier line."""
    if not nxt or _BULLET.match(nxt):
        return True
    last = line.rstrip()
    first = nxt.lstrip()[:1]
    if _OPEN_END.search(last) or not (first.isupper() or first in "\"'(") or re.search(r"[A-Za-z]-$", last):
        return False  # "... salary will be" / "$203,000.", a lower-case continuation, "Clinician-" / "Educator"
    if _CAPS_HEADING.match(last) or _CAPS_HEADING.match(nxt) or _SALUTATION_LINE.match(last) or _SALUTATION_LINE.match(nxt):
        return True  # a heading in capitals stands alone, and so does a salutation
    if _COLUMNS.search(line.strip()) and _indent(nxt) >= CONTINUATION_INDENT and not _COLUMNS.search(nxt.strip()):
        return False  # a form row's value that goes on below it
    if _COLUMNS.search(nxt.strip()) or _COLUMNS.search(last.strip()) or _FORM_LINE.match(last) \
            or _FORM_LINE.match(nxt) or _LABEL_START.match(nxt) or last.endswith(":"):
        return True
    if continuing and not re.search(r"[.!?]$", last):
        return False  # a short piece left over by rewrapping ("...a position as" / "Assistant" / "Professor of")
    return _is_short(last, width)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _line_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80


def _clause_number(line: str) -> str:
    m = _BULLET.match(line)
    return (m.group("num") or m.group("clause") or m.group("section") or "") if m else ""


def units(text: str) -> list[tuple[str, str]]:
    """Paragraphs, bullets, headings and form lines, each on one line, with the number of the
    clause each stands in ("4", "3.2"; a numbered heading's number for the lines under it)."""
    lines = normalize(text).split("\n")
    width = _line_width(lines)
    out: list[tuple[str, str]] = []
    current: list[str] = []
    number = under = ""  # the current unit's own number; the last numbered heading's

    def close() -> None:
        nonlocal under
        unit = re.sub(r"(\w)- (\w)", r"\1-\2", re.sub(r"\s+", " ", " ".join(current))).strip()
        if unit:
            if _is_heading(unit):
                under = number
            out.append((unit, number or under))
        current.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            if current:
                close()
            continue
        if not current:
            number = _clause_number(line)
            line = _BULLET.sub("", line, count=1)
        current.append(re.sub(r"\s+", " ", line.strip()) if not _COLUMNS.search(line.strip())
                       else _GAP.sub(": ", line.strip()))  # two columns as "Label: value"
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _ends_unit(line, nxt if nxt.strip() else "", width, continuing=len(current) > 1):
            close()
    if current:
        close()
    return out


def _is_heading(unit: str) -> bool:
    """A short line without a full stop ("Compensation", "Effort (percent of 1.0 FTE)") or a
    lead-in ending with a colon; not a form line ("Rank: Instructor")."""
    words = unit.split()
    if unit.endswith(":"):
        return len(words) <= 12
    return len(words) <= 8 and ": " not in unit and "?" not in unit and not re.search(r"[.!?,;]$", unit)


# A yes-or-no question and its answer: "Q: Is there start-up money?" "A: No."; a form's question
# without a verb too ("Start-up or research funds? No"), not a question of who, what or when.
_QUESTION = re.compile(r"^(?:Q(?:uestion)?\s*[:.]\s*)?(?:(?:is|are|was|will|would|do|does|did|can|could|shall|should|has|have|may)\s+)?"
                       r"(?!(?:who|what|when|where|why|how|which|whose)\b)(?P<body>.+?)\?$", re.I)
_ANSWER = re.compile(r"^(?:A(?:nswer)?\s*[:.]\s*)?(?P<word>yes|no)\b", re.I)


def _answered(question: Sentence, answer: Sentence | None) -> Sentence | None:
    """A question with its yes or no as the statement it makes ("Will my years as Instructor
    count?" "No." reads "not my years as Instructor count"); None for any other question, which
    states nothing."""
    asked = _QUESTION.match(question.text)
    said = _ANSWER.match(answer.text) if answer else None
    if not (asked and said and answer):
        return None
    body = asked.group("body")
    text = f"{body}." if said.group("word").lower() == "yes" else f"not {body}."
    return Sentence(text, question.heading, f"{question.original} {answer.original}")


def sentences(text: str) -> list[Sentence]:
    """The letter's sentences in order, each with the heading it stands under; a question only
    as the statement its yes or no answer makes."""
    read: list[Sentence] = []
    heading = ""
    for unit, clause in units(text[:MAX_TEXT_CHARS]):
        if _is_heading(unit):
            heading = unit.rstrip(":")
        pieces = split_sentences(unit)
        if len(pieces) > 1 and is_run_in_heading(pieces[0]):
            heading = pieces[0].rstrip(".")  # "3.2 Effort. Effort is allocated...": read too ("Clinical Scholar Track.")
        for sentence in pieces:
            read.append(Sentence(words_to_digits(denied_row(sentence)), heading, sentence, clause))
    out: list[Sentence] = []
    for i, s in enumerate(read):
        if not s.text.rstrip("\"')").endswith("?"):
            out.append(s)
        elif statement := _answered(s, read[i + 1] if i + 1 < len(read) else None):
            out.append(statement)
    return out


def quote(sentence: Sentence) -> str:
    """The sentence in the letter's words, as shown to the reader, cut to QUOTE_CHARS."""
    text = sentence.original or sentence.text
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + "\u2026"
