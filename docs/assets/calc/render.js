// Writing a calculator's result, status, field errors and link notices into the page, as text
// only (nothing from Python or from a link becomes markup). Only what changed is written: a
// recalculation then restyles and re-lays out as little of the page as possible.

// DOM writes that leave unchanged values alone (an unchanged write still costs a restyle).
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

// Make `parent` hold one child per item: children are reused and updated in place, missing
// ones made by `make`, extra ones removed.
function syncList(parent, items, make, update) {
  while (parent.children.length > items.length) parent.lastElementChild.remove();
  items.forEach((item, i) => {
    let el = parent.children[i];
    if (!el) { el = make(); parent.append(el); }
    update(el, item);
  });
}

// A <dl> of [term, description] pairs, updated in place.
function syncPairs(dl, pairs) {
  while (dl.children.length > pairs.length * 2) dl.lastElementChild.remove();
  pairs.forEach(([term, description], i) => {
    let dt = dl.children[2 * i];
    if (!dt) { dt = document.createElement("dt"); dl.append(dt, document.createElement("dd")); }
    setText(dt, term);
    setText(dt.nextElementSibling, description);
  });
}

// The spec's extra numbers present in a result, as [label, text] pairs.
export function metricPairs(spec, res) {
  return spec.metrics.filter(([key]) => key in res && res[key] !== null)
    .map(([key, label, unit]) => [label, `${res[key]}${unit === "%" ? "%" : " " + unit}`.trim()]);
}

// ---------- the result container ----------

export function setState(result, state) {
  setAttr(result, "data-state", state);
  setAttr(result, "aria-busy", state === "loading" ? "true" : "false");
}

export function showStatus(result, text) {
  const p = result.querySelector(".calc-status");
  setText(p, text);
  setHidden(p, !text);
}

export function showFailure(result, reason) {
  setState(result, "error");
  showStatus(result, `The calculator is unavailable: ${reason}. Your inputs are kept; reload the page to try again.`);
  result.querySelector(".calc-fallback").hidden = false;
}

export function showCrash(result) {
  setState(result, "error");
  showStatus(result, "The calculator hit an internal error with these inputs. Your inputs are kept; the guide below still applies.");
  result.querySelector(".calc-fallback").hidden = false;
}

export function hideResult(result) {
  delete result.dataset.band;
  result.querySelector(".calc-output").hidden = true;
}

// `root`: the site root (factor links are site paths); `printMeta`: the line printed under it;
// `field(name)`: a field's {id, label} on the page (what_would_change links to it).
export function renderResult(result, spec, res, root, printMeta, field = () => null) {
  const out = result.querySelector(".calc-output");
  setText(out.querySelector(".calc-band-label"), res.band_label);
  setText(out.querySelector(".calc-score"), res.score === null ? "" : `Score ${res.score} of 100`);
  setText(out.querySelector(".calc-headline"), res.headline);
  syncPairs(out.querySelector(".calc-metrics"), metricPairs(spec, res));
  renderRanking(out, res.ranking);
  renderParts(out, res.ranking);
  syncList(out.querySelector(".calc-factors"), res.factors, () => {
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
    setText(mark, { "+": "+", "-": "\u2212", "0": "\u2022" }[f.effect] || "\u2022");
    setAttr(mark, "aria-label", { "+": "helps", "-": "hurts", "0": "neutral" }[f.effect] || "neutral");
    setText(label, f.label);
    setText(detail, ` ${f.detail} `);
    setAttr(link, "href", new URL(f.source, root).href);
  });
  syncList(out.querySelector(".calc-next-steps"), res.next_steps, () => document.createElement("li"), setText);
  renderQuestions(out, res.what_would_change, field);
  const meta = result.querySelector(".calc-print-meta");
  if (meta) setText(meta, printMeta);
  showStatus(result, "");
  setHidden(result.querySelector(".calc-fallback"), true);
  setHidden(out, false);
  setAttr(result, "data-band", res.band);
  setState(result, "ready");
}

function renderRanking(out, ranking) {
  let table = out.querySelector(".calc-ranking");
  if (!ranking) { if (table) table.remove(); return; }
  if (!table) {
    table = document.createElement("table");
    table.className = "calc-ranking";
    out.querySelector(".calc-metrics").after(table);
  }
  const salary = ranking.some((r) => r.salary !== null && r.salary !== undefined);
  const rows = [["Rank", "Offer", "Score", "Band", ...(salary ? ["Salary"] : [])], ...ranking.map((r, n) => {
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
      const cell = document.createElement(n === 0 ? "th" : "td");
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
function renderParts(out, ranking) {
  let box = out.querySelector(".calc-parts");
  const rows = partRows(ranking);
  if (!rows) { if (box) box.remove(); return; }
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
    (out.querySelector(".calc-ranking") || out.querySelector(".calc-metrics")).after(box);
  }
  const key = JSON.stringify(rows);
  if (box.dataset.rows === key) return;
  box.dataset.rows = key;
  const table = box.querySelector("table");
  const head = document.createElement("tr");
  head.append(...ranking.map((r) => cell("th", r.label, "col")));
  table.querySelector("thead").replaceChildren(head);
  for (const old of table.querySelectorAll("tbody")) old.remove();
  table.append(...rows.map((row) => {
    const group = document.createElement("tbody");
    const title = cell("th", row.title, "rowgroup");
    title.colSpan = ranking.length;
    const values = document.createElement("tr");
    if (row.same) {
      const td = cell("td", row.same);
      td.colSpan = ranking.length;
      values.append(td);
    } else {
      values.append(...row.cells.map(partCell));
    }
    const titleRow = document.createElement("tr");
    titleRow.append(title);
    group.append(titleRow, values);
    return group;
  }));
}

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

function cell(tag, text, scope) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (scope) el.scope = scope;
  return el;
}

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// [{title, cells: [{points, text, best}]} or {title, same}] for renderParts, or null without parts. Parts on
// which every offer scores the same are gathered into one row ("The same for all"), so the rows
// that remain are the ones that separate the offers.
export function partRows(ranking) {
  if (!ranking || !ranking.every((r) => Array.isArray(r.parts))) return null;
  const keys = [];
  const titles = new Map();
  for (const r of ranking) for (const p of r.parts) if (!titles.has(p.key)) { keys.push(p.key); titles.set(p.key, p.title); }
  const rows = [];
  const same = [];
  for (const key of keys) {
    const parts = ranking.map((r) => r.parts.find((p) => p.key === key));
    const top = Math.max(...parts.map((p) => (p ? p.points : -Infinity)));
    if (parts.every((p) => p && p.points === top)) { same.push(`${titles.get(key)} ${top}`); continue; }
    rows.push({ title: titles.get(key), cells: parts.map((p) => (p
      ? { points: String(p.points), text: capital(p.summary), best: p.points === top }
      : { points: "\u2014", text: "", best: false })) });
  }
  if (same.length) rows.push({ title: "The same for all", same: same.join(", ") });
  if (ranking.some((r) => r.salary !== null && r.salary !== undefined)) {
    rows.push({ title: "Salary (not scored)", cells: ranking.map((r) => ({
      points: r.salary === null || r.salary === undefined ? "not given" : r.salary.toLocaleString("en-US"), text: "", best: false })) });
  }
  return rows;
}

// What would change the result (result.what_would_change): the answers to inputs left unknown
// that would move the result to another band, as questions worth asking. Answers to the same
// field share one item, with one link to that field (`field(name)` gives its {id, label} on the
// page, or null). Nothing shows when the result has none (or predates them).
function renderQuestions(out, items, field) {
  let box = out.querySelector(".calc-questions");
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
    const steps = out.querySelector(".calc-next-steps");
    (steps && steps.previousElementSibling ? steps.previousElementSibling : out.lastElementChild).before(box);
  }
  setHidden(box, false);
  syncList(box.querySelector("ul"), groups, () => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.className = "calc-question-link";
    li.append(document.createElement("span"), " ", link);
    return li;
  }, (li, group) => {
    const [asks, link] = li.children;
    const target = field(group.field);
    syncList(asks, group.items, () => document.createElement("span"), (span, item) => {
      setAttr(span, "data-band", String(item.band)); // the band this answer would give
      setText(span, `${askText(item)} `);
    });
    setHidden(link, !target);
    if (target) {
      setAttr(link, "href", `#${target.id}`);
      setAttr(link, "data-field-link", group.field);
      setText(link, `Answer: ${target.label}`);
    }
  });
}

// what_would_change items grouped by field, in their order: [{field, items}].
export function questionGroups(items) {
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
function askText(item) {
  if (item.ask) return String(item.ask);
  const answer = item.value_label || item.value;
  return `If \u201c${item.label || item.field}\u201d is ${answer}, the result becomes ${item.band_label || item.band}.`;
}

// ---------- the form: field errors and link notices ----------

export function showErrors(form, control, errors) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const p of form.querySelectorAll(".calc-error")) { p.hidden = true; p.textContent = ""; }
  for (const err of errors) {
    const name = String(err.field || "").replace(/\[(\d+)\]/g, ".$1");
    const el = control(name);
    const slot = el ? el.closest("[data-field]").querySelector(".calc-error")
      : form.querySelector(`#f-${CSS.escape(name.split(".")[0])}-error`);
    if (el) el.setAttribute("aria-invalid", "true");
    if (slot) { slot.hidden = false; slot.textContent = friendly(err.message, el); }
  }
}

function friendly(message, el) {
  // "clinical_fte: is out of range; got 1.5; allowed: a number from 0 to 1" -> label-first text.
  const label = el ? el.closest("[data-field]").querySelector("label").textContent.replace(/\s*\(.*\)$/, "") : "";
  const text = String(message).replace(/^[^:]*:\s*/, "");
  return label ? `${label}: ${text}` : text;
}

export function showNotices(form, notices) {
  const box = form.querySelector(".calc-notices");
  box.replaceChildren();
  if (!notices.length) { box.hidden = true; return; }
  const p = document.createElement("p");
  p.textContent = "Some parts of the link could not be used:";
  const ul = document.createElement("ul");
  for (const n of notices.slice(0, 20)) { const li = document.createElement("li"); li.textContent = n; ul.append(li); }
  box.append(p, ul);
  box.hidden = false;
}
