// @ts-check
// Starting the Python worker: the one place a calculator worker is created, from the page's
// config (macros/page_config.py writes it; readConfig reads it).
//
// The page runs this file twice over. Bundled into the early start (early-start.js, inlined
// right after the result container as a classic script, which calls launchEarly), it starts the
// worker while the parser is still on the page, before layout and before any module script
// could run. client.js imports it, takes that worker over (takeEarlyLaunch) or, where nothing
// was started early (flag early_start off, no WebAssembly or Worker, an instant navigation),
// calls launch itself.

/**
 * A calculator page's runtime config (macros/page_config.py, which says what each flag does);
 * its URLs are relative to the page.
 * @typedef {object} PageConfig
 * @property {string} root the site's root
 * @property {string} worker the calculator worker's script
 * @property {string} runner the calculator runner's script (the bundle of start.js)
 * @property {{runtime: string, lock: string, stdlib: string, snapshot: string, stdlib_used: string,
 *             stdlib_used_xz: string, wasm_xz: string, xz_decoder: string}} boot
 * @property {{wasm: number}} sizes the wasm's size (the download progress counts its bytes decoded)
 * @property {Flags} flags
 * @property {{boot_stall_ms: number, boot_slow_ms: number, run_ms: number}} limits
 */
/**
 * @typedef {object} Flags
 * @property {boolean} early_start
 * @property {boolean} theme_later
 * @property {boolean} snapshot
 * @property {boolean} compile_ahead
 * @property {boolean} prefetch
 * @property {boolean} wasm_from_page
 * @property {boolean} stdlib_later
 * @property {boolean} stdlib_on_demand
 * @property {boolean} boot_by_speed
 * @property {boolean} xz
 * @property {boolean} gc_freeze
 * @property {boolean} service_worker_later
 * @property {boolean} warm_up
 */
/** @typedef {import("../shared/protocol.js").BootFields} BootFields */
/**
 * A started worker: `error` is set if its script failed before the client listened.
 * @typedef {{worker: Worker, boot: BootFields, error: string}} Launched
 */
/** @typedef {HTMLElement & {calcLaunched?: Launched}} ConfigHolder */

export const CONFIG_ID = "calc-config";

/**
 * The page's config, or null on a page without a calculator.
 * @returns {PageConfig | null}
 */
export function readConfig() {
  const holder = document.getElementById(CONFIG_ID);
  return holder && holder.dataset.config ? JSON.parse(holder.dataset.config) : null;
}

// Start the worker with its boot fields in its name: it starts booting as soon as its script
// runs, without waiting for this thread to post "init". Returns {worker, boot, error}; `error`
// is filled in if the worker's script fails before anyone else listens. Throws if the browser
// refuses to start a worker.
/**
 * @param {PageConfig} config
 * @param {string} base the page's address (relative URLs in the config start from there)
 * @returns {Launched}
 */
export function launch(config, base) {
  /** @param {string} url */
  const absolute = (url) => (url ? new URL(url, base).href : "");
  const flags = config.flags;
  /** @type {BootFields} */
  const boot = {
    runtime: absolute(config.boot.runtime),
    lock: absolute(config.boot.lock),
    stdlib: absolute(config.boot.stdlib),
    snapshot: flags.snapshot ? absolute(config.boot.snapshot) : "",
    // the part of the .pyc standard library the calculators import: the .pyc boot reads it
    stdlibUsed: absolute(config.boot.stdlib_used),
    // the wasm and the used standard library xz-compressed, and the decoder that inflates them:
    // the worker's downloads on a slow link
    wasmXz: flags.xz ? absolute(config.boot.wasm_xz) : "",
    stdlibUsedXz: flags.xz ? absolute(config.boot.stdlib_used_xz) : "",
    xzDecoder: absolute(config.boot.xz_decoder),
    wasmBytes: (config.sizes && config.sizes.wasm) || 0,
    // On a returning visit (a service worker controls the page, so the runtime is probably
    // stored) this thread compiles the wasm from the offline copy and hands the module over:
    // the worker's thread is the busier one. Without a stored copy it hands over nothing and the
    // worker compiles the wasm itself.
    wasm: flags.wasm_from_page && window.caches && navigator.serviceWorker && navigator.serviceWorker.controller
      && typeof WebAssembly.compileStreaming === "function" ? "page" : "",
    flags: { compile_ahead: flags.compile_ahead, prefetch: flags.prefetch, stdlib_later: flags.stdlib_later,
             stdlib_on_demand: flags.stdlib_on_demand, boot_by_speed: flags.boot_by_speed, gc_freeze: flags.gc_freeze },
  };
  performance.mark("calc:worker-start");
  const worker = new Worker(absolute(config.worker), { type: "module", name: JSON.stringify(boot) });
  const launched = { worker, boot, error: "" };
  worker.onerror = (event) => {
    event.preventDefault();
    launched.error = event.message || "it could not be loaded";
  };
  if (boot.wasm === "page") {
    /** @param {WebAssembly.Module | null} module */
    const hand = (module) => worker.postMessage({ type: "wasm", module });
    caches.match(`${boot.runtime}pyodide.asm.wasm`)
      .then((stored) => (stored ? WebAssembly.compileStreaming(stored) : null))
      .then(hand, () => hand(null));
  }
  return launched;
}

// The inline early start. Only while the page is being parsed: after an instant navigation
// Material re-runs this script, and the client, already running, serves the new page.
export function launchEarly() {
  const holder = /** @type {ConfigHolder | null} */ (document.getElementById(CONFIG_ID));
  if (document.readyState !== "loading" || !holder) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return; // the client says why
  const config = readConfig();
  if (!config || !config.flags.early_start) return;
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
