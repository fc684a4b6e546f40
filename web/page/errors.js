// @ts-check
// Field errors and link notices in the form: each error in its field's slot, in the reader's
// words (words.js), the field highlighted (its wrapper marked, the control aria-invalid); what a
// shared link carried that could not be used, listed above the form.

import { CLASS, DATA, dot, has } from "./contract.js";
import { find, make, setAttr, setHidden, setText } from "./dom.js";
import { fieldMessage } from "./words.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./words.js").FieldError} FieldError */

/** Marks a field's wrapper while its value needs the reader (site.css highlights it). */
const INVALID = "data-calc-invalid";

// The ids of a field's control, help text and error slot, by the scheme in the spec's "ids"
// (macros/html_contract.py, ID_SCHEME): "offers.1.label" -> "calc-offers-1-label", "...-help",
// "...-error".
/**
 * @param {Spec["ids"]} ids
 * @param {string} name
 */
export function fieldIds(ids, name) {
  const control = ids.prefix + name.replaceAll(".", ids.separator);
  return { control, help: control + ids.help, error: control + ids.error };
}

/**
 * Mark the fields in `errors` invalid, each with its message in its error slot (a list's own
 * slot for an error about the list, or about an item field the form does not show). Fields no
 * longer in error are cleared.
 * @param {HTMLFormElement} form
 * @param {Spec} spec
 * @param {FieldError[]} errors
 */
export function showErrors(form, spec, errors) {
  /** @type {Map<Element, string>} error slot -> its message */
  const messages = new Map();
  /** @type {Set<Element>} */
  const invalid = new Set();
  for (const err of errors) {
    const ids = fieldIds(spec.ids, err.field);
    const el = document.getElementById(ids.control);
    const own = el && form.contains(el) ? document.getElementById(ids.error) : null;
    const slot = own || document.getElementById(fieldIds(spec.ids, err.field.split(".")[0]).error);
    if (el && form.contains(el)) invalid.add(el);
    if (slot && form.contains(slot)) messages.set(slot, [messages.get(slot), fieldMessage(spec, err)].filter(Boolean).join(" "));
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) if (!invalid.has(el)) el.removeAttribute("aria-invalid");
  for (const el of invalid) setAttr(el, "aria-invalid", "true");
  for (const wrap of form.querySelectorAll(has(INVALID))) wrap.removeAttribute(INVALID);
  for (const slot of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll(dot(CLASS.error)))) {
    const message = messages.get(slot) || "";
    setText(slot, message);
    setHidden(slot, !message);
    // the field (or, for an error about a list as a whole, the list) is highlighted
    const wrap = message && (slot.closest(has(DATA.field)) || slot.closest(has(DATA.list)));
    if (wrap) wrap.setAttribute(INVALID, "");
  }
}

/**
 * The first control marked invalid, in the form's order, or null.
 * @param {HTMLFormElement} form
 * @returns {HTMLElement | null}
 */
export function firstInvalid(form) {
  return find(form, "[aria-invalid=true]") || find(form, has(INVALID));
}

/**
 * @param {HTMLFormElement} form
 * @param {string[]} notices
 * @param {string} [lead] the line above them
 */
export function showNotices(form, notices, lead = "Some parts of the link could not be used:") {
  const box = /** @type {HTMLElement} */ (form.querySelector(dot(CLASS.notices)));
  if (!box) return;
  box.replaceChildren();
  setHidden(box, !notices.length);
  if (!notices.length) return;
  const ul = make("ul");
  for (const n of notices.slice(0, 20)) ul.append(make("li", "", n));
  box.append(make("p", "", lead), ul);
}
