// @ts-check
// Site-wide behavior, run after every page load and every instant navigation: the headings'
// link controls (section-links.js), checklist copying, offline copies of the site's files, and
// (only on calculator pages) the calculator runner, loaded on demand so guide pages never fetch it.

import { feature, readConfig } from "./config.js";
import { copyText } from "./clipboard.js";
import { ACTION, CLASS, DATA, button, dot, has } from "./contract.js";
import { sectionLinks } from "./section-links.js";

/** @param {Element} box */
export function checklistText(box) {
  const title = document.querySelector(".md-content h1")?.textContent?.replace("\u00b6", "").trim() || "";
  const items = [...box.querySelectorAll("li")].map((li, n) => {
    const ask = li.querySelector(dot(CLASS.checklist_question))?.textContent?.trim() || (li.textContent || "").trim();
    const done = /** @type {HTMLInputElement | null} */ (li.querySelector("input[type=checkbox]"))?.checked ? "[x]" : "[ ]";
    return `${done} ${n + 1}. ${ask}`;
  });
  return [title, "", ...items, "", location.href.split("#")[0]].join("\n");
}

function checklists() {
  for (const box of document.querySelectorAll(has(DATA.checklist))) {
    const copy = /** @type {HTMLElement | null} */ (box.querySelector(button(ACTION.copy_checklist)));
    const note = box.querySelector(dot(CLASS.checklist_note));
    if (!copy || !note || copy.dataset.ready) continue;
    copy.dataset.ready = "true";
    copy.addEventListener("click", async () => {
      note.textContent = (await copyText(checklistText(box)))
        ? "Copied. Paste it into an email." : "Copying is blocked here: select the list and copy it.";
    });
  }
}

// The runner is a bundle of its own (start.js), named in the page's config: guide pages never
// fetch it. On a calculator page opened directly it is already loading (its script follows the
// result container), and importing it again shares that one copy.
function calculators() {
  const config = readConfig();
  if (!config || !document.querySelector(`form${has(DATA.form)}`)) return;
  const runner = /** @type {Promise<typeof import("./start.js")>} */ (import(new URL(config.runner, document.baseURI).href));
  runner.then((start) => start.mountAll());
}

// A calculator page's runtime config (flags, the worker's URL), or null on other pages.
async function calculatorConfig() {
  if (!document.querySelector(`form${has(DATA.form)}`)) return null;
  return readConfig();
}

function onPage() {
  sectionLinks();
  checklists();
  calculators();
  // after an instant navigation, "ready offline" is decided again for the new page
  complete = 0;
  delete document.documentElement.dataset.offline;
  keepOffline();
}

// Offline copies: a same-origin service worker (sw.js at the site root) keeps the files this
// site's pages used in Cache Storage. It downloads nothing by itself: each page (and the
// calculator worker, via "calc:ready") hands it the list of files it already loaded.
const SITE_ROOT = new URL("../", import.meta.url);
/** @type {Promise<ServiceWorkerRegistration> | null} resolves once a worker is active */
let registration = null;
/** @type {string[]} */
const workerFiles = [];
// Copying the runtime (about 13 MB) into the cache waits a little, so that it does not compete
// with the reader's first edits.
document.addEventListener("calc:ready", (event) => {
  const detail = /** @type {CustomEvent<{urls?: string[]}>} */ (event).detail;
  workerFiles.push(...detail.urls || []);
  setTimeout(keepOffline, 3000);
});

// Each request carries an id; the service worker answers {type: "cached", id, added} once the
// files are stored. When the answer covers everything this page used (on a calculator page, the
// Python runtime too), <html data-offline="ready"> says the page works offline from now on.
let requests = 0;
let complete = 0; // id of the first request that covers everything this page uses
/** @type {Promise<void> | null} the warm-up, once started (at most once per page load) */
let warming = null;

function keepOffline() {
  if (!registration) return;
  const id = ++requests;
  if (!complete && (workerFiles.length || !document.querySelector(`form${has(DATA.form)}`))) complete = id;
  const used = [location.href, ...performance.getEntriesByType("resource").map((e) => e.name), ...workerFiles]
    .filter((u) => u.startsWith(SITE_ROOT.href));
  registration.then((reg) => reg.active && reg.active.postMessage({ type: "cache", id, urls: used }), () => {});
}

if ("serviceWorker" in navigator) {
  // A new deploy's worker empties the old caches when it takes over this page: hand it this
  // page's files. (Its "updatefound" may come before this page registers, so not from there.)
  navigator.serviceWorker.addEventListener("controllerchange", () => keepOffline());
  navigator.serviceWorker.addEventListener("message", async (event) => {
    const msg = event.data || {};
    if (msg.type !== "cached") return;
    const modules = /** @type {string[]} */ (msg.added || []).filter((u) => u.startsWith(SITE_ROOT.href) && u.endsWith(".mjs"));
    if (modules.length && !warming) warming = warmUp([...new Set(modules)]).catch(() => {});
    if (warming) await warming;
    if (complete && msg.id >= complete) document.documentElement.dataset.offline = "ready";
  });
}

// The runtime's modules were just stored for offline use: a short-lived copy of the calculator
// worker imports them once from there, so that the browser keeps their compiled code and the
// next visit starts sooner (worker.js, "Warm-up"). It runs off the page's thread, once.
/** @param {string[]} urls */
async function warmUp(urls) {
  const config = await calculatorConfig();
  if (!config || !feature("warm_up")) return;
  await new Promise((resolve) => {
    /** @type {Worker | undefined} */
    let worker;
    const end = () => { if (worker) worker.terminate(); resolve(undefined); };
    try {
      worker = new Worker(new URL(config.worker, document.baseURI), { type: "module" });
    } catch {
      return resolve(undefined);
    }
    worker.onmessage = end;
    worker.onerror = (event) => { event.preventDefault(); end(); };
    setTimeout(end, 20000);
    worker.postMessage({ type: "warm", urls });
  });
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname }).then(
    (reg) => {
      registration = navigator.serviceWorker.ready;
      keepOffline();
    },
    () => {});
}

// Material's document$ announces every page, the first one included. On a calculator page the
// theme's bundle arrives after this script has run (theme-later.js): this
// page is done, so follow the pages after it.
/** @param {NonNullable<Window["document$"]>} pages */
function followPages(pages) {
  let first = true;
  pages.subscribe(() => { if (!first) onPage(); first = false; });
}

if (window.document$) window.document$.subscribe(onPage);
else {
  onPage();
  document.addEventListener("theme:loaded", () => { if (window.document$) followPages(window.document$); }, { once: true });
}
// On a calculator page the service worker starts once Python has answered (or after 15 s), so
// that it does not compete with Python's start-up; elsewhere once the page has loaded.
async function registerWhenQuiet() {
  const config = await calculatorConfig().catch(() => null);
  if (!config || !feature("service_worker_later")) return registerServiceWorker();
  let started = false;
  const start = () => { if (!started) { started = true; registerServiceWorker(); } };
  if (document.querySelector(`${has(DATA.result)}${has(DATA.boot)}`)) setTimeout(start, 500); // already answered
  else document.addEventListener("calc:ready", () => setTimeout(start, 500), { once: true });
  setTimeout(start, 15000);
}

if (document.readyState === "complete") registerWhenQuiet();
else window.addEventListener("load", registerWhenQuiet, { once: true });
