"""The calculator pages' runtime config (macros/page_config.py): every load-speed measure has a
flag, and a page with any one of them switched off still answers as the command line does."""
from __future__ import annotations

import pytest

import calculators
from calc_pages import READY_INFO, open_calc, with_config
from calculators.urlstate import encode
from macros.page_config import FLAGS, LIMITS, ConfigError, read_config, settings

SLUG = "instructor-offer"
RESULT = f'[data-calc-result="{SLUG}"]'


def test_settings_default_to_on_and_reject_unknown_names():
    flags, limits = settings({})
    assert flags == dict.fromkeys(FLAGS, True) and limits == LIMITS
    assert settings({"calculators": {"flags": {"snapshot": False}}})[0]["snapshot"] is False
    for bad in ({"flags": {"snapshots": False}}, {"flags": {"snapshot": "no"}}, {"limits": {"boot_stall_ms": 0}},
                {"limit": {}}):
        with pytest.raises(ConfigError):
            settings({"calculators": bad})


def test_the_built_page_carries_the_config_and_its_files_exist(site):
    page = site.dir / "calculators" / SLUG
    config = read_config((page / "index.html").read_text(encoding="utf-8"))
    assert set(config["flags"]) == set(FLAGS) and set(config["limits"]) == set(LIMITS)
    for url in [config["worker"], config["runner"], *config["boot"].values()]:
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
    "early_start": (f"({STARTED})('/assets/calc/start.') < performance.getEntriesByName('calc:worker-start')[0].startTime",
                    True),
    # the theme's bundle was fetched while Python was still loading
    "theme_later": (f"({STARTED})('/bundle.') < performance.getEntriesByName('calc:ready')[0].startTime", True),
}


@pytest.mark.browser
@pytest.mark.parametrize("flag", sorted(FLAGS))
def test_a_page_with_one_measure_switched_off_still_answers(page, site, flag):
    query, band = shared_link()
    with_config(page, flags={flag: False})
    result = open_calc(page, site, SLUG, query)
    assert result.get_attribute("data-calc-band") == band
    assert page.evaluate(f"{READY_INFO}.mode") == ("pyc" if flag == "snapshot" else "snapshot")
    if flag in EVIDENCE:
        script, expected = EVIDENCE[flag]
        assert page.evaluate(script) == expected, script


@pytest.mark.browser
def test_the_evidence_holds_only_with_the_flag_off(page, site):
    """The checks above can fail: with every measure on, none of them holds."""
    query, band = shared_link()
    open_calc(page, site, SLUG, query)
    for flag, (script, expected) in EVIDENCE.items():
        assert page.evaluate(script) != expected, flag


CLIENT_PROGRESS = """async () => {
  const runner = document.querySelector("script[type=module][src*='/assets/calc/start.']").src;
  const { connect } = await import(runner);
  return connect().progress;
}"""


@pytest.mark.browser
def test_the_client_reports_download_progress(page, site):
    """While Python loads, the client keeps the bytes of the boot's downloads (reported by the
    worker as they arrive): on a first visit the wasm and the chosen path's Python (the snapshot,
    or the used standard library), complete once it is ready. Which path and which copy of the
    wasm depend on how fast loopback reads on a busy machine (test_slow_link pins a slow link)."""
    query, _ = shared_link()
    open_calc(page, site, SLUG, query)
    progress = page.evaluate(CLIENT_PROGRESS)
    names = {f["url"].rsplit("/", 1)[1] for f in progress["files"]}
    assert names & {"pyodide.asm.wasm", "pyodide.asm.wasm.xz"}, names
    assert any(n.startswith(("snapshot-", "python_stdlib-used.zip")) for n in names), names
    assert progress["loaded"] == sum(f["loaded"] for f in progress["files"]) > 3_000_000, progress
    for f in progress["files"]:
        assert f["done"] and (f["total"] is None or f["loaded"] == f["total"]), f
