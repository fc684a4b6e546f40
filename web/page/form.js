// @ts-check
// A calculator's form as inputs: reading its controls into the values Python takes (with the
// page's own checks, shaped as Python's errors), filling them from inputs, and a list's items
// (adding, removing, numbering them as shared links name them).

import { ACTION, CLASS, DATA, button, dot, has } from "./contract.js";
import { find, part } from "./dom.js";
import { fieldIds } from "./errors.js";
import { itemNumber, openCardOf, updateCards } from "./cards.js";
import { valueText } from "./urlstate.js";
import { fieldTitle } from "./words.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */
/** @typedef {import("./urlstate.js").Inputs} Inputs */
/** @typedef {import("./words.js").FieldError} FieldError */
/** @typedef {HTMLInputElement | HTMLSelectElement} Control */

// The reader's calendar date (local time zone), for date fields that default to today.
export function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export class CalcForm {
  /**
   * @param {HTMLFormElement} form
   * @param {Spec} spec
   */
  constructor(form, spec) {
    this.el = form;
    this.spec = spec;
  }

  /**
   * @param {string} name
   * @returns {Control | null}
   */
  control(name) {
    return this.el.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  /**
   * The box holding a list field's items.
   * @param {FieldSpec} field
   */
  items(field) {
    return part(this.el, `${has(DATA.list, field.name)} ${dot(CLASS.items)}`);
  }

  /** The list fields of the spec. */
  lists() {
    return this.spec.fields.filter((f) => f.type === "list");
  }

  /**
   * @param {FieldSpec} field
   * @param {string} name
   * @param {unknown} value
   */
  setControl(field, name, value) {
    const el = this.control(name);
    if (!el) return;
    if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = value === true;
    else if (field.type === "date" && field.today_default && (value === null || value === undefined)) el.value = localToday();
    else el.value = valueText(field, value);
  }

  /**
   * The value of one control, or undefined (with an error added to `errors`) if it has none.
   * @param {FieldSpec} field
   * @param {string} name
   * @param {FieldError[]} errors
   * @returns {unknown}
   */
  readField(field, name, errors) {
    const el = this.control(name);
    if (!el) return field.default;
    if (el instanceof HTMLInputElement && el.type === "checkbox") return el.checked;
    // errors found here, before Python sees the inputs, have the shape of Python's
    /** @param {string} problem */
    const error = (problem) => { errors.push({ field: name, problem, given: null, allowed: field.allowed }); return undefined; };
    if (field.type === "number" || field.type === "integer") {
      if (el instanceof HTMLInputElement && el.validity && el.validity.badInput) return error("must be a number");
      if (el.value.trim() === "") return field.nullable ? null : error("is required");
      return Number(el.value);
    }
    if (field.type === "boolean") return el.value === "" ? null : el.value === "true";
    if (field.type === "choice" && el.value === "" && field.nullable) return null;
    if (field.type === "date" && el.value === "") {
      if (field.today_default) return localToday();
      return field.nullable ? null : error("is required");
    }
    return el.value;
  }

  /** @returns {{inputs: Inputs, errors: FieldError[]}} */
  read() {
    /** @type {Inputs} */
    const inputs = {};
    /** @type {FieldError[]} */
    const errors = [];
    for (const field of this.spec.fields) {
      if (field.type === "list") {
        inputs[field.name] = [...this.items(field).children].map((_, n) => {
          /** @type {Inputs} */
          const item = {};
          for (const sub of field.items || []) {
            const v = this.readField(sub, `${field.name}.${n}.${sub.name}`, errors);
            if (v !== undefined) item[sub.name] = v;
          }
          return item;
        });
      } else {
        const v = this.readField(field, field.name, errors);
        if (v !== undefined) inputs[field.name] = v;
      }
    }
    return { inputs, errors };
  }

  /**
   * Fill the form from `raw` (a field it lacks takes its default).
   * @param {Inputs} raw
   */
  fill(raw) {
    for (const field of this.spec.fields) {
      if (field.type === "list") {
        /** @type {Inputs[]} */
        const items = raw[field.name] || field.default || [];
        this.setItemCount(field, Math.max(field.min_items ?? 0, Math.min(field.max_items ?? 0, items.length)));
        items.forEach((item, n) => {
          for (const sub of field.items || []) {
            this.setControl(sub, `${field.name}.${n}.${sub.name}`, sub.name in item ? item[sub.name] : sub.default);
          }
        });
      } else {
        this.setControl(field, field.name, field.name in raw ? raw[field.name] : field.default);
      }
    }
    this.showApplicableFields();
  }

  /**
   * @param {FieldSpec} field a list field
   * @param {number} count
   */
  setItemCount(field, count) {
    const box = this.items(field);
    const template = /** @type {HTMLTemplateElement | null} */ (find(this.el, `template${has(DATA.template, field.name)}`));
    if (!template) return;
    while (box.lastElementChild && box.children.length > count) box.lastElementChild.remove();
    while (box.children.length < count) {
      const n = box.children.length;
      const html = template.innerHTML.replaceAll("__INDEX__", String(n)).replaceAll("__NUMBER__", String(n + 1));
      box.append(document.createRange().createContextualFragment(html));
    }
    this.renumber(field);
  }

  /**
   * Add an item to a list (up to its maximum), opened, its first control focused.
   * @param {FieldSpec} field
   */
  addItem(field) {
    const box = this.items(field);
    this.setItemCount(field, Math.min(field.max_items ?? 0, box.children.length + 1));
    const added = box.lastElementChild;
    if (added instanceof HTMLDetailsElement) added.open = true; // a new item is there to be filled in
    const first = added && find(added, "input, select");
    if (first) first.focus();
  }

  /**
   * Remove `item` from its list (down to the list's minimum); the focus moves to the card now
   * in its place.
   * @param {FieldSpec} field
   * @param {Element} item
   */
  removeItem(field, item) {
    const box = this.items(field);
    if (item.parentElement !== box || box.children.length <= (field.min_items ?? 0)) return;
    const at = [...box.children].indexOf(item);
    item.remove();
    this.renumber(field);
    const next = box.children[Math.min(at, box.children.length - 1)];
    const line = next && find(next, "summary");
    if (line) line.focus();
  }

  // Number a list's items 1, 2, ... in their legends, and name and id their controls by their
  // place (LIST.INDEX.FIELD), as shared links do.
  /** @param {FieldSpec} field a list field */
  renumber(field) {
    const box = this.items(field);
    [...box.children].forEach((item, n) => {
      const legend = item.querySelector("legend");
      if (legend) legend.textContent = itemNumber(field, n);
      for (const el of /** @type {NodeListOf<Control>} */ (item.querySelectorAll("[name]"))) {
        const sub = el.name.split(".").slice(2).join(".");
        const name = `${field.name}.${n}.${sub}`;
        const ids = fieldIds(this.spec.ids, name);
        const wrap = /** @type {HTMLElement} */ (el.closest(has(DATA.field)));
        el.name = name; el.id = ids.control; wrap.setAttribute(DATA.field, name);
        part(wrap, "label").setAttribute("for", ids.control);
        part(wrap, dot(CLASS.help)).id = ids.help;
        part(wrap, dot(CLASS.error)).id = ids.error;
        el.setAttribute("aria-describedby", `${ids.help} ${ids.error}`);
      }
      const remove = /** @type {HTMLButtonElement | null} */ (find(item, button(ACTION.remove_item)));
      if (remove) remove.disabled = box.children.length <= (field.min_items ?? 0);
    });
    const add = /** @type {HTMLButtonElement | null} */ (find(this.el, button(ACTION.add_item) + has(DATA.target, field.name)));
    if (add) add.disabled = box.children.length >= (field.max_items ?? 0);
    updateCards(this.el, field);
  }

  // Fields that apply only for some values of a sibling (the spec's shown_if) are hidden
  // otherwise; their values still travel with the inputs.
  showApplicableFields() {
    for (const wrap of /** @type {NodeListOf<HTMLElement>} */ (this.el.querySelectorAll(has(DATA.shown_if)))) {
      const name = wrap.getAttribute(DATA.field) || "";
      const sibling = this.control(name.slice(0, name.lastIndexOf(".") + 1) + wrap.getAttribute(DATA.shown_if));
      const values = (wrap.getAttribute(DATA.shown_values) || "").split(" ");
      const hidden = Boolean(sibling) && !values.includes(sibling ? sibling.value : "");
      if (wrap.hidden !== hidden) wrap.hidden = hidden;
    }
  }

  /**
   * A field as the result names it (what_would_change): its control's id and its label as the
   * reader sees it, with the item it belongs to in a list ("Offer 1: Track", or the item's name).
   * @param {string} name
   * @returns {import("./questions.js").FieldLink | null}
   */
  describe(name) {
    const el = this.control(name);
    if (!el) return null;
    const card = el.closest(has(DATA.item));
    const item = card && find(card, dot(CLASS.item_name));
    const title = fieldTitle(this.spec, name);
    return { id: el.id, label: item ? `${title.replace(/^[^:]*: /, "")} (${item.textContent})` : title };
  }

  /**
   * Take the reader to a field: open its card, bring it to the middle of the screen (clear of
   * the sticky header and result summary) and focus it.
   * @param {Element | null} el a control, or a field's wrapper
   */
  focus(el) {
    if (!el) return;
    openCardOf(el);
    const control = el.matches("input, select") ? el : find(el, "input, select");
    const target = /** @type {HTMLElement} */ (control || el);
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
}
