"""The text of a text-based PDF offer letter, read with pypdf within fixed limits.

pypdf (pure Python) is imported only when a PDF is read, so the calculators stay standard
library only everywhere else. A hostile or oversized file is refused before reading (bytes,
pages) or stopped while it is read (decompressed bytes per stream, characters, seconds); every
limit is a named constant below. A problem is a :class:`~calculators.letter.LetterError` whose
``code`` names it: ``too_large``, ``not_pdf``, ``pdf_library_missing``, ``unreadable``,
``encrypted``, ``too_many_pages``, ``no_text``, ``too_slow``.
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass
from typing import Any

from .letter import MAX_TEXT_CHARS, LetterError

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A letter's PDF, logos and all, is well under 10 MB; a larger file is refused unread."""
MAX_PAGES = 50
"""An offer letter with its attachments runs to a few pages; a PDF of more is refused."""
MAX_STREAM_BYTES = 8 * 1024 * 1024
"""Bytes one compressed stream may inflate to (pypdf's default is 75 MB): a letter page's text
is tens of kilobytes, a compression bomb stops here."""
MAX_PARSE_STEPS = 100_000
"""Operators and operands pypdf may parse in one page's content (its default: 2,000,000): a letter
page has a few thousand; a page near this limit is parsed and read in about 2.5 s here."""
MAX_SECONDS = 5.0
"""Time text extraction may take; then it stops with the pages read so far."""
MAX_PAGE_TREE_ENTRIES = 1_000
"""Entries pypdf may walk in the page tree before giving up (its default: 100,000)."""


@dataclass(frozen=True)
class PdfText:
    """The text read from a PDF, and why reading stopped early, if it did."""

    text: str
    pages: int
    stopped: str = ""


class _Stop(Exception):
    """Raised inside pypdf's extraction, from our visitor, when a budget is spent."""


def _pypdf() -> Any:
    """pypdf, imported now (with logging, which only it needs: the browser's worker loads neither
    until a PDF is chosen)."""
    import logging
    try:
        import pypdf
    except ImportError:
        raise LetterError("pdf_library_missing", "reading a PDF needs the pypdf package (pip install -r "
                                                 "requirements.txt); paste the letter's text instead") from None
    logging.getLogger("pypdf").addHandler(logging.NullHandler())  # its warnings are not the reader's business
    logging.getLogger("pypdf").propagate = False
    return pypdf


def _limits(pypdf: Any) -> Any:
    """pypdf's own resource limits, tightened for a letter (its ``Configuration``)."""
    return pypdf.apply_configuration(
        zlib_maximum_output_length=MAX_STREAM_BYTES, lzw_maximum_output_length=MAX_STREAM_BYTES,
        run_length_maximum_output_length=MAX_STREAM_BYTES, brotli_maximum_output_length=MAX_STREAM_BYTES,
        jbig2_maximum_output_length=MAX_STREAM_BYTES, image_maximum_buffer_size=MAX_STREAM_BYTES,
        maximum_declared_stream_length=MAX_STREAM_BYTES, array_based_stream_maximum_output_length=MAX_STREAM_BYTES,
        stream_decoding_work_maximum_length=4 * MAX_STREAM_BYTES, stream_parsing_work_maximum_count=MAX_PARSE_STEPS,
        page_tree_maximum_entries=MAX_PAGE_TREE_ENTRIES, xmp_maximum_input_length=MAX_STREAM_BYTES,
        jbig2dec_binary=None,  # never run an outside program on the reader's file
    )


def _open(pypdf: Any, data: bytes) -> Any:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False, root_object_recovery_limit=1_000)
    if reader.is_encrypted:
        # Many "protected" PDFs only restrict printing or copying: they open with an empty password.
        try:
            opened = reader.decrypt("")
        except Exception:  # pypdf's DependencyError: AES needs a cryptography package
            opened = 0
        if not opened:
            raise LetterError("encrypted", "the PDF is password-protected: open it, save or print it as a new PDF "
                                           "without a password, or paste the letter's text instead")
    return reader


def _extract(reader: Any, deadline: float) -> tuple[list[str], str]:
    """Each page's text until the pages end, the character budget is spent or time runs out."""
    texts: list[str] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        pieces: list[str] = []
        count = [total]

        def on_text(text: str, *_: Any, pieces: list[str] = pieces, count: list[int] = count) -> None:
            pieces.append(text)
            count[0] += len(text)
            if count[0] > MAX_TEXT_CHARS:
                raise _Stop("chars")

        def on_operator(*_: Any) -> None:
            if time.monotonic() > deadline:
                raise _Stop("time")

        try:
            texts.append(page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator))
        except _Stop as stop:
            texts.append("".join(pieces)[:max(0, MAX_TEXT_CHARS - total)])
            why = "characters" if stop.args[0] == "chars" else "time"
            return texts, (f"reading stopped on page {number}: the letter is longer than {MAX_TEXT_CHARS:,} characters"
                           if why == "characters" else
                           f"reading stopped on page {number}: the PDF took longer than {MAX_SECONDS:g} s to read")
        total = count[0]
        if time.monotonic() > deadline:
            return texts, f"reading stopped after page {number}: the PDF took longer than {MAX_SECONDS:g} s to read"
    return texts, ""


def pdf_text(data: bytes, *, max_seconds: float = MAX_SECONDS) -> PdfText:
    """The text of a PDF's pages, or a :class:`LetterError` naming why it cannot be read."""
    if not data:
        raise LetterError("empty", "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise LetterError("too_large", f"the file is {len(data) / 1e6:.1f} MB; a letter's PDF may be at most "
                                       f"{MAX_FILE_BYTES / 1e6:.0f} MB")
    if b"%PDF-" not in data[:1024]:
        raise LetterError("not_pdf", "the file is not a PDF (it does not start with %PDF)")
    pypdf = _pypdf()
    import warnings
    deadline = time.monotonic() + max_seconds
    with _limits(pypdf), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = _open(pypdf, data)
            try:
                pages = len(reader.pages)
            except pypdf.errors.LimitReachedError:
                pages = MAX_PAGE_TREE_ENTRIES + 1
            if pages > MAX_PAGES:
                raise LetterError("too_many_pages", f"the PDF has {'more than ' if pages > MAX_PAGE_TREE_ENTRIES else ''}"
                                                    f"{min(pages, MAX_PAGE_TREE_ENTRIES):,} pages; an offer letter has at "
                                                    f"most {MAX_PAGES}: save the letter's own pages as a PDF")
            texts, stopped = _extract(reader, deadline)
        except LetterError:
            raise
        except pypdf.errors.LimitReachedError:
            raise LetterError("unreadable", "the PDF could not be read: a part of it inflates beyond "
                                            f"{MAX_STREAM_BYTES // 2**20} MB or holds more than {MAX_PARSE_STEPS:,} "
                                            "drawing operations (a damaged or hostile file)") from None
        except Exception as exc:  # pypdf's PdfReadError and anything a broken file provokes
            raise LetterError("unreadable", f"the PDF could not be read ({type(exc).__name__}): it may be damaged") from None
    # One line break between pages: a sentence that runs over a page break stays one sentence.
    text = "\n".join(page.rstrip("\n") for page in texts)
    if not text.strip():
        if stopped:
            raise LetterError("too_slow", f"the PDF took longer than {max_seconds:g} s to read and no text was found")
        raise LetterError("no_text", "the PDF has no text in it: it looks like a scanned image or a photo. Paste the "
                                     "letter's text instead (a phone's text recognition can copy it from the image)")
    return PdfText(text, pages, stopped)
