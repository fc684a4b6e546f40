// @ts-check
// The runtime's wasm, compiled ahead: from the start of the boot, while it downloads
// (WebAssembly.compileStreaming), in parallel with the snapshot's download, and handed to
// Pyodide when it instantiates (pyodide-hooks.js; loadPyodide would compile only once the
// snapshot is in). On a returning visit the page compiles it from its offline copy instead and
// posts the module ({type: "wasm"}; launch.js): this thread then has the snapshot, the modules
// and Pyodide's restore to itself; without a module from the page it is compiled here after all.
//
// Wasm on the wire (flag xz): on a first visit the wasm is downloaded twice at once for a
// moment, the original (gzip from the host) and its xz copy (2.6 MB against 3.6). As soon as the
// link's speed shows (link-meter.js, a fraction of a second), one is dropped. Below XZ_MAX_BPS
// the xz copy stays and is inflated as it arrives (inflated.js), so that the streaming compiler
// still reads it during the download: about 0.25 s of this thread on a desktop, spread over the
// download. On a faster link that time would be the bottleneck, and the original, whose
// compilation began at once, stays. If anything goes wrong with the xz copy, the original is
// fetched again.

import { bootFetch, drop, mark } from "./downloads.js";
import { inflate, storeOffline } from "./inflated.js";

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("./link-meter.js").Reading} Reading */

export const XZ_MAX_BPS = 40e6;
export const XZ_JUDGE_MS = 150; // this long after the first response, the bytes so far tell the link's speed
const WASM_TYPE = "application/wasm";

/**
 * Start compiling the wasm (or waiting for the page's module). Returns whether it is compiled
 * ahead: its download is then not Pyodide's business. Without compile_ahead a module from the
 * page is still used; where the page has none, Pyodide downloads and compiles the wasm itself.
 * @param {BootState} state
 * @param {boolean} hooked Pyodide's instantiation goes through pyodide-hooks.js
 * @returns {boolean}
 */
export function compileAhead(state, hooked) {
  const { files } = state;
  const fromPage = state.fields.wasm === "page";
  if (!hooked || !(state.feature("compile_ahead") || fromPage)) return false; // (hooked: compileStreaming exists)
  const xz = !fromPage && files.wasm.xz && files.xz_decoder ? files.wasm.xz.url : "";
  const here = () => (xz ? compileEither(state, xz) : WebAssembly.compileStreaming(bootFetch(state, files.wasm.url)));
  /** @type {(module: WebAssembly.Module | null) => WebAssembly.Module | Promise<WebAssembly.Module> | null} */
  const fromPageOrHere = (module) => (module ? (mark(state, "wasmFromPage"), module)
    : state.feature("compile_ahead") ? here() : null);
  const module = fromPage ? state.wasm.fromPage.then(fromPageOrHere) : here();
  module.then(() => mark(state, "wasmCompiled"), () => {});
  state.wasm.module = module;
  return true;
}

/**
 * Keep the xz copy or the original, by the link's speed; whether the xz copy stays (the link is
 * slow enough for the xz copies: the .pyc boot's standard library comes as one too).
 * @param {BootState} state
 * @param {Reading} link
 * @returns {boolean}
 */
export function chooseWasmCopy(state, link) {
  const keep = !link.measured || link.bps < XZ_MAX_BPS;
  state.wasm.keepXz(keep);
  return keep;
}

/**
 * Both downloads, until the link's speed decides (chooseWasmCopy).
 * @param {BootState} state
 * @param {string} xzUrl
 * @returns {Promise<WebAssembly.Module>}
 */
function compileEither(state, xzUrl) {
  const url = state.files.wasm.url;
  const plainDownload = new AbortController();
  let endBody = () => {}; // once the response is in (see endable)
  const response = bootFetch(state, url, { signal: plainDownload.signal }).then((whole) => {
    const { response: short, end } = endable(whole);
    endBody = end;
    return short;
  });
  const original = WebAssembly.compileStreaming(response);
  original.catch(() => {});
  const fromXz = compileXz(state, xzUrl);
  fromXz.catch(() => {});
  return state.wasm.xzKept.then((keep) => {
    if (!keep) return original;
    endBody();
    plainDownload.abort(); // at once: a response still to come would count as a download again
    drop(state, url);
    return fromXz.catch(() => WebAssembly.compileStreaming(bootFetch(state, url)));
  });
}

/**
 * The wasm compiled from its xz copy, inflated as it arrives; the inflated bytes are also
 * stored offline as the original.
 * @param {BootState} state
 * @param {string} xzUrl
 * @returns {Promise<WebAssembly.Module>}
 */
function compileXz(state, xzUrl) {
  const { wasm, xz_decoder: decoder } = state.files;
  const controller = new AbortController();
  state.wasm.xzUrl = xzUrl;
  const fetched = bootFetch(state, xzUrl, { signal: controller.signal });
  fetched.catch(() => {}); // a dropped download rejects: nobody waits for it then
  // inflating (and importing its code) waits for the link's speed; a fast link drops the download
  const kept = state.wasm.xzKept.then((keep) => {
    if (keep) return fetched;
    controller.abort();
    throw new Error("wasm.xz: dropped, the link is fast");
  });
  const response = inflate(kept, decoder ? decoder.url : "").then((body) => {
    const [compile, copy] = body.tee();
    storeOffline(state, wasm.url, copy, WASM_TYPE);
    return new Response(compile, { headers: { "Content-Type": WASM_TYPE } });
  });
  return WebAssembly.compileStreaming(response).catch((err) => {
    state.wasm.xzUrl = "";
    drop(state, xzUrl);
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
