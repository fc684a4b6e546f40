"""Shareable links: inputs survive a round trip; anything unusable is dropped with a notice."""
from __future__ import annotations

import calculators
from calculators.urlstate import decode, encode

CALC = calculators.get("instructor-offer")


def test_round_trip_of_every_example():
    for ex in CALC.examples:
        inputs = CALC.validate(dict(ex.inputs))
        raw, notices = decode(CALC, encode(CALC, inputs))
        assert notices == [] and CALC.validate(raw) == inputs


def test_omitted_fields_take_defaults():
    raw, notices = decode(CALC, "?institution_type=mid_tier&clinical_fte=0.9&protected_in_contract=false")
    assert notices == []
    assert CALC.validate(raw) == CALC.defaults() | {"clinical_fte": 0.9}


def test_null_is_an_empty_value():
    raw, _ = decode(CALC, "review_years=&years_count_toward_rank=")
    assert raw == {"review_years": None, "years_count_toward_rank": None}


def test_bad_values_are_dropped_with_a_notice_naming_the_field():
    raw, notices = decode(CALC, "clinical_fte=2&track=%3Cscript%3E&color=red&written_criteria=yes&promoted_examples=1.5")
    assert raw == {}
    text = " ".join(notices)
    for name in ("clinical_fte", "track", "color", "written_criteria", "promoted_examples"):
        assert name in text


def test_duplicates_use_the_last_value_and_say_so():
    raw, notices = decode(CALC, "clinical_fte=0.8&clinical_fte=0.7")
    assert raw == {"clinical_fte": 0.7} and "more than once" in notices[0]


def test_other_rules_version_is_noted():
    raw, notices = decode(CALC, "v=0.1&clinical_fte=0.8")
    assert raw == {"clinical_fte": 0.8} and "0.1" in notices[0]


def test_huge_values_and_floods_are_bounded():
    raw, notices = decode(CALC, "track=" + "a" * 5000)
    assert raw == {} and "too long" in notices[0]
    raw, notices = decode(CALC, "&".join(f"x{i}=1" for i in range(1000)))
    assert raw == {} and "only the first" in notices[0]
