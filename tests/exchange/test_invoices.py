"""Invoices: the fields of a Chinese VAT invoice request, exact tax arithmetic, HTML and a PDF with Chinese text."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from exchange.invoices import amount_in_capitals, invoice_for_order, invoice_pdf, vat_split
from exchange.models import Order
from exchange.services.orders import order_place

from .buyer_world import listed_dataset, market_create

CAPITALS = {
    0: "零元整",
    5: "伍分",
    30000: "叁佰元整",
    100005: "壹仟元零伍分",
    100100: "壹仟零壹元整",
    2010: "贰拾元壹角",
    123456789: "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分",
    1000000001: "壹仟万元零壹分",
    10000000000: "壹亿元整",
    10000100000: "壹亿零壹仟元整",
}


@pytest.mark.parametrize(("fen", "text"), CAPITALS.items())
def test_amounts_in_capitals(fen, text):
    assert amount_in_capitals(fen) == text


@given(st.integers(min_value=0, max_value=10**13))
def test_vat_split_is_exact_and_rounds_to_the_nearest_fen(total):
    net, tax = vat_split(total)
    assert net + tax == total
    assert abs(net * 106 - total * 100) <= 53  # within half a fen of the exact net amount


@pytest.mark.django_db
def test_invoice_carries_the_vat_request_fields_and_renders_as_html_and_pdf(client):
    market = market_create()
    market.buyer.registered_address = "深圳市南山区科技园 1 号"
    market.buyer.invoice_phone = "0755-8888 0000"
    market.buyer.bank_name = "招商银行深圳分行"
    market.buyer.bank_account = "7559 0000 0000 001"
    market.buyer.save()
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    invoice = invoice_for_order(order=order)
    assert invoice.buyer_tax_id == "91350100M000100Y43"
    assert invoice.buyer_address_phone == "深圳市南山区科技园 1 号 0755-8888 0000"
    assert invoice.buyer_bank_account == "招商银行深圳分行 7559 0000 0000 001"
    assert (invoice.net_fen, invoice.tax_fen, invoice.total_fen) == (18_868, 1_132, 20_000)
    assert invoice.tax_rate_percent == 6 and invoice.total_in_capitals == "贰佰元整"
    assert invoice.item.startswith("*信息技术服务*Shenzhen road network")

    client.force_login(market.buyer_user)
    html = client.get(f"/merchant/invoices/{order.pk}/").content.decode()
    for text in ("91350100M000100Y43", "贰佰元整", "¥188.68", "¥11.32", "招商银行深圳分行"):
        assert text in html
    response = client.get(f"/merchant/invoices/{order.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf and b"UniGB-UCS2-H" in pdf
    text = pdf_text(pdf)
    for expected in ("增值税发票开票申请", "Acme Employer", "91350100M000100Y43", "贰佰元整", "招商银行深圳分行"):
        assert expected in text


def pdf_text(pdf: bytes) -> str:
    """The strings drawn with `Tj`, decoded from the CID font's UCS-2 encoding."""
    text = []
    for literal in re.findall(rb"\((.*?)(?<!\\)\) Tj", pdf, flags=re.S):
        raw = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), literal)
        raw = re.sub(rb"\\(.)", rb"\1", raw)
        text.append(raw.decode("utf-16-be", errors="replace"))
    return "\n".join(text)


@pytest.mark.django_db
def test_invoice_list_filters_by_date_sorts_and_exports_the_invoice_numbers_to_csv(client):
    market = market_create()
    older = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    Order.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    newer = order_place(
        buyer=market.buyer, product=listed_dataset(market.provider, title="Credit", price_fen=10_600), by=market.buyer_user
    )
    client.force_login(market.buyer_user)
    page = client.get("/merchant/invoices/", {"sort": "number"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    numbers = [invoice_for_order(order=Order.objects.get(pk=pk)).number for pk in (older.pk, newer.pk)]
    assert page.index(numbers[0]) < page.index(numbers[1])  # oldest first when sorted by number
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    response = client.get("/merchant/invoices/", {"start": since, "export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Number", "Date", "Item", "Amount before tax (yuan)", "Tax (yuan)", "Total including tax (yuan)", "Status"]
    # only the invoice of the last week, its VAT split as plain yuan that add up to the total
    assert [row[0] for row in rows[1:]] == [numbers[1]]
    assert rows[1][2] == "*信息技术服务*Credit v1" and rows[1][3:6] == ["100.00", "6.00", "106.00"]


def test_pdf_is_made_without_any_font_file():
    from dataclasses import replace

    from exchange.invoices import Invoice

    invoice = Invoice(*(["x"] * 2), 1, *(["测试"] * 8), "item", "项", 1, 100, 6, 6, 106, "壹元零陆分", False)
    assert invoice_pdf(replace(invoice, refunded=True)).startswith(b"%PDF")
