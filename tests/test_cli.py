"""The command line, as a user runs it: output, exit codes, messages, never a traceback."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import calculators

from conftest import ROOT

GREEN = {"institution_type": "research_intensive", "track": "clinician_educator", "clinical_fte": 0.75,
         "protected_fte": 0.25, "protected_in_contract": True, "written_criteria": True,
         "review_years": 2.5, "promoted_examples": 3}


def cli(*args: str, stdin: str = "", python: str = sys.executable) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-m", "calculators", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_list_shows_slugs_and_titles():
    out = cli("list")
    assert out.returncode == 0
    assert "instructor-offer\tInstructor offer check" in out.stdout.splitlines()


def test_schema_is_json_schema_of_the_inputs():
    out = cli("schema", "instructor-offer")
    schema = json.loads(out.stdout)
    assert out.returncode == 0 and schema["type"] == "object"
    assert schema["properties"]["clinical_fte"]["maximum"] == 1
    assert schema["properties"]["track"]["enum"][0] == "clinician_educator"


def test_run_from_stdin():
    out = cli("run", "instructor-offer", "-", stdin=json.dumps(GREEN))
    res = json.loads(out.stdout)
    assert out.returncode == 0 and res["band"] == "green" and res["inputs"]["surgical_subspecialty"] is False


def test_run_from_file(tmp_path):
    path = tmp_path / "offer.json"
    path.write_text(json.dumps({"track": "unspecified", "clinical_fte": 1}))
    out = cli("run", "instructor-offer", str(path))
    assert out.returncode == 0 and json.loads(out.stdout)["band"] == "red"


@pytest.mark.parametrize("stdin, expect", [
    ('{"clinical_fte": 1.4}', ["clinical_fte", "1.4", "a number from 0 to 1"]),
    ('{"track": "adjunct"}', ["track", "'adjunct'", "'clinician_educator'"]),
    ('{"color": "red"}', ["color", "not a known field"]),
    ('{"written_criteria": "yes"}', ["written_criteria", "true or false"]),
    ('{"clinical_fte": 0.9, "protected_fte": 0.3}', ["protected_fte", "may not exceed 1"]),
    ("{not json", ["not valid JSON"]),
    ("[1, 2]", ["must be a JSON object"]),
    ("", ["not valid JSON"]),
])
def test_bad_input_exits_2_with_a_message_naming_the_field(stdin, expect):
    out = cli("run", "instructor-offer", stdin=stdin)
    assert out.returncode == 2 and out.stdout == ""
    assert "Traceback" not in out.stderr
    for words in expect:
        assert words in out.stderr


def test_unknown_calculator_and_missing_file():
    out = cli("run", "nope")
    assert out.returncode == 2 and "unknown calculator 'nope'" in out.stderr and "instructor-offer" in out.stderr
    out = cli("run", "instructor-offer", "/no/such/file.json")
    assert out.returncode == 2 and "cannot read" in out.stderr and "Traceback" not in out.stderr


def test_bad_usage_exits_2():
    out = cli("frobnicate")
    assert out.returncode == 2 and "usage:" in out.stderr


def test_link_prints_a_query_string_that_round_trips():
    out = cli("link", "instructor-offer", stdin=json.dumps(GREEN))
    assert out.returncode == 0 and out.stdout.startswith("?v=")
    assert "clinical_fte=0.75" in out.stdout and "written_criteria=true" in out.stdout


def python311() -> str | None:
    """A CPython 3.11 interpreter (the oldest the package supports), if this machine has one."""
    for candidate in ("/usr/bin/python3.11", shutil.which("python3.11")):
        if candidate and subprocess.run([candidate, "-c", "import sys; assert sys.version_info[:2] == (3, 11)"],
                                        capture_output=True).returncode == 0:
            return candidate
    return None


@pytest.mark.skipif(python311() is None, reason="no Python 3.11 here")
@pytest.mark.parametrize("slug", sorted(calculators.CALCULATORS))
def test_every_calculator_runs_on_python_311_too(slug):
    example = calculators.get(slug).examples[0]
    out = cli("run", slug, stdin=json.dumps(dict(example.inputs)), python=python311())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["band"] == calculators.run(slug, dict(example.inputs))["band"]


def test_output_cut_short_by_the_reader_is_not_a_traceback():
    """`python -m calculators schema x | head -1`: the pipe closes early; no traceback on stderr."""
    proc = subprocess.Popen([sys.executable, "-m", "calculators", "schema", "offer-comparison"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `head` exiting before the output arrives
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err, err
