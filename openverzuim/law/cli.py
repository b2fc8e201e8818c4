"""`openverzuim timeline FILE|-` (timeline-contract.md) and `openverzuim pay FILE|-` (docs/pay.md):
the engine's public face on the command line.

The only module of `law/` that reads files, standard input or the clock. Bad input exits 2 with one line
on standard error naming the field and the reason; nothing is printed on standard output then.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .assessment_cli import assess_command
from .contract import ContractError, compute, parse_case
from .explain import LANGUAGES, explain
from .jsonl import decode, results, text
from .pay_contract import render_pay, schedule_from
from .pay_explain import explain_pay
from .timeline import timeline

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class InputError(Exception):
    """Input that could not be read or decoded; str() is the one line for standard error."""


def today() -> date:
    """The default `as_of`: today in the Netherlands, whatever the machine's time zone."""
    try:
        return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    except ZoneInfoNotFoundError:  # a machine without tz data: its own date is the best left
        return date.today()  # noqa: DTZ011


def _lines(path: str) -> Iterator[bytes]:
    """The input's lines as bytes: --jsonl decodes each line on its own, so one line that is not
    UTF-8 spoils only its own output line."""
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text-only stdin, as an embedding program may set
                yield from (line.encode("utf-8", "surrogateescape") for line in sys.stdin)
                return
            yield from stream
            return
        with open(path, "rb") as handle:
            yield from handle
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a JSON file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _timeline_json(obj: Any) -> str:
    return json.dumps(compute(obj, today=today()), indent=2, ensure_ascii=False) + "\n"


def _timeline_explain(obj: Any, lang: str) -> str:
    facts, as_of = parse_case(obj, today=today())
    return explain(timeline(facts, as_of), lang)


def _pay_json(obj: Any) -> str:
    return json.dumps(render_pay(schedule_from(obj, today=today())), indent=2) + "\n"


def _pay_explain(obj: Any, lang: str) -> str:
    return explain_pay(schedule_from(obj, today=today()), lang)


COMMANDS = {
    "timeline": (_timeline_json, _timeline_explain),
    "pay": (_pay_json, _pay_explain),
    "assess": assess_command(today),
}


def _one(command: str, path: str, explain_lang: str | None) -> int:
    as_json, as_text = COMMANDS[command]
    try:
        obj = decode(text(b"".join(_lines(path))))
        output = as_json(obj) if explain_lang is None else as_text(obj, explain_lang)
    except (InputError, ContractError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return EXIT_OK


def _jsonl(path: str, jobs: int) -> int:
    status = EXIT_OK
    try:
        for output, ok in results(_lines(path), today(), jobs):
            sys.stdout.write(output + "\n")
            if not ok:
                status = EXIT_BAD_INPUT
    except InputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    return status


def _file_arguments(command: argparse.ArgumentParser, explain_help: str) -> None:
    command.add_argument("file", metavar="FILE", help="the case as JSON; - reads standard input")
    command.add_argument("--explain", action="store_true", help=explain_help)
    command.add_argument(
        "--lang", choices=LANGUAGES, default="nl", help="language of --explain (default: nl)"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= number <= 256:
        raise argparse.ArgumentTypeError(f"{number} is not between 1 and 256")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openverzuim", description="Open Verzuim: the Wet verbetering poortwachter as code."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser(
        "timeline",
        help="the Poortwachter timeline of a sickness case (contract v1 or v2)",
        description="Print the Poortwachter timeline of a case as JSON (docs/timeline-contract.md).",
    )
    _file_arguments(
        command, "a readable table: date, status, how computed and article per milestone"
    )
    command.add_argument(
        "--jsonl",
        action="store_true",
        help="bulk: one case per input line, one result per output line",
    )
    command.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="with --jsonl: compute in N processes (default: 1); the order is kept",
    )
    pay = commands.add_parser(
        "pay",
        help="the wage payment schedule of a sickness case (BW 7:629)",
        description="Print what the employer owes per month during sickness as JSON (docs/pay.md).",
    )
    _file_arguments(pay, "a readable table: per month the amount, per line the rate and why")
    _file_arguments(
        commands.add_parser("assess", help="the gatekeeper assessment of a dossier (BKP)"),
        "findings for people: reason, what to do now and the rule, per finding",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "jsonl", False) and args.explain:
        parser.error("--explain works on one case; it cannot be combined with --jsonl")
    if getattr(args, "jobs", 1) > 1 and not args.jsonl:
        parser.error("--jobs works on many cases; it needs --jsonl")
    try:
        if getattr(args, "jsonl", False):
            return _jsonl(args.file, args.jobs)
        return _one(args.command, args.file, args.lang if args.explain else None)
    except BrokenPipeError:  # the reader went away (`| head`): not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
