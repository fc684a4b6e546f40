// @ts-check
// Sharing a result: the plain-text summary ("Copy result as email text"), the negotiation
// email's text, and copying to the clipboard.

import { copyText } from "./clipboard.js";
import { ACTION, CLASS, button, dot } from "./contract.js";
import { find, part, setHidden, setText } from "./dom.js";
import { localToday } from "./form.js";
import { metricPairs } from "./result.js";

/** @typedef {import("./urlstate.js").Spec} Spec */
/** @typedef {import("./result.js").Result} Result */

// The result as plain text for an email, ending with the link that reopens it.
/**
 * @param {Spec} spec
 * @param {Result | null} res the latest result (null: none yet)
 * @param {string} link
 */
export function summaryText(spec, res, link) {
  const lines = [`${spec.title}`];
  if (res) {
    lines.push(`Result: ${res.band_label}${res.score === null ? "" : ` (score ${res.score} of 100)`}`, res.headline);
    for (const [label, text] of metricPairs(spec, res)) lines.push(`${label}: ${text}`);
    if (res.ranking) { lines.push("", "Ranking:"); res.ranking.forEach((r, n) => lines.push(`${n + 1}. ${r.label}: ${r.score} (${r.band_label || r.band})${r.salary === null || r.salary === undefined ? "" : `, salary ${r.salary.toLocaleString("en-US")}`}`)); }
    lines.push("", "What drove it:");
    for (const f of res.factors) lines.push(`${f.effect === "-" ? "-" : f.effect === "+" ? "+" : "*"} ${f.label}: ${f.detail}`);
    if (res.next_steps.length) { lines.push("", "Next steps:"); res.next_steps.forEach((s, n) => lines.push(`${n + 1}. ${s}`)); }
    lines.push("", `Rules version ${res.version}, ${localToday()}.`);
  }
  lines.push(`Open it with the same inputs: ${link}`, "", "Based on informal estimates; policies vary by institution. Not legal or financial advice.");
  return lines.join("\n");
}

// Copy `text`, then say so in `note` (or how to copy by hand where the browser refuses).
/**
 * @param {string} text
 * @param {Element} note
 * @param {string} done what to say once copied
 */
export async function copy(text, note, done) {
  note.textContent = (await copyText(text)) ? done : "Copy failed: select the address bar and copy it.";
}

// The negotiation email of a result (result.negotiation_email: {to, subject, body}, plain text
// from Python), as it is copied and previewed: who it is for, the subject, a blank line, the
// body. null when the result has none (a calculator without one, or a result that needs none).
/**
 * @param {Result | null} res
 * @returns {string | null}
 */
export function negotiationText(res) {
  const email = res && res.negotiation_email;
  if (!email || typeof email.body !== "string" || !email.body.trim()) return null;
  /** @type {string[]} */
  const head = [];
  if (email.to) head.push(`To: ${String(email.to).trim()}`);
  if (email.subject) head.push(`Subject: ${String(email.subject).trim()}`);
  return `${head.length ? head.join("\n") + "\n\n" : ""}${email.body.trim()}\n`;
}

/**
 * "Copy negotiation email" and its preview, in the sharing bar `share`, show only for a result
 * that carries one.
 * @param {HTMLElement} share
 * @param {Result | null} res
 */
export function showEmail(share, res) {
  const text = negotiationText(res);
  const copyButton = find(share, button(ACTION.copy_email));
  const preview = find(share, dot(CLASS.email));
  if (copyButton) setHidden(copyButton, !text);
  if (!preview) return;
  setHidden(preview, !text);
  if (text) setText(part(preview, dot(CLASS.email_text)), text);
}
