"""The console's charts, opened as the SVG documents they are, in both languages at both sizes.

Every label is measured where the browser drew it (its box turned by its own rotation): no
two labels overlap, none is cut off at the chart's edge. The pages that show the charts stay
within a 390 px window and pick the phone drawing there. Screenshots go to var/screenshots/.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Merchant
from exchange.models import Order
from exchange.services.orders import order_place, order_settle

from ..exchange.buyer_world import fund, listed_dataset
from ..factories import MerchantFactory, ProviderFactory, StaffFactory, member_of
from .test_console_walk import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

# Each visible label's four corners where it is drawn, and the pairs whose turned boxes meet
# (separating-axis test on two rectangles), shrunk by half a pixel so touching is not meeting.
LABELS_JS = """() => {
  const svg = document.documentElement;
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  const boxes = [];
  for (const el of svg.querySelectorAll('text')) {
    if (!el.textContent.trim() || el.closest('.tooltip')) continue;
    if (getComputedStyle(el).visibility === 'hidden' || getComputedStyle(el).display === 'none') continue;
    const b = el.getBBox(), m = el.getCTM();
    const pt = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    const s = 0.5;
    boxes.push({text: el.textContent, corners: [pt(b.x + s, b.y + s), pt(b.x + b.width - s, b.y + s),
      pt(b.x + b.width - s, b.y + b.height - s), pt(b.x + s, b.y + b.height - s)]});
  }
  const axes = (c) => [0, 1].map(i => { const dx = c[i + 1][0] - c[i][0], dy = c[i + 1][1] - c[i][1]; return [-dy, dx]; });
  const apart = (p, q) => [...axes(p), ...axes(q)].some(([ax, ay]) => {
    const pr = p.map(([x, y]) => x * ax + y * ay), qr = q.map(([x, y]) => x * ax + y * ay);
    return Math.max(...pr) <= Math.min(...qr) || Math.max(...qr) <= Math.min(...pr);
  });
  const overlaps = [], outside = [];
  boxes.forEach((p, i) => {
    if (p.corners.some(([x, y]) => x < -1 || y < -1 || x > width + 1 || y > height + 1)) outside.push(p.text);
    boxes.slice(i + 1).forEach(q => { if (!apart(p.corners, q.corners)) overlaps.push([p.text, q.text]); });
  });
  return {labels: boxes.map(b => b.text), overlaps, outside};
}"""


def test_chart_labels_neither_overlap_nor_leave_the_chart_in_both_languages_and_sizes(live_server, browser_context):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    provider = ProviderFactory(name="珠江地图数据有限公司")
    provider_user = member_of(provider)
    staff = StaffFactory()
    products = [listed_dataset(provider, title=f"道路网络 {n}", price_fen=9_800_000) for n in range(3)]
    industries = [Merchant.Industry.BANKING, Merchant.Industry.ENERGY, Merchant.Industry.CREDIT, Merchant.Industry.MAPPING]
    orders = []
    for index, industry in enumerate(industries):
        buyer = MerchantFactory(name=f"买方 {index}", industry=industry)
        user = member_of(buyer)
        fund(buyer, user, staff, fen=30_000_000, reference=f"CHART-{index}")
        for product in products:
            orders.append(order_place(buyer=buyer, product=product, by=user))
    for order in orders:
        order_settle(order_id=order.pk)
    now = timezone.now()
    for months_ago, order in enumerate(orders[:11]):  # a sale in each of eleven months (the twelfth has none)
        Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(days=30 * months_ago + 1))

    charts = ["/merchant/charts/sales.svg", "/merchant/charts/industries.svg", "/merchant/earnings/chart.svg"]
    charts += ["/statistics/charts/months.svg", "/statistics/charts/categories.svg", "/merchant/charts/spend.svg"]
    problems = []
    for locale in ("zh-CN", "en-US"):
        page = _login(browser_context(locale=locale), base, provider_user.email)
        for chart in charts:
            for size in ("s", "l"):
                response = page.goto(f"{base}{chart}?size={size}")
                assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
                found = page.evaluate(LABELS_JS)
                where = f"{locale} {chart} {size}"
                if found["overlaps"]:
                    problems.append(f"{where}: labels overlap {found['overlaps']}")
                if found["outside"]:
                    problems.append(f"{where}: labels cut off {found['outside']}")
                assert len(found["labels"]) >= (1 if "spend" in chart else 3), where  # the provider buys nothing: "Nothing yet"
                slug = chart.strip("/").replace("/", "-").replace(".svg", "")
                page.screenshot(path=str(SHOTS / f"chart-{locale}-{size}-{slug}.png"))
        # On a phone the page picks the phone drawing, and the chart stays inside the window.
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(f"{base}/merchant/sales/")
        images = page.locator("img.chart-img")
        assert images.count() == 2
        for index in range(2):
            shown = images.nth(index).evaluate(
                "img => [img.complete && img.naturalWidth > 0, img.currentSrc, img.getBoundingClientRect().right]"
            )
            assert shown[0] and shown[1].endswith("size=s") and shown[2] <= 390, shown
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(SHOTS / f"chart-{locale}-390-merchant-sales.png"), full_page=True)
        page.context.close()
    assert problems == []
