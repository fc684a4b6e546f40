"""The calculator contract: what a calculator declares and the result object it returns.

A calculator declares its inputs (:class:`Field`, from ``fields.py``), a pure ``compute``
function from validated inputs to an :class:`Outcome`, the rules that decide its verdicts
(:class:`~calculators.rules.Rule`, with the article passage each encodes), worked examples with
their expected band, and optionally an email builder. :meth:`Calculator.run` validates raw
JSON-like input and assembles the public result object: the outcome, what would change it
(``what_would_change.py``) and the email. Nothing here does I/O.

Imports go one way: ``fields`` <- ``answers``/``asks`` <- ``what_would_change`` <- this module <-
each calculator (with its email builder) <- ``registry`` <- ``web``/``cli``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .citations import is_registered
from .fields import (Choice, Field, FieldError, ValidationError, field_spec, utc_today, validate_object,
                     validate_value)
from .rules import Rule
from .what_would_change import what_would_change

__all__ = ["Calculator", "Choice", "EFFECTS", "Email", "Example", "Factor", "Field", "FieldError", "Outcome",
           "Rule", "ValidationError", "field_spec", "json_schema", "utc_today", "validate_object", "validate_value"]

EFFECTS = ("+", "-", "0")
Email = dict[str, str]
"""A text for the reader to send: ``to`` and ``subject`` (placeholders and neutral words only),
``body`` (plain text); the offer comparison adds ``for_offer``, the offer it is about, to show
beside the email, never in it."""


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
    expected: str = ""
    """The band this example must get (one test checks every example against it)."""


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
    rules: tuple[Rule, ...] = ()
    """The rules that decide its verdicts, each with the article passage it encodes; the page's
    "How it decides" table is made from them."""
    email: Callable[["Calculator", dict[str, Any]], Email | None] | None = None
    """Writes the email a result carries (``negotiation_email``) from the finished result
    (its ``inputs`` included), or None where the result needs none; no builder: always null."""

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
        result["negotiation_email"] = self.email(self, result | {"inputs": inputs}) if self.email else None
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
