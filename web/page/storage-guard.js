// @ts-check
// Privacy guard, inline in <head> (overrides/main.html) before Material's bundle: Material saves
// some state in the browser's storage through the global __md_set (on every visit it stores the
// colour palette, even if the reader never touched it). Let it write only while the reader is
// acting (a click, key press or change they made), so nothing is stored on a plain visit.
(() => {
  const write = window.__md_set;
  if (typeof write !== "function") return;
  let acting = false;
  /** @param {Event} event */
  const act = (event) => {
    if (!event.isTrusted) return;
    acting = true;
    setTimeout(() => { acting = false; }, 0);
  };
  for (const type of ["click", "keydown", "change"]) document.addEventListener(type, act, true);
  window.__md_set = (...args) => (acting ? write(...args) : undefined);
})();
