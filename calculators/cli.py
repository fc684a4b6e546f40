"""Command-line interface: list, schema, run, link, read-letter.

Exit codes: 0 success, 2 bad input or usage (message on stderr, never a traceback).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence, TextIO

from . import urlstate
from .contract import Calculator, ValidationError, json_schema
from .letter import LetterError
from .letter_file import read_path
from .registry import CALCULATORS, UnknownCalculator, get
from .what_would_change import empty_note


class UsageError(Exception):
    """A problem with the command line or its input, reported with exit code 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m calculators",
                                description="Score academic job offers and promotion dossiers.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="list the calculators")
    s = sub.add_parser("schema", help="print the JSON Schema of a calculator's inputs")
    s.add_argument("slug")
    r = sub.add_parser("run", help="run a calculator on a JSON object of inputs")
    r.add_argument("slug")
    r.add_argument("file", nargs="?", default="-", help="JSON file, or - for standard input (default)")
    r.add_argument("--format", choices=("json", "text"), default="json",
                   help="json: the result object (default); text: the result for reading, with what would "
                        "change it and the negotiation email")
    lk = sub.add_parser("link", help="print the shareable query string for a JSON object of inputs")
    lk.add_argument("slug")
    lk.add_argument("file", nargs="?", default="-")
    rl = sub.add_parser("read-letter", help="read an offer letter (.txt or text-based .pdf); print the facts found as JSON")
    rl.add_argument("file")
    return p


def _read_json(path: str, stdin: TextIO) -> Any:
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError("input is not UTF-8 text: expected a JSON object of inputs") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(f"input is not valid JSON ({exc}); expected a JSON object of inputs") from None


def _unit(value: Any, unit: str) -> str:
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}".strip()


def text_report(calc: Calculator, result: dict[str, Any]) -> str:
    """A result for reading in a terminal: band, reasons, next steps, what would change it, the email."""
    score = "" if result["score"] is None else f" (score {result['score']:g} of 100)"
    lines = [f"{calc.title}: {result['band_label']}{score}", result["headline"]]
    lines += [f"{label}: {_unit(result[key], unit)}" for key, label, unit in calc.metrics
              if result.get(key) is not None]
    if result.get("ranking"):
        lines += ["", "Ranking:"] + [f"  {n + 1}. {r['label']}: {r['score']:g} ({r['band_label']})"
                                     for n, r in enumerate(result["ranking"])]
    mark = {"+": "+", "-": "-", "0": "*"}
    lines += ["", "What drove the result:"] + [f"  {mark[f['effect']]} {f['label']}: {f['detail']}"
                                               for f in result["factors"]]
    if result["next_steps"]:
        lines += ["", "Next steps:"] + [f"  {n + 1}. {s}" for n, s in enumerate(result["next_steps"])]
    changes = result["what_would_change"]
    lines += ["", "What would change the result:"]
    lines += [f"  - {c['ask']} ({c['field']}={json.dumps(c['value'])})" for c in changes] or [
        "  " + empty_note(calc, result["inputs"])]
    email = result.get("negotiation_email")
    if email:
        lines += ["", f"Negotiation email, to {email['to'][0].lower()}{email['to'][1:]}:", "",
                  f"Subject: {email['subject']}", "", email["body"]]
    lines += ["", f"Rules version {result['version']}. Based on informal estimates; policies vary by institution."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI; return the exit code."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return 0 if exc.code == 0 else 2
    try:
        if args.command == "list":
            for calc in CALCULATORS.values():
                print(f"{calc.slug}\t{calc.title}", file=stdout)
            return 0
        if args.command == "read-letter":
            try:
                reading = read_path(args.file)
            except LetterError as exc:
                raise UsageError(f"{args.file}: {exc.message}") from None
            print(json.dumps(reading.as_dict(), indent=2, ensure_ascii=False), file=stdout)
            return 0
        calc = get(args.slug)
        if args.command == "schema":
            print(json.dumps(json_schema(calc), indent=2, ensure_ascii=False), file=stdout)
            return 0
        raw = _read_json(args.file, stdin)
        if args.command == "run":
            result = calc.run(raw)
            text = text_report(calc, result) if args.format == "text" else json.dumps(result, indent=2, ensure_ascii=False)
            print(text, file=stdout)
        else:
            print("?" + urlstate.encode(calc, calc.validate(raw)), file=stdout)
        return 0
    except UnknownCalculator as exc:
        print(f"error: unknown calculator {exc.args[0]!r}; available: {', '.join(CALCULATORS)}", file=stderr)
    except ValidationError as exc:
        print(f"error: invalid input for {args.slug}:", file=stderr)
        for err in exc.errors:
            print(f"  {err.text()}", file=stderr)
    except UsageError as exc:
        print(f"error: {exc}", file=stderr)
    return 2
