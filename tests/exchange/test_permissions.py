"""Every API endpoint and every merchant page against six kinds of visitor.

Another merchant reaching the owner's order, invoice or subscription gets 404 (or 403),
never the object; lists show each merchant only its own rows.
"""

import pytest
from django.urls import URLPattern
from rest_framework.test import APIClient

from exchange import api_urls
from exchange.models import DataProduct, PricePlan
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_place

from .buyer_world import fund, listed_dataset, market_create, plan

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jobseeker", "unverified", "other", "owner", "staff"]


@pytest.fixture
def world():
    market = market_create()
    fund(market.unverified, market.unverified_user, market.staff)
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    monthly = plan(market.product, PricePlan.Kind.MONTHLY, 5_000)
    second = listed_dataset(market.provider, title="Second product")
    sub_order = order_place(
        buyer=market.buyer, product=second, by=market.buyer_user, plan=plan(second, PricePlan.Kind.MONTHLY, 7_000)
    )
    draft = listed_dataset(market.provider, title="Provider's draft")
    DataProduct.objects.filter(pk=draft.pk).update(status=DataProduct.Status.DRAFT)
    return {
        "market": market,
        "order": order,
        "subscription": sub_order.terms.subscription,
        "product": market.product,
        "draft": draft,
        "monthly": monthly,
    }


def _api(world, role: str) -> APIClient:
    market = world["market"]
    client = APIClient()
    users = {
        "jobseeker": market.jobseeker,
        "staff": market.staff,
    }
    merchants = {
        "unverified": (market.unverified, market.unverified_user),
        "other": (market.other, market.other_user),
        "owner": (market.buyer, market.buyer_user),
    }
    if role in merchants:
        merchant, user = merchants[role]
        _key, secret = api_key_create(merchant=merchant, name=role, by=user)
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    elif role in users:
        client.force_authenticate(users[role])
    return client


# (route name, method, path builder, what the owner gets, what a stranger merchant gets)
def _api_cases(world):
    order, subscription, product, draft = world["order"], world["subscription"], world["product"], world["draft"]
    return [
        ("api-products", "get", "/api/v1/products/", 200, 200),
        ("api-product", "get", f"/api/v1/products/{product.pk}/", 200, 200),
        ("api-product", "get", f"/api/v1/products/{draft.pk}/", 404, 404),
        ("api-product-versions", "get", f"/api/v1/products/{product.pk}/versions/", 200, 200),
        ("api-orders", "get", "/api/v1/orders/", 200, 200),
        # The owner already holds the current version: a second payment is refused, a stranger buys.
        ("api-orders", "post", "/api/v1/orders/", 409, 201),
        ("api-order", "get", f"/api/v1/orders/{order.pk}/", 200, 404),
        ("api-order-download-link", "post", f"/api/v1/orders/{order.pk}/download-link/", 201, 404),
        ("api-entitlements", "get", "/api/v1/entitlements/", 200, 200),
        ("api-subscriptions", "get", "/api/v1/subscriptions/", 200, 200),
        ("api-subscription-cancel", "post", f"/api/v1/subscriptions/{subscription.pk}/cancel/", 200, 404),
        ("api-credits", "get", "/api/v1/credits/", 200, 200),
        ("api-wallet", "get", "/api/v1/wallet/", 200, 200),
        ("api-topups", "get", "/api/v1/wallet/topups/", 200, 200),
        ("api-topups", "post", "/api/v1/wallet/topups/", 201, 201),
        ("api-invoices", "get", "/api/v1/invoices/", 200, 200),
        ("api-invoice", "get", f"/api/v1/invoices/{order.pk}/", 200, 404),
        # A records product takes no queries: not found as a query service, the same way for everyone.
        ("api-product-queries", "post", f"/api/v1/products/{product.pk}/queries/", 404, 404),
        ("api-product-queries", "post", f"/api/v1/products/{draft.pk}/queries/", 404, 404),
    ]


def _body(world, name: str, role: str) -> dict:
    if name == "api-orders":
        return {"product_id": world["product"].pk}
    if name == "api-topups":
        return {"amount_fen": 10_000, "bank_reference": f"PERM-{role}"}
    if name == "api-product-queries":
        return {"template": "candidate_count", "params": {}}
    return {}


def test_the_matrix_covers_every_api_endpoint(world):
    routes = {pattern.name for pattern in api_urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert routes == {case[0] for case in _api_cases(world)}


@pytest.mark.parametrize("role", ROLES)
def test_api_permission_matrix(world, role):
    client = _api(world, role)
    owner_order = world["order"]
    for name, method, path, owner_status, stranger_status in _api_cases(world):
        response = getattr(client, method)(path, _body(world, name, role), format="json")
        if role == "anonymous":
            expected = 401
        elif role in ("jobseeker", "staff"):
            expected = 403  # staff work in the admin; the API is for merchant organisations
        elif role == "owner":
            expected = owner_status
        else:
            expected = stranger_status
        assert response.status_code == expected, (role, method, path, response.status_code, response.content[:300])
        payload = response.json()
        if response.status_code >= 400:
            assert set(payload) == {"error"} and {"code", "message", "fields"} <= set(payload["error"])
        if role in ("other", "unverified") and response.status_code < 400:
            _assert_no_owner_rows(payload, owner_order)


def _assert_no_owner_rows(payload, owner_order) -> None:
    rows = payload.get("results", payload) if isinstance(payload, dict) else payload
    if isinstance(rows, list):
        for row in rows:
            assert row.get("order_id") != owner_order.pk or row.get("buyer_name") != owner_order.buyer.name
            if "buyer_name" in row:
                assert row["buyer_name"] != owner_order.buyer.name


def _pages(world):
    order, subscription = world["order"], world["subscription"]
    return [
        ("get", "/merchant/", 200),
        ("get", "/merchant/profile/", 200),
        ("get", "/merchant/team/", 200),
        ("get", "/merchant/invoices/", 200),
        ("get", f"/merchant/invoices/{order.pk}/", "own"),
        ("get", f"/merchant/invoices/{order.pk}/pdf/", "own"),
        ("get", "/merchant/api-keys/", 200),
        ("get", "/merchant/purchases/", 200),
        ("get", "/merchant/purchases/?export=csv", 200),
        ("get", f"/merchant/purchases/{order.pk}/", "own"),
        ("get", "/merchant/wallet/", 200),
        ("get", "/merchant/wallet/?export=csv", 200),
        ("post", f"/merchant/orders/{order.pk}/download/", "own-redirect"),
        ("post", f"/merchant/subscriptions/{subscription.pk}/cancel/", "own-redirect"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_permission_matrix(world, client, role):
    market = world["market"]
    user = {
        "jobseeker": market.jobseeker,
        "staff": market.staff,
        "unverified": market.unverified_user,
        "other": market.other_user,
        "owner": market.buyer_user,
    }.get(role)
    if user is not None:
        client.force_login(user)
    for method, path, rule in _pages(world):
        response = getattr(client, method)(path)
        status = response.status_code
        if role == "anonymous":
            assert status == 302 and "/accounts/login/" in response["Location"], path
        elif role in ("jobseeker", "staff"):
            assert status == 403, (role, path, status)
        elif rule == 200:
            assert status == 200, (role, path, status)
            if role != "owner":
                assert market.buyer.name not in response.content.decode(), (role, path)
        elif rule == "own":
            assert status == (200 if role == "owner" else 404), (role, path, status)
        else:  # a POST that redirects for the owner and is missing for anyone else
            assert status == (302 if role == "owner" else 404), (role, path, status)


def test_public_pages_are_public_and_drafts_stay_private(world, client):
    assert client.get("/catalog/").status_code == 200
    assert client.get(f"/catalog/{world['product'].pk}/").status_code == 200
    assert client.get("/statistics/").status_code == 200
    assert client.get(f"/catalog/{world['draft'].pk}/").status_code == 404
    client.force_login(world["market"].provider_user)
    assert client.get(f"/catalog/{world['draft'].pk}/").status_code == 200
