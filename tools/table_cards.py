"""Wide tables read as stacked cards on a phone, without JavaScript.

At build time every plain Markdown table with three or more columns gets ``data-cards`` and
each body cell a ``data-label`` with its column's heading; ``docs/assets/site.css`` shows each
row as a card, each cell under its label, at phone width. Wider screens keep the table.
"""
from __future__ import annotations

import re

MIN_COLUMNS = 3

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)  # plain Markdown tables only (no class)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_TD = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def _label(cell_html: str) -> str:
    """A heading cell's text, safe inside a double-quoted attribute."""
    return " ".join(_TAG.sub("", cell_html).split()).replace('"', "&quot;")


def _label_row(row: re.Match, labels: list[str]) -> str:
    cells = iter(labels)
    return "<tr>" + _TD.sub(lambda m: f'<td data-label="{next(cells, "")}"', row.group(1)) + "</tr>"


def _card_table(table: re.Match) -> str:
    inner = table.group(1)
    labels = [_label(h) for h in _TH.findall(inner.split("</thead>")[0])] if "<thead>" in inner else []
    if len(labels) < MIN_COLUMNS:
        return table.group(0)
    body = _TBODY.sub(lambda b: "<tbody>" + _ROW.sub(lambda r: _label_row(r, labels), b.group(1)) + "</tbody>", inner)
    return f"<table data-cards>{body}</table>"


def stack_wide_tables(html: str) -> str:
    """``html`` with its plain tables of ``MIN_COLUMNS`` or more columns marked up as cards."""
    return _TABLE.sub(_card_table, html)
