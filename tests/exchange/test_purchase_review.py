"""A purchase is reviewed before money moves, is never paid twice, and is receipted by e-mail."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from exchange.models import Order, PricePlan
from exchange.services.orders import order_place, order_refund
from payouts.selectors import wallet_balance

from .buyer_world import market_create, plan

pytestmark = pytest.mark.django_db

WALLET_MICROS = 1_000_000 * 10_000  # market_create funds ¥10,000


@pytest.fixture
def market():
    return market_create()


def _review(client, market, **query):
    response = client.get(f"/catalog/{market.product.pk}/buy/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def _key(page: str) -> str:
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)


def test_the_review_page_states_price_licence_delivery_and_the_wallet_after_and_charges_nothing(market, client):
    market.buyer_user.language = "en"
    market.buyer_user.save()
    client.force_login(market.buyer_user)
    page = _review(client, market)
    assert 'id="review-price"><strong class="money">¥200.00</strong>' in page
    assert "Internal use only." in page  # the product's own licence
    assert "Version v1 (2 records) as a CSV download" in page
    assert '<span class="money">¥10,000.00</span>' in page and '<span class="money">¥9,800.00</span>' in page
    assert Order.objects.count() == 0 and wallet_balance(merchant=market.buyer) == WALLET_MICROS


def test_confirming_pays_once_sends_the_receipt_in_the_buyers_language_and_then_shows_you_own_it(
    market, client, django_capture_on_commit_callbacks
):
    market.buyer_user.language = "zh-hans"
    market.buyer_user.save()
    client.force_login(market.buyer_user)
    key = _key(_review(client, market))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/catalog/{market.product.pk}/buy/", {"idempotency_key": key})
    order = Order.objects.get(buyer=market.buyer)
    assert response.status_code == 302 and response["Location"] == f"/merchant/purchases/{order.pk}/"

    # The sale also notifies the provider (and the buyer) by mail; the receipt is one mail of its own.
    [receipt] = [message for message in mail.outbox if message.subject.startswith(f"订单 #{order.pk} ")]
    assert receipt.to == [market.buyer_user.email]
    assert receipt.subject == f"订单 #{order.pk} 的收据：Shenzhen road network"
    assert f"http://localhost:8000/merchant/invoices/{order.pk}/" in receipt.body
    assert "¥200.00" in receipt.body and "Receipt" not in receipt.body

    product_page = client.get(f"/catalog/{market.product.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="buy"' not in product_page
    assert 'id="standing"' in product_page and f'href="/merchant/purchases/{order.pk}/"' in product_page
    assert 'id="already-owned"' in _review(client, market) and 'id="confirm-purchase"' not in _review(client, market)


def test_a_second_payment_for_an_owned_version_is_refused_by_the_server_and_charges_nothing(market, client):
    client.force_login(market.buyer_user)
    first = _review(client, market)
    second = _review(client, market)  # two tabs, two keys: the idempotency key alone would not catch this
    client.post(f"/catalog/{market.product.pk}/buy/", {"idempotency_key": _key(first)})
    response = client.post(f"/catalog/{market.product.pk}/buy/", {"idempotency_key": _key(second)}, follow=True)
    assert Order.objects.filter(buyer=market.buyer).count() == 1
    assert wallet_balance(merchant=market.buyer) == WALLET_MICROS - 200_00 * 10_000
    assert "您已拥有该产品的 v1 版本" in response.content.decode()  # the account's language (Chinese by default)


def test_a_refunded_version_may_be_bought_again_and_credit_packs_add_up(market):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    order_refund(order=order, by=market.staff, reason="wrong product")
    again = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    assert again.pk != order.pk
    pack = plan(market.product, PricePlan.Kind.CREDITS, 1_000, credits=10)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=pack)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=pack)
    assert Order.objects.filter(buyer=market.buyer, terms__credits=10).count() == 2


def test_a_subscriber_is_told_until_when_and_not_sold_the_version_again(market, client):
    monthly = plan(market.product, PricePlan.Kind.MONTHLY, 5_000)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=monthly)
    client.force_login(market.buyer_user)
    page = _review(client, market)
    assert "You subscribe to this product until" in page and 'id="confirm-purchase"' not in page
    response = client.post("/api/v1/orders/", {"product_id": market.product.pk}, content_type="application/json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "already_subscribed"


@pytest.mark.postgres
def test_two_parallel_purchases_with_different_keys_take_the_money_once(postgres):
    market = market_create()
    barrier = threading.Barrier(8)
    outcomes = []
    lock = threading.Lock()

    def buy(n: int):
        try:
            barrier.wait(timeout=30)
            try:
                order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, idempotency_key=f"tab-{n}")
                outcome = "paid"
            except Exception as exc:  # noqa: BLE001 - the outcome is what is asserted
                outcome = getattr(exc, "code", repr(exc))
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert connection.vendor == "postgresql"
    assert sorted(outcomes) == ["already_owned"] * 7 + ["paid"]
    assert Order.objects.filter(buyer=market.buyer).count() == 1
    assert wallet_balance(merchant=market.buyer) == WALLET_MICROS - market.product.price_fen * 10_000
