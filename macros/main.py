"""mkdocs-macros entry point: the functions pages may call.

Everything rendered here is computed from the ``calculators`` package at build time, so pages,
forms and worked examples cannot drift from the code that scores them.
"""
from __future__ import annotations

import importlib
import posixpath
from html import escape
from pathlib import Path
from typing import Any

from calculators import CALCULATORS, get
from calculators.evidence import ARTICLES
from calculators.questions import QUESTIONS

from . import charts, diagrams, forms, letter_panel, rules
from .html_contract import ACTION, CLASS, DATA
from .links import relative
from .page_config import page_config, settings


def source_path(page: Any) -> str:
    """The page's Markdown file relative to ``docs/`` (MkDocs: ``page.file.src_uri``; Zensical's
    page has no ``file``, its ``path`` is that file)."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def define_env(env: Any) -> None:
    """Register the macros."""
    flags, limits = settings(env.conf.get("extra"))
    pages_with_config: set[str] = set()

    def here() -> str:
        return env.page.url if env.page is not None else ""

    def link(target: str) -> str:
        return relative(here(), target)

    def md_link(target: str) -> str:
        """A Markdown link target (``../x/y.md#a``) for site path ``target``, so MkDocs checks it."""
        path, _, anchor = target.partition("#")
        page = path.strip("/")
        docs = Path(env.conf.get("root_dir", ".")) / env.conf["docs_dir"]  # MkDocs: absolute already
        src = f"{page}/index.md" if (docs / page / "index.md").exists() or not page else f"{page}.md"
        here_dir = posixpath.dirname(source_path(env.page)) if env.page is not None else ""
        rel = posixpath.relpath(src, here_dir or ".")
        return rel + (f"#{anchor}" if anchor else "")

    @env.macro
    def chart(key: str) -> str:
        """A bar chart of one of the articles' data series."""
        return charts.chart(key, link("sources/#articles"))

    @env.macro
    def article(key: str) -> str:
        """A source article's full title, in italics (titles live once, in calculators.evidence)."""
        return f"*{ARTICLES[key].full_title}*"

    @env.macro
    def flowchart(key: str) -> str:
        """One of the articles' flowcharts, as HTML."""
        return diagrams.flowchart(key)

    @env.macro
    def questions_checklist() -> str:
        """The questions to ask before signing, as a checklist that can be ticked and copied."""
        items = "".join(
            f'<li class="task-list-item" id="{q.anchor}"><label class="task-list-control">'
            f'<input type="checkbox"><span class="task-list-indicator"></span> '
            f'<strong class="{CLASS.checklist_question}">{escape(q.ask)}</strong> '
            f'<span class="checklist-why">{escape(q.why)}</span></label></li>' for q in QUESTIONS)
        return (f'<div class="checklist" {DATA.checklist}="questions-before-signing">'
                f'<ol class="task-list">{items}</ol>'
                f'<p class="checklist-actions"><button type="button" class="md-button" {DATA.action}="{ACTION.copy_checklist}">'
                f'Copy the questions as text</button> <span class="{CLASS.checklist_note}" role="status"></span></p></div>')

    @env.macro
    def calculator_link(slug: str) -> str:
        """A box pointing to a calculator; renders nothing for a calculator not yet built."""
        if slug not in CALCULATORS:
            return ""
        calc = get(slug)
        return (f'!!! tip "Try it: {calc.title}"\n\n    {calc.summary} '
                f'[Open the calculator]({md_link("calculators/" + slug + "/")}).\n')

    @env.macro
    def calculator_summary(slug: str) -> str:
        """The compact result summary that stays on screen (place it under the page title)."""
        return forms.summary(slug)

    @env.macro
    def calculator_form(slug: str) -> str:
        return forms.form(slug)

    @env.macro
    def letter_reader(slug: str) -> str:
        """"Read my offer letter": fills the calculator's form from the reader's own letter."""
        return letter_panel.panel(slug)

    @env.macro
    def calculator_result(slug: str) -> str:
        if env.page is not None and not env.page.meta.get("calculator_page"):
            raise ValueError(f"{source_path(env.page)} shows a calculator: its front matter needs "
                             "`calculator_page: true` (the theme's bundle then waits for Python's first answer)")
        config = None
        if here() not in pages_with_config:  # one runtime config (and early start) per page
            pages_with_config.add(here())
            config = page_config(link, flags, limits)
        return forms.result(slug, link(get(slug).sections[0][1]), config)

    @env.macro
    def worked_examples(slug: str) -> str:
        return forms.worked_examples(slug, link(f"calculators/{slug}/"))

    @env.macro
    def calculator_sections(slug: str) -> str:
        """Markdown list of the guide sections a calculator rests on."""
        return "\n".join(f"- [{title}]({md_link(path)})" for title, path in get(slug).sections) + "\n"

    @env.macro
    def calculators_table() -> str:
        """A Markdown table of every registered calculator (in registry order), linking its page.
        Written here rather than as a loop in the page: a link checker reading the page's
        source (Zensical's) would see ``{{ calc.slug }}.md`` as a page that does not exist."""
        rows = [f"| [{c.title}]({md_link(f'calculators/{c.slug}/')}) | {c.summary} |" for c in CALCULATORS.values()]
        return "\n".join(["| Calculator | Use it when |", "| --- | --- |", *rows]) + "\n"

    @env.macro
    def calculator(slug: str) -> Any:
        """The calculator object, for page text (title, version, bands)."""
        return get(slug)

    @env.macro
    def calculator_rules(slug: str) -> Any:
        """The calculator's module, so page text can quote its weights and thresholds."""
        return importlib.import_module(get(slug).compute.__module__)

    @env.macro
    def rules_table(slug: str) -> str:
        """The calculator's "How it decides" table, from its rules: each rule, the article passage
        it encodes, and whose rule it is (the site's judgments marked)."""
        return rules.rules_table(get(slug))
