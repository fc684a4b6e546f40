"""An offer letter from a file: a ``.txt`` or a text-based ``.pdf``, within size limits.

``read_path`` serves the command line (``python -m calculators read-letter FILE``);
``read_document`` and ``handle_document`` take a file's name and bytes, as the browser's
worker has them from a file picker. Both refuse what they cannot read with a
:class:`~calculators.letter.LetterError` that names the problem.
"""
from __future__ import annotations

import json
import os
import traceback
from typing import Any

from .letter import LetterError, Reading, read_letter
from .letter_pdf import MAX_FILE_BYTES, pdf_text

EXTENSIONS = (".txt", ".pdf")


def _extension(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    if ext not in EXTENSIONS:
        raise LetterError("unknown_extension", f"{ext or 'a file without an extension'} is not a letter format read "
                                               "here: give a .txt file (the letter's text) or a .pdf")
    return ext


def _text_of(data: bytes) -> str:
    """A text file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if data.startswith(b"%PDF-"):
        raise LetterError("not_text", "the file is a PDF with a .txt name: rename it to .pdf")
    if b"\x00" in data[:4096]:
        raise LetterError("not_text", "the file is not text (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise LetterError("not_text", "the file is not readable text (neither UTF-8 nor Windows-1252)") from None


def read_document(name: str, data: bytes) -> Reading:
    """Read a letter from a file's name (for its extension) and bytes."""
    ext = _extension(name)
    if not data or not data.strip():
        raise LetterError("empty", "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise LetterError("too_large", f"the file is {len(data) / 1e6:.1f} MB; a letter may be at most "
                                       f"{MAX_FILE_BYTES / 1e6:.0f} MB")
    if ext == ".txt":
        return read_letter(_text_of(data))
    extracted = pdf_text(data)
    reading = read_letter(extracted.text)
    reading.note = extracted.stopped or reading.note
    return reading


def read_path(path: str) -> Reading:
    """Read a letter from a file on disk, checking its extension and size before reading it."""
    _extension(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise LetterError("too_large", f"the file is {size / 1e6:.1f} MB; a letter may be at most "
                                           f"{MAX_FILE_BYTES / 1e6:.0f} MB")
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise LetterError("missing", "no such file") from None
    except IsADirectoryError:
        raise LetterError("missing", "it is a folder, not a file") from None
    except OSError as exc:
        raise LetterError("unreadable", f"the file cannot be opened ({exc.strerror})") from None
    return read_document(path, data)


def handle_document(name: str, data: bytes) -> str:
    """The worker's entry point for a chosen file: its name and bytes in, the reply JSON out
    (the shape of :func:`calculators.letter.handle`)."""
    reply: dict[str, Any]
    try:
        reply = {"ok": True, "reading": read_document(name, bytes(data)).as_dict()}
    except LetterError as exc:
        reply = {"ok": False, "error": exc.as_dict()}
    except Exception:  # a bug: report it, keep the worker alive
        reply = {"ok": False, "crash": traceback.format_exc(limit=3)}
    return json.dumps(reply)
