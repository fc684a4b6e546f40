"""The rank offered and the track named for it."""
from __future__ import annotations

import re

from .letter_facts import Fact, Finding, Letter, Suspect, one_value
from .letter_text import Sentence, quote
from .letter_words import about_someone_else, negated


# The two ranks the calculators know, as titles are written ("Clinical Instructor", "Research
# Assistant Professor", "INSTRUCTOR"); a plural ("our Instructors") is no one's title.
RANK_TITLE = re.compile(r"\b(?P<ap>Assistant\s+Professor|ASSISTANT\s+PROFESSOR|Asst\.?\s+Prof\.?)(?!s\b|ship)"
                        r"|\b(?P<inst>Instructor|INSTRUCTOR)(?!s\b)")
_OTHER_RANK = re.compile(r"\b(?:Associate|Full)\s+Professor\b|\bProfessor\b")
# Words just before a title that make it not the offered one: a promotion to come, time in
# rank that counts ("count as time in rank at the Assistant Professor level"), a past post, a
# time "as Instructor", someone else's title. Words of time ("upon", "when") reach only within
# their phrase: "accepts upon signature, appointment at the rank of" offers the rank.
_NOT_OFFERED_BEFORE = re.compile(
    r"\b(?:promot\w*|progress\w*|review(?:ed)?|consider(?:ed|ation)?|eligible|path(?:way)?|advance(?:ment)?|move\s+\w*\s*up|"
    r"become|becoming|toward|towards|count\w*|credit\w*|mov(?:e|ing)\s+to|advanc\w*\s+to|(?:time|years?|service)\s+(?:spent\s+)?(?:as|at))\b[^.;]{0,40}$"
    r"|\b(?:served|serving|been|were|was|former(?:ly)?|previous(?:ly)?|upon|when|once|after|until|from|then|thereafter"
    r"|subsequently|afterwards?|later|at\s+which\s+(?:point|time)|chang\w*\s+to)\b[^.;,]{0,40}$", re.I)
# Words that show a sentence offers or states the post.
OFFER_WORDS = re.compile(r"\b(?:offer\w*|appoint\w*|position|title|rank|hire|hiring|join|start|begin|"
                         r"post|role|welcome|recruit\w*|employ\w*|re:)\b|\bas\s+(?:an?\s+)?$", re.I)
# The title named as the post itself, right after the offer: "an appointment as Instructor in
# Medicine", "offer you the position of Assistant Professor", "appointed at the rank of ...".
_DIRECT_OFFER = re.compile(r"\b(?:appointment|appointed|offer(?:ed|ing)?(?:\s+you)?|position|post|hired?|join\s+us)"
                           r"\s+(?:you\s+)?(?:as|at\s+the\s+rank\s+of|to\s+the\s+rank\s+of|of)\s+(?:an?\s+)?"
                           r"(?:full-time\s+|part-time\s+)?(?:Clinical\s+|Research\s+)?$", re.I)
_RANK_LABEL = re.compile(r"^(?:rank|title|academic (?:rank|title)|position|faculty rank|appointment)\s*:", re.I)


def _offered_rank(sentence: Sentence, m: re.Match[str]) -> bool:
    before = sentence.text[:m.start()]
    if _NOT_OFFERED_BEFORE.search(before[-60:]) or _someone_elses(sentence, m):
        return False
    return bool(OFFER_WORDS.search(sentence.text) or _RANK_LABEL.match(sentence.text)
                or _RANK_LABEL.match(sentence.heading + ":"))


# A title in apposition to a name or a degree: "Dr. Lee, Assistant Professor of ...", "Jane Roe, MD, ...".
_APPOSITION = re.compile(r"(?:\b[A-Z][a-z]+|\b(?:MD|M\.D\.|PhD|Ph\.D\.|DO|D\.O\.|MPH|MS|MBA|RN))\s*,\s*$")


# A title denied just before it: "we can do Asst Prof, not Instructor".
_DENIED_TITLE = re.compile(r"(?:\bnot|\brather\s+than|\binstead\s+of|\bunlike|\bother\s+than|\bas\s+opposed\s+to)\s+(?:as\s+)?"
                           r"(?:an?\s+|the\s+)?(?:rank\s+of\s+)?(?:Clinical\s+|Research\s+)?$", re.I)


def _someone_elses(sentence: Sentence, m: re.Match[str]) -> bool:
    """A title that belongs to someone the letter names, or that it denies, not the post offered."""
    before = sentence.text[:m.start()]
    return bool(_APPOSITION.search(before) or _DENIED_TITLE.search(before[-40:]))


def read_rank(letter: Letter) -> Finding:
    """The rank offered: Instructor or Assistant Professor (not a promotion it mentions)."""
    direct: list[Fact] = []  # named as the post itself, right after the offer
    offered: list[Fact] = []
    plain: list[Fact] = []  # a title neither offered in so many words nor ruled out
    mentioned: list[Sentence] = []
    for s in letter.sentences:
        for m in RANK_TITLE.finditer(s.text):
            value = "assistant_professor" if m.group("ap") else "instructor"
            if _offered_rank(s, m):
                offered.append(Fact(value, quote(s)))
                if _DIRECT_OFFER.search(s.text[:m.start()][-80:]):
                    direct.append(Fact(value, quote(s)))
            elif not _NOT_OFFERED_BEFORE.search(s.text[:m.start()][-60:]) and not _someone_elses(s, m):
                plain.append(Fact(value, quote(s)))
            mentioned.append(s)
    found = one_value(direct) or one_value(offered) or one_value(plain)
    if found is None and mentioned:
        return Suspect(quote(mentioned[0]))
    if found is None:
        other = next(letter.matching(_OTHER_RANK), None)
        return Suspect(quote(other)) if other else None
    return found


# --- track --------------------------------------------------------------------------------------

# Tenure, said negatively: "non-tenure-track", "not eligible for tenure", "a non-tenure line".
_NOT_TENURE = re.compile(r"\bnon-?\s?tenure(?:[- ](?:track|eligible|line))?|\bnot\s+(?:be\s+)?(?:eligible\s+for|on\s+the)\s+tenure"
                         r"|\bnot\s+tenure[- ](?:track|eligible)|\bineligible\s+for\s+tenure|\bwithout\s+tenure"
                         r"|\b(?:does|will)\s+not\s+(?:carry|confer|lead\s+to|include)\s+tenure|\bno\s+tenure", re.I)
TRACKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unspecified", re.compile(r"(?:do\s+not|don't|do\s+n't)\s+(?:really\s+)?(?:have|use)\s+(?:any\s+)?(?:official\s+|formal\s+)?tracks"
                               r"|\bno\s+(?:official|formal)\s+tracks|\btracks?\s+(?:has|have)\s+not\s+(?:yet\s+)?been\s+(?:determined|assigned|decided)"
                               r"|\btrack\s+(?:is\s+|will\s+be\s+)?to\s+be\s+determined|\bnot\s+(?:yet\s+)?(?:been\s+)?assigned\s+(?:to\s+)?a\s+track", re.I)),
    ("tenure", re.compile(r"\btenure[- ]?(?:track|eligible|line|stream|clock|system|review|probationary)\b|\beligible\s+for\s+tenure"
                          r"|\b(?:on|in)\s+the\s+tenure\b|\bwith\s+tenure\b", re.I)),
    ("research", re.compile(r"\bresearch[- ](?:track|pathway|line|series|ladder)\b|\binvestigator[- ](?:track|pathway)"
                            r"|\b(?:physician|clinician)[- ]scientist\s+(?:track|pathway|line|series)|\bscientist\s+(?:track|pathway)"
                            r"|\bResearch\s+(?:Instructor|Assistant\s+Professor)\b", re.I)),
    ("clinician_educator", re.compile(r"\b(?-i:CE)\s+(?:track|pathway|line|series)\b|\bclinician[- ]?educator|\bclinical[- ]educator|\beducator[- ]scholar|\bteaching[- ]scholar"
                                      r"|\bclinician[- ](?:teacher|scholar)|\bclinical\s+(?:scholars?|excellence)\s+(?:track|pathway|program|line|series)"
                                      r"|\bclinical\s+(?:track|pathway|line|series|ladder)\b|\beducator\s+(?:track|pathway)", re.I)),
    ("pure_clinical", re.compile(r"\bstaff\s+physician|\bcourtesy\s+(?:title|appointment)|\bhonorary\s+(?:title|appointment)"
                                 r"|\badjunct\b|\bvolunteer\s+(?:clinical\s+)?faculty|\bvoluntary\s+faculty|\bnon-?\s?academic\b"
                                 r"|\bpure(?:ly)?\s+clinical\s+(?:track|line|role|position|job|faculty)|\bclinical\s+practice\s+(?:track|line|pathway|series)"
                                 r"|\b(?:not|n't)\s+(?:be\s+)?(?:on|in|place\s+you\s+on)\s+(?:an?|any)\s+(?:academic|faculty)\s+(?:promotion\s+)?track"
                                 r"|\bno\s+faculty\s+appointment|\bnot\s+(?:an?\s+)?academic\s+(?:appointment|position)", re.I)),
)
# What a negation denies when a letter has no tracks at all: "doesn't divide its faculty into
# formal tracks", "we do not use tracks" (one track denied, "not on an academic track", is the
# pure clinical line above).
_TRACKS_EXIST = re.compile(r"\b(?:have|has|use|uses|divide\w*|split\w*|organi[sz]e\w*|assign\w*|sort\w*)\s+"
                           r"(?:[\w-]+\s+){0,4}?tracks\b|^\s*(?:any\s+|separate\s+|formal\s+|official\s+)*tracks\b", re.I)
# A track that might come later or was only compared: "you may later apply to the research track".
_TRACK_LATER = re.compile(r"\b(?:later|switch|transfer|move\s+to|apply\s+(?:separately\s+)?(?:to|for)|if\s+you\s+wish)\b", re.I)
# A track named only to contrast this one with it: the words from "rather than" to the end of
# their phrase ("on the clinical track (rather than the tenure track)", "unlike the tenure track,").
_CONTRASTED = re.compile(r"\b(?:unlike|rather\s+than|instead\s+of|separate\s+from|distinct\s+from|other\s+than|as\s+opposed\s+to"
                         r"|compared\s+(?:with|to))\b[^,;:()]*", re.I)


# Tenure named at all, for a negation to deny: "This is not a tenure-track appointment".
_TENURE_WORD = re.compile(r"\btenure[\w-]*", re.I)
# A form row naming the track: "Track: Clinical (non-tenure)" names the clinical track.
_TRACK_ROW = re.compile(r"^(?:academic\s+|faculty\s+)?(?:track|pathway|line|series)\s*:\s*(?P<value>[^;(]+)", re.I)


def _clauses(s: Sentence) -> list[str]:
    """The sentence's clauses; a track row's value reads as "<value> track"."""
    row = _TRACK_ROW.match(s.text)
    if row:
        return [f"{row.group('value').strip()} track", s.text[row.end():]]
    return s.text.split(";")


def read_track(letter: Letter) -> Finding:
    """The track named for this appointment."""
    hits: dict[str, Sentence] = {}
    negative_tenure: Sentence | None = None
    for s in letter.sentences:
        for clause in _clauses(s):
            if negated(clause, _TRACKS_EXIST):
                hits.setdefault("unspecified", s)
            if _NOT_TENURE.search(clause) or negated(clause, _TENURE_WORD):
                negative_tenure = negative_tenure or s
                clause = _TENURE_WORD.sub(" ", _NOT_TENURE.sub(" ", clause))
            clause = _CONTRASTED.sub(" ", clause)
            if _TRACK_LATER.search(clause) or about_someone_else(clause, letter.addressee):
                continue  # a track to come, or others' track
            for value, pattern in TRACKS:
                if pattern.search(clause):
                    hits.setdefault(value, s)
    if "tenure" in hits and "research" in hits:
        del hits["research"]  # a tenure-track physician-scientist is on the tenure track
    if len(hits) == 1:
        (value, s), = hits.items()
        return Fact(value, quote(s))
    if hits:
        return Suspect(quote(next(iter(hits.values()))))
    return Suspect(quote(negative_tenure)) if negative_tenure else None
