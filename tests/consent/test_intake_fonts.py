"""PDFs whose CJK fonts a text reader decodes wrongly, read as a viewer shows them."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from consent.intake import extract_text

LINES = [
    "履歷表",
    "姓名：歐陽嘉穎",
    "學歷：國立政治大學 會計學系 學士",
    "工作經驗：2019年7月至今 宏達國際電子股份有限公司 財務專員",
]


def _pdf(font_name: str) -> bytes:
    if font_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font_name))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(font_name, 12)
    for number, line in enumerate(LINES):
        page.drawString(72, 760 - 24 * number, line)
    page.save()
    return buffer.getvalue()


def test_a_traditional_font_with_a_simplified_unicode_encoding_reads_as_written():
    # MSung-Light names the Traditional collection (CNS1) but is written with UniGB-UCS2-H, whose CIDs are the
    # Simplified collection's (GB1): decoded through the font's collection, every Chinese character comes out wrong.
    data = _pdf("MSung-Light")
    assert b"UniGB-UCS2-H" in data and b"CNS1" in data
    _kind, text = extract_text(data, "resume.pdf")
    for line in LINES:
        assert line in text


def test_a_font_whose_collection_matches_its_encoding_is_read_as_before():
    _kind, text = extract_text(_pdf("STSong-Light"), "resume.pdf")
    for line in LINES:
        assert line in text
