// @ts-check
// Downloads and progress: every file the boot downloads is counted as its bytes arrive, files
// are fetched ahead for the runtime to take, and the boot's progress is reported to the page.
//
// A download is counted on a teed branch of its body, read here at once (the other branch is
// handed on: the wasm's compiler reads at its own pace), after any Content-Encoding is undone.
// Reports go to the page at most every PROGRESS_EVERY_MS once it has connected ("init": messages
// posted before the page listens would be lost), when a file is complete and at each boot step.
// The runtime's JavaScript modules are imported, not fetched, and are not counted.

/** @typedef {import("./boot-state.js").BootState} BootState */
/** @typedef {import("../shared/protocol.js").Download} Download */

// The network, before the runtime's fetch is hooked (pyodide-hooks.js): this module is
// evaluated first.
export const networkFetch = self.fetch.bind(self);
const PROGRESS_EVERY_MS = 100;
// Each step that shows the boot moving (a module in, the wasm compiled, the snapshot restored...)
// is reported as progress too: the page's boot limit counts from the last sign of life. Starting
// and choosing the path are not signs that anything arrived.
const QUIET_STEPS = new Set(["start", "chosen"]);

/**
 * Record a boot step (milliseconds since the worker started; reported for the benchmark).
 * @param {BootState} state
 * @param {string} name
 */
export function mark(state, name) {
  state.progress.steps[name] = Math.round(performance.now());
  state.progress.lastStep = name;
  if (!QUIET_STEPS.has(name)) report(state, true);
}

/**
 * Post the progress to the page (web/shared/protocol.js: "progress").
 * @param {BootState} state
 * @param {boolean} now at once (else within PROGRESS_EVERY_MS)
 */
export function report(state, now) {
  const p = state.progress;
  if (!p.connected || p.over) return;
  if (!now) {
    if (!p.timer) p.timer = setTimeout(() => report(state, true), PROGRESS_EVERY_MS);
    return;
  }
  clearTimeout(p.timer);
  p.timer = 0;
  const files = [...p.downloads.values()].filter((file) => !p.dropped.has(file.url))
    .map(({ since, requested, ...file }) => file);
  const urls = p.expected();
  const settled = urls.length > 0 && urls.every((url) => p.downloads.has(url));
  state.post({ type: "progress", files, settled, step: p.lastStep });
}

/**
 * The same response, its bytes counted as they arrive.
 * @param {BootState} state
 * @param {Response} response
 * @param {number} requested when it was asked for (performance.now())
 * @returns {Response}
 */
function counted(state, response, requested) {
  if (!response.body || !response.ok) return response;
  const p = state.progress;
  const length = Number(response.headers.get("Content-Length")) || null;
  const encoded = response.headers.has("Content-Encoding");
  /** @type {Download & {since: number, requested: number}} */
  const file = { url: response.url, loaded: 0, total: encoded ? p.sizes.get(response.url) || null : length,
                 wire: length, done: false, since: performance.now(), requested };
  p.downloads.set(file.url, file);
  p.dropped.delete(file.url);
  const [counting, body] = response.body.tee();
  (async () => {
    const reader = counting.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        file.loaded += value.byteLength;
        report(state, false);
      }
      file.done = true;
      report(state, true);
    } catch { /* the download failed: its consumer reports it */ }
  })();
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

/**
 * A download of the boot, counted (for the progress and the link's speed).
 * @param {BootState} state
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
export function bootFetch(state, url, init) {
  const requested = performance.now();
  return networkFetch(url, init).then((response) => counted(state, response, requested));
}

/**
 * Fetch files now that the runtime will ask for later: its fetch of each URL takes the response
 * (pyodide-hooks.js), once.
 * @param {BootState} state
 * @param {string[]} urls
 */
export function prefetch(state, urls) {
  for (const url of urls) {
    const response = bootFetch(state, url);
    response.catch(() => {});
    state.ahead.set(url, response);
  }
}

/**
 * Hand a response to the runtime's own fetch of `url` (pyodide-hooks.js), once.
 * @param {BootState} state
 * @param {string} url
 * @param {Promise<Response>} response
 */
export function handOver(state, url, response) {
  response.catch(() => {}); // the runtime's fetch reports it, or falls back to the network
  state.ahead.set(url, response);
}

/**
 * A download given up (the wasm's copy that lost the race): no longer part of the progress.
 * @param {BootState} state
 * @param {string} url
 */
export function drop(state, url) {
  state.progress.dropped.add(url);
}
