"""Numbers as letters write them: digits, words ("three"), ordinals ("third", "3rd")."""
from __future__ import annotations

import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "half a": 0.5}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"


def number(word: str) -> float:
    """A number written in digits, in words ("three") or as an ordinal ("third", "3rd")."""
    word = word.lower()
    if word in NUMBER_WORDS or word in ORDINALS:
        return float(NUMBER_WORDS.get(word) or ORDINALS[word])
    return float(re.sub(r"(?:st|nd|rd|th)$", "", word))


def as_count(value: float) -> float | int:
    """A count (years, dollars) as an integer when it is whole."""
    value = round(value, 3)
    return int(value) if value == int(value) else value


def as_fte(value: float) -> float:
    """A share of a full-time job, always a decimal (1.0, not 1)."""
    return round(float(value), 3)


# --- numbers written in words, as digits --------------------------------------------------------

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"thousand": 1_000, "million": 1_000_000}
_CARDINAL_WORD = "|".join(sorted([*_UNITS, *_TEENS, *_TENS, "hundred", *_SCALES], key=len, reverse=True))
# A run of number words: "seventy", "twenty-five", "two hundred thousand", "one hundred and ten".
_CARDINAL_RUN = re.compile(rf"\b(?:{_CARDINAL_WORD})(?:(?:[- ]|(?<=hundred)\s+and\s+)(?:{_CARDINAL_WORD}))*\b", re.I)
# What makes a small number ("four") worth writing in digits: a percentage, an amount of money,
# hours of a working week.
_UNIT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|dollars\b|(?:weekly\s+|clinical\s+|protected\s+)?hours\b)", re.I)
MAX_NUMBER_WORDS = 10
"""Words a number restated in digits may take ("One Hundred Ninety-Five Thousand"): bounds the
work on a long run of number words."""
_ORDINAL_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
# A number in words restated in digits, as contracts write them: "eighty percent (80%)", "third
# (3rd)", "One Hundred Ninety-Five Thousand Dollars ($195,000.00)". The digits are kept.
_RESTATED = re.compile(rf"\b(?:(?:{_CARDINAL_WORD})(?:[- ](?:{_CARDINAL_WORD})){{0,{MAX_NUMBER_WORDS}}}|{_ORDINAL_WORD})"
                       rf"(?:\s+(?:percent|per\s+cent|dollars))?\s*\((?P<digits>\$?\d[\d,]*(?:\.\d+)?\s*%?|\d+(?:st|nd|rd|th))\)", re.I)
# A split of effort written as a ratio: "an 80/20 clinical/academic split", "a 70:30
# research-clinical split" (not "70/30 base/incentive" pay, nor "24/7").
_EFFORT_KIND = r"(?:clinical|academic|research|teaching|protected|scholarly|scholarship|education(?:al)?|admin(?:istrative)?|non-?clinical)"
_RATIO = re.compile(rf"\b(?P<a>\d{{1,2}})\s*[/:]\s*(?P<b>\d{{1,2}})\s+(?P<ka>{_EFFORT_KIND})\s*[/:-]\s*(?P<kb>{_EFFORT_KIND})\b", re.I)
# A fraction: "nine-tenths", "one-tenth", "three quarters", "a fifth of", "one half of"; not a
# half-day or half-time, which the rules read as they are.
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                 "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_FRACTION = re.compile(r"\b(?P<num>one|two|three|four|five|six|seven|eight|nine|a)[- ]"
                       r"(?P<den>halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b(?![- ]?(?:days?|time|sessions?)\b)"
                       r"(?P<of>\s+of\b)?", re.I)


def _cardinal(words: str) -> int | None:
    """The value of a run of number words; None if they do not make one number ("two three")."""
    total, current, last = 0, 0, ""
    for word in re.split(r"[- ]+(?:and\s+)?", words.lower()):
        if word in _UNITS or word in _TEENS:
            if last in ("unit", "teen") or (last == "tens" and word in _TEENS):
                return None
            current += _UNITS.get(word, _TEENS.get(word, 0))
            last = "unit" if word in _UNITS else "teen"
        elif word in _TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += _TENS[word]
            last = "tens"
        elif word == "hundred":
            if last != "unit":
                return None
            current *= 100
            last = "hundred"
        elif word in _SCALES:
            if not last or last == "scale":
                return None
            total += current * _SCALES[word]
            current, last = 0, "scale"
    return total + current


def _digits(m: re.Match[str]) -> str:
    words = m.group(0)
    with_unit = bool(_UNIT_AFTER.match(m.string, m.end()))
    if (words.lower() in _UNITS or words.lower() in ("ten", "eleven", "twelve")) and not with_unit:
        return words  # "one of our faculty", "four days a week": left as written
    value = _cardinal(words)
    if value is None:
        return words
    return f"{value:,}" if value >= 10_000 or (with_unit and value >= 1_000) else str(value)


def _fraction(m: re.Match[str]) -> str:
    numerator = m.group("num").lower()
    if numerator == "a" and not m.group("of"):
        return m.group(0)  # "a half", "a fifth": not a share of anything
    value = (1 if numerator == "a" else _UNITS[numerator]) / _DENOMINATORS[m.group("den").lower()]
    if value > 1:
        return m.group(0)
    return ("1.0" if value == 1 else f"{value:.3f}".rstrip("0")) + (m.group("of") or "")


def _ratio(m: re.Match[str]) -> str:
    a, b = int(m.group("a")), int(m.group("b"))
    if a + b != 100:
        return m.group(0)  # "24/7 coverage", "1/2 day": not a split
    return f"{a}% {m.group('ka')} and {b}% {m.group('kb')}"


# Half of something, or the other half: "half of your time", "the other half".
_HALF = re.compile(r"\b(?:one[- ])?half(?=\s+of\s+(?:your|the|this|each)\b)|(?<=\bthe\sother\s)half\b|(?<=\bthe\sremaining\s)half\b", re.I)


def words_to_digits(text: str) -> str:
    """The text with numbers written in words as digits where they may be read as quantities:
    fractions ("nine-tenths of" -> "0.9 of"), every number above twelve ("seventy" -> 70, "two
    hundred thousand" -> 200,000), a small one before "percent", "dollars" or "hours" ("four
    percent"); a number restated in digits as the digits; a ratio as its two shares ("80/20
    clinical/academic" -> "80% clinical and 20% academic"). Other small numbers stay words ("one
    of our faculty"), as the rules read them."""
    text = _HALF.sub("0.5", _RESTATED.sub(lambda m: m.group("digits"), text))
    text = _RATIO.sub(_ratio, text)
    return _CARDINAL_RUN.sub(_digits, _FRACTION.sub(_fraction, text))
