"""Loading says how far it has come, in words (issue 23, item 4): "Downloading Python (1.1 of 3.3
MB)" while bytes arrive, "Starting Python" once they are all in, never a download "of" its own
total; the result's progress line says the same. Served over a paced link so that the download
takes a few seconds (``serve.Link``, as in test_slow_link.py)."""
from __future__ import annotations

import re

import pytest

import calculators
from calculators.urlstate import encode
from test_slow_link import SLUG, served_over
from tools import serve

pytestmark = pytest.mark.browser

# Every text the summary's second line and the result's progress line take, in order.
WATCH_WORDS = """
window.__said = [];
new MutationObserver(() => {
  for (const sel of [".calc-summary-headline", ".calc-progress-text"]) {
    const el = document.querySelector(sel);
    const text = el && el.textContent;
    if (text && !window.__said.some((s) => s[0] === sel && s[1] === text)) window.__said.push([sel, text]);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
DOWNLOADING = re.compile(r"^Downloading Python \((\d+\.\d) of (\d+\.\d) MB\); the form below works meanwhile\.$")


def test_loading_says_downloading_then_starting_python(browser, site):
    calc = calculators.get(SLUG)
    inputs = calc.validate(dict(calc.example("yellow").inputs))
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH_WORDS)
    try:
        with served_over(site, serve.Link(8e6, 0.02)) as base:
            page.goto(base + f"calculators/{SLUG}/?" + encode(calc, inputs))
            page.wait_for_selector(f'[data-calc-result="{SLUG}"][data-calc-band]', timeout=120_000)
            said = page.evaluate("window.__said")
            page.goto("about:blank")
    finally:
        context.close()
    summary = [text for sel, text in said if sel == ".calc-summary-headline"]
    downloading = [m for m in map(DOWNLOADING.match, summary) if m]
    assert downloading, summary
    assert all(float(m[1]) < float(m[2]) for m in downloading), "a download of all its bytes is over: Python is starting"
    starting = [n for n, text in enumerate(summary) if text.startswith("Starting Python")]
    assert starting and starting[0] > summary.index(downloading[-1][0]), summary
    progress = [text for sel, text in said if sel == ".calc-progress-text"]
    assert any(t.startswith("Downloading Python") for t in progress) and progress[-1] == "Starting Python\u2026", progress
