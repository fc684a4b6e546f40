// @ts-check
// A list's items (the offers of the offer comparison) as cards: each a native <details>
// (macros/forms.py, item_card) whose <summary> is a one-line summary of the item (its number,
// name and main answers), one card open at a time (they share a name). This module keeps the
// summaries up to date, folds a card the reader is done with and opens one that needs them.

import { CLASS, DATA, dot, has } from "./contract.js";
import { find, setText } from "./dom.js";

/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */

/**
 * What one item is called in headings: "Offer 1" (the spec's item_label, else "Item").
 * @param {FieldSpec} field
 * @param {number} n 0-based
 */
export function itemNumber(field, n) {
  return `${field.item_label || "Item"} ${n + 1}`;
}

/** A choice's label without its parenthetical aside, for a one-line summary.
 * @param {string} label */
function short(label) {
  return label.replace(/\s*\(.*?\)/g, "").trim();
}

/**
 * The item's main answers, as they read in its one-line summary: the choices it was given.
 * @param {FieldSpec} field the list field
 * @param {Element} card
 * @param {number} n
 */
function brief(field, card, n) {
  const parts = [];
  for (const sub of field.items || []) {
    if (sub.type !== "choice") continue;
    const el = card.querySelector(`[name="${CSS.escape(`${field.name}.${n}.${sub.name}`)}"]`);
    if (!(el instanceof HTMLSelectElement) || !el.value) continue;
    const choice = (sub.choices || []).find((c) => c.value === el.value);
    if (choice) parts.push(short(choice.label));
  }
  return parts.join(" \u00b7 ");
}

/**
 * The cards of list `field` in `form`.
 * @param {HTMLFormElement} form
 * @param {FieldSpec} field
 * @returns {HTMLDetailsElement[]}
 */
export function cardsOf(form, field) {
  return /** @type {HTMLDetailsElement[]} */ ([...form.querySelectorAll(`${has(DATA.list, field.name)} ${dot(CLASS.items)} > ${has(DATA.item)}`)]);
}

/**
 * Rewrite each card's one-line summary from its fields: "Offer 1", its name if it has one, its
 * choices. Cheap enough for every input event (text is written only where it changed).
 * @param {HTMLFormElement} form
 * @param {FieldSpec} field
 */
export function updateCards(form, field) {
  cardsOf(form, field).forEach((card, n) => {
    const label = card.querySelector(`[name="${CSS.escape(`${field.name}.${n}.label`)}"]`);
    const name = label instanceof HTMLInputElement ? label.value.trim() : "";
    const number = itemNumber(field, n);
    const nameEl = find(card, dot(CLASS.item_name));
    const briefEl = find(card, dot(CLASS.item_brief));
    if (nameEl) setText(nameEl, name ? `${number}: ${name}` : number);
    if (briefEl) setText(briefEl, brief(field, card, n));
  });
}

/**
 * Open the card that holds `el` (if it is in a closed one); returns whether it was closed.
 * @param {Element | null} el
 */
export function openCardOf(el) {
  const card = el && el.closest(`details${has(DATA.item)}`);
  if (!(card instanceof HTMLDetailsElement) || card.open) return false;
  card.open = true;
  return true;
}

/**
 * Collapse every card of the form to its summary (a shared link opens on its result).
 * @param {HTMLFormElement} form
 */
export function collapseCards(form) {
  for (const card of form.querySelectorAll(`details${has(DATA.item)}`)) {
    if (card instanceof HTMLDetailsElement) card.open = false;
  }
}

/**
 * "Done" on a card: fold it to its one line, which takes the focus and, if it went above the
 * screen, comes back into view (so the reader sees what they just filled in, summarized).
 * @param {Element} button
 */
export function foldCard(button) {
  const card = button.closest(`details${has(DATA.item)}`);
  if (!(card instanceof HTMLDetailsElement)) return;
  card.open = false;
  const line = find(card, "summary");
  if (!line) return;
  line.focus({ preventScroll: true });
  if (line.getBoundingClientRect().top < 0) line.scrollIntoView({ block: "center" });
}
