"""Fuzzing: nothing but the contract's validation error escapes, in Python, the CLI and the page.

Every calculator in ``calculators.CALCULATORS`` is fuzzed: ``run`` over arbitrary and
near-valid JSON, the URL decoder over hostile query strings (Python here, the page's JavaScript
decoder in Chromium, compared with Python's on the same queries), and the CLI over random bytes.
"""
from __future__ import annotations

import dataclasses
import html
import io
import json
import re
import subprocess
import sys
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators
from calculators.cli import main as cli_main
from calculators.contract import Field, validate_value
from calculators.urlstate import MAX_PARAMS, decode
from calculators.web import handle
from conftest import ROOT
from contract_checks import result_or_contract_error

SLUGS = sorted(calculators.CALCULATORS)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)

# Pieces of hostile query strings: separators, broken escapes, markup, non-ASCII digits (which
# Python's \d and str.isdigit accept and JavaScript's do not), astral characters (one code
# point, two UTF-16 units), and the whitespace on which Python's strip and JavaScript's trim differ.
TOKENS = list("abcdefv_.=&%?#+;[]<>\"' 0123456789-eE") + [
    "%3C", "%00", "%ZZ", "%FF", "%E2%80", "%0A", "\n", "\u00e9", "\u0663", "\u00b2", "\U0001F600",
    "\ufeff", "\x1f", "\x85", "\u3000", "true", "false", "null", "<script>", "1e999", "NaN"]
JUNK = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)


# ---------- run ----------

def near_valid(f: Field) -> st.SearchStrategy:
    """Values close to what ``f`` allows: in and just out of range, wrong types, null."""
    odd = st.none() | JSON
    if f.type == "boolean":
        return st.booleans() | odd
    if f.type in ("number", "integer"):
        lo = f.minimum if f.minimum is not None else -1e6
        hi = f.maximum if f.maximum is not None else 1e6
        ints = st.integers(int(lo) - 2, int(hi) + 2)
        if f.type == "integer":
            return ints | st.floats(lo - 1, hi + 1) | odd
        return st.floats(lo - 1, hi + 1, allow_nan=False) | ints | st.sampled_from([lo, hi]) | odd
    if f.type == "choice":
        return st.sampled_from([c.value for c in f.choices]) | odd
    if f.type == "date":
        return st.dates().map(str) | st.sampled_from(["2026-02-29", "2024-02-29", "0000-01-01"]) | odd
    if f.type == "text":
        return st.text(max_size=f.max_length + 3) | odd
    item = st.fixed_dictionaries({}, optional={s.name: near_valid(s) for s in f.items})
    return st.lists(item | odd, max_size=f.max_items + 1) | odd


def inputs_for(calc) -> st.SearchStrategy:
    known = st.fixed_dictionaries({}, optional={f.name: near_valid(f) for f in calc.fields})
    return known | JSON


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_run_on_any_json_returns_a_result_or_raises_the_contract_error(slug, data):
    value = data.draw(inputs_for(calculators.get(slug)))
    result_or_contract_error(slug, value)


# ---------- the worker's entry point ----------

@settings(max_examples=300, deadline=None, derandomize=True)
@given(slug=st.sampled_from(SLUGS) | JSON, inputs=JSON, junk=st.booleans())
def test_worker_entry_point_always_answers_json(slug, inputs, junk):
    """``calculators.web.handle`` (what the page's worker calls) never raises, whatever it is sent."""
    request = json.dumps(inputs) if junk else json.dumps({"slug": slug, "inputs": inputs})
    reply = json.loads(handle(request))
    assert reply["ok"] in (True, False)
    assert reply["ok"] or reply.get("errors") or reply.get("crash")


def test_a_calculator_that_raises_is_reported_as_a_crash_not_an_exception(monkeypatch):
    calc = calculators.get(SLUGS[0])

    def broken(inputs):
        raise ZeroDivisionError("a bug in a calculator")

    monkeypatch.setitem(calculators.CALCULATORS, calc.slug, dataclasses.replace(calc, compute=broken))
    reply = json.loads(handle(json.dumps({"slug": calc.slug, "inputs": {}})))
    assert reply["ok"] is False and "ZeroDivisionError" in reply["crash"]


# ---------- URL decoder (Python) ----------

def field_names(calc) -> list[str]:
    names = []
    for f in calc.fields:
        names.append(f.name)
        names += [f"{f.name}.{i}.{sub.name}" for i in (0, 1, 2, 7, 99) for sub in f.items]
    return names


def sample_values(calc) -> list[str]:
    """Value texts near the edges of what the fields allow."""
    out = ["true", "false", "", "0", "1", "-0", "0.5", "1.", ".5", "1e999", "0x10", " 1", "1\n", "2026-02-29",
           "2024-02-29", "0000-01-01", "a" * 199, "a" * 201, "\U0001F600" * 150, " padded ", "\u0663"]
    fields = list(calc.fields) + [s for f in calc.fields for s in f.items]
    for f in fields:
        out += [c.value for c in f.choices]
        for bound in (f.minimum, f.maximum):
            if bound is not None:
                out += [str(bound), str(bound + 1), str(bound - 0.5)]
    return out


@st.composite
def queries(draw, calc) -> str:
    """Query strings mixing real field names, junk names and hostile values."""
    key = st.sampled_from(field_names(calc) + ["v", "x", "__proto__", "constructor"]) | JUNK
    lists = [f for f in calc.fields if f.type == "list"]
    if lists:  # list items with odd indexes: non-ASCII digits, signs, padding, too many digits
        index = st.sampled_from(["0", "1", "07", "99", "100", "-1", " 1", "", "\u00b2", "\u0663", "1\n"]) | JUNK
        key = key | st.builds(lambda f, i, sub: f"{f.name}.{i}.{sub}", st.sampled_from(lists), index,
                              st.sampled_from([s.name for f in lists for s in f.items]) | JUNK)
    value = st.sampled_from(sample_values(calc)) | JUNK
    pairs = draw(st.lists(st.tuples(key, value, st.booleans()), max_size=14))
    query = "&".join(f"{k}={quote(v) if q else v}" for k, v, q in pairs)
    return draw(st.sampled_from(["", "?", "??"])) + query


def assert_only_allowed_values(calc, raw: dict[str, Any]) -> None:
    """Every decoded value is one its field allows, and lists stay within their length."""
    fields = {f.name: f for f in calc.fields}
    assert set(raw) <= set(fields), raw
    for name, value in raw.items():
        f = fields[name]
        if f.type == "list":
            assert isinstance(value, list) and len(value) <= f.max_items
            subs = {s.name: s for s in f.items}
            for item in value:
                assert set(item) <= set(subs)
                for sub_name, sub_value in item.items():
                    assert validate_value(subs[sub_name], sub_value, sub_name)[1] == [], (name, item)
        else:
            assert validate_value(f, value, name)[1] == [], (name, value)


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=400, deadline=None, derandomize=True)
@given(data=st.data())
def test_url_decoder_never_fails_and_keeps_only_allowed_values(slug, data):
    calc = calculators.get(slug)
    raw, notices = decode(calc, data.draw(queries(calc)))
    assert all(isinstance(n, str) for n in notices)
    assert_only_allowed_values(calc, raw)


@pytest.mark.parametrize("slug", SLUGS)
def test_url_decoder_survives_a_flood_of_parameters(slug):
    calc = calculators.get(slug)
    name = calc.fields[0].name
    raw, notices = decode(calc, "&".join(f"{name}={n}" for n in range(MAX_PARAMS * 50)))
    assert any(str(MAX_PARAMS) in n for n in notices)
    assert_only_allowed_values(calc, raw)


# ---------- CLI ----------

@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode()),
       command=st.sampled_from(["run", "link"]))
def test_cli_on_random_bytes_exits_0_or_2(slug, data, command):
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    out, err = io.StringIO(), io.StringIO()
    code = cli_main([command, slug, "-"], stdin=stdin, stdout=out, stderr=err)
    assert code in (0, 2) and "Traceback" not in err.getvalue()
    assert (code == 0) == (err.getvalue() == "")


@pytest.mark.parametrize("slug", SLUGS)
def test_cli_process_on_undecodable_stdin_exits_2_without_traceback(slug):
    for data in (b"\xff\xfe\x00garbage", b"{" * 5000, b'{"' + b"\x00" * 10 + b'": 1e999}'):
        done = subprocess.run([sys.executable, "-m", "calculators", "run", slug, "-"], input=data,
                              capture_output=True, cwd=ROOT, timeout=60)
        assert done.returncode == 2 and b"Traceback" not in done.stderr, done.stderr[-500:]
        assert done.stderr.startswith(b"error:")


# ---------- URL decoder (JavaScript, in the page) ----------

def page_spec(site, slug: str) -> dict:
    """The spec as the built page carries it (what the browser's decoder actually reads)."""
    text = (site.dir / "calculators" / slug / "index.html").read_text(encoding="utf-8")
    match = re.search(r'data-calc-spec="([^"]*)"', text)
    assert match, f"no data-calc-spec on the {slug} page"
    return json.loads(html.unescape(match.group(1)))


# The page's decoder, bundled into the runner: imported alone here, from the site's origin.
URLSTATE = ROOT / "web" / "page" / "urlstate.js"
URLSTATE_URL = "test-only/urlstate.js"

JS_DECODE = """async ([url, spec, cases]) => {
    const m = await import(url);
    return cases.map((q) => {
        try { const { raw, notices } = m.decodeQuery(spec, q); return { raw, notices,
              strings: notices.every((n) => typeof n === "string") }; }
        catch (e) { return { error: String(e && e.stack || e) }; }
    });
}"""


@pytest.mark.browser
@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_js_url_decoder_never_throws_and_agrees_with_python(page, site, slug, data):
    """Batches of hostile queries through the page's decodeQuery: no exception, only allowed
    values, and the same values and the same notices, word for word, as the Python decoder."""
    calc = calculators.get(slug)
    if not page.url.startswith(site.url):
        page.route(f"**/{URLSTATE_URL}", lambda route: route.fulfill(
            body=URLSTATE.read_text(encoding="utf-8"), content_type="text/javascript"))
        page.goto(site.page_url(""))  # any page of the site: the module is imported directly
    cases = data.draw(st.lists(queries(calc), min_size=25, max_size=25))
    got = page.evaluate(JS_DECODE, [site.page_url(URLSTATE_URL), page_spec(site, slug), cases])
    for query, js in zip(cases, got, strict=True):
        assert "error" not in js, (query, js)
        assert js["strings"], query
        assert_only_allowed_values(calc, js["raw"])
        py_raw, py_notices = decode(calc, query)
        assert js["raw"] == py_raw, query
        assert js["notices"] == py_notices, query
