"""The calculator pages' runtime config (macros/page_config.py): every load-speed measure has a
flag, and a page with any one of them switched off still answers as the command line does.

Flags read at run time are switched off in a page's config on its way to the browser
(calc_pages.with_config); the flags that shape the built page (BUILD_FLAGS) are switched off in a
build of their own, whose pages then carry none of their code."""
from __future__ import annotations

import os
import re

import pytest

import boot_files
import calculators
from calc_pages import READY_INFO, client_progress, open_calc, with_config
from calculators.urlstate import encode
from conftest import CSP_WATCH, ROOT, Site, build_site, free_port
from macros.page_config import BUILD_FLAGS, FLAGS, LIMITS, ConfigError, read_config, settings
from tools import serve
from tools.bundle import bundle
from tools.published import runner_path

SLUG = "instructor-offer"
RESULT = f'[data-calc-result="{SLUG}"]'
RUNTIME_FLAGS = sorted(set(FLAGS) - set(BUILD_FLAGS))
# The boot path pinned to the snapshot (where the snapshot is on): on a busy machine even loopback
# can read slower than the snapshot's threshold; choosing the path by the link is test_slow_link's.
PINNED = {"boot_by_speed": False}


def test_settings_default_to_on_and_reject_unknown_names():
    flags, limits = settings({})
    assert flags == dict.fromkeys(FLAGS, True) and limits == LIMITS
    assert settings({"calculators": {"flags": {"snapshot": False}}})[0]["snapshot"] is False
    for bad in ({"flags": {"snapshots": False}}, {"flags": {"snapshot": "no"}}, {"limits": {"boot_stall_ms": 0}},
                {"limit": {}}):
        with pytest.raises(ConfigError):
            settings({"calculators": bad})


def test_the_scripts_know_the_same_flags():
    """The flags' names in the scripts' type (web/shared/features.js, Flag) are FLAGS, so that a
    misspelt feature("...") fails the type check."""
    source = (ROOT / "web" / "shared" / "features.js").read_text(encoding="utf-8")
    union = re.search(r"@typedef \{(.*?)\} Flag", source, re.S).group(1)
    assert set(re.findall(r'"(\w+)"', union)) == set(FLAGS)


def test_the_built_page_carries_the_config_and_its_files_exist(site):
    page = site.dir / "calculators" / SLUG
    config = read_config((page / "index.html").read_text(encoding="utf-8"))
    assert set(config["flags"]) == set(FLAGS) and set(config["limits"]) == set(LIMITS)
    urls = [config["worker"], config["runner"]]
    for file in config["boot"].values():
        urls += [file["url"], *([file["xz"]["url"]] if "xz" in file else [])]
    for url in urls:
        assert (page / url).resolve().exists(), url
    assert (page / config["root"]).resolve() == site.dir.resolve()


def shared_link() -> tuple[str, str]:
    calc = calculators.get(SLUG)
    expected = calculators.run(SLUG, dict(calc.example("yellow").inputs))
    return encode(calc, expected["inputs"]), expected["band"]


# What each flag, switched off, visibly changes (beyond "it still answers"), if anything a test
# can see without timing it: (JavaScript evaluated after the first answer, expected value).
STARTED = ("(name) => (performance.getEntriesByType('resource').find((e) => e.name.includes(name))"
           " || {startTime: Infinity}).startTime")
EVIDENCE = {
    "snapshot": (f"document.querySelector('{RESULT}').dataset.calcBoot", "pyc"),
    "compile_ahead": (f"'wasmCompiled' in {READY_INFO}.steps", False),
    # the worker is started by the runner, after its entry module arrived
    "early_start": (f"({STARTED})({runner_path().rsplit('/', 1)[1]!r}) < "
                    "performance.getEntriesByName('calc:worker-start')[0].startTime", True),
    # the theme's bundle was fetched while Python was still loading
    "theme_later": (f"({STARTED})('/bundle.') < performance.getEntriesByName('calc:ready')[0].startTime", True),
}


@pytest.mark.browser
@pytest.mark.parametrize("flag", RUNTIME_FLAGS)
def test_a_page_with_one_measure_switched_off_still_answers(page, site, flag):
    query, band = shared_link()
    with_config(page, flags={**PINNED, flag: False})
    result = open_calc(page, site, SLUG, query)
    assert result.get_attribute("data-calc-band") == band
    assert page.evaluate(f"{READY_INFO}.mode") == ("pyc" if flag == "snapshot" else "snapshot")
    if flag in EVIDENCE:
        script, expected = EVIDENCE[flag]
        assert page.evaluate(script) == expected, script


@pytest.fixture(scope="module")
def site_without_build_flags(tmp_path_factory):
    """The site built with every BUILD_FLAG off in mkdocs.yml (a config inheriting it), served."""
    config = ROOT / f".mkdocs-flags-off-{os.getpid()}.yml"  # beside mkdocs.yml: its paths are relative
    flags = "\n".join(f"      {name}: false" for name in BUILD_FLAGS)
    config.write_text(f"INHERIT: mkdocs.yml\nextra:\n  calculators:\n    flags:\n{flags}\n", encoding="utf-8")
    port = free_port()
    dest = tmp_path_factory.mktemp("site-flags-off")
    try:
        done = build_site(dest, f"http://127.0.0.1:{port}/", config)
    finally:
        config.unlink()
    if done.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + done.stdout[-3000:] + done.stderr[-3000:])
    server = serve.start(dest, port)
    yield Site(dest, f"http://127.0.0.1:{port}/")
    server.shutdown()


def test_a_build_flag_off_leaves_its_code_off_the_page(site_without_build_flags):
    """early_start off: no inline early start; theme_later off: no loader in <head>, the theme's
    bundle not held in a template. The manifest and the pages say the flags are off."""
    html = (site_without_build_flags.dir / "calculators" / SLUG / "index.html").read_text(encoding="utf-8")
    assert read_config(html)["flags"] == {**dict.fromkeys(FLAGS, True), **dict.fromkeys(BUILD_FLAGS, False)}
    assert boot_files.manifest(site_without_build_flags)["flags"] == read_config(html)["flags"]
    assert bundle().inline("early-start") not in html
    assert 'id="theme-later"' not in html and "data-theme-later" not in html
    assert re.search(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', html)


@pytest.fixture
def page_off(context, site_without_build_flags):
    """A page of that build, watched as the ``page`` fixture watches the session's site."""
    pg = context.new_page()
    requests, errors = [], []
    context.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.add_init_script(CSP_WATCH)
    yield pg
    assert pg.evaluate("window.__cspViolations || []") == []
    assert [u for u in requests if not u.startswith(site_without_build_flags.origin + "/")] == []
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("flag", BUILD_FLAGS)
def test_a_page_built_with_a_measure_off_still_answers(page_off, site_without_build_flags, flag):
    page = page_off
    query, band = shared_link()
    with_config(page, flags=PINNED)
    result = open_calc(page, site_without_build_flags, SLUG, query)
    assert result.get_attribute("data-calc-band") == band
    assert page.evaluate(f"{READY_INFO}.mode") == "snapshot"
    script, expected = EVIDENCE[flag]
    assert page.evaluate(script) == expected, script


@pytest.mark.browser
def test_the_evidence_holds_only_with_the_flag_off(page, site):
    """The checks above can fail: with every measure on, none of them holds."""
    query, band = shared_link()
    with_config(page, flags=PINNED)
    open_calc(page, site, SLUG, query)
    for flag, (script, expected) in EVIDENCE.items():
        assert page.evaluate(script) != expected, flag


@pytest.mark.browser
def test_the_client_reports_download_progress(page, site):
    """While Python loads, the client keeps the bytes of the boot's downloads (reported by the
    worker as they arrive): on a first visit the wasm and the chosen path's Python (the snapshot,
    or the used standard library), complete once it is ready, in the phase "start" (every
    download in, Python starting). Which path and which copy of the wasm depend on how fast
    loopback reads on a busy machine (test_slow_link pins a slow link)."""
    query, _ = shared_link()
    open_calc(page, site, SLUG, query)
    progress = client_progress(page)
    names = {f["url"].rsplit("/", 1)[1] for f in progress["files"]}
    assert names & {boot_files.name(site, "wasm"), boot_files.name(site, "wasm", xz=True)}, names
    assert names & {boot_files.name(site, "snapshot"), boot_files.name(site, "stdlib_used"),
                    boot_files.name(site, "stdlib_used", xz=True)}, names
    assert progress["loaded"] == sum(f["loaded"] for f in progress["files"]) > 3_000_000, progress
    for f in progress["files"]:
        assert f["done"] and (f["total"] is None or f["loaded"] == f["total"]), f
    assert progress["phase"] == "start"
