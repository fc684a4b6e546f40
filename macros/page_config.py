"""The calculator pages' runtime config: one JSON object per calculator page.

It carries the boot URLs (assembled here, once), a switch for every load-speed measure and the
time limits, from ``mkdocs.yml``'s ``extra.calculators``. The page reads it from the
``data-config`` attribute of the element with id ``CONFIG_ID`` (``web/page/launch.js``,
``readConfig``). It rides on an attribute, not in a ``<script type="application/json">``:
Material's instant navigation re-runs the scripts of a new page without their ``type``.
"""
from __future__ import annotations

import json
import re
from html import escape, unescape
from typing import Any, Mapping

CONFIG_ID = "calc-config"

# Every measure that makes the calculator answer sooner, on by default; switching one off must
# leave a page that works, only slower (tests/test_config_flags.py).
FLAGS: dict[str, str] = {
    "early_start": "start the Python worker from an inline script while the page is still parsed",
    "theme_later": "run the theme's bundle only after Python's first answer",
    "snapshot": "boot from the build's memory snapshot (otherwise the .pyc standard library)",
    "compile_ahead": "compile the wasm in the worker while the snapshot downloads",
    "prefetch": "fetch the lock file (and, for a .pyc boot, the standard library) as the boot starts",
    "wasm_from_page": "on a returning visit, compile the wasm on the page from its offline copy",
    "stdlib_later": "after a snapshot boot, fetch the standard library only after the first answer",
    "stdlib_on_demand": "fetch the whole standard library only if a module outside the boot's is imported",
    "boot_by_speed": "on a first visit over a slow link, boot with the used part of the .pyc standard library "
                     "instead of downloading the snapshot",
    "xz": "on a first visit over a slow link, download the runtime's wasm and the used .pyc standard library "
          "xz-compressed (a quarter and a third fewer bytes) and inflate them in the worker as they arrive",
    "gc_freeze": "move start-up objects out of the cyclic collector's reach (gc.freeze)",
    "service_worker_later": "register the service worker only after the first answer",
    "warm_up": "after a first visit, compile the stored runtime's modules once in a short-lived worker",
}

# Milliseconds. A boot during which nothing has arrived (no bytes, no boot step) for
# boot_stall_ms, or a run with no reply by run_ms, is reported as a failure: the boot limit judges
# progress, not total time (on a slow link the download alone can take minutes); boot_slow_ms is
# when the page says it is still loading.
LIMITS: dict[str, int] = {"boot_stall_ms": 20000, "boot_slow_ms": 12000, "run_ms": 15000}


class ConfigError(ValueError):
    """An unknown or mistyped setting under ``extra.calculators``."""


def settings(extra: Mapping[str, Any] | None) -> tuple[dict[str, bool], dict[str, int]]:
    """Flags and limits from ``extra.calculators`` (each defaults to the values above)."""
    section = dict((extra or {}).get("calculators") or {})
    unknown = set(section) - {"flags", "limits"}
    flags = dict(FLAGS.fromkeys(FLAGS, True), **(section.get("flags") or {}))
    limits = dict(LIMITS, **(section.get("limits") or {}))
    unknown |= {f"flags.{k}" for k in set(flags) - set(FLAGS)} | {f"limits.{k}" for k in set(limits) - set(LIMITS)}
    if unknown:
        raise ConfigError(f"extra.calculators: unknown settings {sorted(unknown)}; flags: {sorted(FLAGS)}, "
                          f"limits: {sorted(LIMITS)}")
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise ConfigError(f"extra.calculators.flags.{name}: must be true or false, got {value!r}")
    for name, value in limits.items():
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"extra.calculators.limits.{name}: must be a positive whole number, got {value!r}")
    return flags, limits


def page_config(*, root: str, worker: str, runner: str, runtime: str, lock: str, stdlib: str, snapshot: str,
                stdlib_used: str, stdlib_used_xz: str, wasm_xz: str, xz_decoder: str, wasm_bytes: int, flags: Mapping[str, bool],
                limits: Mapping[str, int]) -> dict[str, Any]:
    """The config of one page; every URL is relative to that page. ``wasm_bytes``: the wasm's
    size, for the download progress (the browser counts its bytes decoded). ``runner``: the
    calculator runner's script (the page loads it, and site.js again after instant navigation)."""
    return {"root": root, "worker": worker, "runner": runner,
            "boot": {"runtime": runtime, "lock": lock, "stdlib": stdlib, "snapshot": snapshot,
                     "stdlib_used": stdlib_used, "stdlib_used_xz": stdlib_used_xz, "wasm_xz": wasm_xz,
                     "xz_decoder": xz_decoder},
            "sizes": {"wasm": wasm_bytes}, "flags": dict(flags), "limits": dict(limits)}


def config_html(config: Mapping[str, Any]) -> str:
    """The element the page reads its config from."""
    data = escape(json.dumps(config, ensure_ascii=False, separators=(",", ":")))
    return f'<div id="{CONFIG_ID}" hidden data-config="{data}"></div>'


def read_config(html: str) -> dict[str, Any]:
    """The config of a built page (for tests and the benchmark)."""
    match = re.search(rf'<div id="{CONFIG_ID}"[^>]*? data-config="([^"]*)"', html)
    if not match:
        raise LookupError("no calculator config on this page")
    return json.loads(unescape(match.group(1)))


def replace_config(html: str, change: Mapping[str, Mapping[str, Any]]) -> str:
    """``html`` with its config's sections updated (e.g. ``{"flags": {"snapshot": False}}``):
    how tests and the benchmark switch a measure off without a build of their own."""
    config = read_config(html)
    for section, values in change.items():
        config[section] = dict(config[section], **values)
    start = html.index(f'<div id="{CONFIG_ID}"')
    end = html.index("</div>", start) + len("</div>")
    return html[:start] + config_html(config) + html[end:]
