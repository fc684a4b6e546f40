"""ARCHITECTURE.md's flags table, written from the boot manifest (``tools/manifest.py``).

    python -m tools.flags_table          (rewrites the table between the markers)
    python -m tools.flags_table --check  (exit 1 if the table is stale; tests/test_docs.py)

One row per flag (``macros/page_config.py``, ``FLAGS``): whether this build has it on (the
manifest's flags, from ``mkdocs.yml``), where it is read (the build, for ``BUILD_FLAGS``: off,
their code is not on the page; else the scripts, at run time, through ``feature(name)``), the
boot files the manifest leaves out with it off, and what it switches.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.page_config import BUILD_FLAGS, FLAGS, settings  # noqa: E402
from tools.manifest import boot_manifest  # noqa: E402
from tools.published import ROOT  # noqa: E402

DOC = ROOT / "ARCHITECTURE.md"
BEGIN = "<!-- flags table: written by `python -m tools.flags_table`; edit macros/page_config.py instead -->"
END = "<!-- end of the flags table -->"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: its Python tags (the theme's emoji functions) read as plain text, its
    environment tags as nothing."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
_Loader.add_constructor("!ENV", lambda loader, node: None)  # site_url and the like: not read here


def build_flags() -> dict[str, bool]:
    """The flags ``mkdocs.yml`` builds with (``extra.calculators.flags``, each on by default)."""
    config: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return settings(config.get("extra"))[0]


def _files(data: dict[str, Any]) -> set[str]:
    return {role + (".xz" if xz else "") for role, f in data["files"].items() for xz in ([False, True] if "xz" in f else [False])}


def table() -> str:
    """The flags table, in Markdown."""
    flags = build_flags()
    manifest = boot_manifest(flags).data
    rows = ["| flag | this build | read | boot files left out when off | what it switches on |",
            "| --- | --- | --- | --- | --- |"]
    for name, what in FLAGS.items():
        without = _files(manifest) - _files(boot_manifest({**flags, name: False}).data)
        read = "build (off: not on the page)" if name in BUILD_FLAGS else "run time, `feature()`"
        left_out = ", ".join(f"`{f}`" for f in sorted(without)) or "none"
        rows.append(f"| `{name}` | {'on' if manifest['flags'][name] else '**off**'} | {read} | {left_out} | {what} |")
    return "\n".join(rows)


def rewrite(text: str) -> str:
    """ARCHITECTURE.md's text with the table between the markers written anew."""
    found = re.search(re.escape(BEGIN) + r"\n(?:.*?\n)?" + re.escape(END), text, re.S)
    if not found:
        raise SystemExit(f"{DOC.name}: the flags table's markers are missing")
    return text[:found.start()] + f"{BEGIN}\n{table()}\n{END}" + text[found.end():]


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = rewrite(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC.name}: the flags table is stale: run `python -m tools.flags_table`", file=sys.stderr)
            return 1
        return 0
    if new != text:
        DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
