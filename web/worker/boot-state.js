// @ts-check
// The worker's one boot state: everything the boot's modules share, made once per worker by
// newBootState and passed to each of them explicitly (no module keeps state of its own).

import { features } from "../shared/features.js";

/** @typedef {import("../shared/protocol.js").BootFields} BootFields */
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
 * @property {Map<string, Download & {since: number}>} downloads url -> its download so far
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
 * @property {BootFields} fields
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
  /** @type {Map<string, number>} */
  const sizes = new Map();
  for (const file of Object.values(fields.files)) {
    sizes.set(file.url, file.bytes);
    if (file.xz) sizes.set(file.xz.url, file.xz.bytes);
  }
  /** @type {(module: WebAssembly.Module | null) => void} */
  let deliver = () => {};
  /** @type {(keep: boolean) => void} */
  let keepXz = () => {};
  return {
    fields,
    feature: features(fields.flags),
    post,
    progress: { downloads: new Map(), dropped: new Set(), expected: () => [], sizes, connected: false, over: false,
                timer: 0, steps: {}, lastStep: "" },
    ahead: new Map(),
    wasm: {
      module: null,
      fromPage: new Promise((resolve) => { deliver = resolve; }),
      deliver: (module) => deliver(module),
      xzUrl: "",
      xzKept: new Promise((resolve) => { keepXz = resolve; }),
      keepXz: (keep) => keepXz(keep),
    },
    snapshot: null,
    python: { pyodide: null, handle: null, stdlibLater: "", stdlibInstall: null },
  };
}
