// @ts-check
// The boot sequence: from the boot fields to the calculators' entry point and the boot report.
//
//   1. hook what loadPyodide cannot be told (pyodide-hooks.js);
//   2. start the downloads every path needs at once: the wasm, compiled as it arrives (wasm.js),
//      the lock file, the runtime's large JavaScript module (imported; the module map shares it);
//   3. read the link (link-meter.js): which copy of the wasm to keep, and which boot path to take
//      (choosePath);
//   4. fetch the path's own files: the snapshot (snapshot-boot.js), or the .pyc boot's standard
//      library with the calculators in it (pyc-boot.js); the whole standard library waits until a
//      run needs it (calculators.js);
//   5. loadPyodide: the snapshot boot, falling back to the .pyc boot on any failure;
//   6. the boot report ("ready").

import { bootFetch, handOver, mark, prefetch } from "./downloads.js";
import { installHooks } from "./pyodide-hooks.js";
import { XZ_JUDGE_MS, XZ_MAX_BPS, chooseWasmCopy, compileAhead } from "./wasm.js";
import { readLink } from "./link-meter.js";
import { bootSnapshot, fetchSnapshot, snapshotSupported } from "./snapshot-boot.js";
import { bootPyc, fetchPycFiles } from "./pyc-boot.js";
import { EMPTY_ZIP } from "./calculators.js";
import { said } from "./boot-state.js";

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("./boot-state.js").LoadPyodide} LoadPyodide */
/** @typedef {import("./link-meter.js").Reading} Reading */
/** @typedef {import("../shared/protocol.js").BootInfo} BootInfo */

// Which boot path a first visit takes (flag boot_by_speed): the snapshot costs about 2.7 MB more
// on the wire than the .pyc boot from its zip, and saves about 0.35 s of start-up on a desktop
// processor and about 3 s on a phone's (benchmarks/README.md): the two break even near 60 Mbit/s
// on a desktop and 7 on a phone. Below SNAPSHOT_MIN_BPS the .pyc boot is taken; set well below
// the desktop's break-even so that a fast link read low (a busy processor delays the first
// chunks) keeps the snapshot. The processor is not weighed: on a phone at 7-12 Mbit/s the
// snapshot would answer sooner, but it sends over the 5 MB a first visit may send before its
// first answer.
const SNAPSHOT_MIN_BPS = 12e6;
const PATH_JUDGE_MS = 500; // the path's own reading: this long after the first response at most


/**
 * Boot Python; the boot report.
 * @param {BootState} state
 * @returns {Promise<BootInfo>}
 */
export async function boot(state) {
  const { files } = state;
  const feature = state.feature;
  const fromPage = state.fields.wasm === "page";
  const started = performance.now();
  mark(state, "start");
  // 1-2
  const hooked = installHooks(state);
  const ahead = compileAhead(state, hooked);
  if (!ahead && feature("prefetch")) prefetch(state, [files.wasm.url]);
  const lock = feature("prefetch") ? fetchLock(state) : null;
  import(files.runtime_js.url).catch(() => {});
  // 3: while both copies of the wasm download, the link is read quickly, and that reading also
  // chooses the path, unless this thread was too busy to read it well; the path's reading is
  // otherwise taken over a longer while (PATH_JUDGE_MS), only if the path needs one
  const wasmOnWire = () => state.wasm.xzUrl || files.wasm.url;
  const quick = state.wasm.xzUrl ? readLink(state, { fastBps: XZ_MAX_BPS, judgeMs: XZ_JUDGE_MS, main: wasmOnWire() }) : null;
  let xzOnLink = false; // the link is slow enough for the xz copies
  if (quick) quick.then((link) => { xzOnLink = chooseWasmCopy(state, link); });
  const measurable = !fromPage && (ahead || feature("prefetch"));
  const measure = async () => {
    const link = quick && (await quick);
    return link && !link.busy ? link
      : readLink(state, { fastBps: 2 * SNAPSHOT_MIN_BPS, judgeMs: PATH_JUDGE_MS, main: wasmOnWire() });
  };
  const path = await choosePath(state, hooked, measurable ? measure : null);
  mark(state, "chosen");
  // 4
  const snapshot = path === "snapshot" && files.snapshot ? fetchSnapshot(state, files.snapshot.url) : null;
  const pycStdlib = files.stdlib_used.url;
  if (snapshot && feature("stdlib_later")) {
    state.python.stdlibLater = files.stdlib.url;
    handOver(state, files.stdlib.url, Promise.resolve(new Response(EMPTY_ZIP, { headers: { "Content-Type": "application/zip" } })));
  } else if (snapshot && feature("prefetch")) {
    prefetch(state, [files.stdlib.url]);
  }
  const usedXz = !snapshot && xzOnLink && files.stdlib_used.xz ? files.stdlib_used.xz.url : "";
  if (!snapshot && feature("prefetch")) fetchPycFiles(state, pycStdlib, usedXz);
  state.progress.expected = () => [...(fromPage ? [] : [wasmOnWire()]), files.lock.url,
                                   snapshot && files.snapshot ? files.snapshot.url : usedXz || pycStdlib];
  // 5
  /** @type {{loadPyodide: LoadPyodide}} */
  const { loadPyodide } = await import(files.loader.url);
  mark(state, "imported");
  const options = {
    indexURL: new URL("./", files.loader.url).href,
    lockFileContents: lock || fetchLock(state),
    packageBaseUrl: new URL("./", files.lock.url).href,
    stdLibURL: files.stdlib.url,
    stdout: () => {},
    stderr: () => {},
  };
  let fallback;
  if (snapshot) {
    try {
      state.python.handle = await bootSnapshot(state, loadPyodide, options, snapshot);
    } catch (err) {
      fallback = said(err).slice(0, 200);
      state.python.pyodide = null;
      state.python.stdlibLater = "";
      if (feature("prefetch")) fetchPycFiles(state, pycStdlib, "");
    }
  } else if (files.snapshot && !snapshotSupported(hooked)) {
    fallback = "snapshot: unsupported (no DecompressionStream or streaming WebAssembly)";
  }
  const mode = state.python.handle ? "snapshot" : "pyc";
  if (!state.python.handle) {
    state.python.handle = await bootPyc(state, loadPyodide, options, pycStdlib);
    state.python.stdlibLater = files.stdlib.url; // the whole one, if a run ever needs it
  }
  mark(state, "ready");
  // 6
  return { ms: Math.round(performance.now() - started), mode, steps: state.progress.steps, fallback,
           urls: usedFiles(state, mode) };
}

/**
 * Which boot path to take. Without the snapshot (switched off, or an engine that cannot take
 * it): the .pyc boot. A returning visit takes the path whose files are stored offline (no
 * download at all). A first visit weighs the link (SNAPSHOT_MIN_BPS).
 * @param {BootState} state
 * @param {boolean} hooked
 * @param {(() => Promise<Reading>) | null} measure reads the link; null: nothing to measure (the page has the wasm)
 * @returns {Promise<"snapshot" | "pyc">}
 */
async function choosePath(state, hooked, measure) {
  const { files } = state;
  if (!files.snapshot || !snapshotSupported(hooked)) return "pyc";
  if (!state.feature("boot_by_speed")) return "snapshot";
  const [snapshot, used] = await Promise.all([stored(files.snapshot.url), stored(files.stdlib_used.url)]);
  if (snapshot) return "snapshot";
  if (used) return "pyc";
  if (!measure) return "snapshot";
  const link = await measure();
  return !link.measured || link.bps >= SNAPSHOT_MIN_BPS ? "snapshot" : "pyc";
}

/** @param {string} url */
async function stored(url) {
  try { return Boolean(url && self.caches && (await caches.match(url))); } catch { return false; }
}

/**
 * The lock file's contents, fetched (counted) for loadPyodide's lockFileContents.
 * @param {BootState} state
 * @returns {Promise<object>}
 */
function fetchLock(state) {
  const contents = bootFetch(state, state.files.lock.url).then((response) => {
    if (!response.ok) throw new Error(`lock file: HTTP ${response.status}`);
    return response.json();
  });
  contents.catch(() => {}); // loadPyodide reports it
  return contents;
}

/**
 * The files this boot used, so that the page can ask the service worker to keep them offline:
 * the originals of the files inflated from xz copies (stored by the worker itself, inflated.js,
 * or else fetched by the service worker), never the xz copies; the whole standard library only
 * where it comes after the first answer anyway (stdlib_on_demand off).
 * @param {BootState} state
 * @param {"snapshot" | "pyc"} mode
 * @returns {string[]}
 */
function usedFiles(state, mode) {
  const { files } = state;
  const xz = new Set([files.wasm.xz?.url, files.stdlib_used.xz?.url, files.xz_decoder?.url]);
  const used = performance.getEntriesByType("resource").map((e) => e.name).filter((url) => !xz.has(url));
  const originals = [files.wasm.url, ...(mode === "pyc" ? [files.stdlib_used.url] : [])];
  const later = state.python.stdlibLater && !state.feature("stdlib_on_demand") ? [state.python.stdlibLater] : [];
  return [...new Set([...used, ...originals, ...later])];
}
