"""The two education calculators on the command line: exit 0 with a result, exit 2 with field messages."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

READY = {"institution_tier": "mid_tier", "education_publications": 4, "first_or_senior_author": 2,
         "coherent_theme": True, "national_workshop_years": 3, "leadership_roles": 1, "teaching_hours": 120,
         "evaluations": "strong"}
COSMETIC = {"written_criteria": "vague", "successful_candidates_have_research": True,
            "promoted_look_like_researchers": True, "protected_time": "evaporates", "past_output_explained": False}


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_both_are_listed():
    lines = cli("list").stdout.splitlines()
    assert any(line.startswith("education-readiness\t") for line in lines)
    assert any(line.startswith("education-track-check\t") for line in lines)


@pytest.mark.parametrize("slug, inputs, band", [
    ("education-readiness", READY, "ready"),
    ("education-readiness", READY | {"teaching_hours": 20, "evaluations": "average"}, "borderline"),
    ("education-readiness", {"teaching_hours": 300, "evaluations": "outstanding"}, "not_yet"),
    ("education-track-check", COSMETIC, "cosmetic"),
    ("education-track-check", {}, "mixed"),
])
def test_run_prints_the_result(slug, inputs, band):
    out = cli("run", slug, "-", stdin=json.dumps(inputs))
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["band"] == band and res["next_steps"] and all("/#" in f["source"] for f in res["factors"])


@pytest.mark.parametrize("slug, stdin, expect", [
    ("education-readiness", '{"education_publications": 2, "first_or_senior_author": 3}',
     ["first_or_senior_author", "may not exceed education_publications", "from 0 to 2"]),
    ("education-readiness", '{"evaluations": "excellent"}', ["evaluations", "'excellent'", "'outstanding'"]),
    ("education-readiness", '{"teaching_hours": -5}', ["teaching_hours", "-5", "a number from 0 to 10000"]),
    ("education-readiness", '{"education_publications": 2.5}', ["education_publications", "whole number"]),
    ("education-readiness", '{"coherent_theme": "yes"}', ["coherent_theme", "true or false"]),
    ("education-readiness", '{"coherent_theme": null}', ["coherent_theme", "must not be null"]),
    ("education-track-check", '{"protected_time": "sometimes"}', ["protected_time", "'honoured'", "or null"]),
    ("education-track-check", '{"recent_role_models": -1}', ["recent_role_models", "from 0 to 100 or null"]),
    ("education-track-check", '{"promoted_have_clear_lines": "maybe"}', ["promoted_have_clear_lines", "true or false"]),
    ("education-track-check", '{"tenure": true}', ["tenure", "not a known field"]),
])
def test_bad_input_exits_2_naming_the_field(slug, stdin, expect):
    out = cli("run", slug, stdin=stdin)
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    for words in expect:
        assert words in out.stderr, (words, out.stderr)


def test_link_carries_every_field_and_nulls_as_empty_values():
    out = cli("link", "education-track-check", stdin=json.dumps({"protected_time": "honoured"}))
    assert out.returncode == 0
    assert "protected_time=honoured" in out.stdout and "recent_role_models=&" in out.stdout
