"""The department (surgical or not) and support: mentors, research funds, leadership's words."""
from __future__ import annotations

import re

from .letter_facts import Fact, Finding, Letter, Suspect
from .letter_title import OFFER_WORDS
from .letter_text import quote
from .letter_words import HEDGE, denied_after, negated


_SURGICAL = re.compile(r"\b(?:(?-i:ENT|CT\s+surgery|[Oo]rtho)\b|surg\w*|neurosurg\w*|urolog\w*|otolaryngolog\w*|otorhinolaryngolog\w*|orthop(?:a)?edic\w*|"
                       r"gyn(?:a)?ecolog\w*|obstetric\w*|(?-i:OB/?GYN)|"
                       r"ophthalmolog\w*|head\s+and\s+neck|cardiothoracic|thoracic|vascular\s+and\s+endovascular|"
                       r"transplant|colorectal|plastic)", re.I)
_NON_SURGICAL = re.compile(r"\b(?:medicine|pediatric\w*|paediatric\w*|psychiatr\w*|neurolog\w*|radiolog\w*|patholog\w*|"
                           r"dermatolog\w*|anesthesi\w*|anaesthesi\w*|cardiolog\w*|nephrolog\w*|gastroenterolog\w*|"
                           r"hepatolog\w*|oncolog\w*|hematolog\w*|endocrinolog\w*|infectious|pulmonar\w*|rheumatolog\w*|"
                           r"geriatric\w*|neonatolog\w*|behavioral|hospitalist|family|emergency|allergy|immunolog\w*|"
                           r"critical\s+care|palliative|genetics|psycholog\w*|(?-i:GI|ID|IM|EM|heme|onc|pulm|cards|peds|psych))\b", re.I)
# Where a letter names its department: "Department of X", "Division of X", "X Department",
# and the field in a title ("Instructor in Surgery", "Assistant Professor of Urology").
_UNITS = (
    re.compile(r"\b(?:department|dept\.?|division|section|service)\s+of\s+(?P<name>(?:[\w&/'-]+\s*){1,6})", re.I),
    re.compile(r"(?P<name>(?:(?!(?:in|at|the|of|our|your|a|an|to|for|and|with|on|by)\b)[\w&/'-]+\s+){1,3})"
               r"(?:department|division|section|service\s+line)\b(?!\s+of\b)", re.I),
    re.compile(r"\b(?:Instructor|Professor|Prof\.?)\s+(?:in|of)\s+(?:Clinical\s+)?(?P<name>(?:[A-Z][\w&/'-]*\s*){1,4})"),
    re.compile(r"^(?:department|division|section|specialty)\s*:\s*(?P<name>.+)$", re.I),
)


def _department_kind(name: str) -> bool | None:
    name = re.split(r"\b(?:at|in|on|for|effective|beginning|starting|to|with|the)\b|[,.;:()]", name, flags=re.I)[0]
    if _SURGICAL.search(name):
        return True
    if _NON_SURGICAL.search(name):
        return False
    return None


def read_surgical_subspecialty(letter: Letter) -> Finding:
    """Whether the post is in a surgical department (from the department or division named)."""
    facts: list[Fact] = []
    for s in letter.sentences:
        for pattern in _UNITS:
            for m in pattern.finditer(s.text):
                kind = _department_kind(m.group("name"))
                if kind is not None:
                    facts.append(Fact(kind, quote(s)))
    if any(f.value for f in facts) and not all(f.value for f in facts):
        # A surgical and a non-surgical unit: a surgeon's letter often names the Department
        # of Surgery and a division of it ("Transplant"), while a physician's letter may name
        # surgery only as a colleague. Trust the first unit named in an offer sentence.
        offers = [f for f in facts if OFFER_WORDS.search(f.quote)]
        return offers[0] if offers and len({f.value for f in offers}) == 1 else Suspect(facts[0].quote)
    return facts[0] if facts else None


# --- support ------------------------------------------------------------------------------------

# A mentor for the new faculty member, or staff to help their scholarship.
_MENTOR_GIVEN = re.compile(r"\b(?:assign|designate|identify|provide|pair|match)\w*\s+(?:you|[A-Z]\w+)\s+(?:with\s+)?(?:a|an|one|two)\s+(?:[\w-]+\s+){0,2}mentors?\b"
                           r"|\b(?:serve|act)\s+as\s+(?:your|a|the\s+\w+'s)\s+(?:\w+\s+){0,2}mentor|\byour\s+(?:\w+\s+){0,2}mentor\b"
                           # a legal letter's third person: "the Candidate's primary faculty mentor"
                           r"|\bthe\s+(?:candidate|physician|appointee|faculty\s+member|employee)'s\s+(?:\w+\s+){0,2}mentor\b"
                           r"|\b(?:assigned|paired\s+with|matched\s+with|given)\s+(?:a|an|one|two)\s+(?:[\w-]+\s+){0,3}mentor"
                           r"|\bmentor(?:ing|ship)?\s+(?:committee|team|program|programme)\b|\bmentor\s+you\b|\bas\s+a\s+mentor\b"
                           r"|\b(?:research\s+(?:coordinator|assistant|technician|nurse)|biostatistician|statistician"
                           r"|writing\s+group|grant[- ]writing\s+support)"
                           # a form row naming the mentor: "Faculty mentor: Beatrice Nwosu, MD"
                           r"|^(?:[\w-]+\s+)?(?:co-)?mentors?\s*:\s*(?-i:(?:Dr\.?\s+)?(?:[A-Z][a-z]+|[A-Z]\.)(?:\s+[A-Z]\.)?\s+[A-Z][a-z'-]+)", re.I)
# Mentoring denied: "no formal mentor", "The Department does not assign research mentors", "No
# Academic mentor" (a table cell "Not assigned"), or left to the new faculty member to find.
_MENTOR_NOUN = re.compile(r"\bmentor(?:ing|ship|s)?\b", re.I)
_FIND_YOUR_OWN = re.compile(r"\b(?:find|identify|seek\s+out)\s+(?:your\s+own|a)\s+mentor", re.I)
# Words that make a negation no denial of mentoring: "do not hesitate to ask your mentor".
_NOT_DENIAL = re.compile(r"\b(?:hesitat\w*|only|just|alone|need\s+to|have\s+to|worry|wait)\b", re.I)


def _no_mentor(text: str) -> bool:
    return bool(negated(text, _MENTOR_NOUN, unless=_NOT_DENIAL) or denied_after(text, _MENTOR_NOUN)
                or _FIND_YOUR_OWN.search(text))


# Mentoring that the new faculty member gives to learners, not receives.
_MENTORING_LEARNERS = re.compile(r"\bmentor\w*\s+(?:of\s+|for\s+)?(?:the\s+|our\s+)?(?:residents|students|trainees|fellows|learners)"
                                 r"|\b(?:resident|student|trainee|fellow|learner)s?'?\s+mentor", re.I)


def read_mentorship(letter: Letter) -> Finding:
    """Whether the letter gives mentors or staff support for scholarship."""
    for s in letter.sentences:
        if _no_mentor(s.text):
            return Fact(False, quote(s))
    # A heading ("Your mentor.") is quoted only if no sentence says more.
    for s in sorted(letter.matching(_MENTOR_GIVEN), key=lambda s: len(s.text.split()) <= 3):
        if _MENTORING_LEARNERS.search(s.text) and not re.search(r"\byour\s+(?:\w+\s+)?mentor|\bmentor\s+you\b", s.text, re.I):
            continue
        return Fact(True, quote(s)) if not HEDGE.search(s.text) else Suspect(quote(s))
    return None


# Money for research: start-up, research or seed funds, a discretionary account.
_FUNDS_GIVEN = re.compile(r"\bstart[- ]?up\b|\bseed\s+(?:funds?|funding|grant)|\bresearch\s+(?:funds?|funding|support|account|budget)"
                          r"|\bdiscretionary\s+(?:funds?|account)|\bpilot\s+(?:funds?|grant)|\bbridge\s+funding", re.I)
# What a negation denies when a letter gives no money: "No research or start-up funds are attached".
_FUNDS = re.compile(r"\bstart[- ]?up\b|\bresearch\s+(?:funds?|funding|support)\b|\bfunding\b|\bfunds\b", re.I)


# Words that give the money named: an amount, "will provide", "you will receive", a package.
_GIVEN = re.compile(r"\$|\bprovide|\bwill\s+(?:receive|have)|\bpackage|\bof\s+\d|\bcommit\w*|\ballocat\w*"
                    r"|\b(?:USD|CAD|EUR|GBP|C\$)\s?\d|[\u00a3\u20ac]\s?\d", re.I)


def read_funding(letter: Letter) -> Finding:
    """Whether start-up funds or grant support come with the post."""
    named = list(letter.matching(_FUNDS_GIVEN))
    for s in named:
        if negated(s.text, _FUNDS) or denied_after(s.text, _FUNDS_GIVEN):
            return Fact(False, quote(s))
        if _GIVEN.search(s.text) and not HEDGE.search(s.text):
            amount = next((a for a in named if "$" in a.text and _GIVEN.search(a.text) and not HEDGE.search(a.text)), s)
            return Fact(True, quote(amount))  # quoted where it names the amount, if it does
    return Suspect(quote(named[0])) if named else None  # named, neither given nor denied


# Leadership seeing the new faculty member as future faculty, in so many words.
# What leadership may see the new faculty member becoming: a faculty career, not coverage.
_CAREER = (r"(?:faculty|colleague|career|investigator|scientist|leader|(?:assistant|associate)\s+professors?|pipeline|entry\s+point"
           r"|member\s+of\s+(?:our|this|the)\s+(?:faculty|department|division))")
_LEADERSHIP_FOR = re.compile(
    # "We regard you as a future independent investigator", "views every Instructor appointment as
    # the entry point to our regular faculty", "see this role as the first step of a faculty career"
    rf"\b(?:view|see|regard|consider)\w*\s+(?:you|(?:[\w-]+\s+){{0,3}}(?:position|role|appointment|post|hire|years?|job|period|title))\s+as\s+"
    rf"(?:[\w-]+\s+){{0,10}}?(?:{_CAREER}|step)\b"
    rf"|\blong-term\s+(?:member\s+of\s+(?:our|this|the)\s+)?(?:faculty|colleague)|\bfaculty\s+pipeline"
    # "we want you here for the long haul", "grow into a leader in this division"
    r"|\bwant\s+you\s+(?:here\s+)?for\s+the\s+long\s+(?:haul|term)\b"
    rf"|\b(?:grow|develop)\w*\s+(?:you\s+)?into\s+(?:an?\s+)?(?:[\w-]+\s+){{0,2}}?{_CAREER}"
    r"|\bcommitted\s+to\s+(?:supporting\s+)?your\s+(?:academic\s+)?(?:advancement|promotion|progression)"
    r"|\bcommitted\s+to\s+(?:supporting\s+)?your\s+(?:academic|faculty)\s+(?:development|career|growth)"
    r"|\bsupport\s+your\s+(?:academic\s+)?(?:promotion|advancement)|\bsupport\s+your\s+academic\s+(?:development|career)"
    r"|\bsupport\s+your\s+(?:development|growth)\s+as\s+an?\s+(?:academic|faculty|clinician-educator|educator|investigator|scientist)"
    r"|\binvest(?:ed|ing)?\s+in\s+your\s+(?:academic|faculty)\s+(?:career|development|future)"
    # "we intend her to progress through the faculty ranks here"
    r"|\b(?:intend|expect|plan|want)\w*\s+(?:for\s+)?(?:you|him|her|them|[A-Z]\w+)\s+to\s+(?:progress|advance|rise|move\s+up)\s+"
    r"(?:through|in)\s+(?:the\s+|our\s+)?(?:faculty\s+|academic\s+)?ranks", re.I)
# "among our future Assistant Professors", "a future leader of our programs": said of you.
_FUTURE_FACULTY = re.compile(rf"\bfuture\s+(?:[\w-]+\s+)?{_CAREER}", re.I)
_YOU = re.compile(r"\byou\b", re.I)
_LEADERSHIP_AGAINST = re.compile(r"\bprimarily\s+(?:designed\s+|intended\s+)?(?:to\s+)?(?:support\s+|provide\s+)?clinical\s+coverage"
                                 r"|\b(?:view|see|regard|consider)\w*\s+(?:this|the|your)\s+(?:role|position|job|post|appointment)\s+(?:as\s+)?"
                                 r"(?:primarily|mainly|essentially|largely|predominantly)\s+(?:as\s+)?(?:an?\s+)?(?:clinical|service)\b"
                                 r"|\b(?:primarily|mainly|essentially|largely|predominantly)\s+(?:an?\s+)?(?:clinical|service)(?:\s+(?:service|coverage|care))?\s+(?:role|position|job|post|appointment)"
                                 r"|\bnot\s+(?:intended|designed|meant)\s+as\s+an?\s+(?:academic|faculty)\s+(?:pathway|position|career)", re.I)


def read_leadership_support(letter: Letter) -> Finding:
    """Whether leadership says in writing that it sees the post as a faculty career, or only coverage."""
    against = next(letter.matching(_LEADERSHIP_AGAINST), None)
    for s in letter.sentences:
        said = _LEADERSHIP_FOR.search(s.text) or (_FUTURE_FACULTY.search(s.text) and _YOU.search(s.text))
        if said and not HEDGE.search(s.text) and not negated(s.text, _LEADERSHIP_FOR) and s is not against:
            return Fact(True, quote(s))
    return Fact(False, quote(against)) if against else None
