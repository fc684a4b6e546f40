"""The JavaScript a visit loads, gzipped: every script of a calculator page and of a guide page.

    python benchmarks/js_bytes.py [SITE_DIR]

For each page: its inline scripts (each counted as its own gzip stream; on the wire they ride in
the page's), the scripts and module preloads it links, the modules those import by a literal
relative path (on a calculator page dynamic imports too: the runner's, and the worker's lazy
modules, which a visit loads when its boot needs them), the calculator worker named in the page's
config, and the service worker ``sw.js``. Each file counts once per page; gzip at level 6, as
``tools/serve.py`` sends it. The theme's own files are listed apart (they do not change with ours).
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.page_config import read_config  # noqa: E402

CALC_PAGE = "calculators/instructor-offer/index.html"
GUIDE_PAGE = "titles-and-tracks/instructor-offers/index.html"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
NOT_CODE = re.compile(r'type="application/json"')
LINKED = re.compile(r'<script[^>]*\bsrc="([^"]+)"|<link rel="modulepreload"[^>]*\bhref="([^"]+)"')
STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"(\.{1,2}/[^"]+\.js)"')
DYNAMIC_IMPORT = re.compile(r'\bimport\(\s*"(\.{1,2}/[^"]+\.js)"\s*\)')
THEME = "assets/javascripts/"
COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*", re.S | re.M)  # JSDoc's import("./x.js") types load nothing


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def scripts(site: Path, page: str, dynamic: bool) -> dict[str, bytes]:
    """Site path (or ``inline N``) -> bytes of every script ``page`` runs."""
    path = site / page
    html = path.read_text(encoding="utf-8")
    found: dict[str, bytes] = {}
    for n, (attrs, body) in enumerate(INLINE.findall(html)):
        if not NOT_CODE.search(attrs) and body.strip():
            found[f"inline {n}: {body.strip()[:40]!r}"] = body.encode()
    todo = [(path.parent / (a or b)).resolve() for a, b in LINKED.findall(html)]
    try:
        todo.append((path.parent / read_config(html)["worker"]).resolve())
    except LookupError:
        pass
    todo.append((site / "sw.js").resolve())
    while todo:
        file = todo.pop()
        name = file.relative_to(site.resolve()).as_posix()
        if name in found or not file.is_file():
            continue
        found[name] = file.read_bytes()
        text = COMMENT.sub("", found[name].decode("utf-8", "replace"))
        imports = STATIC_IMPORT.findall(text) + (DYNAMIC_IMPORT.findall(text) if dynamic else [])
        todo += [(file.parent / rel).resolve() for rel in imports]
    return found


def report(site: Path) -> dict[str, int]:
    totals = {}
    for label, page, dynamic in (("calculator page", CALC_PAGE, True), ("guide page", GUIDE_PAGE, False)):
        found = scripts(site, page, dynamic)
        ours = {k: v for k, v in found.items() if not k.startswith(THEME)}
        print(f"{label} ({page}):")
        for name, data in sorted(ours.items()):
            print(f"  {gz(data):>7,} B gz {len(data):>8,} B  {name}")
        ours_gz = sum(gz(v) for v in ours.values())
        theme_gz = sum(gz(v) for k, v in found.items() if k.startswith(THEME))
        print(f"  {ours_gz:>7,} B gz in all (the theme's scripts besides: {theme_gz:,} B gz)\n")
        totals[label] = ours_gz
    print(f"both pages: {sum(totals.values()):,} B gz")
    return totals


if __name__ == "__main__":
    report(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site"))
