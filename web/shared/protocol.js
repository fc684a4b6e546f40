// @ts-check
// The data the page and the Python worker exchange, as JSDoc types (only the type checker reads
// this file: `make typecheck`): the boot fields, the messages both ways, failures, progress.

/**
 * One boot file, from the boot manifest (tools/manifest.py) by way of the page config: its URL
 * (relative to the page in the config, absolute in the boot fields), its size in bytes, and its
 * xz-compressed copy where the build has one.
 * @typedef {{url: string, bytes: number, xz?: {url: string, bytes: number}}} BootFile
 */

/**
 * The boot files by role (tools/manifest.py, ROLES), as the worker boots from them: URLs
 * absolute; snapshot missing when the build or the page switched it off, the xz copies and
 * xz_decoder when xz is off.
 * @typedef {object} BootFiles
 * @property {BootFile} loader Pyodide's loader module
 * @property {BootFile} runtime_js the Emscripten module the loader imports
 * @property {BootFile} wasm
 * @property {BootFile} lock
 * @property {BootFile} wheel
 * @property {BootFile} stdlib the whole standard library (.pyc)
 * @property {BootFile} stdlib_used the part the calculators import
 * @property {BootFile} [snapshot]
 * @property {BootFile} [xz_decoder]
 */

/**
 * What the worker boots from (launch.js takes it from the page config), as JSON in the worker's
 * name: the boot starts as soon as the worker's script runs. The worker makes the URLs absolute
 * and leaves out the files of measures switched off (web/worker/boot-state.js).
 * @typedef {object} BootFields
 * @property {string} base the page's address: the files' URLs are relative to it
 * @property {Record<string, BootFile>} files the page config's boot files, by role
 * @property {import("./features.js").Flags} flags the page's flags (the worker reads its own through feature)
 * @property {"page" | ""} wasm "page": the page compiles the wasm from its offline copy and posts it
 * @property {boolean} offline the page keeps offline copies (a service worker): the worker stores
 *   there what it inflated from an xz copy, which no one else has
 */

// Messages to the worker:
//   {type: "init", boot: BootFields}   (the page listens from now on; "ready" or "fatal" follows)
//   {type: "wasm", module: WebAssembly.Module | null}   (when the boot fields say wasm: "page")
//   {type: "run", id, slug, inputs}   ("result" follows)
//   {type: "letter", id, slug, text} | {type: "letter", id, slug, name, bytes}   (an offer letter to read; "letter" follows)
//   {type: "warm", urls}   (a short-lived worker, site.js: import the stored runtime's modules; "warmed" follows)
// Messages from the worker:
//   {type: "progress", files: Download[], settled: boolean, step: string}   (after "init")
//   {type: "ready", ...BootInfo} | {type: "fatal", failure: Failure}
//   {type: "result", id, reply: Reply}
//   {type: "letter", id, reply: LetterReply}
//   {type: "warmed"}

/**
 * The worker's boot report ("ready"; the detail of the page's "calc:ready" performance mark).
 * @typedef {object} BootInfo
 * @property {"snapshot" | "pyc"} mode the snapshot boot (no standard library read), or the .pyc
 *   boot (with the part of the standard library the calculators import)
 * @property {number} ms
 * @property {Record<string, number>} steps milliseconds since the worker started, per step (and
 *   the link's reading: linkMbps, linkLagMs)
 * @property {string} [fallback] why the snapshot was not used
 * @property {string[]} urls the files the boot used (for the offline copies)
 */

/**
 * One file the boot downloads ("progress"): bytes as they arrive, after any Content-Encoding is
 * undone; `total` is the file's size (the manifest's, or the Content-Length of a body sent as
 * is), else null; `wire` is the Content-Length (bytes on the wire).
 * @typedef {{url: string, loaded: number, total: number | null, wire: number | null, done: boolean}} Download
 */

/**
 * The client's "progress" event detail (web/page/client.js): the boot's downloads so far.
 * - phase: "download" while bytes of the chosen boot path are still to come; "start" once every
 *   one of them is in and Python is starting (on the worker's thread, in one go);
 * - loaded, total: bytes decoded, of all files so far (total null while a size is unknown);
 * - wire: {loaded, total} bytes on the wire, once every download of the chosen path has started
 *   (else null): "downloading (1.1 of 3.3 MB)";
 * - files: each download.
 * @typedef {{phase: "download" | "start", loaded: number, total: number | null, files: Download[],
 *            wire: {loaded: number, total: number} | null}} Progress
 */

/**
 * Why the calculator runtime cannot answer, as data; the page words it (web/page/failures.js)
 * and shows the code as data-calc-failure on the result container.
 * - no-config: the page has no calculator config
 * - no-webassembly: the browser cannot run WebAssembly (or a policy switched it off)
 * - worker-blocked: the browser refused to start a worker (detail)
 * - worker-stopped: the worker's script failed to load or stopped (detail)
 * - boot-failed: the worker could not boot Python (detail)
 * - boot-stalled: nothing arrived for `seconds` while Python loaded
 * - start-timeout: Python did not start within `seconds` of its download
 * - run-timeout: no answer within `seconds`
 * - calculator-crash: a calculator raised with these inputs (a bug; the runtime goes on)
 * @typedef {"no-config" | "no-webassembly" | "worker-blocked" | "worker-stopped" | "boot-failed" | "boot-stalled"
 *   | "start-timeout" | "run-timeout" | "calculator-crash"} FailureCode
 * @typedef {{code: FailureCode, seconds?: number, detail?: string}} Failure
 */

/**
 * One problem with one input, as data (calculators/contract.py, FieldError.as_dict; the page
 * makes the same shape for what it finds itself).
 * @typedef {object} FieldError
 * @property {string} field the input's name as forms and links spell it ("offers.1.label")
 * @property {string} problem "is out of range"
 * @property {string | null} given the value given, shown as text; null when none was given
 * @property {string} allowed the allowed values in words
 */

/** @typedef {{label: string, effect: string, detail: string, source: string}} Factor */
/** @typedef {{label: string, score: number, band: string, band_label?: string, salary?: number | null}} RankRow */
/**
 * A calculator's result (calculators/contract.py, Calculator.run; extra keys per calculator).
 * @typedef {object} Result
 * @property {string} version
 * @property {string} band
 * @property {string} band_label
 * @property {number | null} score
 * @property {string} headline
 * @property {Factor[]} factors
 * @property {string[]} next_steps
 * @property {RankRow[]} [ranking]
 */

/**
 * Python's answer to one run (calculators/web.py). A crash is a bug in a calculator: `crash` is
 * Python's traceback (for developers); `missing` names a standard-library module the boot's
 * standard library lacks (the worker then fetches the whole one and runs again).
 * @typedef {{ok: true, result: Result} | {ok: false, errors: FieldError[]}
 *   | {ok: false, crash: string, missing?: string}} Reply
 */

/** @typedef {{field: string, value: unknown, quote: string}} LetterFact */
/** @typedef {{field: string, words: string, suspect?: string}} LetterGap */
/**
 * What a letter gives one offer of a calculator (calculators/letter_fill.py, plan): the facts to
 * confirm, the gaps in the article's terms, the answers that leave a gap open.
 * @typedef {object} LetterPlan
 * @property {LetterFact[]} facts
 * @property {LetterGap[]} gaps
 * @property {Record<string, unknown>} open
 * @property {string} [other_rank] a rank the letter names that this calculator does not take
 * @property {string} [other_rank_label] that rank in words
 * @property {string} [note]
 */
/**
 * The worker's answer to a letter: a plan, a letter it cannot read (code and the reason in
 * words), or a bug.
 * @typedef {{ok: true, plan: LetterPlan} | {ok: false, error: {code: string, message: string}}
 *   | {ok: false, crash: string}} LetterReply
 */

export {};
