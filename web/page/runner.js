// @ts-check
// The calculator page runner: binds each calculator form the build rendered from the Python spec
// to the runtime client, and the reader's actions to the page's parts (form.js reads and fills
// the form, result.js and summary.js show answers, address.js keeps the inputs, inpage.js keeps
// them through the page's links, share.js copies, print.js and folds.js lay the page out).

import { connect } from "./client.js";
import { readConfig } from "./config.js";
import { clearFailure, showRuntimeFailure } from "./failures.js";
import { ACTION, CLASS, DATA, button, dot, has } from "./contract.js";
import { find, part } from "./dom.js";
import { CalcForm, localToday } from "./form.js";
import { collapseCards, openCardOf, updateCards } from "./cards.js";
import { firstInvalid, showErrors, showNotices } from "./errors.js";
import { hideProgress, hideResult, renderResult, setState, showProgress, showStatus } from "./result.js";
import { findSummary, summaryResult, summaryState, summaryWithout } from "./summary.js";
import { loadingText } from "./loading.js";
import { Address, keptQuery } from "./address.js";
import { keepInputsOnThePage } from "./inpage.js";
import { showEmail } from "./share.js";
import { loadQuery, onFormClick, onShareClick, openLink } from "./actions.js";
import { Undo } from "./undo.js";
import { mountLetter } from "./letter.js";
import { preparePrint, printInputs } from "./print.js";
import { foldSectionsAfter } from "./folds.js";
import { decodeQuery } from "./urlstate.js";
import { fieldTitle, noticeWords } from "./words.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").Inputs} Inputs */
/** @typedef {import("./words.js").FieldError} FieldError */
/** @typedef {import("./result.js").Result} Result */
/** @typedef {import("../shared/protocol.js").Reply} Reply */
/** @typedef {import("./inpage.js").PageCalculator} PageCalculator */

const MOUNTED = "data-calc-mounted";
const LOADING = "Python is loading; the guide and the form below work meanwhile."; // as the build writes it
/** @type {Set<Calculator>} calculators on the current page */
const mounted = new Set();

/** @implements {PageCalculator} */
export class Calculator {
  /**
   * @param {HTMLFormElement} form
   * @param {HTMLElement} result
   * @param {Spec} spec
   */
  constructor(form, result, spec) {
    this.form = new CalcForm(form, spec);
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
    this.touched = false; // whether the address carries the inputs (an edit, a link, a return)
    this.typed = false; // whether the reader has edited them here: only then does the tab keep them
    this.detached = new AbortController(); // the page moved on: stop listening to the client
    this.summary = findSummary(this.slug); // the compact result box at the top, if the page has one
    this.share = find(document, has(DATA.share, this.slug)); // the buttons that copy, after the result
    this.address = new Address(spec, () => this.present());
    this.path = this.address.path;
    this.undo = new Undo(part(form, dot(CLASS.form_note)), (query) => loadQuery(this, query));
    const print = preparePrint(form, this.share || result);
    this.printBox = print.box;
    this.heading = print.heading; // the form's section heading
    const config = readConfig();
    this.root = new URL(config ? config.root : "/", document.baseURI); // factors cite site paths
  }

  present() {
    return document.contains(this.form.el);
  }

  // --- computing ---

  /** @param {boolean} [store] whether the tab keeps a copy of the inputs the reader typed (not after a reset) */
  compute(store = true) {
    this.form.showApplicableFields();
    for (const field of this.form.lists()) updateCards(this.form.el, field);
    const { inputs, errors } = this.form.read();
    const state = this.client ? this.client.state : "idle";
    if (!errors.length && state === "ready") this.request(inputs);
    if (this.touched) this.address.follow(inputs, store && this.typed);
    if (errors.length) { this.invalid(errors); return; }
    // back from an input to fix while Python loads (the loading line itself, or its progress, stays)
    if ((state === "idle" || state === "booting") && summaryState(this.summary) !== "loading") {
      summaryWithout(this.summary, "loading", LOADING);
    }
    if (this.client && state === "failed") this.fail(this.client.failure);
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
    showErrors(this.form.el, this.spec, errors);
    for (const el of this.form.el.querySelectorAll("[aria-invalid=true]")) openCardOf(el); // show the error
    const first = firstInvalid(this.form.el);
    const name = first && (first.closest(has(DATA.field)) || first).getAttribute(DATA.field);
    summaryWithout(this.summary, "invalid", `Fix the highlighted field${name ? ` (${fieldTitle(this.spec, name)})` : ""} to see a result.`);
    this.showEmail(null);
    hideResult(this.result);
    if (this.client && this.client.state === "ready") setState(this.result, "ready");
    showStatus(this.result, "Fix the highlighted field in the form to see a result.");
  }

  /**
   * @param {number} id
   * @param {Reply} reply
   */
  receive(id, reply) {
    if (id !== this.latest || !this.present()) return;
    if (reply.ok) {
      showErrors(this.form.el, this.spec, []);
      clearFailure(this.result);
      const res = /** @type {Result} */ (reply.result);
      this.lastResult = res;
      const meta = `Rules version ${res.version}. Printed ${localToday()} from ${this.address.link(this.latestInputs)}`;
      renderResult(this.result, this.spec, res, this.root, meta, (name) => this.form.describe(name));
      summaryResult(this.summary, res);
      this.showEmail(res);
      printInputs(this.printBox, this.spec, this.latestInputs);
      return;
    }
    if ("errors" in reply) { setState(this.result, "ready"); this.invalid(reply.errors); return; }
    showRuntimeFailure(this.result, { code: "calculator-crash" });
    this.failed();
  }

  /**
   * The runtime cannot answer (it failed to start, or stopped): the result says why.
   * @param {import("./failures.js").Failure | null} failure
   */
  fail(failure) {
    showRuntimeFailure(this.result, failure);
    this.failed();
  }

  // The calculator cannot answer (no runtime, a crash): the summary points to the full result's
  // explanation.
  failed() {
    summaryWithout(this.summary, "error", "The result section below says why; your inputs are kept.");
    this.showEmail(null);
  }

  /** @param {Result | null} res the result whose negotiation email the sharing bar offers */
  showEmail(res) {
    if (this.share) showEmail(this.share, res);
  }

  // --- the inputs as a whole (actions.js) ---

  /** @param {string} query a link's inputs: loaded in place (a worked example's link) */
  open(query) {
    return openLink(this, query);
  }

  /** The address of the history entry shown gets the current inputs (Back or Forward on the page). */
  sync() {
    if (!this.touched) return;
    this.address.follow(this.form.read().inputs, this.typed);
    this.address.flush();
  }

  flush() {
    this.address.flush();
  }

  /** The reader changed an input: the address (and the tab's copy) follow, an undo lapses. */
  edited() {
    this.touched = true;
    this.typed = true;
    if (this.undo.query) this.undo.say("");
    this.compute();
  }

  mount() {
    const kept = location.search.length > 1 ? "" : keptQuery(this.slug);
    if (kept) {
      // back in the same tab, without the inputs in the address: the tab kept them
      this.typed = true;
      loadQuery(this, `?${kept}`);
      this.undo.say("Your inputs from earlier in this tab are back.");
    } else {
      const { raw, notices } = decodeQuery(this.spec, location.search, noticeWords(this.spec));
      this.touched = location.search.length > 1;
      this.form.fill(raw);
      if (this.touched) collapseCards(this.form.el); // a shared link: the result matters, not the form
      showNotices(this.form.el, notices);
    }
    const signal = this.detached.signal;
    this.form.el.addEventListener("input", () => this.edited(), { signal });
    this.form.el.addEventListener("change", () => this.edited(), { signal });
    this.form.el.addEventListener("submit", (e) => e.preventDefault(), { signal });
    this.form.el.addEventListener("click", (e) => onFormClick(this, e), { signal });
    if (this.share) this.share.addEventListener("click", (e) => onShareClick(this, e), { signal });
    // "Show the field" in the summary, "Answer: ..." in the result: to the field, focused
    if (this.summary) this.summary.addEventListener("click", (e) => {
      if (e.target instanceof Element && e.target.closest(button(ACTION.fix))) this.form.focus(firstInvalid(this.form.el));
    }, { signal });
    this.result.addEventListener("click", (e) => {
      const go = e.target instanceof Element ? e.target.closest(button(ACTION.answer)) : null;
      if (go) this.form.focus(this.form.control(go.getAttribute(DATA.target) || ""));
    }, { signal });
    for (const field of this.form.lists()) this.form.renumber(field);
    foldSectionsAfter(this.share || this.result);
    this.compute(); // reads the form, fills in the address, shows errors while Python loads
    this.connect(signal);
    mountLetter(this, signal); // "Read my offer letter", where the page has it
  }

  /** @param {AbortSignal} signal */
  connect(signal) {
    const client = connect();
    this.client = client;
    /** @param {import("./loading.js").Progress} detail */
    const progress = (detail) => {
      if (!detail) return;
      showProgress(this.result, detail);
      if (this.lastResult || client.state !== "booting" || summaryState(this.summary) !== "loading") return;
      if (!detail.loaded && detail.phase !== "start") return; // nothing in yet: the build's words stand
      summaryWithout(this.summary, "loading", `${loadingText(detail)}; the form below works meanwhile.`);
    };
    client.addEventListener("progress", (event) => progress(/** @type {CustomEvent<import("./loading.js").Progress>} */ (event).detail), { signal });
    if (client.state === "booting") progress(client.progress);
    client.addEventListener("slow", () => {
      showStatus(this.result, "Still loading Python\u2026 this can take a while on a slow connection.");
      if (!this.lastResult) summaryWithout(this.summary, "loading", "Python is still loading: this can take a while on a slow connection; the form below works meanwhile.");
    }, { signal });
    client.addEventListener("failed", (event) => this.fail(/** @type {CustomEvent<import("./failures.js").Failure>} */ (event).detail), { signal });
    if (client.state === "failed") this.fail(client.failure);
    client.ready.then((info) => {
      if (signal.aborted) return;
      this.result.setAttribute(DATA.boot, info.mode);
      hideProgress(this.result);
      this.compute();
    }, () => {});
  }

  detach() {
    this.address.flush();
    this.detached.abort();
  }
}

// Bind every calculator form of the page not bound yet (after an instant navigation: the new
// page's), and let go of those of pages left behind.
export function mountAll() {
  for (const c of [...mounted]) if (!c.present()) { c.detach(); mounted.delete(c); }
  for (const form of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll(`form${has(DATA.form)}`))) {
    if (form.hasAttribute(MOUNTED)) continue;
    const slug = form.getAttribute(DATA.form) || "";
    const result = find(document, has(DATA.result, slug));
    const spec = form.getAttribute(DATA.spec);
    if (!spec || !result) continue;
    form.setAttribute(MOUNTED, "");
    const calc = new Calculator(form, result, JSON.parse(spec));
    mounted.add(calc);
    calc.mount();
  }
  keepInputsOnThePage(() => [...mounted]);
}
