"""Typed input fields and their validation: the bottom layer of the calculators package.

A calculator declares its inputs as a tuple of :class:`Field`; :func:`validate_object` checks raw
JSON-like input against them and raises :class:`ValidationError` with one :class:`FieldError`
per bad field. Every error carries technical text (field name, ``allowed: ...``) for scripts and
the command line, and a sentence for readers (``reader``, sent to the page as ``message``).
This module imports nothing else from the package.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Any, Sequence

FIELD_TYPES = ("number", "integer", "boolean", "choice", "text", "date", "list")


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice field."""

    value: str
    label: str
    unknown: bool = False
    """This answer means "not known" or "not specified": what would change the result tries the
    field's other answers in its place (see ``what_would_change.py``)."""


@dataclass(frozen=True)
class Field:
    """A typed input field. ``default`` applies when the field is omitted."""

    name: str
    label: str
    type: str
    help: str = ""
    unit: str = ""
    default: Any = None
    required: bool = False
    nullable: bool = False
    null_label: str = "Not known"
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    choices: tuple[Choice, ...] = ()
    max_length: int = 200
    items: tuple["Field", ...] = ()
    min_items: int = 0
    max_items: int = 0
    true_label: str = "Yes"
    false_label: str = "No"
    item_label: str = "Item"
    """List fields only: what one item is called on the page and in sentences, numbered from 1
    ("Offer" -> "Offer 2") when the item has no ``label`` of its own."""
    shown_if: tuple[str, tuple[str, ...]] | None = None
    """On the page, show this field only while a sibling field has one of these values, e.g.
    ``("rank", ("instructor",))``. Display only: validation and scoring ignore it."""
    today_default: bool = False
    """Date fields only: an omitted or null value means today's date, written into the inputs
    (the current UTC date in Python, so it does not depend on the machine's time zone; the
    page fills in the reader's local date)."""
    null_is_unknown: bool = False
    """Nullable fields only: null means the reader does not know the answer (rather than a value
    the rules fill in, such as today's date or the usual window), so what would change the
    result tries the field's answers in its place."""
    representative_values: tuple[float, ...] = ()
    """Number fields only: the answers tried in place of an unknown (null) value when looking for
    what would change the result. Without them an unknown number is not varied."""
    allowed_words: str = ""
    """The allowed values as a reader would say them ("0 to 15 years; leave empty if no timeline
    was given"), where the words made from the type and range (:meth:`plain_allowed`) would not
    do, for instance because the maximum is only a technical cap."""

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if self.null_is_unknown and not self.nullable:
            raise ValueError(f"field {self.name}: null_is_unknown needs a nullable field")
        for v in self.representative_values:
            if self.type not in ("number", "integer") or validate_value(self, v, self.name)[1]:
                raise ValueError(f"field {self.name}: representative value {v!r} is not {self.allowed()}")

    def allowed(self) -> str:
        """The allowed values in technical words (JSON values, field names), for scripts and the CLI."""
        if self.type == "boolean":
            text = "true or false"
        elif self.type == "choice":
            text = "one of " + ", ".join(repr(c.value) for c in self.choices)
        elif self.type in ("number", "integer"):
            kind = "a whole number" if self.type == "integer" else "a number"
            if self.minimum is not None and self.maximum is not None:
                text = f"{kind} from {_num(self.minimum)} to {_num(self.maximum)}"
            elif self.minimum is not None:
                text = f"{kind} of at least {_num(self.minimum)}"
            elif self.maximum is not None:
                text = f"{kind} of at most {_num(self.maximum)}"
            else:
                text = kind
        elif self.type == "date":
            text = "a date as YYYY-MM-DD"
        elif self.type == "list":
            text = f"a list of {self.min_items} to {self.max_items} objects"
        else:
            text = f"text of at most {self.max_length} characters"
        return text + (" or null" if self.nullable else "")

    def plain_allowed(self) -> str:
        """The allowed values in a reader's words: ``allowed_words`` if given, else made from the
        type, range and unit ("0 to 1 FTE", "a whole number from 0 to 100", "yes or no")."""
        if self.allowed_words:
            return self.allowed_words
        if self.type == "boolean":
            return "yes, no or not known" if self.nullable else "yes or no"
        if self.type == "choice":
            return "one of the options listed"
        if self.type in ("number", "integer"):
            lo, hi, unit = self.minimum, self.maximum, f" {self.unit}" if self.unit else ""
            if lo is not None and hi is not None:
                text = f"{_amount(lo)} to {_amount(hi)}{unit}"
            elif lo is not None:
                text = f"{_amount(lo)}{unit} or more"
            elif hi is not None:
                text = f"at most {_amount(hi)}{unit}"
            else:
                text = "a number" + unit
            if self.type == "integer" and not unit:
                text = "a whole number, " + text
            return text + ("; or leave empty" if self.nullable else "")
        if self.type == "date":
            return "a date" + ("; leave empty for today" if self.today_default else "")
        if self.type == "list":
            return f"{self.min_items} to {self.max_items} {self.item_label.lower()}s"
        return f"up to {self.max_length} characters"


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: which field, what was given, what is allowed, and a sentence
    for readers (``reader``: no field names, no JSON)."""

    field: str
    message: str
    given: Any = None
    allowed: str = ""
    reader: str = ""

    def text(self) -> str:
        """A one-line message naming the field, the value given and the allowed values."""
        parts = [f"{self.field}: {self.message}"]
        if self.given is not _MISSING:
            parts.append(f"got {_show(self.given)}")
        if self.allowed:
            parts.append(f"allowed: {self.allowed}")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """The error as data, for the page to word: ``field`` as the form and shared links name
        it (``offers.1.label`` for ``offers[1].label``), ``problem`` (this error's technical
        message), ``given`` (the value shown as text, or None when nothing was given),
        ``allowed`` (technical) and ``message`` (a sentence for readers, or None)."""
        return {"field": _BRACKETED_INDEX.sub(r".\1", self.field), "problem": self.message,
                "given": None if self.given is _MISSING else _show(self.given), "allowed": self.allowed,
                "message": self.reader or None}


class ValidationError(ValueError):
    """Raised for any invalid input; carries one :class:`FieldError` per bad field."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = list(errors)
        super().__init__("\n".join(e.text() for e in self.errors))


_MISSING = object()
_BRACKETED_INDEX = re.compile(r"\[(\d+)\]")


def _amount(x: float) -> str:
    """A number as a reader writes it: 0.5, 15, 10,000."""
    return f"{x:,.0f}" if abs(x) >= 10000 else _num(x)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else _json_like(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_like(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    return str(value)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def validate_value(f: Field, value: Any, name: str) -> tuple[Any, list[FieldError]]:
    """Check one value against its field; return (clean value, errors)."""

    def bad(message: str, reader: str = "") -> tuple[Any, list[FieldError]]:
        return None, [FieldError(name, message, value, f.allowed(), reader or f"Enter {f.plain_allowed()}.")]

    if value is None:
        return (None, []) if f.nullable else bad("must not be null")
    if f.type == "boolean":
        return (value, []) if isinstance(value, bool) else bad("must be true or false")
    if f.type in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return bad("must be a number")
        if isinstance(value, float) and not math.isfinite(value):
            return bad("must be a finite number")
        if f.type == "integer":
            if isinstance(value, float):
                if not value.is_integer():
                    return bad("must be a whole number")
                value = int(value)
        elif isinstance(value, int) and abs(value) > 2**53:
            return bad("is too large")
        if (f.minimum is not None and value < f.minimum) or (f.maximum is not None and value > f.maximum):
            return bad("is out of range")
        return value, []
    if f.type == "choice":
        if isinstance(value, str) and any(c.value == value for c in f.choices):
            return value, []
        return bad("is not an allowed value", "Choose one of the options listed.")
    if f.type == "date":
        if not isinstance(value, str) or not _DATE.match(value):
            return bad("must be a date")
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            return bad("is not a real calendar date", "This date does not exist in the calendar.")
        return value, []
    if f.type == "text":
        if not isinstance(value, str):
            return bad("must be text")
        value = value.strip()
        if len(value) > f.max_length:
            return bad("is too long", f"Use at most {f.max_length} characters.")
        return value, []
    # list of objects
    if not isinstance(value, list):
        return bad("must be a list")
    if not f.min_items <= len(value) <= f.max_items:
        return None, [FieldError(name, f"must hold {f.min_items} to {f.max_items} items", f"{len(value)} items",
                                 f.allowed(), f"Enter {f.plain_allowed()}.")]
    clean, errors = [], []
    for i, item in enumerate(value):
        try:
            clean.append(validate_object(f.items, item, prefix=f"{name}[{i}]."))
        except ValidationError as exc:
            errors.extend(exc.errors)
    return clean, errors


def validate_object(fields: Sequence[Field], raw: Any, prefix: str) -> dict[str, Any]:
    """Validate a JSON object against ``fields``; unknown keys are errors."""
    where = prefix.rstrip(".") or "input"
    if not isinstance(raw, dict):
        raise ValidationError([FieldError(where, "must be a JSON object", raw, "an object of named fields",
                                          "These inputs could not be read.")])
    known = {f.name for f in fields}
    errors = [
        FieldError(prefix + (key or '""'), "is not a known field", _MISSING, "fields: " + ", ".join(sorted(known)),
                   "This is not one of this calculator's questions.")
        for key in raw
        if key not in known
    ]
    clean: dict[str, Any] = {}
    for f in fields:
        name = f"{prefix}{f.name}"
        if f.name not in raw:
            if f.required:
                errors.append(FieldError(name, "is required", _MISSING, f.allowed(), f"Enter {f.plain_allowed()}."))
            value, errs = f.default, []
        else:
            value, errs = validate_value(f, raw[f.name], name)
        if value is None and f.today_default and not errs:
            value = utc_today()
        errors.extend(errs)
        clean[f.name] = value
    if errors:
        raise ValidationError(errors)
    return clean


def utc_today() -> str:
    """Today's date in UTC as YYYY-MM-DD: the same on every machine at the same moment."""
    return _dt.datetime.now(_dt.timezone.utc).date().isoformat()


def field_spec(f: Field) -> dict[str, Any]:
    """One field as JSON-ready data (the page's form reads this). ``allowed`` is the technical
    text the command line shows; ``allowed_words`` the same limits in a reader's words."""
    out: dict[str, Any] = {
        "name": f.name, "label": f.label, "type": f.type, "help": f.help, "unit": f.unit,
        "default": f.default, "required": f.required, "nullable": f.nullable, "null_label": f.null_label,
        "allowed": f.allowed(), "allowed_words": f.plain_allowed(),
    }
    if f.type in ("number", "integer"):
        out.update(minimum=f.minimum, maximum=f.maximum, step=f.step)
    if f.nullable:
        out["null_is_unknown"] = f.null_is_unknown
    if f.type in ("number", "integer") and f.representative_values:
        out["representative_values"] = list(f.representative_values)
    if f.type == "choice":
        out["choices"] = [{"value": c.value, "label": c.label, "unknown": c.unknown} for c in f.choices]
    if f.type == "boolean":
        out.update(true_label=f.true_label, false_label=f.false_label)
    if f.type == "text":
        out["max_length"] = f.max_length
    if f.type == "date":
        out["today_default"] = f.today_default
    if f.type == "list":
        out.update(items=[field_spec(i) for i in f.items], min_items=f.min_items, max_items=f.max_items,
                   item_label=f.item_label)
    if f.shown_if:
        out["shown_if"] = {"field": f.shown_if[0], "values": list(f.shown_if[1])}
    return out
