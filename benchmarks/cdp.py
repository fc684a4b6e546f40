"""A minimal DevTools-protocol driver for the benchmark's timed page loads (stdlib only).

Why not Playwright here: Playwright attaches to every worker a page starts and holds it until its
driver has set it up, and it follows every network event of the page. On a 2-core machine that
observer cost lands on the calculator's critical path (its answer comes from a worker that starts
while the page is parsed): measured side by side, Playwright-driven cold visits of the calculator
were 65-90 ms slower, while the stock Pyodide page, whose 2 s go to CPython's start-up, was not
(benchmarks/README.md). Readers do not have a driver in their browser, so the timed runs drive
Chromium directly over ``--remote-debugging-pipe``: one tab, no worker attachment, no network
domain. ``bench.py --driver playwright`` repeats the timed runs through Playwright for comparison.

Chromium gets the switches Playwright would pass (below), so both drivers load pages alike.
"""
from __future__ import annotations

import fcntl
import json
import os
import queue
import signal
import threading
import time
from typing import Any, Callable

# Playwright's default Chromium switches that bear on timing or on what the browser does in the
# background (its chromiumSwitches), plus --headless and the project's own CHROMIUM_ARGS.
SWITCHES = [
    "--headless", "--disable-field-trial-config", "--disable-background-networking",
    "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding", "--disable-back-forward-cache", "--disable-breakpad",
    "--disable-component-extensions-with-background-pages", "--disable-component-update",
    "--disable-default-apps", "--disable-dev-shm-usage", "--disable-extensions",
    "--disable-features=PaintHolding,HttpsUpgrades,OptimizationHints,MediaRouter",
    "--disable-hang-monitor", "--disable-ipc-flooding-protection", "--disable-popup-blocking",
    "--no-default-browser-check", "--no-first-run", "--no-service-autorun", "--password-store=basic",
    "--use-mock-keychain", "--metrics-recording-only", "--force-color-profile=srgb",
    "--hide-scrollbars", "--mute-audio",
]


def _high(fd: int) -> int:
    """The same pipe end on a descriptor above 4 (close-on-exec), so that placing the pipes on 3
    and 4 in the child is always a real copy."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class DriverError(RuntimeError):
    """Chromium did not answer, or a page script threw."""


def poll(evaluate: Callable[[], Any], expression: str, timeout: float, transient: type[Exception]) -> Any:
    """Call ``evaluate`` every 50 ms until it returns something truthy; that value. A
    ``transient`` error (the page is between documents while navigating) counts as not yet."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = evaluate()
        except transient:
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise DriverError(f"timed out after {timeout:.0f} s waiting for {expression}")


class Chromium:
    """One Chromium process with its own profile directory, driven over a pipe."""

    def __init__(self, executable: str, profile: str, args: list[str]):
        ours_in, theirs_out = map(_high, os.pipe())  # Chromium writes its replies to fd 4
        theirs_in, ours_out = map(_high, os.pipe())  # and reads commands from fd 3
        argv = [executable, *SWITCHES, *args, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]
        # posix_spawn, not subprocess: placing the pipes on fds 3 and 4 would need a preexec_fn,
        # which is unsafe in a process with threads (the benchmark's server runs in one)
        self._pid = os.posix_spawn(executable, argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, theirs_in, 3), (os.POSIX_SPAWN_DUP2, theirs_out, 4),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
        os.close(theirs_in)
        os.close(theirs_out)
        self._out = ours_out
        self._lock = threading.Lock()
        self._next = 0
        self._pending: dict[int, queue.Queue] = {}
        threading.Thread(target=self._read, args=(os.fdopen(ours_in, "rb", buffering=0),), daemon=True).start()

    def _read(self, pipe) -> None:
        buffer = b""
        while chunk := pipe.read(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                waiting = self._pending.pop(message.get("id"), None)
                if waiting:
                    waiting.put(message)
        for waiting in list(self._pending.values()):  # Chromium exited: fail whoever waits
            waiting.put({"error": {"message": "Chromium exited"}})

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 60) -> dict:
        """One protocol command; its result, or DriverError."""
        reply: queue.Queue = queue.Queue()
        with self._lock:
            self._next += 1
            ident = self._next
            self._pending[ident] = reply
            message = {"id": ident, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            os.write(self._out, json.dumps(message).encode() + b"\0")
        try:
            answer = reply.get(timeout=timeout)
        except queue.Empty:
            raise DriverError(f"{method}: no answer from Chromium in {timeout:.0f} s") from None
        if "error" in answer:
            raise DriverError(f"{method}: {answer['error'].get('message')}")
        return answer["result"]

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)  # needed for scripts that run before the page's own
        return Page(self, target, session)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except DriverError:
            pass
        end = time.monotonic() + 10
        while os.waitpid(self._pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > end:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
                break
            time.sleep(0.05)
        os.close(self._out)


class Page:
    """A tab: scripts to run before the page's own, navigation, and expressions to evaluate."""

    def __init__(self, browser: Chromium, target: str, session: str):
        self._browser, self._target, self._session = browser, target, session

    def add_init_script(self, source: str) -> None:
        self._browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": source}, self._session)

    def goto(self, url: str) -> None:
        reply = self._browser.send("Page.navigate", {"url": url}, self._session)
        if reply.get("errorText"):
            raise DriverError(f"{url}: {reply['errorText']}")

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The value of a JavaScript expression (a promise is awaited)."""
        reply = self._browser.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                        "returnByValue": True}, self._session, timeout)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise DriverError(f"{expression[:60]}: {details.get('exception', {}).get('description') or details.get('text')}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 120) -> Any:
        """Poll an expression every 50 ms until it is truthy; its value."""
        return poll(lambda: self.evaluate(expression, timeout=10), expression, timeout, DriverError)

    def close(self) -> None:
        self._browser.send("Target.closeTarget", {"targetId": self._target})
