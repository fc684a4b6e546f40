"""What would change the result: every listed answer really moves the band, none was given by the
reader, and none that would is left out, for every calculator's examples, defaults and random inputs.

Expectations are computed by running the calculator with the answer applied, never written down:
the rules may change, these properties may not.
"""
from __future__ import annotations

import dataclasses
import io
import json
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import calculators
from calculators import CALCULATORS, ValidationError
from calculators.asks import CONDITIONS, OUTCOMES
from calculators.cli import main as cli_main
from calculators.contract import Calculator, Choice, Field, field_spec
from calculators.urlstate import decode, encode
from macros import forms

SLUGS = sorted(CALCULATORS)


# ---------- an independent reading of the spec: what is unknown, what could it be ----------

def path_of(name: str) -> tuple[Any, ...]:
    """A link parameter name as keys into the inputs: "offers.1.track" -> ("offers", 1, "track")."""
    return tuple(int(p) if p.isdigit() else p for p in name.split("."))


def at(inputs: dict[str, Any], path: tuple[Any, ...]) -> Any:
    for key in path:
        inputs = inputs[key]
    return inputs


def applied(inputs: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(inputs))
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def unknown(f: Field, value: Any) -> bool:
    """Unknown as the spec declares it: null where null means "not known", or a choice marked so."""
    if value is None:
        return f.null_is_unknown
    return f.type == "choice" and any(c.value == value and c.unknown for c in f.choices)


def shown(f: Field, siblings: dict[str, Any]) -> bool:
    return f.shown_if is None or siblings.get(f.shown_if[0]) in f.shown_if[1]


def unknown_inputs(calc: Calculator, inputs: dict[str, Any]) -> Iterator[tuple[str, Field]]:
    """(link name, field) of every input left unknown that the page shows."""
    for f in calc.fields:
        if f.type == "list":
            for n, item in enumerate(inputs[f.name]):
                yield from ((f"{f.name}.{n}.{s.name}", s) for s in f.items if shown(s, item) and unknown(s, item[s.name]))
        elif shown(f, inputs) and unknown(f, inputs[f.name]):
            yield f.name, f


def answers(f: Field) -> list[Any]:
    if f.type == "boolean":
        return [True, False]
    if f.type == "choice":
        return [c.value for c in f.choices if not c.unknown]
    return list(f.representative_values)


def band_with(calc: Calculator, inputs: dict[str, Any], name: str, value: Any) -> dict[str, Any] | None:
    try:
        return calc.run(applied(inputs, path_of(name), value))
    except ValidationError:
        return None


def check(slug: str, raw: Any) -> dict[str, Any]:
    """Every property of ``what_would_change`` for one input set; returns the result."""
    calc = calculators.get(slug)
    res = calc.run(raw)
    inputs, listed = res["inputs"], res["what_would_change"]
    pairs = [(c["field"], json.dumps(c["value"])) for c in listed]
    assert len(pairs) == len(set(pairs)), "no answer is listed twice"
    for c in listed:
        assert {"field", "value", "band", "score", "ask", "label", "value_label", "band_label"} <= set(c)
        path = path_of(c["field"])
        field = dict(unknown_inputs(calc, inputs)).get(c["field"])
        assert field is not None, f"{c['field']} was answered (or hidden), yet it is listed"
        assert unknown(field, at(inputs, path))
        other = band_with(calc, inputs, c["field"], c["value"])
        assert other is not None, "a listed answer is a valid one"
        assert other["band"] == c["band"] != res["band"], "the answer moves the result to the band listed"
        assert other["score"] == c["score"]
        assert c["band_label"] == calc.band_labels[c["band"]] and c["label"] == field.label
        assert c["ask"].startswith(("If ", "If, ")) and c["ask"].endswith(".") and "{" not in c["ask"]
    for name, field in unknown_inputs(calc, inputs):
        for value in answers(field):
            other = band_with(calc, inputs, name, value)
            if other is not None and other["band"] != res["band"]:
                assert (name, json.dumps(value)) in pairs, f"{name}={value!r} moves the band but is not listed"
    return res


def example_cases() -> list:
    return [pytest.param(slug, dict(e.inputs), id=f"{slug}-{e.name}")
            for slug in SLUGS for e in CALCULATORS[slug].examples] + [
        pytest.param(slug, {}, id=f"{slug}-defaults") for slug in SLUGS]


@pytest.mark.parametrize("slug, raw", example_cases())
def test_examples_and_defaults(slug, raw):
    check(slug, raw)


@pytest.mark.parametrize("slug, raw", example_cases())
def test_examples_with_each_answer_forgotten(slug, raw):
    """The same examples with each answer the spec lets be unknown set back to unknown, one at a time."""
    calc = calculators.get(slug)
    inputs = calc.validate(raw)
    for f in calc.fields:
        if f.type == "list":
            for n, item in enumerate(inputs[f.name]):
                for sub in f.items:
                    for forgotten in unknown_values(sub):
                        if item[sub.name] != forgotten:
                            check(slug, applied(inputs, (f.name, n, sub.name), forgotten))
        else:
            for forgotten in unknown_values(f):
                if inputs[f.name] != forgotten:
                    check(slug, applied(inputs, (f.name,), forgotten))


def unknown_values(f: Field) -> list[Any]:
    return ([None] if f.null_is_unknown else []) + [c.value for c in f.choices if c.unknown]


# ---------- random inputs ----------

def valid_value(f: Field) -> st.SearchStrategy:
    """Values ``f`` accepts, unknown ones often."""
    extra = unknown_values(f)
    if f.type == "boolean":
        return st.sampled_from([True, False] + extra)
    if f.type == "choice":
        return st.sampled_from([c.value for c in f.choices] + extra)
    if f.type == "integer":
        top = min(int(f.maximum if f.maximum is not None else 10), 8)
        return st.integers(int(f.minimum or 0), top) | st.sampled_from(extra or [int(f.minimum or 0)])
    if f.type == "number":
        lo, hi = f.minimum or 0, f.maximum if f.maximum is not None else 10
        grid = sorted({lo, hi, *f.representative_values, *(round(lo + (hi - lo) * k / 8, 2) for k in range(9))})
        return st.sampled_from(grid + extra)
    if f.type == "date":
        return st.sampled_from(["2014-07-01", "2019-07-01", "2022-07-01", "2025-07-01", "2026-01-15"])
    if f.type == "text":
        return st.sampled_from(["", "North", "South"])
    item = st.fixed_dictionaries({}, optional={s.name: valid_value(s) for s in f.items})
    return st.lists(item, min_size=f.min_items, max_size=min(f.max_items, 3))


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_inputs(slug, data):
    calc = calculators.get(slug)
    raw = data.draw(st.fixed_dictionaries({}, optional={f.name: valid_value(f) for f in calc.fields}))
    try:
        calc.validate(raw)
    except ValidationError:
        assume(False)
    check(slug, raw)


# ---------- how it is computed ----------

def test_the_issue_example_a_review_timeline_is_asked_about():
    """An offer whose band depends on the review timeline left empty lists each timeline that moves it,
    worded as a question about the review."""
    calc = calculators.get("instructor-offer")
    inputs = calc.validate(dict(calc.example("green").inputs)) | {"review_years": None}
    res = calc.run(inputs)
    movers = [v for v in calc.field("review_years").representative_values
              if calc.run(inputs | {"review_years": v})["band"] != res["band"]]
    listed = [c for c in res["what_would_change"] if c["field"] == "review_years"]
    assert [c["value"] for c in listed] == movers
    for c in listed:
        assert f"review for Assistant Professor within {c['value']:g} years" in c["ask"]
        assert calc.band_labels[c["band"]].lower() in c["ask"]


@pytest.mark.parametrize("slug", SLUGS)
def test_reruns_do_not_recurse(slug):
    """Scoring once, then once per answer tried: the reruns do not look for what would change them."""
    calc = calculators.get(slug)
    calls = []

    def counting(inputs):
        calls.append(1)
        return calc.compute(inputs)

    counted = dataclasses.replace(calc, compute=counting)
    inputs = calc.validate({})
    counted.run({})
    tried = sum(len(answers(f)) for _, f in unknown_inputs(calc, inputs))
    assert len(calls) == 1 + tried


def test_hidden_inputs_are_not_varied():
    """An Assistant Professor offer's Instructor-only questions, left empty, are never listed."""
    calc = calculators.get("offer-comparison")
    offers = [{"label": "A", "rank": "assistant_professor"}, {"label": "B"}]
    res = calc.run({"offers": offers})
    hidden = {f.name for f in calc.field("offers").items if f.shown_if}
    assert not [c for c in res["what_would_change"] if c["field"].startswith("offers.0.")
                and c["field"].split(".")[2] in hidden]


@pytest.mark.parametrize("slug", SLUGS)
def test_listed_fields_are_link_parameters(slug):
    """Each listed field is named as in the shareable link: the link with that answer reads back cleanly."""
    calc = calculators.get(slug)
    for ex in list(calc.examples) + [None]:
        res = calc.run(dict(ex.inputs) if ex else {})
        for c in res["what_would_change"]:
            query = encode(calc, applied(res["inputs"], path_of(c["field"]), c["value"]))
            assert f"{c['field']}=" in query
            raw, notices = decode(calc, query)
            assert notices == [] and calc.run(raw)["band"] == c["band"]


# ---------- the spec: declared, checked, published ----------

def test_spec_declares_the_unknown_markers():
    spec = calculators.get("instructor-offer").spec()
    fields = {f["name"]: f for f in spec["fields"]}
    assert fields["years_count_toward_rank"]["null_is_unknown"] is True
    assert [c["value"] for c in fields["track"]["choices"] if c["unknown"]] == ["unspecified"]
    assert fields["review_years"]["representative_values"] == list(
        calculators.get("instructor-offer").field("review_years").representative_values)
    offers = calculators.get("offer-comparison").spec()["fields"][0]
    assert offers["item_label"] == "Offer"


def test_field_refuses_markers_it_cannot_honor():
    with pytest.raises(ValueError, match="nullable"):
        Field("x", "X", "boolean", null_is_unknown=True)
    with pytest.raises(ValueError, match="representative value"):
        Field("x", "X", "number", nullable=True, minimum=0, maximum=1, representative_values=(2,))
    with pytest.raises(ValueError, match="representative value"):
        Field("x", "X", "text", representative_values=(1,))
    assert field_spec(Field("x", "X", "choice", choices=(Choice("a", "A"), Choice("n", "Not known", unknown=True))))[
        "choices"][1]["unknown"] is True


def _field_for_key(calc: Calculator, key: str) -> Field:
    head, _, sub = key.partition(".")
    f = calc.field(head)
    return next(s for s in f.items if s.name == sub) if sub else f


@pytest.mark.parametrize("slug", sorted(CONDITIONS))
def test_wording_table_names_real_fields_and_answers(slug):
    calc = calculators.get(slug)
    for key, phrase in CONDITIONS[slug].items():
        f = _field_for_key(calc, key)
        assert f.null_is_unknown or any(c.unknown for c in f.choices), f"{key} is never unknown"
        if isinstance(phrase, dict):
            assert set(phrase) <= set(answers(f)), f"{key}: worded answers that are never tried"
    assert set(OUTCOMES.get(slug, {})) <= set(calc.bands)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_answer_tried_has_its_own_wording(slug):
    """The fallback ("the answer to ... is ...") is for new fields; the declared ones are worded."""
    calc = calculators.get(slug)
    keyed = [(f.name, f) for f in calc.fields if f.type != "list"]
    keyed += [(f"{lst.name}.{item.name}", item) for lst in calc.fields for item in lst.items]
    for key, f in keyed:
        if not (f.null_is_unknown or any(c.unknown for c in f.choices)) or not answers(f):
            continue
        phrase = CONDITIONS.get(slug, {}).get(key)
        assert phrase, f"{slug}: no wording for {key}"
        if isinstance(phrase, dict):
            assert set(answers(f)) <= set(phrase), f"{slug}: {key} lacks wording for some answers"


def test_fallback_wording_uses_the_labels():
    from calculators.what_would_change import Slot, ask
    f = Field("gizmo", "Gizmo count", "integer", nullable=True, null_is_unknown=True, representative_values=(2,),
              unit="gizmos")
    text = ask("no-such-calculator", Slot("gizmo", ("gizmo",), "gizmo", f), 2, "b", "Band B")
    assert text == "If the answer to \u201cGizmo count\u201d is \u201c2 gizmos\u201d, the result becomes \u201cBand B\u201d."


# ---------- the command line and the worked examples show the same list ----------

def _first_with_changes() -> tuple[str, dict[str, Any], dict[str, Any]]:
    calc = calculators.get("instructor-offer")
    raw = dict(calc.example("green").inputs) | {"review_years": None}
    return "instructor-offer", raw, calc.run(raw)


def test_cli_text_output_lists_each_ask():
    slug, raw, res = _first_with_changes()
    assert res["what_would_change"], "the case has something to list"
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["run", "--format", "text", slug, "-"], stdin=io.StringIO(json.dumps(raw)), stdout=out,
                    stderr=err) == 0
    text = out.getvalue()
    assert "What would change the result:" in text
    for c in res["what_would_change"]:
        assert f"{c['ask']} ({c['field']}={json.dumps(c['value'])})" in text


def test_cli_json_output_carries_the_list():
    slug, raw, res = _first_with_changes()
    out = io.StringIO()
    assert cli_main(["run", slug, "-"], stdin=io.StringIO(json.dumps(raw)), stdout=out, stderr=io.StringIO()) == 0
    assert json.loads(out.getvalue())["what_would_change"] == res["what_would_change"]


@pytest.mark.parametrize("slug", SLUGS)
def test_worked_examples_show_what_would_change(slug):
    html = forms.worked_examples(slug, "/calc/")
    calc = calculators.get(slug)
    for ex in calc.examples:
        block = html.split(f'data-calc-example="{ex.name}"', 1)[1].split("</div>", 1)[0]
        res = calc.run(dict(ex.inputs))
        assert "What would change it:" in block
        for c in res["what_would_change"]:
            assert forms.escape(c["ask"]) in block
        if not res["what_would_change"]:
            assert 'class="what-would-change"' in block
