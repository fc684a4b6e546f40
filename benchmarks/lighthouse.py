"""Lighthouse (mobile) on a guide page and a calculator page (``make lighthouse``).

Builds the site, serves it on loopback with tools/serve.py (gzip and cache headers as in
production), runs the npm ``lighthouse`` against Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium), prints the four category scores and writes the reports to
benchmarks/results/. Budgets: performance >= 95; accessibility, best practices, SEO = 100.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, build_site, free_port  # noqa: E402
from tools import serve  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PAGES = {"guide": "titles-and-tracks/instructor-offers/", "calculator": "calculators/instructor-offer/"}
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")


def audit(url: str, out: Path) -> dict[str, int]:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", CHROMIUM))
    cmd = [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
           f"--output-path={out}", f"--chrome-flags={FLAGS}",
           "--only-categories=performance,accessibility,best-practices,seo"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode or not out.exists():
        raise SystemExit(f"lighthouse failed for {url}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    scores = {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()}
    failing = [a["id"] for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
    scores["_failing"] = failing
    scores["_lcp_ms"] = round(report["audits"]["largest-contentful-paint"]["numericValue"])
    scores["_tbt_ms"] = round(report["audits"]["total-blocking-time"]["numericValue"])
    return scores


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        done = build_site(Path(tmp) / "site", base)
        if done.returncode:
            raise SystemExit("mkdocs build --strict failed:\n" + done.stderr[-3000:])
        server = serve.start(Path(tmp) / "site", port)
        try:
            results = {name: audit(base + path, RESULTS / f"lighthouse-{name}.json") for name, path in PAGES.items()}
        finally:
            server.shutdown()
    ok = True
    print(f"{'page':12} " + " ".join(f"{k:>15}" for k in BUDGET) + "   LCP ms  TBT ms")
    for name, scores in results.items():
        print(f"{name:12} " + " ".join(f"{scores[k]:>15}" for k in BUDGET)
              + f"   {scores['_lcp_ms']:>6}  {scores['_tbt_ms']:>6}")
        for k, minimum in BUDGET.items():
            if scores[k] < minimum:
                ok = False
                print(f"  below budget: {k} {scores[k]} < {minimum}; failing audits: {', '.join(scores['_failing'])}")
    (RESULTS / "lighthouse-latest.json").write_text(json.dumps(results, indent=1))
    print(f"reports: {RESULTS}/lighthouse-*.json")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
