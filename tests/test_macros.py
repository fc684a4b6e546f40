"""Build-time rendering: forms, charts, diagrams and worked examples come from the Python code."""
from __future__ import annotations

import re

import json
from html import unescape
from html.parser import HTMLParser

import pytest

import calculators
from calculators.evidence import SERIES
from calculators.questions import QUESTIONS
from macros import charts, diagrams, forms
from macros.links import relative
from tools.bundle import ROOT, bundle


class Collect(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


@pytest.mark.parametrize("slug", sorted(calculators.CALCULATORS))
def test_form_has_a_labelled_control_per_field_with_the_spec_limits(slug):
    calc = calculators.get(slug)
    html = Collect(forms.form(slug))
    labels = {a["for"] for a in html.find("label")}
    for f in calc.fields:
        if f.type == "list":
            continue
        controls = [a for t, a in html.tags if a.get("name") == f.name]
        assert len(controls) == 1, f.name
        control = controls[0]
        assert control["id"] in labels
        assert f"{control['id']}-error" in control["aria-describedby"]
        if f.type in ("number", "integer"):
            assert float(control["min"]) == f.minimum and float(control["max"]) == f.maximum
    (form,) = html.find("form")
    assert json.loads(unescape(form["data-calc-spec"]))["version"] == calc.version


def test_form_text_comes_from_the_spec():
    text = " ".join(Collect(forms.form("instructor-offer")).text)
    for f in calculators.get("instructor-offer").fields:
        assert f.label in text and f.help in text


def test_worked_examples_show_the_band_run_computes():
    out = forms.worked_examples("instructor-offer", "../../calculators/instructor-offer/")
    for ex in calculators.get("instructor-offer").examples:
        res = calculators.run("instructor-offer", dict(ex.inputs))
        assert f'data-calc-example="{ex.name}" data-calc-band="{res["band"]}"' in out
        assert f"{{#example-{ex.name}}}" in out
    assert f"?v={calculators.get('instructor-offer').version}&amp;institution_type=" in out


@pytest.mark.parametrize("key", sorted(SERIES))
def test_charts_carry_every_value_as_text(key):
    html = charts.chart(key, "../sources/#articles")
    text = " ".join(Collect(html).text)
    for label, value in SERIES[key].points:
        assert label in text and f"{value:g}" in text
    assert "<script" not in html


def test_chart_values_are_the_articles():
    assert SERIES["promotion_likelihood_by_context"].points[0][1] == 85
    assert [v for _, v in SERIES["education_activity_value"].points] == [95, 80, 70, 60, 40, 30]
    assert [v for _, v in SERIES["clinical_time_by_title"].points] == [90, 75, 50]


@pytest.mark.parametrize("key", sorted(diagrams.FLOWS))
def test_flowcharts_render_every_step(key):
    html = diagrams.flowchart(key)
    title, start = diagrams.FLOWS[key]
    texts, stack = [], [start]
    while stack:
        node = stack.pop()
        while node is not None:
            texts.append(node.text)
            stack.extend(first for _, first in node.branches)
            node = node.then
    assert len(texts) >= 8
    for t in texts:
        assert t.replace("\u2013", "\u2013") in unescape(html)


def test_relative_links():
    assert relative("titles-and-tracks/instructor-offers/", "calculators/x/?a=1") == "../../calculators/x/?a=1"
    assert relative("", "sources/#articles") == "sources/#articles"
    assert relative("calculators/x/", "") == "../../"
    assert relative("calculators/x/", "pyodide/1/") == "../../pyodide/1/"


def test_questions_have_stable_anchors():
    ids = [q.anchor for q in QUESTIONS]
    assert len(ids) == len(set(ids)) == 7


def test_the_page_spec_carries_the_url_limits_and_the_id_scheme():
    """The page's decoder and runner read these from the spec, not from copies of their own."""
    from calculators import urlstate

    spec = forms.page_spec(calculators.get("offer-comparison"))
    assert spec["url"] == {"version_param": urlstate.VERSION_PARAM, "max_params": urlstate.MAX_PARAMS,
                           "max_value_length": urlstate.MAX_VALUE_LENGTH}
    assert spec["ids"] == forms.ID_SCHEME
    assert forms.error_id("offers.1.label") == "calc-offers-1-label-error"
    (offers,) = [f for f in spec["fields"] if f["type"] == "list"]
    assert offers["item_label"] == "Offer"
    html = forms.form("offer-comparison")
    assert ">Offer 1</legend>" in html and ">Offer __NUMBER__</legend>" in html and ">Item " not in html
    assert '<span class="calc-item-name">Offer 1</span>' in html  # the card's one-line summary


def test_the_inline_early_start_is_the_bundlers_classic_script():
    """The page's early start is esbuild's classic-script build (one IIFE) of
    web/page/early-start.js, which calls launchEarly from the launch.js the client imports: carried
    inline as esbuild wrote it, not rewritten."""
    entry = (ROOT / "web" / "page" / "early-start.js").read_text(encoding="utf-8")
    assert re.search(r'^import \{ launchEarly \} from "\./launch\.js";$', entry, re.M)
    assert re.search(r"^launchEarly\(\);$", entry, re.M)
    script = forms.early_start_script()
    assert script == (bundle().dir / "inline" / "early-start.js").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r'"use strict";\(\(\)=>\{.*\}\)\(\);', script, re.S)
    assert not re.search(r"\b(import|export)\b", script) and "/*" not in script and "\n" not in script
    # launch.js's code is in it: the config it reads, the worker it starts, the mark it leaves
    for code in ('"calc-config"', "new Worker(", '"calc:worker-start"', "document.readyState"):
        assert code in script, code
