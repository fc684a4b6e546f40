"""Write the service worker (``sw.js`` at the site root) for a finished build.

The worker's caches are named by a digest of the built site, so a new deploy replaces them; its
list of runtime files (the boot manifest's, ``tools/manifest.py``) decides which
content-addressed runtime files stay cached. Its source, ``web/service-worker/service-worker.js``,
is bundled here with these as its ``__NAME__`` globals (``tools/bundle.py``, ``service_worker``).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Mapping

from tools.bundle import BundleError, service_worker
from tools.published import CALC_SCRIPTS, runtime_path

SW_NAME = "sw.js"
SW_FILES = (SW_NAME, SW_NAME + ".map")  # at the site root: the service worker and its source map


def kept_files(manifest: Mapping[str, Any]) -> list[str]:
    """The boot files a returning visit may read, so the ones kept offline: not the xz copies nor
    their decoder (their inflated bytes are kept as the originals)."""
    return sorted(f["path"] for role, f in manifest["files"].items() if role != "xz_decoder")


def theme_scripts(site_dir: Path) -> list[str]:
    """Site paths of the theme's scripts every page runs (its bundle and search worker, named by
    content hash); the service worker stores them when it installs (see its source)."""
    scripts = site_dir / "assets" / "javascripts"
    found = sorted([*scripts.glob("bundle.*.min.js"), *scripts.glob("workers/search.*.min.js")])
    return [p.relative_to(site_dir).as_posix() for p in found]


def build_id(site_dir: Path) -> str:
    """A digest of every built file except the service worker; runtime files count by name."""
    h = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.name in SW_FILES and path.parent == site_dir:
            continue
        rel = path.relative_to(site_dir).as_posix()
        h.update(rel.encode() + b"\0")
        if not rel.startswith("pyodide/"):  # content-addressed: the name is enough
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def write_service_worker(site_dir: Path, manifest: Mapping[str, Any]) -> str:
    """Write ``site_dir/sw.js`` for the boot ``manifest``; return the build id it carries."""
    build = build_id(site_dir)
    snapshot = manifest["files"].get("snapshot")
    data = {"__BUILD__": build, "__RUNTIME__": runtime_path(), "__RUNTIME_FILES__": kept_files(manifest),
            "__SNAPSHOT__": snapshot["path"] if snapshot else "", "__CALC_SCRIPTS__": CALC_SCRIPTS,
            "__THEME_SCRIPTS__": theme_scripts(site_dir)}
    service_worker(site_dir / SW_NAME, data)
    left = [name for name in data if name in (site_dir / SW_NAME).read_text(encoding="utf-8")]
    if left:
        raise BundleError(f"{SW_NAME}: {', '.join(left)} not replaced (is each a global of the service worker's source?)")
    return build
