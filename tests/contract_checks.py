"""Shared property-test pieces: arbitrary JSON values, and the contract every run must keep."""
from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

import calculators

# Any JSON-like value, small enough to keep hypothesis fast.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6)


def result_or_contract_error(slug: str, raw: Any) -> dict[str, Any] | None:
    """Run ``slug`` on ``raw``: either a well-formed result or the contract's ValidationError.

    A ValidationError must name a field in each of its messages (returns None); anything else
    escaping fails the test. A result must be JSON (no NaN), in one of the calculator's bands,
    with a score of 0-100 or null.
    """
    calc = calculators.get(slug)
    try:
        result = calculators.run(slug, raw)
    except calculators.ValidationError as exc:
        assert exc.errors and all(isinstance(e.field, str) and e.field and e.text() for e in exc.errors)
        return None
    json.dumps(result, allow_nan=False)  # the page receives it as JSON
    assert result["band"] in calc.bands
    assert result["score"] is None or 0 <= result["score"] <= 100
    return result
