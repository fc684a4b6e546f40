"""Content Security Policy: a meta tag on every page, with hashes of the inline scripts.

Scripts, workers and connections are allowed from the site's own origin only; the runtime
needs ``'wasm-unsafe-eval'``; Material's few inline scripts are allowed by their sha256,
computed here after the build. No ``'unsafe-inline'`` for scripts.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
NON_EXECUTABLE = re.compile(r'type="(application/json|text/template|application/ld\+json)"')
HEAD = re.compile(r"<head>\s*(<meta charset=\"utf-8\">)?", re.I)


def script_hashes(html: str) -> set[str]:
    """sha256 sources for the executable inline scripts of one page."""
    out = set()
    for attrs, body in INLINE_SCRIPT.findall(html):
        if NON_EXECUTABLE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        out.add(f"'sha256-{digest}'")
    return out


def policy(hashes: set[str]) -> str:
    return "; ".join((
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(hashes)),
        "worker-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ))


def apply_csp(site_dir: Path) -> int:
    """Add the policy to every HTML page; return how many pages got it.

    Every page gets the union of all pages' hashes: with instant navigation a document keeps
    the policy of the first page it loaded.
    """
    pages = [p for p in site_dir.rglob("*.html") if "pyodide" not in p.relative_to(site_dir).parts]
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    hashes: set[str] = set()
    for html in texts.values():
        hashes |= script_hashes(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    count = 0
    for path, html in texts.items():
        if "Content-Security-Policy" in html:
            continue
        new, n = HEAD.subn(lambda m: m.group(0) + "\n    " + meta, html, count=1)
        if n:
            path.write_text(new, encoding="utf-8")
            count += 1
    return count
