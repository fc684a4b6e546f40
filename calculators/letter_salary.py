"""The yearly base salary, among the other amounts a letter names."""
from __future__ import annotations

import re

from .letter_facts import Fact, Finding, Letter, Suspect, one_value
from .letter_numbers import as_count
from .letter_text import Sentence, quote

SALARY_RANGE = (10_000, 10_000_000)
"""An amount outside this range is not read as a yearly salary."""

# An amount of money: $198,000 / USD 189,500 / $410K / 192,000.00 dollars, or a form row's whole
# value with thousands separators, its currency in the label ("Annual base salary (USD): 228,750").
_MONEY = re.compile(r"(?:US\$|USD\s?|CA\$|C\$|CAD\s?|A\$|\$|\u00a3|\u20ac|EUR\s?|GBP\s?)\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?(?P<k>\s?[kK]\b)?"
                    r"|(?P<n2>\d{1,3}(?:,\d{3})+)(?:\.\d{2})?\s?(?:USD|CAD|(?i:(?:US\s+|U\.S\.\s+|Canadian\s+)?dollars))\b"
                    r"|(?<![\w$.,])(?!40[13]\s?[kK])(?P<n4>\d{2,3})(?P<k4>\s?[kK])\b"
                    r"|(?<=:\s)(?P<n3>\d{1,3}(?:,\d{3})+)(?:\.\d{2})?(?=\s*(?:per\s+(?:year|annum))?\s*$)")
_SALARY_WORD = re.compile(r"\bsalary\b|\bbase\b|\bannual\s+(?:compensation|rate|pay)\b|\bcompensation\b|\bper\s+annum\b"
                          r"|\b(?:be|are|is|get)\s+paid(?=\s*(?:$|\$|at\s+\$))"  # "You will be paid $250,000", not "$95,000 will be paid by the VA"
                          r"|\bpay\b(?=[^.;$]{0,25}?\b(?:is|will\s+be|of)\b|\s*:)", re.I)
_OTHER_MONEY_WORD = re.compile(r"\btotal\s+(?:annual\s+)?(?:cash\s+)?compensation|\btarget\w*\s+(?:total\s+)?compensation"
                               r"|\bcompensation\s+(?:is\s+|will\s+be\s+)?(?:targeted|expected|projected)|\bbonus|\bincentive|\bsign(?:ing|-on)\b|\brelocation|\bmoving|\bstart[- ]?up|\bCME\b|\ballowance"
                               r"|\bsupplement|\bstipend|\bretention|\bloan|\breimburs\w*|\bpremium|\bmatch|\bcontribution|\bfunds?\b"
                               r"|\bper\s+(?:shift|hour|month|RVU|week|session)|\btail\b|\bgrant|\bpackage|\bdues|\bprofessional\s+development"
                               r"|\bcontinuing\s+(?:medical\s+)?education|\bexpenses|\baward\b|\bbudget\b|\btowards?\s+(?:your\s+)?salary|\bsalary\s+support"
                               # a cap is not a salary: "provides up to $100,000 a year toward salary"
                               r"|\bup\s+to\s*$", re.I)


def _amount(m: re.Match[str]) -> float:
    n = float((m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")).replace(",", ""))
    return n * 1000 if m.group("k") or m.group("k4") else n


def _money_kind(text: str, m: re.Match[str]) -> str | None:
    """salary, other, or None: what the nearest money word before (else after) the amount names."""
    before, after = text[max(0, m.start() - 90):m.start()], text[m.end():m.end() + 50]
    before = re.split(r";|\.\s|\d\b", before)[-1]  # back to the sentence's or the last amount's end
    if _OTHER_MONEY_WORD.search(before):
        return "other"  # "a sign-on bonus of", "incentive pay of"
    if _SALARY_WORD.search(before):
        return "salary"
    after = re.split(r"[;,]|\.\s", after)[0]
    hits = [(m2.start(), "salary") for m2 in _SALARY_WORD.finditer(after)] + \
           [(m2.start(), "other") for m2 in _OTHER_MONEY_WORD.finditer(after)]
    return min(hits)[1] if hits else None


# An amount for less than a year: "$17,500 per month", "$150 an hour".
_NOT_YEARLY = re.compile(r"\s*(?:(?:per|a|an|each)\s+(?:month|hour|shift|week|day|session|w?RVU)\b|/\s*(?:mo|month|hr|hour|shift)\b|monthly\b)", re.I)


# Words before an amount that make it no stated salary: one end of a range ("between", "$200,000-"),
# an estimate ("currently about", "approximately", "~"), a benchmark ("the MGMA median of").
_RANGE_OR_ESTIMATE = re.compile(r"(?:\bbetween|\d\s*(?:-|to)|\babout|\bapproximately|\baround|\broughly|\bestimated|\bprojected"
                                r"|\bexpected\s+to\s+be|~|\bmedian\s+(?:of|is)|\bpercentile\s+(?:of|is))\s*\$?\s*$", re.I)


def read_salary(letter: Letter) -> Finding:
    """The base yearly salary, from an amount the letter names as salary or base pay."""
    facts: list[Fact] = []
    suspects: list[Sentence] = []
    for s in letter.sentences:
        # Under a salary heading, the one amount of a sentence that names no money of its own is
        # the salary ("Compensation." / "A guaranteed $268,000 a year"; "Annual base salary (USD)"
        # / "228,750").
        amounts = len(_MONEY.findall(s.text))
        under_salary = amounts <= 1 and not _SALARY_WORD.search(s.text) and bool(_SALARY_WORD.search(s.heading))
        context = f"{s.heading}: {s.text}" if under_salary and not amounts else s.text
        for m in _MONEY.finditer(context):
            kind = _money_kind(context, m) or ("salary" if under_salary else None)
            amount = _amount(m)
            if kind != "salary":
                continue
            if not SALARY_RANGE[0] <= amount <= SALARY_RANGE[1] or _NOT_YEARLY.match(context, m.end()) \
                    or _RANGE_OR_ESTIMATE.search(context[max(0, m.start() - 40):m.start()]) \
                    or re.match(r"\s*(?:\bto\b|-)\s*\$?\d", context[m.end():m.end() + 8]):
                suspects.append(s)  # a range, an estimate, or not a yearly amount
                continue
            facts.append(Fact(as_count(amount), quote(s)))
        if not facts and _SALARY_WORD.search(s.text) and not _MONEY.search(s.text):
            suspects.append(s)
    found = one_value(facts)
    return found if found is not None else (Suspect(quote(suspects[0])) if suspects else None)
