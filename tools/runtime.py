"""Build the browser runtime: Pyodide files, the calculators wheel, its lock file, a standard
library precompiled to ``.pyc`` (whole, and the part the calculators use), a memory snapshot and
the xz copies for slow links. ``build_runtime`` lists them by role (the boot manifest,
``tools/manifest.py``, describes them); ``write_runtime`` copies them into a site.

The wheel is built from ``pyproject.toml`` with a fixed timestamp, so the same sources give the
same bytes (and the same sha256 in the lock file); results are cached in ``.cache/runtime``.
The ``.pyc`` standard library and the snapshot are made in Node by the npm Pyodide itself
(``tools/pyodide_build.mjs``) and cached in ``.cache/pyodide-VERSION/``. Every file is written
under the name ``tools/published.py`` gives it (named by what it is made from), so every file under
``pyodide/VERSION/`` is immutable.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from tools.published import (LOADER, NODE_PYODIDE, NODE_SCRIPT, NODE_XZ, NPM_LOCK, NPM_STDLIB, PDF_PACKAGE, ROOT, RUNTIME_JS,
                             USED_STDLIB, USED_STDLIB_XZ, WASM, WASM_XZ, WHEEL_GLOB, RuntimeBuildError, app_dir_name,
                             app_path, lock_path, npm_path, pdf_pin, snapshot_name, snapshot_path, stdlib_name, stdlib_path,
                             used_stdlib_path, used_stdlib_xz_path, wasm_xz_path, xz_decoder_name, xz_decoder_path)
from tools.published import pyodide_version as _pinned_version

NPM_FILES = (LOADER, RUNTIME_JS, WASM)  # npm's runtime files the site ships as they are
CACHE = ROOT / ".cache" / "runtime"
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: fixed so wheel bytes depend only on the sources


def pyodide_version() -> str:
    """The installed npm Pyodide's version; the runtime is copied from there, so it must be installed."""
    if not (NODE_PYODIDE / "package.json").exists():
        raise RuntimeBuildError("node_modules/pyodide is missing: run `npm ci` (or `make build`).")
    return _pinned_version()


def _bin(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        raise RuntimeBuildError(f"`{name}` is not installed in this environment: run `make build`.")
    return found


def build_wheel_and_lock() -> Path:
    """Return a cache folder holding ``app-DIGEST/`` with the calculators wheel and the lock file.

    Pyodide resolves the wheel's ``file_name`` against the lock file's folder. Both files live
    in a folder named by content, so every file under ``pyodide/`` is immutable.
    """
    app = app_dir_name()
    out = CACHE / app
    if (out / app / NPM_LOCK).exists():
        return out
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        run = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)],
            capture_output=True, text=True, env=env)
        if run.returncode:
            raise RuntimeBuildError("building the calculators wheel failed:\n" + run.stdout[-2000:] + run.stderr[-2000:])
        wheel = next(Path(tmp).glob(WHEEL_GLOB))
        stage = Path(tmp) / "stage"
        (stage / app).mkdir(parents=True)
        shutil.copy2(wheel, stage / app / wheel.name)
        pdf = pdf_wheel()
        shutil.copy2(pdf, stage / app / pdf.name)
        run = subprocess.run(
            [_bin("pyodide"), "lockfile", "add-wheels", "--input", str(NODE_PYODIDE / NPM_LOCK),
             "--output", str(stage / app / NPM_LOCK), "--base-path", str(stage / app),
             str(stage / app / wheel.name), str(stage / app / pdf.name)],
            capture_output=True, text=True, env=env, cwd=stage)
        if run.returncode:
            raise RuntimeBuildError("`pyodide lockfile add-wheels` failed:\n" + run.stdout[-2000:] + run.stderr[-2000:])
        _keep_only(stage / app / NPM_LOCK, {"calculators", PDF_PACKAGE})
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = Path(tempfile.mkdtemp(dir=out.parent))
        shutil.copytree(stage, tmp_out, dirs_exist_ok=True)
        if out.exists():
            shutil.rmtree(tmp_out)
        else:
            tmp_out.replace(out)
    return out


def pdf_wheel() -> Path:
    """pypdf's wheel at the version and hashes ``requirements.txt`` pins, from the package
    registry (pip, hash-checked), cached: the browser's letter reader loads it for a PDF only."""
    pin = pdf_pin()
    out = CACHE / "pdf" / hashlib.sha256(pin.encode()).hexdigest()[:16]
    found = sorted(out.glob(f"{PDF_PACKAGE}-*-py3-none-any.whl"))
    if found:
        return found[0]
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "requirements.txt"
        req.write_text(pin + "\n")
        run = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                              "--require-hashes", "-r", str(req), "-d", str(Path(tmp) / "wheel")],
                             capture_output=True, text=True)
        if run.returncode:
            raise RuntimeBuildError(f"downloading the {PDF_PACKAGE} wheel failed:\n" + run.stdout[-2000:] + run.stderr[-2000:])
        (wheel,) = (Path(tmp) / "wheel").glob("*.whl")
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy2(wheel, out / wheel.name)
        return out / wheel.name


def _keep_only(lock_file: Path, names: set[str]) -> None:
    """Drop the packages the site never loads: the page fetches this file on every cold start."""
    lock = json.loads(lock_file.read_text())
    lock["packages"] = {k: v for k, v in lock["packages"].items() if k in names}
    lock_file.write_text(json.dumps(lock, separators=(",", ":"), sort_keys=True))


def build_runtime(snapshot: bool = True, xz: bool = True) -> dict[str, tuple[str, Path]]:
    """Every file a calculator page may boot from, built (or found in the cache), by role: its
    site path and the file. ``snapshot``, ``xz``: whether the build ships the snapshot and the
    xz copies (flags of the same names); without them they are not built either."""
    pyodide_version()  # the npm runtime must be installed
    app = build_wheel_and_lock() / app_dir_name()
    (wheel,) = app.glob(WHEEL_GLOB)
    (pdf,) = app.glob(f"{PDF_PACKAGE}-*.whl")
    stdlib = build_stdlib()
    used = build_used_stdlib(stdlib, app)
    files = {
        "loader": (npm_path(LOADER), NODE_PYODIDE / LOADER),
        "runtime_js": (npm_path(RUNTIME_JS), NODE_PYODIDE / RUNTIME_JS),
        "wasm": (npm_path(WASM), NODE_PYODIDE / WASM),
        "lock": (lock_path(), app / NPM_LOCK),
        "wheel": (app_path() + wheel.name, wheel),
        "pdf_wheel": (app_path() + pdf.name, pdf),
        "stdlib": (stdlib_path(), stdlib),
        "stdlib_used": (used_stdlib_path(), used),
    }
    if snapshot:
        files["snapshot"] = (snapshot_path(), build_snapshot(stdlib, app))
    if xz:
        files["wasm_xz"] = (wasm_xz_path(), build_wasm_xz())
        files["stdlib_used_xz"] = (used_stdlib_xz_path(), build_used_stdlib_xz(used))
        files["xz_decoder"] = (xz_decoder_path(), build_xz_decoder())
    return files


def write_runtime(site_dir: Path, files: dict[str, Path]) -> None:
    """Copy the boot files (site path -> built file: the manifest's ``sources``) into ``site_dir``."""
    for path, source in files.items():
        dst = site_dir / path
        if not dst.exists() or dst.stat().st_size != source.stat().st_size or dst.stat().st_mtime < source.stat().st_mtime:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dst)


# ---------- slow links: the wasm xz-compressed, and the decoder the worker inflates it with ----------

DECODER_SOURCE = "dist/package/xz-decompress.js"  # the npm package ships its wasm inline, as a data: URL


def xz_compress(data: bytes) -> bytes:
    """xz -9e (2.64 MB for the 9.6 MB wasm against 3.56 MB with gzip), with the CRC32 check that
    the browser's decoder verifies."""
    return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, preset=9 | lzma.PRESET_EXTREME)


def build_wasm_xz() -> Path:
    """The runtime's wasm, xz-compressed (cached: about 5 s the first time)."""
    out = ROOT / ".cache" / f"pyodide-{pyodide_version()}" / WASM_XZ
    if not out.exists():
        data = (NODE_PYODIDE / WASM).read_bytes()
        _atomic_write(out, xz_compress(data))
    return out


def xz_decoder() -> bytes:
    """The xz decoder's wasm, out of the npm ``xz-decompress`` (web/worker/xz.js drives it)."""
    source = NODE_XZ / DECODER_SOURCE
    if not source.exists():
        raise RuntimeBuildError("node_modules/xz-decompress is missing: run `npm ci` (or `make build`).")
    found = re.search(r"data:application/wasm;base64,([A-Za-z0-9+/=]+)", source.read_text(encoding="utf-8"))
    if not found:
        raise RuntimeBuildError(f"{DECODER_SOURCE} of xz-decompress carries no wasm: is it the pinned version?")
    return base64.b64decode(found.group(1))


def build_xz_decoder() -> Path:
    """The xz decoder's wasm as a file (cached)."""
    out = ROOT / ".cache" / f"pyodide-{pyodide_version()}" / xz_decoder_name()
    if not out.exists():
        _atomic_write(out, xz_decoder())
    return out


# ---------- precompiled standard library and memory snapshot ----------

def _node(*args: str) -> str:
    node = shutil.which("node")
    if not node:
        raise RuntimeBuildError("`node` is not installed: Node 20 is needed to precompile the runtime.")
    # the npm runtime's loader and source standard library, by the names spelled in tools/published.py
    env = dict(os.environ, PYODIDE_LOADER=str(NODE_PYODIDE / LOADER), PYODIDE_STDLIB=str(NODE_PYODIDE / NPM_STDLIB))
    run = subprocess.run([node, str(NODE_SCRIPT), *args], capture_output=True, text=True, cwd=ROOT, env=env)
    if run.returncode:
        raise RuntimeBuildError(f"`node {NODE_SCRIPT.name} {args[0]}` failed:\n" + run.stdout[-1500:] + run.stderr[-1500:])
    return run.stdout


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def build_stdlib() -> Path:
    """The standard library compiled to .pyc by this Pyodide (cached; about 7 s the first time)."""
    out = ROOT / ".cache" / f"pyodide-{pyodide_version()}" / stdlib_name()
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        # a file of its own: parallel test workers may build the same zip at the same time
        fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
        os.close(fd)
        try:
            _node("pyc", tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return out


SNAPSHOT_MAGIC = b"AODSNAP2"
SNAPSHOT_BLOCK = 4096  # 64 KiB kept 0.5 MB of zeros and unchanged data (7% more to inflate)
_PACK_HEAD = struct.Struct("<8sIIIII")  # magic, total, block size, base, stored count, wasm count


def _leb(data: bytes, i: int, signed: bool = False) -> tuple[int, int]:
    """A LEB128 number at ``data[i]``; returns it and the index after it."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if signed and byte & 0x40:
                value -= 1 << shift
            return value, i


def wasm_data_image(wasm: bytes) -> bytes:
    """The wasm's linear memory as instantiating it leaves it: the active data segments at their
    offsets, up to the end of the last one. Empty when that cannot be known from the file alone
    (a start function, or a segment whose offset is not a constant)."""
    image = bytearray()
    i = 8  # after the magic and version
    while i < len(wasm):
        section = wasm[i]
        size, i = _leb(wasm, i + 1)
        end = i + size
        if section == 8:  # a start function runs at instantiation and may write memory
            return b""
        if section == 11:
            count, j = _leb(wasm, i)
            for _ in range(count):
                flag, j = _leb(wasm, j)
                if flag == 1:  # passive: copied by code later, not at instantiation
                    length, j = _leb(wasm, j)
                    j += length
                    continue
                if flag == 2:
                    _, j = _leb(wasm, j)  # memory index
                if wasm[j] != 0x41:  # i32.const
                    return b""
                offset, j = _leb(wasm, j + 1, signed=True)
                if wasm[j] != 0x0B:  # end
                    return b""
                length, j = _leb(wasm, j + 1)
                if len(image) < offset + length:
                    image.extend(bytes(offset + length - len(image)))
                image[offset:offset + length] = wasm[j:j + length]
                j += length
        i = end
    return bytes(image)


def pack_snapshot(raw: bytes, image: bytes = b"") -> bytes:
    """Drop the 4 KiB blocks of a memory snapshot that the browser already has: the all-zero
    ones (about two thirds of it) and those still equal to the wasm's own data segments
    (``image``, from ``wasm_data_image``; about 3 MB), which the worker copies from the freshly
    instantiated memory.

    The file's format is described once, with the worker's decoder: web/worker/snapshot.js.
    """
    size = SNAPSHOT_BLOCK
    base = struct.unpack_from("<I", raw, 4)[0]
    zero = bytes(size)
    stored, from_wasm = [], []
    for i in range((len(raw) + size - 1) // size):
        block = raw[i * size:(i + 1) * size]
        start = i * size - base
        if block == zero[:len(block)]:
            continue
        if image and 0 <= start and start + len(block) <= len(image) and image[start:start + len(block)] == block:
            from_wasm.append(i)
        else:
            stored.append(i)
    header = _PACK_HEAD.pack(SNAPSHOT_MAGIC, len(raw), size, base, len(stored), len(from_wasm))
    indices = struct.pack(f"<{len(stored) + len(from_wasm)}I", *stored, *from_wasm)
    return header + indices + b"".join(raw[i * size:(i + 1) * size] for i in stored)


def unpack_snapshot(packed: bytes, image: bytes = b"") -> bytes:
    """The full memory snapshot from ``pack_snapshot``'s layout (what the worker does in JS);
    ``image`` supplies the blocks equal to the wasm's data segments."""
    magic, total, size, base, n, m = _PACK_HEAD.unpack_from(packed)
    if magic != SNAPSHOT_MAGIC:
        raise ValueError("not a packed snapshot")
    indices = struct.unpack_from(f"<{n + m}I", packed, _PACK_HEAD.size)
    out = bytearray(total)
    pos = _PACK_HEAD.size + 4 * (n + m)
    for i in indices[:n]:
        length = min(size, total - i * size)
        out[i * size:i * size + length] = packed[pos:pos + length]
        pos += length
    for i in indices[n:]:
        length = min(size, total - i * size)
        out[i * size:i * size + length] = image[i * size - base:i * size - base + length]
    return bytes(out)


def build_snapshot(stdlib: Path, app: Path) -> Path:
    """The gzipped memory snapshot taken after the calculators are imported (cached by content)."""
    out = ROOT / ".cache" / f"pyodide-{pyodide_version()}" / app.name / snapshot_name()
    if out.exists():
        os.utime(out.parent)  # in use: the newest folders are the ones kept
    else:
        (wheel,) = app.glob(WHEEL_GLOB)
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "snapshot.bin"
            _node("snapshot", str(stdlib), str(wheel), str(raw))
            image = wasm_data_image((NODE_PYODIDE / WASM).read_bytes())
            _atomic_write(out, gzip.compress(pack_snapshot(raw.read_bytes(), image), compresslevel=9, mtime=0))
        _prune(out.parent.parent, keep=8)
    return out


def _prune(cache: Path, keep: int) -> None:
    """Keep only the ``keep`` newest snapshot folders (each build of new rules adds one)."""
    folders = sorted((p for p in cache.glob("app-*") if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)




def build_used_stdlib(stdlib: Path, app: Path) -> Path:
    """The part of the .pyc standard library that the worker's .pyc boot imports (traced in
    Node; about 0.9 MB instead of 3.6; cached by content). A module outside it is read from the
    full zip (the worker's fallback)."""
    out = ROOT / ".cache" / f"pyodide-{pyodide_version()}" / app.name / USED_STDLIB
    if not out.exists():
        (wheel,) = app.glob(WHEEL_GLOB)
        with tempfile.TemporaryDirectory() as tmp:
            used = Path(tmp) / USED_STDLIB
            _node("trim", str(stdlib), str(wheel), str(used))
            _atomic_write(out, used.read_bytes())
    return out


def build_used_stdlib_xz(used: Path) -> Path:
    """The used standard library again, its entries stored instead of deflated, xz-compressed as
    a whole: 0.63 MB instead of 0.93 (one stream finds what the modules share). Cached by content."""
    out = used.with_name(USED_STDLIB_XZ)
    if not out.exists():
        source = zipfile.ZipFile(used)
        stored = io.BytesIO()
        with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zf:
            for info in source.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.external_attr = info.external_attr
                zf.writestr(entry, source.read(info))
        _atomic_write(out, xz_compress(stored.getvalue()))
    return out
