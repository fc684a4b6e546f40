"""Screenshots of every page of the built site for review: phone and desktop, light and dark.

Usage: python tools/screenshots.py [SITE_DIR] [OUT_DIR]   (``make screenshots``: site/ -> screenshots/)

Serves the built site on a free loopback port (``tools/serve.py``) and drives Debian's Chromium
with Playwright (``CHROMIUM``, as the tests do). Each page is captured whole (full-page PNG) at
390 x 844 (phone, mobile emulation) and 1280 x 800 (desktop), with the reader's colour scheme
set to light and to dark (the site's palette follows ``prefers-color-scheme``). Calculator pages
are captured after their first result, once with their default inputs and once opened from a
shared link with the calculator's first example. ``OUT_DIR/index.html`` is a contact sheet: one
row per page, each thumbnail shows the first screen and opens the whole page.
"""
from __future__ import annotations

import argparse
import html
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculators  # noqa: E402
from calculators.urlstate import encode  # noqa: E402
from tools import serve  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme (mkdocs.yml)
RESULT_S = 60  # Pyodide's first answer on a busy two-core machine


@dataclass
class Shot:
    name: str  # file name stem
    title: str  # what the contact sheet calls it
    path: str  # site path with query


def pages(site: Path) -> list[Shot]:
    """Every page of the built site (redirect stubs left out), plus each calculator opened from
    a shared link with its first example."""
    links = {}
    for slug in sorted(calculators.CALCULATORS):
        calc = calculators.get(slug)
        if calc.examples:
            example = calc.examples[0]
            inputs = calc.validate(dict(example.inputs))
            links[f"calculators/{slug}/"] = Shot(f"calculators__{slug}__link",
                                                 f"/calculators/{slug}/ (shared link: {example.name})",
                                                 f"calculators/{slug}/?{encode(calc, inputs)}")
    paths = []
    for index in site.rglob("index.html"):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith("pyodide") or 'http-equiv="refresh"' in index.read_text(encoding="utf-8")[:2000]:
            continue
        paths.append("" if rel == "." else rel + "/")
    shots = []
    for path in sorted(paths):
        shots.append(Shot(path.strip("/").replace("/", "__") or "home", "/" + path, path))
        if path in links:
            shots.append(links[path])
    if (site / "404.html").exists():
        shots.append(Shot("404", "/404.html", "404.html"))
    return shots


def capture(page, url: str, scheme: str, out: Path) -> str:
    """Open ``url``, wait until the page is settled (a calculator's first result, the theme's
    scripts, fonts), save a full-page screenshot; return a note for the contact sheet ("" if none)."""
    page.goto(url)
    note = ""
    if page.locator("[data-calc-result]").count():
        try:
            page.wait_for_selector('[data-calc-result]:not([data-calc-state="loading"])', timeout=RESULT_S * 1000)
        except Exception:  # noqa: BLE001 - reported on the sheet and by the exit status
            note = "no result within %d s" % RESULT_S
        state = page.locator("[data-calc-result]").first.get_attribute("data-calc-state")
        if not note and state != "ready":
            note = f"calculator state: {state}"
        # the theme's bundle runs after the first answer and changes the page
        page.wait_for_function("() => window.document$ !== undefined", timeout=30000)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    if shown != SCHEMES[scheme]:
        note = (note + "; " if note else "") + f"colour scheme {shown!r}, expected {SCHEMES[scheme]!r}"
    page.screenshot(path=str(out), full_page=True)
    return note


def contact_sheet(shots: list[Shot], notes: dict[str, str], out: Path, stamp: str) -> None:
    cols = [(size, scheme) for size in SIZES for scheme in SCHEMES]
    head = "".join(f"<th>{size} {scheme}</th>" for size, scheme in cols)
    rows = []
    for shot in shots:
        cells = []
        for size, scheme in cols:
            file = f"{shot.name}-{size}-{scheme}.png"
            note = notes.get(file, "")
            w, h = SIZES[size]["width"], SIZES[size]["height"]
            cells.append(f'<td class="{size}"><a href="{file}"><img src="{file}" alt="{html.escape(shot.title)}, '
                         f'{size}, {scheme}" loading="lazy" style="aspect-ratio: {w} / {h}"></a>'
                         + (f'<p class="note">{html.escape(note)}</p>' if note else "") + "</td>")
        rows.append(f"<tr><th scope=\"row\">{html.escape(shot.title)}</th>{''.join(cells)}</tr>")
    out.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Screenshots</title>
<style>
body {{ font: 14px system-ui, sans-serif; margin: 1rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 6px; vertical-align: top; text-align: left; }}
tbody th {{ max-width: 14rem; word-break: break-word; font-weight: normal; }}
img {{ display: block; object-fit: cover; object-position: top; border: 1px solid #999; }}
td.phone img {{ width: 160px; }}
td.desktop img {{ width: 320px; }}
.note {{ color: #b00; max-width: 320px; }}
</style></head><body>
<h1>Screenshots</h1>
<p>{html.escape(stamp)}. Each thumbnail is the first screen; click it for the whole page.</p>
<table><thead><tr><th>page</th>{head}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
""", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("out", nargs="?", default="screenshots", type=Path)
    parser.add_argument("--only", help="capture only pages whose path contains this text")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"error: {args.site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"error: Chromium not found at {CHROMIUM}: run `make screenshots` (it installs Debian's chromium)",
              file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    shots = [s for s in pages(args.site) if not args.only or args.only in s.path]
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.only:  # a full run replaces the previous one
        for old in args.out.glob("*.png"):
            old.unlink()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = serve.start(args.site, port)
    base = f"http://127.0.0.1:{port}/"
    notes: dict[str, str] = {}
    started = time.monotonic()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for size, viewport in SIZES.items():
                phone = size == "phone"
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=phone,
                                                  has_touch=phone, service_workers="block")
                    page = context.new_page()
                    for shot in shots:
                        file = f"{shot.name}-{size}-{scheme}.png"
                        note = capture(page, base + shot.path, scheme, args.out / file)
                        if note:
                            notes[file] = note
                            print(f"warning: {file}: {note}", file=sys.stderr)
                    context.close()
                    print(f"{size} {scheme}: {len(shots)} pages", flush=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    stamp = f"{len(shots)} pages from {args.site}/, commit {commit or '?'}, {time.strftime('%Y-%m-%d %H:%M %Z')}"
    contact_sheet(shots, notes, args.out / "index.html", stamp)
    print(f"{len(shots) * len(SIZES) * len(SCHEMES)} screenshots in {args.out}/ "
          f"({time.monotonic() - started:.0f} s): open {args.out}/index.html")
    return 1 if notes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
