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
