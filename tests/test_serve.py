"""The local server (``make serve``, the tests, the benchmark) sends the headers a production host should."""
from __future__ import annotations

import concurrent.futures
import gzip
import os
import re
import time
import urllib.request

import pytest

import boot_files
from tools import serve
from tools.manifest import paths
from tools.published import CALC_SCRIPTS, MANIFEST, runner_path, scripts, worker_path

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
    runtime = paths(boot_files.manifest(site))  # every boot file, the snapshot and the wasm among them
    assert len(runtime) >= 10
    for path in runtime + [
            theme_asset(site, "javascripts", ".js"), theme_asset(site, "stylesheets", ".css"), worker_path(),
            runner_path(), *[p for p in scripts() if p.startswith(CALC_SCRIPTS) and p.endswith(".js")]]:
        headers, _ = get(site.page_url(path))
        assert headers["Cache-Control"] == LONG, path


def test_everything_else_is_revalidated(site):
    maps = [p for p in scripts() if p.startswith(CALC_SCRIPTS) and p.endswith(".map")]
    assert maps
    for path in ("", "titles-and-tracks/", "sw.js", "assets/site.js", *maps, MANIFEST,
                 "search/search_index.json", "sitemap.xml"):
        headers, _ = get(site.page_url(path))
        assert headers["Cache-Control"] == "no-cache", path


def test_text_and_wasm_are_sent_gzipped_when_accepted(site):
    headers, body = get(site.page_url("titles-and-tracks/"))
    assert headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(body)
    wasm = boot_files.file(site, "wasm")
    headers, body = get(site.page_url(boot_files.path(site, "wasm")))
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "application/wasm"
    assert gzip.decompress(body) == wasm.read_bytes()
    headers, body = get(site.page_url("titles-and-tracks/"), gzip_ok=False)
    assert "Content-Encoding" not in headers and b"<html" in body


# ---------- the slow link (Link): the bench's network profiles and the slow-link tests ----------

def served(tmp_path, link, files: dict[str, bytes]):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    server = serve.start(tmp_path, 0, link=link)
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def timed_get(url: str) -> tuple[float, bytes]:
    started = time.monotonic()
    _, body = get(url, gzip_ok=False)
    return time.monotonic() - started, body


def test_a_link_paces_each_body_after_its_delay(tmp_path):
    data = os.urandom(100_000)  # 0.4 s at 2 Mbit/s
    link = serve.Link(2e6, 0.1)
    server, base = served(tmp_path, link, {"blob.zip": data})
    try:
        elapsed, body = timed_get(base + "blob.zip")
    finally:
        server.shutdown()
    assert body == data
    assert elapsed >= 0.1 + 0.4 * 0.95, f"{elapsed:.2f} s: faster than the link"
    assert elapsed < 0.5 * 3, f"{elapsed:.2f} s: far slower than the link"
    assert link.sent == len(data)


def test_downloads_at_the_same_time_share_one_link(tmp_path):
    data = os.urandom(100_000)
    link = serve.Link(2e6, 0.0)
    server, base = served(tmp_path, link, {"a.zip": data, "b.zip": data})
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            started = time.monotonic()
            bodies = list(pool.map(lambda name: get(base + name, gzip_ok=False)[1], ["a.zip", "b.zip"]))
            elapsed = time.monotonic() - started
    finally:
        server.shutdown()
    assert bodies == [data, data]
    assert elapsed >= 0.8 * 0.95, f"two 0.4 s downloads took {elapsed:.2f} s together: the link is not shared"
    assert link.sent_between(started, time.monotonic()) == 2 * len(data)


def test_a_stalled_link_sends_nothing_more_until_it_resumes(tmp_path):
    data = os.urandom(200_000)
    link = serve.Link(100e6, 0.0, stall_after=50_000)
    server, base = served(tmp_path, link, {"blob.zip": data})
    try:
        with urllib.request.urlopen(base + "blob.zip", timeout=2) as response:
            first = response.read(40_000)
            with pytest.raises(TimeoutError):
                response.read()
        assert first == data[:40_000] and link.sent <= 50_000
        link.resume()
        assert timed_get(base + "blob.zip")[1] == data
    finally:
        link.resume()
        server.shutdown()


def test_a_link_keeps_compression_and_cache_headers(tmp_path):
    text = b"<html>" + b"words " * 20_000 + b"</html>"
    server, base = served(tmp_path, serve.Link(50e6, 0.01), {"index.html": text})
    try:
        headers, body = get(base)
    finally:
        server.shutdown()
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == text
    assert headers["Cache-Control"] == "no-cache"
