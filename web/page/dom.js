// @ts-check
// Small DOM writers that leave unchanged values alone (an unchanged write still costs a restyle),
// and finders for the parts the build always renders: the page's other modules write through these.

/**
 * @param {Element} el
 * @param {string} text
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * @param {Element} el
 * @param {string} name
 * @param {string | null} value null removes the attribute
 */
export function setAttr(el, name, value) {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

/**
 * @param {HTMLElement} el
 * @param {boolean} hidden
 */
export function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/**
 * The element `selector` finds inside `root`: one the build always renders there.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement}
 */
export function part(root, selector) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`the page lacks ${selector}`);
  return /** @type {HTMLElement} */ (el);
}

/**
 * The element `selector` finds inside `root`, or null.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
export function find(root, selector) {
  return /** @type {HTMLElement | null} */ (root.querySelector(selector));
}

/**
 * A new element with a class and, optionally, its text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function make(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Make `parent` hold one child per item: children are reused and updated in place, missing
 * ones made by `create`, extra ones removed.
 * @template T
 * @param {Element} parent
 * @param {T[]} items
 * @param {() => Element} create
 * @param {(el: Element, item: T) => void} update
 */
export function syncList(parent, items, create, update) {
  while (parent.lastElementChild && parent.children.length > items.length) parent.lastElementChild.remove();
  items.forEach((item, i) => {
    let el = parent.children[i];
    if (!el) { el = create(); parent.append(el); }
    update(el, item);
  });
}

/**
 * A <dl> of [term, description] pairs, updated in place.
 * @param {Element} dl
 * @param {Array<[string, string]>} pairs
 */
export function syncPairs(dl, pairs) {
  while (dl.lastElementChild && dl.children.length > pairs.length * 2) dl.lastElementChild.remove();
  pairs.forEach(([term, description], i) => {
    let dt = dl.children[2 * i];
    if (!dt) { dt = document.createElement("dt"); dl.append(dt, document.createElement("dd")); }
    setText(dt, term);
    setText(/** @type {Element} */ (dt.nextElementSibling), description);
  });
}
