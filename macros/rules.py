"""The "How it decides" table of a calculator page, made from the calculator's rules."""
from __future__ import annotations

from html import escape

from calculators.contract import Calculator


def rules_table(calc: Calculator) -> str:
    """One row per rule: what the calculator does, the article passage it encodes (a short quotation
    or a paraphrase, with the article and section), and whose rule it is. The site's judgments carry
    ``data-judgment`` and say so in words. Folded under a one-line summary, so that the page stays
    short on a phone (the site's print style prints it open)."""
    rows = "".join(
        f'<tr data-rule="{escape(r.key)}"{" data-judgment" if r.judgment else ""}>'
        f"<td>{escape(r.says)}</td>"
        f'<td>{escape(r.passage.text)} <span class="rule-where">({escape(r.passage.where)})</span></td>'
        f"<td>{'<strong>' + escape(r.whose) + '</strong>' if r.judgment else escape(r.whose)}</td></tr>"
        for r in calc.rules)
    judged = sum(r.judgment for r in calc.rules)
    return (f'<details class="calc-rules-box"><summary>The {len(calc.rules)} rules, each beside the article passage '
            f"it encodes ({judged} of them this site's judgment)</summary>"
            f'<table class="calc-rules" data-rules="{escape(calc.slug)}"><thead><tr><th scope="col">Rule</th>'
            f'<th scope="col">From the article</th><th scope="col">Whose</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>\n")
