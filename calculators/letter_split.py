"""A paragraph cut into sentences: not at abbreviations, initials or decimal points, and never
longer than a bound; and the short phrase that heads a paragraph ("3.2 Effort.") told apart.
"""
from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 1_500
"""A longer run of text without a full stop is cut into pieces of this size, so that no rule
works on more than this at once (a real sentence is a few hundred characters)."""

# Words before a full stop that does not end a sentence ("Dr. Rao", "e.g. teaching").
_ABBREVIATIONS = frozenset("""
    dr drs mr mrs ms mx prof profs sr jr st mt vs etc sec secs para pp rev e.g i.e eg ie cf al approx dept div
    univ assoc asst inc ltd co corp no nos ext fig jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m m.d ph.d
    d.o m.p.h m.s m.b.a r.n ave blvd rd
""".split())
# A candidate sentence end: ., ! or ?, closing quotes or brackets, space, then a letter (emails
# and messages start sentences in lower case too), digit, quote, bullet or currency sign.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9$\u2022])")
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# A letter that names a part of a document, not a person's initial: "enclosed as Attachment B."
_LABELLED_LETTER = re.compile(r"\b(?:attachment|appendix|schedule|exhibit|section|part|annex|table|form|plan|option|"
                              r"level|tier|grade|step|class|category|enclosure)\s+[A-Za-z]$", re.I)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE_DOT.search(text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    if len(token) == 1:  # an initial ("Jane A. Roe"), unless it names a part ("Schedule A.")
        return not _LABELLED_LETTER.search(text[max(0, dot - 20):dot])
    return token in _ABBREVIATIONS  # "Dr.", "e.g."


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


# A heading run into its paragraph: "Effort and protected time. Your appointment is...", "3.2
# Effort. Effort is allocated...": a short phrase with a full stop, no digits, and none of the
# words that make a sentence (a pronoun, a verb of being or having, a yes or no).
_RUN_IN_HEADING = re.compile(r"^[A-Z][A-Za-z'/&-]*(?:\s+[A-Za-z'/&()-]+){0,5}\.$")
_SENTENCE_WORDS = re.compile(r"\b(?:i|you|your|we|our|he|she|it|they|this|that|these|there|here|is|are|was|were|be|been|"
                             r"will|shall|would|should|can|could|may|must|have|has|had|do|does|did|no|not|yes|thank|"
                             r"thanks|congratulations|please|welcome|sincerely|regards|dear)\b", re.I)


def is_run_in_heading(sentence: str) -> bool:
    return bool(_RUN_IN_HEADING.match(sentence)) and not _SENTENCE_WORDS.search(sentence)
