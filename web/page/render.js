// @ts-check
// Writing a calculator's result, status, field errors and link notices into the page, as text
// only (nothing from Python or from a link becomes markup). Only what changed is written: a
// recalculation then restyles and re-lays out as little of the page as possible.

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */
/**
 * One problem with one input, as data (calculators/contract.py, FieldError.as_dict; the page
 * makes the same shape for what it finds itself).
 * @typedef {object} FieldError
 * @property {string} field the input's name as forms and links spell it ("offers.1.label")
 * @property {string} problem "is out of range"
 * @property {string | null} given the value given, shown as text; null when none was given
 * @property {string} allowed the allowed values in words
 */
/** @typedef {{label: string, effect: string, detail: string, source: string}} Factor */
/** @typedef {{key: string, title: string, points: number, summary: string}} Part */
/** @typedef {{label: string, score: number, band: string, band_label?: string, salary?: number | null, parts?: Part[]}} RankRow */
/**
 * One answer that would change the result (calculators/what_would_change.py).
 * @typedef {object} Change
 * @property {string} field the input's name as forms and links spell it ("offers.0.track")
 * @property {unknown} value
 * @property {string} band the band the result would have
 * @property {string} [band_label]
 * @property {number | null} [score]
 * @property {string} [ask] the question worth asking, as a sentence
 * @property {string} [label] the field's label
 * @property {string} [value_label] the answer in words
 */
/** @typedef {{to?: string, subject?: string, body: string}} NegotiationEmail */
/** A field as the page shows it: its control's id and its label. @typedef {{id: string, label: string}} FieldLink */
/**
 * A calculator's result (calculators/contract.py, Calculator.run; extra keys per calculator).
 * @typedef {object} Result
 * @property {string} version
 * @property {string} band
 * @property {string} band_label
 * @property {number | null} score
 * @property {string} headline
 * @property {Factor[]} factors
 * @property {string[]} next_steps
 * @property {RankRow[]} [ranking]
 * @property {Change[]} [what_would_change]
 * @property {NegotiationEmail | null} [negotiation_email]
 */

// The ids of a field's control, help text and error slot, by the scheme in the spec's "ids"
// (macros/forms.py, ID_SCHEME): "offers.1.label" -> "f-offers-1-label", "...-help", "...-error".
/**
 * @param {Spec["ids"]} ids
 * @param {string} name
 */
export function fieldIds(ids, name) {
  const control = ids.prefix + name.replaceAll(".", ids.separator);
  return { control, help: control + ids.help, error: control + ids.error };
}

// The spec of the field a form name ("clinical_fte", "offers.1.label") stands for, or null.
/**
 * @param {Spec} spec
 * @param {string} name
 * @returns {FieldSpec | null}
 */
export function specField(spec, name) {
  const [top, index, sub] = name.split(".");
  const field = spec.fields.find((f) => f.name === top);
  if (!field || index === undefined) return field || null;
  return field.type === "list" ? (field.items || []).find((f) => f.name === sub) || null : null;
}

// A field error worded from its data ({field, problem, given, allowed}: calculators/contract.py,
// FieldError.as_dict; or made on the page), led by the field's label as the reader sees it.
/**
 * @param {Spec} spec
 * @param {FieldError} error
 */
export function fieldMessage(spec, error) {
  const field = specField(spec, error.field);
  const parts = [`${field ? field.label : error.field}: ${error.problem}`];
  if (error.given !== null && error.given !== undefined) parts.push(`got ${error.given}`);
  if (error.allowed) parts.push(`allowed: ${error.allowed}`);
  return parts.join("; ");
}

// DOM writes that leave unchanged values alone (an unchanged write still costs a restyle).
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
 * @param {string} value
 */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * @param {HTMLElement} el
 * @param {boolean} hidden
 */
export function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/** @type {Record<string, string>} */
const EFFECT_MARK = { "+": "+", "-": "\u2212", "0": "\u2022" };
/** @type {Record<string, string>} */
const EFFECT_WORD = { "+": "helps", "-": "hurts", "0": "neutral" };

/**
 * The element `selector` finds inside `root`: one the build always renders there.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement}
 */
function part(root, selector) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`the page lacks ${selector}`);
  return /** @type {HTMLElement} */ (el);
}

// Make `parent` hold one child per item: children are reused and updated in place, missing
// ones made by `make`, extra ones removed.
/**
 * @template T
 * @param {Element} parent
 * @param {T[]} items
 * @param {() => Element} make
 * @param {(el: Element, item: T) => void} update
 */
function syncList(parent, items, make, update) {
  while (parent.lastElementChild && parent.children.length > items.length) parent.lastElementChild.remove();
  items.forEach((item, i) => {
    let el = parent.children[i];
    if (!el) { el = make(); parent.append(el); }
    update(el, item);
  });
}

// A <dl> of [term, description] pairs, updated in place.
/**
 * @param {Element} dl
 * @param {Array<[string, string]>} pairs
 */
function syncPairs(dl, pairs) {
  while (dl.lastElementChild && dl.children.length > pairs.length * 2) dl.lastElementChild.remove();
  pairs.forEach(([term, description], i) => {
    let dt = dl.children[2 * i];
    if (!dt) { dt = document.createElement("dt"); dl.append(dt, document.createElement("dd")); }
    setText(dt, term);
    setText(/** @type {Element} */ (dt.nextElementSibling), description);
  });
}

// The spec's extra numbers present in a result, as [label, text] pairs.
/**
 * @param {Spec} spec
 * @param {Result & Record<string, unknown>} res
 * @returns {Array<[string, string]>}
 */
export function metricPairs(spec, res) {
  return spec.metrics.filter(([key]) => key in res && res[key] !== null)
    .map(([key, label, unit]) => [label, `${res[key]}${unit === "%" ? "%" : " " + unit}`.trim()]);
}

// ---------- the result container ----------

/** The part of the page a calculator's result is shown in (a .calc-result section). */
/** @typedef {HTMLElement} ResultBox */

/**
 * @param {ResultBox} result
 * @param {"loading" | "ready" | "error"} state
 */
export function setState(result, state) {
  setAttr(result, "data-state", state);
  setAttr(result, "aria-busy", state === "loading" ? "true" : "false");
}

/**
 * @param {ResultBox} result
 * @param {string} text
 */
export function showStatus(result, text) {
  const p = part(result, ".calc-status");
  setText(p, text);
  setHidden(p, !text);
}

// How far Python's download is, while it loads: a progressbar (percent of the bytes on the wire,
// and the megabytes as its text) under the status line. Its text line changes only at each
// quarter, so that the result area (a polite live region) announces it now and then rather
// than at every chunk; the container is not marked busy meanwhile, or nothing would be read.
/** @param {number} bytes */
const MB = (bytes) => (bytes / 1e6).toFixed(1);

/**
 * @param {ResultBox} result
 * @param {{loaded: number, total: number}} wire bytes on the wire so far, and in all
 */
export function showProgress(result, { loaded, total }) {
  if (!total) return;
  let box = /** @type {HTMLElement | null} */ (result.querySelector(".calc-progress"));
  if (!box) {
    box = document.createElement("div");
    box.className = "calc-progress";
    const bar = document.createElement("div");
    bar.className = "calc-progress-bar";
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-label", "Python download");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.append(document.createElement("span"));
    const text = document.createElement("p");
    text.className = "calc-progress-text";
    box.append(bar, text);
    part(result, ".calc-status").after(box);
  }
  setHidden(box, false);
  setAttr(result, "aria-busy", "false");
  // never backwards (a small file that starts late adds to the total)
  const percent = Math.max(Number(box.dataset.percent || 0), Math.min(100, Math.floor((100 * loaded) / total)));
  box.dataset.percent = String(percent);
  const bar = part(box, "[role=progressbar]");
  setAttr(bar, "aria-valuenow", String(percent));
  setAttr(bar, "aria-valuetext", `${percent}% (${MB(loaded)} of ${MB(total)} MB)`);
  part(bar, "span").style.width = `${percent}%`;
  const quarter = Math.min(75, 25 * Math.floor(percent / 25));
  if (box.dataset.quarter !== String(quarter)) {
    box.dataset.quarter = String(quarter);
    setText(part(box, ".calc-progress-text"),
      `Downloading Python: ${quarter ? `over ${quarter}%` : "started"} (${MB(total)} MB in all).`);
  }
}

/** @param {ResultBox} result */
export function hideProgress(result) {
  const box = /** @type {HTMLElement | null} */ (result.querySelector(".calc-progress"));
  if (box) setHidden(box, true);
}

/**
 * @param {ResultBox} result
 * @param {string} reason
 */
export function showFailure(result, reason) {
  hideProgress(result);
  setState(result, "error");
  showStatus(result, `The calculator is unavailable: ${reason}. Your inputs are kept; reload the page to try again.`);
  part(result, ".calc-fallback").hidden = false;
}

/** @param {ResultBox} result */
export function showCrash(result) {
  setState(result, "error");
  showStatus(result, "The calculator hit an internal error with these inputs. Your inputs are kept; the guide below still applies.");
  part(result, ".calc-fallback").hidden = false;
}

/** @param {ResultBox} result */
export function hideResult(result) {
  delete result.dataset.band;
  part(result, ".calc-output").hidden = true;
}

// `root`: the site root (factor links are site paths); `printMeta`: the line printed under it;
// `field(name)`: a field's {id, label} on the page (what_would_change links to it).
/**
 * @param {ResultBox} result
 * @param {Spec} spec
 * @param {Result} res
 * @param {URL} root
 * @param {string} printMeta
 * @param {(name: string) => FieldLink | null} [field]
 */
export function renderResult(result, spec, res, root, printMeta, field = () => null) {
  const out = part(result, ".calc-output");
  setText(part(out, ".calc-band-label"), res.band_label);
  setText(part(out, ".calc-score"), res.score === null ? "" : `Score ${res.score} of 100`);
  setText(part(out, ".calc-headline"), res.headline);
  syncPairs(part(out, ".calc-metrics"), metricPairs(spec, res));
  renderRanking(out, res.ranking, spec);
  renderParts(out, res.ranking);
  syncList(part(out, ".calc-factors"), res.factors, () => {
    const li = document.createElement("li");
    const mark = document.createElement("span");
    mark.className = "calc-effect";
    mark.setAttribute("role", "img");
    const link = document.createElement("a");
    link.textContent = "Why?";
    li.append(mark, " ", document.createElement("strong"), document.createElement("span"), link);
    return li;
  }, (li, f) => {
    const [mark, label, detail, link] = li.children;
    setAttr(li, "data-effect", f.effect);
    setText(mark, EFFECT_MARK[f.effect] || "\u2022");
    setAttr(mark, "aria-label", EFFECT_WORD[f.effect] || "neutral");
    setText(label, f.label);
    setText(detail, ` ${f.detail} `);
    setAttr(link, "href", new URL(f.source, root).href);
  });
  syncList(part(out, ".calc-next-steps"), res.next_steps, () => document.createElement("li"), setText);
  renderQuestions(out, res.what_would_change, field);
  const meta = result.querySelector(".calc-print-meta");
  if (meta) setText(meta, printMeta);
  showStatus(result, "");
  setHidden(part(result, ".calc-fallback"), true);
  setHidden(out, false);
  setAttr(result, "data-band", res.band);
  setState(result, "ready");
}

/**
 * @param {HTMLElement} out
 * @param {RankRow[] | undefined} ranking
 * @param {Spec} spec
 */
function renderRanking(out, ranking, spec) {
  let table = /** @type {HTMLTableElement | null} */ (out.querySelector(".calc-ranking"));
  if (!ranking) { if (table) table.remove(); return; }
  if (!table) {
    table = document.createElement("table");
    table.className = "calc-ranking";
    part(out, ".calc-metrics").after(table);
  }
  const salary = ranking.some((r) => r.salary !== null && r.salary !== undefined);
  const list = spec.fields.find((f) => f.type === "list"); // the items ranked
  const rows = [["Rank", (list && list.item_label) || "Item", "Score", "Band", ...(salary ? ["Salary"] : [])], ...ranking.map((r, n) => {
    const cells = [String(n + 1), r.label, String(r.score), r.band_label || r.band];
    if (salary) cells.push(r.salary === null || r.salary === undefined ? "not given" : r.salary.toLocaleString("en-US"));
    return cells;
  })];
  const key = JSON.stringify(rows);
  if (table.dataset.rows === key) return;
  table.dataset.rows = key;
  table.replaceChildren(...rows.map((cells, n) => {
    const tr = document.createElement("tr");
    cells.forEach((v, i) => {
      const cell = /** @type {HTMLTableCellElement} */ (document.createElement(n === 0 ? "th" : "td"));
      if (n === 0) cell.scope = "col";
      else if (i === 3) cell.dataset.band = ranking[n - 1].band; // this cell shows the offer's band
      cell.textContent = v;
      tr.append(cell);
    });
    return tr;
  }));
}

// The offers side by side, part by part: one column per offer (best first); each part of the
// score (the result's ranking[].parts) is a row group, its name on a full-width row above the
// offers' points and what each offer has, so that the cells keep the width a phone has. Parts
// on which the offers score the same share one row. The best offer on each part is shaded, and
// says so to screen readers. Wide lists scroll sideways inside their own box.
/**
 * @param {HTMLElement} out
 * @param {RankRow[] | undefined} ranking
 */
function renderParts(out, ranking) {
  let box = /** @type {HTMLElement | null} */ (out.querySelector(".calc-parts"));
  const rows = partRows(ranking);
  if (!ranking || !rows) { if (box) box.remove(); return; }
  if (!box) {
    box = document.createElement("div");
    box.className = "calc-parts";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "The offers part by part");
    box.tabIndex = 0; // it may scroll sideways: reachable by keyboard
    const table = document.createElement("table");
    table.className = "calc-parts-table"; // a class: the theme leaves it unwrapped
    const caption = document.createElement("caption");
    caption.textContent = "Part by part (points)";
    table.append(caption, document.createElement("thead"));
    box.append(table);
    (out.querySelector(".calc-ranking") || part(out, ".calc-metrics")).after(box);
  }
  const key = JSON.stringify(rows);
  if (box.dataset.rows === key) return;
  box.dataset.rows = key;
  const table = /** @type {HTMLTableElement} */ (part(box, "table"));
  const columns = ranking.length;
  const head = document.createElement("tr");
  head.append(...ranking.map((r) => cell("th", r.label, "col")));
  part(table, "thead").replaceChildren(head);
  for (const old of table.querySelectorAll("tbody")) old.remove();
  table.append(...rows.map((row) => {
    const group = document.createElement("tbody");
    const title = cell("th", row.title, "rowgroup");
    title.colSpan = columns;
    const values = document.createElement("tr");
    if (row.same !== undefined) {
      const td = cell("td", row.same);
      td.colSpan = columns;
      values.append(td);
    } else {
      values.append(...(row.cells || []).map(partCell));
    }
    const titleRow = document.createElement("tr");
    titleRow.append(title);
    group.append(titleRow, values);
    return group;
  }));
}

/** @typedef {{points: string, text: string, best: boolean}} PartCell */
/** @typedef {{title: string, cells?: PartCell[], same?: string}} PartRow */

/** @param {PartCell} c */
function partCell(c) {
  const td = document.createElement("td");
  const points = document.createElement("strong");
  points.textContent = c.points;
  td.append(points);
  if (c.best) {
    td.dataset.best = "";
    const mark = document.createElement("span");
    mark.className = "visually-hidden";
    mark.textContent = " (best)"; // seen as the cell's shading
    td.append(mark);
  }
  if (c.text) {
    const text = document.createElement("span");
    text.className = "calc-part-text";
    text.textContent = c.text;
    td.append(" ", text);
  }
  return td;
}

/**
 * @param {"th" | "td"} tag
 * @param {string} text
 * @param {string} [scope]
 */
function cell(tag, text, scope) {
  const el = /** @type {HTMLTableCellElement} */ (document.createElement(tag));
  el.textContent = text;
  if (scope) el.scope = scope;
  return el;
}

/** @param {string} text */
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// The rows of renderParts, or null without parts. Parts on which every offer scores the same
// are gathered into one row ("The same for all"), so the rows that remain are the ones that
// separate the offers.
/**
 * @param {RankRow[] | undefined} ranking
 * @returns {PartRow[] | null}
 */
export function partRows(ranking) {
  if (!ranking || !ranking.every((r) => Array.isArray(r.parts))) return null;
  /** @type {string[]} */
  const keys = [];
  /** @type {Map<string, string>} */
  const titles = new Map();
  for (const r of ranking) for (const p of r.parts || []) if (!titles.has(p.key)) { keys.push(p.key); titles.set(p.key, p.title); }
  /** @type {PartRow[]} */
  const rows = [];
  /** @type {string[]} */
  const same = [];
  for (const key of keys) {
    const title = titles.get(key) || key;
    const parts = ranking.map((r) => (r.parts || []).find((p) => p.key === key));
    const top = Math.max(...parts.map((p) => (p ? p.points : -Infinity)));
    if (parts.every((p) => p && p.points === top)) { same.push(`${title} ${top}`); continue; }
    rows.push({ title, cells: parts.map((p) => (p
      ? { points: String(p.points), text: capital(p.summary), best: p.points === top }
      : { points: "\u2014", text: "", best: false })) });
  }
  if (same.length) rows.push({ title: "The same for all", same: same.join(", ") });
  return rows;
}

// What would change the result (result.what_would_change): the answers to inputs left unknown
// that would move the result to another band, as questions worth asking. Answers to the same
// field share one item, with one button that takes the reader to that field (`field(name)` gives its {id, label} on the
// page, or null). Nothing shows when the result has none (or predates them).
/**
 * @param {HTMLElement} out
 * @param {Change[] | undefined} items
 * @param {(name: string) => FieldLink | null} field
 */
function renderQuestions(out, items, field) {
  let box = /** @type {HTMLElement | null} */ (out.querySelector(".calc-questions"));
  const groups = questionGroups(items);
  if (!groups.length) { if (box) setHidden(box, true); return; }
  if (!box) {
    box = document.createElement("div");
    box.className = "calc-questions";
    const title = document.createElement("p");
    title.className = "calc-subtitle";
    title.textContent = "Questions worth asking";
    const help = document.createElement("p");
    help.className = "calc-help";
    help.textContent = "Each of these answers, to something left unknown, would change the result on its own.";
    box.append(title, help, document.createElement("ul"));
    const steps = part(out, ".calc-next-steps");
    (steps.previousElementSibling || steps).before(box);
  }
  setHidden(box, false);
  syncList(part(box, "ul"), groups, () => {
    const li = document.createElement("li");
    // a button, not a link: it moves the focus (runner.js), the address stays as it is
    const go = document.createElement("button");
    go.type = "button";
    go.className = "calc-question-link";
    li.append(document.createElement("span"), " ", go);
    return li;
  }, (li, group) => {
    const [asks, go] = /** @type {[HTMLElement, HTMLButtonElement]} */ ([...li.children]);
    const target = field(group.field);
    syncList(asks, group.items, () => document.createElement("span"), (span, item) => {
      setAttr(span, "data-band", String(item.band)); // the band this answer would give
      setText(span, `${askText(item)} `);
    });
    setHidden(go, !target);
    if (target) {
      setAttr(go, "data-field-link", group.field);
      setAttr(go, "aria-controls", target.id);
      setText(go, `Answer: ${target.label}`);
    }
  });
}

// what_would_change items grouped by field, in their order.
/**
 * @param {Change[] | undefined} items
 * @returns {Array<{field: string, items: Change[]}>}
 */
export function questionGroups(items) {
  /** @type {Array<{field: string, items: Change[]}>} */
  const groups = [];
  for (const item of Array.isArray(items) ? items : []) {
    const name = String(item.field);
    const last = groups[groups.length - 1];
    if (last && last.field === name) last.items.push(item);
    else groups.push({ field: name, items: [item] });
  }
  return groups;
}

// The question as one sentence: Python's `ask`, else built from the item's labels.
/** @param {Change} item */
function askText(item) {
  if (item.ask) return String(item.ask);
  const answer = item.value_label || String(item.value);
  return `If \u201c${item.label || item.field}\u201d is ${answer}, the result becomes ${item.band_label || item.band}.`;
}

// ---------- the form: field errors and link notices ----------

// Mark the fields in `errors` invalid, each with its message in its error slot (a list's own
// slot for an error about the list, or about an item field the form does not show).
/**
 * @param {HTMLFormElement} form
 * @param {Spec} spec
 * @param {FieldError[]} errors
 */
export function showErrors(form, spec, errors) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const p of form.querySelectorAll(".calc-error")) { setHidden(/** @type {HTMLElement} */ (p), true); p.textContent = ""; }
  for (const err of errors) {
    const ids = fieldIds(spec.ids, err.field);
    const el = document.getElementById(ids.control);
    const slot = (el && form.contains(el) && document.getElementById(ids.error))
      || document.getElementById(fieldIds(spec.ids, err.field.split(".")[0]).error);
    if (el && form.contains(el)) el.setAttribute("aria-invalid", "true");
    if (slot && form.contains(slot)) { slot.hidden = false; slot.textContent = fieldMessage(spec, err); }
  }
}

/**
 * @param {HTMLFormElement} form
 * @param {string[]} notices
 */
export function showNotices(form, notices) {
  const box = part(form, ".calc-notices");
  box.replaceChildren();
  if (!notices.length) { box.hidden = true; return; }
  const p = document.createElement("p");
  p.textContent = "Some parts of the link could not be used:";
  const ul = document.createElement("ul");
  for (const n of notices.slice(0, 20)) { const li = document.createElement("li"); li.textContent = n; ul.append(li); }
  box.append(p, ul);
  box.hidden = false;
}
