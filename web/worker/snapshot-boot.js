// @ts-check
// The snapshot boot: restore the memory snapshot made at build time (Python with the calculators
// already imported), downloaded and unpacked as it arrives (its format and decoder: snapshot.js,
// imported alongside the download so that it does not hold up the worker's start).
//
// Pyodide needs only the snapshot's length before it instantiates the wasm (to size its memory)
// and reads the bytes right after. So `early` hands it the full-size array as soon as the header
// is in, and the instantiation runs while the blocks still arrive; the instantiation hook
// (pyodide-hooks.js) then fills in the blocks equal to the wasm's data and waits for `settled`.
// If the download fails after that, the array's header is wiped: Pyodide's restore then rejects
// it (bad magic) and the boot falls back to the .pyc boot instead of running on half a snapshot.

import { bootFetch, mark } from "./downloads.js";
import { call, forgetZipIndexes, settle } from "./calculators.js";

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("./boot-state.js").SnapshotDownload} SnapshotDownload */
/** @typedef {import("./boot-state.js").LoadPyodide} LoadPyodide */
/** @typedef {import("./boot-state.js").Handle} Handle */
/** @typedef {import("./snapshot.js").Header} Header */

/**
 * Whether this engine can take the snapshot boot (the hooks installed: streaming WebAssembly).
 * @param {boolean} hooked
 */
export function snapshotSupported(hooked) {
  return typeof DecompressionStream === "function" && typeof ReadableStream === "function" && hooked;
}

/**
 * Start the snapshot's download and unpacking.
 * @param {BootState} state
 * @param {string} url
 * @returns {SnapshotDownload}
 */
export function fetchSnapshot(state, url) {
  /** @type {Uint8Array | null} */
  let out = null;
  /** @type {Header | null} */
  let header = null;
  /** @type {(out: Uint8Array) => void} */
  let sized = () => {};
  /** @type {Promise<Uint8Array>} */
  const size = new Promise((resolve) => { sized = resolve; });
  const codec = import("./snapshot.js");
  const done = (async () => {
    const response = await bootFetch(state, url);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const { unpack } = await codec;
    const bytes = await unpack(response, (array, head) => { out = array; header = head; sized(array); });
    mark(state, "snapshotFetched");
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
  const early = Promise.race([size, done]);
  early.catch(() => {}); // awaited by loadPyodide; a failure falls back to the .pyc boot
  return { early, settled, fill, wipe: () => wipe() };
}

/**
 * Boot from the snapshot; the calculators' entry point, once the restored interpreter answers.
 * @param {BootState} state
 * @param {LoadPyodide} loadPyodide
 * @param {Record<string, unknown>} options loadPyodide's options every boot shares (boot.js)
 * @param {SnapshotDownload} snapshot
 * @returns {Promise<Handle>}
 */
export async function bootSnapshot(state, loadPyodide, options, snapshot) {
  state.snapshot = snapshot;
  try {
    const pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot.early });
    mark(state, "restored");
    // The snapshot froze the interpreter's state, random's included: reseed from the OS.
    call(pyodide, "random", "seed");
    if (state.python.stdlibLater) forgetZipIndexes(pyodide); // an empty zip stands in for the standard library
    const handle = settle(state, pyodide);
    // Cheap self-check that the restored interpreter answers: an unknown slug gives a field error.
    const probe = JSON.parse(handle(JSON.stringify({ slug: "", inputs: {} })));
    if (probe.ok !== false || !probe.errors) throw new Error("snapshot: restored interpreter did not answer");
    state.python.pyodide = pyodide;
    return handle;
  } finally {
    state.snapshot = null;
  }
}
