"""Trust at build time: the Content Security Policy on every page, builds that fail on a broken
macro, link or cited anchor, the prose check, pinned dependencies, the shipped runtime against
its lock files, and the privacy page.

The failing builds run ``mkdocs build --strict`` on a scratch project: a copy of ``docs/`` and
``mkdocs.yml`` with everything else linked to this checkout, one fault added per build.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import boot_files
from calculators.citations import all_citations
from conftest import ROOT
from tools.csp import INLINE_SCRIPT, NON_EXECUTABLE
from tools.runtime import NPM_FILES

LINKED = ("calculators", "macros", "tools", "overrides", "includes", "web", "node_modules", "pyproject.toml")
SEEDS = ROOT.parent / "shared" / "seeds"
PROSE_CHECK = ROOT.parent / "shared" / "tools" / "prose_check.py"


def html_pages(site) -> list[Path]:
    return [p for p in site.dir.rglob("*.html") if "pyodide" not in p.relative_to(site.dir).parts]


# ---------- Content Security Policy ----------

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_every_page_declares_a_policy_that_allows_only_the_site_and_its_own_scripts(site):
    pages = html_pages(site)
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, f"{page}: no Content-Security-Policy meta"
        assert html.index("Content-Security-Policy") < html.index("<script"), f"{page}: policy after a script"
        d = directives(metas[0])
        for name in ("default-src", "worker-src", "connect-src", "base-uri", "form-action"):
            assert d.get(name) == ["'self'"], (page, name, d.get(name))
        assert d["object-src"] == ["'none'"]
        script = d["script-src"]
        assert script[:2] == ["'self'", "'wasm-unsafe-eval'"], script
        assert all(s.startswith("'sha256-") for s in script[2:]), script  # no unsafe-inline, no hosts
        for attrs, body in INLINE_SCRIPT.findall(html):
            if NON_EXECUTABLE.search(attrs):
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in script, f"{page}: an inline script is not in the policy"
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html), f"{page}: inline event handler"


# ---------- builds that must fail ----------

@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch project: its own docs/ and mkdocs.yml, the rest linked to the checkout."""
    proj = tmp_path / "proj"
    proj.mkdir()
    shutil.copytree(ROOT / "docs", proj / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    for name in LINKED:
        if (ROOT / name).exists():
            (proj / name).symlink_to(ROOT / name)
    return proj


def build(project: Path) -> tuple[int, str]:
    """``mkdocs build --strict`` of the scratch project: (exit code, output)."""
    env = dict(os.environ, SITE_URL="http://127.0.0.1:1/", NO_MKDOCS_2_WARNING="1",
               DISABLE_MKDOCS_2_WARNING="true")
    done = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d",
                           str(project / "site")], cwd=project, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


def test_scratch_project_builds_when_nothing_is_broken(project):
    code, log = build(project)
    assert code == 0, log[-3000:]


@pytest.mark.parametrize("fault,expect", [
    ("{{ no_such_macro() }}", "no_such_macro"),
    ("{{ calculator_form('no-such-calculator') }}", "no-such-calculator"),
    ("[a page that is not there](no-such-page.md)", "no-such-page.md"),
    ("[a section that is not there](titles-and-tracks/instructor.md#no-such-section)", "no-such-section"),
], ids=["undefined-macro", "macro-raises", "broken-link", "broken-anchor"])
def test_build_fails_on_a_broken_macro_or_link(project, fault, expect):
    append(project / "docs" / "glossary.md", fault)  # links are relative to docs/glossary.md
    code, log = build(project)
    assert code != 0, "the build passed with: " + fault
    assert expect in log, log[-3000:]


def test_build_fails_when_a_section_a_calculator_cites_is_gone(project):
    cited = sorted(all_citations())[0]
    page, _, anchor = cited.partition("#")
    source = project / "docs" / (page.rstrip("/") + ".md")
    if not source.exists():
        source = project / "docs" / page / "index.md"
    text = source.read_text(encoding="utf-8")
    assert "{#" + anchor + "}" in text, f"{cited} is not an explicit heading id in {source}"
    source.write_text(text.replace("{#" + anchor + "}", "{#" + anchor + "-renamed}"), encoding="utf-8")
    code, log = build(project)
    assert code != 0
    assert "cite sections that do not exist" in log and cited in log, log[-3000:]


def test_build_fails_when_a_calculator_page_is_not_marked(project):
    """A page showing a calculator must say so in its front matter (``calculator_page: true``),
    or the theme's bundle would compete with Python's start-up."""
    source = project / "docs" / "calculators" / "instructor-offer.md"
    text = source.read_text(encoding="utf-8")
    marked = re.search(r"^calculator_page: true.*\n", text, re.M)
    assert marked, "the calculator page is not marked in its front matter"
    source.write_text(text.replace(marked.group(0), ""), encoding="utf-8")
    code, log = build(project)
    assert code != 0
    assert "calculators/instructor-offer.md" in log and "calculator_page: true" in log, log[-3000:]


def article_sentence() -> str:
    """Fourteen consecutive words from one of the source articles."""
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 20 and not line.lstrip().startswith(("|", "hbar", "SmartPick")):
                return " ".join(words[:14])
    raise AssertionError("no article text found")


def test_prose_check_catches_a_copied_sentence(project):
    if not PROSE_CHECK.exists():
        pytest.skip("shared/tools/prose_check.py is not beside this checkout")

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(["python3", str(PROSE_CHECK), "docs"], cwd=project, capture_output=True, text=True)

    assert run().returncode == 0, "the guides already hold copied prose"
    append(project / "docs" / "glossary.md", article_sentence())
    done = run()
    assert done.returncode != 0 and "glossary.md" in done.stdout


# ---------- pinned dependencies and the shipped runtime ----------

def requirement_entries() -> list[str]:
    text = (ROOT / "requirements.txt").read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith(("#", "-"))]


def test_python_dependencies_are_pinned_with_hashes():
    entries = requirement_entries()
    assert len(entries) >= 10
    for entry in entries:
        name = entry.split()[0]
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s]+", name), f"not pinned to one version: {name}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"no hash for {name}"
    assert "--require-hashes" in (ROOT / "Makefile").read_text()


def test_npm_lock_file_pins_every_package_with_integrity():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    manifest = json.loads((ROOT / "package.json").read_text())
    assert lock["lockfileVersion"] >= 2
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages
    for path, entry in packages.items():
        if entry.get("link"):
            continue
        assert re.fullmatch(r"sha(384|512)-[A-Za-z0-9+/=]+", entry.get("integrity", "")), f"{path}: no integrity"
    for section in ("dependencies", "devDependencies"):
        for name, version in manifest.get(section, {}).items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned to one version"
            assert packages[f"node_modules/{name}"]["version"] == version


def test_shipped_runtime_matches_the_lock_files(site):
    lock = json.loads((ROOT / "package-lock.json").read_text())
    installed = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    assert installed == lock["packages"]["node_modules/pyodide"]["version"], "node_modules is not what the lock pins"
    runtime = site.dir / "pyodide" / installed
    assert runtime.is_dir(), "the runtime folder is not named by the locked version"
    for name in NPM_FILES:
        shipped = (runtime / name).read_bytes()
        assert shipped == (ROOT / "node_modules" / "pyodide" / name).read_bytes(), name
    pyodide_lock = boot_files.file(site, "lock")
    packages = json.loads(pyodide_lock.read_text())["packages"]
    assert "calculators" in packages
    for name, entry in packages.items():
        shipped = pyodide_lock.parent / entry["file_name"]
        assert hashlib.sha256(shipped.read_bytes()).hexdigest() == entry["sha256"], f"{name}: sha256 differs"


# ---------- privacy page ----------

def test_privacy_page_states_what_happens_to_what_the_reader_types(site):
    html = (site.dir / "privacy" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for point in ("never sent", "address", "nothing from other websites", "color scheme",
                  "offline", "clipboard", "Cache Storage"):
        assert point in text, f"the privacy page does not say: {point}"
    footer_or_nav = re.search(r'href="[^"]*privacy/"', (site.dir / "index.html").read_text(encoding="utf-8"))
    assert footer_or_nav, "the home page does not link to the privacy page"
