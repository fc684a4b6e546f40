"""Reading a PDF letter within its limits, and the worker's entry point for a chosen file."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from calculators import letter_file, letter_pdf
from calculators.letter import LetterError

import pdfmaker

LETTERS = Path(__file__).parent / "letters"
LONG_LETTER = (LETTERS / "hr_boilerplate_anesthesiology_ap.txt").read_text()


def test_pages_and_text():
    extracted = letter_pdf.pdf_text(pdfmaker.letter_pdf(LONG_LETTER))
    assert extracted.pages == 2 and not extracted.stopped
    assert "annual base salary of $427,500" in " ".join(extracted.text.split())


def test_a_sentence_over_a_page_break_is_one_sentence():
    lines = ["Dear Dr. Lee, we are pleased to offer you appointment as Instructor in Medicine."]
    lines += [f"Benefits paragraph line {i} describes coverage that applies to all faculty members of the" for i in range(1, 47)]
    lines += ["school. Employer shall pay Physician an annual base salary of One Hundred", "Ninety-Five Thousand Dollars."]
    assert len(lines) == pdfmaker.LINES_PER_PAGE + 1
    reading = letter_file.read_document("letter.pdf", pdfmaker.letter_pdf("\n".join(lines)))
    assert reading.found["salary"].value == 195000


def test_the_character_budget_stops_extraction_and_keeps_what_was_read(monkeypatch):
    monkeypatch.setattr(letter_pdf, "MAX_TEXT_CHARS", 1500)
    extracted = letter_pdf.pdf_text(pdfmaker.letter_pdf(LONG_LETTER))
    assert extracted.stopped == "reading stopped on page 1: the letter is longer than 1,500 characters"
    assert 1400 < len(extracted.text) <= 1500 and extracted.text.startswith("EASTBROOK UNIVERSITY HEALTH")


def test_the_reading_says_when_it_stopped_early(monkeypatch):
    monkeypatch.setattr(letter_pdf, "MAX_TEXT_CHARS", 2500)
    reading = letter_file.read_document("letter.pdf", pdfmaker.letter_pdf(LONG_LETTER)).as_dict()
    assert reading["note"] == "reading stopped on page 2: the letter is longer than 2,500 characters"
    assert reading["found"]["rank"]["value"] == "assistant_professor"


def test_the_time_budget_stops_extraction():
    with pytest.raises(LetterError) as exc:
        letter_pdf.pdf_text(pdfmaker.letter_pdf(LONG_LETTER), max_seconds=0)
    assert exc.value.code == "too_slow"


def test_without_pypdf_a_pdf_gets_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if it were not installed
    with pytest.raises(LetterError) as exc:
        letter_pdf.pdf_text(pdfmaker.letter_pdf(LONG_LETTER))
    assert exc.value.code == "pdf_library_missing" and "pypdf" in exc.value.message
    # Text letters do not need it.
    assert letter_file.read_document("letter.txt", LONG_LETTER.encode()).found["rank"].value == "assistant_professor"


def test_a_windows_1252_text_file_is_read():
    data = LONG_LETTER.replace("Dear Dr. Rahimi:", "Dear Dr. Ram\u00edrez:").encode("cp1252")
    reading = letter_file.read_document("letter.txt", data)
    assert reading.found["salary"].value == 427500


def test_handle_document_for_the_worker():
    ok = json.loads(letter_file.handle_document("Offer.pdf", pdfmaker.letter_pdf(LONG_LETTER)))
    assert ok["ok"] and ok["reading"]["found"]["clinical_fte"]["value"] == 0.9
    scanned = json.loads(letter_file.handle_document("scan.pdf", pdfmaker.image_only_pdf()))
    assert scanned["ok"] is False and scanned["error"]["code"] == "no_text"
    bomb = json.loads(letter_file.handle_document("bomb.pdf", pdfmaker.bomb_pdf(100)))
    assert bomb["ok"] is False and bomb["error"]["code"] == "unreadable"
    # The worker is still fine afterwards: the next letter reads as before.
    again = json.loads(letter_file.handle_document("Offer.pdf", pdfmaker.letter_pdf(LONG_LETTER)))
    assert again == ok
