// @ts-check
// Service worker (entry): offline copies of this site's own files. tools/offline.py bundles it
// to the site root as sw.js with this build's id and file lists (the __NAME__ globals below).
//
// What it stores (Cache Storage, this origin only): pages and assets the reader has opened, and
// the Python runtime files a calculator page has used. Never form inputs: requests carry none
// (inputs live in the address bar's query string, which is stripped from cached page keys).
//
// - Runtime files (pyodide/VERSION/...) are named by content: cache-first, kept across builds
//   while this build still uses them, deleted once it does not.
// - Pages and assets: network first, the cached copy only when the network fails; the theme's
//   assets, whose names carry a hash of their content, cache first. The cache name carries
//   the build id; a new build's worker deletes every older cache on activation.
// - At install, only the theme's bundle and search worker script, which every page has just
//   run (so they come from the HTTP cache): a script stored while a service worker installs gets
//   its compiled code stored with it, so a returning visit does not compile them again. A guide
//   page never downloads the runtime: a page tells the worker which files it used
//   ({type: "cache", urls}); those are copied (mostly from the HTTP cache) so that the first
//   visit already works offline afterwards. The files the calculator worker inflated from their
//   xz copies (the wasm, the used standard library), which the network does not send as they
//   are, it has stored in the runtime cache itself (web/worker/inflated.js).

import { CACHE_PREFIX, PAGES_CACHE_PREFIX, RUNTIME_CACHE } from "../shared/offline.js";

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const BUILD = __BUILD__;
const RUNTIME_FILES = __RUNTIME_FILES__; // site paths of the boot files (the boot manifest's)
const THEME_SCRIPTS = __THEME_SCRIPTS__; // the theme's bundle and search worker (hashed names)
const PAGES = `${PAGES_CACHE_PREFIX}${BUILD}`;
const RUNTIME = RUNTIME_CACHE;
const ROOT = new URL("./", self.location.href);
const RUNTIME_PREFIX = new URL(__RUNTIME__, ROOT).href; // the runtime's folder: every file named by its content
const KEEP = new Set(RUNTIME_FILES.map((path) => new URL(path, ROOT).href));
const SNAPSHOT = __SNAPSHOT__ ? new URL(__SNAPSHOT__, ROOT).href : ""; // the memory snapshot, if the build has one

// The theme's scripts and style sheets, and the calculator scripts (the runner, the worker and
// its lazy modules): their names carry a hash of their content.
const THEME_ASSETS = ["assets/javascripts/", "assets/stylesheets/"].map((path) => new URL(path, ROOT).href);
const CALC_SCRIPTS = new URL(__CALC_SCRIPTS__, ROOT).href; // every .js file there is named by its content
/** @param {URL} url */
const isHashed = (url) => THEME_ASSETS.some((prefix) => url.href.startsWith(prefix))
  || (url.href.startsWith(CALC_SCRIPTS) && url.pathname.endsWith(".js"));

sw.addEventListener("install", (event) => {
  // Where the browser supports static routes, runtime files and the theme's hashed assets come
  // straight from the cache (or the network on a miss) without starting this worker: the warm
  // boot does not wait for it, and scripts read from Cache Storage come with their compiled code.
  if (event.addRoutes) {
    event.waitUntil(event.addRoutes([
      { condition: { urlPattern: { pathname: `${new URL(RUNTIME_PREFIX).pathname}*` } }, source: { cacheName: RUNTIME } },
      ...THEME_ASSETS.map((prefix) => ({
        condition: { urlPattern: { pathname: `${new URL(prefix).pathname}*` } }, source: { cacheName: PAGES } })),
      { condition: { urlPattern: { pathname: `${new URL(CALC_SCRIPTS).pathname}*.js` } }, source: { cacheName: PAGES } },
    ]).catch(() => {}));
  }
  event.waitUntil(caches.open(PAGES)
    .then((cache) => cache.addAll(THEME_SCRIPTS.map((path) => new URL(path, ROOT).href)))
    .catch(() => {})); // offline copies come later anyway; installing must not fail on this
  sw.skipWaiting();
});

sw.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // No navigation preload: with it on, Firefox (ESR 153) fails a navigation whose preload
    // request fails, before this worker can answer from the cache, so no page opened offline.
    // Turned off explicitly, as earlier builds turned it on for their registration.
    if (sw.registration.navigationPreload) await sw.registration.navigationPreload.disable();
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== PAGES && name !== RUNTIME) await caches.delete(name);
    }
    const runtime = await caches.open(RUNTIME);
    for (const request of await runtime.keys()) {
      if (!KEEP.has(request.url)) await runtime.delete(request);
    }
  })());
});

// A worker a newer build has replaced stores nothing more: storing still under way when the new
// one took over would bring back the caches it has just deleted (caches.open creates them).
function retired() {
  return Boolean(sw.serviceWorker) && sw.serviceWorker.state === "redundant";
}

/** @param {URL} url */
function isPage(url) {
  return url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

// Pages are stored without their query string (a shared link's inputs are not kept).
/** @param {string} url */
function cacheKey(url) {
  const key = new URL(url);
  if (isPage(key)) key.search = "";
  key.hash = "";
  return key.href;
}

/** @param {URL} url */
function inScope(url) {
  return url.href.startsWith(ROOT.href) && !url.pathname.endsWith("/sw.js");
}

// The memory snapshot (gzipped) is kept inflated: a returning visit then skips inflating it on
// the calculator worker's thread (the worker reads either form).
/**
 * @param {string} url
 * @param {Response} response
 */
async function storable(url, response) {
  if (url !== SNAPSHOT) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const body = gzip ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : bytes;
  return new Response(body, { status: 200, headers: { "Content-Type": "application/octet-stream" } });
}

// Runtime files stored by runtimeFirst since this worker started, reported by the next keep().
const fresh = new Set();

/** @param {Request} request */
async function runtimeFirst(request) {
  const cache = await caches.open(RUNTIME);
  const hit = await cache.match(request.url);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.status === 200 && KEEP.has(request.url) && !retired()) {
    storable(request.url, response.clone()).then((copy) => cache.put(request.url, copy))
      .then(() => fresh.add(request.url), () => {});
  }
  return response;
}

// A hashed asset's name changes with its content: the copy of this build is always right.
/** @param {Request} request */
async function themeFirst(request) {
  const hit = await (await caches.open(PAGES)).match(request.url);
  return hit || networkFirst(request);
}

// The stored copy is rewritten only when the file changed (its validator differs): on a
// returning visit most requests revalidate to the very same file.
/**
 * @param {Response} a
 * @param {Response} b
 */
function sameFile(a, b) {
  /** @param {Response} r */
  const validator = (r) => r.headers.get("ETag") || r.headers.get("Last-Modified");
  return Boolean(validator(a)) && validator(a) === validator(b);
}

/** @param {Request} request */
async function networkFirst(request) {
  const key = cacheKey(request.url);
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === "basic" && !retired()) {
      const copy = response.clone();
      caches.open(PAGES).then(async (cache) => {
        const old = await cache.match(key);
        if (!old || !sameFile(old, copy)) await cache.put(key, copy);
      }).catch(() => {});
    }
    return response;
  } catch (err) {
    const hit = await (await caches.open(PAGES)).match(key);
    if (hit) return hit;
    throw err;
  }
}

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || !inScope(url) || request.headers.has("range")) return;
  if (url.href.startsWith(RUNTIME_PREFIX)) event.respondWith(runtimeFirst(request));
  else if (isHashed(url)) event.respondWith(themeFirst(request));
  else event.respondWith(networkFirst(request));
});

// Copy what a page used into the caches (from the HTTP cache when it has them). Returns the
// URLs of the runtime files stored just now.
/**
 * @param {string[]} urls
 * @returns {Promise<string[]>}
 */
async function keep(urls) {
  if (retired()) return [];
  const pages = await caches.open(PAGES);
  const runtime = await caches.open(RUNTIME);
  const added = [];
  for (const raw of urls) {
    let url;
    try { url = new URL(raw, ROOT); } catch { continue; }
    if (!inScope(url)) continue;
    const isRuntime = url.href.startsWith(RUNTIME_PREFIX);
    if (isRuntime && !KEEP.has(url.href)) continue;
    const cache = isRuntime ? runtime : pages;
    const key = isRuntime ? url.href : cacheKey(url.href);
    if (await cache.match(key)) continue;
    try {
      const response = await fetch(url.href);
      if (retired()) break;
      if (response.status === 200) {
        await cache.put(key, await storable(key, response));
        if (isRuntime) added.push(key);
      }
    } catch {
      // offline or gone: the next visit tries again
    }
  }
  for (const url of fresh) added.push(url);
  fresh.clear();
  return added;
}

// One keep() at a time: a request that arrives while another is storing the same files waits,
// then finds them stored (and does not report them as added a second time).
/** @type {Promise<string[]>} */
let queue = Promise.resolve([]);

sw.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "cache" && Array.isArray(msg.urls)) {
    const done = queue.then(() => keep(msg.urls.slice(0, 500)));
    queue = done.catch(() => []); // a failed request does not hold up the next ones
    event.waitUntil(queue);
    done.then((added) => event.source && event.source.postMessage({ type: "cached", build: BUILD, id: msg.id, added }),
      () => {});
  }
});
