"""Merchant onboarding: the GB 32100 credit code, the profile, and staff verification and suspension."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter

from accounts import credit_code
from accounts.exceptions import MerchantError
from accounts.models import Merchant
from accounts.services import merchant_profile_update, merchant_suspend, merchant_verify
from exchange.exceptions import DeliveryDenied, OrderError
from exchange.models import DataProduct
from exchange.services.orders import download_link_create, order_place

from ..exchange.buyer_world import listed_dataset, market_create
from ..factories import MerchantFactory, StaffFactory, member_of

# Codes printed on real business licences.
REAL_CODES = ["91350100M000100Y43", "91110000600037341L", "91440300708461136T"]

alphabet17 = st.text(alphabet=credit_code.ALPHABET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit())


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_pass(code):
    assert credit_code.is_valid(code)


@given(alphabet17)
def test_the_computed_check_character_always_validates(first17):
    assert credit_code.is_valid(first17 + credit_code.check_character(first17))


@given(alphabet17, st.integers(min_value=0, max_value=16), st.sampled_from(credit_code.ALPHABET))
def test_changing_any_one_character_is_detected(first17, position, replacement):
    code = first17 + credit_code.check_character(first17)
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code and changed[2:8].isdigit():
        assert not credit_code.is_valid(changed)


@pytest.mark.parametrize("bad", ["", "91350100M000100Y4", "91350100M000100Y44", "91350100M000100YO3", "913501OOM000100Y43"])
def test_malformed_codes_fail(bad):
    assert not credit_code.is_valid(bad)


pytestmark_db = pytest.mark.django_db


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytestmark_db
@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [
        # a web page that says it is a PDF
        ("licence.pdf", "application/pdf", lambda: b"<html><script>alert(1)</script></html>"),
        # the magic bytes of a PDF and nothing that opens
        ("licence.pdf", "application/pdf", lambda: b"%PDF-1.4 licence"),
        # a PNG header on garbage
        ("licence.png", "image/png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        # an image that decodes to far more pixels than a scan has (decompression bomb)
        ("licence.png", "image/png", lambda: _png((9000, 9000))),
        # a GIF is an image, but not one of the kinds staff accept
        ("licence.gif", "image/gif", lambda: b"GIF89a" + b"\0" * 64),
    ],
)
def test_a_licence_is_judged_by_its_content_and_a_refusal_keeps_nothing(name, content_type, data):
    merchant = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    owner = member_of(merchant)
    with pytest.raises(MerchantError) as error:
        merchant_profile_update(
            merchant=merchant, by=owner, business_licence=SimpleUploadedFile(name, data(), content_type=content_type)
        )
    assert error.value.code == "invalid_licence"
    merchant.refresh_from_db()
    assert not merchant.business_licence


@pytestmark_db
def test_a_real_document_is_kept_under_the_name_its_content_gives():
    merchant = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    owner = member_of(merchant)
    # the browser called it a web page; it is a PNG scan, and it is stored as one
    scan = SimpleUploadedFile("licence.html", _png(), content_type="text/html")
    merchant_profile_update(merchant=merchant, by=owner, business_licence=scan)
    merchant.refresh_from_db()
    assert merchant.business_licence.name.endswith(".png")
    too_big = SimpleUploadedFile("licence.pdf", _pdf() + b"\0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(MerchantError) as error:
        merchant_profile_update(merchant=merchant, by=owner, business_licence=too_big)
    assert error.value.code == "licence_size"


@pytestmark_db
def test_owner_completes_the_profile_and_staff_verify(settings, tmp_path):
    merchant = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    owner = member_of(merchant)
    licence = SimpleUploadedFile("licence.pdf", _pdf(), content_type="application/pdf")
    merchant_profile_update(
        merchant=merchant,
        by=owner,
        business_licence=licence,
        credit_code=" 9135 0100m000100y43 ",
        contact_name="王经理",
        contact_phone="0755-1234 5678",
    )
    merchant.refresh_from_db()
    assert merchant.credit_code == "91350100M000100Y43"
    assert merchant.business_licence.name.startswith("licences/")
    assert merchant.profile_complete
    staff = StaffFactory()
    merchant_verify(merchant=merchant, by=staff)
    merchant.refresh_from_db()
    assert merchant.is_verified and merchant.status_changed_by == staff


@pytestmark_db
def test_a_wrong_check_character_is_refused_and_nothing_is_saved():
    merchant = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    owner = member_of(merchant)
    with pytest.raises(MerchantError) as error:
        merchant_profile_update(merchant=merchant, by=owner, credit_code="91350100M000100Y44", contact_name="x")
    assert error.value.code == "invalid_credit_code"
    merchant.refresh_from_db()
    assert merchant.credit_code == "" and merchant.contact_name == ""


@pytestmark_db
def test_plain_members_cannot_edit_the_profile_and_licences_must_be_documents():
    merchant = MerchantFactory()
    member = member_of(merchant, role="member")
    with pytest.raises(MerchantError):
        merchant_profile_update(merchant=merchant, by=member, contact_name="x")
    owner = member_of(merchant)
    script = SimpleUploadedFile("licence.html", b"<script>", content_type="text/html")
    with pytest.raises(MerchantError) as error:
        merchant_profile_update(merchant=merchant, by=owner, business_licence=script)
    assert error.value.code == "invalid_licence"


@pytestmark_db
def test_changing_the_code_of_a_verified_merchant_sends_it_back_to_verification():
    merchant = MerchantFactory(credit_code=REAL_CODES[0])
    owner = member_of(merchant)
    merchant_profile_update(merchant=merchant, by=owner, credit_code=REAL_CODES[1])
    merchant.refresh_from_db()
    assert merchant.status == Merchant.Status.PENDING and merchant.verified_at is None


@pytestmark_db
def test_staff_cannot_verify_without_a_valid_code_and_suspension_needs_a_reason():
    merchant = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    staff = StaffFactory()
    with pytest.raises(MerchantError) as error:
        merchant_verify(merchant=merchant, by=staff)
    assert error.value.code == "credit_code_required"
    with pytest.raises(MerchantError):
        merchant_suspend(merchant=merchant, by=staff, reason="  ")


@pytestmark_db
def test_admin_suspends_with_a_reason_and_the_merchant_loses_downloads(client):
    market = market_create()
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    client.force_login(market.staff)
    url = "/admin/accounts/merchant/"
    asked = client.post(url, {"action": "suspend", "_selected_action": [market.buyer.pk]})
    assert asked.status_code == 200 and b"reason" in asked.content
    done = client.post(
        url, {"action": "suspend", "_selected_action": [market.buyer.pk], "reason": "Licence expired in 2026-10"}, follow=True
    )
    assert done.status_code == 200
    market.buyer.refresh_from_db()
    assert market.buyer.is_suspended and market.buyer.status_reason == "Licence expired in 2026-10"
    order.refresh_from_db()
    with pytest.raises(DeliveryDenied):
        download_link_create(order=order, by=market.buyer_user)
    with pytest.raises(OrderError):
        order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)


@pytestmark_db
def test_admin_verify_action_reports_merchants_without_a_code(client):
    pending = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    ready = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None, credit_code=REAL_CODES[2])
    client.force_login(StaffFactory())
    client.post("/admin/accounts/merchant/", {"action": "verify", "_selected_action": [pending.pk, ready.pk]})
    pending.refresh_from_db()
    ready.refresh_from_db()
    assert pending.status == Merchant.Status.PENDING
    assert ready.is_verified


@pytestmark_db
def test_unverified_merchants_browse_and_buy_business_data_but_not_personal_data():
    market = market_create()
    from ..exchange.buyer_world import fund

    fund(market.unverified, market.unverified_user, market.staff)
    order = order_place(buyer=market.unverified, product=market.product, by=market.unverified_user)
    assert order.pk
    personal = listed_dataset(market.provider, title="Personal")
    DataProduct.objects.filter(pk=personal.pk).update(kind=DataProduct.Kind.RECORDS)
    personal.refresh_from_db()
    with pytest.raises(OrderError) as error:
        order_place(buyer=market.unverified, product=personal, by=market.unverified_user)
    assert error.value.code == "buyer_unverified"


@pytestmark_db
def test_the_profile_page_saves_and_shows_a_clear_error(client):
    merchant = MerchantFactory(status=Merchant.Status.PENDING, verified_at=None)
    client.force_login(member_of(merchant))
    bad = client.post("/merchant/profile/", {"credit_code": "91350100M000100Y44"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "GB 32100 check character" in bad.content.decode()
    good = client.post("/merchant/profile/", {"credit_code": REAL_CODES[0], "contact_name": "Li"})
    assert good.status_code == 302
    merchant.refresh_from_db()
    assert merchant.credit_code == REAL_CODES[0]
