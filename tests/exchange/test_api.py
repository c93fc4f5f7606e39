"""The merchant REST API: API keys, catalog, orders with idempotency, download links."""

import pytest
from rest_framework.test import APIClient

from exchange.models import Order
from exchange.services.api_keys import api_key_create, api_key_revoke

from ..factories import PASSWORD, MerchantFactory, UserFactory, member_of
from ..flow import build_start, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=True):
        build_start(world, product)
    list_and_fund(world, product)
    return world, product


def api_for(merchant, user) -> APIClient:
    _key, secret = api_key_create(merchant=merchant, name="ci", by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


def test_buyer_lists_buys_once_per_idempotency_key_and_gets_a_working_link(listed, django_capture_on_commit_callbacks):
    world, product = listed
    api = api_for(world.buyer, world.buyer_user)

    products = api.get("/api/v1/products/").json()
    assert [p["id"] for p in products["results"]] == [product.pk]
    assert products["results"][0]["current_version"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/api/v1/orders/", {"product_id": product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        again = api.post("/api/v1/orders/", {"product_id": product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Order.objects.count() == 1
    assert Order.objects.get().status == Order.Status.SETTLED

    link = api.post(f"/api/v1/orders/{first.json()['id']}/download-link/").json()
    download = APIClient().get(link["url"].replace("http://testserver", ""))  # the link alone, no API key
    assert download.status_code == 200
    body = b"".join(download.streaming_content).decode()
    assert body.splitlines()[0].startswith("age")
    assert download["X-Artefact-SHA256"]


def test_another_merchant_gets_404_for_an_order_it_did_not_place(listed, django_capture_on_commit_callbacks):
    world, product = listed
    with django_capture_on_commit_callbacks(execute=True):
        order = api_for(world.buyer, world.buyer_user).post("/api/v1/orders/", {"product_id": product.pk}, format="json").json()
    other = MerchantFactory(name="Other Buyer")
    intruder = api_for(other, member_of(other))
    response = intruder.post(f"/api/v1/orders/{order['id']}/download-link/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert intruder.get("/api/v1/orders/").json()["results"] == []


def test_revoked_or_wrong_keys_and_jobseekers_are_refused(listed):
    world, _product = listed
    key, secret = api_key_create(merchant=world.buyer, name="old", by=world.buyer_user)
    api_key_revoke(key=key, by=world.buyer_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert client.get("/api/v1/products/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Api-Key nothing.real")
    assert client.get("/api/v1/products/").status_code == 401

    jobseeker = UserFactory()
    session = APIClient()
    assert session.login(email=jobseeker.email, password=PASSWORD)
    response = session.get("/api/v1/products/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_buying_without_enough_balance_is_a_402_with_a_clear_message(listed):
    world, product = listed
    product.price_fen = 10**9
    product.save(update_fields=["price_fen"])
    response = api_for(world.buyer, world.buyer_user).post(
        "/api/v1/orders/", {"product_id": product.pk}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 402
    assert response.json()["error"]["code"] == "insufficient_funds"
    assert Order.objects.count() == 0


def test_invalid_product_id_is_a_validation_error(listed):
    world, _product = listed
    response = api_for(world.buyer, world.buyer_user).post("/api/v1/orders/", {"product_id": "abc"}, format="json")
    assert response.status_code == 400
    assert "product_id" in response.json()["error"]["fields"]
