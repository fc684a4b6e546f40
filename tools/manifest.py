"""The boot manifest: the one list of the files a calculator page boots from, and the flags.

The build describes every boot file once, here, from ``tools/runtime.py``'s build and the names
of ``tools/published.py``; everything else reads this description:

- the macros put it in each calculator page's config (``macros/page_config.py``: the files'
  URLs relative to the page, their sizes, the flags), from which the page starts the worker and
  the worker boots (``web/page/launch.js``, ``web/worker/``);
- the ship step copies the files into the site and writes the manifest itself as
  ``boot-manifest.json`` at the site root (``tools/ship.py``), and bundles the service worker
  with its list of files (``tools/offline.py``);
- the bench and the tests read that file (``read_manifest``).

Its shape (``FORMAT`` 1)::

    {"format": 1, "pyodide": "314.0.7",
     "files": {ROLE: {"path": SITE_PATH, "bytes": N, "sha256": HEX,
                      "xz"?: {"path": SITE_PATH, "bytes": N, "sha256": HEX}}},
     "flags": {FLAG: true | false}}

``ROLES`` says what each file is; ``xz`` is the file's xz-compressed copy (a first visit over a
slow link reads it). ``flags`` are the build's (``mkdocs.yml``'s ``extra.calculators.flags``):
with ``snapshot`` off the snapshot is left out, with ``xz`` off the xz copies and their decoder.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

from tools.published import MANIFEST, app_dir_name, pyodide_version, stdlib_name
from tools.runtime import build_runtime

FORMAT = 1
ROLES = {
    "loader": "Pyodide's loader module (loadPyodide), as npm ships it",
    "runtime_js": "Emscripten's JavaScript, which the loader imports",
    "wasm": "the runtime's WebAssembly",
    "lock": "the lock file, naming the calculators wheel and the PDF library only",
    "wheel": "the calculators package (in the browser, only the letter reader loads it: both boots have the rest)",
    "pdf_wheel": "the PDF library (pypdf), which the letter reader loads for a PDF only",
    "stdlib": "the whole standard library, precompiled to .pyc",
    "stdlib_used": "the part of it the calculators import, with the calculators' modules (the .pyc boot's)",
    "snapshot": "the memory snapshot, made after the calculators are imported (packed, gzip)",
    "xz_decoder": "the xz decoder's WebAssembly (inflates the xz copies)",
}
XZ_SUFFIX = "_xz"  # build_runtime's role of a file's xz copy: ROLE + XZ_SUFFIX


@dataclass(frozen=True)
class Manifest:
    """The manifest's JSON ``data`` and, for the ship step, the built file of each site path."""

    data: dict[str, Any]
    sources: dict[str, Path]


@lru_cache(maxsize=64)
def _sha256(path: Path, mtime: float, size: int) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _describe(path: str, source: Path) -> dict[str, Any]:
    st = source.stat()
    return {"path": path, "bytes": st.st_size, "sha256": _sha256(source, st.st_mtime, st.st_size)}


def boot_manifest(flags: Mapping[str, bool]) -> Manifest:
    """The manifest of this build's boot files, built (or found in the cache) for ``flags``."""
    key = tuple(sorted(flags.items()))
    return _manifest(key, app_dir_name(), stdlib_name())


@lru_cache(maxsize=8)
def _manifest(flags: tuple[tuple[str, bool], ...], _app: str, _stdlib: str) -> Manifest:
    # _app and _stdlib: what the files are named by, so that a change of the sources is seen
    on = dict(flags)
    built = build_runtime(snapshot=on.get("snapshot", True), xz=on.get("xz", True))
    files: dict[str, dict[str, Any]] = {}
    for role in ROLES:
        if role not in built:
            continue
        files[role] = _describe(*built[role])
        if role + XZ_SUFFIX in built:
            files[role]["xz"] = _describe(*built[role + XZ_SUFFIX])
    data = {"format": FORMAT, "pyodide": pyodide_version(), "files": files, "flags": dict(on)}
    return Manifest(data, {path: source for path, source in built.values()})


def paths(data: Mapping[str, Any]) -> list[str]:
    """Every site path the manifest ``data`` lists, xz copies included."""
    found = []
    for file in data["files"].values():
        found.append(file["path"])
        if "xz" in file:
            found.append(file["xz"]["path"])
    return sorted(found)


def page_files(data: Mapping[str, Any], link: Callable[[str], str]) -> dict[str, Any]:
    """The manifest's files as a page's config carries them: ``{ROLE: {url, bytes, xz?: {url,
    bytes}}}``, each URL made by ``link`` (relative to the page); no digests."""
    def entry(file: Mapping[str, Any]) -> dict[str, Any]:
        return {"url": link(file["path"]), "bytes": file["bytes"]}

    return {role: {**entry(f), **({"xz": entry(f["xz"])} if "xz" in f else {})} for role, f in data["files"].items()}


def write_manifest(site_dir: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` as the site's ``boot-manifest.json``."""
    (site_dir / MANIFEST).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_manifest(site_dir: Path) -> dict[str, Any]:
    """The boot manifest of a shipped site."""
    return json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))


def site_file(site_dir: Path, data: Mapping[str, Any], role: str, xz: bool = False) -> Path:
    """The file of ``role`` (its xz copy with ``xz``) in the shipped site ``site_dir``."""
    file = data["files"][role]
    return site_dir / (file["xz"] if xz else file)["path"]
