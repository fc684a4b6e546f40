"""Where the Pyodide runtime is served from: a path that carries its version."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def pyodide_version() -> str:
    """The pinned Pyodide version (from the installed npm package, else package.json)."""
    installed = ROOT / "node_modules" / "pyodide" / "package.json"
    if installed.exists():
        return json.loads(installed.read_text())["version"]
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def runtime_path() -> str:
    """Site path of the runtime folder, e.g. ``pyodide/314.0.7/``."""
    return f"pyodide/{pyodide_version()}/"


def wasm_bytes() -> int:
    """Size of the runtime's wasm (the worker's download progress counts its decoded bytes)."""
    wasm = ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm"
    return wasm.stat().st_size if wasm.exists() else 0


def lock_path() -> str:
    """Site path of this build's lock file (its folder is named by the calculators' content)."""
    from tools.runtime import app_dir_name

    return f"{runtime_path()}{app_dir_name()}/pyodide-lock.json"


def stdlib_path() -> str:
    """Site path of the standard library precompiled to .pyc (named by what it is made from)."""
    from tools.runtime import stdlib_name

    return f"{runtime_path()}{stdlib_name()}"


def used_stdlib_path() -> str:
    """Site path of the part of the .pyc standard library the calculators import (beside the lock file)."""
    from tools.runtime import USED_STDLIB, app_dir_name

    return f"{runtime_path()}{app_dir_name()}/{USED_STDLIB}"


def snapshot_path() -> str:
    """Site path of this build's gzipped memory snapshot (beside the lock file)."""
    from tools.runtime import app_dir_name, snapshot_name

    return f"{runtime_path()}{app_dir_name()}/{snapshot_name()}"


WORKER_SOURCE = ROOT / "docs" / "assets" / "calc" / "worker.js"


def worker_path() -> str:
    """Site path of the calculator worker, named by its content (``assets/calc/worker.HASH.js``):
    a returning visit takes it from the cache without asking the server. The build writes it
    there (tools/mkdocs_hooks.py, ship_worker)."""
    digest = hashlib.sha256(WORKER_SOURCE.read_bytes()).hexdigest()[:8]
    return f"assets/calc/worker.{digest}.js"
