"""The exchange's published figures and the dashboards' charts (server-side SVG, no CDN)."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from accounts.models import Merchant
from config import charts
from exchange.models import DataProduct, Order
from exchange.selectors import exchange_stats, provider_buyers_by_industry, provider_sales_by_month
from exchange.services.orders import order_place, order_refund

from .buyer_world import listed_dataset, market_create


def test_category_labels_are_escaped_and_counts_tick_in_whole_numbers():
    svg = charts.category_bar_chart([("<b>", 2), ("max", 3)], size="s", x_title="Buyers", title="T & T")
    assert svg.startswith("<svg") and "<b>" not in svg and "&lt;b&gt;" in svg and "<script" not in svg
    assert "<title>T &amp; T</title>" in svg  # names the document; no title drawn inside the chart
    assert "plot_title" not in svg
    assert charts._ticks(3) == [0, 1, 2, 3] and charts._ticks(12) == [0, 5, 10, 15]
    assert charts._ticks(0) == [0, 1] and charts._ticks(19_600_000)[-1] == 20_000_000


def test_month_axis_and_money_ticks_are_in_the_readers_language():
    months = charts.last_months(date(2026, 3, 9), count=4)
    assert months == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    data = {date(2026, 1, 1): 19_900, date(2026, 3, 1): 980_000}
    with translation.override("zh-hans"):
        svg = charts.month_bar_chart(
            data, months=months, size="s", y_title="收入（¥）", value_format=charts_money().format_fen, title="t"
        )
    # level month labels, the years in the axis title, money ticks in the one format
    assert ">1月<" in svg and ">12月<" in svg and "2025年12月 至 2026年3月" in svg and "¥8,000.00" in svg
    with translation.override("en"):
        svg = charts.month_bar_chart(
            data, months=months, size="l", y_title="Revenue (¥)", value_format=charts_money().format_fen, title="t"
        )
        empty = charts.month_bar_chart(
            {}, months=months, size="l", y_title="Revenue (¥)", value_format=charts_money().format_fen, title="t"
        )
    assert ">Jan<" in svg and ">Dec 2025 – Mar 2026<" in svg and ">Revenue (¥)<" in svg and ">¥10,000.00<" in svg
    assert "Nothing yet" in empty and "¥" not in empty.split("</style>")[1]


def test_earnings_line_steps_from_zero_with_dates_and_micros():
    series = [(date(2026, 11, 1), 300), (date(2026, 11, 20), 13_330_722)]
    with translation.override("en"):
        svg = charts.cumulative_chart(
            series, size="s", y_title="Earnings (¥)", value_format=charts_money().format_micros, title="t"
        )
    assert ">Oct 31<" in svg and ">Nov 20<" in svg and ">Oct 31, 2026 – Nov 20, 2026<" in svg and ">¥15.00<" in svg


def charts_money():
    from payouts import money

    return money


@pytest.mark.django_db
def test_statistics_count_turnover_merchants_categories_and_months(client):
    market = market_create()
    listed_dataset(market.provider, title="Credit", category=DataProduct.Category.CREDIT, price_fen=50_000)
    first = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    order_place(buyer=market.other, product=market.product, by=market.other_user)
    refunded = order_place(buyer=market.buyer, product=DataProduct.objects.get(title="Credit"), by=market.buyer_user)
    order_refund(order=refunded, by=market.staff, reason="test")
    stats = exchange_stats()
    assert stats.turnover_fen == 2 * market.product.price_fen  # refunds are not turnover
    assert stats.orders == 2
    assert stats.merchants_total == Merchant.objects.count()
    assert stats.merchants_verified == Merchant.objects.filter(status=Merchant.Status.VERIFIED).count()
    assert stats.merchants_active == 3  # two buyers and the provider who sold
    assert {row["category"]: row["products"] for row in stats.products_by_category} == {"maps": 1, "credit": 1}
    assert [row["orders"] for row in stats.sales_by_month] == [2]
    page = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "¥400.00" in page and 'src="/statistics/charts/months.svg?size=l"' in page
    image = client.get("/statistics/charts/categories.svg?size=s", HTTP_ACCEPT_LANGUAGE="en")
    assert image["Content-Type"].startswith("image/svg+xml") and ">Maps and geodata<" in image.content.decode()
    assert not image.has_header("Cache-Control")  # the same URL draws each reader's language: not kept
    assert first.pk


@pytest.mark.django_db
def test_provider_charts_show_revenue_per_month_and_buyers_by_industry(client):
    market = market_create()
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    order_place(buyer=market.other, product=market.product, by=market.other_user)
    assert [(row["orders"], row["revenue_fen"]) for row in provider_sales_by_month(merchant=market.provider)] == [(2, 40_000)]
    assert [(row["buyer__industry"], row["buyers"]) for row in provider_buyers_by_industry(merchant=market.provider)] == [
        ("employer", 2)
    ]
    client.force_login(market.provider_user)
    page = client.get("/merchant/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="sales-chart"' in page and 'src="/merchant/charts/sales.svg?size=l"' in page and '<script src="http' not in page
    image = client.get("/merchant/charts/sales.svg", HTTP_ACCEPT_LANGUAGE="en")
    svg = image.content.decode()
    this_month = charts.month_label(timezone.localdate().replace(day=1))
    assert f">{this_month}<" in svg and "¥400.00" in svg  # the month's bar, its value in the one money format
    # the image carries a CSP that allows its own inline style and nothing else; no script in it
    assert image["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'" and "<script" not in svg
    assert "no-store" in image["Cache-Control"]  # a merchant's figures stay out of every cache
    with translation.override("zh-hans"):
        industries = client.get("/merchant/charts/industries.svg", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert ">买方<" in industries
    assert client.get("/merchant/charts/nothing.svg").status_code == 404


@pytest.mark.django_db
def test_a_products_console_lists_its_buyers_by_date_range_and_exports_them_to_csv(client):
    market = market_create()
    old = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    Order.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=60))
    recent = order_place(buyer=market.other, product=market.product, by=market.other_user)
    other_product = listed_dataset(market.provider, title="Credit", price_fen=5_000)
    order_place(buyer=market.buyer, product=other_product, by=market.buyer_user)  # another product's sale: not listed
    client.force_login(market.provider_user)
    url = f"/merchant/products/{market.product.pk}/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="btn btn-sm btn-outline-secondary csv-export"' in page and 'name="start"' in page
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    response = client.get(url, {"start": since, "export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    assert f"sales-product-{market.product.pk}" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Order", "Date"] and "Product" not in rows[0]
    assert [row[0] for row in rows[1:]] == [str(recent.pk)]  # the last week's sale of this product only
    assert "200.00" in rows[1]
