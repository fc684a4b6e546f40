// @ts-check
// Where a calculator's inputs are kept between the reader's visits to the page: the address
// bar (the query follows the inputs, so that Back, a reload or a copied link brings them back)
// and, once the reader has edited them, the tab's session storage (so that the calculator opened
// again in the same tab, from a menu or a guide's link, finds them). Nothing else is stored.

import { STORE } from "./contract.js";
import { encodeQuery } from "./urlstate.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").Inputs} Inputs */

const DELAY_MS = 250; // the address bar follows this long after the last change

/**
 * The tab's storage, or null where the browser refuses it (a setting, a sandboxed frame).
 * @returns {Storage | null}
 */
function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The query string of calculator `slug`'s inputs as this tab last kept them, or "".
 * @param {string} slug
 */
export function keptQuery(slug) {
  try {
    return tabStorage()?.getItem(STORE.inputs + slug) || "";
  } catch {
    return "";
  }
}

export class Address {
  /**
   * @param {Spec} spec
   * @param {() => boolean} present whether the calculator is still on the page shown
   */
  constructor(spec, present) {
    this.spec = spec;
    this.present = present;
    this.path = location.pathname; // the page the calculator is on
    this.timer = 0;
    /** @type {Inputs | null} inputs waiting to be written */
    this.pending = null;
    this.store = true; // whether the tab keeps a copy of the pending inputs
  }

  /**
   * The page's address with `inputs` in the query (the hash kept), so that a link reproduces
   * the result, including a date filled in as today.
   * @param {Inputs} inputs
   */
  link(inputs) {
    const url = new URL(location.href);
    url.search = encodeQuery(this.spec, inputs);
    return url.href;
  }

  /**
   * The reader changed the inputs: the address (and the tab's copy) follow a moment after the
   * last change, since each update costs the browser a few milliseconds, too many to pay on
   * every keystroke. `store` false: the tab keeps no copy (inputs reset to the defaults).
   * @param {Inputs} inputs
   * @param {boolean} [store]
   */
  follow(inputs, store = true) {
    this.pending = inputs;
    this.store = store;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DELAY_MS);
  }

  /**
   * Write what is pending now (before a link is followed, or the page is hidden). Then
   * "calc:address" on the document says whether it was written ({written: false}: the reader
   * had moved on to another page, whose address is left alone).
   */
  flush() {
    clearTimeout(this.timer);
    const inputs = this.pending;
    if (!inputs) return;
    this.pending = null;
    const written = location.pathname === this.path && this.present();
    const link = this.link(inputs);
    if (written) history.replaceState(history.state, "", link);
    // the tab keeps them even when the reader left before the address could follow
    this.keep(this.store ? new URL(link).search.slice(1) : "");
    document.dispatchEvent(new CustomEvent("calc:address", { detail: { written } }));
  }

  /**
   * Keep `query` as this tab's copy of the inputs ("" forgets it).
   * @param {string} query
   */
  keep(query) {
    const store = tabStorage();
    try {
      if (!store) return;
      if (query) store.setItem(STORE.inputs + this.spec.slug, query);
      else store.removeItem(STORE.inputs + this.spec.slug);
    } catch {
      // a full or refused storage: the address bar still holds the inputs
    }
  }
}
