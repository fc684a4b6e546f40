"""Anchors of the built site: the ones readers may link to, and the ones the calculators cite.

The published anchors are every heading id and checklist item; ``published-anchors.txt`` lists
those that must keep working. The calculators' citations (``calculators/citations.py``) must
each name an element id of a built page; the ship step fails the build otherwise.

Usage: python tools/anchors.py [SITE_DIR]          print every anchor of the built site
       python tools/anchors.py --add [SITE_DIR]    append the new ones to published-anchors.txt

``published-anchors.txt`` is the committed list of anchors that must keep working; the test
suite fails if one disappears. Add new anchors with this script; never remove a line (move the
page with a redirect in mkdocs.yml instead).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ELEMENT_ID = re.compile(r'\sid="([^"]+)"')
HEADING_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')
ITEM_ID = re.compile(r'<li[^>]*\sid="(q-[^"]+)"')
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


def page_anchors(html: str) -> list[str]:
    return HEADING_ID.findall(html) + ITEM_ID.findall(html)


def site_anchors(site_dir: Path) -> list[str]:
    """``page/#anchor`` for every linkable anchor of every page."""
    out = []
    for html_file in sorted(site_dir.rglob("index.html")):
        rel = html_file.parent.relative_to(site_dir).as_posix()
        if rel.startswith("pyodide") or rel == "404":
            continue
        page = "./" if rel == "." else rel + "/"  # "./#x", since a line starting with "#" is a comment
        out += [f"{page}#{a}" for a in page_anchors(html_file.read_text(encoding="utf-8"))]
    return out


def resolve(site_dir: Path, page: str, depth: int = 0) -> str:
    """Follow redirect stubs (mkdocs-redirects) to the page that holds the content."""
    html_file = site_dir / page / "index.html"
    if depth > 5 or not html_file.exists():
        return html_file.read_text(encoding="utf-8") if html_file.exists() else ""
    html = html_file.read_text(encoding="utf-8")
    m = REDIRECT.search(html)
    if not m:
        return html
    target = (Path("/" + page) / m.group(1)).resolve().as_posix().strip("/").split("#")[0]
    return resolve(site_dir, target + "/" if target else "", depth + 1)


def missing(site_dir: Path, published: list[str]) -> list[str]:
    """Published anchors that the built site no longer has."""
    gone = []
    cache: dict[str, set[str]] = {}
    for line in published:
        page, _, anchor = line.partition("#")
        if page not in cache:
            html = resolve(site_dir, page.rstrip("/") + "/" if page else "")
            cache[page] = set(ELEMENT_ID.findall(html))
        if anchor not in cache[page]:
            gone.append(line)
    return gone


def page_ids(site_dir: Path, page: str) -> set[str]:
    """The element ids of the built page at site path ``page`` (e.g. ``a/b/``)."""
    html = site_dir / page / "index.html"
    return set(ELEMENT_ID.findall(html.read_text(encoding="utf-8"))) if html.exists() else set()


def missing_citations(site_dir: Path) -> list[str]:
    """Citations of the calculators whose page or anchor is not in the built site."""
    from calculators.citations import all_citations  # the project root is on the path when imported

    missing = []
    for cited in sorted(all_citations()):
        page, _, anchor = cited.partition("#")
        if anchor not in page_ids(site_dir, page):
            missing.append(cited)
    return missing


PUBLISHED = Path(__file__).resolve().parent.parent / "published-anchors.txt"


def main(argv: list[str]) -> int:
    add = "--add" in argv
    args = [a for a in argv if a != "--add"]
    anchors = site_anchors(Path(args[0] if args else "site"))
    if not add:
        print("\n".join(anchors))
        return 0
    known = set(PUBLISHED.read_text(encoding="utf-8").splitlines())
    new = [a for a in anchors if a not in known]
    with PUBLISHED.open("a", encoding="utf-8") as fh:
        fh.writelines(a + "\n" for a in new)
    print(f"added {len(new)} anchor(s) to {PUBLISHED.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
