"""Serve a built site on loopback with the cache headers a production host should send.

Usage: python tools/serve.py [SITE_DIR] [PORT]

Versioned files (everything under ``pyodide/VERSION/``, and the theme's scripts and style sheets
and the calculator worker, whose names carry a hash of their content) never change: they are sent with
``Cache-Control: public, max-age=31536000, immutable``. Everything else is revalidated
(``no-cache``) so a new deploy shows at once; the service worker script ``sw.js`` too. Text
files and the wasm are sent gzip-compressed when the browser accepts it (as production hosts
do); already-compressed files (zip, wheel, the ``.gz`` snapshot, images) are sent as they are.
See README, "Caching".
"""
from __future__ import annotations

import email.utils
import functools
import gzip
import os
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Named by content: the runtime (by version and digest) and the theme's hashed scripts and styles.
IMMUTABLE = re.compile(r"^/pyodide/[^/]+/|^/assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)$"
                       r"|^/assets/calc/worker\.[0-9a-f]{8}\.js$")
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


class Handler(SimpleHTTPRequestHandler):
    """Static files with correct types for the runtime and explicit caching."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".whl": "application/zip", ".json": "application/json", ".webmanifest": "application/manifest+json",
    }
    quiet = True

    def do_GET(self) -> None:
        if not self._send_gzipped(head_only=False):
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._send_gzipped(head_only=True):
            super().do_HEAD()

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
            self.wfile.write(body)
        return True

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        self.send_header("Cache-Control", LONG_CACHE if IMMUTABLE.match(path) else "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the base class
        if not self.quiet:
            super().log_message(format, *args)


def start(directory: Path, port: int = 0, host: str = "127.0.0.1", quiet: bool = True) -> ThreadingHTTPServer:
    """Start serving ``directory`` in a background thread; ``port=0`` picks a free port."""
    handler = functools.partial(type("H", (Handler,), {"quiet": quiet}), directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    port = int(argv[1]) if len(argv) > 1 else 8000
    if not (site / "index.html").exists():
        print(f"error: {site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    handler = functools.partial(type("H", (Handler,), {"quiet": False}), directory=str(site))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {site}/ at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
