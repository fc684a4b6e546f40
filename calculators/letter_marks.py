"""Marks a letter's text may carry that are not words: Markdown (a recruiting portal's or an
email's "## Effort", "**Rank:**", "*note*", "[link](url)"), the check boxes of a form ("Rank: [ ]
Instructor [X] Assistant Professor") and footnote markers ("imaging.²", or from a PDF's text,
"imaging.2 You will"), made plain line by line.
"""
from __future__ import annotations

import re

# A Markdown heading: "## Effort" (its text, as a line of its own).
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
# Emphasis: "**Rank:**", "__Track__", "*note*", "_Guidelines_" (not a rule of underscores to sign on).
_MD_STRONG = re.compile(r"\*\*(?P<text>[^*\n]+?)\*\*|__(?P<text2>[^_\n]+?)__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?![\s*])(?P<text>[^*\n]+?)(?<!\s)\*(?![\w*])"
                          r"|(?<![\w_])_(?![\s_])(?P<text2>[^_\n]+?)(?<!\s)_(?![\w_])")
# A link: "[Promotion Guidelines](https://...)" is its text.
_MD_LINK = re.compile(r"\[(?P<text>[^\]\n]{1,200})\]\([^)\s]{1,500}\)")

# A check box, empty or checked: "[ ]", "[X]", "[x]", "( )", "(X)", "☐", "☒", "☑".
_BOX = re.compile(r"\[\s?\]|\(\s\)|\u2610|\u25a1"
                  r"|(?P<checked>\[\s?[xX\u2713\u2714*]\s?\]|\([xX\u2713\u2714]\)|[\u2612\u2611\u25a0\u2713\u2714])")


# A footnote marker: a superscript digit, or a digit a PDF glued to the end of a sentence
# ("imaging.2 You will", "year.4") or of a word ("Pediatrics1 in the"), not part of a number.
_SUPERSCRIPT = re.compile(r"[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+")
_GLUED_MARKER = re.compile(r"(?<=[a-z)][.!?;,])\d{1,2}(?=\s|$)|(?<=[a-z]{4})\d(?=[\s.,;:)]|$)")


def footnote_markers(line: str) -> str:
    """A line without footnote markers (the footnotes themselves stay, as lines of their own)."""
    line = _SUPERSCRIPT.sub("", line)
    return _GLUED_MARKER.sub("", line) if any(c.isdigit() for c in line) else line


def markdown(line: str) -> list[str]:
    """A line without Markdown's marks; a heading as a line with a blank line after it."""
    heading = _MD_HEADING.match(line)
    if heading:
        return [heading.group("text"), ""]
    if "*" in line or "_" in line or "](" in line:
        line = _MD_LINK.sub(lambda m: m.group("text"), line)
        line = _MD_STRONG.sub(lambda m: m.group("text") or m.group("text2"), line)
        line = _MD_EMPHASIS.sub(lambda m: m.group("text") or m.group("text2"), line)
    return [line]


def checked(line: str) -> str:
    """A line of check boxes as what is checked: "Rank: [ ] Instructor [X] Assistant Professor" is
    "Rank: Assistant Professor", "Start-up funds? [ ] Yes [X] No" is "Start-up funds? No"; with
    nothing checked, only the words before the boxes."""
    boxes = list(_BOX.finditer(line))
    if not boxes:
        return line
    kept = [line[:boxes[0].start()].rstrip()]
    for box, after in zip(boxes, [*boxes[1:], None], strict=True):
        if box.group("checked"):
            kept.append(line[box.end():after.start() if after else len(line)].strip())
    return " ".join(part for part in kept if part)


_STARTS_WITH_BOX = re.compile(rf"^\s*(?:{_BOX.pattern})")
_ENDS_WITH_BOX = re.compile(rf"(?:{_BOX.pattern})\s*$")
_ENDS_SENTENCE = re.compile(r"[.!;]\s*$")


MAX_BOX_LINES = 4
"""Lines one form row of boxes may have been wrapped onto (bounds the work on a text of boxes)."""


def _boxes_rejoined(lines: list[str]) -> list[str]:
    """A form's line of boxes that a narrow page wrapped ("...protected in the appointment" /
    "contract? [X] Yes [ ] No"; "[X] Yes (name: ...)" / "[ ] No"; "... [ ]" / "Associate
    Professor") as one line again."""
    rows: list[list[str]] = []
    for line in lines:
        prev = rows[-1][-1] if rows else ""
        boxed = bool(_BOX.search(line))
        if prev.strip() and line.strip() and len(rows[-1]) < MAX_BOX_LINES and (_ENDS_WITH_BOX.search(prev) or boxed and (
                _STARTS_WITH_BOX.match(line) or re.match(r"\s*[a-z]", line) and not _ENDS_SENTENCE.search(prev))):
            rows[-1].append(line.strip())
        else:
            rows.append([line])
    return [" ".join(piece.strip() if i else piece.rstrip() for i, piece in enumerate(row)) for row in rows]


def plain_marks(lines: list[str]) -> list[str]:
    """The lines without Markdown marks, and form lines of check boxes as what is checked, each
    a paragraph of its own."""
    plain = [piece for line in lines for piece in markdown(footnote_markers(line))]
    out: list[str] = []
    for line in _boxes_rejoined(plain):
        boxed = checked(line)
        out += ["", boxed, ""] if boxed is not line else [line]
    return out
