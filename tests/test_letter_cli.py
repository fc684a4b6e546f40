"""`python -m calculators read-letter FILE`, as a user runs it: .txt and .pdf letters, and every
file it cannot read refused with exit code 2 and a message naming the problem, in seconds."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from calculators import letter_pdf

import pdfmaker
from conftest import ROOT

LETTERS = Path(__file__).parent / "letters"
HOSTILE_SECONDS = 10
"""A generous bound for a hostile file on a slow, shared CI machine (each takes well under 1 s here)."""


def read_letter(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", "read-letter", str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def expected_values(name: str) -> dict:
    return json.loads((LETTERS / f"{name}.json").read_text())["found"]


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_reads_a_text_letter():
    out = read_letter(LETTERS / "bigname_instructor_ce_bridge.txt")
    assert out.returncode == 0 and out.stderr == ""
    reading = json.loads(out.stdout)
    assert {k: v["value"] for k, v in reading["found"].items()} == expected_values("bigname_instructor_ce_bridge")
    assert reading["not_found"] == ["funding"]
    assert reading["found"]["salary"]["quote"].startswith("Your annual base salary will be $198,000")


def test_reads_a_multi_page_pdf_letter(tmp_path):
    path = tmp_path / "Offer Letter.PDF"
    path.write_bytes(pdfmaker.letter_pdf((LETTERS / "hr_boilerplate_anesthesiology_ap.txt").read_text()))
    assert len(PdfReader(path).pages) > 1
    out = read_letter(path)
    assert out.returncode == 0, out.stderr
    found = {k: v["value"] for k, v in json.loads(out.stdout)["found"].items()}
    assert found == expected_values("hr_boilerplate_anesthesiology_ap")


def test_a_pdf_protected_only_against_printing_is_read(tmp_path):
    """An owner password alone (no password to open) does not stop the reader."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(encrypted(pdfmaker.letter_pdf((LETTERS / "regional_ap_ce_offer_b.txt").read_text()), ""))
    out = read_letter(path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["found"]["rank"]["value"] == "assistant_professor"


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    letter = (LETTERS / "regional_ap_ce_offer_b.txt").read_text()
    files = {
        "missing": ("letter.pdf", None, "no such file"),
        "unknown extension": ("letter.docx", b"PK\x03\x04 a word document", ".docx is not a letter format"),
        "empty text": ("letter.txt", b"", "the file is empty"),
        "empty pdf": ("letter.pdf", b"", "the file is empty"),
        "not a letter": ("notes.txt", b"Preheat the oven to 200 degrees and bake until golden.",
                         "does not look like an academic offer letter"),
        "binary .txt": ("letter.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text"),
        "not a pdf": ("letter.pdf", b"<html>an offer letter web page</html>", "not a PDF"),
        "scanned image": ("scan.pdf", pdfmaker.image_only_pdf(), "no text in it: it looks like a scanned image"),
        "encrypted": ("locked.pdf", encrypted(pdfmaker.letter_pdf(letter), "secret"), "password-protected"),
        "damaged pdf": ("broken.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40, "could not be read"),
    }
    out = {}
    for case, (name, data, message) in files.items():
        path = tmp_path / case.replace(" ", "_") / name
        path.parent.mkdir()
        if data is not None:
            path.write_bytes(data)
        out[case] = (path, message)
    return out


@pytest.mark.parametrize("case", ["missing", "unknown extension", "empty text", "empty pdf", "not a letter",
                                  "binary .txt", "not a pdf", "scanned image", "encrypted", "damaged pdf"])
def test_a_file_it_cannot_read_exits_2_naming_the_problem(tmp_path, case):
    path, message = _bad_files(tmp_path)[case]
    out = read_letter(path)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith(f"error: {path}: ") and message in out.stderr, out.stderr
    assert "Traceback" not in out.stderr


def _hostile(tmp_path: Path, case: str) -> Path:
    path = tmp_path / f"{case}.pdf"
    if case == "compression bomb":
        path.write_bytes(pdfmaker.bomb_pdf(300))  # 300 MB of spaces from a 0.3 MB file
    elif case == "thousands of pages":
        path.write_bytes(pdfmaker.many_pages_pdf(5000))
    elif case == "a page past the page limit":
        path.write_bytes(pdfmaker.many_pages_pdf(letter_pdf.MAX_PAGES + 1))
    else:  # tens of megabytes
        with open(path, "wb") as fh:
            fh.write(b"%PDF-1.4\n")
            fh.truncate(30 * 2**20)
    return path


@pytest.mark.parametrize("case, message", [
    ("compression bomb", "inflates beyond 8 MB"),
    ("thousands of pages", "has more than 1,000 pages"),
    ("a page past the page limit", f"has {letter_pdf.MAX_PAGES + 1} pages"),
    ("tens of megabytes", "the file is 31.5 MB; a letter may be at most 10 MB"),
])
def test_hostile_files_are_refused_within_seconds(tmp_path, case, message):
    path = _hostile(tmp_path, case)
    start = time.monotonic()
    out = read_letter(path)
    elapsed = time.monotonic() - start
    assert out.returncode == 2 and message in out.stderr, out.stderr
    assert elapsed < HOSTILE_SECONDS
