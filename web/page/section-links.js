// @ts-check
// Every linkable heading's link control (the "¶" the theme puts after it): a tap or click copies
// the section's address, or hands it to the phone's share sheet where the browser has one, and
// says so beside the control; the heading stays where it is and no tooltip is left behind. On
// touch screens and at phone width site.css shows it as a link icon with a 44 px target, the
// page title's labeled "Copy link".

import { copyText } from "./clipboard.js";

const READY = "data-calc-ready";
const SHOWN_MS = 2500; // how long that stays
const TOUCH = "(pointer: coarse)";

/** @type {HTMLElement | null} one polite status line for screen readers, per page */
let status = null;

/** Set up the link controls of the page's headings (again after every instant navigation). */
export function sectionLinks() {
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll(".md-content a.headerlink"))) {
    const heading = link.parentElement;
    if (!heading || link.hasAttribute(READY)) continue;
    link.setAttribute(READY, "");
    const title = headingText(heading);
    // no title attribute: the theme would make it a tooltip, which a tap leaves stuck over the text
    link.removeAttribute("title");
    link.setAttribute("aria-label", `Copy link to the section \u201c${title}\u201d`);
    // on the control itself: the theme's instant navigation (listening on the body) never sees it
    link.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      share(link, title);
    });
  }
}

/** @param {Element} heading */
function headingText(heading) {
  const copy = /** @type {Element} */ (heading.cloneNode(true));
  for (const extra of copy.querySelectorAll(".headerlink")) extra.remove();
  return (copy.textContent || "").trim();
}

/**
 * The section's address: the page and the heading's anchor, without the reader's inputs.
 * @param {HTMLAnchorElement} link
 */
export function sectionAddress(link) {
  const url = new URL(link.href, location.href);
  url.search = "";
  return url.href;
}

/**
 * Share (touch screens with a share sheet) or copy the section's address, then say so.
 * @param {HTMLAnchorElement} link
 * @param {string} title
 */
async function share(link, title) {
  const url = sectionAddress(link);
  if (window.matchMedia(TOUCH).matches && typeof navigator.share === "function") {
    try {
      await navigator.share({ title, url });
      return say(link, "Link shared");
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return; // the reader closed the sheet
    }
  }
  say(link, (await copyText(url)) ? "Link copied" : "Copy failed: long-press the link symbol instead");
}

/** @type {WeakMap<Element, number>} */
const timers = new WeakMap();

/**
 * Say what the control did, beside it (for a moment) and to screen readers.
 * @param {HTMLAnchorElement} link
 * @param {string} text
 */
function say(link, text) {
  let note = /** @type {HTMLElement | null} */ (link.querySelector(".calc-link-said"));
  if (!note) {
    note = document.createElement("span");
    note.className = "calc-link-said";
    note.setAttribute("aria-hidden", "true"); // read from the status line below
    link.append(note);
  }
  note.textContent = text;
  clearTimeout(timers.get(link));
  timers.set(link, setTimeout(() => note.remove(), SHOWN_MS));
  if (!status || !document.contains(status)) {
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    document.body.append(status);
  }
  status.textContent = text;
}
