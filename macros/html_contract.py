"""The page's HTML contract: the ``data-`` attributes, classes, action names and ids that the
build writes (macros/forms.py, macros/main.py) and the page scripts read (web/page/).

Python's side of a table kept twice: ``web/page/contract.js`` is its twin for the scripts, and
``tests/test_html_contract.py`` fails when the two differ, when the built pages carry an
unprefixed name of the calculators' or a script spells a name of this table outside contract.js.
Every name is prefixed: ``data-calc-*`` for attributes, ``calc-*`` for classes and ids.
"""
from __future__ import annotations

from types import SimpleNamespace as Names  # a table of names read as attributes (vars() lists them)


# data- attributes. The value each carries is in the comment.
DATA = Names(
    form="data-calc-form",  # <form>: the calculator's slug
    spec="data-calc-spec",  # <form>: the calculator's spec as JSON (macros/forms.py, page_spec)
    result="data-calc-result",  # the result container: the slug
    summary="data-calc-summary",  # the result in short under the title: the slug
    share="data-calc-share",  # the copy buttons and the email preview after the result: the slug
    state="data-calc-state",  # result and summary: loading | ready | invalid | error
    band="data-calc-band",  # anything that shows a band: the band's key (colors: site.css)
    boot="data-calc-boot",  # the result container once Python runs: snapshot | pyc
    version="data-calc-version",  # the result container: the rules version
    failure="data-calc-failure",  # the result container when the calculator cannot answer: the failure code (web/page/failures.js)
    list="data-calc-list",  # a list field's <fieldset>: the field's name
    item="data-calc-item",  # one item (card) of a list field
    template="data-calc-template",  # the <template> of a list's item: the field's name
    field="data-calc-field",  # a field's wrapper: the field's name as links spell it
    shown_if="data-calc-shown-if",  # a field shown only for some values of a sibling: its name
    shown_values="data-calc-shown-values",  # ... and those values, space-separated
    action="data-calc-action",  # a button: one of ACTION
    target="data-calc-target",  # what an action acts on: a list's or a field's name
    example="data-calc-example",  # a worked example: its name
    checklist="data-calc-checklist",  # a checklist that can be copied: its name
    letter="data-calc-letter",  # "Read my offer letter" (macros/letter_panel.py): the calculator's slug
    max_bytes="data-calc-max-bytes",  # its file picker: the largest file the reader takes (calculators/letter_pdf.py)
)

# What a button does (the value of DATA.action).
ACTION = Names(
    copy_link="copy-link",
    copy_summary="copy-summary",
    copy_email="copy-email",
    add_item="add-item",
    remove_item="remove-item",
    done_item="done-item",
    reset="reset",
    fix="fix",
    copy_checklist="copy-checklist",
    # on buttons the scripts make: an answer worth asking (to its field), undoing a reset
    answer="answer",
    undo="undo",
    # the letter reader's: read the pasted text or chosen file, fill the form from what it found
    read_letter="read-letter",
    fill_letter="fill-letter",
)

# Classes of elements the build writes and the scripts find or fill.
CLASS = Names(
    items="calc-items",  # a list's items
    item_name="calc-item-name",  # a card's number and name, in its one-line summary
    item_brief="calc-item-brief",  # a card's main answers, in its one-line summary
    help="calc-help",  # a field's help text
    error="calc-error",  # a field's error slot
    note="calc-note",  # what a button just did ("Link copied."), a status
    form_note="calc-form-note",  # what the form just did ("Inputs reset." and its Undo), a status
    notices="calc-notices",  # what a link carried that could not be used
    status="calc-status",  # the result's status line
    fallback="calc-fallback",  # where to read on when the calculator cannot run
    output="calc-output",  # the result itself
    band_label="calc-band-label",
    score="calc-score",
    headline="calc-headline",
    metrics="calc-metrics",
    factors="calc-factors",
    next_steps="calc-next-steps",
    print_meta="calc-print-meta",
    subtitle="calc-subtitle",  # a result's part title ("Next steps"), also on the parts the scripts add  # printed under the result: rules version, date, link
    email="calc-email",  # the negotiation email's preview
    email_text="calc-email-text",
    summary_band="calc-summary-band",
    summary_score="calc-summary-score",
    summary_headline="calc-summary-headline",
    summary_link="calc-summary-link",
    checklist_question="calc-checklist-question",
    checklist_note="calc-checklist-note",
    letter_text="calc-letter-text",  # the letter reader's box for pasted text
    letter_file="calc-letter-file",  # its file picker
    letter_status="calc-letter-status",  # what it is doing or could not do, a status
    letter_found="calc-letter-found",  # what it found: the facts to confirm, the gaps, the fill button
    letter_facts="calc-letter-facts",
    letter_gaps="calc-letter-gaps",
    letter_offer="calc-letter-offer",  # on the comparison: which offer the letter fills
)

# What the page keeps in the tab's session storage (web/page/address.js): the key of a
# calculator's latest inputs is this prefix and its slug; the value is their query string.
STORE = Names(inputs="calc-inputs:")

# Field ids: the control of "offers.1.label" is "calc-offers-1-label", its help "...-help", its
# error slot "...-error" (the page's spec carries this scheme, "ids", for the scripts).
ID_SCHEME = {"prefix": "calc-", "separator": "-", "help": "-help", "error": "-error"}
