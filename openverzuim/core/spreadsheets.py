"""Downloads of a page's table as CSV or XLSX (docs/exports.md): one header row, then the rows.

CSV is streamed row by row, UTF-8 with a byte-order mark and `;` between the fields: Excel set to
Dutch reads a comma as the decimal separator and opens a BOM-less file as Windows-1252. XLSX is
written with openpyxl's write-only workbook, which keeps no rows in memory, into a spooled
temporary file. Every text cell passes `guarded`: a spreadsheet takes a cell that begins with
= + - @ (or a tab or carriage return) for a formula, so such a cell gets a leading apostrophe
(formula injection, OWASP "CSV Injection"). Amounts (Decimal) stay numbers: a number cell in XLSX,
and in CSV written with a decimal comma, as Excel set to Dutch reads it.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
DELIMITER = ";"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 cannot hold (openpyxl refuses them); a NUL byte from an old record included.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def guarded(value: Any) -> Any:
    """The cell as a spreadsheet should show it: text that would start a formula gets a leading
    apostrophe; None becomes empty; dates and numbers stay what they are."""
    if value is None:
        return ""
    if isinstance(value, date | int | float | Decimal):
        return value
    text = _ILLEGAL.sub("", str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    """csv.writer writes into this and gets the line back, so that each row is yielded at once."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    value = guarded(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return f"{value:%d-%m-%Y}" if isinstance(value, date) else value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=DELIMITER)
    yield "\ufeff" + writer.writerow([guarded(column) for column in header])
    for row in rows:
        yield writer.writerow([_csv_cell(cell) for cell in row])


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]  # title, header, rows


def xlsx_file(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]):
    """A spooled file holding the workbook (one sheet named `title`), positioned at its start."""
    return xlsx_workbook([(title, header, rows)])


def xlsx_workbook(sheets: Iterable[Sheet]):
    """A spooled file holding the workbook, a sheet per (title, header, rows), at its start."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([guarded(column) for column in header])
        for row in rows:
            sheet.append([guarded(cell) for cell in row])
    # Closed by the FileResponse once sent, hence no context manager.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    book.save(out)
    out.seek(0)
    return out


def download(
    kind: str, filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse | FileResponse:
    """The table as an attachment `filename`.csv or .xlsx; `kind` is one of FORMATS."""
    if kind == "xlsx":
        return download_workbook(filename, [(title, header, rows)])
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def download_workbook(filename: str, sheets: Iterable[Sheet]) -> FileResponse:
    """Several tables as one attachment `filename`.xlsx, a sheet each."""
    return FileResponse(
        xlsx_workbook(sheets), as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX
    )
