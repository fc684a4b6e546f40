"""The boot files of a built site, by role, from its boot manifest (``tools/manifest.py``): tests
name files by role, never by name (``tests/test_manifest.py`` greps for strays)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from tools.manifest import read_manifest


@lru_cache(maxsize=8)
def _manifest(site_dir: Path) -> dict[str, Any]:
    return read_manifest(site_dir)


def manifest(site) -> dict[str, Any]:
    """The manifest of ``site`` (a conftest.Site or a site folder)."""
    return _manifest(Path(getattr(site, "dir", site)))


def path(site, role: str, xz: bool = False) -> str:
    """The site path of ``role`` (its xz copy with ``xz``), e.g. ``pyodide/314.0.7/pyodide.asm.wasm``."""
    file = manifest(site)["files"][role]
    return (file["xz"] if xz else file)["path"]


def name(site, role: str, xz: bool = False) -> str:
    """The file name of ``role`` (its xz copy with ``xz``)."""
    return path(site, role, xz).rsplit("/", 1)[1]


def file(site, role: str, xz: bool = False) -> Path:
    """The file of ``role`` in the built site."""
    return Path(getattr(site, "dir", site)) / path(site, role, xz)


def route(site, role: str, xz: bool = False) -> str:
    """A Playwright URL pattern for the file of ``role``, wherever the site is served."""
    return "**/" + path(site, role, xz)


def route_every_copy(page, site, role: str, handler: Callable[[Any], None]) -> None:
    """Route every copy of ``role`` a boot may fetch to ``handler`` on a Playwright page: the
    file and its xz copy, if it has one (a test that keeps the runtime from starting must hold
    back both)."""
    for xz in (False, True) if "xz" in manifest(site)["files"][role] else (False,):
        page.route(route(site, role, xz), handler)


def sent(files: dict[str, int], site, role: str, xz: bool = False) -> int:
    """Bytes a paced link sent for ``role`` (``serve.Link.files_between``: request path -> bytes)."""
    wanted = "/" + path(site, role, xz)
    return sum(n for p, n in files.items() if p.split("?")[0] == wanted)
