// @ts-check
// The result container: its state (loading, ready, error), status line and download progress,
// and the result itself (band, headline, figures, factors, next steps), written as text only and
// only where it changed, so that a recalculation restyles and re-lays out little of the page.

import { CLASS, DATA, dot } from "./contract.js";
import { find, make, part, setAttr, setHidden, setText, syncList, syncPairs } from "./dom.js";
import { loadingPercent, loadingText } from "./loading.js";
import { renderParts, renderRanking } from "./ranking.js";
import { renderQuestions } from "./questions.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {{label: string, effect: string, detail: string, source: string}} Factor */
/** @typedef {import("./ranking.js").RankRow} RankRow */
/** @typedef {import("./questions.js").Change} Change */
/** @typedef {import("./questions.js").FieldLink} FieldLink */
/** @typedef {{to?: string, subject?: string, body: string}} NegotiationEmail */
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
 * @property {Change[]} [what_would_change]
 * @property {NegotiationEmail | null} [negotiation_email]
 */
/** The part of the page a calculator's result is shown in (section.calc-result). @typedef {HTMLElement} ResultBox */

/**
 * @param {ResultBox} result
 * @param {"loading" | "ready" | "error"} state
 */
export function setState(result, state) {
  setAttr(result, DATA.state, state);
  setAttr(result, "aria-busy", state === "loading" ? "true" : "false");
}

/**
 * @param {ResultBox} result
 * @param {string} text
 */
export function showStatus(result, text) {
  const p = part(result, dot(CLASS.status));
  setText(p, text);
  setHidden(p, !text);
}

// How far Python's start is, while it loads: a progressbar (percent of the bytes on the wire)
// under the status line, and a line of text that changes only at each quarter and when Python
// starts, so that the result area (a polite live region) announces it now and then rather than
// at every chunk; the container is not marked busy meanwhile, or nothing would be read.
/**
 * @param {ResultBox} result
 * @param {import("./loading.js").Progress} progress
 */
export function showProgress(result, progress) {
  const numbers = loadingPercent(progress);
  if (!numbers) return;
  let box = find(result, ".calc-progress");
  if (!box) {
    box = make("div", "calc-progress");
    const bar = make("div", "calc-progress-bar");
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-label", "Python download");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.append(make("span"));
    box.append(bar, make("p", "calc-progress-text"));
    part(result, dot(CLASS.status)).after(box);
  }
  setHidden(box, false);
  setAttr(result, "aria-busy", "false");
  // never backwards (a small file that starts late adds to the total)
  const percent = Math.max(Number(box.dataset.percent || 0), numbers.percent);
  box.dataset.percent = String(percent);
  const bar = part(box, "[role=progressbar]");
  setAttr(bar, "aria-valuenow", String(percent));
  setAttr(bar, "aria-valuetext", numbers.text);
  part(bar, "span").style.width = `${percent}%`;
  const step = percent >= 100 ? 100 : Math.min(75, 25 * Math.floor(percent / 25));
  if (box.dataset.quarter !== String(step)) {
    box.dataset.quarter = String(step);
    const words = loadingText(progress);
    setText(part(box, ".calc-progress-text"), step === 100 ? `${words}\u2026`
      : `${words.replace(/ \(.*\)$/, "")}: ${step ? `over ${step}%` : "started"}.`);
  }
}

/** @param {ResultBox} result */
export function hideProgress(result) {
  const box = find(result, ".calc-progress");
  if (box) setHidden(box, true);
}

/**
 * @param {ResultBox} result
 * @param {string} reason
 */
export function showFailure(result, reason) {
  hideProgress(result);
  setState(result, "error");
  showStatus(result, `The calculator is unavailable: ${reason}. Your inputs are kept; reload the page to try again.`);
  setHidden(part(result, dot(CLASS.fallback)), false);
}

/** @param {ResultBox} result */
export function showCrash(result) {
  setState(result, "error");
  showStatus(result, "The calculator hit an internal error with these inputs. Your inputs are kept; the guide below still applies.");
  setHidden(part(result, dot(CLASS.fallback)), false);
}

/** @param {ResultBox} result */
export function hideResult(result) {
  setAttr(result, DATA.band, null);
  setHidden(part(result, dot(CLASS.output)), true);
}

/**
 * The spec's extra numbers present in a result, as [label, text] pairs.
 * @param {Spec} spec
 * @param {Result & Record<string, unknown>} res
 * @returns {Array<[string, string]>}
 */
export function metricPairs(spec, res) {
  return spec.metrics.filter(([key]) => key in res && res[key] !== null)
    .map(([key, label, unit]) => [label, `${res[key]}${unit === "%" ? "%" : " " + unit}`.trim()]);
}

/** @type {Record<string, string>} */
const EFFECT_MARK = { "+": "+", "-": "\u2212", "0": "\u2022" };
/** @type {Record<string, string>} */
const EFFECT_WORD = { "+": "helps", "-": "hurts", "0": "neutral" };

// `root`: the site root (factor links are site paths); `printMeta`: the line printed under it;
// `field(name)`: a field's {id, label} on the page (what_would_change links to it).
/**
 * @param {ResultBox} result
 * @param {Spec} spec
 * @param {Result} res
 * @param {URL} root
 * @param {string} printMeta
 * @param {(name: string) => FieldLink | null} field
 */
export function renderResult(result, spec, res, root, printMeta, field) {
  const out = part(result, dot(CLASS.output));
  setText(part(out, dot(CLASS.band_label)), res.band_label);
  setText(part(out, dot(CLASS.score)), res.score === null ? "" : `Score ${res.score} of 100`);
  setText(part(out, dot(CLASS.headline)), res.headline);
  syncPairs(part(out, dot(CLASS.metrics)), metricPairs(spec, res));
  // after the figures: the ranking, what would change it, the offers part by part
  const ranking = renderRanking(out, res.ranking, spec, part(out, dot(CLASS.metrics)));
  const questions = renderQuestions(out, res.what_would_change, field, ranking || part(out, dot(CLASS.metrics)));
  renderParts(out, res.ranking, questions || ranking || part(out, dot(CLASS.metrics)));
  syncList(part(out, dot(CLASS.factors)), res.factors, () => {
    const li = make("li");
    const mark = make("span", "calc-effect");
    mark.setAttribute("role", "img");
    li.append(mark, " ", make("strong"), make("span"), make("a", "", "Why?"));
    return li;
  }, (li, f) => {
    const [mark, label, detail, link] = li.children;
    setAttr(li, "data-calc-effect", f.effect);
    setText(mark, EFFECT_MARK[f.effect] || "\u2022");
    setAttr(mark, "aria-label", EFFECT_WORD[f.effect] || "neutral");
    setText(label, f.label);
    setText(detail, ` ${f.detail} `);
    setAttr(link, "href", new URL(f.source, root).href);
  });
  syncList(part(out, dot(CLASS.next_steps)), res.next_steps, () => make("li"), setText);
  const meta = find(result, dot(CLASS.print_meta));
  if (meta) setText(meta, printMeta);
  showStatus(result, "");
  setHidden(part(result, dot(CLASS.fallback)), true);
  setHidden(out, false);
  setAttr(result, DATA.band, res.band);
  setState(result, "ready");
}
