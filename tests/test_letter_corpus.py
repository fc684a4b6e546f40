"""The letter reader on the test letters (tests/letters/): the acceptance figures of issue 25.

Each ``NAME.txt`` is a letter written for these tests; ``NAME.json`` beside it holds, for each
of the reader's 13 fields, the value the letter states or that it does not state it. The
figures: at least 95 % of the stated facts read with the right value, and at most one wrong
value in 50 facts (a value where the letter says something else, or says nothing).
"""
from __future__ import annotations

import pytest

from calculators import letter
from calculators.letter_file import read_document
from calculators.letter_text import normalize

import pdfmaker
from letter_measure import LETTERS, expected, measure, names, values

NAMES = names(LETTERS)


def read_text(name: str) -> dict:
    return letter.read_letter((LETTERS / f"{name}.txt").read_text()).as_dict()


def test_the_corpus_is_complete():
    """At least 30 letters, each with an answer for every field and values in the calculators' choices."""
    assert len(NAMES) >= 30
    for name in NAMES:
        expect = expected(LETTERS, name)
        assert sorted([*expect["found"], *expect["not_found"]]) == sorted(letter.FIELDS), name
        if "rank" in expect["found"]:
            assert expect["found"]["rank"] in letter.RANK_VALUES, name
        if "track" in expect["found"]:
            assert expect["found"]["track"] in letter.TRACK_VALUES, name


def test_acceptance_figures_on_the_corpus(capsys):
    """Prints the share of stated facts read right and the wrong values; fails past either bound."""
    score, count = measure(LETTERS)
    with capsys.disabled():
        print(f"\nletter corpus: {score.summary(count)}")
        print("\n".join(f"  {problem}" for problem in score.problems))
    assert score.passes, score.summary(count)


@pytest.mark.parametrize("name", NAMES)
def test_every_fact_comes_with_its_sentence_from_the_letter(name):
    # The letter's words, with its dashes and quotation marks as the reader writes them.
    text = " ".join(normalize((LETTERS / f"{name}.txt").read_text()).split())
    reading = read_text(name)
    for field, fact in reading["found"].items():
        # Lines are joined into sentences and table rows into "label: value"; the words are the letter's.
        words = [w.strip(":|") for w in fact["quote"].rstrip("\u2026").split()[:12]]
        assert all(word in text for word in words), (field, fact["quote"])
    assert set(reading["not_found"]) == set(letter.FIELDS) - set(reading["found"])
    assert set(reading["suspect"]) <= set(reading["not_found"])


@pytest.mark.parametrize("width", [pdfmaker.WRAP, 60])
@pytest.mark.parametrize("name", NAMES)
def test_the_letter_as_a_pdf_reads_like_its_text(name, width):
    """Each letter drawn into a PDF (lines broken mid-sentence, at two widths; several pages for
    the long ones) gives the same facts as its text."""
    text = (LETTERS / f"{name}.txt").read_text()
    from_pdf = read_document(f"{name}.pdf", pdfmaker.letter_pdf(text, width=width)).as_dict()
    assert values(from_pdf) == values(read_text(name))


def test_the_pdf_corpus_includes_multi_page_letters():
    pages = {name: len(pdfmaker.wrap((LETTERS / f"{name}.txt").read_text())) // pdfmaker.LINES_PER_PAGE + 1
             for name in NAMES}
    assert sum(n > 1 for n in pages.values()) >= 2
