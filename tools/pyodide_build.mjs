// @ts-check
// Build-time Pyodide work, run in Node with the npm pyodide package (called by tools/runtime.py).
//
//   node tools/pyodide_build.mjs pyc OUT_ZIP
//       Compile the npm standard library zip to .pyc inside this exact Pyodide and write a new
//       zip (same entries, .py replaced by unchecked hash-based .pyc without column positions,
//       fixed timestamps).
//   node tools/pyodide_build.mjs snapshot STDLIB_ZIP WHEEL OUT_SNAPSHOT
//       Boot with STDLIB_ZIP (the zip the site serves), unpack the calculators wheel, import
//       the calculators modules the browser worker uses, run each calculator's first example
//       once, collect garbage, zero the heap's free memory, and write a memory snapshot. Prints
//       a JSON line with sizes and timings.
//   node tools/pyodide_build.mjs trim STDLIB_ZIP WHEEL OUT_ZIP
//       The zip the worker's .pyc boot reads: the part of STDLIB_ZIP (the .pyc zip) it uses, and
//       the calculators modules the worker imports. Boot with STDLIB_ZIP, the wheel unpacked, run
//       every calculator's examples, and keep the stdlib modules then imported (their packages
//       come with them); write them and the calculators' modules compiled again without
//       docstrings and asserts. A second boot with OUT_ZIP alone (no wheel) runs the examples
//       again, so an import the trace missed, or a calculators module left out, fails the build.
//       Prints a JSON line with the counts and sizes.
//
// tools/runtime.py names the npm runtime's files (tools/published.py spells them): the loader as
// PYODIDE_LOADER, the standard library's sources as PYODIDE_STDLIB, in the environment.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const LOADER = process.env.PYODIDE_LOADER || "";
const STDLIB_SOURCES = process.env.PYODIDE_STDLIB || "";
if (!LOADER || !STDLIB_SOURCES) {
  console.error("pyodide_build.mjs: PYODIDE_LOADER and PYODIDE_STDLIB must name npm's files (tools/runtime.py sets them)");
  process.exit(2);
}
const INDEX = dirname(LOADER) + "/";
const { loadPyodide } = await import(pathToFileURL(LOADER).href);

// The .pyc files are compiled without column positions (PYTHONNODEBUGRANGES; line numbers
// stay): a traceback loses its ^^^ markers, nothing on the calculators' path reads them, and
// the files are about a quarter smaller, so is every code object the snapshot holds. The used
// part of the standard library goes from 1.24 to 0.93 MB on the wire.
const COMPILE_ENV = { PYTHONNODEBUGRANGES: "1" };

const COMPILE = `
import importlib.util, marshal, sys, zipfile, io
from importlib._bootstrap_external import _code_to_hash_pyc

def compile_zip(src, dst, prefix):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            name = info.filename
            if name.endswith(".py"):
                code = compile(data, prefix + name, "exec", dont_inherit=True, optimize=0)
                source_hash = importlib.util.source_hash(data)
                data = bytes(_code_to_hash_pyc(code, source_hash, checked=False))
                name = name[:-3] + ".pyc"
            out = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            out.compress_type = info.compress_type
            out.external_attr = info.external_attr
            zout.writestr(out, data)
`;

/** @param {string} outZip */
async function makePyc(outZip) {
  const py = await loadPyodide({ indexURL: INDEX, env: COMPILE_ENV, stdout: () => {}, stderr: console.error });
  const [major, minor] = py.runPython("import sys; sys.version_info[:2]").toJs();
  const zipPath = `/lib/python${major}${minor}.zip`;
  py.runPython(COMPILE);
  py.runPython(`compile_zip(${JSON.stringify(zipPath)}, "/tmp/stdlib.zip", ${JSON.stringify(zipPath + "/")})`);
  writeFileSync(outZip, py.FS.readFile("/tmp/stdlib.zip"));
}

// What the worker needs, and no more: every byte of the heap is downloaded by each first visit.
// The command line (cli: argparse), the URL codec (urlstate: urllib.parse; the page decodes links
// in JavaScript) and __main__ are never used in the browser, and pkgutil is not imported to list
// the package. The offer-letter reader (the letter* modules: about 120 KB of the gzipped
// snapshot) is imported from the wheel only by a visit that reads a letter. Each calculator runs
// once so that its lazily built state (compiled regular expressions, caches) is in the snapshot.
const IN_WORKER = `
def in_worker(module):
    \"\"\"Whether the worker imports calculators' MODULE (a file name without .py) at boot.\"\"\"
    return module not in {"__main__", "cli", "urlstate"} and not module.startswith("letter")
`;
const WARM = `
import importlib, json, os
import calculators
for name in sorted(os.listdir(calculators.__path__[0])):
    if name.endswith(".py") and name != "__init__.py" and in_worker(name[:-3]):
        importlib.import_module("calculators." + name[:-3])
from calculators.web import handle
from calculators.registry import CALCULATORS
for calc in CALCULATORS.values():
    if calc.examples:
        handle(json.dumps({"slug": calc.slug, "inputs": dict(calc.examples[0].inputs)}))
del calc, name
import gc
gc.collect()
`;

// Bytes of the heap in use and free (dlmalloc's mallinfo: uordblks, fordblks).
/** @param {any} module Pyodide's Emscripten module */
function mallinfo(module) {
  const p = module._malloc(40);
  module._mallinfo(p);
  const [inUse, free] = [7, 8].map((i) => module.HEAP32[(p >> 2) + i]);
  module._free(p);
  return { inUse, free };
}

// Freed memory keeps what was there (Pyodide's CPython allocates every object with malloc):
// take every free chunk without growing the heap, zero it, and give it back, so that it packs
// to zero blocks. Returns the bytes zeroed.
/** @param {any} module Pyodide's Emscripten module */
function zeroFreeMemory(module) {
  module._malloc_set_footprint_limit(module._malloc_footprint());
  const taken = [];
  let zeroed = 0;
  for (let size = 1 << 24; size >= 8;) {
    const p = module._malloc(size);
    if (p) {
      module.HEAPU8.fill(0, p, p + size);
      taken.push(p);
      zeroed += size;
    } else {
      size >>= 1;
    }
  }
  for (const p of taken) module._free(p);
  module._malloc_set_footprint_limit(-1); // (size_t)-1: no limit
  return zeroed;
}

/**
 * @param {string} stdlibZip
 * @param {string} wheel
 * @param {string} outSnapshot
 */
async function makeSnapshot(stdlibZip, wheel, outSnapshot) {
  const started = performance.now();
  const py = await loadPyodide({ indexURL: INDEX, stdLibURL: resolve(stdlibZip), _makeSnapshot: true });
  const booted = performance.now();
  const module = py._module;
  const heapBefore = module.HEAP8.length;
  py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
  py.runPython(IN_WORKER);
  py.runPython(WARM);
  const heapAfter = module.HEAP8.length;
  const malloc = mallinfo(module);
  const zeroed = zeroFreeMemory(module);
  const snapshot = py.makeMemorySnapshot();
  writeFileSync(outSnapshot, snapshot);
  console.log(JSON.stringify({ bytes: snapshot.length, heapBefore, heapAfter, ...malloc, zeroed,
    bootMs: Math.round(booted - started), totalMs: Math.round(performance.now() - started) }));
}

const RUN_EXAMPLES = `
import json
from calculators.web import handle
from calculators.registry import CALCULATORS
for calc in CALCULATORS.values():
    for example in calc.examples:
        reply = json.loads(handle(json.dumps({"slug": calc.slug, "inputs": dict(example.inputs)})))
        assert reply["ok"], (calc.slug, reply)
`;

// The modules a boot has imported from the stdlib zip SRC, written to DST compiled again from
// the npm sources (SOURCES) without docstrings and asserts (optimize=2; about a sixth smaller):
// nothing on the calculators' path reads a standard module's docstring. The calculators modules
// the worker imports go in too, compiled the same way from the wheel (WHEEL) under the zip's
// path: the .pyc boot then has no wheel to fetch, unpack and compile (in Node on this machine,
// loading the wheel and importing calculators.web took 130 ms; importing it from the zip, 50).
const KEEP_IMPORTED = `
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
def pyc(source, path):
    code = compile(source, path, "exec", dont_inherit=True, optimize=2)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))
def keep_imported(src, sources, wheel, dst):
    prefix = src + "/"
    used = {m.__file__[len(prefix):] for m in list(sys.modules.values())
            if (getattr(m, "__file__", None) or "").startswith(prefix)}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(sources) as zsrc, zipfile.ZipFile(wheel) as zwhl, \\
            zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in used:
                source = zsrc.read(info.filename[:-1])  # the .py beside the .pyc's name
                zout.writestr(info, pyc(source, prefix + info.filename[:-1]), compresslevel=9)
        own = [n for n in zwhl.namelist() if n.startswith("calculators/") and n.endswith(".py")
               and n.count("/") == 1 and (n == "calculators/__init__.py" or in_worker(n[12:-3]))]
        for name in sorted(own):
            info = zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0))
            zout.writestr(info, pyc(zwhl.read(name), prefix + name), zipfile.ZIP_DEFLATED, 9)
    return len(used), len(own)
`;

/**
 * Every calculator's examples, run, with the calculators package imported from FOLDER.
 * @param {any} py
 * @param {string} folder
 */
function runExamples(py, folder) {
  py.runPython(RUN_EXAMPLES);
  const file = py.runPython("import calculators; calculators.__file__");
  if (!file.startsWith(folder)) throw new Error(`calculators imported from ${file}, not ${folder}`);
}

// The calculators modules of the .pyc boot's zip that importing calculators.web leaves unimported:
// the worker imports it at boot, and the whole standard library, written over the zip when a run
// needs it, has none of them (web/worker/calculators.js). Must be none.
const NOT_IMPORTED_AT_BOOT = `
import sys, zipfile
import calculators.web
[n for n in zipfile.ZipFile(next(p for p in sys.path if p.endswith(".zip"))).namelist()
 if n.startswith("calculators/") and n[:-4].replace("/", ".").removesuffix(".__init__") not in sys.modules]
`;

/**
 * A .pyc boot in Node, the calculators from WHEEL (unpacked) or, without it, from the zip.
 * @param {string} stdlibZip
 * @param {string} [wheel]
 */
async function bootPycWith(stdlibZip, wheel) {
  const py = await loadPyodide({ indexURL: INDEX, stdLibURL: resolve(stdlibZip), env: COMPILE_ENV, stdout: () => {},
    stderr: console.error });
  if (wheel) py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
  return py;
}

/**
 * @param {string} stdlibZip
 * @param {string} wheel
 * @param {string} outZip
 */
async function trimStdlib(stdlibZip, wheel, outZip) {
  const py = await bootPycWith(stdlibZip, wheel);
  runExamples(py, `${py.FS.cwd()}/calculators/`); // unpacked in the working directory
  const [major, minor] = py.runPython("import sys; sys.version_info[:2]").toJs();
  const zipPath = `/lib/python${major}${minor}.zip`;
  py.FS.writeFile("/tmp/sources.zip", readFileSync(STDLIB_SOURCES));
  py.FS.writeFile("/tmp/wheel.zip", readFileSync(wheel));
  py.runPython(IN_WORKER);
  py.runPython(KEEP_IMPORTED);
  const [kept, own] = py.runPython(`keep_imported("${zipPath}", "/tmp/sources.zip", "/tmp/wheel.zip", "/tmp/used.zip")`).toJs();
  writeFileSync(outZip, py.FS.readFile("/tmp/used.zip"));
  const booted = await bootPycWith(outZip);
  const notImported = booted.runPython(NOT_IMPORTED_AT_BOOT).toJs();
  if (notImported.length) throw new Error(`importing calculators.web leaves out ${notImported.join(", ")}`);
  runExamples(booted, `${zipPath}/calculators/`); // throws if the trace missed an import the examples need
  console.log(JSON.stringify({ modules: kept, calculators: own, bytes: readFileSync(outZip).length }));
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "pyc" && args.length === 1) await makePyc(args[0]);
else if (cmd === "snapshot" && args.length === 3) await makeSnapshot(args[0], args[1], args[2]);
else if (cmd === "trim" && args.length === 3) await trimStdlib(args[0], args[1], args[2]);
else {
  console.error("usage: pyodide_build.mjs pyc OUT_ZIP | snapshot STDLIB_ZIP WHEEL OUT_SNAPSHOT | trim STDLIB_ZIP WHEEL OUT_ZIP");
  process.exit(2);
}
