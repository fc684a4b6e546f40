"""What would change the result: single answers, to inputs left unknown, that move the band.

An input is unknown when it is null on a field with ``null_is_unknown`` (for instance the
review timeline of an Instructor offer), or a choice marked ``unknown`` (the track "not
specified"). Each unknown input is given, one at a time, each answer it could have: both
answers of a yes/no field, every choice not marked unknown, and for a number the field's
``representative_values`` (a number without them is not varied: the offer comparison's salary).
Dates are never unknown: an empty date means today. The inputs are then checked and scored
again by the calculator's own rules: its cross-field ``checks`` (an answer they rule out is
skipped) and ``Calculator.evaluate``, which does not look for what would change, so there is no
recursion. The other inputs were validated already and every answer tried is valid for its
field by construction (``Field`` refuses representative values it would not accept), so the
field-by-field validation is not repeated: it was a third of the time. An answer that moves the
result to another band is listed. Answers the reader gave are never varied, and inputs the page hides
(a field whose ``shown_if`` does not hold, such as an Instructor-only question on an Assistant
Professor offer) are not either.

Representative values declared today: ``instructor-offer`` / ``offer-comparison``
``review_years`` 3, 5 and 8 years (the end of the guide's 2-3 year bridge, "after a few
years", and more than five years as Instructor); ``education-track-check`` ``recent_role_models`` 0-3 people
(three is the guide's test). The promotion clock's review window is not unknown when empty: it
means the usual window for the rank, which the rules fill in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, Protocol, Sequence

from .answers import answer_text, item_name
from .asks import CONDITIONS, ITEM_SUBJECT, OUTCOMES
from .fields import Field, FieldError


class Rules(Protocol):
    """What this module needs of a calculator (``contract.Calculator`` is one): its fields, its
    cross-field checks and its scoring, which does not look for what would change it."""

    slug: str
    fields: tuple[Field, ...]
    band_labels: Mapping[str, str]

    @property
    def checks(self) -> Callable[[dict[str, Any]], list[FieldError]]: ...

    def evaluate(self, inputs: dict[str, Any]) -> tuple[Any, float | None]: ...


@dataclass(frozen=True)
class Slot:
    """One input the reader left unknown: where it is and what it is."""

    name: str                      # as in the shareable link: "offers.0.review_years"
    path: tuple[Any, ...]          # keys into the inputs: ("offers", 0, "review_years")
    key: str                       # wording key in asks.CONDITIONS: "offers.review_years"
    field: Field
    item: str = ""                 # a list item's name ("Offer 2"), or "" outside lists


def is_unknown(f: Field, value: Any) -> bool:
    """Whether ``value`` means the reader does not know the answer to ``f``."""
    if value is None:
        return f.null_is_unknown
    return f.type == "choice" and any(c.unknown and c.value == value for c in f.choices)


def alternatives(f: Field) -> tuple[Any, ...]:
    """The known answers tried in place of an unknown one."""
    if f.type == "boolean":
        return (True, False)
    if f.type == "choice":
        return tuple(c.value for c in f.choices if not c.unknown)
    if f.type in ("number", "integer"):
        return tuple(f.representative_values)
    return ()


def _shown(f: Field, siblings: dict[str, Any]) -> bool:
    return f.shown_if is None or siblings.get(f.shown_if[0]) in f.shown_if[1]


def unknown_slots(fields: Sequence[Field], inputs: dict[str, Any]) -> Iterator[Slot]:
    """Every unknown input the page shows, in form order (list items in order)."""
    for f in fields:
        value = inputs.get(f.name)
        if f.type == "list":
            for n, item in enumerate(value or []):
                for sub in f.items:
                    if _shown(sub, item) and is_unknown(sub, item.get(sub.name)):
                        yield Slot(f"{f.name}.{n}.{sub.name}", (f.name, n, sub.name), f"{f.name}.{sub.name}", sub,
                                   item_name(f, item, n))
        elif _shown(f, inputs) and is_unknown(f, value):
            yield Slot(f.name, (f.name,), f.name, f)


def with_answer(inputs: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A copy of ``inputs`` with one answer replaced (the original is left untouched)."""
    head, rest = path[0], path[1:]
    out = list(inputs) if isinstance(inputs, list) else dict(inputs)
    out[head] = with_answer(inputs[head], rest, value) if rest else value
    return out  # type: ignore[return-value]


def ask(slug: str, slot: Slot, value: Any, band: str, band_label: str, headline: str = "") -> str:
    """The question worth asking, worded from ``asks`` (or from the field's label); an outcome
    worded ``{placement}`` takes the first sentence of the changed result's headline."""
    words = answer_text(slot.field, value)
    phrase = CONDITIONS.get(slug, {}).get(slot.key)
    template = phrase.get(value) if isinstance(phrase, dict) else phrase
    if template:
        condition = template.format(value=words, item=slot.item or ITEM_SUBJECT.get(slug, "it"))
        if slot.item and "{item}" not in template:
            condition = f", for {slot.item}, {condition}"
        else:
            condition = " " + condition
    else:
        condition = f" the answer to \u201c{slot.field.label}\u201d is \u201c{words}\u201d"
        if slot.item:
            condition += f" for {slot.item}"
    outcome = OUTCOMES.get(slug, {}).get(band) or f"the result becomes \u201c{band_label}\u201d"
    outcome = outcome.format(placement=headline.split(". ")[0].rstrip("."))
    return f"If{condition}, {outcome}."


def what_would_change(calc: Rules, inputs: dict[str, Any], band: str) -> list[dict[str, Any]]:
    """The single answers, to inputs left unknown, that move ``inputs``' result out of ``band``.

    Each item: ``field`` (named as in the link), ``value`` (the answer, as JSON), ``band`` and
    ``score`` of the result with that answer, and ``ask``, the question worth asking; for
    display also ``label`` (the field's), ``value_label`` (the answer in words) and
    ``band_label``.
    """
    found = []
    for slot in unknown_slots(calc.fields, inputs):
        for value in alternatives(slot.field):
            changed = with_answer(inputs, slot.path, value)
            if calc.checks(changed):  # an answer the other inputs rule out
                continue
            outcome, score = calc.evaluate(changed)
            if outcome.band == band:
                continue
            label = calc.band_labels[outcome.band]
            found.append({"field": slot.name, "value": value, "band": outcome.band, "score": score,
                          "ask": ask(calc.slug, slot, value, outcome.band, label, outcome.headline),
                          "label": slot.field.label, "value_label": answer_text(slot.field, value),
                          "band_label": label})
    return found


def empty_note(calc: Rules, inputs: dict[str, Any]) -> str:
    """What to say when nothing is listed: no answer left open, or none of them would change the band."""
    if any(True for _ in unknown_slots(calc.fields, inputs)):
        return "No single answer to a question left open would move the result to another band."
    return "No question is left open: every input that counts has an answer."
