"""Helpers shared by the calculator-page browser tests: open a page, check its form and controls."""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from calculators.contract import Field
from calculators.contract import Calculator, ValidationError
from macros.forms import error_id, field_id, value_text
from macros.page_config import read_config, replace_config

BOOT_TIMEOUT_MS = 90000  # Pyodide boot on a busy 2-core machine; the page's own limit is shorter


def result_selector(slug: str) -> str:
    return f'[data-calc-result="{slug}"]'


def open_calc(page, site, slug: str, query: str = ""):
    """Open a calculator page (with an optional query string) and wait for its first result."""
    page.goto(site.page_url(f"calculators/{slug}/") + (("?" + query.lstrip("?")) if query else ""))
    page.wait_for_selector(f'{result_selector(slug)}[data-calc-state="ready"][data-calc-band]', timeout=BOOT_TIMEOUT_MS)
    return page.locator(result_selector(slug))


CALCULATOR_PAGE = re.compile(r"/calculators/[^/?#]+/(\?[^#]*)?$")
READY_INFO = "performance.getEntriesByName('calc:ready')[0].detail"  # the worker's boot report


def with_config(page, **change: Mapping[str, Any]) -> None:
    """Serve the calculator pages to ``page`` with their runtime config changed, e.g.
    ``with_config(page, limits={"boot_stall_ms": 4000})`` or ``flags={"snapshot": False}``: the page
    runs as built, reading another config (macros/page_config.py), not a test switch."""
    def handler(route):
        response = route.fetch()
        route.fulfill(response=response, body=replace_config(response.text(), change))
    page.route(CALCULATOR_PAGE, handler)


# Installed before the page's scripts: each "calc:address" event (the runner's delayed update of
# the address bar: written or, once the reader has left the page, not).
ADDRESS_UPDATES = """window.__addressUpdates = [];
document.addEventListener("calc:address", (e) => window.__addressUpdates.push(e.detail.written));"""


def wait_for_address_update(page, written: bool, timeout_ms: float = 10000) -> None:
    """Wait until the runner has decided on an update of the address bar (ADDRESS_UPDATES)."""
    page.wait_for_function("(w) => (window.__addressUpdates || []).includes(w)", arg=written, timeout=timeout_ms)


# The page's runtime client (web/page/client.js), reached through the runner's bundle's exports.
CLIENT = """async () => {
  const runner = JSON.parse(document.getElementById("calc-config").dataset.config).runner;
  const { connect } = await import(new URL(runner, document.baseURI).href);
  return connect();
}"""


def client_failure(page) -> dict | None:
    """Why the page's runtime failed, as the client holds it ({code, ...fields}; web/shared/protocol.js)."""
    return page.evaluate(CLIENT.replace("return connect();", "return connect().failure;"))


def client_progress(page) -> dict:
    """The client's last progress (web/shared/protocol.js, Progress)."""
    return page.evaluate(CLIENT.replace("return connect();", "return connect().progress;"))


def page_config(page) -> dict:
    """The runtime config of the page ``page`` shows."""
    return read_config(page.content())


def control_text(value: Any) -> str:
    """What a text input or select shows for a value."""
    return "" if value is None else "true" if value is True else "false" if value is False else str(value)


def error_slot(page, name: str):
    """The element showing the error of field ``name`` (the id scheme of macros/forms.py)."""
    return page.locator("#" + error_id(name))


def python_error(calc: Calculator, inputs: Mapping[str, Any], name: str) -> dict[str, Any]:
    """Python's error data (FieldError.as_dict) for field ``name`` with ``inputs``."""
    try:
        calc.validate(dict(inputs))
    except ValidationError as exc:
        (error,) = [e.as_dict() for e in exc.errors if e.as_dict()["field"] == name]
        return error
    raise AssertionError(f"{name}: the inputs are valid")


# How a page must not talk to a reader: field names as the code spells them, JSON's null, a
# programmer's "got" and "allowed:".
DEVELOPER_WORDS = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\bnull\b|\bgot\b|allowed:", re.I)


def field_names(calc: Calculator) -> set[str]:
    """Every field name of ``calc``, list items' included."""
    return {f.name for f in calc.fields} | {s.name for f in calc.fields for s in (f.items or ())}


def assert_reader_words(text: str, calc: Calculator) -> None:
    """``text`` (shown on a page) names no field as the code does and says no null or "got"."""
    found = [w for w in DEVELOPER_WORDS.findall(text) if "_" not in w or w in field_names(calc)]
    assert not found, (found, text)


def assert_field_message(page, calc: Calculator, inputs: Mapping[str, Any], name: str, *words: str) -> str:
    """The message at field ``name`` for ``inputs``: visible beside the highlighted field, in the
    reader's words, Python's own sentence where it gives one (``message``), holding ``words``."""
    error = python_error(calc, inputs, name)
    slot = error_slot(page, name)
    slot.wait_for(state="visible")
    text = slot.inner_text()
    if error.get("message"):
        assert text == error["message"]
    assert_reader_words(text, calc)
    for w in words:
        assert w in text, (w, text)
    control = page.locator(f'[name="{name}"]')
    assert control.get_attribute("aria-invalid") == "true"
    assert control.evaluate("e => e.closest('[data-calc-field]').hasAttribute('data-calc-invalid')"), "not highlighted"
    return text


def assert_form_matches_spec(page, fields: Iterable[Field], prefix: str = "") -> None:
    """Every field has one control, labelled with the spec's label, with the spec's range or choices."""
    for f in fields:
        name = prefix + f.name
        control = page.locator(f'[name="{name}"]')
        assert control.count() == 1, name
        assert control.get_attribute("id") == field_id(name), name
        assert f.label in page.locator(f'label[for="{field_id(name)}"]').text_content(), name
        if f.type in ("number", "integer"):
            assert float(control.get_attribute("min")) == f.minimum, name
            assert float(control.get_attribute("max")) == f.maximum, name
        elif f.type == "choice":
            values = control.locator("option").evaluate_all("os => os.map(o => o.value)")
            assert values == ([""] if f.nullable else []) + [c.value for c in f.choices], name
        elif f.type == "date":
            assert control.get_attribute("type") == "date", name


def assert_controls_hold(page, fields: Iterable[Field], values: Mapping[str, Any], prefix: str = "") -> None:
    """Each control shows the value given for its field (as restored from a shared link)."""
    for f in fields:
        name = prefix + f.name
        value = values[f.name]
        control = page.locator(f'[name="{name}"]')
        if f.type == "boolean" and not f.nullable:
            assert control.is_checked() == value, name
        elif f.type in ("number", "integer") and value is not None:
            assert float(control.input_value()) == value, name
        else:
            assert control.input_value() == control_text(value), name


def assert_prints_result_then_inputs(page, calc: Calculator, inputs: Mapping[str, Any]) -> None:
    """In print, the page shows the result, then the inputs as a short list of answers in words
    (each field's label and value), not the form; no button."""
    page.emulate_media(media="print")
    assert not page.locator("form[data-calc-form]").is_visible(), "paper gets the inputs, not the form"
    assert not page.locator(".calc-actions").is_visible() and not page.locator(".calc-summary").is_visible()
    result = page.locator(f"[data-calc-result='{calc.slug}']")
    box = page.locator(".calc-print-inputs")
    assert result.locator(".calc-band-label").is_visible() and box.is_visible()
    assert result.evaluate("(r, b) => r.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING",
                           box.element_handle()), "the inputs follow the result"
    text = box.inner_text()
    for f in calc.fields:
        items = [(sub, item.get(sub.name)) for item in inputs.get(f.name) or [] for sub in f.items] \
            if f.type == "list" else [(f, inputs.get(f.name))]
        for field, value in items:
            assert field.label in text or (f.type == "list" and field.name == "label"), field.name
            if field.type != "date" or value is not None:
                assert value_text(field, value) in text, (field.name, value_text(field, value))
