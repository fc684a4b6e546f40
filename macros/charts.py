"""Bar charts as plain HTML: the values are text, the bars are decoration."""
from __future__ import annotations

from html import escape

from calculators.evidence import SERIES


def chart(key: str, sources_url: str) -> str:
    """An accessible horizontal bar chart of one of the articles' series."""
    s = SERIES[key]
    rows = []
    for label, value in s.points:
        width = 100 * value / s.maximum
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th>'
            f'<td><svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect width="{width:.1f}" height="10"></rect></svg>'
            f'<span class="chart-value">{value:g}</span></td></tr>'
        )
    title, publisher, date = s.article.full_title, s.article.publisher, s.article.published
    return (
        f'<figure class="chart" id="chart-{escape(key.replace("_", "-"))}">'
        f'<figcaption>{escape(s.title)} <span class="chart-unit">({escape(s.unit)})</span></figcaption>'
        f'<table class="chart-table"><thead><tr><th scope="col">Category</th>'
        f'<th scope="col">Value ({escape(s.unit)})</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<p class="chart-note">{escape(s.note)} Informal estimate from '
        f'<a href="{escape(sources_url)}">\u201c{escape(title)}\u201d</a> ({escape(publisher)}, {escape(date)}).</p>'
        f'</figure>'
    )
