"""Guide pages against the article passages they restate (tools/word_ratio.py)."""
from __future__ import annotations

import pytest

from tools import word_ratio as wr


def seeds_at_hand() -> bool:
    try:
        wr.seeds_dir()
    except FileNotFoundError:
        return False
    return True


def test_every_page_and_guide_holds_the_ratio():
    over = [r for r in wr.rows() if not r.ok]
    assert over == [], "\n" + wr.table(wr.rows())


def test_every_guide_page_is_mapped_to_a_passage():
    assert wr.unmapped_pages() == []
    assert all((wr.DOCS / page).exists() for page in wr.PASSAGES)
    for page, passage in wr.PASSAGES.items():
        assert passage.article == wr.GUIDES[page.split("/")[0]], page  # a guide restates one article


@pytest.mark.skipif(not seeds_at_hand(), reason="the articles are not beside this checkout (set SEEDS_DIR)")
def test_recorded_passage_counts_are_the_articles():
    assert wr.recount_mismatches() == []


@pytest.mark.skipif(not seeds_at_hand(), reason="the articles are not beside this checkout (set SEEDS_DIR)")
def test_the_passages_share_out_each_article_once():
    for article in wr.ARTICLE_FILES:
        whole = wr.count_words("\n".join(ln for ln in wr.article_lines(article) if not wr.FIGURE_START.match(ln)))
        pieces = wr.split_article(article)
        assert sum(wr.count_words(t) for t in pieces.values()) == whole
        named = [h for p in wr.PASSAGES.values() if p.article == article for h in p.headings]
        assert sorted(named) == sorted(pieces) and len(named) == len(set(named))


@pytest.mark.skipif(not seeds_at_hand(), reason="the articles are not beside this checkout (set SEEDS_DIR)")
def test_article_chrome_and_figure_data_are_not_counted():
    lines = wr.article_lines("titles")
    text = "\n".join(lines)
    assert "SmartPick" not in text and "minute read" not in text and "Logo" not in text
    assert "CategoryValue" not in text and "Instructor90" not in text and "Step 1Residency Graduation" not in text
    assert "Estimated Clinical Time by Title at Research-Heavy Institutions" not in text  # the chart's title
    assert "Typical Use of Instructor vs Assistant Professor by Institution Type" in text  # a real table stays
    assert "Let me break this down specifically." in text


def test_a_page_counts_what_its_reader_reads():
    page = """---
title: Front matter is not read
description: Nor is this.
---

# Heading words {#an-anchor}

Some [linked text](../somewhere/far-away-and-long.md#with-an-anchor) here.

{{ chart("a_chart_with_many_words") }}

!!! note "Box title"
    Body of the box.

| A | B |
| --- | --- |
| cell one | cell two |
"""
    text = wr.page_text(page)
    assert "Front matter" not in text and "far-away" not in text and "chart" not in text
    assert wr.count_words(text) == len("Heading words Some linked text here Box title Body of the box A B cell one cell two".split())


def test_words_are_counted_as_read():
    assert wr.count_words("don't 0.8–0.9 first/last peer-reviewed R01-level") == 5
    assert wr.count_words("Do—and Don’t—Do, 90 %") == 5
    assert wr.count_words("Top-tier research med schoolBridge / heavy clinicalTrack faculty") == 9  # run-together cells


def test_a_long_page_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(wr, "DOCS", tmp_path)
    (tmp_path / "titles-and-tracks").mkdir()
    (tmp_path / "titles-and-tracks" / "negotiating.md").write_text("# Negotiating\n\n" + "word " * 400)
    row = wr.Row("titles-and-tracks/negotiating.md", wr.page_words("titles-and-tracks/negotiating.md"),
                 wr.PASSAGES["titles-and-tracks/negotiating.md"].words)
    assert row.words == 401 and not row.ok
    assert wr.Row("figure page", wr.FIGURE_PAGE_WORDS + 1, 0).ok is False
