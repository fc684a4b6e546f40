"""The whole standard library is fetched only when a run needs a module of it that the boot's lacks.

A boot reads part of the standard library (the snapshot's modules, or the .pyc boot's used part):
``calculators.web.handle`` reports a module of the standard library missing from it as
``missing`` (web/worker/calculators.js then fetches the whole zip and runs again); any other
exception is a crash and downloads nothing (tests/test_trust.py, a calculator that raises)."""
from __future__ import annotations

import dataclasses
import io
import json
import zipfile

import pytest

import boot_files
import calculators
from calc_pages import client_failure, with_config
from conftest import ROOT
from calculators.urlstate import encode
from calculators.web import handle
from tools.runtime import xz_compress

SLUG = "instructor-offer"
RESULT = f'[data-calc-result="{SLUG}"]'
CANDIDATES = ("fractions", "difflib", "calendar", "textwrap", "decimal")  # stdlib modules the calculators do not use


def reply_when_raising(monkeypatch, error: BaseException) -> dict:
    calc = calculators.get(SLUG)

    def broken(inputs):
        raise error

    monkeypatch.setitem(calculators.CALCULATORS, SLUG, dataclasses.replace(calc, compute=broken))
    return json.loads(handle(json.dumps({"slug": SLUG, "inputs": {}})))


def test_a_missing_standard_library_module_is_named(monkeypatch):
    reply = reply_when_raising(monkeypatch, ModuleNotFoundError("No module named 'fractions'", name="fractions"))
    assert reply["ok"] is False and reply["missing"] == "fractions" and "ModuleNotFoundError" in reply["crash"]
    reply = reply_when_raising(monkeypatch, ModuleNotFoundError("No module named 'xml.dom'", name="xml.dom"))
    assert reply["missing"] == "xml"


@pytest.mark.parametrize("error", [ModuleNotFoundError("No module named 'numpy'", name="numpy"),
                                   ImportError("cannot import name 'x' from 'calculators.contract'"),
                                   ZeroDivisionError("a bug in a rule")], ids=["not-stdlib", "import-error", "bug"])
def test_any_other_exception_is_a_crash_that_names_no_module(monkeypatch, error):
    reply = reply_when_raising(monkeypatch, error)
    assert reply["ok"] is False and "missing" not in reply and type(error).__name__ in reply["crash"]


def module_outside_the_used_stdlib(site) -> str:
    used = set(zipfile.ZipFile(boot_files.file(site, "stdlib_used")).namelist())
    whole = set(zipfile.ZipFile(boot_files.file(site, "stdlib")).namelist())
    return next(m for m in CANDIDATES if f"{m}.pyc" in whole - used)


def boot_zip_that_imports(site, module: str) -> tuple[bytes, bytes]:
    """The .pyc boot's zip (the used standard library with the calculators) with
    calculators.web.handle importing ``module`` (a test-only copy, served in place of the real
    one and of its xz copy): web's compiled module swapped for its source, which zipimport
    compiles, since this Python cannot write the runtime's bytecode."""
    source = zipfile.ZipFile(boot_files.file(site, "stdlib_used"))
    assert "calculators/web.pyc" in source.namelist()
    text = (ROOT / "calculators" / "web.py").read_text()
    first = "        req = json.loads(request)\n"  # the first line of handle's try
    assert first in text
    text = text.replace(first, f"{first}        import {module}  # noqa: F401 (test-only)\n", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            if info.filename == "calculators/web.pyc":
                copy.writestr("calculators/web.py", text)
            else:
                copy.writestr(info, source.read(info))
    return out.getvalue(), xz_compress(out.getvalue())


@pytest.mark.browser
def test_a_run_that_needs_a_module_outside_the_boot_s_gets_the_whole_standard_library(page, site):
    """The .pyc boot with the used part of the standard library runs a calculator that imports a
    module only the whole one has: that zip is fetched once, the run answers, nothing fails."""
    module = module_outside_the_used_stdlib(site)
    boot_zip, xz_copy = boot_zip_that_imports(site, module)
    with_config(page, flags={"snapshot": False})
    page.route(boot_files.route(site, "stdlib_used"), lambda route: route.fulfill(body=boot_zip, content_type="application/zip"))
    page.route(boot_files.route(site, "stdlib_used", xz=True), lambda route: route.fulfill(body=xz_copy))
    calc = calculators.get(SLUG)
    expected = calculators.run(SLUG, dict(calc.example("green").inputs))
    page.goto(site.page_url(f"calculators/{SLUG}/?" + encode(calc, expected["inputs"])))
    page.wait_for_selector(f"{RESULT}[data-calc-band]", timeout=90000)
    assert page.get_attribute(RESULT, "data-calc-boot") == "pyc"
    assert page.get_attribute(RESULT, "data-calc-band") == expected["band"]
    assert page.get_attribute(RESULT, "data-calc-failure") is None and client_failure(page) is None
    whole = site.page_url(boot_files.path(site, "stdlib"))
    assert page.traffic.requests.count(whole) == 1, "the whole standard library was not fetched (once)"
