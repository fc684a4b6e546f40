// @ts-check
// A ranked result's tables (the offer comparison): the ranking, best first, with each offer's
// band as the result names it, and the offers side by side part by part (from ranking[].parts).

import { DATA } from "./contract.js";
import { make, part } from "./dom.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {{key: string, title: string, points: number, summary: string}} Part */
/** @typedef {{label: string, score: number, band: string, band_label?: string, salary?: number | null, parts?: Part[]}} RankRow */
/** @typedef {{points: string, text: string, best: boolean}} PartCell */
/** @typedef {{title: string, cells?: PartCell[], same?: string}} PartRow */

/**
 * Put `el` right after `after`, unless it is there already.
 * @param {Element} el
 * @param {Element} after
 */
function placeAfter(el, after) {
  if (after.nextElementSibling !== el) after.after(el);
}

/**
 * The ranking table (rank, offer, score, band, salary where any is given), after `after`; none
 * without a ranking.
 * @param {HTMLElement} out
 * @param {RankRow[] | undefined} ranking
 * @param {Spec} spec
 * @param {Element} after
 * @returns {HTMLTableElement | null}
 */
export function renderRanking(out, ranking, spec, after) {
  let table = /** @type {HTMLTableElement | null} */ (out.querySelector(".calc-ranking"));
  if (!ranking) { if (table) table.remove(); return null; }
  if (!table) table = make("table", "calc-ranking");
  placeAfter(table, after);
  const salary = ranking.some((r) => r.salary !== null && r.salary !== undefined);
  const list = spec.fields.find((f) => f.type === "list"); // the items ranked
  const rows = [["Rank", (list && list.item_label) || "Item", "Score", "Band", ...(salary ? ["Salary"] : [])], ...ranking.map((r, n) => {
    const cells = [String(n + 1), r.label, String(r.score), r.band_label || r.band];
    if (salary) cells.push(r.salary === null || r.salary === undefined ? "not given" : r.salary.toLocaleString("en-US"));
    return cells;
  })];
  const key = JSON.stringify(rows);
  if (table.dataset.rows === key) return table;
  table.dataset.rows = key;
  table.replaceChildren(...rows.map((cells, n) => {
    const tr = make("tr");
    cells.forEach((v, i) => {
      const cell = cellOf(n === 0 ? "th" : "td", v, n === 0 ? "col" : undefined);
      if (n > 0 && i === 3) cell.setAttribute(DATA.band, ranking[n - 1].band); // this cell shows the offer's band
      tr.append(cell);
    });
    return tr;
  }));
  return table;
}

// The offers side by side, part by part: one column per offer (best first); each part of the
// score (the result's ranking[].parts) is a row group, its name on a full-width row above the
// offers' points and what each offer has, so that the cells keep the width a phone has. Parts
// on which the offers score the same share one row. The best offer on each part is shaded, and
// says so to screen readers. Wide lists scroll sideways inside their own box.
/**
 * @param {HTMLElement} out
 * @param {RankRow[] | undefined} ranking
 * @param {Element} after
 * @returns {HTMLElement | null}
 */
export function renderParts(out, ranking, after) {
  let box = /** @type {HTMLElement | null} */ (out.querySelector(".calc-parts"));
  const rows = partRows(ranking);
  if (!ranking || !rows) { if (box) box.remove(); return null; }
  if (!box) {
    box = make("div", "calc-parts");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "The offers part by part");
    box.tabIndex = 0; // it may scroll sideways: reachable by keyboard
    const table = make("table", "calc-parts-table"); // a class: the theme leaves it unwrapped
    table.append(make("caption", "", "Part by part (points)"), make("thead"));
    box.append(table);
  }
  placeAfter(box, after);
  const key = JSON.stringify(rows);
  if (box.dataset.rows === key) return box;
  box.dataset.rows = key;
  const table = /** @type {HTMLTableElement} */ (part(box, "table"));
  const columns = ranking.length;
  const head = make("tr");
  head.append(...ranking.map((r) => cellOf("th", r.label, "col")));
  part(table, "thead").replaceChildren(head);
  for (const old of table.querySelectorAll("tbody")) old.remove();
  table.append(...rows.map((row) => {
    const group = make("tbody");
    const title = cellOf("th", row.title, "rowgroup");
    title.colSpan = columns;
    const values = make("tr");
    if (row.same !== undefined) {
      const td = cellOf("td", row.same);
      td.colSpan = columns;
      values.append(td);
    } else {
      values.append(...(row.cells || []).map(partCell));
    }
    const titleRow = make("tr");
    titleRow.append(title);
    group.append(titleRow, values);
    return group;
  }));
  return box;
}

/** @param {PartCell} c */
function partCell(c) {
  const td = make("td");
  td.append(make("strong", "", c.points));
  if (c.best) {
    td.setAttribute("data-calc-best", "");
    td.append(make("span", "visually-hidden", " (best)")); // seen as the cell's shading
  }
  if (c.text) td.append(" ", make("span", "calc-part-text", c.text));
  return td;
}

/**
 * @param {"th" | "td"} tag
 * @param {string} text
 * @param {string} [scope]
 */
function cellOf(tag, text, scope) {
  const el = /** @type {HTMLTableCellElement} */ (make(tag, "", text));
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
