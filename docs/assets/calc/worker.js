// Module Web Worker: boots Pyodide from the site's own copy and runs calculators on request.
// Boot:         the same fields in the worker's name (runtime=...&lock=..., set by the page:
//               the script itself is cached by its content hash, so its URL cannot carry them)
//               start the boot as soon as this script runs; "init" then only asks for "ready".
// Messages in:  {type: "init", runtime, lock, stdlib, snapshot}   (absolute URLs; the last two may be "")
//               {type: "wasm", module?}   (the page's compiled wasm, when the boot fields say wasm=page)
//               {type: "run", id, slug, inputs}
//               {type: "warm", urls}   (site.js, after a first visit: see "Warm-up" below)
// Messages out: {type: "progress", loaded, total, step}   (while booting: bytes on the wire so far,
//                 of a total known from the responses' headers; a step of the boot)
//               {type: "ready", ms, mode, steps, fallback?} | {type: "fatal", message}
//               {type: "result", id, reply}   (reply: {ok, result} | {ok: false, errors} | {ok: false, crash})
//               {type: "warmed"}
//
// Boot paths, fastest first on a fast link:
//   snapshot: restore a memory snapshot made at build time (calculators already imported);
//   pyc:      a normal start with the standard library precompiled to .pyc, then load the wheel:
//             with only the part of it the calculators import (stdlibUsed, a third of the
//             bytes) where the link is slow, since there the snapshot's extra bytes cost more
//             time than the start-up it saves (see choosePath).
// Any failure of the snapshot path (missing or corrupt file, engine without what it needs) falls
// back to the pyc path; a missing pyc zip falls back to the npm one (stdlib "" = npm default).

let handle = null;
let booting = null;
const steps = {}; // milliseconds since the worker started, per step (reported for the benchmark)
const mark = (name) => { steps[name] = Math.round(performance.now()); reportProgress(name); };

// Download progress while booting, so that the page can show how far the download is and judge a
// stalled boot by bytes that stop coming rather than by total time. Every download goes through
// networkFetch, whose bodies are counted here. A file's share of the total is its size on the
// wire (Content-Length); the bytes counted are decoded ones, so a compressed response (the wasm)
// needs its decoded size: the page passes the wasm's (boot field wasmBytes); without it that
// file counts only once it is complete.
const downloads = new Map(); // url -> {wire, decoded, received}
let expected = []; // the boot's main downloads: no total is reported before all have started
let wasmBytes = 0;
let progressTimer = 0;
let booted = false;

function reportProgress(step = "") {
  if (booted) return;
  if (step) { postProgress(step); return; }
  if (!progressTimer) progressTimer = setTimeout(() => { progressTimer = 0; postProgress(""); }, 200);
}

function postProgress(step) {
  let loaded = 0;
  let total = 0;
  if (!expected.length || !expected.every((url) => downloads.has(url))) {
    self.postMessage({ type: "progress", loaded: 0, total: 0, step });
    return;
  }
  for (const file of downloads.values()) {
    total += file.wire;
    loaded += file.decoded ? file.wire * Math.min(1, file.received / file.decoded) : file.done ? file.wire : 0;
  }
  self.postMessage({ type: "progress", loaded: Math.round(loaded), total, step });
}

function counted(response, url) {
  if (booted || !response.ok || !response.body) return response;
  const wire = Number(response.headers.get("Content-Length")) || 0;
  const encoded = Boolean(response.headers.get("Content-Encoding"));
  const decoded = encoded ? (url === wasmUrl || url.endsWith("/pyodide.asm.wasm") ? wasmBytes : 0) : wire;
  const file = { wire, decoded, received: 0, done: false, since: performance.now() };
  downloads.set(url, file);
  reportProgress();
  // Counted as the bytes arrive, not as their consumer reads them (the wasm's compiler reads
  // at its own pace): one branch of the body is read here at once, the other is handed on.
  const [counting, body] = response.body.tee();
  (async () => {
    const reader = counting.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        file.received += value.byteLength;
        reportProgress();
      }
      file.done = true;
      reportProgress();
    } catch { /* the download failed: its consumer reports it */ }
  })();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// The runtime's wasm is compiled ahead, from the start of the boot, in parallel with the
// snapshot download (loadPyodide would only start compiling once the snapshot is in). When
// loadPyodide instantiates it, the compiled module is used; if compiling ahead failed, the
// runtime's own path runs as usual. On a returning visit the page compiles it from its offline
// copy ("wasm=page" in the boot fields, then a {type: "wasm", module} message): this thread then
// has the snapshot, the modules and Pyodide's restore to itself. Without a module from the page
// (not stored yet, or compiling failed there) it is compiled here after all.
let wasmUrl = "";
let hooked = false; // instantiateStreaming goes through the hook below (a snapshot boot needs it)
let wasmModule = null; // Promise<WebAssembly.Module>
const canCompileAhead = typeof WebAssembly === "object" && typeof WebAssembly.compileStreaming === "function";
if (canCompileAhead && typeof WebAssembly.instantiateStreaming === "function") {
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (source, imports) => {
    let result = null;
    if (wasmModule) {
      try {
        const module = await wasmModule;
        result = { module, instance: await WebAssembly.instantiate(module, imports) };
      } catch (err) {
        wasmModule = null;
        source = networkFetch(wasmUrl, { credentials: "same-origin" });
      }
    }
    try {
      if (!result) result = await instantiateStreaming(source, imports);
      mark("wasmInstantiated");
      // Pyodide copies the snapshot in right after the main module's instantiation: complete it
      if (snapshot) {
        await snapshot.fill(result.instance);
        await snapshot.settled;
      }
    } catch (err) {
      // Pyodide would retry without this hook, and restore a snapshot missing its blocks
      if (snapshot) snapshot.wipe();
      throw err;
    }
    return result;
  };
  hooked = true;
}

function compileAhead(url, fromPage) {
  wasmUrl = url;
  if (!canCompileAhead) return false;
  const compileHere = () => WebAssembly.compileStreaming(networkFetch(url, { credentials: "same-origin" }));
  const fromPageOrHere = (module) => (module ? (mark("wasmFromPage"), module) : compileHere());
  wasmModule = fromPage && hooked ? pageModule.then(fromPageOrHere) : compileHere();
  wasmModule.then(() => mark("wasmCompiled"), () => {});
  return true;
}

// The module the page compiled, or null ({type: "wasm"} message; see compileAhead).
let deliverModule;
const pageModule = new Promise((resolve) => { deliverModule = resolve; });

// The snapshot boot under way: {early, settled}. Pyodide needs only the snapshot's length before
// it instantiates the wasm (to size its memory) and reads the bytes right after. So `early`
// hands it the full-size array as soon as the header is in, and the instantiation runs while the
// blocks still arrive; instantiateStreaming (above) then waits for `settled`. If the download
// fails after that, the array's header is wiped: Pyodide's restore then rejects it (bad magic)
// and the boot falls back to the .pyc path instead of running on half a snapshot.
let snapshot = null;

function fetchSnapshot(url) {
  let out = null;
  let header = null;
  let sized;
  const size = new Promise((resolve) => { sized = resolve; });
  // The decoder (snapshot.js, where the file's format is described) is imported alongside the
  // download, so that it does not hold up the start of this worker.
  const codec = import("./snapshot.js");
  const done = (async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const { unpack } = await codec;
    const bytes = await unpack(response, (array, head) => { out = array; header = head; sized(array); });
    mark("snapshotFetched");
    return bytes;
  })();
  let wipe = () => {};
  codec.then((c) => { wipe = () => { if (out) c.wipe(out); }; }, () => {});
  const settled = done.then(() => {}, () => wipe());
  // Called with the instantiated wasm, before Pyodide restores: copy the blocks that equal its
  // data segments from its memory (the header and the decoder are in by then: Pyodide had the
  // array's length). Only the first instantiation is the main module's: later ones are left alone.
  let filled = false;
  const fill = async (instance) => {
    if (filled) return;
    filled = true;
    const { fillFromWasm } = await codec;
    fillFromWasm(out, header, new Uint8Array(instance.exports.memory.buffer));
  };
  return { early: Promise.race([size, done]), settled, fill, wipe: () => wipe() };
}

function snapshotSupported() {
  return typeof DecompressionStream === "function" && typeof ReadableStream === "function" && hooked;
}

async function bootSnapshot(loadPyodide, runtime, lock, stdlib, bytes) {
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: lock,
    stdLibURL: stdlib || undefined,
    _loadSnapshot: bytes,
    stdout: () => {},
    stderr: () => {},
  });
  mark("restored");
  // The snapshot froze the interpreter's state, random's included: reseed from the OS. (Direct
  // calls here and below: runPython would parse and compile source first.)
  call(pyodide, "random", "seed");
  const fn = settle(pyodide);
  // Cheap self-check that the restored interpreter answers: an unknown slug gives a field error.
  const probe = JSON.parse(fn(JSON.stringify({ slug: "", inputs: {} })));
  if (probe.ok !== false || !probe.errors) throw new Error("snapshot: restored interpreter did not answer");
  python = pyodide;
  restored = true;
  return fn;
}

async function bootPyc(loadPyodide, runtime, lock, stdlib) {
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: lock,
    stdLibURL: stdlib || undefined,
    packages: ["calculators"],
    stdout: () => {},
    stderr: () => {},
  });
  mark("loaded");
  python = pyodide;
  return settle(pyodide);
}

// The calculators' entry point, once start-up is over. Everything made so far lives for the
// whole visit: gc.freeze() puts it out of the cyclic collector's reach, so that a collection
// during a recalculation stays short.
function settle(pyodide) {
  const fn = pyodide.pyimport("calculators.web").handle;
  call(pyodide, "gc", "freeze");
  return fn;
}

// module.name() for an imported module, without keeping a proxy of it.
function call(pyodide, module, name) {
  const proxy = pyodide.pyimport(module);
  try { proxy[name](); } finally { proxy.destroy(); }
}

// The standard library after a snapshot boot. Every module the calculators use is imported in
// the snapshot, so the first answer needs none of the 4.5 MB zip; Pyodide would still fetch and
// mount it before restoring, which costs the worker's thread 20-40 ms. So a snapshot boot hands
// Pyodide an empty zip in its place, and the real one is fetched and written over it after the
// first answer (zipimport's index of it, made at build time, is in the snapshot). A run that
// fails before then is run again once the real zip is in.
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
let python = null; // the booted Pyodide (set by a snapshot boot once it answers)
let restored = false; // python came from the snapshot
let stdlibLater = ""; // URL of the standard library while an empty zip stands in for it
let stdlibInstall = null; // Promise: the real zip written in place

function installStdlib() {
  if (!stdlibInstall) {
    const url = stdlibLater;
    stdlibInstall = (async () => {
      const response = await networkFetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`standard library: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      python.FS.writeFile(python.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))"), bytes);
      // a .pyc boot's zipimport has read the smaller zip's index: read the whole one's instead
      // (a snapshot boot's index, made at build time, is already the whole zip's)
      if (!restored) python.runPython("import importlib, zipimport; zipimport._zip_directory_cache.clear(); importlib.invalidate_caches()");
      stdlibLater = "";
    })();
    stdlibInstall.catch(() => { stdlibInstall = null; }); // the next run tries again
  }
  return stdlibInstall;
}

// fetch() answers for URLs fetched ahead: each early response is used once, by the first
// fetch of its URL (loadPyodide's); anything else, or a failed early fetch, goes to the network.
const ahead = new Map();
const rawFetch = self.fetch.bind(self);
const networkFetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return rawFetch(input, init).then((response) => counted(response, url));
};
function prefetch(urls) {
  for (const url of urls) {
    const response = networkFetch(url, { credentials: "same-origin" });
    response.catch(() => {});
    ahead.set(url, response);
  }
}
self.fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  // the wasm compiled ahead: loadPyodide's own download is not needed (see instantiateStreaming)
  if (url === wasmUrl && wasmModule) return Promise.resolve(new Response(null, { headers: { "Content-Type": "application/wasm" } }));
  if (url === stdlibLater && !python) return Promise.resolve(new Response(EMPTY_ZIP, { headers: { "Content-Type": "application/zip" } }));
  const early = ahead.get(url);
  if (early) {
    ahead.delete(url);
    return early.catch(() => networkFetch(input, init));
  }
  return networkFetch(input, init);
};

// Which boot path to take. A returning visit takes the one whose files are stored offline (no
// download at all). A first visit weighs the link: the snapshot costs about 2 MB more on the
// wire than the .pyc boot with the used part of the standard library, and saves about 0.6 s of
// start-up on a desktop processor (more on a phone's): at 25 Mbit/s the two break even on a
// desktop. Below SNAPSHOT_MIN_BPS the .pyc boot is taken; set lower than that break-even so that
// a fast link read low (a busy processor delays the first chunks) keeps the snapshot. The speed
// is the bytes on the wire of every download so far (the wasm, the lock file) over the time
// since the first response, read once LINK_SAMPLE bytes are in: the wasm's download has started
// by then, and on a slow link it keeps the link busy while this is decided.
const SNAPSHOT_MIN_BPS = 12e6;
const LINK_SAMPLE = 512 * 1024; // bytes on the wire
const LINK_WAIT_MS = 3000; // a link this slow to send them is slow (whatever came by then is measured)

async function stored(url) {
  try { return Boolean(url && self.caches && (await caches.match(url))); } catch { return false; }
}

function onWire(wasm) {
  let bytes = 0;
  let first = Infinity;
  let done = true;
  for (const file of downloads.values()) {
    first = Math.min(first, file.since);
    done = done && file.done;
    bytes += file.decoded ? file.wire * Math.min(1, file.received / file.decoded) : file.done ? file.wire : 0;
  }
  return { bytes, first, done: done && downloads.has(wasm) };
}

function linkSpeed(wasm) {
  return new Promise((resolve) => {
    const started = performance.now();
    const poll = setInterval(() => {
      const { bytes, first, done } = onWire(wasm);
      const now = performance.now();
      const bps = (8 * bytes * 1000) / Math.max(now - first, 1);
      // a clearly fast link is known from its first chunks; a slower one is given the sample
      const clear = bytes >= LINK_SAMPLE / 8 && bps >= 2 * SNAPSHOT_MIN_BPS;
      if (!clear && bytes < LINK_SAMPLE && !done && now - started < LINK_WAIT_MS) return;
      clearInterval(poll);
      // no response at all yet says nothing about the link (a busy processor): keep the snapshot
      resolve(first === Infinity ? Infinity : bps);
    }, 5);
  });
}

async function choosePath(init, wasm, compiledHere) {
  if (!init.snapshot || !snapshotSupported()) return "pyc";
  if (!init.stdlibUsed || init.choose === "snapshot") return "snapshot";
  if (init.choose === "pyc") return "pyc";
  const [snap, used] = await Promise.all([stored(init.snapshot), stored(init.stdlibUsed)]);
  if (snap) return "snapshot";
  if (used) return "pyc";
  if (!compiledHere) return "snapshot"; // the page has the wasm (stored): nothing to measure
  const bps = await linkSpeed(wasm);
  steps.linkMbps = Number.isFinite(bps) ? Math.round(bps / 1e5) / 10 : -1;
  return bps >= SNAPSHOT_MIN_BPS ? "snapshot" : "pyc";
}

let bootFields = {};

async function boot(init) {
  bootFields = init;
  const { runtime, lock, stdlib } = init;
  wasmBytes = Number(init.wasmBytes) || 0;
  const started = performance.now();
  mark("start");
  // Start every download at once: the wasm is compiled ahead (above); the lock file (and, for
  // the .pyc boot, the stdlib) are fetched here and handed to loadPyodide when it asks for them
  // (prefetch); the runtime's large JS module is imported later from the same URL (the module
  // map shares it). A snapshot boot fetches the stdlib after its first answer (installStdlib).
  const wasm = new URL("pyodide.asm.wasm", runtime).href;
  const stdlibUrl = stdlib || new URL("python_stdlib.zip", runtime).href;
  const fromPage = init.wasm === "page";
  const compiling = compileAhead(wasm, fromPage);
  prefetch(compiling ? [lock] : [wasm, lock]);
  import(new URL("pyodide.asm.mjs", runtime).href).catch(() => {});
  const path = await choosePath(init, wasm, !compiling || !fromPage);
  mark("chosen");
  // The .pyc boot reads the used part of the standard library where there is one; a module
  // outside it is read from the whole one, fetched then (see run below).
  const pycStdlib = init.stdlibUsed || stdlibUrl;
  const early = path === "snapshot" ? (snapshot = fetchSnapshot(init.snapshot)).early : null;
  if (early) early.catch(() => {}); // awaited by loadPyodide; a failure falls back to the pyc boot
  if (early) stdlibLater = stdlibUrl;
  else prefetch([pycStdlib]);
  expected = [...(fromPage ? [] : [wasm]), lock, early ? init.snapshot : pycStdlib];
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  mark("imported");
  let mode = "pyc";
  let fallback;
  if (early) {
    try {
      handle = await bootSnapshot(loadPyodide, runtime, lock, stdlib, early);
      mode = "snapshot";
    } catch (err) {
      fallback = String((err && err.message) || err).slice(0, 200);
      python = null;
      stdlibLater = ""; // the .pyc boot reads its own
      prefetch([pycStdlib]);
    }
    snapshot = null;
  } else if (init.snapshot && !snapshotSupported()) {
    fallback = "snapshot: this browser lacks DecompressionStream or streaming WebAssembly";
  }
  if (!handle) {
    handle = await bootPyc(loadPyodide, runtime, lock, pycStdlib);
    if (pycStdlib !== stdlibUrl) stdlibLater = stdlibUrl;
  }
  mark("ready");
  booted = true;
  // The files this boot used, so that the page can ask the service worker to keep them offline.
  // Not the whole standard library: it is fetched only if a module outside what this boot has
  // is ever imported (then it is in the HTTP cache for the service worker to keep).
  const urls = [...new Set(performance.getEntriesByType("resource").map((e) => e.name))];
  return { ms: Math.round(performance.now() - started), mode: path === "pyc" && pycStdlib !== stdlibUrl && mode === "pyc" ? "pyc-used" : mode,
           steps, fallback, urls };
}

// Warm-up (a separate, short-lived instance of this worker, started by site.js after a first
// visit): import the runtime's modules once from the copies the service worker has just stored.
// Chrome keeps compiled code with a cached script from its first run out of Cache Storage, so
// the next visit does not compile them again. Only this site's files are imported.
async function warm(urls) {
  for (const url of Array.isArray(urls) ? urls : []) {
    if (new URL(url, self.location.href).origin !== self.location.origin) continue;
    try { await import(url); } catch { /* nothing to keep */ }
  }
}

function run({ slug, inputs }) {
  try {
    return JSON.parse(handle(JSON.stringify({ slug, inputs })));
  } catch (err) {
    return { ok: false, crash: String((err && err.message) || err) };
  }
}

// A failed download inside the runtime can surface as an unhandled rejection: report it once.
let ready = false;
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!ready) self.postMessage({ type: "fatal", message: String((event.reason && event.reason.message) || event.reason) });
});

if (self.name) {
  const init = Object.fromEntries(new URLSearchParams(self.name));
  if (init.runtime) {
    booting = boot(init);
    booting.catch(() => {}); // reported when "init" arrives
  }
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    if (!booting) booting = boot(msg);
    try {
      const info = await booting;
      ready = true;
      self.postMessage({ type: "ready", ...info });
    } catch (err) {
      self.postMessage({ type: "fatal", message: String((err && err.message) || err) });
    }
  } else if (msg.type === "wasm") {
    deliverModule(msg.module instanceof WebAssembly.Module ? msg.module : null);
  } else if (msg.type === "warm") {
    await warm(msg.urls);
    self.postMessage({ type: "warmed" });
  } else if (msg.type === "run") {
    let reply = run(msg);
    if (reply.crash && stdlibLater) { // perhaps a module outside the snapshot: again, with the stdlib
      try { await installStdlib(); reply = run(msg); } catch { /* keep the first reply */ }
    }
    self.postMessage({ type: "result", id: msg.id, reply });
    // stdlibEager (a switch for comparison): fetch the whole standard library after the first
    // answer, as this page did before, rather than only when a module outside the boot's is needed
    if (stdlibLater && bootFields.stdlibEager) installStdlib().catch(() => {});
  }
};
