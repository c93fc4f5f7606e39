"""The exchange's published figures and the dashboards' charts (server-side SVG, no CDN)."""

import pytest

from accounts.models import Merchant
from exchange.charts import Bar, bar_chart_svg
from exchange.models import DataProduct
from exchange.selectors import exchange_stats, provider_buyers_by_industry, provider_sales_by_month
from exchange.services.orders import order_place, order_refund

from .buyer_world import listed_dataset, market_create


def test_bars_are_scaled_and_labels_escaped():
    svg = bar_chart_svg([Bar("<b>", 50, "¥0.50"), Bar("max", 100, "¥1.00")], title="T & T")
    assert svg.startswith("<svg") and "<b>" not in svg and "&lt;b&gt;" in svg and "T &amp; T" in svg
    widths = [int(part.split('width="')[1].split('"')[0]) for part in svg.split("<rect ")[1:]]
    assert widths[1] == 2 * widths[0]


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
    assert "¥400.00" in page and "<svg" in page
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
    assert 'id="sales-chart"' in page and 'data-value="40000"' in page and '<script src="http' not in page


def test_chart_labels_get_the_room_they_need():
    from exchange.charts import Bar, bar_chart_svg, text_width

    short = bar_chart_svg([Bar(label="HR", value=1, caption="1")], title="t")
    long = bar_chart_svg([Bar(label="Banking and finance", value=1, caption="1")], title="t")
    chinese = bar_chart_svg([Bar(label="银行与金融服务机构", value=1, caption="1")], title="t")

    def rect_x(svg: str) -> int:
        return int(svg.split('<rect x="')[1].split('"')[0])

    assert rect_x(short) < rect_x(long)
    assert rect_x(long) >= text_width("Banking and finance") + 6
    assert rect_x(chinese) >= text_width("银行与金融服务机构") + 6
