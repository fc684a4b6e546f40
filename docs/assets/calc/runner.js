// The calculator page runner: one module shared by every calculator page.
// Reads the form the build rendered from the Python spec, keeps the inputs in the URL query,
// and asks a module Web Worker running Pyodide for results. Results are rendered as text only.

const BOOT_SLOW_MS = 12000;
const BOOT_LIMIT_MS = 45000;
const RUN_LIMIT_MS = 15000; // a scoring call takes milliseconds: no reply by then means the worker died
const URL_DELAY_MS = 250; // the address bar is updated this long after the last change
const MAX_PARAMS = 400;
const MAX_VALUE_LENGTH = 200;
const VERSION_PARAM = "v";
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Python's str.strip() whitespace (JavaScript's trim() differs), so both decoders agree.
const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");
const codePoints = (text) => [...text].length; // Python's len()

let worker = null;
let workerState = "idle"; // idle | booting | ready | failed
let failure = "";
const waiting = new Set(); // mounted calculators waiting for the worker
const pending = new Map(); // request id -> calculator
const watchdogs = new Map(); // request id -> timer that fails the runtime if no reply comes
let nextId = 1;
let answered = false; // the first result has come back ("calc:answered")

// ---------- worker ----------

function startWorker(urls, workerUrl) {
  if (worker) return;
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    workerState = "booting";
    return fail("this browser cannot run WebAssembly (it may be switched off by a policy)");
  }
  workerState = "booting";
  // The boot URLs travel in the worker's name as well, so that the worker starts booting as soon
  // as its script runs rather than when this thread gets round to delivering "init".
  // window.__calcBoot lets tests and the benchmark switch the snapshot off ({snapshot: ""}).
  const boot = { ...urls, ...(window.__calcBoot || {}) };
  // Usually the page has started the worker already, while it was parsed (macros/early_worker.js).
  const early = window.__calcEarly;
  window.__calcEarly = "taken";
  try {
    if (early && early.worker) {
      worker = early.worker;
    } else {
      performance.mark("calc:worker-start");
      worker = new Worker(workerUrl, { type: "module", name: new URLSearchParams(boot).toString() });
    }
  } catch (err) {
    return fail(`the browser could not start a worker (${err.message || err})`);
  }
  const limit = window.__calcBootLimitMs || BOOT_LIMIT_MS;
  const timer = setTimeout(() => {
    if (workerState === "booting") fail(`Python did not finish loading within ${Math.round(limit / 1000)} seconds`);
  }, limit);
  const slow = setTimeout(() => {
    if (workerState === "booting") for (const c of waiting) c.status("Still loading Python\u2026 this can take a while on a slow connection.");
  }, Math.min(BOOT_SLOW_MS, limit / 2));
  worker.onmessage = (event) => {
    const msg = event.data || {};
    if (msg.type === "ready") {
      clearTimeout(timer); clearTimeout(slow);
      if (workerState !== "booting") return;
      workerState = "ready";
      window.__calcBootInfo = msg; // boot mode and step timings, read by the benchmark
      document.dispatchEvent(new CustomEvent("calc:ready", { detail: { urls: msg.urls } })); // site.js: offline copies
      for (const c of waiting) { c.result.dataset.boot = msg.mode; c.compute(); }
    } else if (msg.type === "fatal") {
      clearTimeout(timer); clearTimeout(slow);
      fail(`Python could not be loaded (${msg.message})`);
    } else if (msg.type === "result") {
      const calc = pending.get(msg.id);
      pending.delete(msg.id);
      clearTimeout(watchdogs.get(msg.id));
      watchdogs.delete(msg.id);
      if (calc) calc.receive(msg.id, msg.reply);
      // the theme's bundle waits for this (overrides/partials/theme-later.js)
      if (!answered) { answered = true; document.dispatchEvent(new Event("calc:answered")); }
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    clearTimeout(timer); clearTimeout(slow);
    fail(`the calculator worker stopped (${event.message || "it could not be loaded"})`);
  };
  worker.postMessage({ type: "init", ...boot });
  if (early && early.error) fail(`the calculator worker stopped (${early.error})`);
}

function fail(reason) {
  workerState = "failed";
  failure = reason;
  document.dispatchEvent(new Event("calc:failed")); // the theme's bundle need not wait any more
  if (worker) worker.terminate();
  for (const c of waiting) c.showFailure(reason);
  for (const calc of pending.values()) calc.showFailure(reason);
  pending.clear();
  for (const timer of watchdogs.values()) clearTimeout(timer);
  watchdogs.clear();
}

function request(calc, inputs) {
  const id = nextId++;
  pending.set(id, calc);
  const limit = window.__calcRunLimitMs || RUN_LIMIT_MS;
  watchdogs.set(id, setTimeout(() => {
    if (pending.has(id)) fail(`the calculator stopped responding (no answer within ${Math.round(limit / 1000)} seconds)`);
  }, limit));
  worker.postMessage({ type: "run", id, slug: calc.slug, inputs });
  return id;
}

// ---------- URL state (mirrors calculators/urlstate.py) ----------

export function fieldAllowed(field, value) {
  // Returns [ok, cleanValue] for an already-typed value.
  if (value === null) return [field.nullable, null];
  switch (field.type) {
    case "boolean": return [typeof value === "boolean", value];
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) return [false, null];
      if (field.type === "integer" && !Number.isInteger(value)) return [false, null];
      if (field.minimum !== null && field.minimum !== undefined && value < field.minimum) return [false, null];
      if (field.maximum !== null && field.maximum !== undefined && value > field.maximum) return [false, null];
      return [true, value];
    case "choice": return [field.choices.some((c) => c.value === value), value];
    case "date": {
      if (typeof value !== "string" || !DATE.test(value)) return [false, null];
      const d = new Date(value + "T00:00:00Z");
      const ok = Number(value.slice(0, 4)) >= 1 && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
      return [ok, value];
    }
    case "text": {
      const clean = String(value).replace(PY_STRIP, "");
      return [typeof value === "string" && codePoints(clean) <= field.max_length, clean];
    }
    default: return [false, null];
  }
}

export function parseText(field, text) {
  if (text === "") return field.nullable ? [true, null] : field.type === "text" ? [true, ""] : [false, null];
  if (field.type === "boolean") return [text === "true" || text === "false", text === "true"];
  if (field.type === "number" || field.type === "integer") {
    if (!NUMBER.test(text)) return [false, null];
    return [true, Number(text)];
  }
  return [true, text];
}

function clip(text) {
  const t = String(text);
  return JSON.stringify(t.length <= 40 ? t : t.slice(0, 37) + "...");
}

export function decodeQuery(spec, query) {
  const notices = [];
  let params = [...new URLSearchParams(query)];
  if (params.length > MAX_PARAMS) {
    notices.push(`The link had ${params.length} parameters; only the first ${MAX_PARAMS} were read.`);
    params = params.slice(0, MAX_PARAMS);
  }
  const seen = new Map();
  for (const [key, value] of params) {
    if (seen.has(key) && seen.get(key) !== value) notices.push(`${clip(key)} appeared more than once; the last value was used.`);
    seen.set(key, value);
  }
  const version = seen.has(VERSION_PARAM) ? seen.get(VERSION_PARAM) : spec.version;
  seen.delete(VERSION_PARAM);
  if (version !== spec.version) notices.push(`The link was made with rules version ${clip(version)}; it was read with version ${spec.version}.`);
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const raw = {};
  const lists = {};
  const put = (field, key, text, target) => {
    if (codePoints(text) > MAX_VALUE_LENGTH) { notices.push(`Ignored ${key}: the value is too long.`); return; }
    let [ok, value] = parseText(field, text);
    if (ok) [ok, value] = fieldAllowed(field, value);
    if (ok) target[field.name] = value;
    else notices.push(`Ignored ${key}=${clip(text)}: allowed ${field.allowed}.`);
  };
  for (const [key, text] of seen) {
    const dot = key.indexOf(".");
    const name = dot < 0 ? key : key.slice(0, dot);
    const rest = dot < 0 ? "" : key.slice(dot + 1);
    const field = fields.get(name);
    if (field && field.type === "list") {
      const [idx, sub] = [rest.slice(0, rest.indexOf(".")), rest.slice(rest.indexOf(".") + 1)];
      const item = rest.includes(".") ? field.items.find((s) => s.name === sub) : undefined;
      if (!/^\d{1,2}$/.test(idx) || Number(idx) >= field.max_items || !item) { notices.push(`Ignored ${clip(key)}: not a known field.`); continue; }
      lists[name] = lists[name] || {};
      lists[name][Number(idx)] = lists[name][Number(idx)] || {};
      put(item, key, text, lists[name][Number(idx)]);
    } else if (!field || rest) {
      notices.push(`Ignored ${clip(key)}: not a known field.`);
    } else {
      put(field, key, text, raw);
    }
  }
  for (const [name, items] of Object.entries(lists)) {
    raw[name] = Object.keys(items).map(Number).sort((a, b) => a - b).map((k) => items[k]);
  }
  return { raw, notices };
}

// The reader's calendar date (local time zone), for date fields that default to today.
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function valueText(field, value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

export function encodeQuery(spec, inputs) {
  const params = new URLSearchParams();
  params.append(VERSION_PARAM, spec.version);
  for (const field of spec.fields) {
    if (field.type === "list") {
      (inputs[field.name] || []).forEach((item, n) => {
        for (const sub of field.items) params.append(`${field.name}.${n}.${sub.name}`, valueText(sub, item[sub.name]));
      });
    } else {
      params.append(field.name, valueText(field, inputs[field.name]));
    }
  }
  return params.toString();
}

// ---------- one mounted calculator ----------

class Calculator {
  constructor(form, result, spec) {
    this.form = form;
    this.result = result;
    this.spec = spec;
    this.slug = spec.slug;
    this.latest = 0;
    this.lastResult = null;
    this.root = new URL(result.dataset.root || "../../", document.baseURI);
    this.runtime = new URL(result.dataset.runtime, document.baseURI).href;
    this.lock = new URL(result.dataset.lock, document.baseURI).href;
    const optional = (url) => (url ? new URL(url, document.baseURI).href : "");
    this.boot = { runtime: this.runtime, lock: this.lock, stdlib: optional(result.dataset.stdlib),
                  snapshot: optional(result.dataset.snapshot) };
    this.workerUrl = new URL(result.dataset.worker, document.baseURI).href; // named by its content
  }

  control(name) {
    return this.form.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  // --- reading and writing the form ---

  setControl(field, name, value) {
    const el = this.control(name);
    if (!el) return;
    if (el.type === "checkbox") el.checked = value === true;
    else if (field.type === "date" && field.today_default && (value === null || value === undefined)) el.value = localToday();
    else el.value = valueText(field, value);
  }

  readField(field, name, errors) {
    const el = this.control(name);
    if (!el) return field.default;
    if (el.type === "checkbox") return el.checked;
    if (field.type === "number" || field.type === "integer") {
      if (el.validity && el.validity.badInput) { errors.push({ field: name, message: `${name}: must be a number; allowed: ${field.allowed}` }); return undefined; }
      if (el.value.trim() === "") {
        if (field.nullable) return null;
        errors.push({ field: name, message: `${name}: is required; allowed: ${field.allowed}` });
        return undefined;
      }
      return Number(el.value);
    }
    if (field.type === "boolean") return el.value === "" ? null : el.value === "true";
    if (field.type === "choice" && el.value === "" && field.nullable) return null;
    if (field.type === "date" && el.value === "") {
      if (field.today_default) return localToday();
      if (field.nullable) return null;
      errors.push({ field: name, message: `${name}: is required; allowed: ${field.allowed}` });
      return undefined;
    }
    return el.value;
  }

  readForm() {
    const inputs = {};
    const errors = [];
    for (const field of this.spec.fields) {
      if (field.type === "list") {
        const items = [...this.form.querySelectorAll(`[data-list="${CSS.escape(field.name)}"] .calc-items > [data-item]`)];
        inputs[field.name] = items.map((_, n) => {
          const item = {};
          for (const sub of field.items) {
            const v = this.readField(sub, `${field.name}.${n}.${sub.name}`, errors);
            if (v !== undefined) item[sub.name] = v;
          }
          return item;
        });
      } else {
        const v = this.readField(field, field.name, errors);
        if (v !== undefined) inputs[field.name] = v;
      }
    }
    return { inputs, errors };
  }

  applyInputs(raw) {
    for (const field of this.spec.fields) {
      if (field.type === "list") {
        if (!raw[field.name]) continue;
        this.setItemCount(field, Math.max(field.min_items, Math.min(field.max_items, raw[field.name].length)));
        raw[field.name].forEach((item, n) => {
          for (const sub of field.items) {
            this.setControl(sub, `${field.name}.${n}.${sub.name}`, sub.name in item ? item[sub.name] : sub.default);
          }
        });
      } else {
        this.setControl(field, field.name, field.name in raw ? raw[field.name] : field.default);
      }
    }
  }

  setItemCount(field, count) {
    const box = this.form.querySelector(`[data-list="${CSS.escape(field.name)}"] .calc-items`);
    const template = this.form.querySelector(`template[data-item-template="${CSS.escape(field.name)}"]`);
    if (!box || !template) return;
    while (box.children.length > count) box.lastElementChild.remove();
    while (box.children.length < count) {
      const n = box.children.length;
      const html = template.innerHTML.replaceAll("__INDEX__", String(n)).replaceAll("__NUMBER__", String(n + 1));
      const frag = document.createRange().createContextualFragment(html);
      box.append(frag);
    }
    this.renumber(field);
  }

  renumber(field) {
    const box = this.form.querySelector(`[data-list="${CSS.escape(field.name)}"] .calc-items`);
    [...box.children].forEach((item, n) => {
      item.querySelector("legend").textContent = `Offer ${n + 1}`;
      for (const el of item.querySelectorAll("[name]")) {
        const sub = el.name.split(".").slice(2).join(".");
        const name = `${field.name}.${n}.${sub}`;
        const id = "f-" + name.replaceAll(".", "-");
        const wrap = el.closest("[data-field]");
        const label = wrap.querySelector("label");
        const help = wrap.querySelector(".calc-help");
        const error = wrap.querySelector(".calc-error");
        el.name = name; el.id = id; wrap.dataset.field = name;
        label.htmlFor = id; help.id = `${id}-help`; error.id = `${id}-error`;
        el.setAttribute("aria-describedby", `${id}-help ${id}-error`);
      }
      const remove = item.querySelector("[data-remove-item]");
      if (remove) remove.disabled = box.children.length <= field.min_items;
    });
    const add = this.form.querySelector(`[data-add-item="${CSS.escape(field.name)}"]`);
    if (add) add.disabled = box.children.length >= field.max_items;
  }

  // --- errors and notices ---

  showErrors(errors) {
    for (const el of this.form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const p of this.form.querySelectorAll(".calc-error")) { p.hidden = true; p.textContent = ""; }
    for (const err of errors) {
      const name = String(err.field || "").replace(/\[(\d+)\]/g, ".$1");
      const el = this.control(name);
      const slot = el ? el.closest("[data-field]").querySelector(".calc-error")
        : this.form.querySelector(`#f-${CSS.escape(name.split(".")[0])}-error`);
      if (el) el.setAttribute("aria-invalid", "true");
      if (slot) { slot.hidden = false; slot.textContent = friendly(err.message, el); }
    }
  }

  showNotices(notices) {
    const box = this.form.querySelector(".calc-notices");
    box.replaceChildren();
    if (!notices.length) { box.hidden = true; return; }
    const p = document.createElement("p");
    p.textContent = "Some parts of the link could not be used:";
    const ul = document.createElement("ul");
    for (const n of notices.slice(0, 20)) { const li = document.createElement("li"); li.textContent = n; ul.append(li); }
    box.append(p, ul);
    box.hidden = false;
  }

  // --- result ---

  setState(state) {
    setAttr(this.result, "data-state", state);
    setAttr(this.result, "aria-busy", state === "loading" ? "true" : "false");
  }

  status(text) {
    const p = this.result.querySelector(".calc-status");
    setText(p, text);
    setHidden(p, !text);
  }

  showFailure(reason) {
    this.setState("error");
    this.status(`The calculator is unavailable: ${reason}. Your inputs are kept; reload the page to try again.`);
    this.result.querySelector(".calc-fallback").hidden = false;
  }

  // Fields that apply only for some values of a sibling (data-shown-if, from the spec's
  // shown_if) are hidden otherwise; their values still travel with the inputs.
  showApplicableFields() {
    for (const wrap of this.form.querySelectorAll("[data-shown-if]")) {
      const name = wrap.dataset.field;
      const sibling = this.control(name.slice(0, name.lastIndexOf(".") + 1) + wrap.dataset.shownIf);
      wrap.hidden = Boolean(sibling) && !wrap.dataset.shownValues.split(" ").includes(sibling.value);
    }
  }

  compute() {
    this.showApplicableFields();
    const { inputs, errors } = this.readForm();
    if (!errors.length && workerState === "ready") { this.latest = request(this, inputs); this.latestInputs = inputs; }
    this.updateUrl(inputs);
    if (errors.length) { this.invalid(errors); return; }
    if (workerState === "failed") this.showFailure(failure);
  }

  invalid(errors) {
    this.showErrors(errors);
    delete this.result.dataset.band;
    this.result.querySelector(".calc-output").hidden = true;
    if (workerState === "ready") this.setState("ready");
    this.status("Fix the highlighted field to see a result.");
  }

  receive(id, reply) {
    if (id !== this.latest) return;
    if (reply.ok) { this.showErrors([]); this.render(reply.result); return; }
    if (reply.errors) { this.setState("ready"); this.invalid(reply.errors); return; }
    this.setState("error");
    this.status("The calculator hit an internal error with these inputs. Your inputs are kept; the guide below still applies.");
    this.result.querySelector(".calc-fallback").hidden = false;
  }

  // Only what changed is written (setText, setAttr, syncList): a recalculation then restyles
  // and re-lays out as little of the page as possible.
  render(res) {
    this.lastResult = res;
    const out = this.result.querySelector(".calc-output");
    setText(out.querySelector(".calc-band-label"), res.band_label);
    setText(out.querySelector(".calc-score"), res.score === null ? "" : `Score ${res.score} of 100`);
    setText(out.querySelector(".calc-headline"), res.headline);
    const metrics = this.spec.metrics.filter(([key]) => key in res && res[key] !== null)
      .map(([key, label, unit]) => [label, `${res[key]}${unit === "%" ? "%" : " " + unit}`.trim()]);
    syncPairs(out.querySelector(".calc-metrics"), metrics);
    this.renderRanking(out, res.ranking);
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
      setAttr(link, "href", new URL(f.source, this.root).href);
    });
    syncList(out.querySelector(".calc-next-steps"), res.next_steps, () => document.createElement("li"), setText);
    const meta = this.result.querySelector(".calc-print-meta");
    if (meta) setText(meta, `Rules version ${res.version}. Printed ${localToday()} from ${this.shareLink(this.latestInputs)}`);
    this.status("");
    setHidden(this.result.querySelector(".calc-fallback"), true);
    setHidden(out, false);
    setAttr(this.result, "data-band", res.band);
    this.setState("ready");
  }

  renderRanking(out, ranking) {
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

  // --- URL, copying ---

  // The address bar follows the inputs a moment after the last change: each update costs the
  // browser a few milliseconds, too many to pay on every keystroke. (Copy link reads the form.)
  updateUrl(inputs) {
    if (!this.touched) return;
    clearTimeout(this.urlTimer);
    const path = location.pathname;
    this.urlTimer = setTimeout(() => {
      if (location.pathname !== path || !document.contains(this.form)) return; // the reader moved on
      history.replaceState(history.state, "", this.shareLink(inputs));
    }, URL_DELAY_MS);
  }

  // The page's address with every current input in the query (even before the reader edits
  // anything), so a shared link reproduces this result, including a date filled in as today.
  shareLink(inputs = this.readForm().inputs) {
    const url = new URL(location.href);
    url.search = encodeQuery(this.spec, inputs);
    return url.href;
  }

  summary() {
    const res = this.lastResult;
    const lines = [`${this.spec.title}`];
    if (res) {
      lines.push(`Result: ${res.band_label}${res.score === null ? "" : ` (score ${res.score} of 100)`}`, res.headline);
      for (const [key, label, unit] of this.spec.metrics) if (key in res && res[key] !== null) lines.push(`${label}: ${res[key]}${unit === "%" ? "%" : " " + unit}`);
      if (res.ranking) { lines.push("", "Ranking:"); res.ranking.forEach((r, n) => lines.push(`${n + 1}. ${r.label}: ${r.score} (${r.band_label || r.band})${r.salary === null || r.salary === undefined ? "" : `, salary ${r.salary.toLocaleString("en-US")}`}`)); }
      lines.push("", "What drove it:");
      for (const f of res.factors) lines.push(`${f.effect === "-" ? "-" : f.effect === "+" ? "+" : "*"} ${f.label}: ${f.detail}`);
      if (res.next_steps.length) { lines.push("", "Next steps:"); res.next_steps.forEach((s, n) => lines.push(`${n + 1}. ${s}`)); }
      lines.push("", `Rules version ${res.version}, ${localToday()}.`);
    }
    lines.push(`Open it with the same inputs: ${this.shareLink()}`, "", "Based on informal estimates; policies vary by institution. Not legal or financial advice.");
    return lines.join("\n");
  }

  // --- wiring ---

  mount() {
    const { raw, notices } = decodeQuery(this.spec, location.search);
    this.touched = location.search.length > 1;
    this.applyInputs(raw);
    this.showNotices(notices);
    const recompute = () => { this.touched = true; this.compute(); };
    this.form.addEventListener("input", recompute);
    this.form.addEventListener("change", recompute);
    this.form.addEventListener("submit", (e) => e.preventDefault());
    this.form.addEventListener("reset", () => setTimeout(() => { this.applyInputs({}); this.showNotices([]); recompute(); }));
    this.form.addEventListener("click", (e) => {
      const target = e.target.closest("button");
      if (!target) return;
      if (target.matches("[data-copy-link]")) copy(this.shareLink(), this.form, "Link copied.");
      else if (target.matches("[data-copy-summary]")) copy(this.summary(), this.form, "Summary copied.");
      else if (target.matches("[data-add-item]")) {
        const field = this.spec.fields.find((f) => f.name === target.dataset.addItem);
        const box = this.form.querySelector(`[data-list="${CSS.escape(field.name)}"] .calc-items`);
        this.setItemCount(field, Math.min(field.max_items, box.children.length + 1));
        recompute();
      } else if (target.matches("[data-remove-item]")) {
        const list = target.closest("[data-list]");
        const field = this.spec.fields.find((f) => f.name === list.dataset.list);
        if (list.querySelector(".calc-items").children.length > field.min_items) {
          target.closest("[data-item]").remove();
          this.renumber(field);
          recompute();
        }
      }
    });
    for (const field of this.spec.fields) if (field.type === "list") this.renumber(field);
    waiting.add(this);
    if (workerState === "failed") this.showFailure(failure);
    else if (workerState === "ready") this.compute();
    else { this.compute(); startWorker(this.boot, this.workerUrl); }
  }
}

// DOM writes that leave unchanged values alone (an unchanged write still costs a restyle).
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setHidden(el, hidden) {
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

function friendly(message, el) {
  // "clinical_fte: is out of range; got 1.5; allowed: a number from 0 to 1" -> label-first text.
  const label = el ? el.closest("[data-field]").querySelector("label").textContent.replace(/\s*\(.*\)$/, "") : "";
  const text = String(message).replace(/^[^:]*:\s*/, "");
  return label ? `${label}: ${text}` : text;
}

async function copy(text, form, done) {
  const note = form.querySelector(".calc-copied");
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = done;
  } catch {
    const area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "calc-copy-fallback";
    form.append(area); area.select();
    const ok = document.execCommand && document.execCommand("copy");
    area.remove();
    note.textContent = ok ? done : "Copy failed: select the address bar and copy it.";
  }
}

export function mountAll() {
  for (const c of [...waiting]) if (!document.contains(c.form)) waiting.delete(c);
  for (const form of document.querySelectorAll("form[data-calculator-form]")) {
    if (form.dataset.mounted) continue;
    const slug = form.dataset.calculatorForm;
    const result = document.querySelector(`[data-calculator="${CSS.escape(slug)}"]`);
    if (!form.dataset.spec || !result) continue;
    form.dataset.mounted = "true";
    new Calculator(form, result, JSON.parse(form.dataset.spec)).mount();
  }
}
