"""The letter reader on the test letters (tests/letters/): the acceptance figures of issue 25.

Each ``NAME.txt`` is a letter written for these tests; ``NAME.json`` beside it holds, for each
of the reader's 13 fields, the value the letter states or that it does not state it. The
figures: at least 95 % of the stated facts read with the right value, and at most one wrong
value in 50 facts (a value where the letter says something else, or says nothing).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from calculators import letter
from calculators.letter_file import read_document

import pdfmaker

LETTERS = Path(__file__).parent / "letters"
NAMES = sorted(p.stem for p in LETTERS.glob("*.txt"))
MIN_RIGHT_SHARE = 0.95
MAX_WRONG_PER_FACT = 1 / 50


def expected(name: str) -> dict:
    return json.loads((LETTERS / f"{name}.json").read_text())


def read_text(name: str) -> dict:
    return letter.read_letter((LETTERS / f"{name}.txt").read_text()).as_dict()


def values(reading: dict) -> dict:
    return {field: fact["value"] for field, fact in reading["found"].items()}


def same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


@dataclass
class Score:
    facts: int = 0  # every field of every letter
    stated: int = 0  # fields whose expected answer is a value
    right: int = 0
    wrong: int = 0

    def add(self, expect: dict, got: dict) -> list[str]:
        problems = []
        for field in letter.FIELDS:
            self.facts += 1
            want = expect["found"].get(field)
            stated = field in expect["found"]
            self.stated += stated
            if field not in got:
                if stated:
                    problems.append(f"{field}: missed {want!r}")
                continue
            if stated and same(got[field], want):
                self.right += 1
            else:
                self.wrong += 1
                problems.append(f"{field}: read {got[field]!r}, expected {want!r}" if stated else
                                f"{field}: read {got[field]!r} where the letter states nothing")
        return problems


def test_the_corpus_is_complete():
    """At least 30 letters, each with an answer for every field and values in the calculators' choices."""
    assert len(NAMES) >= 30
    for name in NAMES:
        expect = expected(name)
        assert sorted([*expect["found"], *expect["not_found"]]) == sorted(letter.FIELDS), name
        if "rank" in expect["found"]:
            assert expect["found"]["rank"] in letter.RANK_VALUES, name
        if "track" in expect["found"]:
            assert expect["found"]["track"] in letter.TRACK_VALUES, name


def test_acceptance_figures_on_the_corpus(capsys):
    """Prints the share of stated facts read right and the wrong values; fails past either bound."""
    score, report = Score(), []
    for name in NAMES:
        problems = score.add(expected(name), values(read_text(name)))
        report += [f"  {name}: {p}" for p in problems]
    share = score.right / score.stated
    with capsys.disabled():
        print(f"\nletter corpus: {len(NAMES)} letters, {score.facts} facts ({score.stated} stated): "
              f"{score.right} read right ({share:.1%}), {score.wrong} wrong values "
              f"(at most {score.facts * MAX_WRONG_PER_FACT:.1f} allowed)")
        print("\n".join(report))
    assert share >= MIN_RIGHT_SHARE
    assert score.wrong <= score.facts * MAX_WRONG_PER_FACT


@pytest.mark.parametrize("name", NAMES)
def test_every_fact_comes_with_its_sentence_from_the_letter(name):
    text = " ".join((LETTERS / f"{name}.txt").read_text().split())
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
