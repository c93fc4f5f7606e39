"""A buyer's journey in a real browser: top-up confirmed by staff, search and filter without a reload,
buy, download, invoice; the provider then sees the sale on the dashboard's chart."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from exchange.models import DataProduct, DownloadLog, Order, ProductListing
from payouts.models import TopUp

from ..exchange.buyer_world import listed_dataset
from ..factories import PASSWORD, MerchantFactory, ProviderFactory, StaffFactory, member_of
from . import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_tops_up_finds_buys_downloads_and_sees_the_invoice(live_server, browser_context):
    base = live_server.url
    provider = ProviderFactory(name="Pearl River Maps")
    provider_user = member_of(provider)
    product = listed_dataset(provider, title="Shenzhen road network", frequency=ProductListing.Frequency.MONTHLY)
    listed_dataset(provider, title="Shenzhen bus stops", frequency=ProductListing.Frequency.YEARLY)
    listed_dataset(
        ProviderFactory(name="Grid Credit Bureau"), title="Electricity credit scores", category=DataProduct.Category.CREDIT
    )
    buyer = MerchantFactory(name="Acme Employer", credit_code="91350100M000100Y43")
    buyer_user = member_of(buyer)
    staff = StaffFactory()

    # 1. The buyer asks for a top-up with the bank reference; staff confirm it in the admin.
    page = sign_in(browser_context(), base, buyer_user.email)
    page.goto(f"{base}/merchant/wallet/")
    page.locator("#topup-form input[name=amount_yuan]").fill("1000")
    page.locator("#topup-form input[name=bank_reference]").fill("CMB-20261129-777")
    with page.expect_navigation():
        page.locator("#topup-form button[type=submit]").click()
    expect(page.locator("#topups")).to_contain_text("CMB-20261129-777")
    topup = TopUp.objects.get(merchant=buyer)

    admin = browser_context().new_page()
    admin.goto(f"{base}/admin/")
    admin.locator("#id_username").fill(staff.email)
    admin.locator("#id_password").fill(PASSWORD)
    with admin.expect_navigation():
        admin.locator("#login-form [type=submit]").click()
    admin.goto(f"{base}/admin/payouts/topup/")
    admin.locator(f"input.action-select[value='{topup.pk}']").check()
    admin.locator("select[name=action]").select_option("confirm")
    with admin.expect_navigation():
        admin.locator("#changelist-form button[type=submit]").first.click()
    expect(admin.locator(".messagelist .success")).to_have_count(1)
    page.reload()
    expect(page.locator("#wallet-balance")).to_have_text("¥1,000.00")

    # 2. Search and filter update the results without a page reload (htmx).
    page.goto(f"{base}/catalog/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("searchbox", name="Search").fill("Shenzhen")
    expect(page.locator("#results .product-card")).to_have_count(2)
    page.get_by_label("Update frequency").select_option("monthly")
    expect(page.locator("#results .product-card")).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True  # still the same document: no reload
    expect(page).to_have_url(re.compile(r"frequency=monthly"))
    with page.expect_navigation():
        page.locator("#results").get_by_role("link", name="Shenzhen road network").click()

    # 3. Review, pay once (the button disables itself), then download through the signed link.
    expect(page.locator("#schema")).to_contain_text("road_km")
    with page.expect_navigation():
        page.locator("#buy").click()
    expect(page.locator("#review-price")).to_have_text("¥200.00")
    expect(page.locator("#review-wallet-after")).to_have_text("¥800.00")
    expect(page.locator("#review-licence")).to_have_text("Internal use only.")
    with page.expect_navigation():
        page.locator("#confirm-purchase").click()
    expect(page).to_have_url(re.compile(r"/merchant/purchases/\d+/$"))
    order = Order.objects.get(buyer=buyer)
    assert order.version.product_id == product.pk
    with page.expect_download() as download_info:
        page.locator("#purchase-download").click()
    assert Path(download_info.value.path()).read_text(encoding="utf-8").startswith("district,road_km")
    assert DownloadLog.objects.filter(order=order).count() == 1

    # 4. The invoice carries the VAT request fields; the PDF downloads.
    with page.expect_navigation():
        page.locator("#purchase-invoice").click()
    expect(page.locator("#invoice")).to_contain_text("91350100M000100Y43")
    expect(page.locator("#invoice")).to_contain_text("贰佰元整")
    with page.expect_download() as pdf_info:
        page.locator("#invoice-pdf").click()
    assert Path(pdf_info.value.path()).read_bytes().startswith(b"%PDF")

    # 5. The provider sees the sale on the revenue chart and the buyer's industry.
    provider_page = sign_in(browser_context(), base, provider_user.email)
    provider_page.goto(f"{base}/merchant/sales/")
    for chart in ("#sales-chart img", "#industry-chart img"):  # drawn: the SVG loaded as an image
        assert provider_page.locator(chart).evaluate("img => img.complete && img.naturalWidth > 0")
    assert "¥200.00" in provider_page.request.get(f"{base}/merchant/charts/sales.svg", headers={"Accept-Language": "en"}).text()
    assert (
        ">Employer<"
        in provider_page.request.get(f"{base}/merchant/charts/industries.svg", headers={"Accept-Language": "en"}).text()
    )
    html = provider_page.content()
    assert "cdn" not in html.lower()
