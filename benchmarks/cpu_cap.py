"""A phone's processor for the benchmark: every process of the browser under one CPU quota.

A reader's phone runs the same wasm three to five times slower than this desktop. The bench's
phone profiles start Chromium through a small wrapper script that moves itself into a cgroup (v1,
``cpu`` controller) with a quota of ``share`` of one CPU, then ``exec``s the browser: every process
the browser starts (renderer, its workers, the network service) inherits the cap. DevTools'
``Emulation.setCPUThrottlingRate`` is per target and does not reliably reach a page's dedicated
worker, where the calculators run; a quota does, and ``calibrate`` measures it there.

Needs root and a writable cgroup v1 ``cpu`` hierarchy (``/sys/fs/cgroup/cpu``), as on these machines.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

CPU_HIERARCHY = Path("/sys/fs/cgroup/cpu")
PERIOD_US = 100_000

# A page that times the same loop on its own thread and in a dedicated worker (the bench's
# calibration; served beside the stock page).
CALIBRATE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cpu</title>
<script type="module" src="calibrate.js"></script></head><body></body></html>"""
# The loop's median over seven runs (the first ones include compiling it), in milliseconds.
LOOP = """function loop() { const times = []; let x = 1;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    for (let i = 0; i < 20000000; i++) x = (x * 1103515245 + i) % 2147483647;
    times.push(performance.now() - t0);
  }
  self.__sink = x;
  return times.sort((a, b) => a - b)[3]; }"""
CALIBRATE_JS = LOOP + """
const worker = new Worker(new URL("calibrate-worker.js", import.meta.url), { type: "module" });
worker.onmessage = (e) => { window.__cpu = { page: loop(), worker: e.data }; };"""
CALIBRATE_WORKER = LOOP + "\nself.postMessage(loop());"


class CpuCapError(RuntimeError):
    """The quota cannot be set here; the message says why."""


class CpuCap:
    """A cgroup with a quota of ``share`` CPUs and a wrapper that starts ``executable`` in it."""

    def __init__(self, share: float, executable: str):
        if os.geteuid() != 0 or not (CPU_HIERARCHY / "cpu.cfs_quota_us").exists():
            raise CpuCapError(f"a phone profile needs root and a cgroup v1 cpu controller at {CPU_HIERARCHY}")
        self.share = share
        self.group = CPU_HIERARCHY / f"aod-bench-{os.getpid()}-{int(share * 100)}"
        self.group.mkdir(exist_ok=True)
        (self.group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
        (self.group / "cpu.cfs_quota_us").write_text(str(int(share * PERIOD_US)))
        self._dir = Path(tempfile.mkdtemp(prefix="cpu-cap-"))
        self.executable = str(self._dir / "chromium-capped")
        Path(self.executable).write_text(
            f'#!/bin/sh\necho $$ > {self.group / "cgroup.procs"}\nexec {executable} "$@"\n')
        os.chmod(self.executable, stat.S_IRWXU)

    def close(self) -> None:
        """Remove the wrapper and the group (once the browsers in it have exited)."""
        shutil.rmtree(self._dir, ignore_errors=True)
        try:
            self.group.rmdir()
        except OSError:
            pass  # a process still in it: the group goes when the machine restarts


def write_calibration_page(folder: Path) -> None:
    """The calibration page (``calibrate.html``) into ``folder`` of the bench's site."""
    (folder / "calibrate.html").write_text(CALIBRATE_HTML)
    (folder / "calibrate.js").write_text(CALIBRATE_JS)
    (folder / "calibrate-worker.js").write_text(CALIBRATE_WORKER)
