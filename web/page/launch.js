// @ts-check
// Starting the Python worker: the one place a calculator worker is created, from the page's
// config (web/page/config.js).
//
// The page runs this file twice over. Bundled into the early start (early-start.js, inlined
// right after the result container as a classic script, which calls launchEarly), it starts the
// worker while the parser is still on the page, before layout and before any module script
// could run. client.js imports it, takes that worker over (takeEarlyLaunch) or, where nothing
// was started early (no early start on the page, no WebAssembly or Worker, an instant
// navigation), calls launch itself.

import { CONFIG_ID, readConfig } from "./config.js";
import { features } from "../shared/features.js";

/** @typedef {import("./config.js").PageConfig} PageConfig */
/** @typedef {import("../shared/protocol.js").BootFields} BootFields */
/**
 * A started worker: `error` is set if its script failed before the client listened.
 * @typedef {{worker: Worker, boot: BootFields, error: string}} Launched
 */
/** @typedef {HTMLElement & {calcLaunched?: Launched}} ConfigHolder */

/**
 * The boot fields: the config's files and flags, and how this visit can boot.
 * @param {PageConfig} config
 * @param {string} base the page's address (the config's URLs are relative to it)
 * @returns {BootFields}
 */
function bootFields(config, base) {
  return {
    base,
    files: config.boot,
    flags: config.flags,
    // On a returning visit (a service worker controls the page, so the runtime is probably
    // stored) this thread compiles the wasm from the offline copy and hands the module over:
    // the worker's thread is the busier one. Without a stored copy it hands over nothing and the
    // worker compiles the wasm itself.
    wasm: features(config.flags)("wasm_from_page") && window.caches && navigator.serviceWorker
      && navigator.serviceWorker.controller && typeof WebAssembly.compileStreaming === "function" ? "page" : "",
    offline: "serviceWorker" in navigator && window.isSecureContext && Boolean(window.caches),
  };
}

// Start the worker with its boot fields in its name: it starts booting as soon as its script
// runs, without waiting for this thread to post "init". Returns {worker, boot, error}; `error`
// is filled in if the worker's script fails before anyone else listens. Throws if the browser
// refuses to start a worker.
/**
 * @param {PageConfig} config
 * @param {string} base the page's address
 * @returns {Launched}
 */
export function launch(config, base) {
  const boot = bootFields(config, base);
  performance.mark("calc:worker-start");
  const worker = new Worker(new URL(config.worker, base), { type: "module", name: JSON.stringify(boot) });
  const launched = { worker, boot, error: "" };
  worker.onerror = (event) => {
    event.preventDefault();
    launched.error = event.message || "it could not be loaded";
  };
  if (boot.wasm === "page") {
    /** @param {WebAssembly.Module | null} module */
    const hand = (module) => worker.postMessage({ type: "wasm", module });
    caches.match(new URL(config.boot.wasm.url, base).href)
      .then((stored) => (stored ? WebAssembly.compileStreaming(stored) : null))
      .then(hand, () => hand(null));
  }
  return launched;
}

// The inline early start. Only while the page is being parsed: after an instant navigation
// Material re-runs this script, and the client, already running, serves the new page. (A page
// built with early_start off does not carry this script at all.)
export function launchEarly() {
  const holder = /** @type {ConfigHolder | null} */ (document.getElementById(CONFIG_ID));
  if (document.readyState !== "loading" || !holder) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return; // the client says why
  const config = readConfig();
  if (!config) return;
  try {
    holder.calcLaunched = launch(config, document.baseURI);
  } catch {
    // the client tries again and says what went wrong
  }
}

// The client's side of the handoff: the worker launchEarly started on this page, once.
/** @returns {Launched | null} */
export function takeEarlyLaunch() {
  const holder = /** @type {ConfigHolder | null} */ (document.getElementById(CONFIG_ID));
  const launched = holder ? holder.calcLaunched : undefined;
  if (holder) delete holder.calcLaunched;
  return launched || null;
}
