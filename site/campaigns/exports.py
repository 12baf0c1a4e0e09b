"""Spreadsheet files (CSV and XLSX) and the one rule that keeps a cell from running as a
formula. Plain module: no queries; the views in `export_views.py` hand it rows they took
through the HR scope. `certificates/exporting.py` reuses `neutralise` for its CSV.

openpyxl is imported here and nowhere else in the campaigns app.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import IO

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# OWASP "CSV injection": a cell starting with one of these is read as a formula (or, for
# tab and carriage return, can hide one) by Excel, LibreOffice or Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Indonesian Windows (id-ID) uses ";" as the list separator and "," as the decimal mark, so
# Excel there opens a ";"-separated file into columns on a double click, and reads "45,5" as
# a number; the BOM makes it read UTF-8 (names like "Ni Luh Putu Ayu Sukmawati, S.Pd."
# arrive intact). No "sep=;" line: with one, Excel ignores the BOM.
CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"

_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9.-]+")


def neutralise(value):
    """A text value a spreadsheet would run as a formula gets a leading apostrophe, so it
    shows as the text it is and never evaluates (`=HYPERLINK(...)` in a name, `-1+2` in a
    code). Numbers, dates and None are typed values, never formulas, and pass unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass
class Sheet:
    """One table to download: a few label/value lines saying what it shows (period,
    office, filters, when), the column header, the rows (any iterable, consumed once) and
    closing lines such as a total."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    preamble: Sequence[Sequence] = ()
    footer: Sequence[Sequence] = ()
    widths: Sequence[int] = field(default_factory=tuple)


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def csv_value(value) -> str:
    """How a value is written to the CSV: dates as ISO (Excel recognises them in every
    locale), times in local time to the minute, decimals with a comma, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else ""
    if isinstance(value, dt.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


class _Echo:
    """A file whose `write` returns what it is given: the csv writer then formats one row
    at a time for a streamed response."""

    def write(self, value: str) -> str:
        return value


def csv_stream(sheet: Sheet, *, rows_per_chunk: int = 500) -> Iterator[bytes]:
    """The sheet as UTF-8 CSV with a BOM, in chunks of rows, so a list of 100,000
    employees streams without being held in memory."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    lines = chain(sheet.preamble, [()] if sheet.preamble else [], [sheet.header])
    pending = [CSV_BOM]
    for count, row in enumerate(chain(lines, sheet.rows, sheet.footer), start=1):
        pending.append(writer.writerow([csv_value(v) for v in row]))
        if count % rows_per_chunk == 0:
            yield "".join(pending).encode("utf-8")
            pending = []
    if pending:
        yield "".join(pending).encode("utf-8")


def xlsx_value(value):
    """How a value is written to the workbook: typed numbers and dates (local time without
    a zone, which Excel has no notion of), text neutralised and stripped of the control
    characters XML cannot hold."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if isinstance(value, dt.datetime):
        return timezone.make_naive(value) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "ya" if value else None
    return value


def xlsx_write(sheet: Sheet, target: IO[bytes]) -> None:
    """Write the sheet as an XLSX workbook to `target` with openpyxl's write-only mode:
    rows go to a temporary file as they come, so memory stays flat for long lists."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title=_sheet_title(sheet.title))
    for index, width in enumerate(sheet.widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    header_row = len(sheet.preamble) + (2 if sheet.preamble else 1)
    ws.freeze_panes = f"A{header_row + 1}"
    bold = Font(bold=True)
    for line in sheet.preamble:
        ws.append([_cell(ws, v, font=bold if i == 0 else None) for i, v in enumerate(line)])
    if sheet.preamble:
        ws.append([])
    ws.append([_cell(ws, v, font=bold) for v in sheet.header])
    for row in sheet.rows:
        ws.append([_cell(ws, v) for v in row])
    for line in sheet.footer:
        ws.append([_cell(ws, v, font=bold) for v in line])
    workbook.save(target)


_NUMBER_FORMATS = {float: "0.0", dt.datetime: "yyyy-mm-dd hh:mm"}


def _cell(ws, value, *, font=None):
    value = xlsx_value(value)
    number_format = _NUMBER_FORMATS.get(type(value))
    if font is None and number_format is None:
        return value  # a plain value: openpyxl makes the cell, much faster
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _sheet_title(title: str) -> str:
    # Excel refuses sheet names over 31 characters or with any of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet1"


def download_name(*parts: str, extension: str) -> str:
    """A file name of ASCII letters, digits, dots and dashes joined by underscores: nothing
    that could break out of the Content-Disposition header or name a path."""
    safe = [_UNSAFE_IN_FILENAME.sub("-", part).strip("-.")[:60] for part in parts]
    return "_".join(p for p in safe if p) + "." + extension
