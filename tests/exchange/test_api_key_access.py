"""An API key works only while the person who created it is an active member of its organisation.

Removing the creator from the team or deactivating their account revokes their keys; and
authentication checks both again on every request, so a change made around the services
(a raw UPDATE) shuts the door as well. Refused requests charge nothing. A signed download
link made with a key needs no header, but dies with the key and with its creator's membership.
"""

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.admin import UserAdmin
from accounts.models import Membership, User
from accounts.services import membership_remove, user_deactivate
from exchange.models import ApiKey, DownloadLog, Order
from exchange.services.api_keys import api_key_create, api_key_revoke
from exchange.services.orders import download_link_create, order_place
from payouts.selectors import wallet_balance

from ..factories import member_of
from .buyer_world import listed_dataset, market_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    market = market_create()
    admin_user = member_of(market.buyer, role=Membership.Role.ADMIN)
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    _key, secret = api_key_create(merchant=market.buyer, name="integration", by=admin_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    # A signed download link fetched while the key still worked: it must not outlive the key either.
    link = client.post(f"/api/v1/orders/{order.pk}/download-link/", {}, format="json")
    assert link.status_code == 201
    unbought = listed_dataset(market.provider, title="Not bought yet")
    return {
        "market": market,
        "admin": admin_user,
        "order": order,
        "client": client,
        "download": link.json()["url"],
        "unbought": unbought,
    }


def _calls(world):
    order = world["order"]
    return [
        ("get", "/api/v1/wallet/", None),
        ("get", "/api/v1/invoices/", None),
        ("get", f"/api/v1/invoices/{order.pk}/", None),
        ("post", f"/api/v1/orders/{order.pk}/download-link/", {}),
        ("post", "/api/v1/orders/", {"product_id": world["unbought"].pk}),
    ]


def _assert_locked_out(world) -> None:
    market, client = world["market"], world["client"]
    balance, orders = wallet_balance(merchant=market.buyer), Order.objects.filter(buyer=market.buyer).count()
    for method, path, body in _calls(world):
        response = getattr(client, method)(path, body, format="json") if body is not None else getattr(client, method)(path)
        assert response.status_code == 401, (path, response.status_code, response.content[:200])
        assert b"Acme Employer" not in response.content
        assert b"INV-" not in response.content
    # The link made with the key works without it (as a presigned URL does), but not for a maker who is gone.
    download = APIClient().get(world["download"], HTTP_ACCEPT_LANGUAGE="en")
    assert download.status_code == 403 and download.json()["error"]["code"] == "delivery_denied"
    assert "no longer works" in download.json()["error"]["message"]
    assert wallet_balance(merchant=market.buyer) == balance
    assert Order.objects.filter(buyer=market.buyer).count() == orders
    assert not DownloadLog.objects.filter(order=world["order"]).exists()


def test_the_key_works_while_its_creator_is_a_member(world):
    client = world["client"]
    assert client.get("/api/v1/wallet/").status_code == 200
    # The signed link needs no header: it carries its maker (the key's creator), who is logged as the downloader.
    assert APIClient().get(world["download"]).status_code == 200
    assert list(DownloadLog.objects.filter(order=world["order"]).values_list("user", flat=True)) == [world["admin"].pk]
    assert client.post("/api/v1/orders/", {"product_id": world["unbought"].pk}, format="json").status_code == 201


def test_removing_the_creator_revokes_their_keys(world):
    market = world["market"]
    membership_remove(membership=Membership.objects.get(user=world["admin"]), by=market.buyer_user)
    assert ApiKey.objects.get(created_by=world["admin"]).revoked_at is not None
    _assert_locked_out(world)


def test_deactivating_the_creator_revokes_their_keys(world):
    user_deactivate(user=world["admin"], by=world["market"].staff)
    assert ApiKey.objects.get(created_by=world["admin"]).revoked_at is not None
    _assert_locked_out(world)


def test_deactivating_in_the_admin_revokes_keys(world):
    admin_user = world["admin"]
    request = RequestFactory().post("/admin/")
    request.user = world["market"].staff
    model_admin = UserAdmin(User, AdminSite())
    model_admin.message_user = lambda *args, **kwargs: None
    model_admin.deactivate(request, User.objects.filter(pk=admin_user.pk))
    assert ApiKey.objects.get(created_by=admin_user).revoked_at is not None
    _assert_locked_out(world)


def test_membership_deleted_around_the_services_still_locks_the_key_out(world):
    Membership.objects.filter(user=world["admin"]).delete()  # no signal, no revocation
    _assert_locked_out(world)
    assert ApiKey.objects.get(created_by=world["admin"]).revoked_at is not None  # revoked on first use


def test_account_deactivated_around_the_services_still_locks_the_key_out(world):
    User.objects.filter(pk=world["admin"].pk).update(is_active=False)
    _assert_locked_out(world)


def test_a_link_made_with_a_key_stops_working_when_the_key_is_revoked(world):
    market = world["market"]
    session_link = download_link_create(order=world["order"], by=world["admin"])  # made in the portal, with no key
    api_key_revoke(key=ApiKey.objects.get(created_by=world["admin"]), by=market.buyer_user)
    refused = APIClient().get(world["download"], HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This download link no longer works: the API key it was made with has been revoked."
    )
    assert world["client"].get("/api/v1/wallet/").status_code == 401
    # The member is still in the team: a link they made without the key keeps working.
    assert APIClient().get(reverse("exchange:download", args=[session_link])).status_code == 200


def test_other_members_keys_keep_working(world):
    market = world["market"]
    _key, owner_secret = api_key_create(merchant=market.buyer, name="owner's", by=market.buyer_user)
    membership_remove(membership=Membership.objects.get(user=world["admin"]), by=market.buyer_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {owner_secret}")
    assert client.get("/api/v1/wallet/").status_code == 200


def test_a_download_link_is_throttled_per_address_at_the_rate_a_key_has(world):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "download": "2/min"}
    original = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = rates  # DRF reads the rates once, at import
    try:
        anyone = APIClient()
        assert [anyone.get(world["download"]).status_code for _ in range(3)] == [200, 200, 429]
    finally:
        ScopedRateThrottle.THROTTLE_RATES = original
        cache.clear()
