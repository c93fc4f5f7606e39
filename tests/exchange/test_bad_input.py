"""Bad input gets a clear message and leaves nothing half-written."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.exceptions import RoleForbidden
from accounts.models import Merchant, User
from exchange.exceptions import ObjectMissing
from exchange.models import DownloadLog, Order, Outbox, ProductVersion
from exchange.services.builds import version_build_start
from exchange.services.orders import download_link_create, order_for_buyer
from payouts.exceptions import InsufficientFunds
from payouts.models import JournalEntry

from ..factories import MerchantFactory, NoticeFactory, ProviderFactory, member_of
from ..flow import build_start, buy, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db


def test_merchant_signup_with_a_taken_organisation_name_creates_nothing(client):
    MerchantFactory(name="Acme Employer")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "account_type": "merchant_new",
            "organisation_name": "acme employer",
            "industry": "employer",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "already registered" in response.content.decode()
    assert not User.objects.filter(email="new@example.com").exists()
    assert Merchant.objects.filter(name__iexact="acme employer").count() == 1


def test_purchase_with_too_little_in_the_wallet_writes_nothing(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, price_fen=500_000, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product, wallet_fen=1_000)
    entries_before = JournalEntry.objects.count()

    with translation.override("en"), pytest.raises(InsufficientFunds) as error:
        buy(world, product)

    assert "Insufficient balance" in str(error.value.message)
    assert "¥5,000.00 needed" in str(error.value.message)
    assert Order.objects.count() == 0
    assert Outbox.objects.count() == 0
    assert JournalEntry.objects.count() == entries_before


def test_purchase_error_is_in_chinese_for_a_chinese_user(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, price_fen=500_000, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product, wallet_fen=1_000)
    with translation.override("zh-hans"), pytest.raises(InsufficientFunds) as error:
        buy(world, product)
    assert "余额不足" in str(error.value.message)


def test_another_merchant_cannot_see_or_download_an_order(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    intruder = MerchantFactory(name="Nosy Corp")
    intruder_user = member_of(intruder)

    with pytest.raises(ObjectMissing):
        order_for_buyer(order_id=order.pk, merchant=intruder)
    # A link is made only by a member of the buying organisation who may download.
    with pytest.raises(RoleForbidden):
        download_link_create(order=order, by=intruder_user)
    assert not DownloadLog.objects.exists()

    from django.test import Client

    from tests.factories import PASSWORD

    client = Client()
    assert client.login(email=intruder_user.email, password=PASSWORD)
    response = client.post(reverse("exchange:order_download", args=[order.pk]))
    assert response.status_code == 404  # another organisation's order is not found (issue 5 permission matrix)


def test_forged_and_expired_download_links_are_refused(django_capture_on_commit_callbacks, settings, client):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy(world, product)
    token = download_link_create(order=order, by=world.buyer_user)
    # No session: the link itself is the credential, so only its signature and age decide here.
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(reverse("exchange:download", args=[forged])).status_code == 403
    settings.EXCHANGE = {**settings.EXCHANGE, "DOWNLOAD_LINK_SECONDS": -1}
    response = client.get(reverse("exchange:download", args=[token]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "link_expired"


def test_build_with_no_consented_resumes_is_refused_and_creates_no_version():
    provider = ProviderFactory()
    owner = member_of(provider)
    NoticeFactory(provider=provider)

    from exchange.exceptions import BuildError
    from exchange.services.products import product_create

    product = product_create(
        provider=provider,
        by=owner,
        title="Empty pool",
        description="-",
        kind="records",
        category="talent",
        purpose="records",
        price_fen=100,
        k=2,
        quasi_identifiers=["age"],
        include_skills=False,
    )
    with translation.override("en"), pytest.raises(BuildError) as error:
        version_build_start(product=product, by=owner)
    assert "No jobseeker has consented" in str(error.value.message)
    assert ProductVersion.objects.count() == 0
