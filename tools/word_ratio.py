"""Word ratio of each guide page against the article passage it covers.

Usage: python -m tools.word_ratio            print the table (page, page words, passage words, ratio)
       python -m tools.word_ratio --check    the same; exit 1 when a page or a guide is over LIMIT,
                                             a guide page is not mapped, or a recorded passage
                                             count no longer matches the article

The guides turn two articles into a reference; they should not be longer than what they restate.
``PASSAGES`` maps every guide page to the sections of its article that it covers, by the article's
own headings: an article is cut at every heading named there, and each piece belongs to the page
that names its heading, so the pages of a guide share out the whole article, once. A page passes
when its words are at most ``LIMIT`` times its passage's, and so does each guide as a whole
against its whole article.

What is counted, on both sides, is the prose a reader reads:

- a page as rendered: Markdown turned into HTML with the site's extensions, then its visible text
  (headings, paragraphs, lists, tables, admonition titles, link text). Not counted: the front
  matter (its title is the page's H1, which is counted), link targets and other attributes,
  abbreviation definitions (tooltips), and whatever a macro (``{{ ... }}``) writes: charts,
  flowcharts, the questions checklist, calculator boxes and worked examples are generated from
  ``calculators/`` and are not the page's prose;
- an article passage as published, without its page chrome (site logo, date, reading time, image
  captions, the advertising and "Related Articles" at the end) and without the data of its charts
  and flowcharts (the ``bar chart:`` or ``Mermaid flowchart`` line, the figure's title and its
  ``Category / Value`` or ``Step / Description`` rows): the site draws those with the macros left
  out above.

A word is a run of letters or digits, joined by an apostrophe, a period, a slash, a hyphen or an
en dash ("don't", "0.8", "first/last", "peer-reviewed", "6–9" are one word each); an em dash
separates words. The articles' text extraction runs table cells together ("schoolBridge"), so a
lower-case letter followed by a capitalized word starts a new word, on both sides alike.

A page whose passage is only a figure (the decision flow) has no prose to be measured against; it
may carry up to ``FIGURE_PAGE_WORDS`` words of its own around the figure. Its words still count
towards its guide's total.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LIMIT = 1.2  # page words / passage words, for each page and each guide
FIGURE_PAGE_WORDS = 80  # a page whose passage is only a figure: lead, branch links, a marked reading

ARTICLE_FILES = {
    "titles": "001_69b58b46e5b696d3.txt",  # Academic Titles and Tracks Decoded (2026-01-07)
    "tracks": "000_219d4a1edd3d0c58.txt",  # The Truth About Education Tracks (2026-01-08)
}


@dataclass(frozen=True)
class Passage:
    """The article and the headings (its own lines, verbatim) whose sections a page covers, and
    the passage's word count as recorded here. The articles are not in the repository, so the
    ratios are computed against these numbers; wherever the articles are at hand,
    ``recount_mismatches`` (run by ``--check`` and the tests) counts them again."""

    article: str
    headings: tuple[str, ...]
    words: int


# guide folder -> the article it restates
GUIDES = {"titles-and-tracks": "titles", "education-tracks": "tracks"}

T, E = "titles", "tracks"
PASSAGES: dict[str, Passage] = {
    # Faculty appointments <- "Academic Titles and Tracks Decoded"
    "titles-and-tracks/index.md": Passage(T, (
        "Academic Titles and Tracks Decoded: Instructor vs Assistant Professor Roles",  # the opening scene
        "The Core Distinction: Title vs Track vs FTE"), 264),
    "titles-and-tracks/instructor.md": Passage(T, ("What “Instructor” Usually Means (And When It Is Fine)",), 335),
    "titles-and-tracks/assistant-professor.md": Passage(T, ("Assistant Professor: The Real Entry-Level Faculty Rank",), 148),
    "titles-and-tracks/institutions.md": Passage(T, (
        "How Different Institutions Use “Instructor” vs “Assistant Professor”",), 258),
    "titles-and-tracks/tracks.md": Passage(T, ("Tracks: Clinician-Educator vs Research vs Pure Clinical",), 403),
    "titles-and-tracks/pay-promotion-mobility.md": Passage(T, ("How Titles Affect Pay, Promotion, and Mobility",), 414),
    "titles-and-tracks/instructor-offers.md": Passage(T, ("Red-Flag and Green-Flag Instructor Offers",), 267),
    "titles-and-tracks/questions.md": Passage(T, ("Questions You Must Ask Before Signing Anything",), 268),
    "titles-and-tracks/misconceptions.md": Passage(T, ("Common Misconceptions Residents Have",), 195),
    "titles-and-tracks/decision-flow.md": Passage(T, ("Mermaid flowchart TD diagram",), 0),  # the flowchart only
    "titles-and-tracks/negotiating.md": Passage(T, ("How I Would Approach Negotiation As a New Grad",), 219),
    "titles-and-tracks/five-to-ten-years.md": Passage(T, (
        "Quick Reality Check: What Actually Matters 5–10 Years Out", "Three Things To Remember"), 212),
    # Education tracks <- "The Truth About Education Tracks"
    "education-tracks/index.md": Passage(E, (
        "The Truth About Education Tracks: What They Do—and Don’t—Do for Promotion",  # the opening
        "What Education Tracks Really Are (Not the Brochure Version)",
        "Key takeaways:"), 342),
    "education-tracks/committees.md": Passage(E, ("How Promotion Committees Actually View Education Tracks",), 262),
    "education-tracks/what-tracks-help.md": Passage(E, ("What Education Tracks Actually Help With",), 449),
    "education-tracks/what-tracks-dont-do.md": Passage(E, ("What Education Tracks Absolutely Do Not Do",), 358),
    "education-tracks/weighing-contributions.md": Passage(E, (
        "How Committees Actually Weigh Common Education “Contributions”",), 112),
    "education-tracks/making-it-work.md": Passage(E, (
        "If You’re On an Education Track Now: How to Make It Actually Work for You",), 356),  # with its flowchart
    "education-tracks/myths.md": Passage(E, ("Common Myths I Hear in Hallways (and Why They’re Dangerous)",), 163),
    "education-tracks/real-or-cosmetic.md": Passage(E, (
        "How to Know if Your Institution’s Education Track is Real or Cosmetic",), 179),
    "education-tracks/upside.md": Passage(E, ("The Hidden Upside of Education Tracks—If You Play Them Right",), 178),
    "education-tracks/faq.md": Passage(E, ("FAQ (Exactly 3 Questions)",), 300),
}

# ---------- counting ----------

WORD = re.compile(r"[A-Za-z0-9]+(?:['’./\-–][A-Za-z0-9]+)*")
RUN_TOGETHER = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "schoolBridge" -> "school Bridge"


def count_words(text: str) -> int:
    return len(WORD.findall(RUN_TOGETHER.sub(" ", text)))


# ---------- pages ----------

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]  # mkdocs.yml's, bar snippets


class _Text(HTMLParser):
    """The visible text of an HTML fragment, a space between elements."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.parts.append(" ")
        self._hidden += tag in ("script", "style", "template")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")
        self._hidden -= tag in ("script", "style", "template")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def page_text(source: str) -> str:
    """A page's Markdown as its reader reads it (see the module docstring for what is left out)."""
    body = MACRO.sub("", FRONT_MATTER.sub("", source))
    html = markdown.markdown(body, extensions=EXTENSIONS)
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def page_words(page: str) -> int:
    return count_words(page_text((DOCS / page).read_text(encoding="utf-8")))


# ---------- articles ----------

CHROME_LINE = re.compile(r"^(Residency Advisor Logo.*|[A-Z][a-z]+ \d{1,2}, \d{4}|\d+ minute read|.* -  for .*)$")
CHROME_END = "SmartPick - Residency Selection Made Smarter"
FIGURE_START = re.compile(r"^(h?bar chart:|Mermaid flowchart)")
FIGURE_ROWS = ("CategoryValue", "StepDescription")


def seeds_dir() -> Path:
    """The folder of the two articles: $SEEDS_DIR, else the first ``shared/seeds`` beside or above
    the project (the articles are not part of the repository)."""
    if os.environ.get("SEEDS_DIR"):
        return Path(os.environ["SEEDS_DIR"])
    for parent in ROOT.parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    raise FileNotFoundError("the source articles were not found: set SEEDS_DIR to their folder")


@lru_cache(maxsize=None)
def article_lines(article: str) -> tuple[str, ...]:
    """An article's lines without page chrome and without its figures' data (kept: the line that
    starts a figure, so that a passage can begin there)."""
    lines = (seeds_dir() / ARTICLE_FILES[article]).read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    state = "text"  # text | figure (marker seen) | rows (header row seen)
    for line in lines:
        text = line.strip()
        if text.startswith(CHROME_END) or text == "overview":
            break
        if FIGURE_START.match(text):
            state = "figure"
            out.append(text)
            continue
        if state == "figure" and text in FIGURE_ROWS:
            state = "rows"
        elif state == "rows" and not text:
            state = "text"
        if state == "text" and not CHROME_LINE.match(text):
            out.append(text)
    return tuple(out)


def split_article(article: str) -> dict[str, str]:
    """Heading -> the text from that heading to the next heading named in ``PASSAGES``."""
    headings = [h for p in PASSAGES.values() if p.article == article for h in p.headings]
    lines = article_lines(article)
    starts = {}
    for h in headings:
        found = [i for i, ln in enumerate(lines) if ln == h]
        if len(found) != 1:
            raise ValueError(f"heading {h!r} occurs {len(found)} times in the {article} article")
        starts[found[0]] = h
    if 0 not in starts and any(ln for ln in lines[:min(starts)]):
        raise ValueError(f"the {article} article has text before its first mapped heading")
    cuts = sorted(starts) + [len(lines)]
    return {starts[a]: "\n".join(ln for ln in lines[a:b] if not FIGURE_START.match(ln))
            for a, b in zip(cuts, cuts[1:], strict=False)}


def passage_words(page: str) -> int:
    """The words of a page's passage, counted in the article now."""
    p = PASSAGES[page]
    pieces = split_article(p.article)
    return sum(count_words(pieces[h]) for h in p.headings)


def recount_mismatches() -> list[str]:
    """Pages whose recorded passage count differs from a count of the article (needs the articles)."""
    return [f"{page}: recorded {p.words}, the article has {passage_words(page)}"
            for page, p in PASSAGES.items() if passage_words(page) != p.words]


# ---------- report ----------

@dataclass(frozen=True)
class Row:
    name: str
    words: int
    passage: int

    @property
    def ratio(self) -> float | None:
        return self.words / self.passage if self.passage else None

    @property
    def ok(self) -> bool:
        return self.words <= FIGURE_PAGE_WORDS if not self.passage else self.ratio <= LIMIT + 1e-9


def rows() -> list[Row]:
    """One row per guide page, then one per guide (its pages against its whole article)."""
    out = [Row(page, page_words(page), p.words) for page, p in PASSAGES.items()]
    for folder in GUIDES:
        mine = [r for r in out if r.name.startswith(folder + "/")]
        out.append(Row(f"{folder}/ (whole guide)", sum(r.words for r in mine), sum(r.passage for r in mine)))
    return out


def unmapped_pages() -> list[str]:
    """Guide pages that ``PASSAGES`` does not map (each one must be)."""
    pages = sorted(p.relative_to(DOCS).as_posix() for folder in GUIDES for p in (DOCS / folder).glob("*.md"))
    return [p for p in pages if p not in PASSAGES]


def table(report: list[Row]) -> str:
    lines = [f"{'page':48} {'page':>6} {'passage':>8} {'ratio':>6}", f"{'':48} {'words':>6} {'words':>8}"]
    for r in report:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else f"(figure: at most {FIGURE_PAGE_WORDS} words)"
        lines.append(f"{r.name:48} {r.words:6} {r.passage:8} {ratio:>6}{'' if r.ok else '  OVER'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help=f"exit 1 when a page or guide is over {LIMIT}")
    args = parser.parse_args(argv)
    report = rows()
    print(table(report))
    problems = [f"over {LIMIT} times its passage: {r.name}" for r in report if not r.ok]
    problems += [f"not mapped to a passage: {page}" for page in unmapped_pages()]
    try:
        problems += recount_mismatches()
    except FileNotFoundError as err:
        print(f"(passage counts as recorded: {err})")
    print("\n".join(problems))
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
