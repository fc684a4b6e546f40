"""A letter's lines as a printed page leaves them, made plain before they are cut into sentences:
page furniture (page numbers, running headers and footers) dropped and the sentence it cut
joined again, words a PDF hyphenated across two lines made whole, bar-drawn tables as one
"Label: value" line per row, and table cells that deny a term ("Research funds: None") said as
a denial.

Every step is one pass over the lines (a running header is found by counting lines once).
"""
from __future__ import annotations

import re
from collections import Counter

# A line that is only a page number: "3", "- 2 -", "Page 2", "Page 2 of 3", "CONFIDENTIAL 2".
_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:(?:confidential|personal and confidential)\s*)?"
                               r"(?:-?\s*\d{1,3}\s*-?|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?)\s*$", re.I)
# A page marker with a few words of furniture before or after it, set apart by a dash, a bar or
# a wide gap: "Page 1 of 3 - CONFIDENTIAL", "CONFIDENTIAL    Page 2 of 2", "Offer letter | page 2".
_SEPARATOR = r"(?:\s[-|\u2022]\s|\s{2,})"
_PAGE_MARK_LINE = re.compile(rf"^\s*(?:[^\n]{{0,60}}?{_SEPARATOR})?page\s+\d{{1,3}}(?:\s+of\s+\d{{1,3}})?"
                             rf"(?:{_SEPARATOR}[^\n]{{0,60}}?)?\s*$", re.I)
FURNITURE_REACH = 2
"""Non-blank lines before and after a page marker that may be a running header or footer."""
# A line that ends a sentence or a lead-in: the text after furniture is then a new paragraph.
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"')\]]*\s*$")


def is_page_mark(line: str) -> bool:
    return bool(_PAGE_NUMBER_LINE.match(line) or _PAGE_MARK_LINE.match(line))


def _opens_the_letter(lines: list[str], i: int, marks: set[int]) -> bool:
    """Whether a line stands where a paragraph may begin: first in the letter, or after a line
    that ends a sentence (page furniture between them not counted)."""
    j = i - 1
    while j >= 0 and (not lines[j].strip() or j in marks):
        j -= 1
    return j < 0 or bool(_ENDS_SENTENCE.search(lines[j]))


def _running_lines(lines: list[str], marks: list[int]) -> set[int]:
    """Lines beside page markers that recur beside page markers word for word: a running header
    or footer ("Bramford Medical School - Offer of Appointment - K. Marlowe"). Its first
    occurrence stays where it may be the letterhead ("Department of Surgery" above the letter),
    not where it cuts a sentence."""
    beside: dict[str, list[int]] = {}
    for mark in marks:
        for step in (-1, 1):
            i, seen = mark + step, 0
            while 0 <= i < len(lines) and seen < FURNITURE_REACH:
                if lines[i].strip():
                    seen += 1
                    if len(lines[i].split()) >= 2 and not is_page_mark(lines[i]):
                        beside.setdefault(lines[i].strip().lower(), []).append(i)
                i += step
    running: set[int] = set()
    for found in beside.values():
        found = sorted(set(found))
        if len(found) >= 2:
            running.update(found[1:] if _opens_the_letter(lines, found[0], set(marks)) else found)
    return running


def _interrupting_lines(lines: list[str]) -> set[int]:
    """Lines the letter repeats word for word of which one cuts a sentence in two (the line
    before it ends no sentence, the line after goes on in lower case): a footer with no page
    number ("Hartwell University | 100 Main St | hartwell.edu"). A first occurrence that heads
    the letter stays."""
    text = [line.strip().lower() for line in lines]
    counts = Counter(t for t in text if len(t.split()) >= 2)
    if not counts or max(counts.values()) < 2:
        return set()
    nonblank = [i for i, t in enumerate(text) if t]
    cutting: set[str] = set()
    for before, i, after in zip(nonblank, nonblank[1:], nonblank[2:], strict=False):
        if counts[text[i]] >= 2 and not _ENDS_SENTENCE.search(lines[before]) and re.match(r"\s*[a-z]", lines[after]):
            cutting.add(text[i])
    where: dict[str, list[int]] = {}
    for i in nonblank:
        if text[i] in cutting:
            where.setdefault(text[i], []).append(i)
    found: set[int] = set()
    for at in where.values():
        found.update(at[1:] if _opens_the_letter(lines, at[0], set()) else at)
    return found


def drop_page_furniture(lines: list[str]) -> list[str]:
    """The lines without page markers and running headers or footers; a sentence they cut in two
    ("...reassigned to clinical" / page footer / "coverage without...") is one paragraph again."""
    marks = [i for i, line in enumerate(lines) if is_page_mark(line)]
    drop = set(marks) | (_running_lines(lines, marks) if marks else set()) | _interrupting_lines(lines)
    if not drop:
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i not in drop:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and (j in drop or not lines[j].strip()):
            j += 1
        while out and not out[-1].strip():
            out.pop()
        before, after = (out[-1] if out else ""), (lines[j] if j < len(lines) else "")
        if not (before and not _ENDS_SENTENCE.search(before) and re.match(r"\s*[a-z]", after)):
            out.append("")  # the furniture stood between paragraphs
        i = j
    return out


# --- words hyphenated across a line break ---------------------------------------------------------

# A line that ends in a word broken by a hyphen, and the rest of the word on the next line.
_BROKEN_HEAD = re.compile(r"(?<![\w-])(?P<head>[A-Za-z]+)-$")
_BROKEN_TAIL = re.compile(r"^(?P<indent>\s*)(?P<tail>[a-z][a-z']*)(?P<more>\S*)\s*")
# Words that begin or end compounds ("non-clinical", "full-time", "start-up", "tenure-track"):
# a hyphen at the end of a line after or before one of them is the compound's own.
_COMPOUND_HEADS = frozenset("""
    non full part half start long short co self well follow sign first second third one two three four five
    six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety mid pre post multi cross inter intra sub semi anti re ex high low tenure clinician physician
    time year day week month case team
""".split())
_COMPOUND_TAILS = frozenset("""
    time track up term day days based eligible educator educators scientist scientists year years level
    clinical tenure call site specific funded related line wide led only free care mentor
    mentors investigator director tenured month months week weeks hour hours half halves third thirds quarter
    quarters fourth fourths fifth fifths tenth tenths one two three four five six seven eight nine
""".split())


def dehyphenate(lines: list[str]) -> list[str]:
    """Words broken across lines by a hyphen made whole: "pro-" / "tected" is "protected", while
    a compound keeps its hyphen ("full-" / "time" is "full-time"). A compound is one the letter
    writes elsewhere with its hyphen, or whose two parts are words of the letter or of a compound
    ("non-", "-track"), each of three letters or more; any other piece is a fragment of one word
    ("Clini-" / "cian", "with-" / "in")."""
    text = "\n".join(lines).lower()
    words = Counter(re.findall(r"[a-z]+", text))
    pairs = {pair for compound in re.findall(r"[a-z]+(?:-[a-z]+)+", text)
             for pair in map("-".join, zip(compound.split("-"), compound.split("-")[1:], strict=False))}
    out = list(lines)
    i = 0
    while i + 1 < len(out):
        head = _BROKEN_HEAD.search(out[i].rstrip())
        tail = _BROKEN_TAIL.match(out[i + 1]) if head else None
        if not (head and tail):
            i += 1
            continue
        h, t = head.group("head").lower(), tail.group("tail").lower()
        keep = f"{h}-{t}" in pairs or (words[h + t] < 1 and (
            h in _COMPOUND_HEADS or t in _COMPOUND_TAILS or (min(len(h), len(t)) > 2 and words[h] > 1 and words[t] > 1)))
        out[i] = out[i].rstrip()[:-1] + ("-" if keep else "") + tail.group("tail") + tail.group("more")
        rest = out[i + 1][tail.end():]
        if rest.strip():
            out[i + 1] = tail.group("indent") + rest
            i += 1
        else:
            del out[i + 1]  # the line held only the word's end
    return out


# --- tables drawn with bars ---------------------------------------------------------------------

# A table row written with bars, "| Clinical | 25 |", and a rule, "|---|---|" or "+-----+-----+".
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:+=-]*[-=]{3,}[\s|:+=-]*$")


_ROW_START = re.compile(r"^\s*\|.*\|")  # a row's first two bars
MAX_ROW_LINES = 4
"""Lines a table row wrapped too narrow may take ("| Title | Instructor in" / "Surgery |")."""


def _rows_rejoined(lines: list[str]) -> list[str]:
    """Table rows that a narrow page wrapped onto the next lines, each one line again."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if _ROW_START.match(line) and not line.rstrip().endswith("|"):
            more = 0
            while i < len(lines) and more < MAX_ROW_LINES and lines[i].strip() and not _ROW_START.match(lines[i]):
                line, i, more = f"{line.rstrip()} {lines[i].strip()}", i + 1, more + 1
                if line.endswith("|"):
                    break
        out.append(line)
    return out


def table_rows(lines: list[str]) -> list[str]:
    """A bar-drawn table as one "Label: value" line per row, each a paragraph of its own; a row
    whose first cell is empty continues the value of the row above it."""
    out: list[str] = []
    in_row = False  # the last line written is a table row
    for line in _rows_rejoined(lines):
        if _TABLE_RULE.match(line):
            continue
        row = _TABLE_ROW.match(line)
        if not row:
            out.append(line)
            in_row = False
            continue
        cells = [cell.strip() for cell in row.group("cells").split("|")]
        filled = [cell for cell in cells if cell]
        if not filled:
            continue
        if in_row and not cells[0]:
            out[-2] += " " + " ".join(filled)  # the row above goes on
            continue
        out += [": ".join(filled), ""]
        in_row = True
    return out


# A table cell or form value that denies the term its label names: "Research funds: None",
# "Academic mentor: Not assigned", "Promotion criteria: None for this appointment type", "Start-up: $0".
_DENIED_ROW = re.compile(r"^(?P<label>[A-Z][\w /&'()-]{1,50}?)\s*:\s+(?:(?:none|nil|not\s+(?:assigned|provided|offered|"
                         r"applicable|available|included|funded|granted)|n/a)\b|\$\s?0(?:\.00)?(?![\d,.]))(?P<rest>.*)$", re.I)


def denied_row(text: str) -> str:
    """A denying form row as the denial it makes ("No Research funds"), for the rules to read as
    they read prose; any other text as it is."""
    m = _DENIED_ROW.match(text)
    return f"No {m.group('label')}{m.group('rest')}" if m else text
