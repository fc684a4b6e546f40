"""What a letter's reading puts into a calculator's form, for the page's "Read my offer letter".

Each fact found goes in as read (the reader confirms or edits it first). A fact the letter does
not state is a gap, named in the article's terms ("the letter names no track"); where the field
can say "not known" (a track not specified, a review timeline or the years' count left empty)
the fill says so, so the result's questions and the negotiation email ask for it; a yes/no fact
the letter does not put in writing is filled as No. Numbers the letter does not give (FTE,
salary) are left as the reader has them.
"""
from __future__ import annotations

import json
import traceback
from typing import Any

from . import offer_comparison, registry
from .fields import Field
from .letter import FIELDS, LetterError, Reading, read_letter

# The calculators the page offers the reader on, and where their offer's fields are.
TARGETS: dict[str, str] = {"instructor-offer": "", "offer-comparison": "offers"}

# What the letter leaves out, in the article's terms (the field's gap, when it is not found).
GAPS: dict[str, str] = {
    "rank": "the letter names no faculty rank",
    "track": "the letter names no track",
    "clinical_fte": "the letter gives no clinical FTE",
    "protected_fte": "the letter gives no protected (non-clinical) time",
    "protected_in_contract": "protected time is not in writing",
    "written_criteria": "the letter gives no written criteria for promotion",
    "review_years": "the letter sets no date for a promotion review",
    "years_count_toward_rank": "the letter does not say whether Instructor years count toward time in rank",
    "mentorship": "the letter names no mentor",
    "funding": "the letter names no research funding or start-up support",
    "leadership_support": "the letter shows no written backing from leadership",
    "salary": "the letter gives no salary",
}


def offer_fields(slug: str) -> dict[str, Field]:
    """The fields of one offer on a calculator the reader can fill from a letter, by name."""
    if slug not in TARGETS:
        raise LetterError("bad_request", f"a letter fills {' or '.join(TARGETS)}, not {slug!r}")
    fields = registry.get(slug).fields
    if TARGETS[slug]:
        fields = next(f for f in fields if f.name == TARGETS[slug]).items
    return {f.name: f for f in fields}


def _open_value(field: Field) -> tuple[bool, Any]:
    """The value that leaves a fact the letter does not state open (or says No), if any."""
    unknown = [c.value for c in field.choices if c.unknown]
    if unknown:
        return True, unknown[0]
    if field.null_is_unknown:
        return True, None
    if field.type == "boolean":
        return True, False
    return False, None


def plan(reading: Reading, slug: str) -> dict[str, Any]:
    """The reading as the page shows it for ``slug``: facts to confirm, gaps, open answers."""
    fields = offer_fields(slug)
    facts = [{"field": name, "value": fact.value, "quote": fact.quote}
             for name in FIELDS if name in fields and (fact := reading.found.get(name)) is not None]
    gaps, open_values = [], {}
    for name in FIELDS:
        if name not in fields or name in reading.found:
            continue
        has_open, value = _open_value(fields[name])
        if has_open:
            open_values[name] = value
        if name in GAPS:
            gap = {"field": name, "words": GAPS[name]}
            if name in reading.suspect:
                gap["suspect"] = reading.suspect[name]
            gaps.append(gap)
    out: dict[str, Any] = {"facts": facts, "gaps": gaps, "open": open_values}
    rank = reading.found.get("rank")
    if "rank" not in fields and rank is not None and rank.value != "instructor":
        out["other_rank"] = rank.value
        out["other_rank_label"] = next(c.label for c in offer_comparison.RANKS if c.value == rank.value)
    if reading.note:
        out["note"] = reading.note
    return out


def handle(request: str, data: bytes | None = None) -> str:
    """The worker's entry point: ``{"slug", "text"}`` or ``{"slug", "name"}`` with the file's
    ``data``; out ``{"ok": true, "plan": {...}}``, ``{"ok": false, "error": {code, message}}`` or
    ``{"ok": false, "crash": ...}``. Nothing is kept: the letter lives only in this call."""
    reply: dict[str, Any]
    try:
        req = json.loads(request)
        if not isinstance(req, dict) or not isinstance(req.get("slug"), str):
            raise LetterError("bad_request", 'expected {"slug": ..., "text" or "name": ...}')
        offer_fields(req["slug"])
        if data is not None and isinstance(req.get("name"), str):
            from .letter_file import read_document  # imports pypdf only for a file
            reading = read_document(req["name"], bytes(data))
        elif isinstance(req.get("text"), str):
            reading = read_letter(req["text"])
        else:
            raise LetterError("bad_request", "expected the letter's text or a file")
        reply = {"ok": True, "plan": plan(reading, req["slug"])}
    except LetterError as exc:
        reply = {"ok": False, "error": exc.as_dict()}
    except Exception:  # a bug in a rule: report it, keep the worker alive
        reply = {"ok": False, "crash": traceback.format_exc(limit=3)}
    return json.dumps(reply)
