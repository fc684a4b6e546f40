"""The benchmark's own DevTools-protocol driver (benchmarks/cdp.py) loads pages as a reader would.

`make bench` is not part of the test suite; these check that its timed runs can run at all on this
machine: a calculator page answers under the driver, scripts run before the page's own, and a
script error or a wait that never ends is reported, not hung on.
"""
from __future__ import annotations

import pytest

from benchmarks import cdp
from conftest import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture
def browser(tmp_path):
    chromium = cdp.Chromium(CHROMIUM, str(tmp_path / "profile"), CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def test_calculator_answers_under_the_driver(site, browser):
    page = browser.new_page()
    page.add_init_script("window.__early = document.readyState;")
    page.goto(site.page_url("calculators/instructor-offer/?v=1.0&institution_type=mid_tier&clinical_fte=0.9"))
    band = page.wait_for("document.querySelector('[data-calc-result][data-calc-band]')?.dataset.calcBand", timeout=60)
    assert band in {"green", "yellow", "red"}
    assert page.evaluate("window.__early") == "loading"  # ran before the page's own scripts
    assert page.evaluate("performance.getEntriesByName('calc:ready')[0].detail.mode") == "snapshot"
    page.close()


def test_errors_and_timeouts_are_reported(browser):
    page = browser.new_page()
    page.goto("data:text/html,<title>t</title>")
    with pytest.raises(cdp.DriverError, match="ReferenceError"):
        page.evaluate("no_such_name + 1")
    assert page.evaluate("Promise.resolve(6 * 7)") == 42
    with pytest.raises(cdp.DriverError, match="timed out"):
        page.wait_for("window.never", timeout=0.3)
