// @ts-check
// Files downloaded as their xz copies (a first visit over a slow link): inflated as they arrive
// (xz.js, the decoder's driver, imported only once one is needed), and stored offline as the
// originals. The network never sends those bytes as they are, so the worker, which alone has
// them, writes them into the runtime's offline cache itself (once, streamed: no copy is held),
// where the service worker serves them to a returning visit like any stored file.

import { RUNTIME_CACHE } from "../shared/offline.js";

/** @typedef {import("./boot-state.js").BootState} BootState */

/**
 * The inflated body of an xz download.
 * @param {Promise<Response>} fetched
 * @param {string} decoder the xz decoder's wasm
 * @returns {Promise<ReadableStream<Uint8Array>>}
 */
export async function inflate(fetched, decoder) {
  const compressed = await fetched;
  if (!compressed.ok || !compressed.body) throw new Error(`${compressed.url}: HTTP ${compressed.status}`);
  const { inflateXz } = await import("./xz.js");
  return inflateXz(compressed.body, decoder);
}

/**
 * Store `body` as the offline copy of `url`, where the page keeps offline copies (the boot
 * fields' `offline`); else cancel it. A body that fails (a cut xz copy) stores nothing.
 * @param {BootState} state
 * @param {string} url the original's URL
 * @param {ReadableStream<Uint8Array> | ArrayBuffer} body
 * @param {string} type its Content-Type
 */
export function storeOffline(state, url, body, type) {
  if (!state.fields.offline || !self.caches) {
    if (body instanceof ReadableStream) body.cancel().catch(() => {});
    return;
  }
  const response = new Response(body, { status: 200, headers: { "Content-Type": type } });
  caches.open(RUNTIME_CACHE).then((cache) => cache.put(url, response)).catch(() => {});
}
