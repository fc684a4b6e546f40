// @ts-check
// The calculators' module Web Worker (entry): boots Pyodide from the site's own copy (boot.js)
// and runs calculators on request (calculators.js) and reads offer letters (letter.js). The page starts it with its boot fields as
// JSON in the worker's name (launch.js: the script is cached by its content hash, so its URL
// cannot carry them), so the boot starts as soon as this script runs; "init" then only asks for
// "ready". The messages both ways: web/shared/protocol.js.
//
// Warm-up: a separate, short-lived instance of this worker (started by site.js after a first
// visit, with no boot fields) imports the runtime's modules once from the copies the service
// worker has just stored. Chrome keeps compiled code with a cached script from its first run out
// of Cache Storage, so the next visit does not compile them again.

import { newBootState, said } from "./boot-state.js";
import { boot } from "./boot.js";
import { report } from "./downloads.js";
import { afterAnswer, runCalculator } from "./calculators.js";
import { readLetter } from "./letter.js";

/** @typedef {import("../shared/protocol.js").BootFields} BootFields */
/** @typedef {import("./boot-state.js").BootState} BootState */

const worker = /** @type {DedicatedWorkerGlobalScope} */ (/** @type {unknown} */ (self));
/** @param {object} message */
const post = (message) => worker.postMessage(message);
/** @param {unknown} err why the boot failed */
const fatal = (err) => post({ type: "fatal", failure: { code: "boot-failed", detail: said(err) } });

/** @returns {BootFields | null} the boot fields in the worker's name (none in the warm-up worker's) */
function namedBoot() {
  try {
    const fields = JSON.parse(self.name);
    return fields && fields.files ? fields : null;
  } catch {
    return null;
  }
}

/**
 * Only this site's files are imported.
 * @param {unknown} urls
 */
async function warm(urls) {
  for (const url of Array.isArray(urls) ? urls : []) {
    if (new URL(url, self.location.href).origin !== self.location.origin) continue;
    try { await import(url); } catch { /* nothing to keep */ }
  }
}

/**
 * The worker's one boot, begun once: from its name at once, else from "init".
 * @type {{state: BootState, booting: Promise<object>} | null}
 */
let current = null;

/** @param {BootFields} fields */
function begin(fields) {
  const state = newBootState(fields, post);
  const booting = boot(state);
  booting.catch(() => {}); // reported when "init" arrives
  current = { state, booting };
  return current;
}

// A failed download inside the runtime can surface as an unhandled rejection: report it once.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (current && !current.state.progress.over) fatal(event.reason);
});

const named = namedBoot();
if (named) begin(named);

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    const { state, booting } = current || begin(msg.boot);
    state.progress.connected = true;
    report(state, true);
    try {
      const info = await booting;
      state.progress.over = true;
      post({ type: "ready", ...info });
    } catch (err) {
      fatal(err);
    }
  } else if (msg.type === "wasm") {
    if (current) current.state.wasm.deliver(msg.module instanceof WebAssembly.Module ? msg.module : null);
  } else if (msg.type === "warm") {
    await warm(msg.urls);
    post({ type: "warmed" });
  } else if (msg.type === "run" && current) {
    const reply = await runCalculator(current.state, msg);
    post({ type: "result", id: msg.id, reply });
    afterAnswer(current.state);
  } else if (msg.type === "letter" && current) {
    post({ type: "letter", id: msg.id, reply: await readLetter(current.state, msg) });
  }
};
