"""Theme overrides change only what they must (overrides/).

A change a block, the ship step (tools/ship.py: the search dialog's name) or a script can make is
made there. A partial that must be copied whole (partials/nav-item.html: a macro file, no block
reaches inside it) names the theme's original by its sha256 and marks its local change: the test
fails when the installed Material's original is another file, or when the copy differs from it
anywhere but between its "local change" markers."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

OVERRIDES = ROOT / "overrides"
THEME = Path(material.__file__).parent / "templates"
COPIES = sorted(p for p in (OVERRIDES / "partials").rglob("*.html"))
HEADER = re.compile(r"\A\{#- A copy of Material for MkDocs [\d.]+'s (\S+) \(sha256 ([0-9a-f]{64})\),.*?-#\}\n", re.S)
LOCAL = re.compile(r"[ \t]*\{#- local change: begin.*?\{#- local change: end -#\}\n", re.S)


def test_only_partials_that_must_be_are_copied():
    assert [p.relative_to(OVERRIDES).as_posix() for p in COPIES] == ["partials/nav-item.html"]


@pytest.mark.parametrize("copy", COPIES, ids=lambda p: p.name)
def test_a_copied_partial_is_the_pinned_theme_s_original_plus_its_marked_change(copy):
    text = copy.read_text(encoding="utf-8")
    header = HEADER.match(text)
    assert header, f"{copy.name}: no header naming the original and its sha256"
    original = THEME / header.group(1)
    assert header.group(1) == copy.relative_to(OVERRIDES).as_posix()
    assert hashlib.sha256(original.read_bytes()).hexdigest() == header.group(2), (
        f"the installed theme's {header.group(1)} changed: port the local change to its new version")
    body = text[header.end():]
    assert LOCAL.search(body), f"{copy.name}: no marked local change (then it need not be copied)"
    assert LOCAL.sub("", body) == original.read_text(encoding="utf-8")


def test_the_check_notices_a_change_outside_the_markers(tmp_path):
    copy = COPIES[0]
    text = copy.read_text(encoding="utf-8")
    header = HEADER.match(text)
    body = text[header.end():].replace("md-nav__list", "md-nav__lists", 1)
    assert LOCAL.sub("", body) != (THEME / header.group(1)).read_text(encoding="utf-8")
