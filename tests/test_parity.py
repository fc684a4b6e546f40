"""Parity: every registered calculator gives the same answer on the command line (CPython) and on
its page (Pyodide in headless Chromium, opened from the shared link).

Cases: each calculator's EXAMPLES, its defaults, and two variants derived from its first example
(every yes/no answer flipped; every choice set to its last option), kept when they validate.
"""
from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import calculators
from calculators import CALCULATORS, ValidationError
from calculators.contract import Calculator, Field
from calculators.urlstate import decode, encode
from conftest import ROOT


def _vary(fields: tuple[Field, ...], inputs: dict[str, Any], how: str) -> dict[str, Any]:
    out = dict(inputs)
    for f in fields:
        value = inputs.get(f.name)
        if f.type == "list" and isinstance(value, list):
            out[f.name] = [_vary(f.items, item, how) for item in value]
        elif how == "flip" and f.type == "boolean" and value is not None:
            out[f.name] = not value
        elif how == "last-choice" and f.type == "choice":
            out[f.name] = f.choices[-1].value
    return out


def cases(calc: Calculator) -> list[tuple[str, dict[str, Any]]]:
    found = [(e.name, dict(e.inputs)) for e in calc.examples] + [("defaults", {})]
    if calc.examples:
        first = calc.validate(dict(calc.examples[0].inputs))
        found += [(how, _vary(calc.fields, first, how)) for how in ("flip", "last-choice")]
    kept = []
    for name, raw in found:
        try:
            kept.append((name, calc.validate(raw)))
        except ValidationError:
            continue
    return kept


CASES = [pytest.param(slug, inputs, id=f"{slug}-{name}")
         for slug, calc in sorted(CALCULATORS.items()) for name, inputs in cases(calc)]


def cli_run(slug: str, inputs: dict[str, Any]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "calculators", "run", slug, "-"], input=json.dumps(inputs),
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def js(value: Any) -> str:
    """A JSON value as JavaScript's String() writes it (what the page shows)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def test_every_calculator_has_parity_cases():
    covered = {p.values[0] for p in CASES}
    assert covered == set(CALCULATORS)


@pytest.mark.parametrize("slug, inputs", CASES)
def test_shared_link_round_trips_in_python(slug, inputs):
    calc = calculators.get(slug)
    raw, notices = decode(calc, encode(calc, inputs))
    assert notices == [] and calc.validate(raw) == inputs


@pytest.mark.browser
@pytest.mark.parametrize("slug, inputs", CASES)
def test_cli_and_page_agree(page, site, slug, inputs):
    calc = calculators.get(slug)
    expected = cli_run(slug, inputs)
    assert expected == calculators.run(slug, inputs), "the CLI prints what the package computes"

    page.goto(site.page_url(f"calculators/{slug}/") + "?" + encode(calc, expected["inputs"]))
    result = page.locator(f'[data-calc-result="{slug}"]')
    page.wait_for_selector(f'[data-calc-result="{slug}"][data-calc-state="ready"][data-calc-band]', timeout=90000)
    assert page.locator(".calc-notices").is_hidden(), "the shared link was read in full"

    assert result.get_attribute("data-calc-band") == expected["band"]
    assert expected["band_label"] in result.locator(".calc-band-label").inner_text()
    score = result.locator(".calc-score").inner_text().strip()
    assert score == ("" if expected["score"] is None else f"Score {js(expected['score'])} of 100")

    shown = dict(zip(result.locator(".calc-metrics dt").all_inner_texts(),
                     result.locator(".calc-metrics dd").all_inner_texts(), strict=True))
    want = {label: f"{js(expected[key])}{'%' if unit == '%' else ' ' + unit}".strip()
            for key, label, unit in calc.metrics if expected.get(key) is not None}
    assert shown == want

    if "ranking" in expected:
        rows = result.locator(".calc-ranking tr").evaluate_all(
            "rows => rows.slice(1).map(r => [...r.cells].slice(0, 4).map(c => c.textContent))")
        assert rows == [[str(n + 1), r["label"], js(r["score"]), r["band_label"]]
                        for n, r in enumerate(expected["ranking"])]
    factors = result.locator(".calc-factors li strong").all_inner_texts()
    assert factors == [f["label"] for f in expected["factors"]]
