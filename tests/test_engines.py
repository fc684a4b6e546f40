"""The scenarios that matter most, in Firefox ESR and WebKit as well as Chromium.

A shared link gives the command line's result from the snapshot boot (the path pinned: the link-speed
choice is tested in test_slow_link.py); a hostile link runs no
script and says what it ignored; a first visit on a slow link takes the wasm's xz copy; a
calculator works offline after a first visit; "Copy link" puts the link on the clipboard. Residents read on iPhones (WebKit) and some on Firefox, and the
snapshot boot is private Pyodide API: a Pyodide or theme upgrade that breaks an engine fails
here. One browser per engine (and xdist worker), see ``engine_drivers.py``; a missing browser is
a failure, not a skip.
"""
from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import boot_files
import calculators
from calculators.contract import Field
from calculators.urlstate import encode
from calculators.letter_file import read_document
from calculators.letter_fill import plan
from conftest import free_port
from engine_drivers import ENGINES, Engine, EngineMissing
from macros.page_config import replace_config
from test_slow_link import served_over
from test_letter_page import KEPT, LETTERS, expected_inputs
from test_trust import example_inputs, hostile_link
from pdfmaker import letter_pdf
from tools import serve

# One browser per engine: pytest runs each engine's tests one after the other, and `make test`
# hands whole files to its workers (`--dist loadfile`), so each engine starts once.
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("engine", list(ENGINES), indirect=True, scope="module")]

SLUGS = sorted(calculators.CALCULATORS)
BOOT_S = 90  # Pyodide's boot on a busy two-core machine; the page's own limit is shorter
LOOPBACK = "http://127.0.0.1:"


@pytest.fixture(scope="module")
def engine(request) -> Engine:
    """The browser of the engine named by the module's parametrization, started once."""
    try:
        browser = ENGINES[request.param]()
    except EngineMissing as exc:
        pytest.fail(str(exc))
    yield browser
    browser.close()


@pytest.fixture
def web(engine: Engine) -> Engine:
    """The engine's page, watched: nothing may leave the machine, no uncaught page error, no
    Content Security Policy violation (as far as the engine reports them)."""
    engine.traffic()  # forget what earlier tests saw
    yield engine
    requests, errors = engine.traffic()
    foreign = [u for u in requests if not u.startswith((LOOPBACK, "data:", "blob:", "about:"))]
    assert foreign == [], f"{engine.name}: requests left the machine"
    assert errors == [], f"{engine.name}: uncaught errors on the page"
    if engine.watches_csp and engine.evaluate("location.protocol") == "http:":
        assert engine.evaluate("window.__cspViolations || []") == [], f"{engine.name}: CSP violations"


def result_sel(slug: str) -> str:
    return f'[data-calc-result="{slug}"]'


def result_of(web: Engine, slug: str) -> dict[str, Any]:
    """Wait for the calculator's first answer; return what the result container shows."""
    sel = json.dumps(result_sel(slug))
    return web.wait_for(f"""(() => {{ const r = document.querySelector({sel});
        return r && r.dataset.calcState === "ready" && r.dataset.calcBand
          ? {{ band: r.dataset.calcBand, boot: r.dataset.calcBoot, text: r.innerText }} : null; }})()""",
                        BOOT_S, f"{slug} showed no result")


def form_controls(web: Engine) -> dict[str, Any]:
    """What each control of the calculator form holds (checkboxes: checked or not)."""
    return web.evaluate("""Object.fromEntries([...document.querySelectorAll("form[data-calc-form] [name]")]
        .map((c) => [c.name, c.type === "checkbox" ? c.checked : c.value]))""")


def form_mismatches(calc, inputs: dict[str, Any], controls: dict[str, Any]) -> list[str]:
    """Fields whose control does not hold the value in ``inputs``."""
    def differs(f: Field, name: str, value: Any) -> bool:
        shown = controls.get(name)
        if isinstance(shown, bool):
            return shown != (value is True)
        if value is None:
            return f.type != "date" and shown != ""  # an empty date is filled in with today
        if isinstance(value, bool):
            return shown != ("true" if value else "false")
        if f.type in ("number", "integer"):
            return shown in ("", None) or float(shown) != float(value)
        return shown != str(value)

    bad = []
    for f in calc.fields:
        items = [(f"{f.name}.{n}.", sub, item.get(sub.name, sub.default))
                 for n, item in enumerate(inputs.get(f.name) or []) for sub in f.items] if f.type == "list" \
            else [("", f, inputs.get(f.name, f.default))]
        bad += [prefix + sub.name for prefix, sub, value in items if differs(sub, prefix + sub.name, value)]
    return bad


# ---------- a shared link ----------

@pytest.fixture(scope="module")
def snapshot_dir(site, tmp_path_factory) -> Path:
    """A copy of the built site whose calculator pages read a config that always boots from the
    snapshot (flag boot_by_speed off). On a busy machine even loopback can read slower than the
    snapshot's threshold, and these tests are about the snapshot working in each engine;
    choosing the boot path by the link is tested in test_slow_link.py."""
    copy = tmp_path_factory.mktemp("snapshot-site") / "site"
    shutil.copytree(site.dir, copy, ignore=shutil.ignore_patterns("pyodide"))
    (copy / "pyodide").symlink_to(site.dir / "pyodide", target_is_directory=True)
    for page in (copy / "calculators").glob("*/index.html"):
        page.write_text(replace_config(page.read_text(), {"flags": {"boot_by_speed": False}}))
    return copy


@pytest.fixture(scope="module")
def snapshot_site(snapshot_dir):
    """The address of that copy, served on a port of its own."""
    port = free_port()
    server = serve.start(snapshot_dir, port)
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


@pytest.mark.parametrize("slug", SLUGS)
def test_shared_link_gives_the_cli_result_from_the_snapshot(web, snapshot_site, slug):
    calc = calculators.get(slug)
    inputs = example_inputs(calc)
    expected = calc.run(inputs)
    web.goto(f"{snapshot_site}calculators/{slug}/?" + encode(calc, expected["inputs"]))
    shown = result_of(web, slug)
    assert shown["boot"] == "snapshot", f"{web.name} booted {shown['boot']!r}, not from the snapshot"
    assert shown["band"] == expected["band"]
    assert expected["band_label"] in shown["text"]
    assert form_mismatches(calc, expected["inputs"], form_controls(web)) == []


# ---------- a hostile link ----------

def test_hostile_link_runs_no_script_and_says_what_it_ignored(web, site):
    slug = "instructor-offer"
    calc = calculators.get(slug)
    query, expected, named = hostile_link(calc)
    web.goto(site.page_url(f"calculators/{slug}/") + "?" + query)
    sel = json.dumps(result_sel(slug))
    web.wait_for(f"((r) => r !== null && r.dataset.calcState !== 'loading')(document.querySelector({sel}))", BOOT_S,
                 "the page never answered")
    notices = web.evaluate("""(() => { const n = document.querySelector(".calc-notices");
        return n && !n.hidden && n.getClientRects().length ? n.innerText : null; })()""")
    assert notices, f"{web.name}: no visible notice"
    for key in named:
        assert key in notices, (key, notices)
    assert "not a known field" in notices and "too long" in notices
    # nothing from the link became markup or ran
    assert web.evaluate("window.__xss === undefined"), f"{web.name}: script from the link ran"
    assert web.evaluate("document.querySelectorAll('img[src=\"x\"], [onerror]').length") == 0
    assert form_mismatches(calc, expected, form_controls(web)) == []
    # the valid parts are applied: the page answers as the rules do for them
    try:
        band = calc.run(expected)["band"]
    except calculators.ValidationError as exc:  # the dropped values broke a cross-field rule
        for error in exc.errors:
            web.wait_for(f"document.querySelector('[name=\"{error.field}\"]').getAttribute('aria-invalid') === 'true'",
                         BOOT_S, f"{error.field} was not marked invalid")
    else:
        assert result_of(web, slug)["band"] == band


# ---------- offline after a first visit ----------

class OwnServer:
    """The built site on a port of its own (a fresh origin: no service worker, no offline copy
    yet), which a test can take down."""

    def __init__(self, site_dir: Path):
        port = free_port()
        self.server = serve.start(site_dir, port)
        self.url = f"http://127.0.0.1:{port}/"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()  # connections are refused from now on
            self.server = None


@pytest.fixture
def own_server(snapshot_dir):
    server = OwnServer(snapshot_dir)
    yield server
    server.stop()


def shared_link(example: str) -> tuple[str, str]:
    """(path with query, band) of the instructor-offer example ``example``."""
    calc = calculators.get("instructor-offer")
    expected = calc.run(dict(calc.example(example).inputs))
    return "calculators/instructor-offer/?" + encode(calc, expected["inputs"]), expected["band"]


RUNTIME_STORED = """(async () => {
  const config = JSON.parse(document.getElementById("calc-config").dataset.config);
  const url = (role) => new URL(config.boot[role].url, document.baseURI).href;
  const stored = (await (await caches.open("aod-runtime")).keys()).map((r) => r.url);
  return stored.includes(url("snapshot")) && stored.includes(url("wasm"));
})()"""
PAGE_STATE = "[location.href, document.title, document.querySelectorAll('h1').length]"


def test_offline_after_a_first_visit_still_computes(web, own_server):
    guide = "titles-and-tracks/instructor-offers/"
    web.goto(own_server.url + guide)
    web.wait_for("document.documentElement.dataset.offline === 'ready'", BOOT_S,
                 "the guide page never said it was ready offline (service worker)")
    red, _ = shared_link("red")
    web.goto(own_server.url + red)
    result_of(web, "instructor-offer")
    web.wait_for("document.documentElement.dataset.offline === 'ready'", BOOT_S,
                 "the calculator page never said it was ready offline (service worker)")
    assert web.evaluate(RUNTIME_STORED), f"{web.name}: the runtime is not in the service worker's cache"
    own_server.stop()
    # a different shared link, with the site unreachable
    green, band = shared_link("green")
    web.goto(own_server.url + green)
    shown = result_of(web, "instructor-offer")
    assert shown["band"] == band and shown["boot"] == "snapshot", shown
    # the guide page read before is there too
    web.goto(own_server.url + guide)
    # WebKitWebDriver can hand back control while the page's body is still being parsed
    web.wait_for(f"location.href === {json.dumps(own_server.url + guide)} && document.readyState === 'complete'", 30,
                 "the guide page never finished loading offline")
    state = web.evaluate(PAGE_STATE)
    assert state[2] == 1 and state[0] == own_server.url + guide, f"{web.name}: {state}"


# ---------- a first visit on a phone's link ----------

def test_first_visit_on_a_slow_link_takes_the_xz_copies(web, site):
    """At 5 Mbit/s the worker keeps the wasm's xz copy, inflated by its own decoder as it
    arrives, and drops the original it started alongside: the result still comes, with no
    error on the page. (Firefox reported the dropped original failing under the streaming
    compiler as a page error, though its rejection was handled.) It boots the .pyc way, the
    calculators from the same zip as the standard library's used part: no wheel is sent."""
    link = serve.Link(5e6, 0.04)
    with served_over(site, link) as base:
        path, band = shared_link("yellow")
        web.goto(base + path)
        shown = result_of(web, "instructor-offer")
        assert shown["band"] == band, shown
        assert shown["boot"] == "pyc", shown
        web.goto("about:blank")  # before the server stops (the search index loads in the background)
    sent = link.files_between(0, float("inf"))
    xz = boot_files.sent(sent, site, "wasm", xz=True)
    assert xz == boot_files.file(site, "wasm", xz=True).stat().st_size, f"{web.name}: {sent}"
    original = boot_files.sent(sent, site, "wasm")
    assert original < 300_000, f"{web.name}: the original wasm was not dropped ({original} bytes sent)"
    assert not boot_files.sent(sent, site, "wheel"), f"{web.name}: {sent}"


# ---------- copy link ----------

def test_copy_link_puts_the_link_with_the_inputs_on_the_clipboard(web, site):
    web.goto(site.page_url("calculators/instructor-offer/"))
    result_of(web, "instructor-offer")
    web.fill('[name="promoted_examples"]', "4")
    web.wait_for("location.search.includes('promoted_examples=4')", 10, "the address did not follow the form")
    web.click("[data-calc-action=copy-link]")
    note = web.wait_for("document.querySelector('.calc-note').textContent", 10, "copying said nothing")
    assert "Link copied" in note, f"{web.name}: {note}"
    copied = web.clipboard_text()
    assert copied == web.evaluate("location.href") and "promoted_examples=4" in copied, copied


# ---------- read my offer letter ----------

@pytest.fixture(scope="module")
def logged_site(snapshot_dir):
    """The snapshot site again, on a port whose server logs every path it sends (the test's
    request log: it sees the workers' requests too, in every engine)."""
    link = serve.Link(1e10)
    server = serve.start(snapshot_dir, free_port(), link=link)
    yield f"http://127.0.0.1:{server.server_address[1]}/", link
    server.shutdown()


def sent_paths(link: serve.Link, since: int = 0) -> list[str]:
    """The paths sent since the log had ``since`` entries."""
    return [path for _, _, path in list(link.log)[since:]]


CHOOSE_FILE = """(() => {
  const bytes = Uint8Array.from(atob(%s), (c) => c.charCodeAt(0));
  const files = new DataTransfer();
  files.items.add(new File([bytes], "offer.pdf", { type: "application/pdf" }));
  const panel = document.querySelector('[data-calc-letter="%s"]');
  panel.open = true;
  const input = panel.querySelector('input[type="file"]');
  input.files = files.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  return input.files.length;
})()"""

def test_a_pdf_letter_fills_the_instructor_check_with_the_command_lines_result(web, logged_site):
    url, link = logged_site
    slug, name = "instructor-offer", "bigname_instructor_ce_bridge"
    pdf = letter_pdf((LETTERS / f"{name}.txt").read_text(encoding="utf-8"))
    cli_plan = plan(read_document(f"{name}.pdf", pdf), slug)
    expected = calculators.get(slug).run(expected_inputs(slug, cli_plan))
    since = len(link.log)  # (the module's engines share the server)
    web.goto(f"{url}calculators/{slug}/")
    result_of(web, slug)
    assert not [p for p in sent_paths(link, since) if "/pypdf-" in p], f"{web.name}: the PDF library came unasked"
    assert web.evaluate(CHOOSE_FILE % (json.dumps(base64.b64encode(pdf).decode()), slug)) == 1
    web.wait_for(f"""(() => {{ const found = document.querySelector('[data-calc-letter="{slug}"] .calc-letter-found');
        return found && !found.hidden && found.querySelectorAll('.calc-letter-fact').length; }})()""",
                 BOOT_S, "the letter was not read")
    assert [p for p in sent_paths(link, since) if "/pypdf-" in p], f"{web.name}: a PDF read without the PDF library"
    web.click(f'[data-calc-letter="{slug}"] [data-calc-action="fill-letter"]')
    sel = json.dumps(result_sel(slug))
    web.wait_for(f"""(() => {{ const r = document.querySelector({sel});
        return r.dataset.calcBand === {json.dumps(expected["band"])}
          && r.querySelector(".calc-headline").textContent === {json.dumps(expected["headline"])}; }})()""",
                 30, "the filled form did not give the command line's result")
    kept = web.evaluate(KEPT)
    for phrase in [f["quote"][:60] for f in cli_plan["facts"]] + ["offer.pdf"]:
        assert phrase not in kept, f"{web.name}: the letter's {phrase!r} was kept"
