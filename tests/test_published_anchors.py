"""Links into the guides last: every published anchor still exists in the built site."""
from __future__ import annotations

from conftest import ROOT
from tools.anchors import missing, site_anchors

PUBLISHED = ROOT / "published-anchors.txt"


def published() -> list[str]:
    return [ln.strip() for ln in PUBLISHED.read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def test_every_published_anchor_exists(site):
    assert missing(site.dir, published()) == []


def test_the_list_covers_the_guides():
    lines = published()
    assert len(lines) == len(set(lines))
    for required in ("titles-and-tracks/instructor-offers/#green-flag", "titles-and-tracks/questions/#checklist",
                     "education-tracks/faq/#how-many-publications", "titles-and-tracks/questions/#q-written-policy"):
        assert required in lines


def test_every_heading_is_published(site):
    """A new heading must be added to the list (run tools/anchors.py) so it is protected too."""
    assert sorted(set(site_anchors(site.dir)) - set(published())) == []


def test_a_removed_anchor_is_caught(site, tmp_path):
    page = tmp_path / "titles-and-tracks" / "instructor-offers"
    page.mkdir(parents=True)
    html = (site.dir / "titles-and-tracks" / "instructor-offers" / "index.html").read_text()
    (page / "index.html").write_text(html.replace('id="green-flag"', 'id="green"'))
    assert "titles-and-tracks/instructor-offers/#green-flag" in missing(tmp_path, published())
