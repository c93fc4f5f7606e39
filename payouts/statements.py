"""Monthly statements as PDF (reportlab; the CID font STSong-Light renders Chinese without font files)."""

import io

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import money
from .selectors import Statement

FONT = "STSong-Light"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def statement_pdf(statement: Statement, *, holder: str) -> bytes:
    font = _font()
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=20)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=_("Earnings statement"))
    story = [
        Paragraph(_("Earnings statement %(year)d-%(month)02d") % {"year": statement.year, "month": statement.month}, title),
        Paragraph(holder, body),
        Spacer(1, 6 * mm),
    ]
    summary = [
        [_("Opening balance"), money.format_micros(statement.opening)],
        [_("Earned from sales"), money.format_micros(statement.earned)],
        [_("Refunded"), money.format_micros(statement.refunded)],
        [_("Withdrawn"), money.format_micros(statement.withdrawn)],
        [_("Returned from failed payouts"), money.format_micros(statement.returned)],
        [_("Adjustments"), money.format_micros(statement.adjusted)],
        [_("Closing balance"), money.format_micros(statement.closing)],
    ]
    if statement.owed:
        summary.append([_("Owed to the exchange (repaid from your next earnings)"), money.format_micros(statement.owed)])
    table_style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ]
    )
    story += [Table(summary, colWidths=[80 * mm, 50 * mm], style=table_style), Spacer(1, 6 * mm)]
    rows = [[_("Date"), _("Entry"), _("Product"), _("Buyer"), _("Amount")]]
    for line in statement.lines:
        rows.append(
            [
                line["date"].strftime("%Y-%m-%d"),
                str(line["kind"]),
                Paragraph(line["product"], body),
                Paragraph(line["buyer"], body),
                money.format_micros(line["amount"]),
            ]
        )
    story.append(Table(rows, colWidths=[22 * mm, 28 * mm, 55 * mm, 45 * mm, 30 * mm], style=table_style, repeatRows=1))
    doc.build(story)
    return out.getvalue()
