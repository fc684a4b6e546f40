// @ts-check
// The page's HTML contract: the data- attributes, classes and action names that the build writes
// and the scripts read, the twin of macros/html_contract.py (which says what each carries);
// tests/test_html_contract.py fails when the two differ. Scripts spell these names only here.

export const DATA = Object.freeze({
  form: "data-calc-form",
  spec: "data-calc-spec",
  result: "data-calc-result",
  summary: "data-calc-summary",
  share: "data-calc-share",
  state: "data-calc-state",
  band: "data-calc-band",
  boot: "data-calc-boot",
  version: "data-calc-version",
  failure: "data-calc-failure",
  list: "data-calc-list",
  item: "data-calc-item",
  template: "data-calc-template",
  field: "data-calc-field",
  shown_if: "data-calc-shown-if",
  shown_values: "data-calc-shown-values",
  action: "data-calc-action",
  target: "data-calc-target",
  example: "data-calc-example",
  checklist: "data-calc-checklist",
  letter: "data-calc-letter",
  max_bytes: "data-calc-max-bytes",
});

export const ACTION = Object.freeze({
  copy_link: "copy-link",
  copy_summary: "copy-summary",
  copy_email: "copy-email",
  add_item: "add-item",
  remove_item: "remove-item",
  done_item: "done-item",
  reset: "reset",
  fix: "fix",
  copy_checklist: "copy-checklist",
  answer: "answer",
  undo: "undo",
  read_letter: "read-letter",
  fill_letter: "fill-letter",
});

export const CLASS = Object.freeze({
  items: "calc-items",
  item_name: "calc-item-name",
  item_brief: "calc-item-brief",
  help: "calc-help",
  error: "calc-error",
  note: "calc-note",
  form_note: "calc-form-note",
  notices: "calc-notices",
  status: "calc-status",
  fallback: "calc-fallback",
  output: "calc-output",
  band_label: "calc-band-label",
  score: "calc-score",
  headline: "calc-headline",
  metrics: "calc-metrics",
  factors: "calc-factors",
  next_steps: "calc-next-steps",
  print_meta: "calc-print-meta",
  subtitle: "calc-subtitle",
  email: "calc-email",
  email_text: "calc-email-text",
  summary_band: "calc-summary-band",
  summary_score: "calc-summary-score",
  summary_headline: "calc-summary-headline",
  summary_link: "calc-summary-link",
  checklist_question: "calc-checklist-question",
  checklist_note: "calc-checklist-note",
  letter_text: "calc-letter-text",
  letter_file: "calc-letter-file",
  letter_status: "calc-letter-status",
  letter_found: "calc-letter-found",
  letter_facts: "calc-letter-facts",
  letter_gaps: "calc-letter-gaps",
  letter_offer: "calc-letter-offer",
});

export const STORE = Object.freeze({
  inputs: "calc-inputs:",
});

/**
 * A selector for the elements carrying data- attribute `name`, with `value` if given.
 * @param {string} name
 * @param {string} [value]
 */
export function has(name, value) {
  return value === undefined ? `[${name}]` : `[${name}="${CSS.escape(value)}"]`;
}

/**
 * A selector for the buttons doing `action` (one of ACTION).
 * @param {string} action
 */
export function button(action) {
  return has(DATA.action, action);
}

/**
 * A class as a selector.
 * @param {string} name
 */
export function dot(name) {
  return `.${name}`;
}
