// @ts-check
// Calculator pages only, inline in <head> (overrides/main.html). The theme's bundle (Material's
// search, instant navigation and header behaviour) is held in an inert <template data-theme-later>
// (by the ship step, tools/ship.py) instead of running while the page parses: on these machines it is 60 ms of
// the page's thread and more of the processors that Python's start-up needs. It runs once the
// calculator has shown its first answer (or failed), as soon as the reader presses a key or the
// pointer or moves the focus, and after 8 seconds at the latest. The page's text, links, form and
// the theme's navigation drawer work without it. (With the flag theme_later off in mkdocs.yml the
// build leaves out both this loader and the template: the bundle runs as the theme made it.)
(() => {
  const events = ["pointerdown", "keydown", "focusin"];
  let released = false;

  function load() {
    const held = /** @type {HTMLTemplateElement | null} */ (document.querySelector("template[data-theme-later]"));
    const tag = held && held.content.querySelector("script[src]");
    if (!tag) return;
    const script = document.createElement("script");
    script.src = new URL(tag.getAttribute("src") || "", document.baseURI).href;
    script.onload = () => {
      // The bundle starts on DOMContentLoaded, which has passed by now: replay it for the bundle.
      document.dispatchEvent(new Event("DOMContentLoaded"));
      document.dispatchEvent(new Event("theme:loaded")); // site.js follows page changes from here
    };
    held.replaceWith(script);
  }

  function release() {
    if (released) return;
    released = true;
    for (const type of events) document.removeEventListener(type, onAct, true);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load, { once: true });
    else load();
  }

  /** @param {Event} event */
  const onAct = (event) => { if (event.isTrusted) release(); };
  for (const type of events) document.addEventListener(type, onAct, true);
  document.addEventListener("calc:answered", () => setTimeout(release, 0), { once: true });
  document.addEventListener("calc:failed", release, { once: true });
  setTimeout(release, 8000);
})();
