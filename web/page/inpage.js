// @ts-check
// Links within a calculator page, and Back and Forward between its places, move within the page
// and keep the inputs and the result. The theme's instant navigation would load the page again
// for them: it resolves every link to an absolute address when it starts (so "#result" carries
// the query the page had then, not the reader's inputs since) and fetches the page anew on its
// first navigation, even to an anchor. So on a page with a calculator, this module takes same-
// page links and history moves before the theme sees them:
// - a link to a place on the page ("#result", the table of contents, "Why?") goes there with
//   the current address, as a new history entry;
// - a link to the page with other inputs (a worked example) loads them in place, undoable;
// - Back or Forward to another place on the page restores the scroll, and the entry's address
//   is brought up to the current inputs (nothing typed is undone by a Back);
// - before any link leaves the page, the address gets the latest inputs, so that Back finds them.

import { openFoldOf } from "./folds.js";

/**
 * A calculator on the page, as this module sees it.
 * @typedef {object} PageCalculator
 * @property {string} path the page's path
 * @property {() => boolean} present whether it is still on the page shown
 * @property {() => void} flush write its inputs into the address now, if a change is waiting
 * @property {() => void} sync write its current inputs into the address of the history entry now shown
 * @property {(query: string) => boolean} open load the inputs of a link's query in place (false: none for it)
 */

/** @type {() => PageCalculator[]} */
let calculators = () => [];
let installed = false;
// A link to another page was followed and the theme is still fetching it: this page is still
// shown, under the other page's address. A Back then is the theme's to take (it drops that fetch
// and shows this page again, from its address, which holds the latest inputs); taken here as a
// move within the page, the other page would arrive later under this page's address.
let departing = false;

/**
 * Take the page's links and history moves from now on (once per visit; `all` lists the
 * calculators of the page shown, after every instant navigation too).
 * @param {() => PageCalculator[]} all
 */
export function keepInputsOnThePage(all) {
  calculators = all;
  departing = false;
  if (installed) return;
  installed = true;
  // capture, on the window: before the theme's listeners (on the body, and on the window for
  // popstate), which never see what this module handles
  window.addEventListener("click", onClick, true);
  window.addEventListener("popstate", onHistory, true);
  window.addEventListener("pagehide", flushAll);
  window.addEventListener("pageshow", () => { departing = false; });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flushAll(); });
}

/** The calculators of the page shown. */
function here() {
  return calculators().filter((c) => c.present() && c.path === location.pathname);
}

function flushAll() {
  for (const c of calculators()) if (c.present()) c.flush();
}

/** @param {MouseEvent} event */
function onClick(event) {
  if (!event.isTrusted || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
    || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download")) return;
  const calcs = here();
  if (!calcs.length) return;
  for (const c of calcs) c.flush(); // whatever happens next, the address holds the latest inputs
  if (link.classList.contains("headerlink")) return; // a section's link control (section-links.js)
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname) { // another page
    departing = true;
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  closeTheThemesPanels();
  // A link with a hash goes to that place, whatever query it was resolved with; one without
  // carries inputs (a worked example), or is the page itself.
  if (!url.hash && url.search.length > 1 && calcs.some((c) => c.open(url.search))) return;
  goTo(url.hash);
}

/**
 * Go to the place `hash` names on this page (its fold opened), keeping the address's query;
 * the top of the page for none.
 * @param {string} hash
 */
export function goTo(hash) {
  const target = placeOf(hash);
  if (target) openFoldOf(target);
  if (!hash || !target) { window.scrollTo(0, 0); return; }
  // the browser scrolls it clear of the sticky header (scroll-padding), pushes a history entry
  // and tells the theme (hashchange); the same hash again only scrolls
  if (location.hash === hash) target.scrollIntoView();
  else location.hash = hash;
}

/** @param {string} hash */
function placeOf(hash) {
  if (!hash || hash === "#") return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null;
  }
}

/** @param {PopStateEvent} event */
function onHistory(event) {
  const calcs = here();
  if (!calcs.length || departing) { // another page, or back from one not shown yet: the theme's
    departing = false;
    return;
  }
  event.stopImmediatePropagation();
  for (const c of calcs) c.sync();
  const target = placeOf(location.hash);
  if (target) {
    openFoldOf(target);
    target.scrollIntoView();
  } else {
    const state = history.state;
    window.scrollTo(0, state && typeof state.y === "number" ? state.y : 0);
  }
}

// The theme's navigation drawer and search close when a link in them is followed.
function closeTheThemesPanels() {
  for (const id of ["__drawer", "__search"]) {
    const toggle = document.getElementById(id);
    if (toggle instanceof HTMLInputElement && toggle.checked) toggle.click();
  }
}
