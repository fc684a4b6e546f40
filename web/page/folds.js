// @ts-check
// On a phone, the guide's sections after a calculator's result (how it decides, worked examples,
// pearls, evidence) fold under their headings, so that the page ends soon after the result: each
// heading becomes a button that opens its section (the accordion pattern: the heading stays a
// heading, its anchor and link control stay). A link to a place inside a section opens it, so
// does the browser's find in page where it can; print shows every section.

/** Where sections fold: the theme's phone layout (site.css uses the same width). */
const PHONE = "(max-width: 44.9375em)";
const FOLD = "calc-fold";
const TOGGLE = "calc-fold-toggle";

/**
 * Fold the sections after `result` (a calculator's result container), on a phone, once the page
 * is parsed. A page opened at a place inside one keeps that place in view.
 * @param {Element} result
 */
export function foldSectionsAfter(result) {
  if (!window.matchMedia(PHONE).matches) return;
  const run = () => {
    const headings = sectionsAfter(result);
    if (!headings.length) return;
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const moved = target ? target.getBoundingClientRect().top : 0;
    for (const h2 of headings) fold(h2);
    if (target) { openFoldOf(target); if (target.getBoundingClientRect().top !== moved) target.scrollIntoView(); }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
}

/**
 * The <h2> headings after the one the result is under, not folded yet.
 * @param {Element} result
 * @returns {HTMLElement[]}
 */
function sectionsAfter(result) {
  /** @type {HTMLElement[]} */
  const found = [];
  for (let el = result.nextElementSibling; el; el = el.nextElementSibling) {
    if (el instanceof HTMLHeadingElement && el.tagName === "H2" && el.id && !el.querySelector(`.${TOGGLE}`)) found.push(el);
  }
  return found;
}

/** @param {HTMLElement} h2 */
function fold(h2) {
  const body = document.createElement("div");
  body.className = FOLD;
  body.id = `${h2.id}-section`;
  /** @type {Node[]} */
  const content = [];
  for (let el = h2.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) content.push(el);
  if (!content.length) return;
  h2.after(body);
  body.append(...content);
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = TOGGLE;
  toggle.setAttribute("aria-controls", body.id);
  // the heading's words go into the button; its link control stays beside it
  toggle.append(...[...h2.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains("headerlink"))));
  h2.prepend(toggle);
  toggle.addEventListener("click", () => setOpen(body, body.hasAttribute("hidden")));
  body.addEventListener("beforematch", () => setOpen(body, true)); // found in page (hidden=until-found)
  setOpen(body, false);
}

/**
 * @param {HTMLElement} body a folded section
 * @param {boolean} open
 */
function setOpen(body, open) {
  const toggle = document.querySelector(`[aria-controls="${CSS.escape(body.id)}"]`);
  if (toggle) toggle.setAttribute("aria-expanded", String(open));
  if (open) body.removeAttribute("hidden");
  else body.setAttribute("hidden", "until-found"); // hidden; where supported, still found by find in page
}

/**
 * Open the folded section `el` is in, or heads.
 * @param {Element} el
 */
export function openFoldOf(el) {
  const body = el.closest(`.${FOLD}`)
    || (el.tagName === "H2" && el.nextElementSibling && el.nextElementSibling.classList.contains(FOLD) ? el.nextElementSibling : null);
  if (body instanceof HTMLElement && body.hasAttribute("hidden")) setOpen(body, true);
}
