// @ts-check
// The calculator runtime's failures in the reader's words: the one place they are worded. They
// travel as data, {code, ...fields} (web/shared/protocol.js, Failure), from the worker and the
// client to here; the result container shows the words and carries the code as
// data-calc-failure (for tests and styles: nothing reads the words back).

import { DATA } from "./contract.js";
import { setAttr } from "./dom.js";
import { showCrash, showFailure } from "./result.js";

/** @typedef {import("../shared/protocol.js").Failure} Failure */
/** @typedef {import("../shared/protocol.js").FailureCode} FailureCode */

// Each code's words; {seconds} is the failure's field of that name.
/** @type {Record<FailureCode, string>} */
const WORDS = {
  "no-config": "this page has no calculator settings",
  "no-webassembly": "this browser cannot run WebAssembly (it may be switched off by a policy)",
  "worker-blocked": "the browser would not start the calculator's background task",
  "worker-stopped": "the calculator's background task stopped",
  "boot-failed": "Python could not be loaded",
  "boot-stalled": "Python stopped loading: nothing arrived for {seconds} seconds",
  "start-timeout": "Python did not start within {seconds} seconds of its download",
  "run-timeout": "the calculator stopped responding (no answer within {seconds} seconds)",
  "calculator-crash": "the calculator hit an internal error with these inputs",
};

/**
 * Why the calculator cannot answer, in words (a phrase, without the advice around it).
 * @param {Failure} failure
 * @returns {string}
 */
export function failureText(failure) {
  return (WORDS[failure.code] || WORDS["boot-failed"]).replace("{seconds}", String(failure.seconds));
}

/**
 * Show a failure in a result container: its words, the pointer to the guide, and its code.
 * @param {HTMLElement} result
 * @param {Failure | null} failure
 */
export function showRuntimeFailure(result, failure) {
  const shown = failure || { code: /** @type {FailureCode} */ ("boot-failed") };
  setAttr(result, DATA.failure, shown.code);
  if (shown.code === "calculator-crash") showCrash(result);
  else showFailure(result, failureText(shown));
}

/**
 * A result came after all (a crash was one run's): the container no longer shows a failure.
 * @param {HTMLElement} result
 */
export function clearFailure(result) {
  setAttr(result, DATA.failure, null);
}
