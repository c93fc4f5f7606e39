"""Invoices for purchases: the fields of a Chinese VAT invoice request (增值税发票开票信息), as HTML data and PDF.

Prices include VAT; the exchange's data services are taxed at 6% (信息技术服务).
Everything is integer fen; the tax split rounds half up to the fen.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from payouts import money

from .models import Order

VAT_RATE_PERCENT = 6
DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
BIG_UNITS = ("", "万", "亿", "万亿")

SELLER_DEFAULTS = {
    "name": "数据交易所有限公司 Data Exchange Co., Ltd.",
    "tax_id": "91110000000000000X",
    "address_phone": "北京市海淀区交易所路 1 号 010-0000 0000",
    "bank_account": "中国工商银行北京分行 0200 0000 0000 0000 000",
}


def vat_split(total_fen: int, rate_percent: int = VAT_RATE_PERCENT) -> tuple[int, int]:
    """(amount before tax, tax) of a tax-inclusive total, half-up to the fen; they sum to the total."""
    if total_fen < 0:
        raise ValueError("amounts are not negative")
    net = (total_fen * 200 + (100 + rate_percent)) // (2 * (100 + rate_percent))
    return net, total_fen - net


def _four_digits(number: int) -> str:
    """0 < number < 10000 in capitals, with the zeros a cheque writer uses inside the group."""
    text = ""
    zero = False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + SMALL_UNITS[position]
    return text


def amount_in_capitals(fen: int) -> str:
    """An amount as written on Chinese invoices: 30000 fen → 叁佰元整, 100005 → 壹仟元零伍分."""
    if fen < 0:
        raise ValueError("amounts are not negative")
    yuan, cents = divmod(int(fen), 100)
    jiao, fen_digit = divmod(cents, 10)
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    text = ""
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(text)
            continue
        if text and (pending_zero or group < 1000):
            text += "零"
        text += _four_digits(group) + BIG_UNITS[index]
        pending_zero = False
    if text:
        text += "元"
    if not jiao and not fen_digit:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen_digit:
        text += DIGITS[fen_digit] + "分"
    return text


@dataclass(frozen=True)
class Invoice:
    number: str
    issued_on: str
    order_id: int
    buyer_name: str
    buyer_tax_id: str
    buyer_address_phone: str
    buyer_bank_account: str
    seller_name: str
    seller_tax_id: str
    seller_address_phone: str
    seller_bank_account: str
    item: str
    unit: str
    quantity: int
    net_fen: int
    tax_rate_percent: int
    tax_fen: int
    total_fen: int
    total_in_capitals: str
    refunded: bool

    @property
    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs in the order of the invoice request form."""
        return [
            (_("Invoice request number"), self.number),
            (_("Date"), self.issued_on),
            (_("Buyer name (购买方名称)"), self.buyer_name),
            (_("Buyer taxpayer ID (纳税人识别号)"), self.buyer_tax_id or "—"),
            (_("Buyer address and phone (地址、电话)"), self.buyer_address_phone or "—"),
            (_("Buyer bank and account (开户行及账号)"), self.buyer_bank_account or "—"),
            (_("Item (货物或应税劳务、服务名称)"), self.item),
            (_("Unit"), self.unit),
            (_("Quantity"), str(self.quantity)),
            (_("Amount before tax"), money.format_fen(self.net_fen)),
            (_("Tax rate"), f"{self.tax_rate_percent}%"),
            (_("Tax"), money.format_fen(self.tax_fen)),
            (_("Total including tax (价税合计)"), money.format_fen(self.total_fen)),
            (_("Total in capitals (大写)"), self.total_in_capitals),
            (_("Seller name (销售方名称)"), self.seller_name),
            (_("Seller taxpayer ID"), self.seller_tax_id),
            (_("Seller address and phone"), self.seller_address_phone),
            (_("Seller bank and account"), self.seller_bank_account),
        ]


def invoice_for_order(*, order: Order) -> Invoice:
    """The invoice request of one order (the caller has already checked who may see it)."""
    seller = {**SELLER_DEFAULTS, **getattr(settings, "EXCHANGE_INVOICE_SELLER", {})}
    buyer = order.buyer
    net, tax = vat_split(order.price_fen)
    product = order.version.product
    issued = timezone.localtime(order.created_at)
    return Invoice(
        number=f"INV-{issued:%Y%m}-{order.pk:08d}",
        issued_on=f"{issued:%Y-%m-%d}",
        order_id=order.pk,
        buyer_name=buyer.name,
        buyer_tax_id=buyer.credit_code,
        buyer_address_phone=" ".join(part for part in (buyer.registered_address, buyer.invoice_phone) if part),
        buyer_bank_account=" ".join(part for part in (buyer.bank_name, buyer.bank_account) if part),
        seller_name=seller["name"],
        seller_tax_id=seller["tax_id"],
        seller_address_phone=seller["address_phone"],
        seller_bank_account=seller["bank_account"],
        item=f"*信息技术服务*{product.title} v{order.version.number}",
        unit="项",
        quantity=1,
        net_fen=net,
        tax_rate_percent=VAT_RATE_PERCENT,
        tax_fen=tax,
        total_fen=order.price_fen,
        total_in_capitals=amount_in_capitals(order.price_fen),
        refunded=order.status == Order.Status.REFUNDED,
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    """A one-page PDF; Chinese is drawn with reportlab's built-in CID font STSong-Light (no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    pdf.setTitle(invoice.number)
    width, height = A4
    pdf.setFont(font, 16)
    pdf.drawString(50, height - 60, "增值税发票开票申请 VAT invoice request")
    if invoice.refunded:
        pdf.setFont(font, 12)
        pdf.drawString(50, height - 80, "已退款 Refunded: do not issue")
    pdf.setFont(font, 10)
    y = height - 110
    for label, value in invoice.lines:
        pdf.drawString(50, y, str(label))
        pdf.drawString(260, y, str(value)[:60])
        y -= 20
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
