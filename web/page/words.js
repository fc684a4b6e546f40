// @ts-check
// Field errors in the reader's words: Python's error data ({field, problem, given, allowed,
// message}) and the page's own become one sentence without field names, "null" or "got".

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./urlstate.js").FieldSpec} FieldSpec */
/**
 * One problem with one input, as data (calculators/contract.py, FieldError.as_dict; the page
 * makes the same shape for what it finds itself). `message`, when Python gives one, is already
 * a sentence in the reader's words (for checks across fields).
 * @typedef {import("../shared/protocol.js").FieldError & {message?: string}} FieldError
 */

/**
 * The spec of the field a form name ("clinical_fte", "offers.1.label") stands for, or null.
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

/** @param {string} text */
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
/** @param {string} text */
const lower = (text) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/**
 * The values a field allows, in plain words ("0 to 15 years; empty means “No timeline given”"):
 * the spec's allowed_words (macros/forms.py fills it in where calculators/ gives none).
 * @param {FieldSpec} field
 */
export function allowedWords(field) {
  return field.allowed_words || field.allowed;
}

const NAME = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g; // how field names look in Python's words ("clinical_fte")

// Every field name (top-level and list items') -> its label, so that a sentence Python words
// with names reads with the labels the reader sees.
/** @param {Spec} spec */
function labels(spec) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const f of spec.fields) {
    out.set(f.name, f.label);
    for (const sub of f.items || []) out.set(sub.name, sub.label);
  }
  return out;
}

/**
 * `text` with each field name in it replaced by that field's label.
 * @param {Spec} spec
 * @param {string} text
 */
export function readerText(spec, text) {
  const names = labels(spec);
  return String(text).replace(NAME, (word) => {
    const label = names.get(word);
    return label === undefined ? word : lower(label);
  });
}

/** @param {string} given Python's value as text (strings quoted) */
function number(given) {
  const n = Number(given);
  return given !== "" && Number.isFinite(n) ? n : null;
}

// Problems with one value (calculators/contract.py, validate_value; the page's own checks), as a
// sentence from the field's spec and the value given.
/** @type {Record<string, (field: FieldSpec, given: string | null) => string>} */
const ONE_VALUE = {
  "is required": (f) => (f.type === "choice" ? "Choose an answer." : `Enter ${allowedWords(f)}.`),
  "must not be null": (f) => (f.type === "choice" ? "Choose an answer." : `Enter ${allowedWords(f)}.`),
  "must be a number": (f) => `Enter a number: ${allowedWords(f)}.`,
  "must be a finite number": (f) => `Enter a number: ${allowedWords(f)}.`,
  "must be a whole number": (f) => `Enter a whole number: ${allowedWords(f)}.`,
  "is too large": (f) => `Too large: ${allowedWords(f)}.`,
  "is out of range": (f, given) => {
    const n = given === null ? null : number(given);
    const side = n === null ? "" : f.maximum !== null && f.maximum !== undefined && n > f.maximum ? "Too high: "
      : f.minimum !== null && f.minimum !== undefined && n < f.minimum ? "Too low: " : "";
    return `${side || "Out of range: "}${allowedWords(f)}.`;
  },
  "is not an allowed value": () => "Choose one of the answers listed.",
  "must be a date": () => "Enter a date.",
  "is not a real calendar date": () => "Enter a date that exists on the calendar.",
  "is too long": (f) => `Too long: ${allowedWords(f)}.`,
  "must be text": (f) => `Enter ${allowedWords(f)}.`,
  "must be true or false": () => "Choose Yes or No.",
};

/**
 * A field error as the sentence shown next to its field: Python's own sentence when it gives
 * one (`message`), else worded here from the field's spec. A check across fields that has no
 * sentence of its own keeps Python's words, with labels for field names.
 * @param {Spec} spec
 * @param {FieldError} error
 */
export function fieldMessage(spec, error) {
  if (error.message) return error.message;
  const field = specField(spec, error.field);
  const one = ONE_VALUE[error.problem];
  if (field && one) return one(field, error.given);
  const problem = readerText(spec, error.problem);
  const named = error.problem.search(NAME) === 0; // the sentence starts with a field: it is the subject
  const lead = field && !named ? `${field.label} ${problem}` : problem;
  return `${capital(lead)}.${error.allowed ? ` Use ${readerText(spec, error.allowed)}.` : ""}`;
}

/**
 * A field as the reader knows it: its label, and in a list the item it belongs to
 * ("Offer 1: Clinical effort"); the name itself for a name the spec does not know.
 * @param {Spec} spec
 * @param {string} name
 */
export function fieldTitle(spec, name) {
  const field = specField(spec, name);
  if (!field) return name;
  const [top, index] = name.split(".");
  const list = index === undefined ? null : spec.fields.find((f) => f.name === top);
  return list ? `${list.item_label || "Item"} ${Number(index) + 1}: ${field.label}` : field.label;
}

/**
 * The words of the notices about a link, for the reader (urlstate.js, decodeQuery).
 * @param {Spec} spec
 * @returns {import("./urlstate.js").NoticeWords}
 */
export function noticeWords(spec) {
  return {
    ignored: (key, shown, field) => `\u201c${fieldTitle(spec, key)}\u201d: the link's value ${shown} could not be used (${allowedWords(field)}).`,
    tooLong: (key) => `\u201c${fieldTitle(spec, key)}\u201d: the link's value is too long to use.`,
  };
}
