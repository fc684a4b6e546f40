// @ts-check
// Drives Firefox ESR for the cross-engine browser tests (tests/engine_drivers.py), over WebDriver BiDi
// with puppeteer-core: nothing is downloaded, the browser is Debian's firefox-esr.
//
// One browser, one page. Commands arrive as JSON lines on stdin, {id, op, ...args}; each answer
// is one JSON line on stdout, {id, ok: true, value} or {id, ok: false, error}. The first line
// written is {ready: true, version} once the browser has started.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const executablePath = process.env.FIREFOX || "/usr/bin/firefox-esr";
/** @param {object} msg */
const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");

// FIREFOX_PREFS: JSON of preferences to start with (a phone: a coarse pointer, test_engines_phone.py)
const extraPrefsFirefox = JSON.parse(process.env.FIREFOX_PREFS || "{}");
const browser = await puppeteer.launch({ browser: "firefox", executablePath, headless: true, extraPrefsFirefox });
const page = await browser.newPage();
page.setDefaultTimeout(120000);
/** @type {{errors: string[], requests: string[]}} */
const events = { errors: [], requests: [] };
// Uncaught errors of the page's scripts. Firefox also puts its reports of loads that did not
// complete here ("Failed to load ‘URL’. ..."): each load a service worker was still answering
// when the page is left, for one (on a calculator page the theme's bundle, the search index and
// the favicon load after the result, and some arrive after the next page has opened), and every
// file it cannot reach offline. Those are not the page's errors (Chromium does not report them
// as such either); what the page does without them, the tests check.
const LOAD_REPORT = /^Failed to load ‘/;
page.on("pageerror", (error) => {
  const text = String((error && /** @type {Error} */ (error).message) || error);
  if (!LOAD_REPORT.test(text)) events.errors.push(text);
});
page.on("request", (request) => events.requests.push(request.url()));

/** @type {Record<string, (args: any) => Promise<unknown>>} */
const ops = {
  async goto({ url }) {
    await page.goto(url, { waitUntil: "domcontentloaded" });
  },
  // `expr` is a JavaScript expression, evaluated in the page; a promise is awaited.
  async evaluate({ expr }) {
    return await page.evaluate(`(async () => (${expr}))()`);
  },
  async initScript({ source }) {
    await page.evaluateOnNewDocument(source);
  },
  async click({ selector }) {
    await page.click(selector);
  },
  // A touch on the element (WebDriver BiDi touch actions).
  async tap({ selector }) {
    await page.tap(selector);
  },
  async viewport({ width, height }) {
    await page.setViewport({ width, height, hasTouch: true, isMobile: true });
  },
  // Replace a field's value as a reader does: select what is there, type over it.
  async fill({ selector, text }) {
    await page.focus(selector);
    await page.keyboard.down("Control");
    await page.keyboard.press("KeyA");
    await page.keyboard.up("Control");
    await page.keyboard.type(text);
  },
  // Requests (the page's and its workers') and uncaught page errors since the last call.
  async events() {
    return { requests: events.requests.splice(0), errors: events.errors.splice(0) };
  },
};

send({ ready: true, version: await browser.version() });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, op, ...args } = JSON.parse(line);
  if (op === "close") break;
  try {
    send({ id, ok: true, value: (await ops[op](args)) ?? null });
  } catch (error) {
    send({ id, ok: false, error: String((error && /** @type {Error} */ (error).stack) || error) });
  }
}
await browser.close();
