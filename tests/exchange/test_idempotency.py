"""Idempotency-Key like Stripe's: the first answer of a request that began executing is replayed,
errors included, for 24 hours; then beat forgets the key."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from config.celery import app
from exchange.models import ApiIdempotency, Order
from exchange.services.api_keys import api_key_create
from exchange.services.idempotency import idempotency_keys_purge
from exchange.tasks import idempotency_keys_purge_due
from payouts.selectors import wallet_balance

from .buyer_world import fund, listed_dataset, market_create

pytestmark = pytest.mark.django_db
ORDERS = "/api/v1/orders/"


@pytest.fixture
def market():
    return market_create()


def api_for(merchant, user) -> APIClient:
    _key, secret = api_key_create(merchant=merchant, name="tests", by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


def test_a_402_is_replayed_even_after_the_wallet_was_topped_up(market):
    # given a product dearer than the buyer's wallet (¥10,000)
    dear = listed_dataset(market.provider, title="National credit scores", price_fen=2_000_000)
    api = api_for(market.buyer, market.buyer_user)
    first = api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="short-1")
    assert first.status_code == 402 and first.json()["error"]["code"] == "insufficient_funds"

    # when the wallet is topped up and the same request is retried with the same key
    fund(market.buyer, market.buyer_user, market.staff, fen=5_000_000)
    before = wallet_balance(merchant=market.buyer)
    again = api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="short-1")

    # then the first answer comes back, and nothing was bought or charged
    assert again.status_code == 402 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not Order.objects.filter(buyer=market.buyer).exists()
    assert wallet_balance(merchant=market.buyer) == before
    # and a new key is a new request, which now succeeds
    fresh = api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="short-2")
    assert fresh.status_code == 201
    assert before - wallet_balance(merchant=market.buyer) == 2_000_000 * 10_000


def test_a_validation_error_is_replayed_and_the_key_cannot_be_reused_for_another_body(market):
    api = api_for(market.buyer, market.buyer_user)
    first = api.post(ORDERS, {"product_id": "seven"}, format="json", HTTP_IDEMPOTENCY_KEY="typo-1")
    assert first.status_code == 400 and "product_id" in first.json()["error"]["fields"]
    again = api.post(ORDERS, {"product_id": "seven"}, format="json", HTTP_IDEMPOTENCY_KEY="typo-1")
    assert again.status_code == 400 and again.json() == first.json() and again["Idempotent-Replayed"] == "true"

    # the corrected body under the same key is another request: refused, nothing bought
    corrected = api.post(ORDERS, {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="typo-1")
    assert corrected.status_code == 422 and corrected.json()["error"]["code"] == "idempotency_key_reused"
    assert not Order.objects.filter(buyer=market.buyer).exists()
    assert ApiIdempotency.objects.get(merchant=market.buyer, key="typo-1").status_code == 400


def test_a_not_found_is_replayed_and_refusals_before_execution_are_not_stored(market):
    api = api_for(market.buyer, market.buyer_user)
    missing = api.post(ORDERS, {"product_id": 999_999}, format="json", HTTP_IDEMPOTENCY_KEY="nf-1")
    assert missing.status_code == 404
    assert api.post(ORDERS, {"product_id": 999_999}, format="json", HTTP_IDEMPOTENCY_KEY="nf-1")["Idempotent-Replayed"] == "true"
    # a caller without credentials never began executing: nothing is stored under its key
    anonymous = APIClient().post(ORDERS, {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="anon-1")
    assert anonymous.status_code in (401, 403)
    assert not ApiIdempotency.objects.filter(key="anon-1").exists()
    too_long = api.post(ORDERS, {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 101)
    assert too_long.status_code == 400 and too_long.json()["error"]["code"] == "invalid_idempotency_key"


def test_keys_are_kept_24_hours_then_purged_by_beat(market):
    api = api_for(market.buyer, market.buyer_user)
    dear = listed_dataset(market.provider, title="National credit scores", price_fen=2_000_000)
    api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="old")
    api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="young")
    ApiIdempotency.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=24, minutes=1))
    ApiIdempotency.objects.filter(key="young").update(created_at=timezone.now() - timedelta(hours=23, minutes=59))

    # the purge is on the beat schedule, and the scheduled task removes only the expired key
    assert "exchange.idempotency_keys_purge" in {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert idempotency_keys_purge_due.apply().get() == 1
    assert set(ApiIdempotency.objects.values_list("key", flat=True)) == {"young"}
    assert idempotency_keys_purge(now=timezone.now() + timedelta(hours=1)) == 1
    assert not ApiIdempotency.objects.exists()


def test_an_expired_key_not_yet_purged_is_a_new_request(market):
    dear = listed_dataset(market.provider, title="National credit scores", price_fen=2_000_000)
    api = api_for(market.buyer, market.buyer_user)
    assert api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 402
    ApiIdempotency.objects.filter(key="k").update(created_at=timezone.now() - timedelta(hours=25))
    fund(market.buyer, market.buyer_user, market.staff, fen=5_000_000)
    assert api.post(ORDERS, {"product_id": dear.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201


def test_a_409_is_replayed_even_after_the_order_behind_it_was_refunded(market):
    from exchange.services.orders import order_refund

    api = api_for(market.buyer, market.buyer_user)
    bought = api.post(ORDERS, {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="buy-1")
    again = api.post(ORDERS, {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="buy-2")
    assert (bought.status_code, again.status_code) == (201, 409) and again.json()["error"]["code"] == "already_owned"
    order_refund(order=Order.objects.get(pk=bought.json()["id"]), by=market.staff, reason="bought by mistake")
    replay = api.post(ORDERS, {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="buy-2")
    assert replay.status_code == 409 and replay.json() == again.json() and replay["Idempotent-Replayed"] == "true"
    assert Order.objects.filter(buyer=market.buyer).count() == 1


def test_a_422_answered_by_the_handler_is_stored_and_replayed(market):
    """No endpoint answers 422 from its handler today; `idempotent` must store one as it stores any other answer."""
    from rest_framework.test import APIRequestFactory, force_authenticate

    from config.errors import ApplicationError
    from exchange.apis import MerchantApi, idempotent

    calls = []

    class Unprocessable(ApplicationError):
        code = "unprocessable"
        status = 422

    class RefusingApi(MerchantApi):
        capabilities = {"POST": "buy"}

        @idempotent
        def post(self, request):
            calls.append(request.data)
            raise Unprocessable("This cannot be done with these values.")

    view = RefusingApi.as_view()

    def call():
        request = APIRequestFactory().post("/x/", {"a": 1}, format="json", HTTP_IDEMPOTENCY_KEY="u-1")
        force_authenticate(request, user=market.buyer_user)
        return view(request)

    first, second = call(), call()
    assert first.status_code == second.status_code == 422
    assert second.data == first.data and second["Idempotent-Replayed"] == "true"
    assert len(calls) == 1  # the handler ran once; the second answer came from the store
    assert ApiIdempotency.objects.get(merchant=market.buyer, key="u-1").status_code == 422
