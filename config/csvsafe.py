"""CSV that a spreadsheet shows and never evaluates (OWASP's rule for CSV injection).

A cell that starts with ``= + - @``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Numbers: ``=HYPERLINK(...)`` in a payee name or a product title
would run when a person opens the file. Such a cell gets a leading quote. A negative
number ("-0.05", "-12") is a number, not a formula, and is kept as it is.
"""

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?")


def csv_cell(value) -> str:
    """One cell as text that a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows, header: list[str] | None = None) -> str:
    """Rows (lists of cells) written as CSV, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header is not None:
        writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def neutralised_csv(data: bytes) -> bytes:
    """An uploaded CSV file (UTF-8, optionally with a BOM) with every cell neutralised.

    Raises ``csv.Error`` or ``UnicodeDecodeError`` for a file that is not CSV text.
    """
    text = data.decode("utf-8-sig")
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    return (bom + csv_text(csv.reader(io.StringIO(text)))).encode("utf-8")
