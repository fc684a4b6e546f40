// @ts-check
// "Read my offer letter" (macros/letter_panel.py): the reader pastes the letter's text or chooses
// its file; the calculators' worker reads it (client.readLetter, calculators/letter_fill.py); the
// facts found are shown with their sentences to confirm or change, what the letter leaves out is
// listed in the article's terms, and one tap fills the form (on the comparison, the offer the
// reader picks), undoably. The letter itself stays in this panel, outside the form: it never
// reaches the address, the share link or any storage.

import { ACTION, CLASS, DATA, dot, has } from "./contract.js";
import { find, make, part, setHidden, setText } from "./dom.js";
import { collapseCards } from "./cards.js";
import { encodeQuery, fieldAllowed, parseText, valueText } from "./urlstate.js";

/** @typedef {import("./runner.js").Calculator} Calculator */
/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */
/** @typedef {import("../shared/protocol.js").LetterPlan} LetterPlan */


/**
 * The fields of one offer, by name: the calculator's own, or its list's item fields.
 * @param {Calculator} calc
 * @returns {{list: FieldSpec | null, fields: Map<string, FieldSpec>}}
 */
function offerFields(calc) {
  const list = calc.spec.fields.find((f) => f.type === "list") || null;
  const fields = list ? list.items || [] : calc.spec.fields;
  return { list, fields: new Map(fields.map((f) => [f.name, f])) };
}

/**
 * A control to confirm or change one fact, holding its value as a link spells it.
 * @param {FieldSpec} field
 * @param {unknown} value
 * @param {string} id
 */
function factControl(field, value, id) {
  const text = valueText(field, value);
  if (field.type === "choice" || field.type === "boolean") {
    const select = /** @type {HTMLSelectElement} */ (make("select"));
    const options = field.type === "boolean"
      ? [["true", field.true_label || "Yes"], ["false", field.false_label || "No"]]
      : (field.choices || []).map((c) => [c.value, c.label]);
    for (const [v, label] of options) select.append(new Option(label, v, false, v === text));
    select.id = id;
    return select;
  }
  const input = /** @type {HTMLInputElement} */ (make("input"));
  Object.assign(input, { type: "text", inputMode: "decimal", value: text, id, autocomplete: "off" });
  return input;
}

/**
 * One fact: a tick to use it (named by the field's label), its value to change, the sentence it
 * was read from, and a slot for a value that cannot be used.
 * @param {FieldSpec} field
 * @param {{field: string, value: unknown, quote: string}} fact
 * @param {string} slug
 */
function factRow(field, fact, slug) {
  const row = make("div", "calc-letter-fact");
  row.setAttribute(DATA.field, fact.field);
  const id = `calc-letter-${slug}-${fact.field}`;
  const use = /** @type {HTMLInputElement} */ (make("input"));
  Object.assign(use, { type: "checkbox", checked: true, id: `${id}-use` });
  const tick = make("label", "calc-letter-use");
  const named = `${field.label}${field.unit ? ` (${field.unit})` : ""}`;
  tick.append(use, ` ${named}`);
  const control = factControl(field, fact.value, id);
  control.setAttribute("aria-label", `${named}, as read from the letter`);
  const value = make("p", "calc-letter-value");
  value.append(control);
  row.append(tick, value, make("blockquote", "calc-letter-quote", fact.quote), make("p", CLASS.error));
  return row;
}

export class LetterPanel {
  /**
   * @param {Calculator} calc
   * @param {HTMLElement} panel
   */
  constructor(calc, panel) {
    this.calc = calc;
    this.panel = panel;
    this.text = /** @type {HTMLTextAreaElement} */ (part(panel, dot(CLASS.letter_text)));
    this.file = /** @type {HTMLInputElement} */ (part(panel, dot(CLASS.letter_file)));
    this.status = part(panel, dot(CLASS.letter_status));
    this.found = part(panel, dot(CLASS.letter_found));
    this.offer = /** @type {HTMLSelectElement | null} */ (find(panel, dot(CLASS.letter_offer)));
    /** @type {LetterPlan | null} */
    this.plan = null;
    this.reading = 0;
  }

  /** @param {AbortSignal} signal */
  mount(signal) {
    this.panel.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target.closest(has(DATA.action)) : null;
      const action = target && target.getAttribute(DATA.action);
      if (action === ACTION.read_letter) this.read();
      else if (action === ACTION.fill_letter) this.fill();
    }, { signal });
    this.file.addEventListener("change", () => { if (this.file.files && this.file.files.length) this.read(); }, { signal });
    this.panel.addEventListener("toggle", () => this.listOffers(), { signal });
    // offers added, removed or renamed in the form: the choice of offer follows
    for (const type of ["click", "change"]) this.calc.form.el.addEventListener(type, () => setTimeout(() => this.listOffers()), { signal });
  }

  /** @param {string} words */
  say(words) {
    setText(this.status, words);
  }

  /** Read the chosen file, else the pasted text. */
  async read() {
    const file = this.file.files && this.file.files[0];
    const text = this.text.value;
    if (!file && !text.trim()) { this.say("Paste the letter's text or choose its file first."); return; }
    const limit = Number(this.file.getAttribute(DATA.max_bytes)); // Python refuses it too; this spares reading it
    if (file && limit && file.size > limit) {
      this.say(`This file is over ${Math.round(limit / 1048576)} MB, too large for a letter: choose the letter itself, or paste its text.`);
      return;
    }
    const client = this.calc.client;
    if (!client || client.state === "failed") { this.say("The letter cannot be read: the calculator is unavailable on this page (the result section says why)."); return; }
    const id = ++this.reading;
    setHidden(this.found, true);
    this.say(client.state === "ready" ? "Reading the letter\u2026" : "Reading the letter once Python has loaded\u2026");
    /** @type {import("../shared/protocol.js").LetterReply} */
    let reply;
    try {
      reply = file
        ? await client.readLetter({ slug: this.calc.slug, name: file.name, bytes: await file.arrayBuffer() })
        : await client.readLetter({ slug: this.calc.slug, text });
    } catch {
      if (id === this.reading) this.say("The letter cannot be read: the calculator stopped (the result section says why).");
      return;
    }
    if (id !== this.reading) return;
    if (file) this.file.value = ""; // the same file can be chosen again; the page keeps no copy
    if (!reply.ok) {
      this.say("error" in reply ? `The letter cannot be read: ${reply.error.message}.` : "The letter reader hit an internal error with this letter; fill in the form from the letter instead.");
      return;
    }
    this.show(reply.plan);
  }

  /** @param {LetterPlan} plan */
  show(plan) {
    this.plan = plan;
    const { fields } = offerFields(this.calc);
    const facts = part(this.found, dot(CLASS.letter_facts));
    facts.replaceChildren(...plan.facts.filter((f) => fields.has(f.field))
      .map((fact) => factRow(/** @type {FieldSpec} */ (fields.get(fact.field)), fact, this.calc.slug)));
    const gaps = part(this.found, dot(CLASS.letter_gaps));
    gaps.replaceChildren(...plan.gaps.map((gap) => {
      const li = make("li", "", gap.words.charAt(0).toUpperCase() + gap.words.slice(1) + ".");
      if (gap.suspect) li.append(make("span", "calc-letter-suspect", ` Perhaps here, though not clearly: \u201c${gap.suspect}\u201d`));
      return li;
    }));
    if (!plan.gaps.length) gaps.append(make("li", "", "Nothing the calculator asks about."));
    this.listOffers();
    const other = plan.other_rank_label || "";
    this.say(`Read: ${plan.facts.length} fact${plan.facts.length === 1 ? "" : "s"} found.`
      + (other ? ` This letter offers the rank of ${other}, not Instructor: the offer comparison takes it.` : "")
      + (plan.note ? ` Note: ${plan.note}.` : ""));
    setHidden(this.found, false);
  }

  // On the comparison: the offers now in the form, and a new one while there is room.
  listOffers() {
    const { list } = offerFields(this.calc);
    if (!this.offer || !list) return;
    const offers = this.calc.form.read().inputs[list.name] || [];
    const chosen = this.offer.value;
    const options = offers.map((/** @type {Record<string, unknown>} */ o, /** @type {number} */ n) =>
      new Option(`${list.item_label || "Item"} ${n + 1}${o.label ? ` (${o.label})` : ""}`, String(n)));
    if (offers.length < (list.max_items || Infinity)) options.push(new Option(`A new ${(list.item_label || "item").toLowerCase()}`, String(offers.length)));
    this.offer.replaceChildren(...options);
    if ([...this.offer.options].some((o) => o.value === chosen)) this.offer.value = chosen;
  }

  /** One tap: the confirmed facts, and the gaps left open, into the form. */
  fill() {
    if (!this.plan) return;
    const calc = this.calc;
    const { list, fields } = offerFields(calc);
    /** @type {Record<string, unknown>} */
    const values = { ...this.plan.open };
    let bad = null;
    for (const row of this.found.querySelectorAll(".calc-letter-fact")) {
      const name = row.getAttribute(DATA.field) || "";
      const field = fields.get(name);
      const use = /** @type {HTMLInputElement} */ (row.querySelector("input[type=checkbox]"));
      const control = /** @type {HTMLInputElement | HTMLSelectElement} */ (row.querySelector("select, input[type=text]"));
      const error = part(/** @type {HTMLElement} */ (row), dot(CLASS.error));
      setText(error, "");
      if (!field || !use.checked) continue;
      const [parsed, raw] = parseText(field, control.value.trim());
      const [ok, value] = parsed ? fieldAllowed(field, raw) : [false, null];
      if (!ok) {
        setText(error, `${field.label}: enter ${field.allowed_words || field.allowed}, or untick it.`);
        bad = bad || control;
        continue;
      }
      values[name] = value;
    }
    if (bad) { bad.focus(); return; }
    const before = encodeQuery(calc.spec, calc.form.read().inputs);
    const inputs = calc.form.read().inputs;
    if (list) {
      const items = inputs[list.name] = [...(inputs[list.name] || [])];
      const n = this.offer ? Number(this.offer.value) || 0 : 0;
      items[n] = { ...(items[n] || {}), ...values };
    } else {
      Object.assign(inputs, values);
    }
    calc.form.fill(inputs);
    if (list) collapseCards(calc.form.el);
    calc.touched = true;
    calc.typed = true;
    calc.compute();
    calc.address.flush();
    calc.undo.offer("The form now holds the facts from your letter.", before);
    this.say("The form now holds the facts from your letter; the result below follows them.");
    (calc.heading || calc.form.el).scrollIntoView({ block: "start" });
  }
}

/**
 * The letter panel of a calculator, if its page has one.
 * @param {Calculator} calc
 * @param {AbortSignal} signal
 */
export function mountLetter(calc, signal) {
  const panel = find(document, has(DATA.letter, calc.slug));
  if (!panel) return null;
  const reader = new LetterPanel(calc, /** @type {HTMLElement} */ (panel));
  reader.mount(signal);
  return reader;
}
