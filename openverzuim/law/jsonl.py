"""The bulk path of `openverzuim timeline --jsonl`: one case per line in, one result per line out.

Speed without a second set of rules. A contract v1 line is decoded by msgspec into typed facts
(typed_input.py, which repeats the contract's checks and gives up on anything else), run through
the engine in ordinals (`timeline_days`) and written by `render_json`. Every other line goes the
contract's way: orjson decodes, the contract's own `parse_case` validates and orjson encodes; a line
orjson refuses goes the standard way (`decode`), so a bad line gets the very message it got before
and a line `json` accepts that orjson does not (NaN, a lone surrogate escape, a byte-order mark)
still computes. With `jobs` above 1 the lines are cut into chunks and computed in that many
processes; the output keeps the input's order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from itertools import islice
from multiprocessing import get_context
from typing import Any

import orjson

from .contract import ContractError, compute, render_json
from .timeline import timeline_days
from .typed_input import case_of

_LONG_NUMBER = re.compile(rb"[0-9]{19}")
CHUNK = 2_000  # lines per task for the worker processes: large enough that pickling is cheap


def decode(text: str) -> Any:
    """The standard decoder, whose messages the contract promises."""
    if not text.strip():
        raise ContractError("(root)", "no input: expected a case object")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContractError(
            "(root)", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. a number of more than 4300 digits
        raise ContractError("(root)", f"not valid JSON ({exc})") from None


def text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark, as Windows exports write, is no error
    except UnicodeDecodeError as exc:
        raise ContractError(
            "(root)", f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None


def _load(line: bytes) -> Any:
    # orjson reads an integer beyond 64 bits as a float, where `json` keeps it whole (and a message
    # quotes it): a line with such a run of digits goes the standard way.
    if _LONG_NUMBER.search(line) is None:
        try:
            return orjson.loads(line)
        except orjson.JSONDecodeError:
            pass
    return decode(text(line))


def line_result(line: bytes, today: date) -> tuple[str, bool]:
    """One input line's output line (without its newline) and whether it was a case."""
    case = case_of(line, today)  # the happy path of contract v1; None: the contract's way
    if case is not None:
        return render_json(timeline_days(*case)), True
    try:
        result = compute(_load(line), today=today)
    except ContractError as exc:
        # The standard encoder: a message may hold a lone surrogate, which orjson refuses.
        return json.dumps({"error": str(exc)}, ensure_ascii=False), False
    return orjson.dumps(result).decode(), True


def _chunk(lines: list[bytes], today: date) -> list[tuple[str, bool]]:
    return [line_result(line, today) for line in lines]


def _chunks(lines: Iterable[bytes]) -> Iterator[list[bytes]]:
    iterator = iter(lines)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def results(lines: Iterable[bytes], today: date, jobs: int = 1) -> Iterator[tuple[str, bool]]:
    """One (output line, ok) per input line, in the input's order."""
    if jobs <= 1:
        for line in lines:
            yield line_result(line, today)
        return
    work: Callable[[list[bytes]], list[tuple[str, bool]]] = partial(_chunk, today=today)
    # fork: the workers inherit the imported engine instead of importing it again per process
    with get_context("fork").Pool(jobs) as pool:
        for chunk in pool.imap(work, _chunks(lines)):
            yield from chunk
