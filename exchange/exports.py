"""CSV exports of the console's tables: the rows on screen, every page of them, safe to open in a spreadsheet."""

from django.http import HttpResponse
from django.utils import timezone

from config.csvsafe import csv_cell, csv_text

__all__ = ["csv_cell", "table_csv_response"]


def table_csv_response(table, *, filename: str) -> HttpResponse:
    """The table's columns and every filtered row (not only the page on screen), UTF-8 with a BOM for Excel."""
    return csv_rows_response(table.as_values(), filename=filename)


def csv_rows_response(rows, *, filename: str) -> HttpResponse:
    """Rows (the first one the header) as a CSV download whose every cell is neutralised."""
    response = HttpResponse("\ufeff" + csv_text(rows), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
