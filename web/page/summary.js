// @ts-check
// The result summary near the top of a calculator page (macros/forms.py, summary): the band, the
// score and the headline in one compact box that stays on screen while the reader scrolls
// through the form (CSS: position sticky), with a link down to the full result. It says what
// state the calculator is in (loading, no result, unavailable) as plainly as the full result does.
// Text only, changed parts only (render.js's setters).

import { setAttr, setHidden, setText } from "./render.js";

/** @typedef {"loading" | "ready" | "invalid" | "error"} SummaryState */

/**
 * The summary box of calculator `slug`, if the page has one.
 * @param {string} slug
 * @returns {HTMLElement | null}
 */
export function findSummary(slug) {
  return document.querySelector(`[data-calculator-summary="${CSS.escape(slug)}"]`);
}

/**
 * @param {HTMLElement} box
 * @param {SummaryState} state
 * @param {string} title the first line (a band, or what is going on)
 * @param {string} detail the second line
 * @param {string} score
 */
function show(box, state, title, detail, score) {
  setAttr(box, "data-state", state);
  setText(/** @type {HTMLElement} */ (box.querySelector(".calc-summary-band")), title);
  const scoreEl = /** @type {HTMLElement} */ (box.querySelector(".calc-summary-score"));
  setText(scoreEl, score);
  setHidden(scoreEl, !score);
  setText(/** @type {HTMLElement} */ (box.querySelector(".calc-summary-headline")), detail);
}

/**
 * A result is in: its band (also as `data-band`), score and headline.
 * @param {HTMLElement | null} box
 * @param {{band: string, band_label: string, score: number | null, headline: string}} res
 */
export function summaryResult(box, res) {
  if (!box) return;
  show(box, "ready", res.band_label, res.headline, res.score === null ? "" : `Score ${res.score} of 100`);
  setAttr(box, "data-band", res.band);
}

/**
 * No result to show: still loading, an input to fix, or the calculator cannot run here.
 * @param {HTMLElement | null} box
 * @param {Exclude<SummaryState, "ready">} state
 * @param {string} detail
 */
export function summaryWithout(box, state, detail) {
  if (!box) return;
  const title = { loading: "Working out the result\u2026", invalid: "No result yet", error: "Calculator unavailable" }[state];
  box.removeAttribute("data-band");
  show(box, state, title, detail, "");
}
