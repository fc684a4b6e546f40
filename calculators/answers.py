"""Input values as a reader would say them, for sentences, tables and emails."""
from __future__ import annotations

from typing import Any

from .fields import Field


def answer_text(f: Field, value: Any) -> str:
    """One input value in words: a choice's label, Yes/No, a number with its unit."""
    if value is None:
        return f.null_label
    if f.type == "choice":
        return next((c.label for c in f.choices if c.value == value), str(value))
    if f.type == "boolean":
        return f.true_label if value else f.false_label
    if isinstance(value, (int, float)):
        return f"{value:,.0f} {f.unit}".strip() if abs(value) >= 10000 else f"{value:g} {f.unit}".strip()
    return str(value)


def item_name(f: Field, item: dict[str, Any], n: int) -> str:
    """What the ``n``-th item (0-based) of list field ``f`` is called: its label, else "Offer 1"."""
    label = item.get("label")
    return label if isinstance(label, str) and label else f"{f.item_label} {n + 1}"
