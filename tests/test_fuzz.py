"""Fuzzing: nothing but the contract's validation error escapes, in Python, the CLI and the page."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators
from calculators.urlstate import decode
from conftest import ROOT

SLUGS = sorted(calculators.CALCULATORS)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
QUERY_CHARS = st.sampled_from(list("abcdefv_.=&%?#+;[]<>\"' 0123456789") + ["%3C", "%00", "%ZZ", "\u00e9", "\ud7ff"])


def field_names(calc) -> list[str]:
    names = []
    for f in calc.fields:
        names.append(f.name)
        names += [f"{f.name}.{i}.{sub.name}" for i in range(3) for sub in f.items]
    return names


@st.composite
def queries(draw, calc):
    """Query strings mixing real field names, junk names and hostile values."""
    pairs = draw(st.lists(st.tuples(
        st.sampled_from(field_names(calc) + ["v", "x", "__proto__", "constructor"]) | st.text(QUERY_CHARS, max_size=8),
        st.text(QUERY_CHARS, max_size=12) | st.sampled_from(["true", "false", "", "1", "0.5", "1e999", "-0", "NaN"])),
        max_size=12))
    return "&".join(f"{k}={v}" for k, v in pairs)


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.data())
def test_url_decoder_never_fails_and_keeps_only_valid_values(slug, data):
    calc = calculators.get(slug)
    raw, notices = decode(calc, data.draw(queries(calc)))
    assert all(isinstance(n, str) for n in notices)
    try:
        calc.validate(raw)  # field values are individually valid; only cross-field checks may object
    except calculators.ValidationError:
        pass


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON)
def test_run_on_any_json_validates_or_raises_the_contract_error(slug, value):
    try:
        calculators.run(slug, value)
    except calculators.ValidationError:
        pass


def test_cli_on_random_bytes_exits_0_or_2_without_traceback():
    import random

    rng = random.Random(20261122)
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200))) for _ in range(25)]
    samples += [b"\xff\xfe", b'{"clinical_fte": 1e999}', b'{"track": "\x00"}', b"null", b'"x"', b"{}" * 3]
    script = ("import sys, io, json\nfrom calculators.cli import main\nsamples = json.load(sys.stdin)\n"
              "out = []\nfor s in samples:\n"
              "    err = io.StringIO()\n"
              "    stdin = io.TextIOWrapper(io.BytesIO(bytes.fromhex(s)), encoding='utf-8', errors='strict')\n"
              "    code = main(['run', 'instructor-offer', '-'], stdin=stdin, stdout=io.StringIO(), stderr=err)\n"
              "    out.append([code, err.getvalue()])\n"
              "print(json.dumps(out))\n")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps([s.hex() for s in samples]),
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    for code, err in json.loads(done.stdout):
        assert code in (0, 2) and "Traceback" not in err
    # and once through a real process with undecodable bytes on stdin
    real = subprocess.run([sys.executable, "-m", "calculators", "run", "instructor-offer", "-"],
                          input=b"\xff\xfe\x00garbage", capture_output=True, cwd=ROOT, timeout=60)
    assert real.returncode == 2 and b"Traceback" not in real.stderr


@pytest.mark.browser
def test_js_url_decoder_never_throws_and_matches_python(page, site):
    """The page's decoder, fed the same hostile queries, keeps the same valid values as Python's."""
    page.goto(site.page_url("calculators/instructor-offer/"))
    calc = calculators.get("instructor-offer")
    cases = [queries(calc).example() for _ in range(0)]  # placeholder, replaced below
    import random

    rng = random.Random(7)
    names = field_names(calc) + ["v", "x", "__proto__", "constructor", "toString"]
    values = ["true", "false", "", "1", "0.5", "2", "1e999", "-0", "NaN", "0x10", " 1", "1 ", "%3Cb%3E",
              "mid_tier", "tenure", "unspecified", "%ZZ", "a" * 250, "3.0", "15", "15.5"]
    cases = ["&".join(f"{rng.choice(names)}={rng.choice(values)}" for _ in range(rng.randrange(0, 10)))
             for _ in range(150)]
    spec = json.dumps(calc.spec())
    got = page.evaluate("""async ([spec, cases]) => {
        const m = await import(new URL('../../assets/calc/runner.js', location.href).href);
        return cases.map(q => { try { return m.decodeQuery(JSON.parse(spec), q).raw; }
                                catch (e) { return {__error: String(e)}; } });
    }""", [spec, cases])
    for query, js in zip(cases, got):
        py, _ = decode(calc, query)
        assert "__error" not in js, (query, js)
        assert js == py, query
