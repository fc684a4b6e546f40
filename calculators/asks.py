"""How "what would change the result" is worded: one table for every calculator.

An ask reads "If CONDITION, OUTCOME." (``what_would_change.ask``). ``CONDITIONS`` words the
condition per calculator and field (a list's fields as ``LIST.FIELD``): one template for every
value, or one per value (``True``/``False``, a choice's value, a number). In a template,
``{value}`` is the answer in words ("3 years") and ``{item}`` the list item's name ("Offer 2",
or its label); a list item's condition without ``{item}`` is read "for ITEM, CONDITION".
``OUTCOMES`` words the new band. Anything missing here falls back to the field's label and the
answer's label ("If the answer to "Years until promotion review" is "3 years", the result
becomes "Green flag".").

Only wording lives here; which answers change the band is computed by running the rules.
"""
from __future__ import annotations

from typing import Any, Mapping, Union

Phrase = Union[str, Mapping[Any, str]]

_OFFER: dict[str, Phrase] = {
    "track": {
        "clinician_educator": "{item} names the clinician-educator track",
        "research": "{item} names a research track",
        "tenure": "{item} names a tenure track",
        "pure_clinical": "{item} turns out to be a pure clinical (staff) line",
    },
    "review_years": "the department confirms a review for Assistant Professor within {value}",
    "years_count_toward_rank": {
        True: "the department confirms that your years as Instructor will count toward time in rank",
        False: "your years as Instructor turn out not to count toward time in rank",
    },
}

CONDITIONS: dict[str, dict[str, Phrase]] = {
    "instructor-offer": dict(_OFFER),
    "offer-comparison": {f"offers.{name}": phrase for name, phrase in _OFFER.items()},
    "promotion-clock": {
        "track": {
            "clinician_educator": "your appointment letter names the clinician-educator track",
            "research": "your appointment letter names a research track",
            "tenure": "your appointment letter names a tenure track",
            "pure_clinical": "your post turns out to be a pure clinical (staff) line",
        },
        "instructor_years_count": {
            True: "the school counts your earlier years as Instructor toward time in rank",
            False: "the school does not count your years as Instructor toward time in rank",
        },
    },
    "education-track-check": {
        "written_criteria": {
            "specific": "the written criteria put numbers on publications, national activities and leadership roles",
            "examples": "the written criteria describe education scholarship with examples",
            "vague": "the written criteria turn out to be vague",
            "none": "the track turns out to have no written criteria",
        },
        "successful_candidates_have_research": {
            True: "every recent successful candidate turns out to have had traditional research papers",
            False: "recent successful candidates turn out to have been promoted without traditional research papers",
        },
        "promoted_have_clear_lines": {
            True: "the educators promoted recently can each point to a clear line of work",
            False: "the educators promoted recently cannot point to a clear line of work",
        },
        "promoted_look_like_researchers": {
            True: "those promoted as educators turn out to look like researchers with a few talks added",
            False: "those promoted as educators turn out to have built education careers",
        },
        "protected_time": {
            "honoured": "the protected education time shows up in the schedule",  # the value keeps its old spelling
            "evaporates": "the protected education time turns out to vanish when clinical volume rises",
            "none": "the track turns out to have no protected education time",
        },
        "recent_role_models": {
            0: "you cannot name anyone recently promoted on the track whose career you would want",
            1: "you can name one person recently promoted on the track whose career you would want",
            2: "you can name two people recently promoted on the track whose careers you would want",
            3: "you can name three people recently promoted on the track whose careers you would want",
        },
        "past_output_explained": {
            True: "someone can tell you what past successful candidates published",
            False: "nobody can tell you what past successful candidates published",
        },
    },
}

OUTCOMES: dict[str, dict[str, str]] = {
    "instructor-offer": {"green": "this offer becomes a green flag", "yellow": "this offer becomes a yellow flag",
                         "red": "this offer becomes a red flag"},
    "offer-comparison": {"clear": "{placement}", "ahead": "{placement}, and one leads on its terms",
                         "close": "{placement}, and the comparison becomes a close call"},
    "promotion-clock": {"on_track": "you are on track", "watch": "your review is near",
                        "check_policy": "you are past the usual window: read your track's written policy",
                        "overdue": "you are past an up-or-out window", "no_clock": "no academic clock applies"},
    "education-track-check": {"real": "the track reads as real", "mixed": "the track reads as mixed",
                              "cosmetic": "the track reads as mostly cosmetic"},
    "education-readiness": {"ready": "the dossier reads as ready", "borderline": "the dossier reads as borderline",
                            "not_yet": "the dossier reads as not yet ready"},
}

ITEM_SUBJECT: dict[str, str] = {"instructor-offer": "the offer"}
"""What ``{item}`` means outside a list, per calculator (default: "it")."""
