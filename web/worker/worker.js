// @ts-check
// Module Web Worker: boots Pyodide from the site's own copy and runs calculators on request.
// Boot fields:  {runtime, lock, stdlib, snapshot, stdlibUsed, stdlibUsedXz, wasmXz, xzDecoder, wasm, wasmBytes, flags}
//               as JSON in the worker's name
//               (launch.js: the script itself is cached by its content hash, so its URL cannot
//               carry them): the boot starts as soon as this script runs; "init" then only asks
//               for "ready". URLs are absolute; stdlib and snapshot may be "". wasm: "page" when
//               the page compiles the wasm. flags: the page config's switches this worker
//               reads (compile_ahead, prefetch, stdlib_later, stdlib_on_demand, boot_by_speed,
//               gc_freeze; macros/page_config.py). stdlibUsed: the part of the .pyc standard
//               library the calculators import; wasmXz, stdlibUsedXz, xzDecoder: the wasm and
//               stdlibUsed xz-compressed, and their decoder ("Wasm on the wire"); wasmBytes: the
//               wasm's size (for the progress).
// Messages in:  {type: "init", boot}   (the same fields)
//               {type: "wasm", module?}   (the page's compiled wasm, when the boot fields say wasm=page)
//               {type: "run", id, slug, inputs}
//               {type: "warm", urls}   (site.js, after a first visit: see "Warm-up" below)
// Messages out: {type: "progress", files: [{url, loaded, total, wire, done}], settled, step}
//                 (after "init", see "Progress")
//               {type: "ready", ms, mode, stdlib, steps, fallback?, urls, inflated} | {type: "fatal", message}
//                 (mode: "snapshot" | "pyc"; stdlib: the standard library the boot read, "none" |
//                 "used" | "whole"; inflated: [{url, blob}], files inflated from xz, for the
//                 offline copy)
//               {type: "result", id, reply}   (reply: {ok, result} | {ok: false, errors} | {ok: false, crash})
//               {type: "warmed"}
//
// Boot paths, fastest first on a fast link:
//   snapshot: restore a memory snapshot made at build time (calculators already imported);
//   pyc:      a normal start with the standard library precompiled to .pyc, then load the wheel:
//             with only the part of it the calculators import (stdlibUsed, a quarter of the
//             bytes), and where the link is slow taken instead of the snapshot, whose extra
//             bytes cost more time there than the start-up it saves (see choosePath).
// Any failure of the snapshot path (missing or corrupt file, engine without what it needs) falls
// back to the pyc path; a missing pyc zip falls back to the npm one (stdlib "" = npm default).

/** @typedef {import("../shared/protocol.js").BootFields} BootFields */
/** @typedef {import("./snapshot.js").Header} Header */
/**
 * The parts of Pyodide's API used here (the runtime is imported from its URL, untyped).
 * @typedef {object} Pyodide
 * @property {(name: string) => any} pyimport
 * @property {(code: string) => any} runPython
 * @property {{writeFile(path: string, data: Uint8Array): void}} FS
 */
/** @typedef {(options: Record<string, unknown>) => Promise<Pyodide>} LoadPyodide */
/** @typedef {(request: string) => string} Handle calculators.web.handle */
/**
 * @typedef {object} SnapshotBoot the snapshot boot under way (fetchSnapshot)
 * @property {Promise<Uint8Array>} early
 * @property {Promise<void>} settled
 * @property {(instance: WebAssembly.Instance) => Promise<void>} fill
 * @property {() => void} wipe
 */

const worker = /** @type {DedicatedWorkerGlobalScope} */ (/** @type {unknown} */ (self));
/** @type {Handle | null} */
let handle = null;
/** @type {Promise<object> | null} */
let booting = null;
let ready = false; // "ready" has been posted
// The speed measures of the boot, each on unless the page's config switches it off.
/** @type {BootFields["flags"]} */
let flags = { compile_ahead: true, prefetch: true, stdlib_later: true, stdlib_on_demand: true, boot_by_speed: true,
              gc_freeze: true };
/** @type {Record<string, number>} milliseconds since the worker started, per step (reported for the benchmark) */
const steps = {};
let lastStep = "";
// Each step that shows the boot moving (a module in, the wasm compiled, the snapshot restored...)
// is reported as progress too: the page's boot limit counts from the last sign of life. Starting
// and choosing the path are not signs that anything arrived.
const QUIET_STEPS = new Set(["start", "chosen"]);
/** @param {string} name */
const mark = (name) => {
  steps[name] = Math.round(performance.now());
  lastStep = name;
  if (!QUIET_STEPS.has(name)) reportProgress(true);
};
/** @param {unknown} err */
const said = (err) => String(err instanceof Error ? err.message : err);

// The runtime's wasm is compiled ahead, from the start of the boot, in parallel with the
// snapshot download (loadPyodide would only start compiling once the snapshot is in). When
// loadPyodide instantiates it, the compiled module is used; if compiling ahead failed, the
// runtime's own path runs as usual. On a returning visit the page compiles it from its offline
// copy ("wasm=page" in the boot fields, then a {type: "wasm", module} message): this thread then
// has the snapshot, the modules and Pyodide's restore to itself. Without a module from the page
// (not stored yet, or compiling failed there) it is compiled here after all.
let wasmUrl = "";
let hooked = false; // instantiateStreaming goes through the hook below (a snapshot boot needs it)
/** @type {Promise<WebAssembly.Module | null> | null} */
let wasmModule = null;
const canCompileAhead = typeof WebAssembly === "object" && typeof WebAssembly.compileStreaming === "function";
if (canCompileAhead && typeof WebAssembly.instantiateStreaming === "function") {
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  /** @type {typeof WebAssembly.instantiateStreaming} */
  const hook = async (source, imports) => {
    /** @type {WebAssembly.WebAssemblyInstantiatedSource | null} */
    let result = null;
    if (wasmModule) {
      try {
        const module = await wasmModule;
        if (module) result = { module, instance: await WebAssembly.instantiate(module, imports) };
      } catch {
        // compiled or instantiated in vain: the runtime's own path below
      }
      if (!result) {
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
  WebAssembly.instantiateStreaming = hook;
  hooked = true;
}

// Returns whether the wasm is compiled ahead (or taken from the page): its download is then not
// Pyodide's business. Without compile_ahead, a module from the page is still used; where the
// page has none, Pyodide downloads and compiles the wasm itself.
/**
 * @param {string} url
 * @param {boolean} fromPage the page compiles it
 * @param {{url: string, decoder: string} | null} xz the wasm xz-compressed, to download instead
 */
function compileAhead(url, fromPage, xz) {
  wasmUrl = url;
  if (!canCompileAhead || !(flags.compile_ahead || (fromPage && hooked))) return false;
  const plain = () => WebAssembly.compileStreaming(bootFetch(url, { credentials: "same-origin" }));
  const compileHere = () => (xz ? compileEither(url, xz) : plain());
  /** @type {(module: WebAssembly.Module | null) => WebAssembly.Module | Promise<WebAssembly.Module> | null} */
  const fromPageOrHere = (module) => (module ? (mark("wasmFromPage"), module) : flags.compile_ahead ? compileHere() : null);
  wasmModule = fromPage && hooked ? pageModule.then(fromPageOrHere) : compileHere();
  wasmModule.then(() => mark("wasmCompiled"), () => {});
  return true;
}

// Wasm on the wire (boot fields wasmXz, stdlibUsedXz; flag xz). On a first visit the wasm is
// downloaded twice at once for a moment: the original (gzip from the host) and its xz copy,
// 2.6 MB against 3.6 MB. As soon as the link's speed shows (xzSpeed: a fraction of a second), one of them is
// dropped. Below XZ_MAX_BPS the xz copy is kept and inflated as it arrives (xz.js), so that the
// streaming compiler still reads it during the download; inflating takes about 0.25 s of this
// thread's time on a desktop, spread over the download. On a faster link that time would be the
// bottleneck, and the original, whose compilation started at once, is kept. If anything goes
// wrong with the xz copy, the original is fetched again. On a slow link the .pyc boot's standard
// library comes as an xz copy too (prefetchInflated). The inflated bytes go to the page with
// "ready", for the offline copy: a returning visit compiles the stored wasm as usual (launch.js).
const XZ_MAX_BPS = 40e6;
const XZ_JUDGE_MS = 150; // this long after the first response, the bytes so far tell the link's speed
/** @type {{url: string} | null} the xz download, while it is the wasm's */
let xzWasm = null;
/** @type {Promise<Blob | null>} the inflated wasm, once complete */
let inflatedWasm = Promise.resolve(null);
/** @type {(keep: boolean) => void} called once the link is measured: keep the xz download, or the original */
let keepXz = () => {};
/** @type {Promise<boolean>} */
const xzKept = new Promise((resolve) => { keepXz = resolve; });

/**
 * Both downloads, until the link's speed decides (keepXz).
 * @param {string} url the wasm
 * @param {{url: string, decoder: string}} xz
 * @returns {Promise<WebAssembly.Module>}
 */
function compileEither(url, xz) {
  const plainDownload = new AbortController();
  let endBody = () => {}; // once the response is in (see endable)
  const response = bootFetch(url, { credentials: "same-origin", signal: plainDownload.signal }).then((whole) => {
    const { response: short, end } = endable(whole);
    endBody = end;
    return short;
  });
  const original = WebAssembly.compileStreaming(response);
  original.catch(() => {});
  const inflated = compileXz(xz.url, xz.decoder);
  inflated.catch(() => {});
  return xzKept.then((keep) => {
    if (!keep) return original;
    endBody();
    plainDownload.abort(); // at once: a response still to come would count as a download again
    dropped.add(url);
    return inflated.catch(() => WebAssembly.compileStreaming(bootFetch(url, { credentials: "same-origin" })));
  });
}

/**
 * @param {string} url the wasm, xz-compressed
 * @param {string} decoder the xz decoder's wasm
 * @returns {Promise<WebAssembly.Module>}
 */
function compileXz(url, decoder) {
  const controller = new AbortController();
  xzWasm = { url };
  const fetched = bootFetch(url, { credentials: "same-origin", signal: controller.signal });
  fetched.catch(() => {}); // a dropped download rejects: nobody waits for it then
  // inflating (and importing its code) waits for the link's speed; a fast link drops the download
  const kept = xzKept.then((keep) => {
    if (keep) return fetched;
    controller.abort();
    throw new Error("wasm.xz: dropped, the link is fast");
  });
  const response = inflated(kept, decoder).then((body) => {
    const [compile, copy] = body.tee();
    inflatedWasm = new Response(copy).blob().catch(() => null);
    return new Response(compile, { headers: { "Content-Type": "application/wasm" } });
  });
  return WebAssembly.compileStreaming(response).catch((err) => {
    xzWasm = null;
    dropped.add(url);
    throw err;
  });
}

// A response whose body can be ended early (end): its reader then sees a short body, not a
// failed one. Dropping a download aborts it, and Firefox reports a body that fails under a
// reader such as the streaming compiler to the console, although the rejection is handled.
/**
 * @param {Response} response
 * @returns {{response: Response, end: () => void}}
 */
function endable(response) {
  if (!response.body) return { response, end: () => {} };
  /** @type {TransformStreamDefaultController<Uint8Array> | null} */
  let control = null;
  const body = response.body.pipeThrough(new TransformStream({ start(c) { control = c; } }));
  const end = () => control?.terminate();
  const { status, statusText, headers } = response;
  return { response: new Response(body, { status, statusText, headers }), end };
}

// The inflated body of an xz download (xz.js, imported only once one is needed).
/**
 * @param {Promise<Response>} fetched
 * @param {string} decoder the xz decoder's wasm
 * @returns {Promise<ReadableStream<Uint8Array>>}
 */
async function inflated(fetched, decoder) {
  const compressed = await fetched;
  if (!compressed.ok || !compressed.body) throw new Error(`${compressed.url}: HTTP ${compressed.status}`);
  const { inflateXz } = await import("./xz.js");
  return inflateXz(compressed.body, decoder);
}

// The module the page compiled, or null ({type: "wasm"} message; see compileAhead).
/** @type {(module: WebAssembly.Module | null) => void} */
let deliverModule = () => {};
/** @type {Promise<WebAssembly.Module | null>} */
const pageModule = new Promise((resolve) => { deliverModule = resolve; });

// The snapshot boot under way: {early, settled}. Pyodide needs only the snapshot's length before
// it instantiates the wasm (to size its memory) and reads the bytes right after. So `early`
// hands it the full-size array as soon as the header is in, and the instantiation runs while the
// blocks still arrive; instantiateStreaming (above) then waits for `settled`. If the download
// fails after that, the array's header is wiped: Pyodide's restore then rejects it (bad magic)
// and the boot falls back to the .pyc path instead of running on half a snapshot.
/** @type {SnapshotBoot | null} */
let snapshot = null;

/**
 * @param {string} url
 * @returns {SnapshotBoot}
 */
function fetchSnapshot(url) {
  /** @type {Uint8Array | null} */
  let out = null;
  /** @type {Header | null} */
  let header = null;
  /** @type {(out: Uint8Array) => void} */
  let sized = () => {};
  /** @type {Promise<Uint8Array>} */
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
  /** @param {WebAssembly.Instance} instance */
  const fill = async (instance) => {
    if (filled) return;
    filled = true;
    const { fillFromWasm } = await codec;
    if (!out || !header) throw new Error("snapshot: instantiated before its header was read");
    const memory = /** @type {WebAssembly.Memory} */ (instance.exports.memory);
    fillFromWasm(out, header, new Uint8Array(memory.buffer));
  };
  return { early: Promise.race([size, done]), settled, fill, wipe: () => wipe() };
}

function snapshotSupported() {
  return typeof DecompressionStream === "function" && typeof ReadableStream === "function" && hooked;
}

/**
 * @param {LoadPyodide} loadPyodide
 * @param {string} runtime
 * @param {string} lock
 * @param {string} stdlib
 * @param {Promise<Uint8Array>} bytes
 * @returns {Promise<Handle>}
 */
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

/**
 * @param {LoadPyodide} loadPyodide
 * @param {string} runtime
 * @param {string} lock
 * @param {string} stdlib
 * @returns {Promise<Handle>}
 */
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
/**
 * @param {Pyodide} pyodide
 * @returns {Handle}
 */
function settle(pyodide) {
  const fn = pyodide.pyimport("calculators.web").handle;
  if (flags.gc_freeze) call(pyodide, "gc", "freeze");
  return fn;
}

// module.name() for an imported module, without keeping a proxy of it.
/**
 * @param {Pyodide} pyodide
 * @param {string} module
 * @param {string} name
 */
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
/** @type {Pyodide | null} the booted Pyodide (after a snapshot boot, once it answers) */
let python = null;
let restored = false; // python came from the snapshot
let stdlibLater = ""; // URL of the standard library while an empty zip stands in for it
/** @type {Promise<void> | null} the real zip written in place */
let stdlibInstall = null;

function installStdlib() {
  if (!stdlibInstall) {
    const url = stdlibLater;
    stdlibInstall = (async () => {
      const response = await networkFetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`standard library: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!python) throw new Error("standard library: no restored interpreter");
      python.FS.writeFile(python.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))"), bytes);
      // a .pyc boot's zipimport has read the smaller zip's index: make it read the whole one's
      // (a snapshot boot's index, made at build time, is already the whole zip's)
      if (!restored) python.runPython("import importlib, zipimport; zipimport._zip_directory_cache.clear(); importlib.invalidate_caches()");
      stdlibLater = "";
    })();
    stdlibInstall.catch(() => { stdlibInstall = null; }); // the next run tries again
  }
  return stdlibInstall;
}

// Progress: the bytes of each file the boot downloads, counted as they arrive (one branch of
// the body is read here at once, the other handed on: the wasm's compiler reads at its own
// pace), after any Content-Encoding is undone. `total` is the Content-Length for a body sent as
// is, the wasm's size (wasmBytes) for the wasm, else null; `wire` is the Content-Length (the
// bytes on the wire). `settled`: every main download of the chosen boot path has started, so
// the files' sizes add up to the whole. Reported to the page at most every PROGRESS_EVERY_MS
// once it has connected ("init": messages posted before the page listens would be lost), when
// a file is complete and at each boot step (`step`). The runtime's JavaScript modules are
// imported, not fetched, and are not counted.
const PROGRESS_EVERY_MS = 100;
/** @type {Map<string, import("../shared/protocol.js").Download & {since: number}>} url -> its download so far */
const downloads = new Map();
// A download given up (the wasm's copy that lost the race: Wasm on the wire) is no longer part of
// the boot's progress; its bytes still count for the link's speed (onWire).
/** @type {Set<string>} */
const dropped = new Set();
/** @type {() => string[]} the chosen path's main downloads (see boot) */
let expected = () => [];
let wasmBytes = 0;
let connected = false;
let progressTimer = 0;

/** @param {boolean} now post at once (else within PROGRESS_EVERY_MS) */
function reportProgress(now) {
  if (!connected || ready) return;
  if (!now) {
    if (!progressTimer) progressTimer = setTimeout(() => reportProgress(true), PROGRESS_EVERY_MS);
    return;
  }
  clearTimeout(progressTimer);
  progressTimer = 0;
  const files = [...downloads.values()].filter((file) => !dropped.has(file.url)).map(({ since, ...file }) => file);
  const urls = expected();
  const settled = urls.length > 0 && urls.every((url) => downloads.has(url));
  worker.postMessage({ type: "progress", files, settled, step: lastStep });
}

// The same response, its bytes counted as they arrive.
/**
 * @param {Response} response
 * @returns {Response}
 */
function counted(response) {
  if (!response.body || !response.ok) return response;
  const length = Number(response.headers.get("Content-Length")) || null;
  const encoded = response.headers.has("Content-Encoding");
  const isWasm = response.url.endsWith("/pyodide.asm.wasm");
  /** @type {import("../shared/protocol.js").Download & {since: number}} */
  const file = { url: response.url, loaded: 0, total: !encoded ? length : isWasm && wasmBytes ? wasmBytes : null,
                 wire: length, done: false, since: performance.now() };
  downloads.set(file.url, file);
  dropped.delete(file.url);
  const [counting, body] = response.body.tee();
  (async () => {
    const reader = counting.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        file.loaded += value.byteLength;
        reportProgress(false);
      }
      file.done = true;
      reportProgress(true);
    } catch { /* the download failed: its consumer reports it */ }
  })();
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

// Which boot path to take (flag boot_by_speed). A returning visit takes the one whose files are
// stored offline (no download at all). A first visit weighs the link: the snapshot costs about
// 2 MB more on the wire than the .pyc boot with the used part of the standard library, and
// saves about 0.6 s of start-up on a desktop processor (more on a phone's): at 25 Mbit/s the
// two break even on a desktop. Below SNAPSHOT_MIN_BPS the .pyc boot is taken; it is set lower
// than that break-even so that a fast link read low (a busy processor delays the first chunks)
// keeps the snapshot. The speed is the bytes on the wire of every download so far over the time
// since the first response: decided at once when the first chunks show a clearly fast link,
// else when LINK_SAMPLE bytes are in (the wasm keeps a slow link busy meanwhile).
const SNAPSHOT_MIN_BPS = 12e6;
const LINK_SAMPLE = 512 * 1024; // bytes on the wire
const LINK_WAIT_MS = 3000; // a link this slow to send them is slow (whatever came by then is measured)
const POLL_MS = 5;
const BUSY_LAG_MS = 20; // polls this late on average: the processor, not the link, sets the pace

/** @param {string} url */
async function stored(url) {
  try { return Boolean(url && self.caches && (await caches.match(url))); } catch { return false; }
}

/** @param {string} wasm the wasm's URL */
function onWire(wasm) {
  let bytes = 0;
  let first = Infinity;
  let done = true;
  for (const file of downloads.values()) {
    first = Math.min(first, file.since);
    done = done && file.done;
    const share = file.total ? Math.min(1, file.loaded / file.total) : file.done ? 1 : 0;
    bytes += share * (file.wire || file.loaded);
  }
  return { bytes, first, done: done && downloads.has(wasm) };
}

/**
 * @param {string} wasm the wasm's URL
 * @returns {Promise<number>} bits per second (Infinity: not to be judged)
 */
function linkSpeed(wasm) {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = started;
    let lag = 0; // how late this thread ran the polls, in all
    let polls = 0;
    const poll = setInterval(() => {
      const now = performance.now();
      lag += Math.max(0, now - last - POLL_MS);
      last = now;
      polls += 1;
      const { bytes, first, done } = onWire(wasm);
      const bps = (8 * bytes * 1000) / Math.max(now - first, 1);
      const clear = bytes >= LINK_SAMPLE / 8 && bps >= 2 * SNAPSHOT_MIN_BPS;
      if (!clear && bytes < LINK_SAMPLE && !done && now - started < LINK_WAIT_MS) return;
      clearInterval(poll);
      steps.linkLagMs = Math.round(lag / polls);
      // No bytes yet say nothing about the link; and where this thread is this busy, the
      // bytes are read late and the link looks slower than it is, while the processor is what
      // the reader waits for: either way the snapshot, which saves processor time.
      const judged = first === Infinity || bytes === 0 || lag / polls > BUSY_LAG_MS ? Infinity : bps;
      steps.linkMbps = Number.isFinite(judged) ? Math.round(judged / 1e5) / 10 : -1;
      resolve(judged);
    }, POLL_MS);
  });
}

// The link's speed for the wasm's download (Wasm on the wire), judged quickly: both copies
// download meanwhile. Decided as soon as the bytes on the wire show at least XZ_MAX_BPS, else
// XZ_JUDGE_MS after the first response (with none by LINK_WAIT_MS, the link is slow: 0).
/** @returns {Promise<number>} bits per second */
function xzSpeed() {
  return new Promise((resolve) => {
    const started = performance.now();
    const poll = setInterval(() => {
      const now = performance.now();
      const { bytes, first } = onWire("");
      const bps = (8 * bytes * 1000) / Math.max(now - first, 1);
      const fast = bytes >= LINK_SAMPLE / 8 && bps >= XZ_MAX_BPS;
      if (!fast && !(now - first >= XZ_JUDGE_MS) && now - started < LINK_WAIT_MS) return;
      clearInterval(poll);
      const judged = first === Infinity ? 0 : bps;
      steps.xzMbps = Math.round(judged / 1e5) / 10;
      resolve(judged);
    }, POLL_MS);
  });
}

/**
 * @param {BootFields} init
 * @param {string} wasm the wasm's URL
 * @param {boolean} measurable the worker downloads the wasm itself
 * @param {Promise<number> | null} quick the link's speed as xzSpeed reads it, while the wasm's two
 *   copies race: taken instead of linkSpeed's slower reading, so the path's own download starts
 *   sooner
 * @returns {Promise<"snapshot" | "pyc">}
 */
async function choosePath(init, wasm, measurable, quick) {
  if (!init.snapshot || !snapshotSupported()) return "pyc";
  if (!init.stdlibUsed || !flags.boot_by_speed) return "snapshot";
  const [snap, used] = await Promise.all([stored(init.snapshot), stored(init.stdlibUsed)]);
  if (snap) return "snapshot";
  if (used) return "pyc";
  if (!measurable) return "snapshot"; // the page has the wasm (stored): nothing to measure
  const bps = await (quick || linkSpeed(wasm));
  return bps >= SNAPSHOT_MIN_BPS ? "snapshot" : "pyc";
}

// fetch() answers for URLs fetched ahead: each early response is used once, by the first
// fetch of its URL (loadPyodide's); anything else, or a failed early fetch, goes to the network.
/** @type {Map<string, Promise<Response>>} */
const ahead = new Map();
const networkFetch = self.fetch.bind(self);
/** @type {typeof fetch} counted for Progress */
const bootFetch = (input, init) => networkFetch(input, init).then(counted);
/** @param {string[]} urls */
function prefetch(urls) {
  if (!flags.prefetch) return;
  for (const url of urls) {
    const response = bootFetch(url, { credentials: "same-origin" });
    response.catch(() => {});
    ahead.set(url, response);
  }
}
/**
 * A copy of a response fetched ahead (taken before its one user reads it).
 * @param {string} url
 * @returns {Promise<Response> | null}
 */
function aheadCopy(url) {
  const early = ahead.get(url);
  return early ? early.then((response) => response.clone()) : null;
}
/** @type {typeof fetch} */
self.fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  // the wasm compiled ahead: loadPyodide's own download is not needed (see instantiateStreaming)
  if (url === wasmUrl && wasmModule) return Promise.resolve(new Response(null, { headers: { "Content-Type": "application/wasm" } }));
  if (url === stdlibLater && !python) return Promise.resolve(new Response(EMPTY_ZIP, { headers: { "Content-Type": "application/zip" } }));
  const early = ahead.get(url);
  if (early) {
    ahead.delete(url);
    return early.catch(() => bootFetch(input, init));
  }
  return ready ? networkFetch(input, init) : bootFetch(input, init);
};

// The used standard library's xz copy (see Wasm on the wire), inflated for Pyodide under the
// zip's own URL: loadPyodide's fetch of that URL gets it (the ahead map). Whole before it is
// handed over, so that a cut or corrupt copy falls back to the zip itself (see self.fetch).
/** @type {Blob | null} */
let inflatedStdlib = null;
/**
 * @param {string} url the used standard library
 * @param {string} xzUrl its xz copy
 * @param {string} decoder the xz decoder's wasm
 */
function prefetchInflated(url, xzUrl, decoder) {
  const response = inflated(bootFetch(xzUrl, { credentials: "same-origin" }), decoder).then(async (body) => {
    const bytes = await new Response(body).arrayBuffer();
    inflatedStdlib = new Blob([bytes], { type: "application/zip" });
    return new Response(bytes, { headers: { "Content-Type": "application/zip" } });
  });
  response.catch(() => {});
  ahead.set(url, response);
}

// The calculators' wheel, named in the lock file (a copy of its prefetched response): a .pyc boot
// loads it only once Python has started, which would leave the link idle meanwhile, so it is
// fetched ahead with the standard library.
/**
 * @param {Promise<Response>} lockCopy
 * @param {string} lock the lock file's URL
 * @returns {Promise<string>} the wheel's URL, or "" if the lock file does not say
 */
async function wheelUrl(lockCopy, lock) {
  try {
    const entry = (await (await lockCopy).json()).packages.calculators;
    return entry && entry.file_name ? new URL(entry.file_name, lock).href : "";
  } catch {
    return "";
  }
}

/** @param {BootFields} init */
async function boot(init) {
  const { runtime, lock, stdlib } = init;
  flags = { ...flags, ...(init.flags || {}) };
  wasmBytes = Number(init.wasmBytes) || 0;
  const started = performance.now();
  mark("start");
  // Start the downloads every path needs at once: the wasm is compiled ahead (above); the lock
  // file is fetched here and handed to loadPyodide when it asks for it (prefetch); the runtime's
  // large JS module is imported later from the same URL (the module map shares it). Then the
  // path is chosen (choosePath; the wasm's download tells the link's speed) and its own files
  // fetched: the snapshot, or the .pyc standard library. A snapshot boot leaves the whole
  // standard library out (stdlib_later) and fetches it only if a module outside the snapshot
  // is ever imported (stdlib_on_demand; installStdlib), as does a .pyc boot with the used part.
  const wasm = new URL("pyodide.asm.wasm", runtime).href;
  const stdlibUrl = stdlib || new URL("python_stdlib.zip", runtime).href;
  const fromPage = init.wasm === "page";
  const xz = !fromPage && init.wasmXz && init.xzDecoder ? { url: init.wasmXz, decoder: init.xzDecoder } : null;
  const ahead = compileAhead(wasm, fromPage, xz);
  prefetch(ahead ? [lock] : [wasm, lock]);
  const lockCopy = aheadCopy(lock);
  import(new URL("pyodide.asm.mjs", runtime).href).catch(() => {});
  const wasmOnWire = () => (xzWasm ? xzWasm.url : wasm); // the wasm's download
  const quick = xzWasm ? xzSpeed() : null;
  let xzOnLink = false; // the link is slow enough for the xz copies
  if (quick) quick.then((bps) => { xzOnLink = bps < XZ_MAX_BPS; keepXz(xzOnLink); });
  const path = await choosePath(init, wasm, !fromPage && (ahead || flags.prefetch), quick);
  mark("chosen");
  const pycStdlib = init.stdlibUsed || stdlibUrl;
  const early = path === "snapshot" ? (snapshot = fetchSnapshot(init.snapshot)).early : null;
  if (early) early.catch(() => {}); // awaited by loadPyodide; a failure falls back to the pyc boot
  if (early && flags.stdlib_later) stdlibLater = stdlibUrl;
  const usedXz = xzOnLink && !early && pycStdlib === init.stdlibUsed && init.stdlibUsedXz && flags.prefetch
    ? init.stdlibUsedXz : "";
  if (usedXz) prefetchInflated(pycStdlib, usedXz, init.xzDecoder);
  else if (!stdlibLater) prefetch([early ? stdlibUrl : pycStdlib]);
  if (!early && lockCopy) wheelUrl(lockCopy, lock).then((url) => prefetch(url ? [url] : []));
  expected = () => [...(fromPage ? [] : [wasmOnWire()]), lock, early ? init.snapshot : usedXz || pycStdlib];
  /** @type {{loadPyodide: LoadPyodide}} */
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  mark("imported");
  let mode = "pyc";
  let fallback;
  if (early) {
    try {
      handle = await bootSnapshot(loadPyodide, runtime, lock, stdlib, early);
      mode = "snapshot";
    } catch (err) {
      fallback = said(err).slice(0, 200);
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
    if (pycStdlib !== stdlibUrl) stdlibLater = stdlibUrl; // the whole one, if ever needed
  }
  mark("ready");
  // The files this boot used, so that the page can ask the service worker to keep them offline.
  // The whole standard library only where it is fetched after the first answer anyway.
  // The files inflated from xz are stored as the originals: their xz copies need not be (nor a
  // copy dropped or failed).
  const wasmCopy = xzWasm ? await inflatedWasm : null;
  const inflated = [...(wasmCopy ? [{ url: wasm, blob: wasmCopy }] : []),
                    ...(inflatedStdlib && mode === "pyc" ? [{ url: pycStdlib, blob: inflatedStdlib }] : [])];
  const skip = new Set([...(xz && (wasmCopy || !xzWasm) ? [xz.url, xz.decoder] : []), ...(usedXz ? [usedXz] : [])]);
  const used = performance.getEntriesByType("resource").map((e) => e.name).filter((url) => !skip.has(url));
  const urls = [...new Set(flags.stdlib_on_demand || !stdlibLater ? used : [...used, stdlibUrl])];
  const stdlibRead = mode === "snapshot" ? "none" : pycStdlib === stdlibUrl ? "whole" : "used";
  return { ms: Math.round(performance.now() - started), mode, stdlib: stdlibRead, steps, fallback, urls, inflated };
}

// Warm-up (a separate, short-lived instance of this worker, started by site.js after a first
// visit): import the runtime's modules once from the copies the service worker has just stored.
// Chrome keeps compiled code with a cached script from its first run out of Cache Storage, so
// the next visit does not compile them again. Only this site's files are imported.
/** @param {unknown} urls */
async function warm(urls) {
  for (const url of Array.isArray(urls) ? urls : []) {
    if (new URL(url, self.location.href).origin !== self.location.origin) continue;
    try { await import(url); } catch { /* nothing to keep */ }
  }
}

/**
 * @param {{slug: string, inputs: unknown}} request
 * @returns {import("../shared/protocol.js").Reply}
 */
function run({ slug, inputs }) {
  try {
    if (!handle) throw new Error("Python is not ready");
    return JSON.parse(handle(JSON.stringify({ slug, inputs })));
  } catch (err) {
    return { ok: false, crash: said(err) };
  }
}

// A failed download inside the runtime can surface as an unhandled rejection: report it once.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!ready) worker.postMessage({ type: "fatal", message: said(event.reason) });
});

// The boot fields in the worker's name (none in the warm-up worker's).
/** @returns {BootFields | null} */
function namedBoot() {
  try {
    const init = JSON.parse(self.name);
    return init && init.runtime ? init : null;
  } catch {
    return null;
  }
}

const named = namedBoot();
if (named) {
  booting = boot(named);
  booting.catch(() => {}); // reported when "init" arrives
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    connected = true;
    reportProgress(true);
    if (!booting) booting = boot(msg.boot);
    try {
      const info = await booting;
      ready = true;
      worker.postMessage({ type: "ready", ...info });
    } catch (err) {
      worker.postMessage({ type: "fatal", message: said(err) });
    }
  } else if (msg.type === "wasm") {
    deliverModule(msg.module instanceof WebAssembly.Module ? msg.module : null);
  } else if (msg.type === "warm") {
    await warm(msg.urls);
    worker.postMessage({ type: "warmed" });
  } else if (msg.type === "run") {
    let reply = run(msg);
    if ("crash" in reply && stdlibLater) { // perhaps a module outside the snapshot: again, with the stdlib
      try { await installStdlib(); reply = run(msg); } catch { /* keep the first reply */ }
    }
    worker.postMessage({ type: "result", id: msg.id, reply });
    // without stdlib_on_demand, the whole standard library comes after the first answer anyway
    if (stdlibLater && !flags.stdlib_on_demand) installStdlib().catch(() => {});
  }
};
