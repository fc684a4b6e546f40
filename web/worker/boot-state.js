// @ts-check
// The worker's one boot state: everything the boot's modules share, made once per worker by
// newBootState and passed to each of them explicitly (no module keeps state of its own).

import { features } from "../shared/features.js";

/** @typedef {import("../shared/protocol.js").BootFields} BootFields */
/** @typedef {import("../shared/protocol.js").BootFiles} BootFiles */
/** @typedef {import("../shared/protocol.js").BootFile} BootFile */
/** @typedef {import("../shared/protocol.js").Download} Download */
/** @typedef {import("../shared/features.js").Flag} Flag */
/**
 * The parts of Pyodide's API used here (the runtime is imported from its URL, untyped).
 * @typedef {object} Pyodide
 * @property {(name: string) => any} pyimport
 * @property {(code: string) => any} runPython
 * @property {{writeFile(path: string, data: Uint8Array): void}} FS
 */
/** @typedef {(options: Record<string, unknown>) => Promise<Pyodide>} LoadPyodide */
/** @typedef {(request: string) => string} Handle calculators.web.handle */
/**
 * The snapshot download under way (snapshot-boot.js).
 * @typedef {object} SnapshotDownload
 * @property {Promise<Uint8Array>} early the full-size array, as soon as its length is known
 * @property {Promise<void>} settled every block is in (or the download failed and was wiped)
 * @property {(instance: WebAssembly.Instance) => Promise<void>} fill copies the blocks equal to the wasm's data
 * @property {() => void} wipe makes the array unusable (a failed download)
 */
/**
 * The boot's downloads and its reports to the page (downloads.js).
 * @typedef {object} Progress
 * @property {Map<string, Download & {since: number, requested: number}>} downloads url -> its download
 *   so far, with when it was asked for and when its response came (performance.now())
 * @property {Set<string>} dropped downloads given up (the wasm's copy that lost the race): no longer
 *   part of the progress; their bytes still count for the link's speed
 * @property {() => string[]} expected the chosen boot path's main downloads (boot.js)
 * @property {Map<string, number>} sizes url -> the file's size (the manifest's)
 * @property {boolean} connected the page listens ("init" came): reports may be posted
 * @property {boolean} over the boot is over ("ready" posted): no more reports
 * @property {number} timer a report waiting to be posted
 * @property {Record<string, number>} steps milliseconds since the worker started, per step (and the link's reading)
 * @property {string} lastStep
 */
/**
 * The runtime's wasm (wasm.js) and what the page compiled.
 * @typedef {object} Wasm
 * @property {Promise<WebAssembly.Module | null> | null} module compiled ahead (or taken from the page); null: Pyodide's own path
 * @property {Promise<WebAssembly.Module | null>} fromPage the module the page posts ({type: "wasm"})
 * @property {(module: WebAssembly.Module | null) => void} deliver
 * @property {string} xzUrl the xz copy's URL while it is the wasm's download, else ""
 * @property {Promise<boolean>} xzKept whether the xz copy stays (decided by the link's speed)
 * @property {(keep: boolean) => void} keepXz
 */
/**
 * Python once booted (calculators.js).
 * @typedef {object} Python
 * @property {Pyodide | null} pyodide
 * @property {Handle | null} handle calculators.web.handle
 * @property {string} stdlibLater the whole standard library's URL while a smaller one (or an empty
 *   zip) stands in for it; "" once it is in
 * @property {Promise<void> | null} stdlibInstall the whole standard library being written in place
 */
/**
 * @typedef {object} BootState
 * @property {BootFields} fields as the page sent them
 * @property {BootFiles} files the boot files, their URLs absolute, less those of measures switched off
 * @property {(name: Flag) => boolean} feature the page's flags
 * @property {(message: object) => void} post a message to the page
 * @property {Progress} progress
 * @property {Map<string, Promise<Response>>} ahead responses fetched ahead, each handed once to the
 *   runtime's own fetch of its URL (pyodide-hooks.js)
 * @property {Wasm} wasm
 * @property {SnapshotDownload | null} snapshot while a snapshot boot restores
 * @property {Python} python
 */

/**
 * An error's message (a failure's detail, a fallback's reason).
 * @param {unknown} err
 */
export const said = (err) => String(err instanceof Error ? err.message : err);

/**
 * @param {BootFields} fields
 * @param {(message: object) => void} post
 * @returns {BootState}
 */
export function newBootState(fields, post) {
  const feature = features(fields.flags);
  /** @type {Record<string, BootFile>} */
  const files = {};
  /** @type {Map<string, number>} url -> size */
  const sizes = new Map();
  /** @param {{url: string, bytes: number}} file */
  const absolute = (file) => {
    const url = new URL(file.url, fields.base).href;
    sizes.set(url, file.bytes);
    return { url, bytes: file.bytes };
  };
  for (const [role, file] of Object.entries(fields.files)) {
    if ((role === "snapshot" && !feature("snapshot")) || (role === "xz_decoder" && !feature("xz"))) continue;
    files[role] = { ...absolute(file), ...(file.xz && feature("xz") ? { xz: absolute(file.xz) } : {}) };
  }
  const wasm = /** @type {Wasm} */ ({ module: null, xzUrl: "" });
  wasm.fromPage = new Promise((resolve) => { wasm.deliver = resolve; });
  wasm.xzKept = new Promise((resolve) => { wasm.keepXz = resolve; });
  return {
    fields,
    files: /** @type {BootFiles} */ (/** @type {unknown} */ (files)),
    feature,
    post,
    progress: { downloads: new Map(), dropped: new Set(), expected: () => [], sizes, connected: false, over: false,
                timer: 0, steps: {}, lastStep: "" },
    ahead: new Map(),
    wasm,
    snapshot: null,
    python: { pyodide: null, handle: null, stdlibLater: "", stdlibInstall: null },
  };
}
