"""A small, plain PDF writer for the tests: text letters, and hostile or unreadable PDFs.

One Type1 Helvetica font, text drawn as ``BT ... (line) Tj T* ... ET``, a classic xref table.
Lines are wrapped at a fixed width, so sentences break mid-line as in real PDF text, and pages
hold a fixed number of lines, so a letter of any length spans pages.
"""
from __future__ import annotations

import textwrap
import zlib

WRAP = 88
"""Characters per line: a letter's line in 11 pt Helvetica on a US Letter page."""
LINES_PER_PAGE = 48


# What a PDF's text layer gives for characters the test font does not have: a superscript (a
# footnote marker) is a digit set small, so its text is the plain digit glued to the word; an
# arrow is drawn as "->".
_OUTSIDE_FONT = str.maketrans({**{ord(sup): str(d) for d, sup in enumerate("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")},
                               ord("\u2192"): "->"})


def _escape(line: str) -> bytes:
    text = line.translate(_OUTSIDE_FONT).encode("cp1252", "replace")
    return text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_stream(lines: list[str]) -> bytes:
    """A page's content stream: the lines from the top of the page, 14 pt apart."""
    body = b"".join(b"(" + _escape(line) + b") Tj T*\n" for line in lines)
    return b"BT /F1 11 Tf 14 TL 72 740 Td\n" + body + b"ET\n"


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def assemble(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog), with an xref table of their offsets."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def pages_pdf(contents: list[bytes], *, resources: bytes = b"/Font << /F1 3 0 R >>", extra: list[bytes] | None = None,
              filters: bytes = b"") -> bytes:
    """A PDF with one page per content stream (objects: catalog, pages, font, then page and
    content pairs, then ``extra`` objects numbered after them)."""
    first = 4
    kids = b" ".join(b"%d 0 R" % (first + 2 * i) for i in range(len(contents)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s >> /Contents %d 0 R >>"
                       % (resources, first + 2 * i + 1))
        objects.append(_stream(content, filters))
    return assemble(objects + (extra or []))


def wrap(text: str, width: int = WRAP) -> list[str]:
    """The letter's lines as a PDF would draw them: long lines broken at ``width``, blank lines kept."""
    lines: list[str] = []
    for line in text.splitlines():
        lines += textwrap.wrap(line, width) or [""]
    return lines


def letter_pdf(text: str, *, compress: bool = True, width: int = WRAP) -> bytes:
    """A letter as a text PDF: lines wrapped at ``width``, as many pages as it needs, Flate-compressed."""
    lines = wrap(text, width)
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    streams = [text_stream(page) for page in pages]
    if compress:
        return pages_pdf([zlib.compress(s) for s in streams], filters=b" /Filter /FlateDecode")
    return pages_pdf(streams)


def bomb_pdf(megabytes: int = 200) -> bytes:
    """One page whose Flate content stream inflates to ``megabytes`` MB of spaces (from ~0.2 %)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    return pages_pdf([data], filters=b" /Filter /FlateDecode")


def many_pages_pdf(count: int) -> bytes:
    """``count`` pages that all draw the same line (one shared content stream, a small file)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               _stream(text_stream(["Instructor in Medicine, Department of Medicine: offer of appointment."]))]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents 4 0 R >>"] * count
    return assemble(objects)


def image_only_pdf() -> bytes:
    """A scanned page: one grey image drawn over the page, no text."""
    size = 64
    image = _stream(bytes(range(256))[:size] * size,
                    b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                    % (size, size))
    return pages_pdf([b"q 468 0 0 648 72 72 cm /Im1 Do Q\n"], resources=b"/XObject << /Im1 6 0 R >>", extra=[image])
