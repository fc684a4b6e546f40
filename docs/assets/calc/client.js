// The calculator runtime's client: the one module of the page that talks to the Python worker.
// It starts the worker (or takes over the one the page started while it was parsed), owns the
// time limits, and offers a small API: connect() -> client; client.ready; client.run().
// Events on the client: "progress" (detail: {loaded, total}, bytes of the download on the wire),
// "slow" (still booting after a while), "failed" (detail: reason).
// Events on the document, for scripts that cannot import this module: "calc:ready" (detail:
// {urls}, site.js keeps them offline), "calc:answered" (the first result is in) and
// "calc:failed" (the theme's bundle need not wait any more; overrides/partials/theme-later.js).

const BOOT_SLOW_MS = 12000;
// The boot limit judges progress, not total time: on a slow link the download alone can take a
// minute, so the page gives up only when nothing has arrived (no bytes, no boot step) for this
// long, or when the runtime reports a failure; never while bytes still come.
const BOOT_STALL_MS = 20000;
const RUN_LIMIT_MS = 15000; // a scoring call takes milliseconds: no reply by then means the worker died

class Client extends EventTarget {
  constructor() {
    super();
    this.worker = null;
    this.state = "idle"; // idle | booting | ready | failed
    this.failure = "";
    this.info = null; // the worker's boot report once ready
    this.progress = null; // {loaded, total} while booting (the "progress" event's detail)
    this.pending = new Map(); // request id -> {resolve, reject, watchdog}
    this.nextId = 1;
    this.answered = false;
    this.ready = new Promise((resolve, reject) => { this.resolveReady = resolve; this.rejectReady = reject; });
    this.ready.catch(() => {}); // a failure is reported through "failed"
  }

  start(urls, workerUrl) {
    if (this.state !== "idle") return;
    this.state = "booting";
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      return this.fail("this browser cannot run WebAssembly (it may be switched off by a policy)");
    }
    // The boot URLs travel in the worker's name as well, so that the worker starts booting as soon
    // as its script runs rather than when this thread gets round to delivering "init".
    // window.__calcBoot lets tests and the benchmark switch the snapshot off ({snapshot: ""}).
    const boot = { ...urls, ...(window.__calcBoot || {}) };
    // Usually the page has started the worker already, while it was parsed (macros/early_worker.js).
    const early = window.__calcEarly;
    window.__calcEarly = "taken";
    try {
      if (early && early.worker) {
        this.worker = early.worker;
      } else {
        performance.mark("calc:worker-start");
        this.worker = new Worker(workerUrl, { type: "module", name: new URLSearchParams(boot).toString() });
      }
    } catch (err) {
      return this.fail(`the browser could not start a worker (${err.message || err})`);
    }
    const limit = window.__calcBootLimitMs || BOOT_STALL_MS;
    const stalled = () => {
      if (this.state === "booting") this.fail(`Python stopped loading: nothing arrived for ${Math.round(limit / 1000)} seconds`);
    };
    let timer = setTimeout(stalled, limit);
    const slow = setTimeout(() => {
      if (this.state === "booting") this.dispatchEvent(new Event("slow"));
    }, Math.min(BOOT_SLOW_MS, limit / 2));
    const worker = this.worker;
    worker.onmessage = (event) => {
      const msg = event.data || {};
      if (msg.type === "progress") {
        if (this.state !== "booting") return;
        clearTimeout(timer);
        timer = setTimeout(stalled, limit);
        this.progress = { loaded: msg.loaded, total: msg.total };
        this.dispatchEvent(new CustomEvent("progress", { detail: this.progress }));
      } else if (msg.type === "ready") {
        clearTimeout(timer); clearTimeout(slow);
        if (this.state !== "booting") return;
        this.state = "ready";
        this.info = msg;
        window.__calcBootInfo = msg; // boot mode and step timings, read by the benchmark
        document.dispatchEvent(new CustomEvent("calc:ready", { detail: { urls: msg.urls } })); // site.js: offline copies
        this.resolveReady(msg);
      } else if (msg.type === "fatal") {
        clearTimeout(timer); clearTimeout(slow);
        this.fail(`Python could not be loaded (${msg.message})`);
      } else if (msg.type === "result") {
        const request = this.pending.get(msg.id);
        if (!request) return;
        this.pending.delete(msg.id);
        clearTimeout(request.watchdog);
        request.resolve(msg.reply);
        // the theme's bundle waits for this (overrides/partials/theme-later.js)
        if (!this.answered) { this.answered = true; document.dispatchEvent(new Event("calc:answered")); }
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer); clearTimeout(slow);
      this.fail(`the calculator worker stopped (${event.message || "it could not be loaded"})`);
    };
    worker.postMessage({ type: "init", ...boot });
    if (early && early.error) this.fail(`the calculator worker stopped (${early.error})`);
  }

  fail(reason) {
    if (this.state === "failed") return;
    this.state = "failed";
    this.failure = reason;
    document.dispatchEvent(new Event("calc:failed")); // the theme's bundle need not wait any more
    if (this.worker) this.worker.terminate();
    this.rejectReady(new Error(reason));
    for (const request of this.pending.values()) { clearTimeout(request.watchdog); request.reject(new Error(reason)); }
    this.pending.clear();
    this.dispatchEvent(new CustomEvent("failed", { detail: reason }));
  }

  // Ask Python for one result: {ok, result} | {ok: false, errors} | {ok: false, crash}. Rejects
  // when the runtime fails (the "failed" event says why).
  run(slug, inputs) {
    if (this.state !== "ready") return Promise.reject(new Error(this.failure || "Python is not ready"));
    const id = this.nextId++;
    const limit = window.__calcRunLimitMs || RUN_LIMIT_MS;
    return new Promise((resolve, reject) => {
      const watchdog = setTimeout(() => {
        if (this.pending.has(id)) this.fail(`the calculator stopped responding (no answer within ${Math.round(limit / 1000)} seconds)`);
      }, limit);
      this.pending.set(id, { resolve, reject, watchdog });
      this.worker.postMessage({ type: "run", id, slug, inputs });
    });
  }
}

let client = null;

// The page's one client (one Python worker serves every calculator of a visit).
export function connect(urls, workerUrl) {
  if (!client) client = new Client();
  client.start(urls, workerUrl);
  return client;
}
