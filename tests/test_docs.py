"""The repository's own documents: a README read in five minutes that names the two set-up
commands CI runs, the documents it links to, and ARCHITECTURE.md's flags table as the boot
manifest has it (tools/flags_table.py)."""
from __future__ import annotations

import re

from conftest import ROOT
from tools import flags_table

README = ROOT / "README.md"


def test_the_readme_is_short_and_gives_the_two_set_up_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    setup = re.search(r"## Set-up.*?```sh\n(.*?)```", text, re.S).group(1)
    assert [line.split()[:2] for line in setup.splitlines()] == [["make", "serve"], ["make", "test"]]


def test_ci_runs_the_test_command_the_readme_gives():
    commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]


def test_every_document_the_readme_links_exists():
    links = re.findall(r"\]\(([^)#]+)\)", README.read_text(encoding="utf-8"))
    assert {"ARCHITECTURE.md", "DEPLOY.md", "benchmarks/README.md", "calculators/README.md"} <= set(links)
    for link in links:
        assert (ROOT / link).is_file(), link


def test_the_flags_table_is_the_manifest_s():
    text = flags_table.DOC.read_text(encoding="utf-8")
    assert flags_table.rewrite(text) == text, "ARCHITECTURE.md's flags table is stale: run python -m tools.flags_table"


def test_a_stale_flags_table_is_noticed():
    text = flags_table.DOC.read_text(encoding="utf-8").replace("| `xz` | on |", "| `xz` | **off** |")
    assert flags_table.rewrite(text) != text
