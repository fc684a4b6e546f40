// @ts-check
// The calculator page's runtime config (macros/page_config.py writes it on the element with id
// CONFIG_ID) and its flags: readConfig() and feature(name), the page's one way to read either.

import { features } from "../shared/features.js";

/** @typedef {import("../shared/features.js").Flag} Flag */
/** @typedef {import("../shared/protocol.js").BootFile} BootFile */
/**
 * A calculator page's runtime config; its URLs are relative to the page.
 * @typedef {object} PageConfig
 * @property {string} root the site's root
 * @property {string} worker the calculator worker's script
 * @property {string} runner the calculator runner's script (the bundle of start.js)
 * @property {Record<string, BootFile>} boot the boot manifest's files by role (tools/manifest.py)
 * @property {import("../shared/features.js").Flags} flags
 * @property {{boot_stall_ms: number, boot_slow_ms: number, run_ms: number}} limits
 */

export const CONFIG_ID = "calc-config";

/**
 * The page's config, or null on a page without a calculator.
 * @returns {PageConfig | null}
 */
export function readConfig() {
  const holder = document.getElementById(CONFIG_ID);
  return holder && holder.dataset.config ? JSON.parse(holder.dataset.config) : null;
}

/**
 * Whether a load-speed measure is on for this page (off on a page without a calculator).
 * @param {Flag} name
 * @returns {boolean}
 */
export function feature(name) {
  const config = readConfig();
  return features(config && config.flags)(name);
}
