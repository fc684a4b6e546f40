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

// How far Python's download is, while it loads: a progressbar (percent of the bytes on the wire,
// and the megabytes as its text) under the status line. Its text line changes only at each
// quarter, so that the result area (a polite live region) announces it now and then rather
// than at every chunk; the container is not marked busy meanwhile, or nothing would be read.
const MB = (bytes) => (bytes / 1e6).toFixed(1);

export function showProgress(result, { loaded, total }) {
  if (!total) return;
  let box = result.querySelector(".calc-progress");
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
    result.querySelector(".calc-status").after(box);
  }
  setHidden(box, false);
  setAttr(result, "aria-busy", "false");
  // never backwards (a small file that starts late adds to the total)
  const percent = Math.max(Number(box.dataset.percent || 0), Math.min(100, Math.floor((100 * loaded) / total)));
  box.dataset.percent = String(percent);
  const bar = box.querySelector("[role=progressbar]");
  setAttr(bar, "aria-valuenow", String(percent));
  setAttr(bar, "aria-valuetext", `${percent}% (${MB(loaded)} of ${MB(total)} MB)`);
  bar.firstElementChild.style.width = `${percent}%`;
  const quarter = Math.min(75, 25 * Math.floor(percent / 25));
  if (box.dataset.quarter !== String(quarter)) {
    box.dataset.quarter = String(quarter);
    setText(box.querySelector(".calc-progress-text"),
      `Downloading Python: ${quarter ? `over ${quarter}%` : "started"} (${MB(total)} MB in all).`);
  }
}

export function hideProgress(result) {
  const box = result.querySelector(".calc-progress");
  if (box) setHidden(box, true);
}

export function showFailure(result, reason) {
  hideProgress(result);
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

// `root`: the site root (factor links are site paths); `printMeta`: the line printed under it.
export function renderResult(result, spec, res, root, printMeta) {
  const out = result.querySelector(".calc-output");
  setText(out.querySelector(".calc-band-label"), res.band_label);
  setText(out.querySelector(".calc-score"), res.score === null ? "" : `Score ${res.score} of 100`);
  setText(out.querySelector(".calc-headline"), res.headline);
  syncPairs(out.querySelector(".calc-metrics"), metricPairs(spec, res));
  renderRanking(out, res.ranking);
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
    for (const v of cells) {
      const cell = document.createElement(n === 0 ? "th" : "td");
      if (n === 0) cell.scope = "col";
      cell.textContent = v;
      tr.append(cell);
    }
    return tr;
  }));
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
