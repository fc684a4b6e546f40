// @ts-check
// A calculator page on paper: the result first, then the inputs as a compact summary (a table of
// the answers in words), not the form. The summary is kept up to date with each result (a
// printout needs no script to run first) and shown by print styles only (site.css); the form's
// section is marked to be left off paper.

import { CLASS, DATA } from "./contract.js";
import { make, syncPairs } from "./dom.js";
import { itemNumber } from "./cards.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */
/** @typedef {import("./urlstate.js").Inputs} Inputs */

const NOPRINT = "calc-noprint";

/**
 * Mark the form's section (its heading and text before the form, the form) to be left off
 * paper, and make the box the inputs are printed in, after `after` (the result and its buttons).
 * Returns that box and the form's section heading, if it has one.
 * @param {HTMLFormElement} form
 * @param {Element} after
 * @returns {{box: HTMLElement, heading: HTMLElement | null}}
 */
export function preparePrint(form, after) {
  form.classList.add(NOPRINT);
  /** @type {HTMLElement | null} */
  let heading = null;
  for (let el = form.previousElementSibling; el; el = el.previousElementSibling) {
    if (el.hasAttribute(DATA.summary) || el.tagName === "H1") break;
    el.classList.add(NOPRINT);
    if (el.tagName === "H2") { heading = /** @type {HTMLElement} */ (el); break; }
  }
  const box = make("div", "calc-print-inputs");
  box.append(make("p", CLASS.subtitle, "The inputs"), make("dl"));
  after.after(box);
  return { box, heading };
}

/**
 * One value in words, as the form shows it: a choice's label, Yes/No, a number with its unit,
 * what an empty value means.
 * @param {FieldSpec} field
 * @param {unknown} value
 */
export function valueWords(field, value) {
  if (value === null || value === undefined || value === "") return field.null_label || "";
  if (field.type === "choice") return (field.choices || []).find((c) => c.value === value)?.label || String(value);
  if (typeof value === "boolean") return value ? field.true_label || "Yes" : field.false_label || "No";
  if (typeof value === "number") {
    const text = Math.abs(value) >= 10000 ? value.toLocaleString("en-US") : String(value);
    return field.unit ? `${text} ${field.unit}` : text;
  }
  return String(value);
}

/**
 * Whether a field applies to these inputs (the form shows it): a field shown only for some
 * values of a sibling (the spec's shown_if) is left off paper otherwise.
 * @param {FieldSpec} field
 * @param {Inputs} siblings the inputs the field is among
 */
function applies(field, siblings) {
  const rule = field.shown_if;
  return !rule || rule.values.includes(String(siblings[rule.field]));
}

/**
 * The inputs as term/description pairs: each plain field, and each item of a list with its
 * fields on one line ("Offer 1: A" - "Instructor; Research-intensive...; Clinical effort 0.9 FTE").
 * @param {Spec} spec
 * @param {Inputs} inputs
 * @returns {Array<[string, string]>}
 */
export function inputPairs(spec, inputs) {
  /** @type {Array<[string, string]>} */
  const pairs = [];
  for (const field of spec.fields) {
    if (field.type !== "list") {
      if (applies(field, inputs)) pairs.push([field.label, valueWords(field, inputs[field.name])]);
      continue;
    }
    /** @type {Inputs[]} */
    const items = inputs[field.name] || [];
    items.forEach((item, n) => {
      const name = typeof item.label === "string" && item.label ? `${itemNumber(field, n)}: ${item.label}` : itemNumber(field, n);
      const answers = (field.items || []).filter((sub) => sub.name !== "label" && applies(sub, item))
        .map((sub) => `${sub.label}: ${valueWords(sub, item[sub.name])}`);
      pairs.push([name, answers.join("; ")]);
    });
  }
  return pairs;
}

/**
 * Write `inputs` into the print box (only what changed).
 * @param {HTMLElement} box
 * @param {Spec} spec
 * @param {Inputs} inputs
 */
export function printInputs(box, spec, inputs) {
  syncPairs(/** @type {HTMLElement} */ (box.querySelector("dl")), inputPairs(spec, inputs));
}
