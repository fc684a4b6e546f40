// @ts-check
// Reading an offer letter ("Read my offer letter" on the page): the letter's text, or a chosen
// file's bytes, read by calculators/letter_fill.py in this worker. Nothing of the letter leaves
// the worker's memory: no request carries it and nothing stores it.
//
// What a reading needs is fetched on its first use only, so a visit that reads no letter
// downloads none of it: the letter reader's modules (left out of the snapshot and the .pyc boot's
// zip: the calculators wheel), the whole standard library (which the reader and
// pypdf import from), and for a PDF the pypdf wheel.

import { installStdlib } from "./calculators.js";
import { networkFetch } from "./downloads.js";

/** @typedef {import("./boot-state.js").BootState} BootState */

/**
 * A letter to read for a calculator: its text, or a file's name and bytes.
 * @typedef {{slug: string, text?: string, name?: string, bytes?: ArrayBuffer}} LetterRequest
 */

const READER = "calculators.letter_fill";
const PDF_PACKAGE = "pypdf";

/**
 * @param {BootState} state
 * @param {string} module
 * @returns {boolean} whether Python can import it (without importing it)
 */
function importable(state, module) {
  const pyodide = /** @type {any} */ (state.python.pyodide);
  return pyodide.runPython(`import importlib.util; importlib.util.find_spec(${JSON.stringify(module)}) is not None`);
}

// After the wheel is unpacked (in the working directory, unpackArchive's default): its folder
// joins the package's path, for a .pyc boot imported the package from its zip (which leaves the
// letter modules out).
const JOIN_WHEEL = `
import calculators, importlib, os
folder = os.path.join(os.getcwd(), "calculators")
if folder not in calculators.__path__:
    calculators.__path__.append(folder)
importlib.invalidate_caches()
del folder
`;

/**
 * The letter reader's modules, and pypdf for a file, made importable (once each). pypdf is a
 * package of the lock file (Pyodide checks its sha256). The calculators wheel is not loaded that
 * way: after a snapshot boot the restored runtime counts it as loaded, though its files are not
 * there, and a .pyc boot has the calculators from its zip; so its copy is fetched and unpacked.
 * @param {BootState} state
 * @param {boolean} pdf
 */
async function prepare(state, pdf) {
  const pyodide = /** @type {any} */ (state.python.pyodide);
  if (state.python.stdlibLater) await installStdlib(state);
  if (!importable(state, READER)) {
    const response = await networkFetch(state.files.wheel.url);
    if (!response.ok) throw new Error(`the letter reader: HTTP ${response.status}`);
    pyodide.unpackArchive(await response.arrayBuffer(), "wheel");
    pyodide.runPython(JOIN_WHEEL);
  }
  if (pdf && !importable(state, PDF_PACKAGE)) await pyodide.loadPackage(PDF_PACKAGE, { messageCallback: () => {} });
}

/**
 * Read one letter; the reply is letter_fill.handle's ({ok, plan} | {ok: false, error} | {ok: false, crash}).
 * @param {BootState} state
 * @param {LetterRequest} request
 * @returns {Promise<object>}
 */
export async function readLetter(state, request) {
  const pyodide = /** @type {any} */ (state.python.pyodide);
  if (!pyodide) return { ok: false, crash: "Python is not ready" };
  const file = request.bytes instanceof ArrayBuffer;
  try {
    await prepare(state, file && /\.pdf$/i.test(request.name || ""));
  } catch (err) {
    return { ok: false, error: { code: "offline", message: "the letter reader could not be loaded (are you offline?)" } };
  }
  const reader = pyodide.pyimport(READER);
  const ask = JSON.stringify(file ? { slug: request.slug, name: request.name } : { slug: request.slug, text: request.text });
  /** @type {any} */
  let data = null;
  try {
    data = file ? pyodide.toPy(new Uint8Array(/** @type {ArrayBuffer} */ (request.bytes))) : null;
    return JSON.parse(reader.handle(ask, data));
  } catch (err) {
    return { ok: false, crash: String(err instanceof Error ? err.message : err) };
  } finally {
    if (data && data.destroy) data.destroy();
    reader.destroy();
  }
}
