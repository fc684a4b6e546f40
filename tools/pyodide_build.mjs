// @ts-check
// Build-time Pyodide work, run in Node with the npm pyodide package (called by tools/runtime.py).
//
//   node tools/pyodide_build.mjs pyc OUT_ZIP
//       Compile the npm standard library zip to .pyc inside this exact Pyodide and write a new
//       zip (same entries, .py replaced by unchecked hash-based .pyc, fixed timestamps).
//   node tools/pyodide_build.mjs snapshot STDLIB_ZIP WHEEL OUT_SNAPSHOT
//       Boot with STDLIB_ZIP (the zip the site serves), unpack the calculators wheel, import
//       every calculators module, run each calculator's first example once, and write a memory
//       snapshot. Prints a JSON line with sizes and timings.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const INDEX = resolve(ROOT, "node_modules/pyodide") + "/";
const { loadPyodide } = await import(INDEX + "pyodide.mjs");

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
  const py = await loadPyodide({ indexURL: INDEX, stdout: () => {}, stderr: console.error });
  const [major, minor] = py.runPython("import sys; sys.version_info[:2]").toJs();
  const zipPath = `/lib/python${major}${minor}.zip`;
  py.runPython(COMPILE);
  py.runPython(`compile_zip(${JSON.stringify(zipPath)}, "/tmp/stdlib.zip", ${JSON.stringify(zipPath + "/")})`);
  writeFileSync(outZip, py.FS.readFile("/tmp/stdlib.zip"));
}

const WARM = `
import importlib, pkgutil, json, random
import calculators
for mod in pkgutil.walk_packages(calculators.__path__, "calculators."):
    if not mod.name.endswith("__main__"):
        importlib.import_module(mod.name)
from calculators.web import handle
from calculators.registry import CALCULATORS
for calc in CALCULATORS.values():
    if calc.examples:
        handle(json.dumps({"slug": calc.slug, "inputs": dict(calc.examples[0].inputs)}))
`;

/**
 * @param {string} stdlibZip
 * @param {string} wheel
 * @param {string} outSnapshot
 */
async function makeSnapshot(stdlibZip, wheel, outSnapshot) {
  const started = performance.now();
  const py = await loadPyodide({ indexURL: INDEX, stdLibURL: resolve(stdlibZip), _makeSnapshot: true });
  const booted = performance.now();
  const heapBefore = py._module.HEAP8.length;
  py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
  py.runPython(WARM);
  const heapAfter = py._module.HEAP8.length;
  const snapshot = py.makeMemorySnapshot();
  writeFileSync(outSnapshot, snapshot);
  console.log(JSON.stringify({ bytes: snapshot.length, heapBefore, heapAfter,
    bootMs: Math.round(booted - started), totalMs: Math.round(performance.now() - started) }));
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "pyc" && args.length === 1) await makePyc(args[0]);
else if (cmd === "snapshot" && args.length === 3) await makeSnapshot(args[0], args[1], args[2]);
else {
  console.error("usage: pyodide_build.mjs pyc OUT_ZIP | snapshot STDLIB_ZIP WHEEL OUT_SNAPSHOT");
  process.exit(2);
}
