"""Link checker over the built site: every internal link and asset resolves, anchors included."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.links.append(a[key])


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def target_file(site_dir: Path, url_path: str) -> Path:
    rel = unquote(url_path).lstrip("/")
    f = site_dir / rel
    return f / "index.html" if (not rel or rel.endswith("/") or f.is_dir()) else f


def broken_links(site_dir: Path, base: str) -> list[str]:
    """``page -> link`` for every internal link or asset that does not resolve."""
    pages = [p for p in site_dir.rglob("*.html") if "pyodide" not in p.relative_to(site_dir).parts]
    parsed = {p: parse(p) for p in pages}
    broken = []
    for page, links in parsed.items():
        page_url = base + page.relative_to(site_dir).as_posix().removesuffix("index.html")
        for link in links.links:
            if link.startswith(SKIP_SCHEMES) or "{" in link:
                continue
            url = urljoin(page_url, link)
            if not url.startswith(base):
                broken.append(f"{page_url} -> {link} (leaves the site)")
                continue
            parts = urlsplit(url)
            target = target_file(site_dir, parts.path[len(urlsplit(base).path):])
            if not target.exists():
                broken.append(f"{page_url} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page_url} -> {link} (no such anchor)")
    return broken


def test_no_broken_internal_links(site):
    assert broken_links(site.dir, site.url) == []


def test_link_checker_catches_a_broken_link(site, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b/">x</a><a href="#nope">y</a><p id="here"></p>')
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a>')
    found = broken_links(tmp_path, "http://127.0.0.1:1/")
    assert len(found) == 2 and any("../b/" in f for f in found) and any("#nope" in f for f in found)
