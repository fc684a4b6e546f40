"""Firefox ESR and WebKit (WebKitGTK) for the cross-engine browser tests (``test_engines.py``).

Both drivers offer the same few actions (open a page, evaluate an expression, click, type, read
the clipboard), so each scenario is written once and run in every engine. Nothing is
downloaded: the browsers are Debian's (``make test`` installs them).

- Firefox: ``firefox_driver.mjs`` runs puppeteer-core over WebDriver BiDi in Node; this side
  sends it one JSON command per line and reads one JSON answer per line.
- WebKit: Selenium's ``WebKitGTK`` driver (``WebKitWebDriver`` with WebKitGTK's ``MiniBrowser``)
  on a private virtual display (``Xvfb``), whose clipboard ``xclip`` reads.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
POLL_S = 0.1  # how often a condition is checked while waiting for it

# Collects Content Security Policy violations from the start of each page (where the engine
# lets a script run before the page's own).
CSP_WATCH = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


class EngineMissing(RuntimeError):
    """The browser (or a tool to drive it) is not installed."""


def require(path: str, package: str) -> None:
    if not (Path(path).exists() or shutil.which(path)):
        raise EngineMissing(f"{path} not found: run `make test` (it installs Debian's {package}), "
                            f"or `sudo apt-get install {package}`")


class Engine:
    """One browser with one page, shared by the tests of a module."""

    name = ""
    version = ""
    watches_csp = False  # whether CSP violations are recorded from the start of every page

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, expr: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        raise NotImplementedError

    def click(self, selector: str) -> None:
        """Click the element as a reader would (a trusted event, with user activation)."""
        raise NotImplementedError

    def fill(self, selector: str, text: str) -> None:
        """Replace the value of a text or number field by typing ``text`` into it."""
        raise NotImplementedError

    def tap(self, selector: str) -> None:
        """Touch the element as a reader's finger would (a trusted event, with user activation)."""
        raise NotImplementedError

    def phone(self, width: int = 390, height: int = 844) -> tuple[int, int]:
        """Make the page a phone's (its viewport, touch where the engine has it); returns the
        viewport's size as the page sees it."""
        raise NotImplementedError

    def back(self) -> None:
        """The browser's Back (a history traversal by one entry)."""
        self.evaluate("(history.back(), true)")

    def clipboard_text(self) -> str:
        raise NotImplementedError

    def traffic(self) -> tuple[list[str], list[str]]:
        """Addresses requested and uncaught page errors since the last call, as far as the engine
        reports them (see each driver)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def wait_for(self, expr: str, timeout_s: float, what: str) -> Any:
        """Poll ``expr`` until it is truthy; return its value. Fails with ``what`` after the deadline."""
        deadline = time.monotonic() + timeout_s
        while True:
            value = self.evaluate(expr)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: {what} (not within {timeout_s:.0f} s; last value {value!r})")
            time.sleep(POLL_S)


class Firefox(Engine):
    """Firefox ESR through ``firefox_driver.mjs`` (puppeteer-core, WebDriver BiDi)."""

    name = "firefox"
    watches_csp = True

    def __init__(self, command_timeout_s: float = 120, prefs: dict[str, Any] | None = None):
        require(FIREFOX, "firefox-esr")
        require("node", "nodejs")
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            raise EngineMissing("npm package puppeteer-core missing: run `make deps`")
        self.timeout = command_timeout_s
        self.log = tempfile.TemporaryFile(mode="w+")
        env = dict(os.environ, FIREFOX=FIREFOX, PUPPETEER_SKIP_DOWNLOAD="1", FIREFOX_PREFS=json.dumps(prefs or {}))
        self.proc = subprocess.Popen(["node", str(ROOT / "tests" / "firefox_driver.mjs")], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0
        hello = self._line()
        self.version = hello["version"]
        self._call("initScript", source=CSP_WATCH)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _line(self) -> dict:
        try:
            line = self.lines.get(timeout=self.timeout)
        except queue.Empty:
            line = None
        if line is None:
            self.log.seek(0)
            raise RuntimeError(f"firefox driver stopped or stalled:\n{self.log.read()[-4000:]}")
        return json.loads(line)

    def _call(self, op: str, **args: Any) -> Any:
        self.next_id += 1
        self.proc.stdin.write(json.dumps({"id": self.next_id, "op": op, **args}) + "\n")
        self.proc.stdin.flush()
        answer = self._line()
        assert answer["id"] == self.next_id, answer
        if not answer["ok"]:
            raise RuntimeError(f"firefox {op} {args}: {answer['error']}")
        return answer["value"]

    def goto(self, url: str) -> None:
        self._call("goto", url=url)

    def evaluate(self, expr: str) -> Any:
        return self._call("evaluate", expr=expr)

    def click(self, selector: str) -> None:
        self._call("click", selector=selector)

    def fill(self, selector: str, text: str) -> None:
        self._call("fill", selector=selector, text=text)

    def tap(self, selector: str) -> None:
        self._call("tap", selector=selector)

    def phone(self, width: int = 390, height: int = 844) -> tuple[int, int]:
        self._call("viewport", width=width, height=height)
        return tuple(self.evaluate("[innerWidth, innerHeight]"))

    def clipboard_text(self) -> str:
        # Firefox lets a page read back what a page of the same origin copied, without a prompt.
        return self.evaluate("navigator.clipboard.readText()")

    def traffic(self) -> tuple[list[str], list[str]]:
        # Every request of the page and its workers; every uncaught error.
        seen = self._call("events")
        return seen["requests"], seen["errors"]

    def close(self) -> None:
        try:
            self.proc.stdin.write(json.dumps({"op": "close"}) + "\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class WebKit(Engine):
    """WebKitGTK's MiniBrowser through ``WebKitWebDriver`` and Selenium, on its own Xvfb display."""

    name = "webkit"

    def __init__(self, page_load_timeout_s: float = 120):
        require(WEBKIT_DRIVER, "webkit2gtk-driver")
        require(MINIBROWSER, "webkit2gtk-driver")
        require("Xvfb", "xvfb")
        require("xclip", "xclip")
        from selenium import webdriver

        # -displayfd: the server picks a free display and writes its number when it is ready.
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.env = dict(os.environ, DISPLAY=":" + self.xvfb.stdout.readline().strip())
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = webdriver.WebKitGTKService(executable_path=WEBKIT_DRIVER, env=self.env)
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.terminate()
            self.xvfb.wait()
            raise
        self.driver.set_page_load_timeout(page_load_timeout_s)
        self.driver.set_script_timeout(page_load_timeout_s)
        self.version = f"webkitgtk/{self.driver.capabilities.get('browserVersion')}"
        self.seen: set[str] = set()

    def goto(self, url: str) -> None:
        self.seen.clear()
        self.driver.get(url)

    def evaluate(self, expr: str) -> Any:
        return self.driver.execute_script(f"return (async () => ({expr}))()")

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def fill(self, selector: str, text: str) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        field = self.driver.find_element(By.CSS_SELECTOR, selector)
        # in the middle of the screen, clear of a sticky header (the phone layout has two)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.click()
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(text)

    def tap(self, selector: str) -> None:
        from selenium.webdriver.common.actions import interaction
        from selenium.webdriver.common.actions.action_builder import ActionBuilder
        from selenium.webdriver.common.actions.pointer_input import PointerInput
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        # on screen, then touched at its middle (by coordinates: the element's own checks of
        # WebDriver refuse a link whose box wraps across lines)
        x, y = self.driver.execute_script("""const e = arguments[0];
            const r = e.getBoundingClientRect();
            if (r.top < 0 || r.bottom > innerHeight) e.scrollIntoView({block: "center"});
            const box = e.getClientRects()[0];
            return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];""", element)
        actions = ActionBuilder(self.driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"))
        actions.pointer_action.move_to_location(x, y).pointer_down().pointer_up()
        actions.perform()

    def phone(self, width: int = 390, height: int = 844) -> tuple[int, int]:
        # MiniBrowser's window has a toolbar, and GTK keeps it at least about 447 px wide
        self.driver.set_window_size(width, height)
        extra = self.evaluate("outerHeight - innerHeight")
        self.driver.set_window_size(width, height + extra)
        return tuple(self.evaluate("[innerWidth, innerHeight]"))

    def back(self) -> None:
        self.driver.back()

    def clipboard_text(self) -> str:
        # A page may not read the clipboard without a gesture here: read the display's clipboard,
        # as any other application the reader pastes into would.
        done = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=self.env,
                              capture_output=True, text=True, timeout=10)
        return done.stdout

    def traffic(self) -> tuple[list[str], list[str]]:
        # WebDriver classic reports neither network events nor page errors: the current page's
        # own requests come from Resource Timing (its workers' are not listed).
        names = self.evaluate("[location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]")
        fresh = [n for n in names if n not in self.seen]
        self.seen.update(fresh)
        return fresh, []

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait()


ENGINES = {"firefox": Firefox, "webkit": WebKit}
