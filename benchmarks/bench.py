"""Load and calculator speed in headless Chromium, stock Pyodide side by side (``make bench``).

Builds the site, adds a minimal stock-Pyodide page (the npm runtime files as shipped), serves
it with tools/serve.py and measures it under network profiles: loopback, and links paced on the
server side (``serve.Link``: a fixed delay per request, every body through one shared token
bucket; gzip and cache headers as a production host sends them). Per profile, the variants are
interleaved in every round:

- stock: navigation start -> bare ``loadPyodide()`` resolved in a module worker (npm files);
- site:  navigation start -> ``data-calc-band`` set on the instructor-offer page opened from a shared
         link (the site's boot: snapshot, falling back to .pyc);
- pyc:   the same with the snapshot switched off (the .pyc boot alone), for reference (loopback);
each cold (a fresh browser profile, started SETTLE_S before the visit) and warm (same profile,
second visit), driven directly over the DevTools protocol (benchmarks/cdp.py: no automation
framework attached to the page's workers; ``--driver playwright`` runs them through Playwright
instead). Every visit also counts, at the server, the body bytes sent before its first result and
in the whole visit (until the page has stored its offline copies and the link has been quiet
for QUIET_S, at most WHOLE_VISIT_S). Then, once, on loopback, through Playwright:
- recalc:       input event -> result updated in the DOM, p50/p95 over 100 changes;
- longest_task: the longest main-thread task (Long Tasks API) while the calculator page boots;
- bytes:        what a cold visit of a guide page transfers (on the wire, raw, gzipped).
Prints a table per profile with the budgets (pass/fail) and writes
benchmarks/results/bench-DATE.json (and latest.json, latest.txt).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import calculators  # noqa: E402
from calculators.urlstate import encode  # noqa: E402
from benchmarks import cdp  # noqa: E402
from benchmarks.cpu_cap import CpuCap, CpuCapError, write_calibration_page  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port  # noqa: E402
from macros.page_config import replace_config  # noqa: E402
from tools import serve  # noqa: E402
from tools.manifest import read_manifest  # noqa: E402
from tools.published import LOADER, NPM_LOCK, NPM_STDLIB, RUNTIME_JS, WASM  # noqa: E402
from tools.runtime import pyodide_version  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SLUG = "instructor-offer"
CALC_PATH = f"calculators/{SLUG}/"
GUIDE_PATH = "titles-and-tracks/instructor-offers/"
READY_INFO = "performance.getEntriesByName('calc:ready')[0].detail"  # the worker's boot report
BARE_DIR = "bench-bare"  # minimal stock page; its runtime copy sits under pyodide/ (same cache headers)
NPM_FILES = (LOADER, RUNTIME_JS, WASM, NPM_STDLIB, NPM_LOCK)  # the stock page's runtime, as npm ships it
BAND = "[data-calc-result][data-calc-band]"
IMAGES = (".png", ".svg", ".jpg", ".jpeg", ".webp", ".ico", ".gif")
# A freshly started Chromium spends its first second or so on its own start-up, even headless
# (it preloads its omnibox popup's WebUI in a renderer of its own): a timed visit waits this long
# after the launch, as a reader's browser is already running when a shared link is opened.
SETTLE_S = 3
WHOLE_VISIT_S = 60  # a visit's bytes are counted for at most this long after navigation
QUIET_S = 3  # ... or until the link has been idle this long (after the page's offline copies)
MB = 1_000_000
# A phone's processor (the phone profiles): every browser process under a quota of this share of
# one CPU (benchmarks/cpu_cap.py); calibrated to slow a loop in the calculators' dedicated worker
# about four times, as Lighthouse's mobile preset slows a page (the bench reports the factor).
PHONE_CPU = 0.25
BYTE_BUDGETS = {"before_first_result": 5.0 * MB, "whole_cold_visit": 7.0 * MB}


@dataclass(frozen=True)
class Profile:
    """A network: loopback (``mbit`` None) or one paced link, on this machine's processor or (``cpu``,
    a share of one CPU) a phone's; ``cold_budget`` is the most the site's cold first result may
    take as a share of stock Pyodide's on the same link and processor."""
    name: str
    mbit: float | None
    delay_s: float
    rounds: int
    cold_budget: float | None = None
    cpu: float | None = None

    def link(self) -> serve.Link:
        return serve.Link(self.mbit * 1e6 if self.mbit else float("inf"), self.delay_s)

    def describe(self) -> str:
        link = f"{self.mbit:g} Mbit/s, {self.delay_s * 1000:g} ms" if self.mbit else "loopback"
        return link + (f", browser capped at {self.cpu:g} CPU (a phone's processor)" if self.cpu else "")

    def floor_ms(self, wasm_gzip: int) -> float | None:
        """The physical floor: one round trip and the wasm's gzipped bytes at the link's speed."""
        return None if not self.mbit else 1000 * (self.delay_s + wasm_gzip * 8 / (self.mbit * 1e6))


PROFILES = {p.name: p for p in (
    Profile("loopback", None, 0.0, 5, 0.30),
    Profile("10mbit", 10, 0.040, 3, 0.60),  # a good home or hospital Wi-Fi
    Profile("1.6mbit", 1.6, 0.150, 2, 0.75),  # Lighthouse's "slow 4G"; about 2 minutes a round
    Profile("phone", None, 0.0, 3, cpu=PHONE_CPU),  # loopback, on a phone's processor (no budget)
    Profile("phone-10mbit", 10, 0.040, 3, 0.60, cpu=PHONE_CPU),
)}


def profile_arg(text: str) -> Profile:
    """A known profile's name, or MBIT:DELAY_MS for another link (2 rounds, no budget)."""
    if text in PROFILES:
        return PROFILES[text]
    try:
        mbit, delay = (float(x) for x in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: one of {', '.join(PROFILES)} or MBIT:DELAY_MS") from None
    return Profile(text, mbit, delay / 1000, 2)


@dataclass(frozen=True)
class Variant:
    """What a visit loads: the stock page, or the calculator page as built or with measures of
    its runtime config changed (``flags``: a copy of the page at ``calculators/SLUG-NAME/``, the
    same depth, so its relative URLs hold; add_variant_pages)."""
    name: str
    flags: tuple[tuple[str, bool], ...] = ()
    stock: bool = False

    @property
    def path(self) -> str:
        return f"calculators/{SLUG}-{self.name}/" if self.flags else CALC_PATH


VARIANTS = {v.name: v for v in (
    Variant("stock", stock=True),
    Variant("site"),
    # one measure switched at a time (macros/page_config.py)
    Variant("snapshot", (("boot_by_speed", False),)),  # the snapshot whatever the link
    Variant("stdlib-eager", (("stdlib_on_demand", False),)),  # the whole stdlib after the first answer
    Variant("pyc", (("snapshot", False),)),  # the .pyc boot (used stdlib) whatever the link
    Variant("no-xz", (("xz", False),)),  # the wasm and the used stdlib as the host sends them, never their xz copies
)}
# other profiles: stock and site. On a phone's processor at 10 Mbit/s, the snapshot whatever the
# link too: the path the link chooses there (.pyc) against the one that saves the processor.
DEFAULT_VARIANTS = {"loopback": ("stock", "site", "pyc"), "phone-10mbit": ("stock", "site", "snapshot")}

BARE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare Pyodide</title>
<script type="module" src="bare.js"></script></head><body><p id="status">booting</p></body></html>"""
BARE_JS = """const w = new Worker(new URL("bare-worker.js", import.meta.url), {type: "module"});
w.onmessage = (e) => { window.__ready = performance.now(); document.getElementById("status").textContent = e.data; };"""
BARE_WORKER = """const base = new URL("../pyodide/npm-%s/", self.location.href).href;
const { loadPyodide } = await import(base + %s);
const py = await loadPyodide();
self.postMessage("ready " + py.runPython("1 + 1"));""" % (pyodide_version(), json.dumps(LOADER))

# Installed before any page script: when data-calc-band first appears, and the longest main-thread task.
PROBE = """
window.__longest = 0;
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
    .observe({ type: "longtask", buffered: true });
} catch (e) {}
new MutationObserver((muts, obs) => {
  if (document.querySelector("[data-calc-result][data-calc-band]")) { window.__band = performance.now(); window.__longestAtBand = window.__longest; obs.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-calc-band"] });
"""
# The first result's time, or -1 once the page has given up (its failure notice).
BAND_OR_FAILED = "window.__band || (document.querySelector('[data-calc-result][data-calc-state=\"error\"]') ? -1 : 0)"

RECALC = """async ([n]) => {
  const form = document.querySelector("form[data-calc-form]");
  const out = document.querySelector("[data-calc-result] .calc-output");
  const input = form.querySelector('[name="promoted_examples"]');
  const times = [];
  for (let i = 0; i < n; i++) {
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
      obs.observe(out, { subtree: true, childList: true, characterData: true });
    });
    input.value = String((Number(input.value) % 9) + 1); // always a different value
    const t0 = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await changed) - t0);
  }
  return times;
}"""


def stats(values: list[float]) -> dict:
    values = sorted(values)
    return {"median": round(statistics.median(values), 1), "min": round(values[0], 1),
            "max": round(values[-1], 1), "n": len(values), "all": [round(v, 1) for v in values]}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return round(values[lo] + (values[hi] - values[lo]) * (k - lo), 2)


def add_variant_pages(site: Path) -> None:
    """The calculator page again for each variant that switches measures: its runtime config
    changed, the site's own boot as built otherwise."""
    html = (site / CALC_PATH / "index.html").read_text(encoding="utf-8")
    for variant in VARIANTS.values():
        if variant.flags:
            (site / variant.path).mkdir(parents=True, exist_ok=True)
            (site / variant.path / "index.html").write_text(
                replace_config(html, {"flags": dict(variant.flags)}), encoding="utf-8")


def add_bare_page(site: Path) -> None:
    """The stock page: npm's files, byte for byte, and a module worker calling loadPyodide()."""
    runtime = site / "pyodide" / f"npm-{pyodide_version()}"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in NPM_FILES:
        shutil.copy2(ROOT / "node_modules" / "pyodide" / name, runtime / name)
    page = site / BARE_DIR
    page.mkdir(exist_ok=True)
    (page / "index.html").write_text(BARE_HTML)
    (page / "bare.js").write_text(BARE_JS)
    (page / "bare-worker.js").write_text(BARE_WORKER)
    write_calibration_page(page)


class PlaywrightChromium:
    """cdp.Chromium's interface over Playwright (``--driver playwright``, for comparison)."""

    def __init__(self, playwright, profile: str, executable: str = CHROMIUM):
        self._ctx = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True)

    def new_page(self) -> PlaywrightPage:
        return PlaywrightPage(self._ctx.new_page())

    def close(self) -> None:
        self._ctx.close()


class PlaywrightPage:
    """cdp.Page's interface over a Playwright page."""

    def __init__(self, page):
        self._page = page
        self.add_init_script = page.add_init_script
        self.close = page.close

    def goto(self, url: str) -> None:
        self._page.goto(url, wait_until="commit")

    def evaluate(self, expression: str, timeout: float = 60):
        return self._page.evaluate(expression)

    def wait_for(self, expression: str, timeout: float = 120):
        from playwright.sync_api import Error  # a page between documents while navigating

        return cdp.poll(lambda: self._page.evaluate(expression), expression, timeout, Error)


@dataclass
class Visit:
    """One page visit: first result (ms; None when the page gave up), body bytes sent before it
    and in the whole visit, and what the page reported about its boot."""
    ms: float | None
    before: int
    whole: int
    mode: str = ""
    steps: dict | None = None
    longest: float | None = None
    files: dict | None = None  # bytes per path, kept for the first cold visit of the site


class Bench:
    def __init__(self, playwright, base: str, site: Path, server, driver: str):
        self.pw = playwright
        self.base = base
        self.site = site
        self.server = server
        self.driver = driver
        inputs = dict(calculators.get(SLUG).example("yellow").inputs)
        self.shared_query = encode(calculators.get(SLUG), calculators.run(SLUG, inputs)["inputs"])

    @property
    def link(self) -> serve.Link:
        return self.server.link

    def profile(self, tmp: Path):
        """A fresh Playwright browser profile, for the untimed measurements."""
        return self.pw.chromium.launch_persistent_context(
            str(tmp), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

    def browser(self, tmp: Path, cap: CpuCap | None = None):
        """A fresh browser profile (disk cache, code cache, service workers of its own) for the
        timed runs, driven by the chosen driver, once the browser's own start-up is over; under
        ``cap``'s CPU quota if given (its start-up then takes longer too)."""
        executable = cap.executable if cap else CHROMIUM
        if self.driver == "playwright":
            browser = PlaywrightChromium(self.pw, str(tmp), executable)
        else:
            browser = cdp.Chromium(executable, str(tmp), CHROMIUM_ARGS)
        time.sleep(SETTLE_S / cap.share if cap else SETTLE_S)
        return browser

    def calibrate(self, cap: CpuCap | None) -> dict:
        """Milliseconds of one loop on the page's thread and in a dedicated worker."""
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            browser = self.browser(Path(tmp), cap)
            try:
                page = browser.new_page()
                page.goto(self.base + BARE_DIR + "/calibrate.html")
                return page.wait_for("window.__cpu", timeout=120)
            finally:
                browser.close()

    def visit(self, browser, variant: Variant, timeout: float, cold: bool, keep_files: bool = False) -> Visit:
        """Open the stock page or the calculator page from a shared link; wait for the first
        result (or the page's failure notice), then for its after-boot work and, on a first
        visit, for a quiet link (a returning visit is counted until its page closes)."""
        page = browser.new_page()
        started = time.monotonic()
        if variant.stock:
            page.goto(self.base + BARE_DIR + "/")
            ms = page.wait_for("window.__ready", timeout=timeout)
            info = {}
            longest = None
        else:
            page.add_init_script(PROBE)
            page.goto(self.base + variant.path + "?" + self.shared_query)
            ms = page.wait_for(BAND_OR_FAILED, timeout=timeout)
            info = page.evaluate(f"({READY_INFO}) || {{}}") if ms > 0 else {}
            longest = page.evaluate("window.__longestAtBand") if ms > 0 else None
            if ms > 0:
                self.wait_offline_copies(page, timeout)
        ms = ms if ms > 0 else None
        before = self.link.sent_between(started, started + ms / 1000) if ms else 0
        ended = self.wait_quiet(started) if cold else time.monotonic()
        files = self.link.files_between(started, ended) if keep_files else None
        page.close()
        return Visit(ms, before, self.link.sent_between(started, ended), info.get("mode", ""),
                     info.get("steps"), longest, files)

    def wait_quiet(self, started: float) -> float:
        """When the visit's bytes are all counted: the link idle for QUIET_S, or WHOLE_VISIT_S
        after navigation, whichever comes first (returns that time.monotonic())."""
        end = started + WHOLE_VISIT_S
        while (now := time.monotonic()) < end:
            if now - max(self.link.last_sent(), started) >= QUIET_S:
                return now
            time.sleep(0.1)
        return end

    def wait_offline_copies(self, page, timeout: float = 30) -> None:
        """Let the page finish its after-boot work, as a returning reader's first visit did: the
        service worker keeps the runtime and the page marks itself ready offline
        (``<html data-offline="ready">``, after the stored runtime's modules are compiled once)."""
        end = time.time() + timeout
        try:
            page.wait_for("document.documentElement.dataset.offline === 'ready'", timeout=timeout)
        except cdp.DriverError:  # no service worker here: the cache check below decides
            pass
        script = """(async () => {
          const used = new Set((%s.urls || []).filter((u) => u.includes("/pyodide/")));
          if (!(await caches.has("aod-runtime"))) return false;
          const held = new Set((await (await caches.open("aod-runtime")).keys()).map((r) => r.url));
          return [...used].every((u) => held.has(u)); })()""" % READY_INFO
        while time.time() < end:
            if page.evaluate(script):
                time.sleep(0.5)  # let the cache writes settle
                return
            time.sleep(0.3)

    def bytes_for(self, path: str) -> dict:
        """Cold visit of one page in a fresh profile: bytes per file, wire / raw / gzip."""
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            ctx = self.profile(Path(tmp))
            seen: dict[str, int] = {}

            def finished(request):
                try:
                    sizes = request.sizes()
                except Exception:  # noqa: BLE001 - a request the browser dropped
                    return
                seen[request.url] = seen.get(request.url, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]

            ctx.on("requestfinished", finished)
            page = ctx.new_page()
            page.goto(self.base + path)
            page.wait_for_load_state("networkidle")
            time.sleep(2)
            page.close()
            ctx.close()
        rows = {}
        for url, wire in seen.items():
            rel = urlsplit(url).path.lstrip("/")
            file = self.site / rel
            if file.is_dir() or rel == "" or rel.endswith("/"):
                file = file / "index.html"
            data = file.read_bytes() if file.is_file() else b""
            rows[rel or "/"] = {"wire": wire, "raw": len(data), "gzip": len(gzip.compress(data, 6, mtime=0))}
        total = {k: sum(r[k] for r in rows.values()) for k in ("wire", "raw", "gzip")}
        no_images = {k: sum(r[k] for p, r in rows.items() if not p.endswith(IMAGES)) for k in ("wire", "raw", "gzip")}
        runtime = [p for p in rows if p.startswith("pyodide/")]
        return {"total": total, "without_images": no_images, "requests": len(rows), "runtime_files": runtime,
                "files": rows}

    def recalc(self, n: int) -> list[float]:
        """Input event -> result updated, ``n`` times on one page whose boot is over."""
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            ctx = self.profile(Path(tmp))
            page = ctx.new_page()
            page.add_init_script(PROBE)
            page.goto(self.base + CALC_PATH + "?" + self.shared_query)
            page.wait_for_selector(BAND, state="attached", timeout=120000)
            self.wait_offline_copies(PlaywrightPage(page))  # the background copy of the runtime is done
            page.evaluate(RECALC, [10])  # warm-up
            times = page.evaluate(RECALC, [n])
            ctx.close()
        return times


def run_profile(bench: Bench, profile: Profile, variants: list[Variant], rounds: int,
                cap: CpuCap | None = None) -> dict:
    """Every variant cold and warm, ``rounds`` times, interleaved; raw visits per variant."""
    bench.server.link = profile.link()
    timeout = (60 if profile.mbit is None else 240) * (3 if cap else 1)
    visits: dict[str, dict[str, list[Visit]]] = {v.name: {"cold": [], "warm": []} for v in variants}
    for r in range(rounds):
        order = variants[r % len(variants):] + variants[:r % len(variants)]  # rotate who goes first
        for variant in order:
            with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
                browser = bench.browser(Path(tmp), cap)
                try:
                    first = not visits[variant.name]["cold"] and not variant.stock
                    cold = bench.visit(browser, variant, timeout, cold=True, keep_files=first)
                    warm = bench.visit(browser, variant, timeout, cold=False) if cold.ms else None
                finally:
                    browser.close()
            visits[variant.name]["cold"].append(cold)
            if warm:
                visits[variant.name]["warm"].append(warm)
            show = lambda v: "failed" if not v or not v.ms else f"{v.ms:.0f} ms ({v.before / MB:.2f} MB, visit {v.whole / MB:.2f} MB)"  # noqa: E731
            print(f"  {profile.name} round {r + 1}/{rounds} {variant.name}: cold {show(cold)}, warm {show(warm)}", flush=True)
    return visits


def summarize(profile: Profile, visits: dict[str, dict[str, list[Visit]]], wasm_gzip: int) -> dict:
    """Medians per variant and the ratios to stock Pyodide on the same link."""
    out: dict = {"link": profile.describe(), "mbit": profile.mbit, "delay_ms": profile.delay_s * 1000,
                 "floor_ms": profile.floor_ms(wasm_gzip), "variants": {}}
    for name, by_kind in visits.items():
        row: dict = {}
        for kind, list_ in by_kind.items():
            done = [v for v in list_ if v.ms]
            row[kind] = {"failed": len(list_) - len(done)}
            if done:
                row[kind].update(ms=stats([v.ms for v in done]),
                                 before=round(statistics.median(v.before for v in done)),
                                 whole=round(statistics.median(v.whole for v in done)),
                                 modes=sorted({v.mode for v in done if v.mode}))
            if kind == "cold" and done and done[0].longest is not None:
                row["longest_task"] = stats([v.longest for v in done])
            if kind == "cold" and list_ and list_[0].files:
                row["cold_files"] = list_[0].files
            row[kind]["steps"] = [v.steps for v in done if v.steps]
        out["variants"][name] = row

    def median(name: str, kind: str) -> float | None:
        row = out["variants"].get(name, {}).get(kind, {})
        return row["ms"]["median"] if "ms" in row else None

    stock_cold, stock_warm = median("stock", "cold"), median("stock", "warm")
    ratios = {}
    for name in out["variants"]:
        if name == "stock" or not stock_cold:
            continue
        cold, warm = median(name, "cold"), median(name, "warm")
        ratios[name] = {"cold": cold and round(cold / stock_cold, 3),
                        "warm_to_stock_cold": warm and round(warm / stock_cold, 3),
                        "warm": warm and stock_warm and round(warm / stock_warm, 3)}
    out["ratios"] = ratios
    if out["floor_ms"] and stock_cold:
        out["floor_ratio"] = round(out["floor_ms"] / stock_cold, 3)
    return out


def budgets(report: dict) -> list[dict]:
    """The issue-15 and loopback budgets: what was measured and whether it holds (None: not run)."""
    rows = []

    def add(name: str, measured: str, ok: bool | None) -> None:
        rows.append({"budget": name, "measured": measured, "ok": ok})

    for name, prof in report["profiles"].items():
        limit = PROFILES[name].cold_budget if name in PROFILES else None
        ratio = prof["ratios"].get("site", {})
        site = prof["variants"].get("site", {})
        if limit is not None:
            cold = ratio.get("cold")
            failed = site.get("cold", {}).get("failed", 0)
            add(f"{name}: site cold first result <= {limit:.2f} x stock cold", "page gave up" if cold is None
                else f"{cold:.3f}" + (f" ({failed} failed)" if failed else ""), cold is not None and cold <= limit and not failed)
        if name == "loopback":
            warm = ratio.get("warm_to_stock_cold")
            add("loopback: site warm first result <= 0.20 x stock cold", f"{warm}", warm is not None and warm <= 0.20)
            longest = site.get("longest_task", {}).get("median")
            add("loopback: longest main-thread task while booting <= 100 ms (median)", f"{longest} ms",
                longest is not None and longest <= 100)
        cold = site.get("cold", {})
        if "before" in cold and prof.get("mbit"):  # paced links, where bytes cost time
            add(f"{name}: bytes sent before the first result <= 5.0 MB", f"{cold['before'] / MB:.2f} MB",
                cold["before"] <= BYTE_BUDGETS["before_first_result"])
            add(f"{name}: bytes of the whole cold visit <= 7 MB (counted <= {WHOLE_VISIT_S} s)",
                f"{cold['whole'] / MB:.2f} MB", cold["whole"] <= BYTE_BUDGETS["whole_cold_visit"])
    if "recalc" in report:
        add("recalc p95 <= 16 ms", f"{report['recalc']['p95']} ms", report["recalc"]["p95"] <= 16)
    if "guide_bytes" in report:
        g = report["guide_bytes"]
        add("guide page cold visit <= 150 KB gzipped (images aside)", f"{g['without_images']['gzip'] / 1000:.0f} KB",
            g["without_images"]["gzip"] <= 150_000)
        add("guide page loads no runtime", ", ".join(g["runtime_files"]) or "none", not g["runtime_files"])
    return rows


class LoadWatch:
    """The machine's 1-minute load average, sampled every 10 s while the bench runs (the machine
    is shared: a loaded one slows both sides, not always alike)."""

    def __init__(self):
        self.samples: list[float] = [os.getloadavg()[0]]
        self._stop = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self._stop.wait(10):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> None:
        self._stop.set()

    def summary(self) -> dict:
        return {"min": round(min(self.samples), 2), "median": round(statistics.median(self.samples), 2),
                "max": round(max(self.samples), 2), "samples": len(self.samples)}


def run(profiles: list[Profile], variant_names: list[str] | None, rounds: int | None, recalc_n: int,
        driver: str) -> dict:
    from playwright.sync_api import sync_playwright

    RESULTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.time()
    done = build_site(work / "site", base)
    build_s = round(time.time() - started, 1)
    if done.returncode:
        sys.exit("mkdocs build --strict failed:\n" + done.stdout[-3000:] + done.stderr[-3000:])
    site = work / "site"
    add_bare_page(site)
    add_variant_pages(site)
    server = serve.start(site, port)
    serve.precompress(site)  # the server gzips each file once: do it before measuring
    wasm_gzip = len(serve.gzipped(str(site / read_manifest(site)["files"]["wasm"]["path"])))
    report: dict = {"profiles": {}, "rounds": {}}
    load = LoadWatch()
    try:
        with sync_playwright() as pw:
            bench = Bench(pw, base, site, server, driver)
            uncapped = None
            for profile in profiles:
                names = variant_names or DEFAULT_VARIANTS.get(profile.name, ("stock", "site"))
                n = rounds or profile.rounds
                print(f"{profile.name} ({profile.describe()}): {', '.join(names)}, {n} rounds", flush=True)
                cap = CpuCap(profile.cpu, CHROMIUM) if profile.cpu else None
                try:
                    if cap:  # how much slower the quota makes the page's thread and its worker
                        uncapped = uncapped or bench.calibrate(None)
                        capped = bench.calibrate(cap)
                        factor = {k: round(capped[k] / uncapped[k], 2) for k in ("page", "worker")}
                        print(f"  processor: a loop {factor['page']}x slower on the page, {factor['worker']}x "
                              "in its worker", flush=True)
                    visits = run_profile(bench, profile, [VARIANTS[v] for v in names], n, cap)
                finally:
                    if cap:
                        cap.close()
                report["profiles"][profile.name] = summarize(profile, visits, wasm_gzip)
                if cap:
                    report["profiles"][profile.name]["cpu"] = {"share": profile.cpu, "slower": factor,
                                                               "loop_ms": {"capped": capped, "uncapped": uncapped}}
                report["rounds"][profile.name] = n
            server.link = None
            if any(p.name == "loopback" for p in profiles):
                times = bench.recalc(recalc_n)
                report["recalc"] = {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95),
                                    "max": round(max(times), 2), "n": len(times)}
                report["guide_bytes"] = bench.bytes_for(GUIDE_PATH)
    finally:
        server.shutdown()
        load.stop()
    browser_version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    report.update({
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"cores": os.cpu_count(), "os": platform.platform(), "chromium": browser_version,
                    "load_average_at_end": os.getloadavg(), "load_average_1min": load.summary()},
        "pyodide": pyodide_version(), "driver": driver, "build_seconds": build_s,
        "wasm_gzip_bytes": wasm_gzip, "minutes": round((time.time() - started) / 60, 1),
    })
    report["budgets"] = budgets(report)
    return report


def table(report: dict) -> str:
    ms = lambda row: f"{row['ms']['median']:.0f}" if "ms" in row else "failed"  # noqa: E731
    lines = [f"Benchmark {report['date']} | Pyodide {report['pyodide']} | Chromium {report['machine']['chromium']} | "
             f"{report['machine']['cores']} cores | timed runs driven by {report['driver']} | "
             f"{report['minutes']} min", ""]
    head = (f"{'profile':12} {'variant':8} {'cold ms':>8} {'range':>15} {'warm ms':>8} {'ratio':>6} "
            f"{'warm/stock':>10} {'before 1st':>10} {'cold visit':>10}  boot")
    lines += [head, "-" * len(head)]
    for name, prof in report["profiles"].items():
        for variant, row in prof["variants"].items():
            cold, warm = row["cold"], row.get("warm", {})
            span = f"{cold['ms']['min']:.0f}-{cold['ms']['max']:.0f}" if "ms" in cold else ""
            ratio = prof["ratios"].get(variant, {})
            fails = f" ({cold['failed']} failed)" if cold.get("failed") else ""
            lines.append(
                f"{name:12} {variant:8} {ms(cold):>8} {span:>15} {ms(warm) if warm else '':>8} "
                f"{ratio.get('cold') or '':>6} {ratio.get('warm') or '':>10} "
                f"{cold.get('before', 0) / MB:>8.2f}MB {cold.get('whole', 0) / MB:>8.2f}MB  "
                f"{','.join(cold.get('modes', []))}{fails}")
        if prof.get("floor_ms"):
            lines.append(f"{name:12} {'floor':8} {prof['floor_ms']:>8.0f} {'':>15} {'':>8} {prof.get('floor_ratio', ''):>6}"
                         f"   (one round trip + the wasm's {report['wasm_gzip_bytes'] / MB:.2f} MB gzipped on {prof['link']})")
    if "recalc" in report:
        r = report["recalc"]
        lines += ["", f"recalc p50 / p95 (n={r['n']}): {r['p50']:.1f} / {r['p95']:.1f} ms (max {r['max']:.1f})"]
    if "guide_bytes" in report:
        t, w = report["guide_bytes"]["total"], report["guide_bytes"]["without_images"]
        lines.append(f"guide page, cold: wire {t['wire'] / 1000:,.0f} KB, raw {t['raw'] / 1000:,.0f} KB, gzip "
                     f"{t['gzip'] / 1000:,.0f} KB (no images: gzip {w['gzip'] / 1000:,.0f} KB)")
    for name, prof in report["profiles"].items():
        if "cpu" in prof:
            slower = prof["cpu"]["slower"]
            lines.append(f"{name}: browser capped at {prof['cpu']['share']:g} CPU: a loop {slower['page']}x slower "
                         f"on the page, {slower['worker']}x in its dedicated worker")
    load = report["machine"].get("load_average_1min")
    if load:
        lines.append(f"load average (1 min) while it ran: median {load['median']}, {load['min']}-{load['max']} "
                     f"({load['samples']} samples, {report['machine']['cores']} cores)")
    lines += ["", "budgets:"]
    lines += [f"  [{'ok' if b['ok'] else 'FAIL' if b['ok'] is False else '--'}] {b['budget']}: {b['measured']}"
              for b in report["budgets"]]
    lines += ["", f"site build {report['build_seconds']} s"]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=lambda s: [profile_arg(x) for x in s.split(",")],
                        default=list(PROFILES.values()),
                        help=f"comma-separated: {', '.join(PROFILES)} or MBIT:DELAY_MS (default: all)")
    parser.add_argument("--variants", type=lambda s: s.split(","), default=None,
                        help=f"comma-separated, of {', '.join(VARIANTS)} (default: stock,site,pyc on loopback, "
                             "stock,site elsewhere)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="cold+warm rounds per variant and profile (default: " +
                             ", ".join(f"{p.name} {p.rounds}" for p in PROFILES.values()) + ")")
    parser.add_argument("--recalc", type=int, default=100, help="input changes for recalc (default 100)")
    parser.add_argument("--driver", choices=("cdp", "playwright"), default="cdp",
                        help="what drives the timed runs: the DevTools protocol directly (default) or Playwright")
    args = parser.parse_args(argv)
    unknown = [v for v in args.variants or () if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}: choose from {', '.join(VARIANTS)}")
    if not Path(CHROMIUM).exists():
        print(f"error: Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 2
    try:
        report = run(args.profiles, args.variants, args.rounds, args.recalc, args.driver)
    except CpuCapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = table(report)
    print(text)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(report, indent=1))
    (RESULTS / "latest.txt").write_text(text + "\n")
    print(f"\nwritten: {RESULTS / f'bench-{stamp}.json'}")
    return 0 if all(b["ok"] is not False for b in report["budgets"]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
