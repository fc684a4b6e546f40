"""Rules you can trace: every rule that decides a verdict carries the article passage it encodes, and
every worked example carries the verdict it must get.

The quotations are checked against the articles themselves (``shared/seeds/`` beside the project):
each is shorter than ten words and appears in the article, under the section it names; a
paraphrase shares no run of ten words with any article.
"""
from __future__ import annotations

import re

import pytest

import calculators
from calculators.evidence import ARTICLES
from calculators.rules import MAX_QUOTED_WORDS, Passage, Rule
from conftest import ROOT
from macros.rules import rules_table

SLUGS = sorted(calculators.CALCULATORS)
SEEDS = next((d for d in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds") if d.is_dir()),
             None)
SEED_FILES = {"tracks": "000_219d4a1edd3d0c58.txt", "titles": "001_69b58b46e5b696d3.txt"}


def normal(text: str) -> str:
    """Text as compared: lower case, curly quotes and apostrophes straightened, quotation marks and
    spacing dropped (the articles quote words the rules quote plain)."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u201c\u201d\"]", "", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", normal(text))


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    if SEEDS is None:
        pytest.skip("the articles (shared/seeds) are not beside this checkout")
    return {key: (SEEDS / name).read_text(encoding="utf-8") for key, name in SEED_FILES.items()}


def all_rules() -> list:
    return [pytest.param(calc, rule, id=f"{slug}-{rule.key}")
            for slug, calc in sorted(calculators.CALCULATORS.items()) for rule in calc.rules]


# ---------- every worked example carries its verdict ----------

EXAMPLES = [pytest.param(calc, ex, id=f"{slug}-{ex.name}")
            for slug, calc in sorted(calculators.CALCULATORS.items()) for ex in calc.examples]


@pytest.mark.parametrize("calc, example", EXAMPLES)
def test_every_worked_example_gets_the_band_it_declares(calc, example):
    assert example.expected in calc.bands, f"{example.name} declares no expected band"
    assert calc.run(dict(example.inputs))["band"] == example.expected


# ---------- every deciding rule is data, with its passage ----------

@pytest.mark.parametrize("slug", SLUGS)
def test_every_calculator_declares_its_rules(slug):
    calc = calculators.get(slug)
    keys = [r.key for r in calc.rules]
    assert len(keys) >= 5 and len(keys) == len(set(keys))
    assert any(r.judgment for r in calc.rules) and any(not r.judgment for r in calc.rules), \
        "the site's judgments are marked, the articles' rules are not"


@pytest.mark.parametrize("calc, rule", all_rules())
def test_each_quotation_is_short_and_in_the_article_under_its_section(calc, rule: Rule, articles):
    p = rule.passage
    text = articles[p.article]
    assert normal(p.section) in normal(text), f"no section {p.section!r} in the {p.article} article"
    if p.quoted:
        assert len(words(p.words)) <= MAX_QUOTED_WORDS
        start = normal(text).index(normal(p.section))
        assert normal(p.words) in normal(text)[start:], f"{p.words!r} is not in the article after {p.section!r}"
    else:
        tokens = words(p.words)
        article = words(text)
        runs = {tuple(article[i:i + 10]) for i in range(len(article) - 9)}
        assert not any(tuple(tokens[i:i + 10]) in runs for i in range(len(tokens) - 9)), "a copied run"


@pytest.mark.parametrize("calc, rule", all_rules())
def test_no_rule_copies_ten_words_from_an_article(calc, rule: Rule, articles):
    article = {tuple(ws[i:i + 10]) for t in articles.values() for ws in [words(t)] for i in range(len(ws) - 9)}
    tokens = words(rule.says)
    assert not any(tuple(tokens[i:i + 10]) in article for i in range(len(tokens) - 9)), rule.says


def test_a_quotation_of_ten_words_is_refused():
    with pytest.raises(ValueError, match="at most 9 words"):
        Passage("titles", "Three Things To Remember", "one two three four five six seven eight nine ten")
    with pytest.raises(ValueError, match="unknown article"):
        Passage("novel", "Chapter 1", "words")
    assert set(SEED_FILES) == set(ARTICLES)


# ---------- the "How it decides" table is made from the rules ----------

@pytest.mark.parametrize("slug", SLUGS)
def test_the_rules_table_shows_each_rule_its_passage_and_whose_it_is(slug):
    calc = calculators.get(slug)
    html = rules_table(calc)
    rows = re.findall(r"<tr data-rule=\"([^\"]+)\"( data-judgment)?>(.*?)</tr>", html)
    assert [key for key, _, _ in rows] == [r.key for r in calc.rules]
    for (_key, judged, row), rule in zip(rows, calc.rules, strict=True):
        plain = re.sub(r"<[^>]+>", "", row).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
        assert rule.says in plain and rule.passage.words in plain and ARTICLES[rule.passage.article].title in plain
        assert bool(judged) == rule.judgment
        assert ("This site's judgment" in plain) == rule.judgment
