"""The calculator pages' runtime config: one JSON object per calculator page.

It carries the boot manifest's files (``tools/manifest.py``: URLs relative to the page, sizes)
and flags, the scripts' URLs and the time limits; the flags and limits come from ``mkdocs.yml``'s
``extra.calculators``. The page reads it from the ``data-config`` attribute of the element with
id ``CONFIG_ID`` (``web/page/config.js``: ``readConfig``, ``feature``). It rides on an attribute,
not in a ``<script type="application/json">``: Material's instant navigation re-runs the scripts
of a new page without their ``type``.
"""
from __future__ import annotations

import json
import re
from html import escape, unescape
from typing import Any, Callable, Mapping

from tools.manifest import boot_manifest, page_files
from tools.published import runner_path, worker_path

CONFIG_ID = "calc-config"

# Every measure that makes the calculator answer sooner, on by default; switching one off must
# leave a page that works, only slower (tests/test_config_flags.py). Scripts read them through
# feature(name) only (web/page/config.js; the worker's in web/worker/boot-state.js).
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
# Flags that shape the built pages: off in mkdocs.yml, their code is not on the page at all (no
# early-start script; no theme-later loader, the theme's bundle not held back). The others are
# read at run time, so that tests and the bench can switch them off in a page's config.
BUILD_FLAGS = ("early_start", "theme_later")

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


def page_config(link: Callable[[str], str], flags: Mapping[str, bool], limits: Mapping[str, int]) -> dict[str, Any]:
    """The config of one page: ``link`` makes a site path relative to that page. ``boot``: the
    boot manifest's files; ``worker``, ``runner``: the calculator worker's and the runner's
    scripts (the page loads the runner, and site.js again after instant navigation)."""
    manifest = boot_manifest(flags).data
    return {"root": link(""), "worker": link(worker_path()), "runner": link(runner_path()),
            "boot": page_files(manifest, link), "flags": dict(manifest["flags"]), "limits": dict(limits)}


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
