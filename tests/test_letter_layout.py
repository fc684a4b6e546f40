"""The letter as a printed page leaves it: page furniture, hyphenated line breaks, numbered
clauses, headings in capitals and bar-drawn tables, made plain before the rules read it."""
from __future__ import annotations

from calculators import letter
from calculators.letter_layout import dehyphenate, drop_page_furniture, table_rows


def texts(text: str) -> list[str]:
    return [s.text for s in letter.sentences(text)]


def test_a_footer_and_running_header_mid_sentence_are_dropped_and_the_sentence_joined():
    lines = ["This protected effort may not be reassigned to clinical", "", "Page 1 of 3 - CONFIDENTIAL", "",
             "Bramford Medical School - Offer of Appointment - K. Marlowe", "", "coverage without your agreement.",
             "", "Promotion. You will be reviewed in your second year.", "", "Page 2 of 3 - CONFIDENTIAL", "",
             "Bramford Medical School - Offer of Appointment - K. Marlowe", "", "Compensation. Your salary is $1."]
    kept = [line for line in drop_page_furniture(lines) if line]
    assert kept == ["This protected effort may not be reassigned to clinical", "coverage without your agreement.",
                    "Promotion. You will be reviewed in your second year.", "Compensation. Your salary is $1."]
    assert texts("\n".join(lines))[0] == ("This protected effort may not be reassigned to clinical coverage without "
                                          "your agreement.")


def test_a_letterhead_that_is_not_next_to_a_page_marker_stays():
    lines = ["Bramford Medical School", "", "Dear Dr. Lee,", "", "Page 1 of 2", "", "Sincerely,",
             "Bramford Medical School"]
    assert "Bramford Medical School" in drop_page_furniture(lines)


def test_words_broken_by_a_hyphen_are_whole_and_compounds_keep_their_hyphen():
    lines = ["The remaining 0.25 FTE is pro-", "tected for scholarship on the Clini-", "cian-Educator Track,",
             "a full-", "time post with a half-", "day clinic, within your non-", "clinical time; Dr. Castel-",
             "lano, your men-", "tor."]
    assert " ".join(dehyphenate(lines)) == (
        "The remaining 0.25 FTE is protected for scholarship on the Clinician-Educator Track, a full-time post "
        "with a half-day clinic, within your non-clinical time; Dr. Castellano, your mentor.")


def test_a_compound_written_elsewhere_with_its_hyphen_keeps_it():
    assert dehyphenate(["the medical-", "education track", "and medical-education grants"])[0] == \
        "the medical-education"
    assert dehyphenate(["each with-", "in three years"])[0] == "each within"


def test_numbered_clauses_and_headings_in_capitals_are_units_of_their_own():
    text = ("1. APPOINTMENT\n1.1 Rank. The School offers appointment as Assistant Professor.\n"
            "3. EFFORT\n3.2 Effort. Effort is allocated as follows: clinical care 0.70 FTE.\n")
    read = letter.sentences(text)
    assert [(s.heading, s.text, s.clause) for s in read] == [
        ("APPOINTMENT", "APPOINTMENT", "1"),
        ("Rank", "Rank.", "1.1"), ("Rank", "The School offers appointment as Assistant Professor.", "1.1"),
        ("EFFORT", "EFFORT", "3"),
        ("Effort", "Effort.", "3.2"), ("Effort", "Effort is allocated as follows: clinical care 0.70 FTE.", "3.2")]


def test_a_decimal_at_the_start_of_a_line_is_no_clause_number():
    assert texts("Your effort:\n\n1.0 FTE in total\n\n2.5 Sessions a week") == [
        "Your effort:", "1.0 FTE in total", "2.5 Sessions a week"]


def test_a_bar_table_row_that_goes_on_below_is_one_row():
    lines = ["+------+------+", "| Term | Detail |", "+------+------+", "| Appointment term | 12 months; renewable |",
             "|      | once |", "| Clinical effort | 100% |", "+------+------+"]
    assert [line for line in table_rows(lines) if line] == ["Term: Detail", "Appointment term: 12 months; renewable once",
                                                            "Clinical effort: 100%"]


def test_markdown_marks_are_not_read():
    assert texts("## Support\n\n- **Mentor:** Dr. Helen Ruiz, *confirmed*\n- See the [guidelines](https://x.example/g)") == [
        "Support", "Mentor: Dr. Helen Ruiz, confirmed", "See the guidelines"]


def test_check_boxes_read_as_what_is_checked():
    text = ("Rank:    [ ] Instructor    [X] Assistant Professor    [ ]\nAssociate Professor\n"
            "Is the non-clinical effort protected in the appointment\ncontract?    [X] Yes    [ ] No\n"
            "Prior service credited toward time in rank?\n[ ] Yes    [ ] No    [X] N/A\n"
            "Start-up funds?  \u2610 Yes  \u2612 No")
    assert texts(text) == ["Rank: Assistant Professor", "the non-clinical effort protected in the appointment contract.",
                           "Yes", "N/A", "not Start-up funds.", "No"]


def test_footnote_markers_are_dropped_and_their_notes_kept():
    for text in ("protected for research.\u00b2 You will work with Dr. Blakely.\n\n\u00b2 Contingent on staffing.",
                 "protected for research.2 You will work with Dr. Blakely.\n\n2 Contingent on staffing."):
        assert texts(text) == ["protected for research.", "You will work with Dr. Blakely.", "Contingent on staffing."
                               if "\u00b2" in text else "2 Contingent on staffing."]
    assert texts("offer you a position as Instructor in Pediatrics1 in the Division.") == [
        "offer you a position as Instructor in Pediatrics in the Division."]


def test_a_running_header_first_above_the_letter_stays_as_its_letterhead():
    lines = ["Page 1 of 2", "Department of Surgery", "", "Dear Dr. Lee,", "", "Your effort will be", "",
             "Page 2 of 2", "Department of Surgery", "", "0.8 FTE clinical."]
    assert [line for line in drop_page_furniture(lines) if line] == [
        "Department of Surgery", "Dear Dr. Lee,", "Your effort will be", "0.8 FTE clinical."]


def test_a_repeated_footer_without_page_numbers_that_cuts_a_sentence_is_dropped():
    lines = ["Hartwell University | 100 Main St", "", "Dear Dr. Lee,", "", "Your clinical", "",
             "Hartwell University | 100 Main St", "", "effort will be 0.8 FTE."]
    assert [line for line in drop_page_furniture(lines) if line] == [
        "Hartwell University | 100 Main St", "Dear Dr. Lee,", "Your clinical", "effort will be 0.8 FTE."]
    assert texts("\n".join(lines))[-1] == "Your clinical effort will be 0.8 FTE."


def test_bullets_of_symbol_fonts_as_a_pdf_gives_them():
    assert texts("Your effort:\n\uf0b7 0.8 FTE clinical\n\u25cf 0.2 FTE protected\n\u27a2 Salary: $1") == [
        "Your effort:", "0.8 FTE clinical", "0.2 FTE protected", "Salary: $1"]
