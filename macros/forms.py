"""Calculator forms, result containers and worked examples, rendered from the Python spec."""
from __future__ import annotations

import json
from html import escape
from typing import Any

from calculators import get
from calculators.contract import Calculator, Field
from calculators import urlstate
from calculators.answers import answer_text
from calculators.urlstate import encode
from calculators.what_would_change import empty_note

from tools.bundle import bundle

from .html_contract import ACTION, CLASS, DATA, ID_SCHEME, STORE
from .page_config import config_html

def early_start_script() -> str:
    """The inline script that starts the Python worker while the page is parsed: the bundle of
    ``web/page/early-start.js`` (a classic script calling launchEarly), as esbuild wrote it."""
    return bundle().inline("early-start")


# How form elements are named (ID_SCHEME, macros/html_contract.py): the control of field
# ``offers.1.label`` has the id ``calc-offers-1-label``, its help text ``...-help``, its error
# slot ``...-error``; a list's own error slot is ``calc-offers-error``. The page's spec carries
# the scheme (``ids``) for the runner, which renumbers list items; tests use field_id/error_id.

def field_id(name: str) -> str:
    """The id of a field's control (its name with dots as in shared links)."""
    return ID_SCHEME["prefix"] + name.replace(".", ID_SCHEME["separator"])


def help_id(name: str) -> str:
    return field_id(name) + ID_SCHEME["help"]


def error_id(name: str) -> str:
    """The id of the element that shows a field's error."""
    return field_id(name) + ID_SCHEME["error"]


def page_spec(calc: Calculator) -> dict[str, Any]:
    """What the page's runner reads: the calculator's spec (each field with its allowed values
    in plain words, ``allowed_words``), the URL codec's limits (calculators/urlstate.py) and the id
    scheme above."""
    return {**calc.spec(), "url": urlstate.limits(), "ids": ID_SCHEME}


def _num(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def allowed_words(f: Field) -> str:
    """The values a field allows, in plain words: the calculators' own (``Field.plain_allowed``)."""
    return f.plain_allowed()


def field_html(f: Field, prefix: str = "") -> str:
    """One labeled form control with its help text and an (empty) error slot. The unit is said
    once, in the allowed values under the control (a label that names it keeps it)."""
    name = prefix + f.name
    fid = field_id(name)
    describe = f'aria-describedby="{help_id(name)} {error_id(name)}"'
    common = f'id="{fid}" name="{escape(name)}" {describe}'
    if f.type == "choice" or (f.type == "boolean" and f.nullable):
        if f.type == "choice":
            options = [(c.value, c.label) for c in f.choices]
        else:
            options = [("", f.null_label), ("true", f.true_label), ("false", f.false_label)]
        if f.type == "choice" and f.nullable:
            options.insert(0, ("", f.null_label))
        default = "" if f.default is None else ("true" if f.default is True else "false" if f.default is False else str(f.default))
        opts = "".join(
            f'<option value="{escape(v)}"{" selected" if v == default else ""}>{escape(label)}</option>'
            for v, label in options)
        control = f'<select {common}>{opts}</select>'
    elif f.type == "boolean":
        checked = " checked" if f.default else ""
        control = f'<input type="checkbox" {common} value="true"{checked}>'
    elif f.type in ("number", "integer"):
        mode = "numeric" if f.type == "integer" else "decimal"
        step = _num(f.step) if f.step else ("1" if f.type == "integer" else "any")
        placeholder = f' placeholder="{escape(f.null_label)}"' if f.nullable else ""
        control = (f'<input type="number" {common} inputmode="{mode}" min="{_num(f.minimum)}" '
                   f'max="{_num(f.maximum)}" step="{step}" value="{_num(f.default)}"{placeholder}>')
    elif f.type == "date":
        control = f'<input type="date" {common} value="{escape(f.default or "")}">'
    else:
        control = (f'<input type="text" {common} maxlength="{f.max_length}" '
                   f'value="{escape(f.default or "")}" autocomplete="off">')
    allowed = (f' <span class="calc-allowed">Allowed: {escape(allowed_words(f))}.</span>'
               if f.type in ("number", "integer", "date", "text") else "")
    kind = "calc-field calc-check" if f.type == "boolean" and not f.nullable else "calc-field"
    label = f'<label for="{fid}">{escape(f.label)}</label>'
    parts = [control, label] if "calc-check" in kind else [label, control]
    shown = (f' {DATA.shown_if}="{escape(f.shown_if[0])}" {DATA.shown_values}="{escape(" ".join(f.shown_if[1]))}"'
             if f.shown_if else "")
    return (f'<div class="{kind}" {DATA.field}="{escape(name)}"{shown}>{"".join(parts)}'
            f'<p class="{CLASS.help}" id="{help_id(name)}">{escape(f.help)}{allowed}</p>'
            f'<p class="{CLASS.error}" id="{error_id(name)}" hidden></p></div>')


def item_card(f: Field, index: str, number: str, open_: bool) -> str:
    """One item of a list field as a card: a native <details> whose <summary> is the item's
    one-line summary (its number and name, and its main answers filled in by the page), so
    that a card collapses and opens by keyboard and without script. The cards of a list share a
    name: opening one closes the others, so the page holds one open offer at a time. "Done"
    folds the card the reader has filled in."""
    inner = "".join(field_html(sub, prefix=f"{f.name}.{index}.") for sub in f.items)
    return (f'<details class="calc-item" {DATA.item} name="calc-{escape(f.name)}"{" open" if open_ else ""}>'
            f'<summary class="calc-item-summary"><span class="{CLASS.item_name}">{escape(f.item_label)} {number}</span>'
            f'<span class="{CLASS.item_brief}"></span></summary>'
            f'<fieldset class="calc-item-fields"><legend class="visually-hidden">{escape(f.item_label)} {number}</legend>{inner}'
            f'<p class="calc-item-actions"><button type="button" class="md-button md-button--primary" '
            f'{DATA.action}="{ACTION.done_item}">Done</button>'
            f'<button type="button" class="md-button" {DATA.action}="{ACTION.remove_item}">Remove</button></p>'
            f'</fieldset></details>')


def list_template(f: Field) -> str:
    """A <template> for one item of a list field, with ``__INDEX__`` placeholders."""
    return f'<template {DATA.template}="{escape(f.name)}">{item_card(f, "__INDEX__", "__NUMBER__", False)}</template>'


# Inlined after a form with list fields: a shared link (a query in the address), or a return to
# a calculator whose inputs this tab kept (web/page/address.js), opens with its cards collapsed
# to their one-line summaries, before the page is first drawn (no shift later); a plain visit
# keeps the first open, to be filled in. The runner does the same after an instant navigation,
# where this may not run.
def collapse_script(slug: str) -> str:
    key = json.dumps(STORE.inputs + slug)
    return ('(() => { const form = document.currentScript.previousElementSibling; let kept = null;'
            f' try {{ kept = sessionStorage.getItem({key}); }} catch {{}}'
            ' if (location.search.length > 1 || kept) for (const card of form.querySelectorAll'
            f'("details[{DATA.item}]")) card.open = false; }})();')


def form(slug: str) -> str:
    """The form, generated from the calculator's fields; its spec rides along as JSON. Reset
    stands at its top, apart from the buttons that copy (after the result), beside the line that
    says what it did and offers to undo it."""
    calc = get(slug)
    parts = []
    for f in calc.fields:
        if f.type == "list":
            items = "".join(
                field_html_item(f, n) for n in range(len(f.default or [])))
            parts.append(
                f'<fieldset class="calc-list" {DATA.list}="{escape(f.name)}"><legend>{escape(f.label)}</legend>'
                f'<p class="{CLASS.help}">{escape(f.help)}</p><div class="{CLASS.items}">{items}</div>'
                f'<button type="button" class="md-button" {DATA.action}="{ACTION.add_item}" {DATA.target}="{escape(f.name)}">'
                f'Add another</button>'
                f'<p class="{CLASS.error}" id="{error_id(f.name)}" hidden></p>'
                f'{list_template(f)}</fieldset>')
        else:
            parts.append(field_html(f))
    # The spec rides on an attribute, not a <script> (instant navigation re-runs content scripts).
    spec = escape(json.dumps(page_spec(calc), ensure_ascii=False, separators=(",", ":")))
    return (f'<form class="calc-form" {DATA.form}="{escape(slug)}" {DATA.spec}="{spec}" novalidate autocomplete="off" '
            f'aria-label="{escape(calc.title)} inputs">'
            f'<div class="{CLASS.notices}" role="status" hidden></div>'
            f'<p class="calc-form-tools"><span class="{CLASS.form_note}" role="status"></span> '
            f'<button type="button" class="calc-reset" {DATA.action}="{ACTION.reset}">Reset all inputs</button></p>'
            f'{"".join(parts)}</form>'
            # on a line of its own: Zensical's Markdown puts it there, so both builds carry the same text
            + (f'\n<script>{collapse_script(slug)}</script>' if any(f.type == "list" for f in calc.fields) else ""))


def share(slug: str) -> str:
    """The buttons that copy the result (its link, its text, the negotiation email) and the
    email's preview, after the result: the page shows the email's only for a result with one."""
    return (f'<div class="calc-share" {DATA.share}="{escape(slug)}"><p class="calc-actions">'
            f'<button type="button" class="md-button md-button--primary" {DATA.action}="{ACTION.copy_link}">Copy link</button>'
            f'<button type="button" class="md-button" {DATA.action}="{ACTION.copy_summary}">Copy result as email text</button>'
            f'<button type="button" class="md-button" {DATA.action}="{ACTION.copy_email}" hidden>Copy negotiation email</button>'
            f'<span class="{CLASS.note}" role="status"></span></p>'
            # the negotiation email, readable before it is copied (filled in by the page, text only)
            # (a box of its own height that scrolls, reachable by keyboard: the page stays short)
            f'<details class="{CLASS.email}" hidden><summary>Read the negotiation email</summary>'
            f'<div class="{CLASS.email_text}" role="region" tabindex="0" aria-label="The negotiation email"></div>'
            f'</details></div>')


def summary(slug: str, result_anchor: str = "result") -> str:
    """The compact result summary for the top of a calculator page: band, score, headline and a
    link down to the full result (or, while a field needs fixing, a button to it). It starts in
    the loading state the page really is in; the runner fills it in (web/page/summary.js) and
    CSS keeps it on screen while scrolling."""
    calc = get(slug)
    return (f'<div class="calc-summary" {DATA.summary}="{escape(slug)}" {DATA.state}="loading" '
            f'role="group" aria-label="{escape(calc.title)}: result in short">'
            f'<p class="calc-summary-line"><strong class="{CLASS.summary_band}">Working out the result\u2026</strong>'
            f'<span class="{CLASS.summary_score}" hidden></span>'
            f'<a class="{CLASS.summary_link}" href="#{escape(result_anchor)}">Full result</a>'
            f'<button type="button" class="calc-summary-fix" {DATA.action}="{ACTION.fix}" hidden>Show the field</button></p>'
            f'<p class="{CLASS.summary_headline}">Python is loading; the guide and the form below work meanwhile.</p>'
            f'</div>')


def field_html_item(f: Field, n: int) -> str:
    return item_card(f, str(n), str(n + 1), True)


def result(slug: str, guide_url: str, config: dict[str, Any] | None) -> str:
    """The live result container the page runner fills in, and the buttons that copy it. With
    the page's runtime ``config`` (macros/page_config.py; given for the first calculator of a
    page only), also the config element, the inline early start and the runner's script."""
    calc = get(slug)
    section = (f'<section class="calc-result" {DATA.result}="{escape(slug)}" {DATA.state}="loading" '
               f'{DATA.version}="{escape(calc.version)}" aria-live="polite" '
               f'aria-busy="true" aria-label="{escape(calc.title)} result">'
               f'<p class="{CLASS.status}">Loading Python\u2026 The guide on this page is ready to read meanwhile.</p>'
               f'<p class="{CLASS.fallback}" hidden>The calculator could not start here. Your inputs are kept in '
               f'the address bar; the <a href="{escape(guide_url)}">guide</a> answers the same question.</p>'
               f'<div class="{CLASS.output}" hidden>'
               f'<p class="calc-band"><span class="{CLASS.band_label}"></span> <span class="{CLASS.score}"></span></p>'
               f'<p class="{CLASS.headline}"></p><dl class="{CLASS.metrics}"></dl>'
               f'<p class="{CLASS.subtitle}">What drove the result</p><ul class="{CLASS.factors}"></ul>'
               f'<p class="{CLASS.subtitle}">Next steps</p><ol class="{CLASS.next_steps}"></ol>'
               f'<p class="calc-version">Rules version {escape(calc.version)}.</p>'
               f'<p class="{CLASS.print_meta}"></p></div></section>') + share(slug)
    if config is None:
        return section
    return (section + config_html(config)
            # starts the Python worker at once (inline: no download, no wait for layout), then
            # the runner (one file, the bundle of web/page/start.js), which takes it over, while
            # the rest of the page loads
            + (f'<script>{early_start_script()}</script>' if config["flags"]["early_start"] else "")
            + f'<script type="module" async src="{escape(config["runner"])}" fetchpriority="high"></script>')


def value_text(f: Field, value: Any) -> str:
    """One input value as a reader would say it (as in the calculators' own sentences)."""
    return answer_text(f, value)


def describe_inputs(calc: Calculator, inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """Inputs as (label, value text) pairs for tables; a list field gives one row per item and sub-field."""
    rows = []
    for f in calc.fields:
        value = inputs.get(f.name)
        if f.type == "list":
            for n, item in enumerate(value or []):
                name = item.get("label") or f"{f.item_label} {n + 1}"
                rows += [(f"{name}: {sub.label}", value_text(sub, item.get(sub.name))) for sub in f.items
                         if sub.name != "label"]
        else:
            rows.append((f.label, value_text(f, value)))
    return rows


def list_table(f: Field, items: list[dict[str, Any]]) -> str:
    """A list field's items side by side: one column per item, one row per sub-field."""
    names = [item.get("label") or f"{f.item_label} {n + 1}" for n, item in enumerate(items)]
    head = "".join(f'<th scope="col">{escape(str(x))}</th>' for x in names)
    body = "".join(
        f'<tr><th scope="row">{escape(sub.label)}</th>'
        + "".join(f"<td>{escape(value_text(sub, item.get(sub.name)))}</td>" for item in items) + "</tr>"
        for sub in f.items if sub.name != "label")
    return f'<table class="calc-list-table"><thead><tr><td></td>{head}</tr></thead><tbody>{body}</tbody></table>'


def worked_examples(slug: str, calc_url: str) -> str:
    """Each named example run through the calculator now, at build time."""
    calc = get(slug)
    blocks = []
    for ex in calc.examples:
        res = calc.run(dict(ex.inputs))
        plain = [f for f in calc.fields if f.type != "list"]
        rows = "".join(f"<tr><th scope=\"row\">{escape(f.label)}</th><td>{escape(value_text(f, res['inputs'][f.name]))}</td></tr>"
                       for f in plain)
        tables = f"<table><tbody>{rows}</tbody></table>" if rows else ""
        lists = [f for f in calc.fields if f.type == "list"]
        metrics = "".join(
            f"<li>{escape(label)}: <strong>{escape(str(res[key]))}{escape(unit if unit == '%' else ' ' + unit if unit else '')}</strong></li>"
            for key, label, unit in calc.metrics if key in res and res[key] is not None)
        if res.get("ranking"):
            metrics += "<li>Ranking: " + ", ".join(
                f"{n + 1}. {escape(r['label'])} ({r['score']:g}, "
                f"<span {DATA.band}=\"{escape(r['band'])}\">{escape(r['band_label'])}</span>)"
                for n, r in enumerate(res["ranking"])) + "</li>"
        score = "" if res["score"] is None else f' (score {res["score"]:g} of 100)'
        link = f"{calc_url}?{encode(calc, res['inputs'])}"
        changes = "".join(f'<li {DATA.field}="{escape(c["field"])}" {DATA.band}="{escape(c["band"])}">{escape(c["ask"])}</li>'
                          for c in res["what_would_change"])
        changes = (f'<ul class="what-would-change">{changes}</ul>' if changes else
                   f'<p class="what-would-change">{escape(empty_note(calc, res["inputs"]))}</p>')
        outcome = (f'<ul><li>Result: <strong {DATA.band}="{escape(res["band"])}">'
                   f'{escape(res["band_label"])}</strong>{score}</li>{metrics}</ul>')
        more = f'<p>What would change it:</p>{changes}'
        if lists:
            # a list's items (the offers) side by side are long on a phone: the result first, the
            # offers and what would change it folded, one tap away
            outcome += (f'<details class="calc-example-inputs"><summary>{escape(lists[0].label)} side by side, and what '
                        f'would change the result</summary>'
                        + "".join(list_table(f, res["inputs"][f.name]) for f in lists) + f'{more}</details>')
            more = ""
        blocks.append(
            f'### {ex.title} {{#example-{ex.name}}}\n\n'
            f'<div class="worked-example" {DATA.example}="{escape(ex.name)}" {DATA.band}="{escape(res["band"])}">'
            f'{tables}{outcome}{more}'
            f'<p><a href="{escape(link)}">Open this example in the calculator</a></p></div>\n\n')
    return ("".join(blocks) + f'<p class="chart-note">Computed when this site was built, by the same code as '
            f'the calculator (rules version {escape(calc.version)}).</p>\n')
