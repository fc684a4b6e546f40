"""Site paths of the runtime files pages load. The names are owned by ``tools/published.py``
(which the ship step writes the files under); this module re-exports them for the macros."""
from __future__ import annotations

from tools.published import (ROOT, lock_path, pyodide_version, runner_path, runtime_path, snapshot_path,
                             stdlib_path, used_stdlib_path, used_stdlib_xz_path, wasm_bytes, wasm_xz_path, worker_path,
                             xz_decoder_path)

__all__ = ["ROOT", "lock_path", "pyodide_version", "runner_path", "runtime_path", "snapshot_path",
           "stdlib_path", "used_stdlib_path", "used_stdlib_xz_path", "wasm_bytes", "wasm_xz_path", "worker_path", "xz_decoder_path"]
