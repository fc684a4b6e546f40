// @ts-check
// Inputs <-> URL query string, for shareable links: the page's twin of calculators/urlstate.py,
// which documents the format. Both decoders keep only values a field allows, bound the value
// length and the parameter count (the limits come from Python, in the spec's "url"), and word
// the same notices for what they ignore (tests/test_fuzz.py compares them on hostile queries).

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Python's str.strip() whitespace (JavaScript's trim() differs), so both decoders agree.
const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");
/**
 * A calculator's spec as the page gets it (macros/forms.py, page_spec: calculators/contract.py,
 * Calculator.spec, with the URL limits of calculators/urlstate.py and the form's id scheme).
 * @typedef {object} Spec
 * @property {string} slug
 * @property {string} title
 * @property {string} version
 * @property {Array<[string, string, string]>} metrics result key, label, unit
 * @property {FieldSpec[]} fields
 * @property {{version_param: string, max_params: number, max_value_length: number}} url
 * @property {{prefix: string, separator: string, help: string, error: string}} ids
 */
/**
 * One input field (calculators/contract.py, field_spec).
 * @typedef {object} FieldSpec
 * @property {string} name
 * @property {string} label
 * @property {"number" | "integer" | "boolean" | "choice" | "text" | "date" | "list"} type
 * @property {any} default
 * @property {boolean} nullable
 * @property {string} allowed the allowed values as Python words them for errors ("a number from 0 to 15 or null")
 * @property {string} [allowed_words] the same in plain words ("0 to 15 years; empty means “No timeline given”")
 * @property {string} [unit]
 * @property {string} [help]
 * @property {string} [null_label] what an empty value means ("Not known")
 * @property {string} [true_label] a boolean's words for true and false ("Yes", "No")
 * @property {string} [false_label]
 * @property {number | null} [minimum]
 * @property {number | null} [maximum]
 * @property {Array<{value: string, label: string}>} [choices]
 * @property {number} [max_length]
 * @property {boolean} [today_default]
 * @property {FieldSpec[]} [items] a list's item fields
 * @property {number} [min_items]
 * @property {number} [max_items]
 * @property {string} [item_label] what one item of a list is called ("Offer")
 * @property {{field: string, values: string[]}} [shown_if] shown only while a sibling has one of these values
 */
/** @typedef {Record<string, any>} Inputs field name -> value (a list: an array of such objects) */
/** @typedef {[true, any] | [false, null]} Checked whether a value is allowed, and the value to use */

/** @param {string} text */
const codePoints = (text) => [...text].length; // Python's len()
const CLIP_AT = 40; // longer values are cut in notices

/**
 * Whether an already-typed value is one `field` allows, and the clean value.
 * @param {FieldSpec} field
 * @param {unknown} value
 * @returns {Checked}
 */
export function fieldAllowed(field, value) {
  if (value === null) return field.nullable ? [true, null] : [false, null];
  switch (field.type) {
    case "boolean": return typeof value === "boolean" ? [true, value] : [false, null];
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) return [false, null];
      if (field.type === "integer" && !Number.isInteger(value)) return [false, null];
      if (field.minimum !== null && field.minimum !== undefined && value < field.minimum) return [false, null];
      if (field.maximum !== null && field.maximum !== undefined && value > field.maximum) return [false, null];
      return [true, value];
    case "choice": return (field.choices || []).some((c) => c.value === value) ? [true, value] : [false, null];
    case "date": {
      if (typeof value !== "string" || !DATE.test(value)) return [false, null];
      const d = new Date(value + "T00:00:00Z");
      const ok = Number(value.slice(0, 4)) >= 1 && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
      return ok ? [true, value] : [false, null];
    }
    case "text": {
      if (typeof value !== "string") return [false, null];
      const clean = value.replace(PY_STRIP, "");
      return codePoints(clean) <= (field.max_length ?? Infinity) ? [true, clean] : [false, null];
    }
    default: return [false, null];
  }
}

/**
 * A query value's text as the value it stands for (not yet checked against the field).
 * @param {FieldSpec} field
 * @param {string} text
 * @returns {Checked}
 */
export function parseText(field, text) {
  if (text === "") return field.nullable ? [true, null] : field.type === "text" ? [true, ""] : [false, null];
  if (field.type === "boolean") return text === "true" || text === "false" ? [true, text === "true"] : [false, null];
  if (field.type === "number" || field.type === "integer") {
    if (!NUMBER.test(text)) return [false, null];
    return [true, Number(text)];
  }
  return [true, text];
}

// A value quoted for a notice, cut to CLIP_AT characters (code points, as Python counts them).
/** @param {string} text */
function clip(text) {
  const chars = [...String(text)];
  return JSON.stringify(chars.length <= CLIP_AT ? chars.join("") : chars.slice(0, CLIP_AT - 3).join("") + "...");
}

/**
 * How notices word a value of a known field that cannot be used (`shown`: the value, quoted and
 * cut), and one too long to read.
 * @typedef {{ignored: (key: string, shown: string, field: FieldSpec) => string, tooLong: (key: string) => string}} NoticeWords
 */
/** @type {NoticeWords} as calculators/urlstate.py words them */
export const PYTHON_WORDS = {
  ignored: (key, shown, field) => `Ignored ${key}=${shown}: allowed ${field.allowed}.`,
  tooLong: (key) => `Ignored ${key}: the value is too long.`,
};

/**
 * Raw inputs and notices from a query string; values are checked field by field.
 * Notices name what they ignore and why, in `words` (by default Python's decoder's,
 * calculators/urlstate.py, so that the two can be compared word for word; the page passes the
 * reader's: labels and plain ranges).
 * @param {Spec} spec
 * @param {string} query
 * @param {NoticeWords} [words]
 * @returns {{raw: Inputs, notices: string[]}}
 */
export function decodeQuery(spec, query, words = PYTHON_WORDS) {
  const { max_params: maxParams, max_value_length: maxValueLength, version_param: versionParam } = spec.url;
  /** @type {string[]} */
  const notices = [];
  let params = [...new URLSearchParams(query)];
  if (params.length > maxParams) {
    notices.push(`The link had ${params.length} parameters; only the first ${maxParams} were read.`);
    params = params.slice(0, maxParams);
  }
  /** @type {Map<string, string>} */
  const seen = new Map();
  for (const [key, value] of params) {
    if (seen.has(key) && seen.get(key) !== value) notices.push(`${clip(key)} appeared more than once; the last value was used.`);
    seen.set(key, value);
  }
  const version = seen.get(versionParam) ?? spec.version;
  seen.delete(versionParam);
  if (version !== spec.version) notices.push(`The link was made with rules version ${clip(version)}; it was read with version ${spec.version}.`);
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  /** @type {Inputs} */
  const raw = {};
  /** @type {Record<string, Record<number, Inputs>>} */
  const lists = {};
  /** @type {(field: FieldSpec, key: string, text: string, target: Inputs) => void} */
  const put = (field, key, text, target) => {
    if (codePoints(text) > maxValueLength) { notices.push(words.tooLong(key)); return; }
    let [ok, value] = parseText(field, text);
    if (ok) [ok, value] = fieldAllowed(field, value);
    if (ok) target[field.name] = value;
    else notices.push(words.ignored(key, clip(text), field));
  };
  for (const [key, text] of seen) {
    const dot = key.indexOf(".");
    const name = dot < 0 ? key : key.slice(0, dot);
    const rest = dot < 0 ? "" : key.slice(dot + 1);
    const field = fields.get(name);
    if (field && field.type === "list") {
      const [idx, sub] = [rest.slice(0, rest.indexOf(".")), rest.slice(rest.indexOf(".") + 1)];
      const item = rest.includes(".") ? (field.items || []).find((s) => s.name === sub) : undefined;
      if (!/^\d{1,2}$/.test(idx) || Number(idx) >= (field.max_items ?? 0) || !item) { notices.push(`Ignored ${clip(key)}: not a known field.`); continue; }
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

/**
 * A value as a query (or form control) shows it.
 * @param {FieldSpec} field
 * @param {unknown} value
 */
export function valueText(field, value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

/**
 * The query string (without "?") for `inputs`.
 * @param {Spec} spec
 * @param {Inputs} inputs
 */
export function encodeQuery(spec, inputs) {
  const params = new URLSearchParams();
  params.append(spec.url.version_param, spec.version);
  for (const field of spec.fields) {
    if (field.type === "list") {
      (inputs[field.name] || []).forEach((/** @type {Inputs} */ item, /** @type {number} */ n) => {
        for (const sub of field.items || []) params.append(`${field.name}.${n}.${sub.name}`, valueText(sub, item[sub.name]));
      });
    } else {
      params.append(field.name, valueText(field, inputs[field.name]));
    }
  }
  return params.toString();
}
