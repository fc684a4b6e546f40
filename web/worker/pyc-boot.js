// @ts-check
// The .pyc boot: a normal start of Python from one zip of .pyc files, the part of the standard
// library the calculators import and the calculators modules the worker runs (stdlib_used, built
// by tools/pyodide_build.mjs trim): no wheel to fetch, unpack or compile. On a slow link the zip
// comes as its xz copy, inflated whole before Pyodide gets it under the zip's own URL, so that a
// cut or corrupt copy falls back to the zip itself.

import { bootFetch, handOver, mark, prefetch } from "./downloads.js";
import { inflate, storeOffline } from "./inflated.js";
import { settle } from "./calculators.js";

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("./boot-state.js").LoadPyodide} LoadPyodide */
/** @typedef {import("./boot-state.js").Handle} Handle */

const ZIP_TYPE = "application/zip";

/**
 * Fetch what the .pyc boot reads besides the runtime, as the boot starts: its zip (from the xz
 * copy where `xzUrl` is given), which Python would ask for only once started, leaving the link
 * idle meanwhile.
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
}

/**
 * Boot normally; the calculators' entry point.
 * @param {BootState} state
 * @param {LoadPyodide} loadPyodide
 * @param {Record<string, unknown>} options loadPyodide's options every boot shares (boot.js)
 * @param {string} stdlib the zip's URL
 * @returns {Promise<Handle>}
 */
export async function bootPyc(state, loadPyodide, options, stdlib) {
  const pyodide = await loadPyodide({ ...options, stdLibURL: stdlib });
  mark(state, "loaded");
  state.python.pyodide = pyodide;
  return settle(state, pyodide);
}
