// @ts-check
// The .pyc boot: a normal start of Python with its standard library precompiled to .pyc, then
// the calculators wheel loaded as a package (by name, from the lock file). Its standard library
// is the part the calculators import (stdlib_used, a quarter of the bytes), or the whole one; on
// a slow link the used part comes as its xz copy, inflated whole before Pyodide gets it under the
// zip's own URL, so that a cut or corrupt copy falls back to the zip itself.

import { bootFetch, handOver, mark, prefetch } from "./downloads.js";
import { inflate, storeOffline } from "./inflated.js";
import { settle } from "./calculators.js";

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("./boot-state.js").LoadPyodide} LoadPyodide */
/** @typedef {import("./boot-state.js").Handle} Handle */

const ZIP_TYPE = "application/zip";

/**
 * Fetch what the .pyc boot reads besides the runtime, as the boot starts: its standard library
 * (from the xz copy where `xzUrl` is given) and the wheel, which Python would ask for only once
 * started, leaving the link idle meanwhile.
 * @param {BootState} state
 * @param {string} stdlib the standard library's URL
 * @param {string} xzUrl its xz copy's URL, or ""
 */
export function fetchPycFiles(state, stdlib, xzUrl) {
  const decoder = state.files.xz_decoder;
  if (xzUrl && decoder) {
    handOver(state, stdlib, inflate(bootFetch(state, xzUrl), decoder.url).then(async (body) => {
      const bytes = await new Response(body).arrayBuffer();
      storeOffline(state, stdlib, bytes, ZIP_TYPE);
      return new Response(bytes, { headers: { "Content-Type": ZIP_TYPE } });
    }));
  } else {
    prefetch(state, [stdlib]);
  }
  prefetch(state, [state.files.wheel.url]);
}

/**
 * Boot normally; the calculators' entry point.
 * @param {BootState} state
 * @param {LoadPyodide} loadPyodide
 * @param {Record<string, unknown>} options loadPyodide's options every boot shares (boot.js)
 * @param {string} stdlib the standard library's URL
 * @returns {Promise<Handle>}
 */
export async function bootPyc(state, loadPyodide, options, stdlib) {
  const pyodide = await loadPyodide({ ...options, stdLibURL: stdlib, packages: ["calculators"] });
  mark(state, "loaded");
  state.python.pyodide = pyodide;
  return settle(state, pyodide);
}
