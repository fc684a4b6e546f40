// @ts-check
// The calculator page runner: binds each calculator form the build rendered from the Python
// spec to the runtime client. It reads and fills the form (list items included), keeps the
// inputs in the URL query, asks the client for results and hands them to render.js.

import { connect } from "./client.js";
import { readConfig } from "./config.js";
import { decodeQuery, encodeQuery, valueText } from "./urlstate.js";
import { fieldIds, hideProgress, hideResult, renderResult, setHidden, setState, setText, showErrors,
  showNotices, showProgress, showStatus } from "./render.js";
import { clearFailure, showRuntimeFailure } from "./failures.js";
import { copy, localToday, negotiationText, summaryText } from "./share.js";
import { collapseCards, itemNumber, openCardOf, openFoldsForPrint, updateCards } from "./cards.js";
import { findSummary, summaryResult, summaryWithout } from "./summary.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */
/** @typedef {import("./urlstate.js").Inputs} Inputs */
/** @typedef {import("../shared/protocol.js").FieldError} FieldError */
/** @typedef {import("../shared/protocol.js").Result} Result */
/** @typedef {import("../shared/protocol.js").Reply} Reply */
/** @typedef {HTMLInputElement | HTMLSelectElement} Control */

const URL_DELAY_MS = 250; // the address bar is updated this long after the last change

const LOADING = "Python is loading; the guide and the form below work meanwhile."; // as the build writes it
/** @type {Set<Calculator>} calculators on the current page */
const mounted = new Set();

class Calculator {
  /**
   * @param {HTMLFormElement} form
   * @param {HTMLElement} result
   * @param {Spec} spec
   */
  constructor(form, result, spec) {
    this.form = form;
    this.result = result;
    this.spec = spec;
    this.slug = spec.slug;
    this.latest = 0; // id of the latest request: older replies are ignored
    this.requests = 0;
    /** @type {Result | null} */
    this.lastResult = null;
    /** @type {Inputs} */
    this.latestInputs = {};
    /** @type {ReturnType<typeof connect> | null} */
    this.client = null;
    this.touched = false;
    this.urlTimer = 0;
    this.detached = new AbortController(); // the page moved on: stop listening to the client
    this.summary = findSummary(this.slug); // the compact result box at the top, if the page has one
    const config = readConfig();
    this.root = new URL(config ? config.root : "/", document.baseURI); // factors cite site paths
  }

  /**
   * @param {string} name
   * @returns {Control | null}
   */
  control(name) {
    return this.form.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  /**
   * The element `selector` finds in the form: one the build always renders there.
   * @param {string} selector
   * @returns {HTMLElement}
   */
  part(selector) {
    const el = this.form.querySelector(selector);
    if (!el) throw new Error(`the form lacks ${selector}`);
    return /** @type {HTMLElement} */ (el);
  }

  // --- reading and writing the form ---

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
      if (el.validity && el.validity.badInput) return error("must be a number");
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
  readForm() {
    /** @type {Inputs} */
    const inputs = {};
    /** @type {FieldError[]} */
    const errors = [];
    for (const field of this.spec.fields) {
      if (field.type === "list") {
        const items = [...this.form.querySelectorAll(`[data-list="${CSS.escape(field.name)}"] .calc-items > [data-item]`)];
        inputs[field.name] = items.map((_, n) => {
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

  /** @param {Inputs} raw */
  applyInputs(raw) {
    for (const field of this.spec.fields) {
      if (field.type === "list") {
        /** @type {Inputs[] | undefined} */
        const items = raw[field.name];
        if (!items) continue;
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
  }

  // --- list fields: adding, removing and numbering items ---

  /**
   * @param {FieldSpec} field a list field
   * @param {number} count
   */
  setItemCount(field, count) {
    const box = this.form.querySelector(`[data-list="${CSS.escape(field.name)}"] .calc-items`);
    const template = this.form.querySelector(`template[data-item-template="${CSS.escape(field.name)}"]`);
    if (!box || !template) return;
    while (box.lastElementChild && box.children.length > count) box.lastElementChild.remove();
    while (box.children.length < count) {
      const n = box.children.length;
      const html = template.innerHTML.replaceAll("__INDEX__", String(n)).replaceAll("__NUMBER__", String(n + 1));
      const frag = document.createRange().createContextualFragment(html);
      box.append(frag);
    }
    this.renumber(field);
  }

  // Number a list's items 1, 2, ... in their legends, and name and id their controls by their
  // place (LIST.INDEX.FIELD), as shared links do.
  /** @param {FieldSpec} field a list field */
  renumber(field) {
    const box = this.part(`[data-list="${CSS.escape(field.name)}"] .calc-items`);
    [...box.children].forEach((item, n) => {
      const legend = item.querySelector("legend");
      if (legend) legend.textContent = itemNumber(field, n);
      for (const el of /** @type {NodeListOf<Control>} */ (item.querySelectorAll("[name]"))) {
        const sub = el.name.split(".").slice(2).join(".");
        const name = `${field.name}.${n}.${sub}`;
        const ids = fieldIds(this.spec.ids, name);
        const wrap = /** @type {HTMLElement} */ (el.closest("[data-field]"));
        el.name = name; el.id = ids.control; wrap.dataset.field = name;
        /** @type {HTMLLabelElement} */ (wrap.querySelector("label")).htmlFor = ids.control;
        /** @type {HTMLElement} */ (wrap.querySelector(".calc-help")).id = ids.help;
        /** @type {HTMLElement} */ (wrap.querySelector(".calc-error")).id = ids.error;
        el.setAttribute("aria-describedby", `${ids.help} ${ids.error}`);
      }
      const remove = /** @type {HTMLButtonElement | null} */ (item.querySelector("[data-remove-item]"));
      if (remove) remove.disabled = box.children.length <= (field.min_items ?? 0);
    });
    const add = /** @type {HTMLButtonElement | null} */ (this.form.querySelector(`[data-add-item="${CSS.escape(field.name)}"]`));
    if (add) add.disabled = box.children.length >= (field.max_items ?? 0);
    updateCards(this.form, field);
  }

  // A field as the result names it (what_would_change): its control's id and its label as the
  // reader sees it, with the item it belongs to ("... (Offer 1: A)") in a list.
  /**
   * @param {string} name
   * @returns {import("./render.js").FieldLink | null}
   */
  describeField(name) {
    const el = this.control(name);
    const wrap = el && el.closest("[data-field]");
    const label = wrap && wrap.querySelector("label");
    if (!el || !label) return null;
    const text = (label.textContent || "").replace(/\s*\(.*\)$/, "").trim();
    const card = el.closest("[data-item]");
    const item = card && card.querySelector(".calc-item-name");
    return { id: el.id, label: item ? `${text} (${item.textContent})` : text };
  }

  // Take the reader to a field: open its card, bring it to the middle of the screen (clear of the
  // sticky header and result summary) and focus it.
  /** @param {string} name */
  focusField(name) {
    const el = this.control(name);
    if (!el) return;
    openCardOf(el);
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
  }

  // Fields that apply only for some values of a sibling (data-shown-if, from the spec's
  // shown_if) are hidden otherwise; their values still travel with the inputs.
  showApplicableFields() {
    for (const wrap of /** @type {NodeListOf<HTMLElement>} */ (this.form.querySelectorAll("[data-shown-if]"))) {
      const name = wrap.dataset.field || "";
      const sibling = this.control(name.slice(0, name.lastIndexOf(".") + 1) + wrap.dataset.shownIf);
      wrap.hidden = Boolean(sibling) && !(wrap.dataset.shownValues || "").split(" ").includes(sibling ? sibling.value : "");
    }
  }

  // --- computing ---

  compute() {
    this.showApplicableFields();
    for (const field of this.spec.fields) if (field.type === "list") updateCards(this.form, field);
    const { inputs, errors } = this.readForm();
    const state = this.client ? this.client.state : "idle";
    if (!errors.length && state === "ready") this.request(inputs);
    this.updateUrl(inputs);
    if (errors.length) { this.invalid(errors); return; }
    // back from an input to fix while Python loads (the loading line itself, or its progress, stays)
    if ((state === "idle" || state === "booting") && this.summary && this.summary.dataset.state !== "loading") {
      summaryWithout(this.summary, "loading", LOADING);
    }
    if (this.client && state === "failed") { showRuntimeFailure(this.result, this.client.failure); this.failed(); }
  }

  /** @param {Inputs} inputs */
  request(inputs) {
    if (!this.client) return;
    const id = ++this.requests;
    this.latest = id;
    this.latestInputs = inputs;
    this.client.run(this.slug, inputs).then((reply) => this.receive(id, reply), () => {}); // failures: "failed"
  }

  /** @param {FieldError[]} errors */
  invalid(errors) {
    showErrors(this.form, this.spec, errors);
    for (const el of this.form.querySelectorAll("[aria-invalid=true]")) openCardOf(el); // show the error
    summaryWithout(this.summary, "invalid", "Fix the highlighted field below to see a result.");
    this.showEmail(null);
    hideResult(this.result);
    if (this.client && this.client.state === "ready") setState(this.result, "ready");
    showStatus(this.result, "Fix the highlighted field to see a result.");
  }

  /**
   * @param {number} id
   * @param {Reply} reply
   */
  receive(id, reply) {
    if (id !== this.latest || !document.contains(this.form)) return;
    if (reply.ok) {
      showErrors(this.form, this.spec, []);
      clearFailure(this.result);
      this.lastResult = reply.result;
      const meta = `Rules version ${reply.result.version}. Printed ${localToday()} from ${this.shareLink(this.latestInputs)}`;
      renderResult(this.result, this.spec, reply.result, this.root, meta, (name) => this.describeField(name));
      summaryResult(this.summary, reply.result);
      this.showEmail(reply.result);
      return;
    }
    if ("errors" in reply) { setState(this.result, "ready"); this.invalid(reply.errors); return; }
    showRuntimeFailure(this.result, { code: "calculator-crash" });
    this.failed();
  }

  // The calculator cannot answer (no runtime, a crash): the summary points to the full result's
  // explanation.
  failed() {
    summaryWithout(this.summary, "error", "The result section below says why; your inputs are kept.");
    this.showEmail(null);
  }

  // "Copy negotiation email" and its preview show only for a result that carries one.
  /** @param {Result | null} res */
  showEmail(res) {
    const text = negotiationText(res);
    const button = /** @type {HTMLElement | null} */ (this.form.querySelector("[data-copy-email]"));
    const preview = /** @type {HTMLElement | null} */ (this.form.querySelector(".calc-email"));
    if (button) setHidden(button, !text);
    if (!preview) return;
    setHidden(preview, !text);
    if (text) setText(this.part(".calc-email-text"), text);
  }

  // --- URL, copying ---

  // The address bar follows the inputs a moment after the last change: each update costs the
  // browser a few milliseconds, too many to pay on every keystroke. (Copy link reads the form.)
  // Then "calc:address" on the document says whether it was written ({written: false}: the
  // reader had moved on to another page).
  /** @param {Inputs} inputs */
  updateUrl(inputs) {
    if (!this.touched) return;
    clearTimeout(this.urlTimer);
    const path = location.pathname;
    this.urlTimer = setTimeout(() => {
      const written = location.pathname === path && document.contains(this.form); // else the reader moved on
      if (written) history.replaceState(history.state, "", this.shareLink(inputs));
      document.dispatchEvent(new CustomEvent("calc:address", { detail: { written } }));
    }, URL_DELAY_MS);
  }

  // The page's address with every current input in the query (even before the reader edits
  // anything), so a shared link reproduces this result, including a date filled in as today.
  /** @param {Inputs} inputs */
  shareLink(inputs = this.readForm().inputs) {
    const url = new URL(location.href);
    url.search = encodeQuery(this.spec, inputs);
    return url.href;
  }

  // --- wiring ---

  mount() {
    const { raw, notices } = decodeQuery(this.spec, location.search);
    this.touched = location.search.length > 1;
    this.applyInputs(raw);
    if (this.touched) collapseCards(this.form); // a shared link: the result matters, not the form
    showNotices(this.form, notices);
    const recompute = () => { this.touched = true; this.compute(); };
    this.form.addEventListener("input", recompute);
    this.form.addEventListener("change", recompute);
    this.form.addEventListener("submit", (e) => e.preventDefault());
    this.form.addEventListener("reset", () => setTimeout(() => { this.applyInputs({}); showNotices(this.form, []); recompute(); }));
    this.form.addEventListener("click", (e) => {
      const target = e.target instanceof Element ? e.target.closest("button") : null;
      if (!target) return;
      const note = this.part(".calc-copied");
      if (target.matches("[data-copy-link]")) copy(this.shareLink(), this.form, note, "Link copied.");
      else if (target.matches("[data-copy-summary]")) copy(summaryText(this.spec, this.lastResult, this.shareLink()), this.form, note, "Summary copied.");
      else if (target.matches("[data-copy-email]")) copy(negotiationText(this.lastResult) || "", this.form, note, "Negotiation email copied.");
      else if (target.matches("[data-add-item]")) {
        const field = this.spec.fields.find((f) => f.name === target.dataset.addItem);
        if (!field) return;
        const box = this.part(`[data-list="${CSS.escape(field.name)}"] .calc-items`);
        this.setItemCount(field, Math.min(field.max_items ?? 0, box.children.length + 1));
        const added = box.lastElementChild;
        if (added instanceof HTMLDetailsElement) added.open = true; // a new item is there to be filled in
        const first = added && /** @type {HTMLElement | null} */ (added.querySelector("input, select"));
        if (first) first.focus();
        recompute();
      } else if (target.matches("[data-remove-item]")) {
        const list = /** @type {HTMLElement | null} */ (target.closest("[data-list]"));
        const field = list && this.spec.fields.find((f) => f.name === list.dataset.list);
        const item = target.closest("[data-item]");
        const box = item && item.parentElement;
        if (list && field && item && box && box.children.length > (field.min_items ?? 0)) {
          const at = [...box.children].indexOf(item);
          item.remove();
          this.renumber(field);
          // the focus was on the removed card's button: move it to the card now in its place
          const next = box.children[Math.min(at, box.children.length - 1)];
          const line = next && /** @type {HTMLElement | null} */ (next.querySelector("summary"));
          if (line) line.focus();
          recompute();
        }
      }
    });
    // "Answer: ..." buttons of the questions worth asking take the reader to their field.
    this.result.addEventListener("click", (e) => {
      const go = e.target instanceof Element ? /** @type {HTMLElement | null} */ (e.target.closest("[data-field-link]")) : null;
      if (go) this.focusField(go.dataset.fieldLink || "");
    });
    openFoldsForPrint(this.form.closest("article") || this.form, this.detached.signal);
    for (const field of this.spec.fields) if (field.type === "list") this.renumber(field);
    this.compute(); // reads the form, fills in the address, shows errors while Python loads
    const client = connect();
    this.client = client;
    const signal = this.detached.signal;
    /** @param {import("../shared/protocol.js").Progress} detail */
    const progress = (detail) => {
      if (!detail) return;
      if (detail.wire) showProgress(this.result, detail.wire);
      if (this.lastResult || client.state !== "booting" || !this.summary || this.summary.dataset.state !== "loading") return;
      const { loaded, total } = detail.wire || detail;
      /** @param {number} bytes */
      const mb = (bytes) => (bytes / 1e6).toFixed(1);
      summaryWithout(this.summary, "loading", `Python is loading (${total ? `${mb(loaded)} of ${mb(total)} MB` : `${mb(loaded)} MB so far`}); the form below works meanwhile.`);
    };
    client.addEventListener("progress", (event) => progress(/** @type {CustomEvent<import("../shared/protocol.js").Progress>} */ (event).detail), { signal });
    if (client.state === "booting") progress(client.progress);
    client.addEventListener("slow", () => {
      showStatus(this.result, "Still loading Python\u2026 this can take a while on a slow connection.");
      if (!this.lastResult) summaryWithout(this.summary, "loading", "Python is still loading: this can take a while on a slow connection; the form below works meanwhile.");
    }, { signal });
    client.addEventListener("failed", (event) => { showRuntimeFailure(this.result, /** @type {CustomEvent<import("./failures.js").Failure>} */ (event).detail); this.failed(); }, { signal });
    if (client.state === "failed") { showRuntimeFailure(this.result, client.failure); this.failed(); }
    client.ready.then((info) => {
      if (signal.aborted) return;
      this.result.dataset.boot = info.mode;
      hideProgress(this.result);
      this.compute();
    }, () => {});
  }

  detach() {
    this.detached.abort();
  }
}

// Bind every calculator form of the page not bound yet (after an instant navigation: the new
// page's), and let go of those of pages left behind.
export function mountAll() {
  for (const c of [...mounted]) if (!document.contains(c.form)) { c.detach(); mounted.delete(c); }
  for (const form of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll("form[data-calculator-form]"))) {
    if (form.dataset.mounted) continue;
    const slug = form.dataset.calculatorForm || "";
    const result = /** @type {HTMLElement | null} */ (document.querySelector(`[data-calculator="${CSS.escape(slug)}"]`));
    if (!form.dataset.spec || !result) continue;
    form.dataset.mounted = "true";
    const calc = new Calculator(form, result, JSON.parse(form.dataset.spec));
    mounted.add(calc);
    calc.mount();
  }
}
