"""Load and calculator speed in headless Chromium, stock Pyodide side by side (``make bench``).

Builds the site, adds a minimal stock-Pyodide page (the npm runtime files as shipped), serves
it on loopback with tools/serve.py and measures, interleaving the variants in every round:

- bare_boot:    navigation start -> bare ``loadPyodide()`` resolved in a module worker (npm files);
- first_result: navigation start -> ``data-band`` set on the instructor-offer page opened from a
                shared link (the site's boot: snapshot, falling back to .pyc);
- first_result_pyc: the same with the snapshot switched off (the .pyc boot alone), for reference:
                a copy of the page whose runtime config has the flag ``snapshot`` off (PYC_PATH);
each cold (a fresh browser profile, started SETTLE_S before the visit) and warm (same profile,
second visit), driven directly over the DevTools protocol (benchmarks/cdp.py: no automation
framework attached to the page's workers; ``--driver playwright`` runs them through Playwright
instead). Then, once, through Playwright:
- recalc:       input event -> result updated in the DOM, p50/p95 over 100 changes;
- longest_task: the longest main-thread task (Long Tasks API) while the calculator page boots;
- bytes:        what a cold visit transfers for a guide page and a calculator page (on the wire,
                raw, and gzipped as a compressing host would send it).
Prints a table and writes benchmarks/results/bench-DATE.json (and latest.json).
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
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import calculators  # noqa: E402
from calculators.urlstate import encode  # noqa: E402
from benchmarks import cdp  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port  # noqa: E402
from macros.page_config import replace_config  # noqa: E402
from tools import serve  # noqa: E402
from tools.runtime import pyodide_version  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SLUG = "instructor-offer"
CALC_PATH = f"calculators/{SLUG}/"
GUIDE_PATH = "titles-and-tracks/instructor-offers/"
PYC_PATH = f"calculators/{SLUG}-pyc/"  # the same page, its config's snapshot flag off (add_pyc_page)
READY_INFO = "performance.getEntriesByName('calc:ready')[0].detail"  # the worker's boot report
BARE_DIR = "bench-bare"  # minimal stock page; its runtime copy sits under pyodide/ (same cache headers)
NPM_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
BAND = "[data-calculator][data-band]"
IMAGES = (".png", ".svg", ".jpg", ".jpeg", ".webp", ".ico", ".gif")
# A freshly started Chromium spends its first second or so on its own start-up, even headless
# (it preloads its omnibox popup's WebUI in a renderer of its own): a timed visit waits this long
# after the launch, as a reader's browser is already running when a shared link is opened.
SETTLE_S = 3

BARE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare Pyodide</title>
<script type="module" src="bare.js"></script></head><body><p id="status">booting</p></body></html>"""
BARE_JS = """const w = new Worker(new URL("bare-worker.js", import.meta.url), {type: "module"});
w.onmessage = (e) => { window.__ready = performance.now(); document.getElementById("status").textContent = e.data; };"""
BARE_WORKER = """const base = new URL("../pyodide/npm-%s/", self.location.href).href;
const { loadPyodide } = await import(base + "pyodide.mjs");
const py = await loadPyodide();
self.postMessage("ready " + py.runPython("1 + 1"));""" % pyodide_version()

# Installed before any page script: when data-band first appears, and the longest main-thread task.
PROBE = """
window.__longest = 0;
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
    .observe({ type: "longtask", buffered: true });
} catch (e) {}
new MutationObserver((muts, obs) => {
  if (document.querySelector("[data-calculator][data-band]")) { window.__band = performance.now(); window.__longestAtBand = window.__longest; obs.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-band"] });
"""

RECALC = """async ([n]) => {
  const form = document.querySelector("form[data-calculator-form]");
  const out = document.querySelector("[data-calculator] .calc-output");
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


def add_pyc_page(site: Path) -> None:
    """The calculator page again at PYC_PATH (same depth, so its relative URLs hold), its
    runtime config switching the snapshot off: the site's own .pyc boot, as built."""
    html = (site / CALC_PATH / "index.html").read_text(encoding="utf-8")
    (site / PYC_PATH).mkdir(parents=True, exist_ok=True)
    (site / PYC_PATH / "index.html").write_text(replace_config(html, {"flags": {"snapshot": False}}), encoding="utf-8")


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


class PlaywrightChromium:
    """cdp.Chromium's interface over Playwright (``--driver playwright``, for comparison)."""

    def __init__(self, playwright, profile: str):
        self._ctx = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

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


class Bench:
    def __init__(self, playwright, base: str, site: Path, driver: str):
        self.pw = playwright
        self.base = base
        self.site = site
        self.driver = driver
        inputs = dict(calculators.get(SLUG).example("yellow").inputs)
        self.shared_query = encode(calculators.get(SLUG), calculators.run(SLUG, inputs)["inputs"])

    def profile(self, tmp: Path):
        """A fresh Playwright browser profile, for the untimed measurements."""
        return self.pw.chromium.launch_persistent_context(
            str(tmp), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

    def browser(self, tmp: Path):
        """A fresh browser profile (disk cache, code cache, service workers of its own) for the
        timed runs, driven by the chosen driver, once the browser's own start-up is over."""
        if self.driver == "playwright":
            browser = PlaywrightChromium(self.pw, str(tmp))
        else:
            browser = cdp.Chromium(CHROMIUM, str(tmp), CHROMIUM_ARGS)
        time.sleep(SETTLE_S)
        return browser

    def bare(self, browser) -> float:
        page = browser.new_page()
        page.goto(self.base + BARE_DIR + "/")
        ms = page.wait_for("window.__ready")
        page.close()
        return ms

    def calc(self, browser, pyc_only: bool) -> tuple[float, dict, float]:
        page = browser.new_page()
        page.add_init_script(PROBE)
        page.goto(self.base + (PYC_PATH if pyc_only else CALC_PATH) + "?" + self.shared_query)
        ms = page.wait_for("window.__band")
        info = page.evaluate("(({mode, ms, steps, fallback}) => ({mode, ms, steps, fallback,"
                             " workerStart: Math.round(performance.getEntriesByName('calc:worker-start')[0].startTime)}))"
                             f"({READY_INFO})")
        longest = page.evaluate("window.__longestAtBand")
        self.wait_offline_copies(page)
        page.close()
        return ms, info, longest

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
          return [...used].every((u) => held.has(u)); })()"""
        script = script % READY_INFO
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
            page.add_init_script(PROBE)
            page.goto(self.base + path)
            if path == CALC_PATH:
                page.wait_for_selector(BAND, state="attached", timeout=120000)
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


def run(rounds: int, recalc_n: int, driver: str) -> dict:
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
    add_pyc_page(site)
    server = serve.start(site, port)
    for path in site.rglob("*"):  # the server gzips each file once: do it before measuring
        if path.is_file() and path.name.endswith(serve.COMPRESSIBLE):
            serve.gzipped(str(path))
    samples: dict[str, list[float]] = {k: [] for k in (
        "bare_boot_cold", "bare_boot_warm", "first_result_cold", "first_result_warm",
        "first_result_pyc_cold", "first_result_pyc_warm", "longest_task")}
    modes: list[str] = []
    steps: list[dict] = []
    variants = ["bare", "snapshot", "pyc"]
    try:
        with sync_playwright() as pw:
            bench = Bench(pw, base, site, driver)
            for r in range(rounds):
                order = variants[r % 3:] + variants[:r % 3]  # rotate who goes first
                for variant in order:
                    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
                        browser = bench.browser(Path(tmp))
                        if variant == "bare":
                            samples["bare_boot_cold"].append(bench.bare(browser))
                            samples["bare_boot_warm"].append(bench.bare(browser))
                        else:
                            key = "first_result" if variant == "snapshot" else "first_result_pyc"
                            cold, info, longest = bench.calc(browser, pyc_only=variant == "pyc")
                            warm, info_w, _ = bench.calc(browser, pyc_only=variant == "pyc")
                            samples[f"{key}_cold"].append(cold)
                            samples[f"{key}_warm"].append(warm)
                            if variant == "snapshot":
                                samples["longest_task"].append(longest)
                                modes += [info["mode"], info_w["mode"]]
                                steps.append({"cold": {"pageWorkerStart": info["workerStart"], "band": round(cold),
                                                       **info["steps"]},
                                              "warm": {"pageWorkerStart": info_w["workerStart"], "band": round(warm),
                                                       **info_w["steps"]}})
                        browser.close()
                print(f"round {r + 1}/{rounds}: " + ", ".join(
                    f"{k}={v[-1]:.0f}" for k, v in samples.items() if v), flush=True)
            # recalc: one warm page, 100 changes
            with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
                ctx = bench.profile(Path(tmp))
                page = ctx.new_page()
                page.add_init_script(PROBE)
                page.goto(base + CALC_PATH + "?" + bench.shared_query)
                page.wait_for_selector(BAND, state="attached", timeout=120000)
                bench.wait_offline_copies(PlaywrightPage(page))  # the background copy of the runtime is done
                page.evaluate(RECALC, [10])  # warm-up
                recalc = page.evaluate(RECALC, [recalc_n])
                ctx.close()
            guide_bytes = bench.bytes_for(GUIDE_PATH)
            calc_bytes = bench.bytes_for(CALC_PATH)
    finally:
        server.shutdown()
    browser_version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    res = {k: stats(v) for k, v in samples.items() if v}
    res["recalc"] = {"p50": percentile(recalc, 0.5), "p95": percentile(recalc, 0.95), "max": round(max(recalc), 2),
                     "n": len(recalc)}
    bare_cold = res["bare_boot_cold"]["median"]
    ratios = {
        "first_result_cold / bare_boot_cold": round(res["first_result_cold"]["median"] / bare_cold, 3),
        "first_result_warm / bare_boot_warm": round(res["first_result_warm"]["median"] / res["bare_boot_warm"]["median"], 3),
        "first_result_warm / bare_boot_cold": round(res["first_result_warm"]["median"] / bare_cold, 3),
        "first_result_pyc_cold / bare_boot_cold": round(res["first_result_pyc_cold"]["median"] / bare_cold, 3),
    }
    budgets = {
        "first_result_cold / bare_boot_cold <= 0.30": ratios["first_result_cold / bare_boot_cold"] <= 0.30,
        "first_result_warm <= 0.20 x bare_boot_cold": ratios["first_result_warm / bare_boot_cold"] <= 0.20,
        "recalc p95 <= 16 ms": res["recalc"]["p95"] <= 16,
        "longest_task <= 100 ms (median of the cold boots)": res["longest_task"]["median"] <= 100,
        "guide page cold visit <= 150 KB gzipped (images aside)": guide_bytes["without_images"]["gzip"] <= 150_000,
        "guide page loads no runtime": not guide_bytes["runtime_files"],
    }
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"cores": os.cpu_count(), "os": platform.platform(), "chromium": browser_version,
                    "load_average_at_end": os.getloadavg()},
        "pyodide": pyodide_version(), "rounds": rounds, "driver": driver, "build_seconds": build_s,
        "results": res, "ratios": ratios, "budgets": budgets, "boot_modes": modes, "boot_steps": steps,
        "bytes": {"guide": guide_bytes, "calculator": calc_bytes},
    }


def table(report: dict) -> str:
    r = report["results"]
    lines = [f"Benchmark {report['date']} | Pyodide {report['pyodide']} | Chromium {report['machine']['chromium']} | "
             f"{report['machine']['cores']} cores | {report['rounds']} rounds | timed runs driven by {report['driver']}",
             "", f"{'metric':34} {'median':>9} {'range':>19}", "-" * 64]
    for key in ("bare_boot_cold", "first_result_cold", "first_result_pyc_cold",
                "bare_boot_warm", "first_result_warm", "first_result_pyc_warm", "longest_task"):
        s = r[key]
        lines.append(f"{key + ' (ms)':34} {s['median']:>9.0f} {s['min']:>9.0f} - {s['max']:<7.0f}")
    lines.append(f"{'recalc p50 / p95 (ms, n=' + str(r['recalc']['n']) + ')':34} {r['recalc']['p50']:>9.1f} "
                 f"{r['recalc']['p95']:>9.1f} (p95)")
    for name, b in report["bytes"].items():
        t, w = b["total"], b["without_images"]
        lines.append(f"{'bytes ' + name + ' page, cold (KB)':34} wire {t['wire'] / 1000:,.0f}, raw {t['raw'] / 1000:,.0f}, "
                     f"gzip {t['gzip'] / 1000:,.0f} (no images: gzip {w['gzip'] / 1000:,.0f}), {b['requests']} files")
    lines += ["", "ratios (medians):"]
    lines += [f"  {k:40} {v:.3f}" for k, v in report["ratios"].items()]
    lines += ["", "budgets:"]
    lines += [f"  [{'ok' if ok else 'FAIL'}] {k}" for k, ok in report["budgets"].items()]
    modes = report["boot_modes"]
    lines += ["", f"boot mode of the site's runs: {', '.join(sorted(set(modes)))} ({len(modes)} runs); "
                  f"site build {report['build_seconds']} s"]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="cold+warm rounds per variant (default 5)")
    parser.add_argument("--recalc", type=int, default=100, help="input changes for recalc (default 100)")
    parser.add_argument("--driver", choices=("cdp", "playwright"), default="cdp",
                        help="what drives the timed runs: the DevTools protocol directly (default) or Playwright")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 2
    report = run(args.rounds, args.recalc, args.driver)
    text = table(report)
    print(text)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(report, indent=1))
    (RESULTS / "latest.txt").write_text(text + "\n")
    print(f"\nwritten: {RESULTS / f'bench-{stamp}.json'}")
    return 0 if all(report["budgets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
