"""The file's bytes -> a header row and data rows of text. CSV with any delimiter in UTF-8 (with or
without BOM) or Windows-1252; XLSX through openpyxl in read-only mode. Errors are ImportFileError,
with a message for people."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

#: More rows than this is no payroll export (and a small XLSX can unpack to millions of rows).
MAX_ROWS = 500_000

XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, the header being row 1; cells)


def decode(content: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252; a NUL byte is refused."""
    if b"\x00" in content:
        raise ImportFileError(_("The file contains NUL bytes: it is not a text (CSV) file."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is neither UTF-8 nor Windows-1252 text.")) from None


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        # One column, or a sample the sniffer cannot decide: the delimiter most frequent on line 1.
        first = sample.splitlines()[0] if sample else ""
        delimiter = max(";,\t|", key=first.count)

        class Fallback(csv.excel):
            pass

        Fallback.delimiter = delimiter
        return Fallback


def _csv_rows(text: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:65536]))
    try:
        yield from reader
    except csv.Error as error:
        raise ImportFileError(
            _("The file cannot be read as CSV (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only an XLSX file needs it

    # A damaged or hostile workbook fails in many ways inside the zip and XML parsers (BadZipFile,
    # KeyError, ParseError, ValueError, ...): each is the same message to the user.
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise ImportFileError(_("The file cannot be read as an Excel workbook (XLSX).")) from error
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell(value) for value in row]
    except Exception as error:
        raise ImportFileError(_("The file cannot be read as an Excel workbook (XLSX).")) from error
    finally:
        workbook.close()


def read(content: bytes, file_name: str = "") -> Table:
    """The table in `content`: XLSX when it is a ZIP (or named .xlsx), otherwise CSV."""
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    if content.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    else:
        rows = _csv_rows(decode(content))
    table: Table | None = None
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue  # blank lines and trailing empty rows
        if table is None:
            table = Table(headers=cells, rows=[])
        else:
            table.rows.append((number, cells))
            if len(table.rows) > MAX_ROWS:
                raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    if table is None:
        raise ImportFileError(_("The file is empty."))
    if not table.rows:
        raise ImportFileError(_("The file has a header row but no employees."))
    return table
