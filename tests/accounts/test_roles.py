"""The findings the role matrix closes, each shown end to end: a plain member or a viewer is refused, and
nothing changes. The full route × role sweep is tests/exchange/test_role_matrix.py."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from accounts.exceptions import RoleForbidden
from accounts.models import Membership, Merchant
from accounts.roles import ROLE_CAPABILITIES, Capability, role_can
from exchange.models import ApiKey, DataProduct, Order
from exchange.services.api_keys import api_key_create
from exchange.services.builds import version_build_start
from exchange.services.products import product_update
from payouts.selectors import wallet_balance

from ..exchange.buyer_world import listed_dataset, market_create
from ..factories import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    market = market_create()
    market.extra["member"] = member_of(market.provider, role=Membership.Role.MEMBER)
    market.extra["viewer"] = member_of(market.buyer, role=Membership.Role.VIEWER)
    return market


def test_the_matrix_reads_as_documented():
    assert ROLE_CAPABILITIES[Membership.Role.OWNER] == frozenset(Capability)
    assert ROLE_CAPABILITIES[Membership.Role.ADMIN] == frozenset(Capability) - {Capability.CHANGE_ROLES}
    assert ROLE_CAPABILITIES[Membership.Role.MEMBER] == {Capability.READ, Capability.BUY, Capability.DOWNLOAD}
    assert ROLE_CAPABILITIES[Membership.Role.VIEWER] == {Capability.READ}
    for role in Membership.Role.values:  # everyone reads; only the owner changes roles
        assert role_can(role, Capability.READ)
        assert role_can(role, Capability.CHANGE_ROLES) == (role == Membership.Role.OWNER)


def test_a_plain_member_cannot_weaken_privacy_or_pull_a_listing_back_to_review(market, client):
    product = market.product
    before = (product.k, product.max_suppression_bps, product.status)
    client.force_login(market.extra["member"])
    response = client.post(
        f"/merchant/products/{product.pk}/privacy/",
        {"k": 2, "max_suppression_percent": 50, "epsilon": 1, "min_people": 10, "weighting": "equal"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403
    assert "does not allow you to create products, change privacy parameters" in response.content.decode()
    with pytest.raises(RoleForbidden):
        product_update(product=product, by=market.extra["member"], k=2, max_suppression_bps=5000)
    product.refresh_from_db()
    assert (product.k, product.max_suppression_bps, product.status) == before
    assert product.status == DataProduct.Status.APPROVED


def test_a_plain_member_cannot_start_builds(market, client):
    product = market.product
    versions = product.versions.count()
    client.force_login(market.extra["member"])
    assert client.post(f"/merchant/products/{product.pk}/build/").status_code == 403
    with pytest.raises(RoleForbidden):
        version_build_start(product=product, by=market.extra["member"])
    assert product.versions.count() == versions


def test_a_plain_member_cannot_revoke_or_create_api_keys(market, client):
    key, _secret = api_key_create(merchant=market.provider, name="integration", by=market.provider_user)
    client.force_login(market.extra["member"])
    assert client.post("/merchant/api-keys/", {"revoke": key.pk}).status_code == 403
    assert client.post("/merchant/api-keys/", {"name": "mine"}).status_code == 403
    key.refresh_from_db()
    assert key.revoked_at is None
    assert ApiKey.objects.filter(merchant=market.provider).count() == 1


def test_a_viewer_reads_but_cannot_buy_by_key_or_session(market):
    viewer = market.extra["viewer"]
    balance, orders = wallet_balance(merchant=market.buyer), Order.objects.count()
    session = APIClient()
    session.force_login(viewer)
    assert session.get("/api/v1/wallet/").status_code == 200
    with translation.override("en"):
        refused = session.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith("Your role (Viewer (read only)) does not allow you to buy")
    # A key made while its creator was an administrator follows the creator's role down to viewer.
    admin = member_of(market.buyer, role=Membership.Role.ADMIN)
    _key, secret = api_key_create(merchant=market.buyer, name="ops", by=admin)
    Membership.objects.filter(user=admin).update(role=Membership.Role.VIEWER)
    by_key = APIClient()
    by_key.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert by_key.get("/api/v1/invoices/").status_code == 200
    assert by_key.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json").status_code == 403
    assert by_key.post("/api/v1/wallet/topups/", {"amount_fen": 100, "bank_reference": "X-1"}, format="json").status_code == 403
    assert (wallet_balance(merchant=market.buyer), Order.objects.count()) == (balance, orders)


def test_suspension_applies_to_session_calls_of_the_api_too(market):
    Merchant.objects.filter(pk=market.buyer.pk).update(status=Merchant.Status.SUSPENDED, status_reason="checks")
    session = APIClient()
    session.force_login(market.buyer_user)
    for path in ("/api/v1/wallet/", "/api/v1/orders/", "/api/v1/invoices/"):
        response = session.get(path)
        assert response.status_code == 403, path
        assert response.json()["error"]["code"] == "permission_denied"
    assert session.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json").status_code == 403


def test_a_suspended_organisation_reads_its_pages_but_cannot_buy_or_build(market, client):
    Merchant.objects.filter(pk=market.provider.pk).update(status=Merchant.Status.SUSPENDED, status_reason="checks")
    client.force_login(market.provider_user)
    assert client.get("/merchant/").status_code == 200
    assert client.post(f"/merchant/products/{market.product.pk}/build/").status_code == 403
    second = listed_dataset(market.buyer, title="Buyer's own")
    assert client.post(f"/catalog/{second.pk}/buy/").status_code == 403
