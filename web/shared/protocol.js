// @ts-check
// The data the page and the Python worker exchange, as JSDoc types (only the type checker reads
// this file: `make typecheck`). The messages themselves are listed at the top of worker.js.

/**
 * The fields the worker boots from (launch.js makes them from the page config): absolute URLs,
 * and the flags the worker reads.
 * @typedef {object} BootFields
 * @property {string} runtime
 * @property {string} lock
 * @property {string} stdlib
 * @property {string} snapshot "" when the snapshot is switched off
 * @property {string} stdlibUsed the part of the .pyc standard library the calculators import
 * @property {string} wasmXz the wasm, xz-compressed ("" when switched off)
 * @property {string} stdlibUsedXz stdlibUsed, its entries stored, xz-compressed ("" when switched off)
 * @property {string} xzDecoder the xz decoder's wasm
 * @property {number} wasmBytes the wasm's size (the progress counts its bytes decoded)
 * @property {"page" | ""} wasm "page": the page compiles the wasm and posts it
 * @property {{compile_ahead: boolean, prefetch: boolean, stdlib_later: boolean, stdlib_on_demand: boolean,
 *             boot_by_speed: boolean, gc_freeze: boolean}} flags
 */

/**
 * The worker's boot report ("ready").
 * @typedef {object} BootInfo
 * @property {"snapshot" | "pyc"} mode
 * @property {"none" | "used" | "whole"} stdlib the standard library the boot read
 * @property {number} ms
 * @property {Record<string, number>} steps milliseconds since the worker started, per step
 * @property {string} [fallback] why the snapshot was not used
 * @property {string[]} urls the files the boot used
 * @property {Inflated[]} inflated files the worker inflated (the wasm from its xz copy), to be stored as these URLs
 */

/** @typedef {{url: string, blob: Blob}} Inflated */

/**
 * One file the boot downloads ("progress"): bytes as they arrive, after any Content-Encoding is
 * undone; `total` is the Content-Length for a body sent as is, the wasm's size for the wasm,
 * else null; `wire` is the Content-Length (bytes on the wire).
 * @typedef {{url: string, loaded: number, total: number | null, wire: number | null, done: boolean}} Download
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
 * Python's answer to one run (calculators/web.py; a crash: a bug in a calculator).
 * @typedef {{ok: true, result: Result} | {ok: false, errors: FieldError[]} | {ok: false, crash: string}} Reply
 */

export {};
