"""The letter reader, fact by fact: the ways real letters state (or hedge) each fact."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from calculators import instructor_offer, letter, offer_comparison

from conftest import ROOT

OPENING = "Dear Dr. Lee,\n\nI am pleased to offer you a full-time faculty position in our department.\n\n"


def read(body: str) -> dict:
    return letter.read_letter(OPENING + body).as_dict()


def value(body: str, field: str):
    return read(body)["found"].get(field, {}).get("value", "not found")


@pytest.mark.parametrize("body, rank", [
    ("Your title will be Instructor in Medicine.", "instructor"),
    ("We offer you the position of Clinical Instructor of Pediatrics.", "instructor"),
    ("Rank: Assistant Professor\nTrack: Clinician-Educator", "assistant_professor"),
    ("You will be appointed Assistant Professor of Clinical Medicine.", "assistant_professor"),
    # A promotion to come is not the rank offered.
    ("Your appointment is as Instructor. After two years you will be reviewed for promotion to Assistant Professor.",
     "instructor"),
    # A past post is not the rank offered either.
    ("You have served as Instructor since 2024; this letter appoints you Assistant Professor of Surgery.",
     "assistant_professor"),
    # A promotion looked forward to is not the rank offered.
    ("We offer you appointment as Instructor in Medicine. We look forward to supporting your progression to "
     "Assistant Professor in this appointment.", "instructor"),
    # The title named as the post itself outweighs a hoped-for move mentioned beside "appointment".
    ("It is my pleasure to offer you a full-time appointment as Instructor in Medicine. We see this appointment "
     "as a first step, and we fully expect you to move to Assistant Professor on schedule.", "instructor"),
    # Someone else's title, in apposition, is no one's offer.
    ("Dr. Ames, Assistant Professor of Medicine, will mentor you in your role as staff physician.", "not found"),
])
def test_rank_is_the_title_offered(body, rank):
    assert value(body, "rank") == rank


@pytest.mark.parametrize("body, track", [
    ("Your appointment is on the clinician-educator track.", "clinician_educator"),
    ("You will join the Clinical Scholar pathway.", "clinician_educator"),
    ("The appointment is in the clinical track.", "clinician_educator"),
    ("This is a non-tenure-track appointment on the clinical track.", "clinician_educator"),
    ("You are appointed Assistant Professor, tenure track.", "tenure"),
    ("The position is tenure-eligible.", "tenure"),
    ("You will be on the Research Track, a non-tenure line.", "research"),
    ("This is a staff physician position with a courtesy faculty title.", "pure_clinical"),
    ("We don't really have official tracks here.", "unspecified"),
    # Negation alone names no track: not tenure, but which track?
    ("This appointment is not eligible for tenure.", "not found"),
    ("This is a non-tenure-track appointment.", "not found"),
    # A track named only to contrast it with this one, or for later.
    ("You are on the clinical practice track; it is separate from our Clinician-Educator track.", "pure_clinical"),
    ("Some faculty later switch to the research track.", "not found"),
])
def test_track(body, track):
    assert value(body, "track") == track


def test_a_track_negated_alone_is_shown_as_suspect():
    reading = read("This is a non-tenure-track appointment.")
    assert "track" in reading["not_found"] and "non-tenure-track" in reading["suspect"]["track"]


@pytest.mark.parametrize("body, clinical, protected", [
    ("Your effort will be 0.8 FTE clinical and 0.2 FTE protected time for scholarship.", 0.8, 0.2),
    ("Your time will be 75% clinical and 25% protected for teaching.", 0.75, 0.25),
    ("Clinical effort: 0.85 FTE.\nProtected time: 0.15 FTE.", 0.85, 0.15),
    ("You will work four days a week in clinic, and one day each week is protected for research.", 0.8, 0.2),
    ("Your week will be three clinical days and two protected academic days.", 0.6, 0.4),
    ("You will have eight half-day clinic sessions a week; the other two half-days are protected.", 0.8, 0.2),
    ("Clinical would be 0.9, the rest for your research.", 0.9, 0.1),
    ("Your position is 1.0 FTE clinical.", 1.0, 0.0),
    ("Effort allocation:\n  Clinical: 70%\n  Teaching: 20%\n  Scholarship: 10%", 0.7, 0.3),
    # Money next to a percentage is not effort; staff at an FTE are not your time.
    ("Your clinical effort will be 0.9 FTE. The university contributes 10% of salary to your retirement plan, "
     "and a research coordinator at 0.5 FTE will support the division.", 0.9, "not found"),
])
def test_effort_in_decimals_percentages_and_days(body, clinical, protected):
    assert (value(body, "clinical_fte"), value(body, "protected_fte")) == (clinical, protected)


@pytest.mark.parametrize("body, clinical, protected", [
    ("Eighty percent of your time will be clinical. Twenty percent of your time is protected for scholarship.", 0.8, 0.2),
    ("Nine-tenths of your effort will be clinical. The remaining one-tenth is protected academic time.", 0.9, 0.1),
    ("Three-quarters of your effort is protected for research; one-quarter of your effort will be clinical.", 0.25, 0.75),
    ("Seventy-five percent of your effort is protected for research. The other twenty-five percent is clinical.", 0.25, 0.75),
])
def test_effort_in_words_and_fractions(body, clinical, protected):
    assert (value(body, "clinical_fte"), value(body, "protected_fte")) == (clinical, protected)


@pytest.mark.parametrize("body, clinical, protected", [
    # A figure restated in brackets is one quantity, named by the words after the brackets.
    ("Seventy percent (0.70 FTE) of your effort will be devoted to patient care on the inpatient teaching service.",
     0.7, "not found"),
    # Someone else's FTE: staff named beside it or in a clause that hangs on them; salary paid by a site.
    ("Your clinical effort is 0.8 FTE. You will have access to a half-time (0.5 FTE) research coordinator.",
     0.8, "not found"),
    ("Your clinical effort is 0.8 FTE. You will share Dr. Okafor's research coordinator, who is funded at 0.5 FTE.",
     0.8, "not found"),
    ("Your clinical effort is 0.6 FTE. Under the agreement, 0.5 FTE of your salary will be paid by the VA.",
     0.6, "not found"),
    # A whole and its parts: the days that make up the clinical week, a site's share of it.
    ("You will be assigned clinical duties four days per week, ordinarily two operating days and two clinic days. "
     "The fifth day is designated for academic activity.", 0.8, 0.2),
    ("Clinical effort ................ 0.80 FTE, of which:\n"
     "    University Hospital consultation-liaison service ...... 0.30\n"
     "    County Behavioral Health Center (secondary site) ...... 0.50\n"
     "Protected effort ............... 0.20 FTE, education and scholarship\n", 0.8, 0.2),
])
def test_whose_effort_and_which_share(body, clinical, protected):
    assert (value(body, "clinical_fte"), value(body, "protected_fte")) == (clinical, protected)


@pytest.mark.parametrize("body, clinical, protected", [
    # Contracts restate numbers in digits; a split may be written as a ratio.
    ("Physician shall devote eighty percent (80%) of Professional Effort to Clinical Services and twenty percent "
     "(20%) to Academic Time, which shall be protected.", 0.8, 0.2),
    ("We can offer an 80/20 clinical/academic split.", 0.8, 0.2),
    ("Your appointment would be a 70:30 research-clinical split.", 0.3, 0.7),
    # Hours count against a full-time week the letter defines, and only then.
    ("Full-time effort is defined here as 40 hours per week. Thirty-two of your forty weekly hours are research "
     "time, protected from clinical scheduling; the remaining eight hours are clinical.", 0.2, 0.8),
    ("Full-time; 32 scheduled patient-care hours per week at the health center.", "not found", "not found"),
    # Every other week is half as much.
    ("Each week you will have one research day and one OR half-day every other week.", 0.05, 0.2),
])
def test_effort_as_contracts_ratios_and_hours_write_it(body, clinical, protected):
    assert (value(body, "clinical_fte"), value(body, "protected_fte")) == (clinical, protected)


@pytest.mark.parametrize("body, clinical, protected", [
    # Sessions count against the full-time week the letter defines (ten half-days unless it says otherwise).
    ("Full-time in the Department is defined as ten (10) half-day sessions per week. You will provide seven (7) "
     "clinical sessions per week and three (3) academic sessions per week.", 0.7, 0.3),
    ("A full-time week here is 8 sessions. You will have 6 clinical sessions a week and 2 research sessions a week.",
     0.75, 0.25),
    # Hours of a defined week, however the week is defined.
    ("Your scheduled work week is 40 hours. Thirty-two of these hours will be direct clinical care. The remaining "
     "8 hours each week are protected for research.", 0.8, 0.2),
    ("This is a 40-hour work week: 30 clinical hours and 10 protected hours for teaching.", 0.75, 0.25),
    # A floor set by a grant is not the share: the share stated outright is.
    ("Consistent with the award's requirement that at least 75% of your effort be devoted to research, your effort "
     "will be 80% research and 20% clinical.", 0.2, 0.8),
    # None is a share too.
    ("Clinical effort: 100%\n\nAcademic / protected time: 0%", 1.0, 0.0),
    # Protected lines for different purposes add up; a schedule over the years does not.
    ("Your clinical effort will be 0.7 FTE. You will have 0.2 FTE protected for research. In addition, 0.1 FTE is "
     "protected for your teaching role.", 0.7, 0.3),
    ("You will have 0.2 FTE protected for research. In addition, 0.1 FTE is protected for your teaching role.",
     "not found", 0.3),
    ("You will have 0.3 FTE protected for research in your first year, then 0.2 FTE protected for research.",
     "not found", "not found"),
])
def test_effort_in_sessions_hours_bounds_and_parts(body, clinical, protected):
    assert (value(body, "clinical_fte"), value(body, "protected_fte")) == (clinical, protected)


@pytest.mark.parametrize("body, in_contract", [
    ("4 days each week: you care for patients.\n\n1 day each week: you teach. This day is protected. This day is "
     "written in your contract.", True),
    ("Your effort will be 80% research and 20% clinical. Your research effort is protected for the duration of the "
     "award.", True),
    ("Your effort will be 90% clinical. The other 10% is for teaching when the census lets us.", False),
    ("Your scheduled work week is 40 hours. The remaining 8 hours each week may be used for research when clinical "
     "demand permits.", False),
    ("Academic / protected time: 0%", False),
    # A term of the appointment that is not time says nothing of protected time.
    ("Board certification is a condition of your appointment.", "not found"),
])
def test_protected_time_stated_softened_or_none(body, in_contract):
    assert value(body, "protected_in_contract") == in_contract


def test_numbers_in_words_are_read_and_quoted_as_written():
    found = read("Your annual salary will be two hundred thousand dollars, paid biweekly, with twenty-five dollars "
                 "per hour for nights.")["found"]
    assert found["salary"]["value"] == 200000 and "two hundred thousand dollars" in found["salary"]["quote"]


def test_a_revised_offer_is_read_for_its_revised_terms():
    body = ("REVISED OFFER OF APPOINTMENT\nThis letter supersedes our letter of February 2, 2026.\n\n"
            "In our letter of February 2, we offered you appointment as Instructor in Medicine at 0.9 clinical FTE, "
            "with a base salary of $248,000. We are pleased instead to offer you appointment as Assistant Professor "
            "of Medicine. Your clinical effort will be 0.8 FTE. Your base salary will be $260,000.")
    found = {k: v["value"] for k, v in read(body)["found"].items()}
    assert (found["rank"], found["clinical_fte"], found["salary"]) == ("assistant_professor", 0.8, 260000)


AMENDED = """Dear Dr. Lee,

I am pleased to confirm our offer of appointment as Instructor in Surgery.

4. Effort. Your clinical effort will be 0.9 FTE. The remaining time may be used for scholarship as the schedule allows.

6. Promotion. Criteria for promotion are maintained in writing. Instructors are considered for promotion after a period set by the Chair.

AMENDMENT NO. 1

(a) Paragraph 4 is amended to read: "4. Effort. Your clinical effort will be 0.8 FTE. The remaining 0.2 FTE is protected for research."

(b) The second sentence of Paragraph 6 is deleted and replaced with: "You will be reviewed for promotion in the third year of your appointment."
"""


def test_an_amendment_replaces_the_paragraph_or_sentence_it_names():
    found = {k: v["value"] for k, v in letter.read_letter(AMENDED).as_dict()["found"].items()}
    assert found.items() >= {"clinical_fte": 0.8, "protected_fte": 0.2, "protected_in_contract": True,
                             "written_criteria": True, "review_years": 3}.items()


def test_a_paragraph_said_to_be_unaffected_is_kept():
    text = AMENDED.replace("Paragraph 4 is amended to read", "Paragraph 4 is not affected; we add")
    assert "clinical_fte" not in letter.read_letter(text).as_dict()["found"]  # 0.9 and 0.8: unsure


def test_a_letter_that_only_mentions_an_earlier_conversation_keeps_every_sentence():
    body = "As we offered on the phone, your appointment is as Instructor in Medicine. Your base salary will be $190,000."
    assert value(body, "rank") == "instructor" and value(body, "salary") == 190000


def test_fte_is_always_a_decimal_within_0_and_1():
    found = read("Your position is 1.0 FTE clinical.")["found"]
    assert found["clinical_fte"]["value"] == 1.0 and isinstance(found["clinical_fte"]["value"], float)


def test_clinical_plus_protected_over_one_is_not_believed():
    reading = read("Your clinical effort will be 0.9 FTE. You will have 0.3 FTE protected time.")
    assert {"clinical_fte", "protected_fte"} <= set(reading["suspect"])


@pytest.mark.parametrize("body, in_contract", [
    ("You will have 0.2 FTE protected for scholarship, written into your contract.", True),
    ("Your 20% protected time is guaranteed.", True),
    # Teaching expected, not protected: the letter says nothing about protected time.
    ("You will be expected to participate in teaching residents.", "not found"),
    ("We try to leave some time for projects as the schedule allows.", False),
    ("We will aim to keep 0.1 FTE protected, subject to clinical staffing needs.", False),
    ("There is some time for projects, though it isn't formally protected.", False),
    ("There is no protected time in this position.", False),
])
def test_protected_in_contract(body, in_contract):
    assert value(body, "protected_in_contract") == in_contract


@pytest.mark.parametrize("body, field, expected", [
    # A negation reaches to the end of its clause, contractions included.
    ("Our department doesn't have a formal written standard for moving from Instructor to Assistant Professor.",
     "written_criteria", False),
    ("Promotion: nothing formal on paper.", "written_criteria", False),
    ("You will not be eligible for tenure, and the courtesy title carries no academic promotion criteria.",
     "written_criteria", False),
    ("The promotion criteria are not written down anywhere.", "written_criteria", False),
    ("You will work five clinical days per week, with no protected academic time.", "protected_in_contract", False),
    ("We do not set aside separate non-clinical time; teaching happens on shift.", "protected_in_contract", False),
    ("We do not set aside separate non-clinical time; teaching happens on shift.", "protected_fte", 0.0),
    ("There's no protected time built in for the first couple of years.", "protected_fte", 0.0),
    # A negation of a softener or of a take-away is a promise.
    ("Protected effort: 0.20 FTE (protected; not subject to reassignment for clinical coverage)",
     "protected_in_contract", True),
    ("Your 0.2 FTE protected time will not be reduced or reassigned to clinical service.", "protected_in_contract", True),
    ("The fifth day is designated for academic activity; however, it may be reassigned to clinical coverage.",
     "protected_in_contract", False),
    ("We'll carve out time for teaching and projects when the service schedule allows.", "protected_in_contract", False),
    ("Our department doesn't divide its faculty into formal tracks.", "track", "unspecified"),
    ("No research or start-up funds are attached to this position.", "funding", False),
    ("Your time served as Instructor will be counted toward time in rank.", "years_count_toward_rank", True),
    # "No later than" is a bound, not a negation.
    ("The review for promotion takes place no later than your sixth year.", "review_years", 6),
])
def test_negation_and_its_reach(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, years", [
    ("You will be reviewed for promotion to Assistant Professor in your third year.", 3),
    ("After 24 months you will be reviewed for promotion.", 2),
    ("We expect to review you for promotion within two to three years.", 2.5),
    ("At the two-year mark you will be considered for promotion to Assistant Professor.", 2),
    ("The tenure clock is seven years; you will be considered for promotion in year six.", 6),
    ("You will be reviewed for promotion no later than 36 months after your start date.", 3),
    ("Your two years as Instructor will count toward time in rank for promotion.", "not found"),
])
def test_review_years(body, years):
    assert value(body, "review_years") == years


@pytest.mark.parametrize("body, years", [
    ("Start date: July 1, 2026.\nYou will be reviewed for promotion no later than the 2029\u20132030 academic year.", 4),
    ("Your appointment begins January 1, 2026. You will be reviewed for promotion no later than the 2029-2030 "
     "academic year.", 5),
    ("Your appointment is effective August 1, 2026. You will be reviewed for promotion by July 2029.", 3),
    # A year with no start date to count from is not a number of years.
    ("You will be reviewed for promotion no later than the 2029-2030 academic year.", "not found"),
    # A plan for this appointment, not a habit, is a timeline.
    ("We anticipate that you will be reviewed for promotion in your third year.", 3),
    ("We expect your promotion review to take place within 36 months of your start date.", 3),
])
def test_review_years_from_the_calendar_and_stated_plans(body, years):
    assert value(body, "review_years") == years


@pytest.mark.parametrize("body", [
    "We usually move people up after a few years if they do well.",
    "Faculty are typically considered for promotion after five to seven years.",
    "Most faculty are reviewed for promotion in their sixth year.",
])
def test_a_vague_or_usual_timeline_is_a_suspect_not_a_value(body):
    reading = read(body)
    assert "review_years" in reading["not_found"] and reading["suspect"]["review_years"]


@pytest.mark.parametrize("body, field, expected", [
    ("The written criteria for promotion are enclosed.", "written_criteria", True),
    ("The Faculty Handbook describes the criteria for promotion and tenure.", "written_criteria", True),
    ("There is no written promotion policy for our section.", "written_criteria", False),
    ("The department does not have written promotion criteria for this line.", "written_criteria", False),
    ("The Department's Clinical Track Promotion Guidelines appear in Schedule B.", "written_criteria", True),
    # Policies in general, or criteria for something else, are not promotion criteria.
    ("Renewal is subject to the continued availability of funding and to the policies governing non-tenure-track "
     "faculty.", "written_criteria", "not found"),
    ("The criteria for the incentive plan are available from the business office.", "written_criteria", "not found"),
    ("Your time as Instructor counts toward time in rank.", "years_count_toward_rank", True),
    ("Time spent as Instructor will not count toward promotion.", "years_count_toward_rank", False),
    ("Your promotion clock begins upon appointment as Assistant Professor; time spent as Instructor does not count.",
     "years_count_toward_rank", False),
    ("You will be in the Department of Orthopaedic Surgery.", "surgical_subspecialty", True),
    ("Your appointment is in the Division of Cardiology, Department of Medicine.", "surgical_subspecialty", False),
    ("You will join the Department of Neurology.", "surgical_subspecialty", False),
    ("Dr. Rao has agreed to serve as your mentor.", "mentorship", True),
    ("You will mentor residents and students in clinic.", "mentorship", "not found"),
    ("There is no formal mentoring program for new faculty.", "mentorship", False),
    ("The department will provide start-up funds of $150,000.", "funding", True),
    ("The department does not provide start-up funds for this position.", "funding", False),
    ("We see you as part of our long-term faculty, not as temporary coverage.", "leadership_support", True),
    ("This role is primarily designed to support clinical coverage.", "leadership_support", False),
    ("We are committed to your success and professional development.", "leadership_support", "not found"),
])
def test_yes_no_facts(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    ("The promotion criteria are posted on the Faculty Affairs website.", "written_criteria", True),
    ("You will be considered for promotion to Research Assistant Professor in the spring of your second year.",
     "review_years", 2),
    ("Physician shall be reviewed for promotion no later than the end of the third (3rd) Academic Year.",
     "review_years", 3),
    ("Review for associate at year 6, the standard clock.", "review_years", 6),
    ("We can do Asst Prof, CE track, not Instructor.", "rank", "assistant_professor"),
    ("We can do Asst Prof, CE track, not Instructor.", "track", "clinician_educator"),
    ("Denise will send the formal letter from the GI division office.", "surgical_subspecialty", False),
    ("The Department shall assign Physician a faculty mentor within thirty days.", "mentorship", True),
    ("We want you here for the long haul.", "leadership_support", True),
    ("You are exactly the kind of person we want to grow into a leader in this division.", "leadership_support", True),
    ("Base 245K, plus the usual incentive.", "salary", 245000),
    ("Annual base salary of One Hundred Ninety-Five Thousand Dollars ($195,000.00).", "salary", 195000),
    ("Your salary is set by HR; you may join the 401k plan.", "salary", "not found"),
])
def test_informal_and_legal_wordings(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # Other people's effort and track: a named colleague, most of the faculty, residents, a predecessor.
    ("Dr. Smith, our section chief, works at 0.6 FTE clinical.", "clinical_fte", "not found"),
    ("Most of our faculty are 0.9 clinical.", "clinical_fte", "not found"),
    ("Residents spend 20% of their time in research.", "protected_fte", "not found"),
    ("Your predecessor had 0.2 FTE protected time.", "protected_fte", "not found"),
    ("Your clinical effort will be 0.8 FTE; Dr. Ray, who leads the clinic, is at 0.5 FTE.", "clinical_fte", 0.8),
    ("Our clinician-educator faculty, like Dr. Ames, often teach.", "track", "not found"),
    # Pay that is not the yearly base: total or target compensation, a monthly amount.
    ("Total compensation is targeted at $300,000, including a base salary of $250,000.", "salary", 250000),
    ("Your total compensation will be $280,000.", "salary", "not found"),
    ("Your salary will be $17,500 per month.", "salary", "not found"),
    # Speaking of protected time is not denying it.
    ("We did not discuss protected time.", "protected_in_contract", "not found"),
    ("Please don't hesitate to call about the protected time.", "protected_in_contract", "not found"),
])
def test_decoys_are_not_the_offers_facts(body, field, expected):
    assert value(body, field) == expected


def test_the_addressee_named_is_the_new_faculty_member():
    text = "Dear Dr. Castellano,\n\nWe offer Dr. Castellano a position as Instructor. Dr. Castellano's clinical effort will be 0.7 FTE."
    assert letter.read_letter(text).found["clinical_fte"].value == 0.7


@pytest.mark.parametrize("body, field, expected", [
    ("Half of your time will be protected for research; the other half will be clinical.", "clinical_fte", 0.5),
    ("Half of your time will be protected for research; the other half will be clinical.", "protected_fte", 0.5),
    ("You will be reviewed for promotion at the conclusion of your second year.", "review_years", 2),
    ("You will be reviewed for promotion upon completion of your third year.", "review_years", 3),
    ("You will be considered for promotion within your first three years.", "review_years", 3),
    ("We are unable to offer start-up funding.", "funding", False),
    ("We see this Instructor year as a bridge to an Assistant Professor appointment.", "leadership_support", True),
    ("This position is primarily a clinical service role.", "leadership_support", False),
    # "Not yet" is still a negation.
    ("We have not yet developed written criteria for promotion of Instructors.", "written_criteria", False),
])
def test_more_wordings(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    ("For this reason we start you as Instructor, and not as Assistant Professor.", "rank", "instructor"),
    ("The School offers, and the Candidate accepts upon signature, appointment at the rank of Assistant Professor.",
     "rank", "assistant_professor"),
    ("Position: Instructor in Medicine\n\nYears served as Instructor do not count as time in rank at the Assistant "
     "Professor level.", "rank", "instructor"),
    ("The School will appoint you Clinical Assistant Professor in its Clinical Practice Series.", "track", "pure_clinical"),
    ("Dr. Okafor has agreed to serve as the Candidate's primary faculty mentor.", "mentorship", True),
    ("The Department does not assign research mentors; we encourage you to seek out collaborators.", "mentorship", False),
    ("Please do not hesitate to contact your mentor, Dr. Okafor.", "mentorship", True),
    ("The Department commits start-up funds of USD 15,000 for education scholarship.", "funding", True),
    ("The rules for promotion to Assistant Professor are written down. We attach them to this letter.",
     "written_criteria", True),
    ("Pay: 198,000 US dollars each year, before tax.", "salary", 198000),
    ("The award provides up to $100,000 a year toward salary and $50,000 a year for research costs. Your annual base "
     "salary will be $182,000.", "salary", 182000),
    ("Time you serve as Instructor will count toward time in rank.", "years_count_toward_rank", True),
    # Reviews by the academic year, from a start written day first or as an academic year.
    ("Your appointment is effective 1 July 2026. Your file will be put forward for promotion to Associate Professor "
     "in academic year 2031-32.", "review_years", 6),
    ("Your appointment begins in academic year 2026-27, and your review for promotion to Associate Professor is "
     "scheduled for academic year 2032-33.", "review_years", 7),
    # Others' promotions in the past are no timeline for this one.
    ("You will be reviewed for promotion in the second year of your appointment. In the past five years, four "
     "Instructors were promoted to Assistant Professor, each within three years.", "review_years", 2),
])
def test_wordings_of_unseen_letters(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # A reply that changes figures of the offer it quotes: the old figures are not read.
    ("Everything in my note below stands, except: protected time goes from 10% to 20%; base salary is now $251,000 "
     "(up from $243,000).\n\n-----Original Message-----\nEffort: 90% clinical, 10% protected for teaching\n\n"
     "Salary: $243,000 base", "protected_fte", 0.2),
    ("Everything in my note below stands, except: protected time goes from 10% to 20%; base salary is now $251,000 "
     "(up from $243,000).\n\n-----Original Message-----\nEffort: 90% clinical, 10% protected for teaching\n\n"
     "Salary: $243,000 base", "clinical_fte", "not found"),
    ("Everything in my note below stands, except: base salary is now $251,000 (up from $243,000).\n\n"
     "Salary: $243,000 base", "salary", 251000),
    # A raise on a schedule is no revision of the offer.
    ("Your base salary will be $200,000. It will increase from $200,000 to $210,000 after promotion.", "salary", 200000),
    # Budget shorthand, and a ramp over the years: no one share.
    ("AY27: cFTE 0.50 / aFTE 0.50\nAY28: cFTE 0.65 / aFTE 0.35\nAY29 onward: cFTE 0.80 / aFTE 0.20", "clinical_fte",
     "not found"),
    ("cFTE 0.80 / aFTE 0.20; aFTE is protected per the effort policy.", "protected_fte", 0.2),
    # All the non-clinical time protected: the rest of the clinical share, administration included.
    ("Clinical: 0.75\n\nTeaching: 0.10\n\nResearch: 0.10\n\nAdministration: 0.05\n\nIs the non-clinical effort "
     "protected in the appointment contract? [X] Yes [ ] No", "protected_fte", 0.25),
    ("0.1 FTE is protected for research and 0.1 FTE is protected for teaching.", "protected_fte", 0.2),
    # A form's value for the review, and an academic year named by the year it ends.
    ("Year of review for promotion to Associate Professor: 6th year", "review_years", 6),
    ("Anticipated review for Associate Professor: Year 6", "review_years", 6),
    ("Your appointment is effective July 1, 2026. Promo: APT review for Assoc. Prof. planned for AY32.", "review_years", 6),
    ("Mentor: Dr. A. Lindqvist (Epilepsy) has agreed; meets monthly.", "mentorship", True),
    ("Start-up or research funds?    [ ] Yes    [X] No", "funding", False),
    ("Dr. Solberg is recruited to build our education program, and we intend her to progress through the faculty "
     "ranks here.", "leadership_support", True),
    ("You will be paid $250,000 annually.", "salary", 250000),
    ("Your total annual base salary will be $190,000, of which $95,000 will be paid by the University and $95,000 by "
     "the VA.", "salary", 190000),
    ("You will join the Division of Gynecologic Oncology in the Department of Obstetrics and Gynecology.",
     "surgical_subspecialty", True),
])
def test_wordings_of_forms_memos_and_replies(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # A title held until boards or a visa allow the next one: the first title is the offer.
    ("You will be appointed Instructor until you pass your boards, at which point you will be appointed Assistant "
     "Professor.", "rank", "instructor"),
    ("Your initial title will be Instructor; upon board certification your title will change to Assistant Professor.",
     "rank", "instructor"),
    ("You will hold the title of Instructor for the first year and will then be appointed Assistant Professor.",
     "rank", "instructor"),
    ("Start-up: $0", "funding", False),
    ("Your base salary is CAD 245,000 per annum.", "salary", 245000),
    ("The grant budget includes $75,000 per year in salary support and $25,000 in supplies. Your base salary will be "
     "$175,000.", "salary", 175000),
    # A protected label before a list governs every item of it.
    ("Protected time: 10% for teaching; 10% for QI; 5% for research", "protected_fte", 0.25),
    ("Your clinical effort is 0.75 FTE. Your protected time is 0.15 FTE for research plus 0.10 FTE for education.",
     "protected_fte", 0.25),
])
def test_titles_held_until_boards_money_and_lists(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # Denied after it is named.
    ("A start-up package is not included with this position.", "funding", False),
    ("A mentor will not be assigned; you may choose one later.", "mentorship", False),
    ("Written promotion criteria are not available for this title.", "written_criteria", False),
    ("This appointment is not on the tenure track and is part of our Clinical Scholar series.", "track",
     "clinician_educator"),
    # A start in numbers: month first, as US letters write it, when the day settles it.
    ("Start date: 07/01/2026. Your promotion review will occur in AY 2031-32.", "review_years", 6),
    ("Start date: 03/04/2026. Your promotion review will occur in AY 2031-32.", "review_years", "not found"),
])
def test_denials_after_the_noun_and_numeric_dates(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    ("Start date: July 1, 2026.\n\nYour promotion review will occur in AY30-31.", "review_years", 5),
    ("Full time = 11 sessions per week. You will have 9 clinical sessions and 2 research sessions weekly.",
     "clinical_fte", 0.818),
    ("The K23 requires 75% research effort. Your effort will be 80% research and 20% clinical.", "protected_fte", 0.8),
    # Amendments by a paragraph's heading, or of a numbered section of a dated letter.
    ("Effort\n\nYour clinical effort will be 0.9 FTE.\n\nAMENDMENT\n\nThe Effort section is amended to read: Your "
     "clinical effort will be 0.8 FTE.", "clinical_fte", 0.8),
    ("4. Effort. Your clinical effort will be 0.9 FTE.\n\nSection 4 of the offer letter dated March 10, 2026 is hereby "
     "replaced: Your clinical effort will be 0.8 FTE.", "clinical_fte", 0.8),
    ("4. Effort. Your clinical effort will be 0.9 FTE.\n\nWe amend paragraph 4 to read: Your clinical effort will be "
     "0.8 FTE.", "clinical_fte", 0.8),
])
def test_academic_years_defined_weeks_rules_and_amendments(body, field, expected):
    assert value(body, field) == expected


SECTIONS = """ARTICLE II - DISTRIBUTION OF EFFORT

\u00a7 2.1 Your effort shall be distributed as follows: patient care, eighty-five percent (85%);
education, ten percent (10%); scholarly activity, five percent (5%).

\u00a7 2.2 The Department does not guarantee the non-clinical portion of your effort; it may be
reduced when operating room staffing requires.
"""


@pytest.mark.parametrize("body, field, expected", [
    (SECTIONS, "clinical_fte", 0.85), (SECTIONS, "protected_fte", 0.15), (SECTIONS, "protected_in_contract", False),
    ("Promotion: Research Instructors are reviewed for promotion after three years. Guidelines are in the Faculty "
     "Handbook (section 7), which is online.", "written_criteria", True),
])
def test_sections_label_value_lists_and_criteria_after_promotion(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # Equal shares in separate rows add up beside the clinical share they complete; one share said
    # twice, with two purposes, does not.
    ("Clinical: 0.80\n\nTeaching: 0.10\n\nResearch: 0.10", "protected_fte", 0.2),
    ("Your time is 20% protected for research. Your protected 20% is for scholarship.", "protected_fte", 0.2),
    ("Clinical 80%. 20% protected for research. Your protected 20% is for scholarship.", "protected_fte", 0.2),
    # A heading run into its paragraph is read too.
    ("Clinician-Educator Track. Your appointment begins July 1, 2026.", "track", "clinician_educator"),
    # A heading that names funds does not hide the sentence that gives them.
    ("Start-up funds.\n\nThe Division will provide $40,000 over two years.\n\nStart-up funds: we will provide "
     "$40,000.", "funding", True),
])
def test_equal_shares_run_in_headings_and_named_funds(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # A range states no one share.
    ("Your clinical effort will be between 0.7 and 0.8 FTE.", "clinical_fte", "not found"),
    ("Your clinical effort will be 0.7-0.8 FTE.", "clinical_fte", "not found"),
    ("Your clinical effort will be 70-80%.", "clinical_fte", "not found"),
    ("Your protected time will be 20% to 30% of your effort.", "protected_fte", "not found"),
    # Cells of a row set apart by bars.
    ("Effort: Clinical 0.8 | Research 0.2", "protected_fte", 0.2),
    ("Effort: Clinical 0.8 | Research 0.2", "clinical_fte", 0.8),
])
def test_ranges_and_bar_separated_cells(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    ("Unlike an Instructor appointment, your appointment as Assistant Professor carries a promotion track.", "rank",
     "assistant_professor"),
    ("Your appointment on the clinical track (rather than the tenure track) reflects your interests.", "track",
     "clinician_educator"),
    ("Unlike the tenure track, your clinician-educator appointment has no fixed clock.", "track", "clinician_educator"),
    ("The salary range for this rank is $200,000-$250,000; your salary will be $230,000.", "salary", 230000),
    ("Your compensation will be determined by the MGMA 50th percentile (currently about $260,000).", "salary",
     "not found"),
    ("Your mid-point review will be in year 3 and your promotion review in year 6.", "review_years", 6),
    ("In your third year, you will be reviewed for promotion.", "review_years", 3),
])
def test_contrasts_salary_ranges_and_estimates_and_the_promotions_own_time(body, field, expected):
    assert value(body, field) == expected


@pytest.mark.parametrize("body, field, expected", [
    # What is usual is not this offer's; this offer's, said to be usual, is.
    ("Typically, faculty in this division have 20% protected time.", "protected_fte", "not found"),
    ("Your 20% protected time will generally fall on Fridays.", "protected_fte", 0.2),
    # None now and some later is no one share.
    ("You will not have protected time in your first year; in year two you will have 20% protected time.",
     "protected_fte", "not found"),
    ("Protected time is not part of this offer.", "protected_fte", 0.0),
    ("Protected time is not part of this offer.", "protected_in_contract", False),
    ("We view this role primarily as clinical service.", "leadership_support", False),
])
def test_usual_shares_none_then_some_and_service_roles(body, field, expected):
    assert value(body, field) == expected


NOTE = """Asst Prof of Pediatrics (Neonatology), clinician-scientist pathway, start 7/1/26.

Effort 60% research / 40% clinical. Research time is protected for the first three years.

Startup $150k over 3 yrs + a 0.5 FTE research tech for 2 yrs.

Promotion: we expect you'd go up for Assoc Prof in year 6; the research track guidelines are on the SOM faculty
affairs site.
"""


@pytest.mark.parametrize("field, expected", [
    ("track", "research"), ("protected_fte", 0.6), ("written_criteria", True), ("surgical_subspecialty", False),
])
def test_an_administrators_note(field, expected):
    assert value(NOTE, field) == expected


@pytest.mark.parametrize("body, support", [
    ("We regard you as a future independent investigator and a long-term member of this faculty.", True),
    ("The Department views every Instructor appointment as the entry point to our regular faculty.", True),
    ("We fully expect you to be among our future Assistant Professors.", True),
    ("Dr. Patel and I see you as a long-term member of this faculty and a future leader of our programs.", True),
    ("We do not see this position as a step toward a faculty career.", "not found"),
    ("We hope to see you grow into a future leader of the division.", "not found"),
    ("The division plans future faculty development workshops.", "not found"),
])
def test_leadership_support_in_its_many_wordings(body, support):
    assert value(body, "leadership_support") == support


@pytest.mark.parametrize("body, salary", [
    ("Your annual base salary will be $198,000.", 198000),
    ("Salary: USD 189,500 per year.", 189500),
    ("Your starting base salary will be $410K, with a signing bonus of $25K.", 410000),
    ("Your salary will be $192,000.00 per annum.", 192000),
    ("The annual salary is $205,000 with a sign-on bonus of $15,000.", 205000),
    ("You will receive a relocation allowance of $10,000 and $3,000 a year for CME.", "not found"),
    ("Salary would be in the low 200s.", "not found"),
    ("Your salary will be between $190,000 and $210,000.", "not found"),
])
def test_salary(body, salary):
    assert value(body, "salary") == salary


def test_sentences_survive_abbreviations_and_pdf_line_breaks():
    text = ("Dr. Patel, M.D. has agreed to mentor you, e.g. on grant writing. Your clinical effort\n"
            "will be 0.8 FTE. The remaining 0.2 FTE is protected for scholarship,\n"
            "e.g. curriculum work.\n"
            "Compensation\n"
            "Your annual base salary will be\n"
            "$203,000.\n")
    sentences = [s.text for s in letter.sentences(text)]
    assert sentences == [
        "Dr. Patel, M.D. has agreed to mentor you, e.g. on grant writing.",
        "Your clinical effort will be 0.8 FTE.",
        "The remaining 0.2 FTE is protected for scholarship, e.g. curriculum work.",
        "Compensation",
        "Your annual base salary will be $203,000.",
    ]


SCHEDULE = """SCHEDULE A: TERMS OF APPOINTMENT
Rank ........................... Assistant Professor
Track .......................... Clinical (non-tenure)
Protected effort ............... 0.20 FTE, education and scholarship
                                 (protected; not subject to reassignment
                                 for clinical coverage)
Faculty mentor ................. Beatrice Nwosu, MD, Professor of Psychiatry
Annual base salary (USD) ....... 228,750
Professional development ....... $2,000 per year
"""


def test_a_terms_table_with_dotted_leaders():
    """Rows of label, dots and value; a value that goes on, indented, under its row."""
    found = {k: v["value"] for k, v in read(SCHEDULE)["found"].items()}
    assert found.items() >= {"rank": "assistant_professor", "track": "clinician_educator", "protected_fte": 0.2,
                             "protected_in_contract": True, "mentorship": True, "salary": 228750}.items()


@pytest.mark.parametrize("row", ["Mentor: will be assigned", "Mentor: To be determined"])
def test_a_mentor_row_without_a_name_gives_no_mentor(row):
    assert value(row, "mentorship") == "not found"


@pytest.mark.parametrize("row, field", [
    ("Mentor: None", "mentorship"), ("Academic mentor: Not assigned", "mentorship"),
    ("Research funds: None", "funding"), ("Promotion criteria: None for this appointment type", "written_criteria"),
    ("| Academic / protected time | None |", "protected_in_contract"),
])
def test_a_table_cell_that_denies_a_term_is_a_denial(row, field):
    assert value(row, field) is False


def test_a_lettered_attachment_ends_a_sentence_and_an_initial_does_not():
    text = "The criteria are enclosed as Attachment B. We anticipate a review in year three. Dr. Jane A. Roe will mentor you."
    assert [s.text for s in letter.sentences(text)] == [
        "The criteria are enclosed as Attachment B.", "We anticipate a review in year three.",
        "Dr. Jane A. Roe will mentor you."]


def test_messages_of_a_chat_export_are_sentences_of_their_own_in_lower_case_too():
    text = ("Ken Sato: hey, went to bat for you today. good news\nKen Sato: we can do Asst Prof, CE track\n"
            "Amara Okeke: and startup?\nKen Sato: no startup, sorry")
    assert [s.text for s in letter.sentences(text)] == [
        "Ken Sato: hey, went to bat for you today.", "good news", "Ken Sato: we can do Asst Prof, CE track",
        "Ken Sato: no startup, sorry"]


@pytest.mark.parametrize("body, field, expected", [
    # A question states nothing; with its yes or no, it states what it asks.
    ("Q: Will my years as Instructor count toward promotion?\nA: No. The clock starts when you are promoted.",
     "years_count_toward_rank", False),
    ("Q: Will my years as Instructor count toward promotion?\nA: Yes.", "years_count_toward_rank", True),
    ("Will my years as Instructor count toward promotion? We will discuss it.", "years_count_toward_rank", "not found"),
    ("Q: Is there start-up money?\nA: No. Projects are supported through education grants.", "funding", False),
    ("Q: Are there written promotion criteria?\nA: Yes. The Promotion Guide is attached.", "written_criteria", True),
])
def test_questions_and_their_answers(body, field, expected):
    assert value(body, field) == expected


def test_bullets_and_page_furniture():
    text = ("Your effort:\n\u2022 0.7 FTE clinical\n\u2022 0.3 FTE protected for research\nPage 1 of 2\n"
            "CONFIDENTIAL    Page 2 of 2\n- Salary: $250,000")
    assert [s.text for s in letter.sentences(text)] == [
        "Your effort:", "0.7 FTE clinical", "0.3 FTE protected for research", "Salary: $250,000"]


@pytest.mark.parametrize("text", [
    "Preheat the oven to 200 degrees. Mix the flour and butter, then bake until golden.",
    "Minutes of the parent-teacher association: the bake sale raised $1,200.",
])
def test_a_text_that_is_not_an_offer_letter_is_refused(text):
    with pytest.raises(letter.LetterError) as exc:
        letter.read_letter(text)
    assert exc.value.code == "not_a_letter"


def test_empty_text_is_refused():
    with pytest.raises(letter.LetterError) as exc:
        letter.read_letter("  \n ")
    assert exc.value.code == "empty"


def test_values_are_the_calculators_own_choices():
    """Rank and track values are those of the calculators' fields, and every field read is a calculator field."""
    assert letter.RANK_VALUES == {c.value for c in offer_comparison.RANKS}
    assert letter.TRACK_VALUES == {c.value for c in instructor_offer.TRACKS}
    fields = {f.name for f in instructor_offer.FIELDS} | {f.name for f in offer_comparison.OFFER_FIELDS}
    assert set(letter.FIELDS) <= fields and "institution_type" not in letter.FIELDS


def test_a_reading_fills_the_calculator_that_validates_it():
    """What the reader finds is valid input for the Instructor offer check, as the page will send it."""
    body = ("Your title will be Instructor in Medicine on the clinician-educator track. Your effort will be 0.8 FTE "
            "clinical and 0.2 FTE protected time, written into your contract. You will be reviewed for promotion in "
            "your third year; the written criteria are enclosed.")
    found = {k: v["value"] for k, v in read(body)["found"].items()}
    inputs = {k: v for k, v in found.items() if k in {f.name for f in instructor_offer.FIELDS}}
    result = instructor_offer.CALCULATOR.run(inputs)
    assert result["inputs"]["clinical_fte"] == 0.8 and result["inputs"]["review_years"] == 3


def test_handle_is_json_in_json_out():
    ok = json.loads(letter.handle(json.dumps({"text": OPENING + "Your title will be Instructor in Medicine."})))
    assert ok["ok"] and ok["reading"]["found"]["rank"]["value"] == "instructor"
    refused = json.loads(letter.handle(json.dumps({"text": "Bake until golden."})))
    assert refused == {"ok": False, "error": {"code": "not_a_letter", "message": refused["error"]["message"]}}
    bad = json.loads(letter.handle("[1, 2]"))
    assert bad["ok"] is False and bad["error"]["code"] == "bad_request"


def test_the_text_reader_imports_only_the_standard_library():
    """The browser's worker loads the text reader without pypdf; pypdf loads only for a PDF."""
    code = ("import sys, calculators.letter, calculators.letter_file, calculators.letter_pdf; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] not in sys.stdlib_module_names "
            "and m.split('.')[0] not in ('calculators', '__main__')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("garble", [
    "Department of " + "A" * 150_000,  # one endless token
    "Dr. " * 40_000,  # an abbreviation, over and over
    "clinical (0.2) " * 10_000,  # quantities without end
    "Rank: a\n" * 20_000,  # a form that never stops
    "one two three four " * 20_000,  # number words without end
    "Dr. Smith is at 0.5 FTE, " * 5_000,  # other people's effort, in one clause
    "Rank: " + "[ ] Instructor [X] Assistant Professor " * 3_000,  # check boxes without end
    "[ ] a\n" * 20_000,  # lines of boxes, each joinable to the one before
    "| a | b\n" * 20_000,  # table rows that never close
    "**a** *b* _c_ [d](e) " * 8_000,  # Markdown marks
    "pro-\ntected " * 12_000,  # words hyphenated across lines
    "Page 1 of 2\nHeader line here\nclinical\n" * 5_000,  # page furniture
    "1. Effort. 0.8 FTE clinical.\n\nParagraph 1 is amended to read: 0.7 FTE.\n\n" * 2_000,  # amendments
    "protected time goes from 10% to 20%. " * 4_000,  # changed figures
])
def test_hostile_text_is_read_in_bounded_time(garble):
    """Text pasted by mistake or made to stall the reader is read (or cut) within seconds; a
    generous bound for a slow, shared CI machine (each takes under a second here)."""
    start = time.monotonic()
    letter.read_letter(OPENING + "Your title will be Instructor in Medicine.\n" + garble)
    assert time.monotonic() - start < 10
