"""The local server (``make serve``, the tests, the benchmark) sends the headers a production host should."""
from __future__ import annotations

import gzip
import re
import urllib.request

from tools.published import worker_path

LONG = "public, max-age=31536000, immutable"


def get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def theme_asset(site, folder: str, suffix: str) -> str:
    hashed = [p for p in (site.dir / "assets" / folder).rglob(f"*{suffix}") if re.search(r"\.[0-9a-f]{8}\.min\.", p.name)]
    assert hashed, f"no hashed theme file in assets/{folder}"
    return hashed[0].relative_to(site.dir).as_posix()


def test_versioned_files_are_cached_for_a_year(site):
    runtime = [p.relative_to(site.dir).as_posix() for p in (site.dir / "pyodide").rglob("*") if p.is_file()]
    assert any(p.endswith(".wasm") for p in runtime) and any(p.endswith(".bin.gz") for p in runtime)
    for path in [p for p in runtime if p.endswith((".wasm", ".bin.gz", ".zip", ".json", ".mjs"))] + [
            theme_asset(site, "javascripts", ".js"), theme_asset(site, "stylesheets", ".css"), worker_path()]:
        headers, _ = get(site.page_url(path))
        assert headers["Cache-Control"] == LONG, path


def test_everything_else_is_revalidated(site):
    for path in ("", "titles-and-tracks/", "sw.js", "assets/site.js", "assets/calc/runner.js",
                 "search/search_index.json", "sitemap.xml"):
        headers, _ = get(site.page_url(path))
        assert headers["Cache-Control"] == "no-cache", path


def test_text_and_wasm_are_sent_gzipped_when_accepted(site):
    headers, body = get(site.page_url("titles-and-tracks/"))
    assert headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(body)
    (wasm,) = (site.dir / "pyodide").glob("*/pyodide.asm.wasm")
    headers, body = get(site.page_url(wasm.relative_to(site.dir).as_posix()))
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "application/wasm"
    assert gzip.decompress(body) == wasm.read_bytes()
    headers, body = get(site.page_url("titles-and-tracks/"), gzip_ok=False)
    assert "Content-Encoding" not in headers and b"<html" in body
