// @ts-check
// What would change the result (result.what_would_change): the answers, to inputs left unknown,
// that would move it to another band, as questions worth asking, each with a button that takes
// the reader to the field it is about.

import { ACTION, CLASS, DATA } from "./contract.js";
import { make, part, setAttr, setHidden, setText, syncList } from "./dom.js";

/**
 * One answer that would change the result (calculators/what_would_change.py).
 * @typedef {object} Change
 * @property {string} field the input's name as forms and links spell it ("offers.0.track")
 * @property {unknown} value
 * @property {string} band the band the result would have
 * @property {string} [band_label]
 * @property {number | null} [score]
 * @property {string} [ask] the question worth asking, as a sentence
 * @property {string} [label] the field's label
 * @property {string} [value_label] the answer in words
 */
/** A field as the page shows it: its control's id and its label. @typedef {{id: string, label: string}} FieldLink */

/**
 * The questions, after `after`: answers to the same field share one item, with one button to
 * that field (`field(name)` gives its {id, label} on the page, or null). Nothing shows when the
 * result has none (or predates them). Returns the box, or null when hidden.
 * @param {HTMLElement} out
 * @param {Change[] | undefined} items
 * @param {(name: string) => FieldLink | null} field
 * @param {Element} after
 * @returns {HTMLElement | null}
 */
export function renderQuestions(out, items, field, after) {
  let box = /** @type {HTMLElement | null} */ (out.querySelector(".calc-questions"));
  const groups = questionGroups(items);
  if (!groups.length) { if (box) setHidden(box, true); return null; }
  if (!box) {
    box = make("div", "calc-questions");
    box.append(make("p", CLASS.subtitle, "What would change it"),
      make("p", "calc-questions-help", "Each of these answers, to something left unknown, would change the result on its own."),
      make("ul"));
  }
  if (after.nextElementSibling !== box) after.after(box);
  setHidden(box, false);
  syncList(part(box, "ul"), groups, () => {
    const li = make("li");
    // a button, not a link: it moves the focus (runner.js), the address stays as it is
    const go = make("button", "calc-question-link");
    go.type = "button";
    go.setAttribute(DATA.action, ACTION.answer);
    li.append(make("span"), " ", go);
    return li;
  }, (li, group) => {
    const [asks, go] = /** @type {[HTMLElement, HTMLButtonElement]} */ ([...li.children]);
    const target = field(group.field);
    syncList(asks, group.items, () => make("span"), (span, item) => {
      setAttr(span, DATA.band, String(item.band)); // the band this answer would give
      setText(span, `${askText(item, target ? target.label : "this answer")} `);
    });
    setHidden(go, !target);
    if (target) {
      setAttr(go, DATA.target, group.field);
      setAttr(go, "aria-controls", target.id);
      setText(go, `Answer: ${target.label}`);
    }
  });
  return box;
}

/**
 * what_would_change items grouped by field, in their order.
 * @param {Change[] | undefined} items
 * @returns {Array<{field: string, items: Change[]}>}
 */
export function questionGroups(items) {
  /** @type {Array<{field: string, items: Change[]}>} */
  const groups = [];
  for (const item of Array.isArray(items) ? items : []) {
    const name = String(item.field);
    const last = groups[groups.length - 1];
    if (last && last.field === name) last.items.push(item);
    else groups.push({ field: name, items: [item] });
  }
  return groups;
}

// The question as one sentence: Python's `ask`, else built from the item's labels (`label`:
// the field's label on the page, where the item has none).
/**
 * @param {Change} item
 * @param {string} label
 */
function askText(item, label) {
  if (item.ask) return String(item.ask);
  const answer = item.value_label || String(item.value);
  return `If \u201c${item.label || label}\u201d is ${answer}, the result becomes ${item.band_label || item.band}.`;
}
