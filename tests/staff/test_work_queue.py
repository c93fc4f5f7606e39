"""Staff see what waits for them on the admin index and review each listing on its own page."""

import pytest
from django.urls import reverse

from consent.services import consent_withdraw
from exchange.models import DataProduct
from exchange.services.products import product_submit
from payouts.services import wallet_topup_request
from tests.factories import MerchantFactory, StaffFactory
from tests.flow import build_start, legal_opinion_pdf, product_define, world_create


@pytest.fixture
def in_review(db, django_capture_on_commit_callbacks):
    world = world_create(people=8)
    product = product_define(world, price_fen=19_900)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    product_submit(product=product, by=world.provider_user, legal_opinion=legal_opinion_pdf())
    return world, DataProduct.objects.get(pk=product.pk)


def _count(page: str, key: str) -> int:
    import re

    match = re.search(rf'class="queue-{key}">.*?<td class="queue-count[^"]*">(\d+)</td>', page, re.S)
    assert match, key
    return int(match.group(1))


@pytest.mark.django_db
def test_the_admin_index_counts_what_waits_and_links_to_it(client, in_review):
    world, product = in_review
    wallet_topup_request(merchant=world.buyer, amount_fen=50_000, bank_reference="CMB-9", by=world.buyer_user)
    MerchantFactory(status="pending", verified_at=None)
    consent_withdraw(grant=world.jobseekers[0].consent_grants.get(), by=world.jobseekers[0])
    client.force_login(world.staff)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _count(page, "listings") == 1
    assert _count(page, "topups") == 1
    assert _count(page, "merchants") == 1
    assert _count(page, "data_subjects") == 1
    assert _count(page, "withdrawals") == 0
    listings = reverse("admin:exchange_dataproduct_changelist") + "?status__exact=in_review"
    assert listings in page
    # every link opens a filtered list that holds exactly what was counted
    for url in [listings, reverse("admin:consent_consentreceipt_changelist")]:
        assert client.get(url).status_code == 200
    import re

    data_subjects = re.search(r'class="queue-data_subjects">\s*<th scope="row"><a href="([^"]+)"', page).group(1)
    listed = client.get(data_subjects.replace("&amp;", "&"))
    assert listed.status_code == 200 and listed.context["cl"].result_count == 1
    chinese = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "待审核的上架申请" in chinese and "Listings in review" not in chinese


@pytest.mark.django_db
def test_the_review_page_shows_the_report_as_a_table_and_consent_coverage(client, in_review):
    world, product = in_review
    client.force_login(world.staff)
    page = client.get(reverse("admin:exchange_dataproduct_review", args=[product.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "¥199.00" in html and "20%" in html  # price and suppression cap, never fen or basis points
    assert 'id="review-report"' in html and "k achieved (smallest group)" in html
    assert '"k_target"' not in html and "{" not in page.context["report_rows"][0][1]  # no raw JSON
    assert "People in the version reviewed" in html
    assert reverse("admin:exchange_dataproduct_legal_opinion", args=[product.pk]) in html
    opinion = client.get(reverse("admin:exchange_dataproduct_legal_opinion", args=[product.pk]))
    assert opinion.status_code == 200 and b"".join(opinion.streaming_content).startswith(b"%PDF")
    chinese = client.get(reverse("admin:exchange_dataproduct_review", args=[product.pk])).content.decode()
    assert "隐私与效用报告" in chinese and "Privacy and utility report" not in chinese


@pytest.mark.django_db
def test_reject_needs_notes_and_keeps_them_then_approve_lists_the_product(client, in_review):
    world, product = in_review
    client.force_login(world.staff)
    url = reverse("admin:exchange_dataproduct_review", args=[product.pk])
    refused = client.post(url, {"decision": "reject", "notes": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200 and "A rejection needs notes" in refused.content.decode()
    product.refresh_from_db()
    assert product.status == DataProduct.Status.IN_REVIEW
    rejected = client.post(url, {"decision": "reject", "notes": "Licence terms missing."})
    assert rejected.status_code == 302
    product.refresh_from_db()
    assert (product.status, product.review_notes) == (DataProduct.Status.REJECTED, "Licence terms missing.")
    product_submit(product=product, by=world.provider_user)
    assert client.post(url, {"decision": "approve", "notes": "Opinion on file."}).status_code == 302
    product.refresh_from_db()
    assert product.status == DataProduct.Status.APPROVED and product.reviewed_by == world.staff


@pytest.mark.django_db
def test_the_review_page_is_for_staff_only(client, in_review):
    world, product = in_review
    client.force_login(world.provider_user)
    response = client.get(reverse("admin:exchange_dataproduct_review", args=[product.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = StaffFactory(is_superuser=False)
    client.force_login(staff)  # staff without the product permission
    assert client.get(reverse("admin:exchange_dataproduct_review", args=[product.pk])).status_code == 403
