// @ts-check
// The reader's actions on a calculator's inputs as a whole: the form's buttons (add, remove and
// fold an offer, Reset and its Undo), the sharing bar's (copy the link, the text, the email),
// and a link to the page with other inputs (a worked example) opened in place, undoably.

import { ACTION, CLASS, DATA, button, dot, has } from "./contract.js";
import { find, part } from "./dom.js";
import { collapseCards, foldCard } from "./cards.js";
import { showNotices } from "./errors.js";
import { copy, negotiationText, summaryText } from "./share.js";
import { decodeQuery, encodeQuery } from "./urlstate.js";
import { noticeWords } from "./words.js";

/** @typedef {import("./runner.js").Calculator} Calculator */

/**
 * The query of the inputs now in the form.
 * @param {Calculator} calc
 */
function currentQuery(calc) {
  return encodeQuery(calc.spec, calc.form.read().inputs);
}

/**
 * Fill the form from a query string (a link, the tab's copy, an undo), as a shared link opens:
 * the offers collapsed to their lines, what could not be used listed.
 * @param {Calculator} calc
 * @param {string} query
 */
export function loadQuery(calc, query) {
  const { raw, notices } = decodeQuery(calc.spec, query, noticeWords(calc.spec));
  calc.form.fill(raw);
  collapseCards(calc.form.el);
  showNotices(calc.form.el, notices);
  calc.touched = true;
  calc.compute();
}

/**
 * A link to this page with inputs (a worked example): they replace the reader's, undoably, and
 * the form comes into view. Returns whether the query was one for this calculator.
 * @param {Calculator} calc
 * @param {string} query
 */
export function openLink(calc, query) {
  const keys = [...new URLSearchParams(query).keys()];
  if (!keys.some((k) => k === calc.spec.url.version_param || calc.spec.fields.some((f) => f.name === k.split(".")[0]))) return false;
  const before = currentQuery(calc);
  loadQuery(calc, query);
  calc.address.flush();
  if (currentQuery(calc) !== before) calc.undo.offer("The form now holds the example's inputs.", before);
  (calc.heading || calc.form.el).scrollIntoView({ block: "start" });
  return true;
}

/**
 * Reset: every input back to its default (the address shows them; the tab keeps no copy), with
 * an Undo.
 * @param {Calculator} calc
 */
function resetInputs(calc) {
  const before = currentQuery(calc);
  calc.form.fill({});
  showNotices(calc.form.el, []);
  calc.touched = true;
  calc.compute(false);
  calc.undo.offer("All inputs are back to their defaults.", before);
}

/**
 * @param {Calculator} calc
 * @param {MouseEvent} event a click in the form
 */
export function onFormClick(calc, event) {
  const target = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest(has(DATA.action))) : null;
  const action = target && target.getAttribute(DATA.action);
  if (!target || !action) return;
  const listName = target.getAttribute(DATA.target) || target.closest(has(DATA.list))?.getAttribute(DATA.list);
  const list = calc.spec.fields.find((f) => f.type === "list" && f.name === listName);
  if (action === ACTION.add_item && list) { calc.form.addItem(list); calc.edited(); }
  else if (action === ACTION.remove_item && list) { calc.form.removeItem(list, /** @type {Element} */ (target.closest(has(DATA.item)))); calc.edited(); }
  else if (action === ACTION.done_item) foldCard(target);
  else if (action === ACTION.reset) resetInputs(calc);
  else if (action === ACTION.undo) { calc.undo.undo(); part(calc.form.el, button(ACTION.reset)).focus(); }
}

/**
 * @param {Calculator} calc
 * @param {MouseEvent} event a click in the sharing bar
 */
export function onShareClick(calc, event) {
  const target = event.target instanceof Element ? event.target.closest(has(DATA.action)) : null;
  const note = calc.share && find(calc.share, dot(CLASS.note));
  if (!target || !note) return;
  const action = target.getAttribute(DATA.action);
  const link = calc.address.link(calc.form.read().inputs);
  if (action === ACTION.copy_link) copy(link, note, "Link copied.");
  else if (action === ACTION.copy_summary) copy(summaryText(calc.spec, calc.lastResult, link), note, "Summary copied.");
  else if (action === ACTION.copy_email) copy(negotiationText(calc.lastResult) || "", note, "Negotiation email copied.");
}
