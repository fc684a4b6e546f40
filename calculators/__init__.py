"""Calculators that score academic job offers and promotion dossiers.

Pure Python, standard library only. The same code runs on the command line
(``python -m calculators``), at site build time (mkdocs-macros) and in the browser (Pyodide).
"""
from __future__ import annotations

from typing import Any

from .contract import Calculator, FieldError, ValidationError
from .registry import CALCULATORS, UnknownCalculator, get

__all__ = ["CALCULATORS", "Calculator", "FieldError", "UnknownCalculator", "ValidationError", "get", "run"]
__version__ = "1.0.0"


def run(slug: str, inputs: Any) -> dict[str, Any]:
    """Validate ``inputs`` for calculator ``slug`` and return its result object."""
    return get(slug).run(inputs)
