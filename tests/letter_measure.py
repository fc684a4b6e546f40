"""Measure the letter reader on a folder of letters: ``NAME.txt`` with ``NAME.json`` beside it.

    .venv/bin/python tests/letter_measure.py [FOLDER ...]     (default: tests/letters)

Prints every wrong value and every missed fact, then the figures: facts read right out of all
facts (a field the letter does not state is right when the reader leaves it not found), facts
read right out of the stated facts (the issue's "at least 95 %"), and wrong values (at most 1 in
50 facts). The corpus test (tests/test_letter_corpus.py) uses the same scoring.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calculators import letter  # noqa: E402

LETTERS = Path(__file__).parent / "letters"
MIN_RIGHT_SHARE = 0.95
MAX_WRONG_PER_FACT = 1 / 50


def same(a: object, b: object) -> bool:
    """Equal values: booleans only to booleans, numbers to within rounding."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


@dataclass
class Score:
    facts: int = 0  # every field of every letter
    stated: int = 0  # fields whose expected answer is a value
    right: int = 0  # stated facts read with the right value
    wrong: int = 0  # a value where the letter says something else, or nothing
    missed: int = 0  # stated facts left not found
    silent_right: int = 0  # unstated fields left not found
    problems: list[str] = field(default_factory=list)

    def add(self, name: str, expect: dict, got: dict) -> list[str]:
        """Score one letter's reading (``got``: field -> value); return its problems."""
        problems = []
        for name_ in letter.FIELDS:
            self.facts += 1
            want = expect["found"].get(name_)
            stated = name_ in expect["found"]
            self.stated += stated
            if name_ not in got:
                self.silent_right += not stated
                self.missed += stated
                if stated:
                    problems.append(f"MISS  {name}: {name_}: expected {want!r}")
                continue
            if stated and same(got[name_], want):
                self.right += 1
            else:
                self.wrong += 1
                problems.append(f"WRONG {name}: {name_}: read {got[name_]!r}, expected {want!r}" if stated else
                                f"WRONG {name}: {name_}: read {got[name_]!r} where the letter states nothing")
        self.problems += problems
        return problems

    @property
    def share(self) -> float:
        return self.right / self.stated if self.stated else 1.0

    @property
    def passes(self) -> bool:
        return self.share >= MIN_RIGHT_SHARE and self.wrong <= self.facts * MAX_WRONG_PER_FACT

    def summary(self, letters: int) -> str:
        return (f"{letters} letters, {self.facts} facts: {self.right + self.silent_right} right "
                f"({(self.right + self.silent_right) / self.facts:.1%}); stated {self.stated}: {self.right} read right "
                f"({self.share:.1%}), {self.missed} missed; "
                f"{self.wrong} wrong values (at most {self.facts * MAX_WRONG_PER_FACT:.1f} allowed)")


def names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt"))


def expected(folder: Path, name: str) -> dict:
    return json.loads((folder / f"{name}.json").read_text())


def values(reading: dict) -> dict:
    return {name: fact["value"] for name, fact in reading["found"].items()}


def measure(folder: Path) -> tuple[Score, int]:
    score = Score()
    letters = names(folder)
    for name in letters:
        reading = letter.read_letter((folder / f"{name}.txt").read_text()).as_dict()
        score.add(name, expected(folder, name), values(reading))
    return score, len(letters)


def main(argv: list[str]) -> int:
    ok = True
    for folder in [Path(a) for a in argv] or [LETTERS]:
        score, count = measure(folder)
        print("\n".join(score.problems))
        print(f"{folder}: {score.summary(count)}")
        ok = ok and score.passes
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
