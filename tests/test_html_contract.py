"""The page's HTML contract: the names the build writes and the scripts read are defined once on
each side (``macros/html_contract.py``, ``web/page/contract.js``), the two tables agree, every
such name is prefixed, and neither side spells one outside its table."""
from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculators
from conftest import ROOT
from macros import forms, html_contract

PAGE_JS = ROOT / "web" / "page"
CONTRACT_JS = PAGE_JS / "contract.js"
TABLES = ("DATA", "ACTION", "CLASS", "STORE")


@pytest.fixture(scope="module")
def js_tables() -> dict[str, dict[str, str]]:
    """contract.js's tables, as Node imports the module."""
    code = (f"import * as c from {json.dumps(CONTRACT_JS.as_uri())};"
            f"console.log(JSON.stringify({{{', '.join(f'{t}: c.{t}' for t in TABLES)}}}))")
    done = subprocess.run(["node", "--input-type=module", "-e", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def python_tables() -> dict[str, dict[str, str]]:
    return {t: vars(getattr(html_contract, t)) for t in TABLES}


def test_the_two_tables_agree(js_tables):
    assert js_tables == python_tables()


def test_every_name_is_prefixed():
    tables = python_tables()
    assert all(v.startswith("data-calc-") for v in tables["DATA"].values()), tables["DATA"]
    assert all(v.startswith("calc-") for v in tables["CLASS"].values()), tables["CLASS"]
    assert all(v.startswith("calc-") for v in tables["STORE"].values())
    assert html_contract.ID_SCHEME["prefix"] == "calc-"
    every = [v for t in ("DATA", "CLASS", "ACTION") for v in tables[t].values()]
    assert len(every) == len(set(every)), "a name means one thing"


class Tags(HTMLParser):
    """Every attribute name and class of the start tags in some HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.attributes: set[str] = set()
        self.classes: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attributes.add(name)
            if name == "class":
                self.classes.update((value or "").split())


def built_html() -> str:
    """What the macros write into calculator pages: summaries, forms (with their item templates),
    result containers with their buttons, worked examples."""
    parts = []
    for slug in calculators.CALCULATORS:
        parts += [forms.summary(slug), forms.form(slug), forms.result(slug, "guide/", None),
                  forms.worked_examples(slug, "calc/")]
    html = "".join(parts)
    # the items' <template> content is markup in the page too
    return html + "".join(re.findall(r"<template[^>]*>(.*?)</template>", html, re.S))


def test_the_macros_write_only_prefixed_data_attributes():
    tags = Tags(built_html())
    data = {a for a in tags.attributes if a.startswith("data-")}
    assert data and all(a.startswith("data-calc-") for a in data), sorted(data)
    assert data <= set(vars(html_contract.DATA).values()), sorted(data - set(vars(html_contract.DATA).values()))


def code_of(source: str) -> str:
    """A script without its comments (which may name what the code reads)."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return re.sub(r"(^|\s)//\s.*$", "", source, flags=re.M)


def script_sources() -> dict[str, str]:
    return {p.name: code_of(p.read_text(encoding="utf-8")) for p in sorted(PAGE_JS.glob("*.js")) if p != CONTRACT_JS}


def test_scripts_spell_the_contracts_names_only_in_contract_js():
    """A name the build writes and a script reads comes from contract.js, so that renaming it is
    one change on each side (and this test)."""
    names = [v for t in ("DATA", "CLASS", "STORE") for v in vars(getattr(html_contract, t)).values()]
    for file, source in script_sources().items():
        for name in names:
            assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", source), f"{file} spells {name!r}"


def test_classes_the_scripts_make_are_not_also_written_by_the_macros():
    """A calc- class literal in a script is one the script makes itself (a ranking table, a
    progressbar...); were the build to write it too, it would belong in the contract."""
    written = Tags(built_html()).classes
    for file, source in script_sources().items():
        made = set(re.findall(r"[\"'`.](calc-[a-z-]+)", source))
        assert not (made & written), f"{file}: {sorted(made & written)} are written by the macros: use contract.js"


def test_the_macros_take_the_names_from_the_table():
    """macros/forms.py and main.py spell no data-calc- attribute or contract class themselves."""
    names = [v for t in ("DATA", "CLASS") for v in vars(getattr(html_contract, t)).values()]
    for path in (ROOT / "macros" / "forms.py", ROOT / "macros" / "main.py"):
        source = re.sub(r"^\s*#.*$", "", path.read_text(encoding="utf-8"), flags=re.M)
        for name in names:
            assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", source), f"{path.name} spells {name!r}"


def test_the_checklist_uses_the_contract(tmp_path: Path):
    """The questions checklist (macros/main.py) carries the contract's names, which site.js reads."""
    from macros.main import define_env

    registered = {}

    class Env:
        conf = {"extra": {}, "docs_dir": "docs"}
        page = None

        def macro(self, fn):
            registered[fn.__name__] = fn
            return fn

    define_env(Env())
    tags = Tags(registered["questions_checklist"]())
    assert html_contract.DATA.checklist in tags.attributes and html_contract.DATA.action in tags.attributes
    assert html_contract.CLASS.checklist_question in tags.classes and html_contract.CLASS.checklist_note in tags.classes
