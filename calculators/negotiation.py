"""The negotiation email: a text, ready to paste, asking the department for what a result lacks.

Built from the guide's advice (``titles-and-tracks/negotiating``: ask to start as Assistant
Professor, failing that for a written plan and timeline with benchmarks; ``questions``: the
questions to ask before signing, answered in writing) and from the result alone: its band, its
factors with a negative or unknown effect, the guide's questions its next steps already chose,
and ``what_would_change``. Which answers count for or against an offer is decided by the rules,
never here. Results of ``instructor-offer``, ``offer-comparison`` (one email, to the department
of the offer most worth negotiating) and ``education-track-check`` (to the chair) carry one;
the other calculators' results carry null: a promotion clock or a dossier is not negotiated.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from .questions import QUESTIONS, question

if TYPE_CHECKING:
    from .contract import Calculator

Email = dict[str, str]

NAME, SIGNATURE = "[name]", "[Your name]"
CONTEXT_SECTIONS = ("titles-and-tracks/institutions/",)
"""Factors citing these sections describe the institution, not a term of the offer."""
TRACK_WORDS = {"research": "the research track", "tenure": "the tenure track"}
"""The track to ask for with Assistant Professor; otherwise the guide's clinician-educator track."""
OFFER_TERMS = ("track", "clinical_fte", "protected_fte", "protected_in_contract", "written_criteria", "review_years",
               "years_count_toward_rank")
"""The terms of an Instructor offer worth confirming in writing (the guide: track, protected time, timeline)."""
OFFER_QUESTIONS = {"track": "official-title", "review_years": "promotion-timeline",
                   "years_count_toward_rank": "years-count"}
"""The guide's question that settles each offer field left unknown."""
OFFER_REQUESTS: dict[str, Any] = {
    "review_years": "a review for promotion to Assistant Professor within {value}",
    "years_count_toward_rank": {True: "that my years as Instructor will count toward time in rank"},
}
"""What to ask to have written into the offer, for answers that would move it to a better band (the
track is asked for with the rank). One request per field: the first such answer listed."""


def negotiation_email(calc: "Calculator", result: dict[str, Any]) -> Email | None:
    """The email for ``result`` of ``calc``, or None where no negotiation applies."""
    build = _BUILDERS.get(calc.slug)
    return build(calc, result) if build else None


def _paragraphs(*parts: str | list[str] | None) -> str:
    return "\n\n".join(p if isinstance(p, str) else "\n".join(p) for p in parts if p)


def _bullets(lines: list[str], numbered: bool = False) -> list[str]:
    return [f"{n + 1}. {x}" if numbered else f"- {x}" for n, x in enumerate(lines)]


def _value_words(template: str, item: dict[str, Any]) -> str:
    return template.format(value=item["value_label"])


def _chosen_questions(steps: list[str], first_ids: list[str], skip: tuple[str, ...] = ()) -> list[str]:
    """The guide's questions among ``steps``, those in ``first_ids`` first."""
    asked = {q.id for q in QUESTIONS if q.ask in steps} | set(first_ids)
    order = [i for i in first_ids if i in asked] + [q.id for q in QUESTIONS if q.id in asked and q.id not in first_ids]
    return [question(i).ask for i in dict.fromkeys(order) if i not in skip]


def _instructor(calc: "Calculator", result: dict[str, Any]) -> Email:
    """An Instructor offer: ask for Assistant Professor, else a written plan; then the open questions."""
    inputs, band = result["inputs"], result["band"]
    changes = result["what_would_change"]
    first = [OFFER_QUESTIONS[c["field"]] for c in changes if c["field"] in OFFER_QUESTIONS]
    best = band == calc.bands[0]
    questions = _chosen_questions(result["next_steps"], first, skip=() if best else ("entry-rank",))
    ask_block = _bullets(questions, numbered=True)
    in_writing = ("Answers by email are perfectly fine: I would simply like us both to keep the same record "
                  "of what we agree.")
    closing = ["Thank you again for the offer; I look forward to hearing from you.", "", "Best regards,", SIGNATURE]
    if best:
        from .answers import answer_text
        from .what_would_change import is_unknown

        terms = [f"{calc.field(n).label}: {answer_text(calc.field(n), inputs[n])}" for n in OFFER_TERMS
                 if not is_unknown(calc.field(n), inputs[n])]
        body = _paragraphs(
            f"Dear {NAME},",
            "Thank you for the offer to join the department as Instructor. Before I sign, I would like to "
            "confirm in writing what we have discussed, so that we both keep the same record. As I understand "
            "it, the offer includes:",
            _bullets(terms),
            "Please let me know if I have misunderstood any of these points.",
            ["I would also be grateful for answers to these questions:"] + ask_block if questions else None,
            closing)
        return {"to": "The department that made the offer", "subject": "Instructor offer: confirming what we discussed",
                "body": body}
    track = TRACK_WORDS.get(inputs["track"], "the clinician-educator track")
    better = {b for b in calc.bands[:calc.bands.index(band)]}
    requests: dict[str, str] = {}
    for c in changes:
        words = OFFER_REQUESTS.get(c["field"])
        words = words.get(c["value"]) if isinstance(words, dict) else words
        if words and c["band"] in better:
            requests.setdefault(c["field"], _value_words(words, c))
    open_points = [f["label"] for f in result["factors"] if f["effect"] in ("-", "0")
                   and not f["source"].startswith(CONTEXT_SECTIONS)]
    body = _paragraphs(
        f"Dear {NAME},",
        "Thank you for the offer to join the department as Instructor. I want to build a long-term academic "
        "career here, so before I sign I would like to settle two things: the rank I start at, and the path "
        "to promotion.",
        f"First, would you consider appointing me as Assistant Professor on {track}? It matches the work and "
        "the goals we have discussed. I would be glad to go through my CV with you against the standard the "
        "department normally applies for that rank.",
        "If starting as Assistant Professor is not possible, could we agree on a written plan for my promotion "
        "from Instructor to Assistant Professor, with the benchmarks you would expect me to reach and the date "
        "by which I would be reviewed? I would like the plan to be part of the offer letter.",
        ["In particular, it would make a real difference to me if the letter could confirm:"] + _bullets(list(requests.values()))
        if requests else None,
        ["As I read the offer, these points are not settled yet (please correct me if I have misread any):"]
        + _bullets(open_points) if open_points else None,
        ["I would also be grateful for answers to these questions:"] + ask_block if questions else None,
        in_writing,
        closing)
    return {"to": "The department that made the offer",
            "subject": "Instructor offer: starting rank and a written promotion plan", "body": body}


def _comparison(calc: "Calculator", result: dict[str, Any]) -> Email | None:
    """To the department of the best-ranked Instructor offer short of a green flag; else of the best-ranked
    offer the next steps still have questions for."""
    from .answers import item_name
    from .registry import get

    instructor = get("instructor-offer")
    field = calc.field("offers")
    offers = {item_name(field, o, n): o for n, o in enumerate(result["inputs"]["offers"])}
    ranked = [offers[r["label"]] | {"label": r["label"], "questions": r["questions"]}
              for r in result["ranking"] if r["label"] in offers]
    for offer in ranked:
        if offer["rank"] != "instructor":
            continue
        res = instructor.run({f.name: offer[f.name] for f in instructor.fields})
        if res["band"] != instructor.bands[0]:
            email = res["negotiation_email"]
            return email | {"to": f"The department behind {offer['label']}",
                            "subject": f"{email['subject']} ({offer['label']})"}
    for offer in ranked:
        questions = _chosen_questions(offer["questions"], [])
        if questions:
            rank = "Assistant Professor" if offer["rank"] == "assistant_professor" else "Instructor"
            body = _paragraphs(
                f"Dear {NAME},",
                f"Thank you for the offer to join the department as {rank}. Before I decide, I would like to "
                "settle a few points about the position:",
                _bullets(questions, numbered=True),
                "Answers by email are perfectly fine: I would simply like us both to keep the same record of "
                "what we agree.",
                ["Thank you again for the offer; I look forward to hearing from you.", "", "Best regards,", SIGNATURE])
            return {"to": f"The department behind {offer['label']}",
                    "subject": f"A few questions before I decide ({offer['label']})", "body": body}
    return None


TRACK_CHECK_QUESTIONS = {
    "written_criteria": "Could you send me the written promotion criteria for the education track?",
    "successful_candidates_have_research": "Could I see the CVs, or de-identified dossiers, of the last few people "
                                           "promoted on the education track?",
    "promoted_look_like_researchers": "Could I see the CVs, or de-identified dossiers, of the last few people "
                                      "promoted on the education track?",
    "promoted_have_clear_lines": "Could you put me in touch with two or three educators promoted on the track "
                                 "recently?",
    "recent_role_models": "Could you put me in touch with two or three educators promoted on the track recently?",
    "protected_time": "How does protected education time show up in the schedule, and what happened to it the "
                      "last time clinical volume rose?",
    "past_output_explained": "How many education publications, and of what kind, did the last successful "
                             "candidates have?",
}
"""The question to the chair that settles each sign left unknown."""


def _track_check(calc: "Calculator", result: dict[str, Any]) -> Email | None:
    """To the chair: the expectations in writing, with numbers, and a question per sign still unknown."""
    from .what_would_change import unknown_slots

    unknown = [s.name for s in unknown_slots(calc.fields, result["inputs"])]
    if result["band"] == calc.bands[0] and not unknown:
        return None
    first = [c["field"] for c in result["what_would_change"]]
    names = list(dict.fromkeys(first + unknown))
    questions = list(dict.fromkeys(TRACK_CHECK_QUESTIONS[n] for n in names if n in TRACK_CHECK_QUESTIONS))
    body = _paragraphs(
        f"Dear {NAME},",
        "I am planning my career on the education track and would like to be sure I am working toward what "
        "the promotions committee will actually look for.",
        "Could we put the expectations in writing, in a form such as: \u201cpromotion on the education track "
        "usually requires __ peer-reviewed publications, __ national activities and __ leadership roles\u201d? "
        "With the numbers filled in, I can plan the next few years around them.",
        ["I would also be grateful for your help with these questions:"] + _bullets(questions, numbered=True)
        if questions else None,
        "A reply by email is perfectly fine; I would like to keep a written note of what we agree.",
        ["Thank you for your support.", "", "Best regards,", SIGNATURE])
    return {"to": "Your chair or the chair of the promotions committee",
            "subject": "Education track: the promotion expectations in writing", "body": body}


_BUILDERS: dict[str, Callable[["Calculator", dict[str, Any]], Email | None]] = {
    "instructor-offer": _instructor,
    "offer-comparison": _comparison,
    "education-track-check": _track_check,
}
