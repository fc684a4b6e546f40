"""The names under which the build publishes the files pages load, and the digests in them.

Pages link to these files (the macros write the URLs) and the ship step writes them
(``tools/ship.py``, ``tools/runtime.py``): both read the names here, so they cannot disagree.
Every name that carries a digest changes when what the file is made from changes, so each one
can be cached for good.

| site path | named by |
| --- | --- |
| ``pyodide/VERSION/`` (``LOADER``, ``RUNTIME_JS``, ``WASM``: npm's files, as npm names them) | the pinned npm ``pyodide`` |
| ``pyodide/VERSION/python_stdlib-pyc-DIGEST.zip`` | npm's stdlib zip and the script compiling it |
| ``pyodide/VERSION/app-DIGEST/`` (wheel, lock file) | the calculators' sources and the build scripts |
| ``pyodide/VERSION/app-DIGEST/snapshot-BUILDID.bin.gz`` | the runtime's ``BUILD_ID`` |
| ``pyodide/VERSION/app-DIGEST/python_stdlib-used.zip`` | the calculators' sources (what they import) |
| ``pyodide/VERSION/app-DIGEST/python_stdlib-used.zip.xz`` | the same, its entries stored, xz-compressed |
| ``pyodide/VERSION/pyodide.asm.wasm.xz`` | the pinned npm ``pyodide`` (its wasm, xz-compressed) |
| ``pyodide/VERSION/xz-decoder-VERSION.wasm`` | the pinned npm ``xz-decompress`` |
| ``assets/site.js`` | fixed: ``mkdocs.yml``'s ``extra_javascript`` (revalidated) |
| ``assets/calc/start.DIGEST.js`` | the runner's bundle's content |
| ``assets/calc/worker.DIGEST.js`` | the worker's bundle's content |
| ``assets/calc/NAME.HASH.js`` | a bundle's lazy module: esbuild's hash of its content, which the importing bundle names |
| ``assets/site.DIGEST.css`` | the site's style sheet's content |

The scripts are the bundles of ``web/`` (``tools/bundle.py``): ``SCRIPTS`` says where each entry
point is published and whether under its content's digest; its source map keeps the plain
name (``start.js.map``) that the bundle's last line gives it.

Every boot file's name is spelled here and nowhere else (``tests/test_manifest.py`` greps the
sources for strays): the build's other modules, the bench and the tests take them from here or
from the boot manifest (``tools/manifest.py``), the page and its workers from the page config.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from tools.bundle import bundle

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
NODE_SCRIPT = ROOT / "tools" / "pyodide_build.mjs"
WHEEL_BUILD = ROOT / "tools" / "runtime.py"  # builds the wheel and the lock file: its code is in their digest
STYLESHEET_SOURCE = ROOT / "docs" / "assets" / "site.css"
STYLESHEET = "assets/site.css"  # where the generator writes it (mkdocs.yml's extra_css)
# npm's runtime files (node_modules/pyodide), published under the same names
LOADER = "pyodide.mjs"  # the loader module (loadPyodide)
RUNTIME_JS = "pyodide.asm.mjs"  # Emscripten's JavaScript, which the loader imports
WASM = "pyodide.asm.wasm"
NPM_LOCK = "pyodide-lock.json"  # npm's lock file; ours, with the calculators only, has the same name
NPM_STDLIB = "python_stdlib.zip"  # the standard library as sources (compiled to .pyc by the build)
WHEEL_GLOB = "calculators-*-py3-none-any.whl"  # the calculators wheel (its version is pyproject.toml's)
USED_STDLIB = "python_stdlib-used.zip"  # in app-DIGEST/: depends on what the calculators import
USED_STDLIB_XZ = USED_STDLIB + ".xz"  # beside it: the same modules in a stored zip, xz-compressed
WASM_XZ = WASM + ".xz"  # beside the wasm: the same bytes, xz-compressed
SNAPSHOT_SUFFIX = ".bin.gz"  # snapshot-BUILDID.bin.gz, in app-DIGEST/
NODE_XZ = ROOT / "node_modules" / "xz-decompress"
# Bundled entry point (tools/bundle.py's MODULES): (site folder, named by its content's digest)
CALC_SCRIPTS = "assets/calc/"  # every .js file there is named by its content (cached for good)
SCRIPTS = {"site": ("assets/", False), "start": (CALC_SCRIPTS, True), "worker": (CALC_SCRIPTS, True)}
MANIFEST = "boot-manifest.json"  # at the site root: the boot manifest (tools/manifest.py)


class RuntimeBuildError(RuntimeError):
    """The runtime could not be assembled; the message says what to install or run."""


@lru_cache(maxsize=1)
def pyodide_version() -> str:
    """The pinned Pyodide version (from the installed npm package, else package.json)."""
    installed = NODE_PYODIDE / "package.json"
    if installed.exists():
        return json.loads(installed.read_text())["version"]
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


PDF_PACKAGE = "pypdf"  # the PDF library the browser's letter reader loads for a PDF (its wheel beside ours)


def pdf_pin() -> str:
    """``requirements.txt``'s pin of the PDF library, hashes included (one requirement line)."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    match = re.search(rf"^{PDF_PACKAGE}==\S+(?:\s*\\\n\s*--hash=sha256:[0-9a-f]+)+", text, re.M)
    if not match:
        raise RuntimeBuildError(f"requirements.txt pins no {PDF_PACKAGE} with hashes")
    return " ".join(part.strip() for part in match.group(0).split("\\\n"))


def sources_digest() -> str:
    """A digest of everything that goes into the wheel and the lock file."""
    h = hashlib.sha256()
    files = sorted((ROOT / "calculators").rglob("*.py")) + [ROOT / "pyproject.toml", WHEEL_BUILD,
                                                          NODE_PYODIDE / NPM_LOCK, NODE_SCRIPT]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    h.update(pdf_pin().encode())
    return h.hexdigest()[:16]


def app_dir_name() -> str:
    """Folder (under the runtime folder) for this build's wheel and lock file: named by content."""
    return f"app-{sources_digest()}"


def stdlib_name() -> str:
    """File name of the .pyc standard library: named by the npm zip and the script that compiles it."""
    return f"python_stdlib-pyc-{_digest(NODE_PYODIDE / NPM_STDLIB, NODE_SCRIPT)}.zip"


def build_id() -> str:
    """The runtime's BUILD_ID (a hash of pyodide.asm.mjs and .wasm); a snapshot only loads in it."""
    found = re.search(r'BUILD_ID:"([0-9a-f]{16,})"', (NODE_PYODIDE / LOADER).read_text())
    if not found:
        raise RuntimeBuildError("pyodide.mjs has no BUILD_ID: is node_modules/pyodide the pinned version?")
    return found.group(1)


def snapshot_name() -> str:
    """File name (inside ``app-DIGEST/``) of the gzipped memory snapshot, named by the runtime build."""
    return f"snapshot-{build_id()[:16]}{SNAPSHOT_SUFFIX}"


def _hashed_name(source: Path) -> str:
    """``source``'s file name with 8 hex digits of its content's digest before the suffix."""
    return f"{source.stem}.{hashlib.sha256(source.read_bytes()).hexdigest()[:8]}{source.suffix}"


def script_path(entry: str) -> str:
    """Site path of a bundled entry point (``SCRIPTS``), e.g. ``assets/calc/worker.HASH.js``."""
    folder, hashed = SCRIPTS[entry]
    built = bundle().entry(entry)
    return folder + (_hashed_name(built) if hashed else built.name)


def scripts() -> dict[str, Path]:
    """Every file of the bundled scripts by its site path: each entry point under its name
    (``script_path``), its lazy modules and source maps beside it, as esbuild named them."""
    found = {}
    for entry, (folder, _) in SCRIPTS.items():
        built = bundle().entry(entry)
        for path in bundle().files(entry):
            found[script_path(entry) if path == built else folder + path.name] = path
    return found


def stylesheet_name() -> str:
    """File name of the site's style sheet, named by its content (``site.HASH.css``)."""
    return _hashed_name(STYLESHEET_SOURCE)


# ---------- site paths (what pages link to) ----------

def runtime_path() -> str:
    """Site path of the runtime folder, e.g. ``pyodide/314.0.7/``."""
    return f"pyodide/{pyodide_version()}/"


def lock_path() -> str:
    """Site path of this build's lock file (its folder is named by the calculators' content)."""
    return f"{runtime_path()}{app_dir_name()}/{NPM_LOCK}"


def app_path() -> str:
    """Site path of this build's folder of the calculators (wheel, lock file, snapshot, used stdlib)."""
    return f"{runtime_path()}{app_dir_name()}/"


def npm_path(name: str) -> str:
    """Site path of one of npm's runtime files (``LOADER``, ``RUNTIME_JS``, ``WASM``)."""
    return f"{runtime_path()}{name}"


def stdlib_path() -> str:
    """Site path of the standard library precompiled to .pyc."""
    return f"{runtime_path()}{stdlib_name()}"


def used_stdlib_path() -> str:
    """Site path of the part of the .pyc standard library the calculators import (beside the lock file)."""
    return f"{runtime_path()}{app_dir_name()}/{USED_STDLIB}"


def used_stdlib_xz_path() -> str:
    """Site path of the used standard library's xz copy (a first visit over a slow link reads it)."""
    return f"{runtime_path()}{app_dir_name()}/{USED_STDLIB_XZ}"


def wasm_bytes() -> int:
    """Size of the runtime's wasm (the worker's download progress counts its decoded bytes)."""
    wasm = NODE_PYODIDE / WASM
    return wasm.stat().st_size if wasm.exists() else 0


def wasm_xz_path() -> str:
    """Site path of the runtime's wasm, xz-compressed (a first visit over a slow link reads it)."""
    return f"{runtime_path()}{WASM_XZ}"



def xz_decoder_name() -> str:
    """File name of the xz decoder's wasm, named by the pinned npm ``xz-decompress``."""
    installed = NODE_XZ / "package.json"
    version = (json.loads(installed.read_text())["version"] if installed.exists()
               else json.loads((ROOT / "package.json").read_text())["dependencies"]["xz-decompress"])
    return f"xz-decoder-{version}.wasm"


def xz_decoder_path() -> str:
    """Site path of the xz decoder's wasm (beside the runtime)."""
    return f"{runtime_path()}{xz_decoder_name()}"


def snapshot_path() -> str:
    """Site path of this build's gzipped memory snapshot (beside the lock file)."""
    return f"{runtime_path()}{app_dir_name()}/{snapshot_name()}"


def worker_path() -> str:
    """Site path of the calculator worker (``assets/calc/worker.HASH.js``): a returning visit takes
    it from the cache without asking the server."""
    return script_path("worker")


def runner_path() -> str:
    """Site path of the calculator runner (``assets/calc/start.HASH.js``), cached for good too."""
    return script_path("start")


def stylesheet_path() -> str:
    """Site path of the site's style sheet (``assets/site.HASH.css``). Cached for good, it is
    also taken from memory when the theme's bundle rewrites the page's links to absolute URLs,
    where a revalidated name would leave the page unstyled for a round trip. The ship step moves
    ``site.css`` there and points every page at it."""
    return f"assets/{stylesheet_name()}"
