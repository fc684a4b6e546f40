"""All calculators, by slug."""
from __future__ import annotations

from .contract import Calculator
from . import instructor_offer
from . import offer_comparison, promotion_clock
from . import education_readiness, education_track_check

CALCULATORS: dict[str, Calculator] = {c.slug: c for c in (
    instructor_offer.CALCULATOR,
    offer_comparison.CALCULATOR,
    promotion_clock.CALCULATOR,
    education_readiness.CALCULATOR,
    education_track_check.CALCULATOR,
)}


class UnknownCalculator(KeyError):
    """Raised for a slug that is not registered."""


def get(slug: str) -> Calculator:
    """Return the calculator registered under ``slug``."""
    try:
        return CALCULATORS[slug]
    except KeyError:
        raise UnknownCalculator(slug) from None
