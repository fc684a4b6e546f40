// @ts-check
// Running calculators: the calculators' entry point once Python has started, each run, and the
// whole standard library, fetched only when a run needs a module that the boot's lacks.
//
// A snapshot boot hands Pyodide an empty zip in place of the standard library (every module the
// calculators use is imported in the snapshot; Pyodide would still fetch and mount the 4.5 MB zip
// before restoring, 20-40 ms of this thread), and a .pyc boot reads only the part the calculators
// import, with the calculators' own modules, in one zip. Either way zipimport knows just those
// files, so a module outside them is a ModuleNotFoundError, which calculators/web.py reports as
// `missing` when the whole standard library has it: only then is the whole zip fetched, written
// in place (in place: a package's submodules are looked for in that package's folder only), and
// the run run again. The calculators' modules are all imported by then (the build checks that
// importing calculators.web imports every one of them), so they do not miss their zip.
// Any other exception is a calculator's bug, reported as a crash: it downloads nothing.

import { networkFetch } from "./downloads.js";

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("./boot-state.js").Pyodide} Pyodide */
/** @typedef {import("./boot-state.js").Handle} Handle */
/** @typedef {import("../shared/protocol.js").Reply} Reply */

export const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/**
 * The calculators' entry point, once start-up is over. Everything made so far lives for the
 * whole visit: gc.freeze() puts it out of the cyclic collector's reach, so that a collection
 * during a recalculation stays short.
 * @param {BootState} state
 * @param {Pyodide} pyodide
 * @returns {Handle}
 */
export function settle(state, pyodide) {
  const handle = pyodide.pyimport("calculators.web").handle;
  if (state.feature("gc_freeze")) call(pyodide, "gc", "freeze");
  return handle;
}

/**
 * One run: Python's reply, the whole standard library fetched first if the run lacked a module
 * of it (then run again), else as it came.
 * @param {BootState} state
 * @param {{slug: string, inputs: unknown}} request
 * @returns {Promise<Reply>}
 */
export async function runCalculator(state, request) {
  const reply = run(state, request);
  if (!("missing" in reply && reply.missing) || !state.python.stdlibLater) return reply;
  try {
    await installStdlib(state);
  } catch {
    return reply; // offline, or the server failed: the crash as it is
  }
  return run(state, request);
}

/**
 * After an answer: without stdlib_on_demand the whole standard library comes now anyway.
 * @param {BootState} state
 */
export function afterAnswer(state) {
  if (state.python.stdlibLater && !state.feature("stdlib_on_demand")) installStdlib(state).catch(() => {});
}

/**
 * @param {BootState} state
 * @param {{slug: string, inputs: unknown}} request
 * @returns {Reply}
 */
function run(state, { slug, inputs }) {
  const handle = state.python.handle;
  try {
    if (!handle) throw new Error("Python is not ready");
    return JSON.parse(handle(JSON.stringify({ slug, inputs })));
  } catch (err) {
    return { ok: false, crash: String(err instanceof Error ? err.message : err) };
  }
}

/**
 * Fetch the whole standard library and write it over the stand-in (once; a failure lets the
 * next run try again).
 * @param {BootState} state
 * @returns {Promise<void>}
 */
export function installStdlib(state) {
  const python = state.python;
  if (!python.stdlibInstall) {
    const url = python.stdlibLater;
    python.stdlibInstall = (async () => {
      const response = await networkFetch(url);
      if (!response.ok) throw new Error(`standard library: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const pyodide = python.pyodide;
      if (!pyodide) throw new Error("standard library: no interpreter");
      pyodide.FS.writeFile(pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))"), bytes);
      forgetZipIndexes(pyodide);
      call(pyodide, "importlib", "invalidate_caches"); // (it imports modules only the whole zip has)
      python.stdlibLater = "";
    })();
    python.stdlibInstall.catch(() => { python.stdlibInstall = null; });
  }
  return python.stdlibInstall;
}

/**
 * zipimport forgets the zips' indexes and reads each again when next asked: after a snapshot
 * boot, whose snapshot holds the whole zip's index while an empty zip stands in for it (so that
 * a module outside the snapshot is not found, rather than read from a zip that lacks it), and
 * after the whole standard library is written in place.
 * @param {Pyodide} pyodide
 */
export function forgetZipIndexes(pyodide) {
  const zipimport = pyodide.pyimport("zipimport");
  const cache = zipimport._zip_directory_cache;
  try { cache.clear(); } finally { cache.destroy(); zipimport.destroy(); }
}

// module.name() for an imported module, without keeping a proxy of it. (A direct call: runPython
// would parse and compile source first.)
/**
 * @param {Pyodide} pyodide
 * @param {string} module
 * @param {string} name
 */
export function call(pyodide, module, name) {
  const proxy = pyodide.pyimport(module);
  try { proxy[name](); } finally { proxy.destroy(); }
}
