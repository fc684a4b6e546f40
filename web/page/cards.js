// @ts-check
// List items (the offers of the offer comparison) as cards: each item is a native <details>
// (macros/forms.py, item_card) whose <summary> is a one-line summary of the item: its number,
// its name and its main answers. A card opens and closes by click, tap, Enter or Space without
// any script; this module keeps the summaries up to date and opens a card when one of its
// fields needs the reader (an error, a question worth asking, a new item).

import { setText } from "./render.js";

/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */

/**
 * What one item is called in headings: "Offer 1" (the spec's item_label, else "Offer").
 * @param {FieldSpec} field
 * @param {number} n 0-based
 */
export function itemNumber(field, n) {
  return `${field.item_label || "Offer"} ${n + 1}`;
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
 * Rewrite each card's one-line summary from its fields: "Offer 1", its name if it has one, its
 * choices. Cheap enough for every input event (text is written only where it changed).
 * @param {HTMLFormElement} form
 * @param {FieldSpec} field
 */
export function updateCards(form, field) {
  const cards = form.querySelectorAll(`[data-list="${CSS.escape(field.name)}"] .calc-items > [data-item]`);
  cards.forEach((card, n) => {
    const label = card.querySelector(`[name="${CSS.escape(`${field.name}.${n}.label`)}"]`);
    const name = label instanceof HTMLInputElement ? label.value.trim() : "";
    const number = itemNumber(field, n);
    const nameEl = card.querySelector(".calc-item-name");
    const briefEl = card.querySelector(".calc-item-brief");
    if (nameEl) setText(/** @type {HTMLElement} */ (nameEl), name ? `${number}: ${name}` : number);
    if (briefEl) setText(/** @type {HTMLElement} */ (briefEl), brief(field, card, n));
  });
}

/**
 * Open the card that holds `el` (if it is in a closed one); returns whether it was closed.
 * @param {Element | null} el
 */
export function openCardOf(el) {
  const card = el && el.closest("details[data-item]");
  if (!(card instanceof HTMLDetailsElement) || card.open) return false;
  card.open = true;
  return true;
}

/**
 * Collapse every card of the form to its summary (a shared link opens on its result).
 * @param {HTMLFormElement} form
 */
export function collapseCards(form) {
  for (const card of form.querySelectorAll("details[data-item]")) {
    if (card instanceof HTMLDetailsElement) card.open = false;
  }
}

/**
 * Printing keeps every input and every rule: open the page's closed cards and folded sections
 * for the printout, close them again after.
 * @param {Element} root the page's article (or the form, on a page without one)
 * @param {AbortSignal} signal
 */
export function openFoldsForPrint(root, signal) {
  /** @type {HTMLDetailsElement[]} */
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...root.querySelectorAll("details:not([open])")].filter((d) => d instanceof HTMLDetailsElement);
    for (const fold of opened) fold.open = true;
  }, { signal });
  window.addEventListener("afterprint", () => {
    for (const fold of opened) fold.open = false;
    opened = [];
  }, { signal });
}
