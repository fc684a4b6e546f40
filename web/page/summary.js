// @ts-check
// The result summary near the top of a calculator page (macros/forms.py, summary): the band, the
// score and the headline in one compact box that stays on screen while the reader scrolls
// through the form (CSS: position sticky), with a link down to the full result, or, while a
// field needs fixing, a button to that field. It says what state the calculator is in (loading,
// no result, unavailable) as plainly as the full result does. Text only, changed parts only.

import { ACTION, CLASS, DATA, button, dot, has } from "./contract.js";
import { part, setAttr, setHidden, setText } from "./dom.js";

/** @typedef {"loading" | "ready" | "invalid" | "error"} SummaryState */

/** The first line of each state without a result. */
const TITLES = { loading: "Working out the result\u2026", invalid: "No result yet", error: "Calculator unavailable" };

/**
 * The summary box of calculator `slug`, if the page has one.
 * @param {string} slug
 * @returns {HTMLElement | null}
 */
export function findSummary(slug) {
  return document.querySelector(has(DATA.summary, slug));
}

/**
 * @param {HTMLElement} box
 * @param {SummaryState} state
 * @param {string} title the first line (a band, or what is going on)
 * @param {string} detail the second line
 * @param {string} score
 */
function show(box, state, title, detail, score) {
  setAttr(box, DATA.state, state);
  setText(part(box, dot(CLASS.summary_band)), title);
  const scoreEl = part(box, dot(CLASS.summary_score));
  setText(scoreEl, score);
  setHidden(scoreEl, !score);
  setText(part(box, dot(CLASS.summary_headline)), detail);
  // while a field needs fixing, the link down to the result gives way to a button to the field
  setHidden(part(box, dot(CLASS.summary_link)), state === "invalid");
  setHidden(part(box, button(ACTION.fix)), state !== "invalid");
}

/**
 * A result is in: its band (also as data-calc-band), score and headline.
 * @param {HTMLElement | null} box
 * @param {{band: string, band_label: string, score: number | null, headline: string}} res
 */
export function summaryResult(box, res) {
  if (!box) return;
  show(box, "ready", res.band_label, res.headline, res.score === null ? "" : `Score ${res.score} of 100`);
  setAttr(box, DATA.band, res.band);
}

/**
 * No result to show: still loading, an input to fix, or the calculator cannot run here.
 * @param {HTMLElement | null} box
 * @param {Exclude<SummaryState, "ready">} state
 * @param {string} detail
 */
export function summaryWithout(box, state, detail) {
  if (!box) return;
  setAttr(box, DATA.band, null);
  show(box, state, TITLES[state], detail, "");
}

/**
 * The state the summary shows (loading, ready...), or "" without a summary.
 * @param {HTMLElement | null} box
 */
export function summaryState(box) {
  return box ? box.getAttribute(DATA.state) || "" : "";
}
