"""The calculator contract: typed input fields, validation, factors and results.

Every calculator declares its inputs as a tuple of :class:`Field` and a pure ``compute``
function from validated inputs to an :class:`Outcome`. :meth:`Calculator.run` validates raw
JSON-like input and assembles the public result object. Nothing here does I/O.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .citations import is_registered

EFFECTS = ("+", "-", "0")
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
    """List fields only: what one item is called on the page ("Offer" -> "Offer 2")."""
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
    item_label: str = "Item"
    """List fields only: what one item is called in sentences, numbered from 1 ("Offer 1") when
    the item has no ``label`` of its own."""

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if self.null_is_unknown and not self.nullable:
            raise ValueError(f"field {self.name}: null_is_unknown needs a nullable field")
        for v in self.representative_values:
            if self.type not in ("number", "integer") or validate_value(self, v, self.name)[1]:
                raise ValueError(f"field {self.name}: representative value {v!r} is not {self.allowed()}")

    def allowed(self) -> str:
        """Describe the allowed values in words, for error messages."""
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


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: which field, what was given, what is allowed."""

    field: str
    message: str
    given: Any = None
    allowed: str = ""

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
        it (``offers.1.label`` for ``offers[1].label``), ``problem`` (this error's message),
        ``given`` (the value shown as text, or None when nothing was given) and ``allowed``."""
        return {"field": _BRACKETED_INDEX.sub(r".\1", self.field), "problem": self.message,
                "given": None if self.given is _MISSING else _show(self.given), "allowed": self.allowed}


class ValidationError(ValueError):
    """Raised for any invalid input; carries one :class:`FieldError` per bad field."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = list(errors)
        super().__init__("\n".join(e.text() for e in self.errors))


@dataclass(frozen=True)
class Factor:
    """One reason behind a result, with the guide section that justifies it."""

    label: str
    effect: str
    detail: str
    source: str

    def __post_init__(self) -> None:
        if self.effect not in EFFECTS:
            raise ValueError(f"factor {self.label!r}: effect must be one of {EFFECTS}")
        if not is_registered(self.source):
            raise ValueError(f"factor {self.label!r}: source {self.source!r} is not a registered citation")

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "effect": self.effect, "detail": self.detail, "source": self.source}


@dataclass(frozen=True)
class Outcome:
    """What a calculator's compute function returns."""

    band: str
    score: float | None
    headline: str
    factors: list[Factor]
    next_steps: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Example:
    """A named input set, usually a scenario from the source articles."""

    name: str
    title: str
    inputs: Mapping[str, Any]
    source: str = ""


@dataclass(frozen=True)
class Calculator:
    """A registered calculator: spec, rules version and pure scoring function."""

    slug: str
    title: str
    summary: str
    version: str
    bands: tuple[str, ...]
    band_labels: Mapping[str, str]
    fields: tuple[Field, ...]
    compute: Callable[[dict[str, Any]], Outcome]
    checks: Callable[[dict[str, Any]], list[FieldError]] = lambda inputs: []
    examples: tuple[Example, ...] = ()
    sections: tuple[tuple[str, str], ...] = ()
    """The guide sections the calculator rests on: (title, site path with anchor); the first is the main one."""
    metrics: tuple[tuple[str, str, str], ...] = ()
    """Extra numbers in the result worth showing: (result key, label, unit)."""

    def validate(self, raw: Any) -> dict[str, Any]:
        """Return the inputs with defaults filled in, or raise :class:`ValidationError`."""
        inputs = validate_object(self.fields, raw, prefix="")
        errors = self.checks(inputs)
        if errors:
            raise ValidationError(errors)
        return inputs

    def evaluate(self, inputs: dict[str, Any]) -> tuple[Outcome, float | None]:
        """Score validated ``inputs``: the outcome and its score as published (0-100, one decimal)."""
        outcome = self.compute(inputs)
        if outcome.band not in self.bands:
            raise AssertionError(f"{self.slug}: band {outcome.band!r} not in {self.bands}")
        score = outcome.score
        if score is not None:
            score = round(min(100.0, max(0.0, float(score))), 1)
        return outcome, score

    def run(self, raw: Any) -> dict[str, Any]:
        """Validate ``raw`` and return the public result object.

        Besides the outcome it carries ``what_would_change`` (the single answers, to inputs left
        unknown, that move the result to another band; computed by running the rules again) and
        ``negotiation_email`` (a text to send the department, or null where none applies).
        """
        from .negotiation import negotiation_email
        from .what_would_change import what_would_change

        inputs = self.validate(raw)
        outcome, score = self.evaluate(inputs)
        result: dict[str, Any] = {
            "calculator": self.slug,
            "version": self.version,
            "band": outcome.band,
            "band_label": self.band_labels[outcome.band],
            "score": score,
            "headline": outcome.headline,
        }
        result.update(outcome.extra)
        result["factors"] = [f.as_dict() for f in outcome.factors]
        result["next_steps"] = list(outcome.next_steps)
        result["what_would_change"] = what_would_change(self, inputs, outcome.band)
        result["negotiation_email"] = negotiation_email(self, result | {"inputs": inputs})
        result["inputs"] = inputs
        return result

    def spec(self) -> dict[str, Any]:
        """Everything a page needs to render and read the form, as JSON-ready data."""
        return {
            "slug": self.slug, "title": self.title, "version": self.version, "bands": list(self.bands),
            "band_labels": dict(self.band_labels), "metrics": [list(m) for m in self.metrics],
            "fields": [field_spec(f) for f in self.fields],
        }

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def example(self, name: str) -> Example:
        for e in self.examples:
            if e.name == name:
                return e
        raise KeyError(name)

    def defaults(self) -> dict[str, Any]:
        """The inputs a blank form starts with."""
        return {f.name: f.default for f in self.fields}


_MISSING = object()
_BRACKETED_INDEX = re.compile(r"\[(\d+)\]")


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

    def bad(message: str) -> tuple[Any, list[FieldError]]:
        return None, [FieldError(name, message, value, f.allowed())]

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
        return bad("is not an allowed value")
    if f.type == "date":
        if not isinstance(value, str) or not _DATE.match(value):
            return bad("must be a date")
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            return bad("is not a real calendar date")
        return value, []
    if f.type == "text":
        if not isinstance(value, str):
            return bad("must be text")
        value = value.strip()
        if len(value) > f.max_length:
            return bad("is too long")
        return value, []
    # list of objects
    if not isinstance(value, list):
        return bad("must be a list")
    if not f.min_items <= len(value) <= f.max_items:
        return None, [FieldError(name, f"must hold {f.min_items} to {f.max_items} items", f"{len(value)} items", f.allowed())]
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
        raise ValidationError([FieldError(where, "must be a JSON object", raw, "an object of named fields")])
    known = {f.name for f in fields}
    errors = [
        FieldError(prefix + (key or '""'), "is not a known field", _MISSING, "fields: " + ", ".join(sorted(known)))
        for key in raw
        if key not in known
    ]
    clean: dict[str, Any] = {}
    for f in fields:
        name = f"{prefix}{f.name}"
        if f.name not in raw:
            if f.required:
                errors.append(FieldError(name, "is required", _MISSING, f.allowed()))
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
    """One field as JSON-ready data (the page's form reads this)."""
    out: dict[str, Any] = {
        "name": f.name, "label": f.label, "type": f.type, "help": f.help, "unit": f.unit,
        "default": f.default, "required": f.required, "nullable": f.nullable, "null_label": f.null_label,
        "allowed": f.allowed(),
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


def json_schema(calc: Calculator) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a calculator's inputs."""
    schema = _object_schema(calc.fields)
    schema.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": calc.title,
                   "description": calc.summary, "$comment": f"rules version {calc.version}"})
    return schema


def _object_schema(fields: Sequence[Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _field_schema(f) for f in fields},
    }


def _field_schema(f: Field) -> dict[str, Any]:
    s: dict[str, Any]
    if f.type == "choice":
        s = {"type": "string", "enum": [c.value for c in f.choices]}
    elif f.type in ("number", "integer"):
        s = {"type": f.type}
        if f.minimum is not None:
            s["minimum"] = f.minimum
        if f.maximum is not None:
            s["maximum"] = f.maximum
    elif f.type == "boolean":
        s = {"type": "boolean"}
    elif f.type == "date":
        s = {"type": "string", "format": "date"}
    elif f.type == "text":
        s = {"type": "string", "maxLength": f.max_length}
    else:
        s = {"type": "array", "minItems": f.min_items, "maxItems": f.max_items, "items": _object_schema(f.items)}
    if f.nullable:
        s["type"] = [s["type"], "null"]
        if "enum" in s:
            s["enum"] = s["enum"] + [None]
    s["title"] = f.label
    if f.help:
        s["description"] = f.help
    if f.today_default:
        s["description"] = (f.help + " " if f.help else "") + "Omitted or null: today's date (UTC)."
    if f.unit:
        s["x-unit"] = f.unit
    if not f.required:
        s["default"] = f.default
    return s
