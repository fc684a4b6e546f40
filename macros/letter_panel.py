"""The "Read my offer letter" panel of the Instructor offer check and the offer comparison.

The reader pastes the letter's text or chooses its file; the page (web/page/letter.js) has the
calculators' worker read it (calculators/letter_fill.py) and shows what it found to confirm
before one tap fills the form. The panel sits outside the calculator's form, so nothing in it is
an input: the letter never enters the address, the share link or the tab's storage.
"""
from __future__ import annotations

from html import escape

from calculators.letter_fill import TARGETS
from calculators.letter_pdf import MAX_FILE_BYTES

from .html_contract import ACTION, CLASS, DATA


def panel(slug: str) -> str:
    """The panel's HTML for ``slug`` (one of ``letter_fill.TARGETS``)."""
    if slug not in TARGETS:
        raise ValueError(f"the letter reader fills {', '.join(TARGETS)}, not {slug!r}")
    s = escape(slug)
    text_id, file_id = f"calc-letter-text-{s}", f"calc-letter-file-{s}"
    offer = ""
    if TARGETS[slug]:
        offer = (f'<p><label for="calc-letter-offer-{s}">Which offer is this letter for?</label>\n'
                 f'<select id="calc-letter-offer-{s}" class="{CLASS.letter_offer}"></select></p>\n')
    return f"""<details class="calc-letter" {DATA.letter}="{s}" markdown="0">
<summary>Read my offer letter</summary>
<p>Paste the letter's text or choose its file (a PDF with selectable text, or a text file). This
page reads it on your device: the letter is not sent anywhere, not stored, and never put in the
link. You check what it found before anything goes into the form.</p>
<p><label for="{text_id}">The letter's text</label>
<textarea id="{text_id}" class="{CLASS.letter_text}" rows="5" autocomplete="off" spellcheck="false"></textarea></p>
<p><label for="{file_id}">Or choose the letter's file</label>
<input type="file" id="{file_id}" class="{CLASS.letter_file}" {DATA.max_bytes}="{MAX_FILE_BYTES}" accept=".pdf,.txt,application/pdf,text/plain"></p>
<p class="calc-letter-actions"><button type="button" class="md-button md-button--primary" {DATA.action}="{ACTION.read_letter}">Read the letter</button></p>
<p class="{CLASS.letter_status}" role="status" aria-live="polite"></p>
<div class="{CLASS.letter_found}" hidden>
<h3 class="{CLASS.subtitle}">What the letter says</h3>
<p>Check each fact against the sentence it was read from; change or untick any that is wrong.</p>
<div class="{CLASS.letter_facts}"></div>
<h3 class="{CLASS.subtitle}">What the letter leaves out</h3>
<ul class="{CLASS.letter_gaps}"></ul>
{offer}<p class="calc-letter-actions"><button type="button" class="md-button md-button--primary" {DATA.action}="{ACTION.fill_letter}">Fill the form with these facts</button></p>
</div>
</details>
"""
