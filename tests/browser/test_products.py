"""A provider defines a query service, builds it with progress, submits it with a legal
opinion; staff approve it with notes in the admin; it is listed; a buyer runs a query."""

import re

import pytest
from playwright.sync_api import expect

from consent.services import consent_grant
from exchange.models import DataProduct, ProductVersion, QueryLog
from payouts.models import TopUp
from payouts.services import wallet_topup_confirm, wallet_topup_request

from ..factories import MerchantFactory, NoticeFactory, ProviderFactory, ResumeFactory, StaffFactory, member_of
from .test_skeleton_walk import _login, _open, _submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Guangdong talent queries"


def test_define_build_submit_approve_list_and_query(live_server, browser_context):
    base = live_server.url
    provider = ProviderFactory(name="Pearl River Talent")
    provider_user = member_of(provider)
    buyer = MerchantFactory(name="Shenzhen Employer")
    buyer_user = member_of(buyer)
    staff = StaffFactory()
    notice = NoticeFactory(provider=provider, purpose="statistics")
    # Enough people that the noisy count (ε = 0.25) is never under the threshold of 10 in practice.
    for _ in range(45):
        resume = ResumeFactory()
        consent_grant(user=resume.owner, notice=notice, language="en")

    page = _login(browser_context(), base, provider_user.email)
    page.goto(f"{base}/merchant/products/new/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill("Privacy-preserving computation over consented resumes.")
    page.locator("#id_kind").select_option("query")
    page.locator("#id_purpose").select_option("statistics")
    page.locator("#id_price_yuan").fill("500")
    page.locator("#id_epsilon").fill("0.25")
    page.locator("#id_min_people").fill("10")
    _submit(page, "main form")
    product = DataProduct.objects.get(title=TITLE)
    assert (product.kind, product.epsilon, product.min_people) == ("query", 0.25, 10)

    card = page.locator(f"#product-{product.pk}")
    _submit(page, f"#product-{product.pk} form[action$='/build/']")
    version = ProductVersion.objects.get(product=product)
    expect(card.locator(f"#version-{version.pk} .version-status")).to_have_attribute("data-status", "ready")
    expect(card.locator(f"#version-{version.pk} .progress-bar")).to_have_text("100%")
    with page.expect_navigation():
        card.locator(f"#version-{version.pk} a", has_text="Privacy report").click()
    expect(page.locator("#report-verdict")).to_have_text("All checks passed")
    expect(page.locator("main")).to_contain_text("no attested hardware")

    page.goto(f"{base}/merchant/products/")
    page.locator(f"#product-{product.pk} form[action$='/submit/'] input[type=file]").set_input_files(
        files=[{"name": "opinion.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    _submit(page, f"#product-{product.pk} form[action$='/submit/']")
    product.refresh_from_db()
    assert product.status == DataProduct.Status.IN_REVIEW and product.legal_opinion

    staff_page = _login(browser_context(), base, staff.email)
    staff_page.goto(f"{base}/admin/exchange/dataproduct/{product.pk}/change/")
    expect(staff_page.locator("#content")).to_contain_text("legal")
    # the newest version's report is a labelled table, never raw JSON
    expect(staff_page.locator("#content")).to_contain_text("ε per query")
    expect(staff_page.locator("#content")).not_to_contain_text("epsilon_per_query")
    staff_page.locator("#id_review_notes").fill("Legal opinion and privacy report reviewed.")
    _submit(staff_page, "#dataproduct_form")
    staff_page.goto(f"{base}/admin/exchange/dataproduct/")
    staff_page.locator(f"input.action-select[value='{product.pk}']").check()
    staff_page.locator("select[name=action]").select_option("approve")
    _submit(staff_page, "#changelist-form")
    expect(staff_page.locator(".messagelist .success")).to_have_count(1)
    product.refresh_from_db()
    assert product.status == DataProduct.Status.APPROVED
    assert product.review_notes == "Legal opinion and privacy report reviewed."

    topup = wallet_topup_request(merchant=buyer, amount_fen=100_000, bank_reference="B-1", by=buyer_user)
    wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=staff)
    buyer_page = _open(browser_context(), f"{base}/catalog/")
    buyer_page.close()
    buyer_page = _login(browser_context(), base, buyer_user.email)
    buyer_page.goto(f"{base}/catalog/")
    expect(buyer_page.locator("main")).to_contain_text(TITLE)
    buyer_page.goto(f"{base}/catalog/{product.pk}/buy/")
    _submit(buyer_page, "#confirm-form")
    buyer_page.goto(f"{base}/catalog/{product.pk}/query/")
    expect(buyer_page.locator("#honest-wording")).to_contain_text("privacy-preserving computation".capitalize())
    buyer_page.locator("#id_template").select_option("candidates_count")
    _submit(buyer_page, "#query-form")
    expect(buyer_page.locator("#query-result")).to_have_attribute("data-outcome", "answered")
    assert re.fullmatch(r"\d+", buyer_page.locator("#query-result p").inner_text().strip())
    assert QueryLog.objects.get(product=product).people == 45
