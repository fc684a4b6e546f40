// @ts-check
// The two globals this worker patches for Pyodide, and why: what loadPyodide (Pyodide 314) cannot
// be told through its options. Everything it can be told goes through them (boot.js: indexURL,
// stdLibURL, lockFileContents, packageBaseUrl, _loadSnapshot).
//
// - WebAssembly.instantiateStreaming: Pyodide builds Emscripten's instantiateWasm itself, from
//   indexURL, with no option to hand it a compiled module; and a snapshot boot must finish the
//   snapshot (the blocks equal to the wasm's data, copied from the fresh instance's memory:
//   snapshot-boot.js) between the instantiation and the restore, where no option reaches.
//   The hook instantiates the module compiled ahead (wasm.js) and completes the snapshot.
// - fetch: Pyodide fetches the wasm (at once, when loadPyodide starts), the standard library and
//   packages with the global fetch, and takes no bytes or responses for them. The hook answers
//   the wasm's URL with an empty body when the module is compiled ahead (so that it is not
//   downloaded twice), hands over the responses fetched ahead (downloads.js: prefetched, inflated
//   from an xz copy, or an empty zip standing in for the standard library), and counts the rest
//   while the boot runs.

import { bootFetch, mark, networkFetch } from "./downloads.js";

/** @typedef {import("./boot-state.js").BootState} BootState */

/**
 * Install both hooks for this worker's boot. Returns false where the engine lacks streaming
 * WebAssembly (then nothing is patched: no snapshot, no compiling ahead).
 * @param {BootState} state
 * @returns {boolean}
 */
export function installHooks(state) {
  if (!self.WebAssembly || !WebAssembly.instantiateStreaming || !WebAssembly.compileStreaming) return false;
  const wasmUrl = state.files.wasm.url;
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  /** @type {typeof WebAssembly.instantiateStreaming} */
  WebAssembly.instantiateStreaming = async (source, imports) => {
    /** @type {WebAssembly.WebAssemblyInstantiatedSource | null} */
    let result = null;
    if (state.wasm.module) {
      try {
        const module = await state.wasm.module;
        if (module) result = { module, instance: await WebAssembly.instantiate(module, imports) };
      } catch {
        // compiled or instantiated in vain: the runtime's own path below
      }
      if (!result) {
        state.wasm.module = null;
        source = networkFetch(wasmUrl);
      }
    }
    const snapshot = state.snapshot;
    try {
      if (!result) result = await instantiateStreaming(source, imports);
      mark(state, "wasmInstantiated");
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
  /** @type {typeof fetch} */
  self.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    // the wasm compiled ahead: loadPyodide's own download is not needed (instantiateStreaming above)
    if (url === wasmUrl && state.wasm.module) {
      return Promise.resolve(new Response(null, { headers: { "Content-Type": "application/wasm" } }));
    }
    const early = state.ahead.get(url);
    if (early) {
      state.ahead.delete(url);
      return early.catch(() => bootFetch(state, url, init));
    }
    return state.progress.over ? networkFetch(input, init) : bootFetch(state, url, init);
  };
  return true;
}
