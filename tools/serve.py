"""Serve a built site on loopback with the cache headers a production host should send.

Usage: python tools/serve.py [SITE_DIR] [PORT]

Versioned files (everything under ``pyodide/VERSION/``) never change: they are sent with
``Cache-Control: public, max-age=31536000, immutable``. Everything else is revalidated
(``no-cache``) so a new deploy shows at once. See README, "Caching".
"""
from __future__ import annotations

import functools
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

IMMUTABLE = re.compile(r"^/pyodide/[^/]+/")
LONG_CACHE = "public, max-age=31536000, immutable"


class Handler(SimpleHTTPRequestHandler):
    """Static files with correct types for the runtime and explicit caching."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".whl": "application/zip", ".json": "application/json", ".webmanifest": "application/manifest+json",
    }
    quiet = True

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
