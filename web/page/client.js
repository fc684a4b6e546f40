// @ts-check
// The calculator runtime's client: the one module of the page that talks to the Python worker.
// It starts the worker (or takes over the one the page started while it was parsed; launch.js),
// owns the time limits, and offers a small API:
//   connect() -> the page's client (one Python worker serves every calculator of a visit)
//   client.ready -> Promise of the worker's boot report (BootInfo)
//   client.run(slug, inputs) -> Promise of Python's reply
// Events on the client: "progress" (detail: Progress, web/shared/protocol.js: its phase,
// "download" then "start", and the bytes so far), "slow" (still booting after
// limits.boot_slow_ms), "failed" (detail: a Failure, {code, ...fields}; the page words it in
// failures.js). Events on the document, for scripts that cannot import this module:
// "calc:ready" (detail: {urls}; site.js keeps them offline), "calc:answered" (the first result
// is in) and "calc:failed" (the theme's bundle need not wait any more; theme-later.js).
// Marks on the performance timeline: "calc:worker-start" (launch.js) and "calc:ready" (detail:
// the boot report; the benchmark and the tests read it).

import { readConfig } from "./config.js";
import { launch, takeEarlyLaunch } from "./launch.js";

/** @typedef {import("./config.js").PageConfig} PageConfig */
/** @typedef {import("../shared/protocol.js").Reply} Reply */
/** @typedef {import("../shared/protocol.js").BootInfo} BootInfo */
/** @typedef {import("../shared/protocol.js").Download} Download */
/** @typedef {import("../shared/protocol.js").Failure} Failure */
/** @typedef {import("../shared/protocol.js").Progress} Progress */
/** @typedef {{resolve: (reply: any) => void, reject: (error: Error) => void, watchdog: number}} Pending a run's (Reply) or a letter's (LetterReply) */

/** @param {unknown} err */
const said = (err) => String(err instanceof Error ? err.message : err);
// How long the first letter reading may take (it fetches the reader, and pypdf for a PDF, on a
// slow link; a PDF is read within 5 s: calculators/letter_pdf.py) before the worker counts as stopped.
const LETTER_MS = 90_000;

class Client extends EventTarget {
  /** @param {PageConfig | null} config */
  constructor(config) {
    super();
    this.config = config;
    /** the boot's stall limit (watchBoot) */
    this.stallMs = 0;
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {"idle" | "booting" | "ready" | "failed"} */
    this.state = "idle";
    /** @type {Failure | null} why the runtime cannot answer, once it has failed */
    this.failure = null;
    /** @type {Map<number, Pending>} request id -> its promise's callbacks */
    this.pending = new Map();
    this.nextId = 1;
    this.answered = false;
    /** @type {number[]} the stall timer, the "slow" timer */
    this.bootTimers = [];
    /** @type {Progress} the boot's downloads so far */
    this.progress = { phase: "download", loaded: 0, total: null, files: [], wire: null };
    /** @type {(info: BootInfo) => void} */
    this.resolveReady = () => {};
    /** @type {(error: Error) => void} */
    this.rejectReady = () => {};
    /** @type {Promise<BootInfo>} */
    this.ready = new Promise((resolve, reject) => { this.resolveReady = resolve; this.rejectReady = reject; });
    this.ready.catch(() => {}); // a failure is reported through "failed"
  }

  start() {
    this.state = "booting";
    if (!this.config) return this.fail({ code: "no-config" });
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      return this.fail({ code: "no-webassembly" });
    }
    const config = this.config;
    let launched = takeEarlyLaunch();
    try {
      if (!launched) launched = launch(config, document.baseURI);
    } catch (err) {
      return this.fail({ code: "worker-blocked", detail: said(err) });
    }
    this.worker = launched.worker;
    this.watchBoot(config.limits);
    this.worker.onmessage = (event) => this.receive(event.data || {});
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail({ code: "worker-stopped", detail: event.message || "it could not be loaded" });
    };
    this.worker.postMessage({ type: "init", boot: launched.boot });
    if (launched.error) this.fail({ code: "worker-stopped", detail: launched.error });
  }

  // The boot's time limit, and the "still loading" notice. (The one place that decides when a
  // boot has taken too long.) The limit judges progress, not total time: on a slow link the
  // download alone can take minutes, so the boot fails only when nothing has arrived (no bytes,
  // no boot step: each resets the stall timer, see receive) for limits.boot_stall_ms (three
  // times that once every download is in), or when the worker reports a failure; never while
  // bytes still come.
  /** @param {PageConfig["limits"]} limits */
  watchBoot(limits) {
    const { boot_stall_ms: limit, boot_slow_ms: slow } = limits;
    this.stallMs = limit;
    this.bootTimers = [
      setTimeout(() => this.stalled("download"), limit),
      setTimeout(() => this.dispatchEvent(new Event("slow")), Math.min(slow, limit / 2)),
    ];
  }

  /** @param {Progress["phase"]} phase what the boot was doing when it stopped */
  stalled(phase) {
    if (phase === "start") this.fail({ code: "start-timeout", seconds: Math.round((3 * this.stallMs) / 1000) });
    else this.fail({ code: "boot-stalled", seconds: Math.round(this.stallMs / 1000) });
  }

  /** @param {any} msg a message from the worker (web/shared/protocol.js lists them) */
  receive(msg) {
    if (msg.type === "progress") {
      if (this.state !== "booting") return;
      this.progress = progressOf(msg.files || [], Boolean(msg.settled));
      // Once every download is in, what is left is the processor's work (Python's start-up, in
      // one go on the worker's thread, so without signs of life): a slow or busy device gets
      // three times as long before the boot counts as stalled.
      const phase = this.progress.phase;
      clearTimeout(this.bootTimers[0]);
      this.bootTimers[0] = setTimeout(() => this.stalled(phase), (phase === "start" ? 3 : 1) * this.stallMs);
      this.dispatchEvent(new CustomEvent("progress", { detail: this.progress }));
    } else if (msg.type === "ready") {
      this.bootTimers.forEach(clearTimeout);
      if (this.state !== "booting") return;
      this.state = "ready";
      /** @type {BootInfo} */
      const info = { mode: msg.mode, ms: msg.ms, steps: msg.steps, fallback: msg.fallback, urls: msg.urls };
      performance.mark("calc:ready", { detail: info });
      document.dispatchEvent(new CustomEvent("calc:ready", { detail: { urls: info.urls } }));
      this.resolveReady(info);
    } else if (msg.type === "fatal") {
      this.fail(msg.failure || { code: "boot-failed" });
    } else if (msg.type === "result" || msg.type === "letter") {
      const request = this.pending.get(msg.id);
      if (!request) return;
      this.pending.delete(msg.id);
      clearTimeout(request.watchdog);
      request.resolve(msg.reply);
      if (msg.type === "result" && !this.answered) { this.answered = true; document.dispatchEvent(new Event("calc:answered")); }
    }
  }

  /** @param {Failure} failure */
  fail(failure) {
    if (this.state === "failed") return;
    this.state = "failed";
    this.failure = failure;
    this.bootTimers.forEach(clearTimeout);
    document.dispatchEvent(new Event("calc:failed"));
    if (this.worker) this.worker.terminate();
    const error = new Error(failure.code);
    this.rejectReady(error);
    for (const request of this.pending.values()) { clearTimeout(request.watchdog); request.reject(error); }
    this.pending.clear();
    this.dispatchEvent(new CustomEvent("failed", { detail: failure }));
  }

  // Ask Python for one result: {ok, result} | {ok: false, errors} | {ok: false, crash}. Rejects
  // when the runtime fails (the "failed" event says why).
  /**
   * @param {string} slug
   * @param {import("./urlstate.js").Inputs} inputs
   * @returns {Promise<Reply>}
   */
  run(slug, inputs) {
    if (!this.config) return Promise.reject(new Error(this.failure ? this.failure.code : "not ready"));
    return this.ask({ type: "run", slug, inputs }, this.config.limits.run_ms);
  }

  // Read an offer letter in the worker, once Python is ready: its text, or a file's name and
  // bytes (handed over, not copied). The first reading fetches the reader (web/worker/letter.js),
  // so it gets LETTER_MS before the runtime counts as stopped.
  /**
   * @param {{slug: string, text?: string, name?: string, bytes?: ArrayBuffer}} letter
   * @returns {Promise<import("../shared/protocol.js").LetterReply>}
   */
  async readLetter(letter) {
    await this.ready;
    return this.ask({ type: "letter", ...letter }, LETTER_MS, letter.bytes ? [letter.bytes] : []);
  }

  // One request to the ready worker, answered by the message with its id; a worker silent for
  // `limit` ms counts as stopped.
  /**
   * @param {object} message
   * @param {number} limit
   * @param {Transferable[]} [transfer]
   * @returns {Promise<any>}
   */
  ask(message, limit, transfer = []) {
    const worker = this.worker;
    if (this.state !== "ready" || !worker) return Promise.reject(new Error(this.failure ? this.failure.code : "not ready"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const watchdog = setTimeout(() => this.fail({ code: "run-timeout", seconds: Math.round(limit / 1000) }), limit);
      this.pending.set(id, { resolve, reject, watchdog });
      worker.postMessage({ ...message, id }, transfer);
    });
  }
}

/**
 * The boot's progress from the worker's files: on the wire, each file's Content-Length reached in
 * proportion to its decoded bytes (a compressed file of unknown decoded size counts once complete).
 * @param {Download[]} files
 * @param {boolean} settled every download of the chosen boot path has started
 * @returns {Progress}
 */
function progressOf(files, settled) {
  /** @param {"loaded" | "total"} key */
  const sum = (key) => files.reduce((total, file) => total + (file[key] || 0), 0);
  const sized = files.filter((f) => f.wire);
  /** @param {Download} f */
  const share = (f) => (f.total ? Math.min(1, f.loaded / f.total) : f.done ? 1 : 0);
  const wire = settled && sized.length
    ? { loaded: Math.round(sized.reduce((n, f) => n + (f.wire || 0) * share(f), 0)),
        total: sized.reduce((n, f) => n + (f.wire || 0), 0) }
    : null;
  return { phase: settled && files.every((f) => f.done) ? "start" : "download", loaded: sum("loaded"),
           total: files.every((f) => f.total !== null) ? sum("total") : null, files, wire };
}

/** @type {Client | null} */
let client = null;

/**
 * The page's client, started on first use from this page's config.
 * @returns {Client}
 */
export function connect() {
  if (!client) {
    client = new Client(readConfig());
    client.start();
  }
  return client;
}
