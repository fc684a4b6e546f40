// @ts-check
// Feature flags, one per load-speed measure (macros/page_config.py, FLAGS, says what each does),
// read through a feature(name) function only: the page's (web/page/config.js) reads the page
// config, the worker's (web/worker/boot-state.js) the flags the page passed it. A flag that is
// off leaves the measure's code path at one branch; early_start and theme_later, off in
// mkdocs.yml, leave their code off the page altogether.

/**
 * @typedef {"early_start" | "theme_later" | "snapshot" | "compile_ahead" | "prefetch" | "wasm_from_page"
 *   | "stdlib_later" | "stdlib_on_demand" | "boot_by_speed" | "xz" | "gc_freeze" | "service_worker_later"
 *   | "warm_up"} Flag
 */
/** @typedef {Partial<Record<Flag, boolean>>} Flags */

/**
 * The reader of one set of flags: a flag missing from it is off.
 * @param {Flags | null | undefined} flags
 * @returns {(name: Flag) => boolean}
 */
export function features(flags) {
  return (name) => Boolean(flags && flags[name]);
}
