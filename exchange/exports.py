"""CSV exports of the console's tables: the rows on screen, every page of them, safe to open in a spreadsheet."""

import csv
import io
import re

from django.http import HttpResponse
from django.utils import timezone

# A cell that starts with one of these is read as a formula by Excel, LibreOffice and
# Numbers ("=HYPERLINK(...)" in a product title would run when a buyer opens the file).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A negative amount ("-0.05") is a number, not a formula, and must stay one.
_NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?")


def csv_cell(value) -> str:
    """One cell as text that a spreadsheet shows and never evaluates (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def table_csv_response(table, *, filename: str) -> HttpResponse:
    """The table's columns and every filtered row (not only the page on screen), UTF-8 with a BOM for Excel."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in table.as_values():
        writer.writerow([csv_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
