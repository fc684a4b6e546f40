"""The project's JavaScript is type-checked from its JSDoc types (``make typecheck``): every file
opts in with ``// @ts-check`` and is in one of the tsconfig files, which tsc must pass."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

TSC = ROOT / "node_modules" / ".bin" / "tsc"
CONFIGS = sorted(ROOT.glob("tsconfig*.json"))


@pytest.fixture(scope="module")
def runs() -> dict[str, subprocess.CompletedProcess]:
    """tsc once per config (it lists the files it checked)."""
    return {c.name: subprocess.run([str(TSC), "--noEmit", "--listFiles", "-p", str(c)], cwd=ROOT,
                                   capture_output=True, text=True) for c in CONFIGS}


def project_js() -> set[Path]:
    """Every JavaScript file of the project (git's view: tracked or new, not ignored)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.js", "*.mjs"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return {(ROOT / name).resolve() for name in listed if (ROOT / name).exists()}


@pytest.mark.parametrize("config", [c.name for c in CONFIGS])
def test_tsc_finds_no_type_errors(runs, config):
    done = runs[config]
    assert done.returncode == 0, done.stdout[-4000:]


def test_every_project_script_opts_in_and_is_checked(runs):
    files = project_js()
    assert files, "no JavaScript found"
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("// @ts-check\n"), path
    covered = {Path(line).resolve() for done in runs.values() for line in done.stdout.splitlines()
               if line.endswith((".js", ".mjs")) and "node_modules" not in line}
    assert files <= covered, sorted(str(p.relative_to(ROOT)) for p in files - covered)
