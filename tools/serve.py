"""Serve a built site on loopback with the cache headers a production host should send.

Usage: python tools/serve.py [SITE_DIR] [PORT] [--link MBIT:DELAY_MS]

Versioned files (everything under ``pyodide/VERSION/``; the theme's scripts and style sheets, the
calculator scripts (``assets/calc/NAME.HASH.js``) and the site's style sheet, whose names carry a
hash of their content) never
change: they are sent with
``Cache-Control: public, max-age=31536000, immutable``. Everything else is revalidated
(``no-cache``) so a new deploy shows at once; the service worker script ``sw.js`` too. Text
files and the wasm are sent gzip-compressed when the browser accepts it (as production hosts
do); already-compressed files (zip, wheel, the ``.gz`` snapshot, images) are sent as they are.
See DEPLOY.md, "Caching".

``--link`` (or ``start(..., link=Link(...))``) sends every response as over one slow network link
shared by all connections: each request waits a fixed delay, then its body goes through a single
token bucket (``Link``). DevTools throttling does not reliably cover a page's workers; this does,
for everything the browser fetches (``make bench``'s network profiles, the slow-link tests).
"""
from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import os
import re
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.published import CALC_SCRIPTS  # noqa: E402

# Named by content: the runtime (by version and digest), the theme's hashed scripts and styles, the
# calculator scripts (a digest, or esbuild's hash for a bundle's lazy module; not their source maps).
IMMUTABLE = re.compile(r"^/pyodide/[^/]+/|^/assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)$"
                       rf"|^/{re.escape(CALC_SCRIPTS)}[\w-]+\.[0-9A-Za-z]{{8}}\.js$|^/assets/site\.[0-9a-f]{{8}}\.css$")
LONG_CACHE = "public, max-age=31536000, immutable"
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".wasm", ".webmanifest", ".map")
_gzipped: dict[tuple[str, float, int], bytes] = {}
_gzip_lock = threading.Lock()


def gzipped(path: str) -> bytes:
    """The gzip-compressed bytes of a file, compressed once per version of the file."""
    st = os.stat(path)
    key = (path, st.st_mtime, st.st_size)
    with _gzip_lock:
        if key not in _gzipped:
            with open(path, "rb") as f:
                _gzipped[key] = gzip.compress(f.read(), compresslevel=6, mtime=0)
        return _gzipped[key]


def precompress(directory: Path) -> None:
    """Gzip every compressible file once now, as a host's cache would have it: otherwise the
    first request for the wasm waits seconds for its compression (a paced link, or a timing,
    would measure this server instead of the link)."""
    for path in Path(directory).rglob("*"):
        if path.is_file() and path.name.endswith(COMPRESSIBLE):
            gzipped(str(path))


class Link:
    """One network link shared by every response: a fixed delay per request (``delay_s``, the round
    trip before the first byte), then each body is sent in small pieces paced by one token bucket
    of ``rate_bps`` bits per second, so concurrent downloads share the bandwidth as they would on
    a phone's connection. Connection set-up and header bytes are not paced.

    ``stall_after`` (bytes) makes the link go silent once that many body bytes have been sent:
    later pieces wait until ``resume()`` (a network that stops answering mid-download).
    ``sent`` and ``log`` count what went through (bench: bytes before the first result)."""

    PIECE = 16384  # bytes per paced write: 82 ms at 1.6 Mbit/s, 13 ms at 10 Mbit/s

    def __init__(self, rate_bps: float, delay_s: float = 0.0, stall_after: int | None = None):
        self.rate = rate_bps / 8  # bytes per second
        self.delay_s = delay_s
        self.stall_after = stall_after
        self.sent = 0
        self.log: list[tuple[float, int, str]] = []  # (time.monotonic() at the piece's end, bytes, path)
        self._lock = threading.Lock()
        self._free_at = 0.0  # when the link has sent everything already queued
        self._moving = threading.Event()
        self._moving.set()

    def __repr__(self) -> str:
        return f"Link({self.rate * 8 / 1e6:g} Mbit/s, {self.delay_s * 1000:g} ms)"

    def wait_request(self) -> None:
        """The fixed delay before a response starts."""
        if self.delay_s:
            time.sleep(self.delay_s)

    def send(self, out, data: bytes, path: str = "") -> None:
        """Write ``data`` to ``out`` no faster than the link allows, sharing it with other senders."""
        for at in range(0, len(data), self.PIECE):
            piece = data[at:at + self.PIECE]
            with self._lock:
                if self.stall_after is not None and self.sent + len(piece) > self.stall_after:
                    self._moving.clear()
            self._moving.wait()
            with self._lock:
                start = max(time.monotonic(), self._free_at)
                self._free_at = start + len(piece) / self.rate
                done = self._free_at
                self.sent += len(piece)
                self.log.append((done, len(piece), path))
            time.sleep(max(0.0, done - time.monotonic()))
            out.write(piece)

    def resume(self) -> None:
        """Let a stalled link move again (and never stall again)."""
        self.stall_after = None
        self._moving.set()

    def sent_between(self, start: float, end: float) -> int:
        """Body bytes whose last byte left between two ``time.monotonic()`` readings."""
        with self._lock:
            return sum(n for t, n, _ in self.log if start <= t <= end)

    def files_between(self, start: float, end: float) -> dict[str, int]:
        """``sent_between`` per requested path (query strings dropped)."""
        files: dict[str, int] = {}
        with self._lock:
            for t, n, path in self.log:
                if start <= t <= end:
                    key = path.split("?", 1)[0]
                    files[key] = files.get(key, 0) + n
        return files

    def last_sent(self) -> float:
        """When the last piece queued so far leaves (``time.monotonic()``; 0 if none yet)."""
        with self._lock:
            return self.log[-1][0] if self.log else 0.0

    @classmethod
    def parse(cls, text: str) -> Link:
        """``"MBIT:DELAY_MS"``, e.g. ``"1.6:150"``."""
        mbit, _, delay = text.partition(":")
        return cls(float(mbit) * 1e6, float(delay or 0) / 1000)


class Handler(SimpleHTTPRequestHandler):
    """Static files with correct types for the runtime and explicit caching."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".whl": "application/zip", ".json": "application/json", ".webmanifest": "application/manifest+json",
    }
    quiet = True

    def do_GET(self) -> None:
        self._wait_link()
        if not self._send_gzipped(head_only=False):
            super().do_GET()

    def do_HEAD(self) -> None:
        self._wait_link()
        if not self._send_gzipped(head_only=True):
            super().do_HEAD()

    @property
    def link(self) -> Link | None:
        """The server's slow link (``server.link``), or None on plain loopback."""
        return getattr(self.server, "link", None)

    def _wait_link(self) -> None:
        if self.link:
            self.link.wait_request()

    def _write_body(self, data: bytes) -> None:
        if self.link:
            try:
                self.link.send(self.wfile, data, self.path)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser gave up on it (a closed page, a cancelled fetch)
        else:
            self.wfile.write(data)

    def copyfile(self, source, outputfile) -> None:  # the base class's file bodies
        if self.link:
            self._write_body(source.read())
        else:
            super().copyfile(source, outputfile)

    def _send_gzipped(self, head_only: bool) -> bool:
        """Send a compressible file gzip-encoded if the client accepts it; False to fall through."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return False  # the base class redirects to the slash form
            path = os.path.join(path, "index.html")
        if not path.endswith(COMPRESSIBLE) or not os.path.isfile(path):
            return False
        mtime = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if mtime <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.end_headers()
                    return True
            except (TypeError, ValueError):
                pass
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head_only:
            self._write_body(body)
        return True

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        self.send_header("Cache-Control", LONG_CACHE if IMMUTABLE.match(path) else "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the base class
        if not self.quiet:
            super().log_message(format, *args)


class Server(ThreadingHTTPServer):
    """A threading server that takes a connection closed mid-response in its stride: the page
    drops a download on purpose (the wasm's slower copy) and a browser leaves a page at will."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start(directory: Path, port: int = 0, host: str = "127.0.0.1", quiet: bool = True,
          link: Link | None = None) -> Server:
    """Start serving ``directory`` in a background thread; ``port=0`` picks a free port. Every
    response goes through ``link`` if given (``server.link`` can be changed while it runs)."""
    handler = functools.partial(type("H", (Handler,), {"quiet": quiet}), directory=str(directory))
    server = Server((host, port), handler)
    server.link = link
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site on loopback with production cache headers.")
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("port", nargs="?", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--link", type=Link.parse, metavar="MBIT:DELAY_MS",
                        help="send as over a slow link, e.g. 1.6:150 (1.6 Mbit/s, 150 ms per request)")
    args = parser.parse_args(argv)
    site, port = Path(args.site), args.port
    if not (site / "index.html").exists():
        print(f"error: {site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    handler = functools.partial(type("H", (Handler,), {"quiet": False}), directory=str(site))
    with Server(("127.0.0.1", port), handler) as server:
        server.link = args.link
        print(f"Serving {site}/ at http://127.0.0.1:{port}/" + (f" over {args.link}" if args.link else "") + " (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
