"""Bundle the page, worker and service-worker scripts (``web/``) with esbuild: one file per entry.

    python -m tools.bundle      (bundles if needed; prints the folder and the entries' outputs)

Every entry point below is bundled on its own (no code shared between entries, so a page loads
exactly one file per entry), minified, for the browsers the project is tested in. The ESM
entries get a linked source map; a module they import with a literal ``import("./x.js")`` becomes
a file of its own (``x.HASH.js``, esbuild's content hash), loaded only when that code runs: the
worker's xz driver and snapshot decoder. The inline entries are built as classic scripts (an
IIFE) that pages carry inline, as esbuild writes them: the early start (``macros/forms.py``)
and the two ``<head>`` scripts (``tools/ship.py``).

The result is cached in ``.cache/web/DIGEST/`` (a digest of ``web/``, this file and the pinned
esbuild), so the macros, which need the names and the inline scripts while pages render, and the
ship step, which publishes the files, share one bundle however they are run (MkDocs' hook,
``python -m tools.ship``, Zensical). Names pages use come from ``tools/published.py``; the
service worker is bundled by the ship step with its build's data (``service_worker``).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
CACHE = ROOT / ".cache" / "web"
TARGET = "es2022,chrome156,firefox153,safari26"  # WebKitGTK 2.50 is Safari 26's engine

# Entry name: its source in web/. ESM entries become files pages load (named and placed by
# tools/published.py); inline entries, classic scripts pages carry inline.
MODULES = {
    "site": "page/site.js",  # every page (mkdocs.yml's extra_javascript)
    "start": "page/start.js",  # calculator pages: the runner
    "worker": "worker/worker.js",  # the Python worker
}
INLINE = {
    "early-start": "page/early-start.js",  # after a calculator's result container: starts the worker
    "storage-guard": "page/storage-guard.js",  # <head> of every page
    "theme-later": "page/theme-later.js",  # <head> of calculator pages
}
SERVICE_WORKER = "service-worker/service-worker.js"  # sw.js, bundled with its build's data
COMMON = ["--bundle", "--minify", f"--target={TARGET}", "--log-level=warning", "--color=false"]


class BundleError(RuntimeError):
    """esbuild failed or is missing; the message says why."""


@dataclass(frozen=True)
class Bundle:
    """One bundling of ``web/``, in folder ``dir``: ``modules/NAME/`` per ESM entry (its file
    ``NAME.js``, its lazy modules, their source maps) and ``inline/NAME.js``."""

    dir: Path

    def entry(self, name: str) -> Path:
        """The output file of ESM entry ``name`` (``MODULES``)."""
        return self.dir / "modules" / name / f"{name}.js"

    def files(self, name: str) -> list[Path]:
        """Every file of ESM entry ``name``: its output, its lazy modules and the source maps."""
        return sorted(p for p in self.entry(name).parent.iterdir() if p.is_file())

    def inline(self, name: str) -> str:
        """The classic script of inline entry ``name`` (``INLINE``), as esbuild wrote it."""
        return (self.dir / "inline" / f"{name}.js").read_text(encoding="utf-8").strip()


def _esbuild(args: list[str]) -> str:
    if not ESBUILD.exists():
        raise BundleError("node_modules/.bin/esbuild is missing: run `npm ci` (or `make build`).")
    done = subprocess.run([str(ESBUILD), *COMMON, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or done.stderr.strip():  # a warning fails the build too
        raise BundleError(f"esbuild {' '.join(args[:1])}:\n{done.stderr.strip()}")
    return done.stdout


def _esbuild_version() -> str:
    installed = ROOT / "node_modules" / "esbuild" / "package.json"
    if not installed.exists():
        raise BundleError("node_modules/esbuild is missing: run `npm ci` (or `make build`).")
    return json.loads(installed.read_text())["version"]


def digest() -> str:
    """What the bundle is made from: every file under ``web/``, this file and esbuild's version."""
    h = hashlib.sha256(_esbuild_version().encode())
    for path in sorted([*WEB.rglob("*.js"), Path(__file__)]):
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _build(out: Path) -> None:
    for name, source in MODULES.items():
        _esbuild([str(WEB / source), "--format=esm", "--splitting", "--sourcemap=linked",
                  f"--outdir={out / 'modules' / name}", f"--entry-names={name}", "--chunk-names=[name].[hash]"])
    for name, source in INLINE.items():
        _esbuild([str(WEB / source), "--format=iife", f"--outfile={out / 'inline' / (name + '.js')}"])


def bundle() -> Bundle:
    """The bundle of the current ``web/`` (built into the cache unless it is there already)."""
    out = CACHE / digest()
    if not out.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=CACHE, prefix="tmp-"))
        try:
            _build(tmp)
            os.replace(tmp, out)  # at once, whole: another build may have got there first
        except OSError:
            if not out.is_dir():
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        _prune(keep=8)
    else:
        os.utime(out)  # in use: the newest, whatever else another checkout bundles
    return Bundle(out)


def _prune(keep: int) -> None:
    """Keep the ``keep`` newest bundles (each change of ``web/`` adds one)."""
    folders = sorted((p for p in CACHE.iterdir() if p.is_dir() and not p.name.startswith("tmp-")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def service_worker(out: Path, data: dict[str, object]) -> None:
    """Bundle the service worker as the file ``out`` (and its source map beside it, ``out``.map),
    each key of ``data`` replacing the global of that name in its source (esbuild's ``define``).
    Built in the cache, so that the map names its source as the other bundles' maps do."""
    defines = [f"--define:{key}={json.dumps(value, separators=(',', ':'))}" for key, value in data.items()]
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="tmp-") as tmp:
        built = Path(tmp) / "sw" / out.name
        _esbuild([str(WEB / SERVICE_WORKER), "--format=iife", "--sourcemap=linked", f"--outfile={built}", *defines])
        for path in built.parent.iterdir():
            shutil.copyfile(path, out.parent / path.name)


if __name__ == "__main__":
    try:
        done = bundle()
    except BundleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    print(done.dir)
    for name in MODULES:
        print(f"  {name}: " + ", ".join(p.name for p in done.files(name)))
