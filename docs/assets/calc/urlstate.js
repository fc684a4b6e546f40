// Inputs <-> URL query string, for shareable links: the page's twin of calculators/urlstate.py,
// which documents the format. Both decoders keep only values a field allows, bound the value
// length and the parameter count, and word the same notices for what they ignore
// (tests/test_fuzz.py compares them on hostile queries).

const MAX_PARAMS = 400;
const MAX_VALUE_LENGTH = 200;
const VERSION_PARAM = "v";
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Python's str.strip() whitespace (JavaScript's trim() differs), so both decoders agree.
const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");
const codePoints = (text) => [...text].length; // Python's len()

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

export function valueText(field, value) {
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
