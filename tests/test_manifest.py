"""One boot manifest (tools/manifest.py), and every boot file named in one place.

The names of the boot files are spelled in tools/published.py only: the build's other modules,
the bench and the tests take them from there or from the manifest, the page and its workers from
the page config (its files are the manifest's). Comments and docstrings may name files; code may not.
"""
from __future__ import annotations

import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

from conftest import ROOT
from macros.page_config import read_config
from tools.manifest import page_files, read_manifest
from tools.published import (CALC_SCRIPTS, LOADER, MANIFEST, NPM_LOCK, NPM_STDLIB, RUNTIME_JS, SNAPSHOT_SUFFIX,
                             USED_STDLIB, WASM, stdlib_name, xz_decoder_name)

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
SOURCES = ("web", "macros", "tools", "benchmarks", "tests")
OWNER = ROOT / "tools" / "published.py"
# Every boot file's name, or the fixed part of a name that carries a digest or a version.
NAMES = [LOADER, RUNTIME_JS, WASM, NPM_LOCK, NPM_STDLIB, USED_STDLIB, SNAPSHOT_SUFFIX, MANIFEST, CALC_SCRIPTS,
         stdlib_name().rsplit("-", 1)[0] + "-", xz_decoder_name().rsplit("-", 1)[0] + "-"]
SPELLED = re.compile("|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)))


def python_strings(text: str) -> list[tuple[int, str]]:
    """(line, text) of the string literals of Python source, docstrings aside."""
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    found = []
    for i, tok in enumerate(tokens):
        if tok.type not in (tokenize.STRING, tokenize.FSTRING_MIDDLE):
            continue
        before = next((t for t in reversed(tokens[:i]) if t.type not in (tokenize.NL, tokenize.COMMENT)), None)
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        lone = (before is None or before.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING)) \
            and after is not None and after.type in (tokenize.NEWLINE, tokenize.ENDMARKER)
        if not lone:
            found.append((tok.start[0], tok.string))
    return found


def javascript_code(path: Path) -> str:
    """JavaScript without its comments (esbuild's transform drops them, strings untouched)."""
    done = subprocess.run([str(ESBUILD), str(path), "--log-level=error"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def sources() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *SOURCES],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return sorted(ROOT / p for p in listed if p.endswith((".py", ".js", ".mjs")) and (ROOT / p).exists())


def strays(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return [f"{path.relative_to(ROOT)}:{line}: {s[:80]}" for line, s in python_strings(text) if SPELLED.search(s)]
    return [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in SPELLED.finditer(javascript_code(path))]


def test_boot_files_are_named_in_one_place():
    """No stray spelling of a boot file's name in the code of web/, macros/, tools/, benchmarks/
    or tests/: only tools/published.py spells them."""
    files = [p for p in sources() if p != OWNER]
    assert len(files) > 40
    found = [s for path in files for s in strays(path)]
    assert found == [], "\n".join(found)


def test_the_check_finds_a_stray_name(tmp_path):
    """The check above can fail: a name in code is found; the same name in comments is not."""
    js = tmp_path / "x.js"
    js.write_text(f'// {WASM} in a comment\nexport const url = new URL("{WASM}", base);\n')
    py = tmp_path / "x.py"
    py.write_text(f'"""Reads {LOADER}."""\n# {WASM}\nNAME = "{CALC_SCRIPTS}start.js"\n')
    assert [s.split(": ", 1)[1] for s in strays_outside(js)] == [WASM]
    assert len(strays_outside(py)) == 1 and CALC_SCRIPTS in strays_outside(py)[0]


def strays_outside(path: Path) -> list[str]:
    """strays() for a file outside the project."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return [f"{line}: {s}" for line, s in python_strings(text) if SPELLED.search(s)]
    return [f"{path.name}: {m.group(0)}" for m in SPELLED.finditer(javascript_code(path))]


@pytest.mark.parametrize("slug", ["instructor-offer", "offer-comparison"])
def test_the_page_config_carries_the_manifest(site, slug):
    """A calculator page's boot files and flags are the manifest's, its URLs relative to the page."""
    manifest = read_manifest(site.dir)
    html = (site.dir / "calculators" / slug / "index.html").read_text(encoding="utf-8")
    config = read_config(html)
    assert config["boot"] == page_files(manifest, lambda path: "../../" + path)
    assert config["flags"] == manifest["flags"]
