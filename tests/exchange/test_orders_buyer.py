"""Orders are exactly-once; plans, subscriptions, credits, refunds and the links that deliver."""

import threading
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection, connections
from django.utils import timezone, translation
from rest_framework.test import APIClient

from accounts.services import merchant_suspend
from exchange.exceptions import AlreadyOwned, DeliveryDenied, LinkExpired, NotSellable, ObjectMissing, OrderError
from exchange.models import ApiIdempotency, DownloadLog, Order, OrderRefund, PricePlan, ProductVersion, QueryCredit, Subscription
from exchange.services.api_keys import api_key_create
from exchange.services.orders import (
    download_link_create,
    download_resolve,
    order_for_buyer,
    order_place,
    order_refund,
    query_credit_spend,
    subscription_cancel,
    subscriptions_renew_due,
)
from payouts.selectors import wallet_balance

from .buyer_world import listed_dataset, market_create, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return market_create()


def api_for(merchant, user) -> APIClient:
    _key, secret = api_key_create(merchant=merchant, name="tests", by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


# -- idempotency --------------------------------------------------------------------------------------


def test_same_key_same_body_replays_the_first_response_and_charges_once(market):
    api = api_for(market.buyer, market.buyer_user)
    before = wallet_balance(merchant=market.buyer)
    first = api.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Order.objects.filter(buyer=market.buyer).count() == 1
    assert before - wallet_balance(merchant=market.buyer) == market.product.price_fen * 10_000


def test_same_key_other_body_is_refused_and_places_nothing(market):
    api = api_for(market.buyer, market.buyer_user)
    other = listed_dataset(market.provider, title="Another dataset")
    api.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    response = api.post("/api/v1/orders/", {"product_id": other.pk}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Order.objects.filter(buyer=market.buyer).count() == 1


def test_the_service_refuses_a_reused_key_for_another_plan(market):
    monthly = plan(market.product, PricePlan.Kind.MONTHLY, 5_000)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, idempotency_key="web-1")
    with pytest.raises(Exception) as error:
        order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, idempotency_key="web-1", plan=monthly)
    assert error.value.code == "idempotency_key_reused"


def test_keys_are_per_merchant(market):
    mine = api_for(market.buyer, market.buyer_user)
    theirs = api_for(market.other, market.other_user)
    a = mine.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    b = theirs.post("/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


def test_the_web_form_resubmitted_places_one_order(market, client):
    client.force_login(market.buyer_user)
    page = client.get(f"/catalog/{market.product.pk}/buy/").content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    for _ in range(3):
        client.post(f"/catalog/{market.product.pk}/buy/", {"idempotency_key": key})
    assert Order.objects.filter(buyer=market.buyer).count() == 1
    # the button disables itself through static/js/exchange.js (no inline script under the CSP)
    assert "this.disabled" not in page and "data-submit-once" in page


@pytest.mark.postgres
def test_fifty_parallel_identical_requests_create_exactly_one_order(postgres):
    market = market_create()
    _key, secret = api_key_create(merchant=market.buyer, name="race", by=market.buyer_user)
    barrier = threading.Barrier(50)
    statuses, bodies = [], []
    lock = threading.Lock()

    def place():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
        try:
            barrier.wait(timeout=30)
            response = client.post(
                "/api/v1/orders/", {"product_id": market.product.pk}, format="json", HTTP_IDEMPOTENCY_KEY="race-1"
            )
            with lock:
                statuses.append(response.status_code)
                bodies.append(response.json())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=place) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert connection.vendor == "postgresql"
    assert statuses == [201] * 50
    assert len({body["id"] for body in bodies}) == 1
    assert Order.objects.filter(buyer=market.buyer).count() == 1
    assert ApiIdempotency.objects.filter(merchant=market.buyer).count() == 1
    assert 1_000_000 * 10_000 - wallet_balance(merchant=market.buyer) == market.product.price_fen * 10_000


# -- plans ---------------------------------------------------------------------------------------------


def test_private_offer_is_for_its_buyer_only(market):
    offer = plan(market.product, PricePlan.Kind.ONE_OFF, 9_900, private_buyer=market.buyer)
    theirs = api_for(market.other, market.other_user)
    assert all(p["id"] != offer.pk for p in theirs.get(f"/api/v1/products/{market.product.pk}/").json()["plans"])
    refused = theirs.post("/api/v1/orders/", {"product_id": market.product.pk, "plan_id": offer.pk}, format="json")
    assert refused.status_code == 404
    mine = api_for(market.buyer, market.buyer_user)
    assert any(p["id"] == offer.pk for p in mine.get(f"/api/v1/products/{market.product.pk}/").json()["plans"])
    placed = mine.post("/api/v1/orders/", {"product_id": market.product.pk, "plan_id": offer.pk}, format="json")
    assert placed.status_code == 201 and placed.json()["price_fen"] == 9_900
    with pytest.raises(ObjectMissing):
        order_place(buyer=market.other, product=market.product, by=market.other_user, plan=offer)


def test_query_credits_add_up_and_are_taken_back_on_refund(market):
    pack = plan(market.product, PricePlan.Kind.CREDITS, 3_000, credits=100)
    first = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=pack)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=pack)
    assert QueryCredit.objects.get(buyer=market.buyer).remaining == 200
    order_refund(order=first, by=market.staff, reason="Bought twice by mistake")
    assert QueryCredit.objects.get(buyer=market.buyer).remaining == 100


def test_subscription_gives_new_versions_renews_from_the_wallet_and_stops_when_it_cannot_pay(market):
    monthly = plan(market.product, PricePlan.Kind.MONTHLY, 50_000)
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=monthly)
    subscription = Subscription.objects.get(buyer=market.buyer)
    with pytest.raises(AlreadyOwned):
        order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=monthly)
    # A new version appears: the subscriber may download it through the same order.
    newer = ProductVersion.objects.create(
        product=market.product, number=2, status=ProductVersion.Status.READY, artefact=order.version.artefact.name
    )
    token = download_link_create(order=order, by=market.buyer_user, version=newer)
    assert download_resolve(token=token).delivered_version == newer
    # The period ends: the beat job renews it once, however often it runs.
    later = subscription.current_period_end + timedelta(minutes=1)
    assert subscriptions_renew_due(now=later) == 1
    assert subscriptions_renew_due(now=later) == 0
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
    assert Order.objects.filter(buyer=market.buyer, terms__subscription=subscription).count() == 2
    # Next period: the wallet is too low, so it is past due with a message that says what to do.
    Subscription.objects.filter(pk=subscription.pk).update(plan=monthly)
    PricePlan.objects.filter(pk=monthly.pk).update(price_fen=10**9)
    with translation.override("en"):
        subscriptions_renew_due(now=subscription.current_period_end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PAST_DUE
    assert "Top up your wallet" in subscription.renewal_error
    with pytest.raises(DeliveryDenied):
        download_link_create(order=order_for_buyer(order_id=order.pk, merchant=market.buyer), by=market.buyer_user, version=newer)


def test_a_cancelled_subscription_runs_to_the_end_of_the_period_and_is_not_charged_again(market):
    yearly = plan(market.product, PricePlan.Kind.YEARLY, 400_000)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=yearly)
    subscription = Subscription.objects.get(buyer=market.buyer)
    subscription_cancel(subscription=subscription, by=market.buyer_user)
    subscriptions_renew_due(now=subscription.current_period_end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert Order.objects.filter(buyer=market.buyer).count() == 1


# -- delivery ------------------------------------------------------------------------------------------


def test_download_link_works_on_its_own_is_logged_as_its_maker_and_expires(market, client, settings):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    token = download_link_create(order=order, by=market.buyer_user)
    # Like a presigned URL: no session, no API key header.
    response = client.get(f"/download/{token}/")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv" and response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content).startswith(b"district,road_km")
    assert list(DownloadLog.objects.filter(order=order).values_list("user", flat=True)) == [market.buyer_user.pk]
    settings.EXCHANGE = {**settings.EXCHANGE, "DOWNLOAD_LINK_SECONDS": 0}
    import time

    time.sleep(1.1)
    with pytest.raises(LinkExpired):
        download_resolve(token=token)
    expired = client.get(f"/download/{token}/")
    assert expired.status_code == 410 and expired.json()["error"]["code"] == "link_expired"
    assert DownloadLog.objects.filter(order=order).count() == 1


def test_forged_links_are_rejected(market, client):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    token = download_link_create(order=order, by=market.buyer_user)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client.get(f"/download/{tampered}/").status_code == 403
    forged = signing.dumps({"order": order.pk, "merchant": market.buyer.pk, "user": market.buyer_user.pk}, salt="another.salt")
    assert client.get(f"/download/{forged}/").status_code == 403
    # Even a correctly signed link is bound to its buyer: one naming a maker outside the organisation is refused.
    stranger = signing.dumps(
        {"order": order.pk, "merchant": market.buyer.pk, "version": order.version_id, "user": market.other_user.pk},
        salt="exchange.download",
        compress=True,
    )
    refused = client.get(f"/download/{stranger}/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403 and "no longer works" in refused.json()["error"]["message"]
    # A link without a maker (as signed before links named theirs) is not valid.
    anonymous = signing.dumps({"order": order.pk, "merchant": market.buyer.pk}, salt="exchange.download", compress=True)
    assert client.get(f"/download/{anonymous}/").status_code == 403
    assert DownloadLog.objects.count() == 0


def test_a_link_stops_working_when_its_maker_may_no_longer_download(market, client):
    from accounts.models import Membership
    from accounts.services import membership_remove, membership_role_change

    from ..factories import member_of

    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    colleague, leaver = member_of(market.buyer), member_of(market.buyer)
    demoted_link = download_link_create(order=order, by=colleague)
    leaver_link = download_link_create(order=order, by=leaver)
    membership_role_change(membership=Membership.objects.get(user=colleague), role=Membership.Role.VIEWER, by=market.buyer_user)
    membership_remove(membership=Membership.objects.get(user=leaver), by=market.buyer_user)
    for token in (demoted_link, leaver_link):
        with translation.override("zh-hans"), pytest.raises(DeliveryDenied) as refused:
            download_resolve(token=token)
        assert "下载链接已失效" in refused.value.message
        assert client.get(f"/download/{token}/").status_code == 403
    # The owner's own link is untouched by what happened to the others.
    assert client.get(f"/download/{download_link_create(order=order, by=market.buyer_user)}/").status_code == 200
    assert list(DownloadLog.objects.values_list("user", flat=True)) == [market.buyer_user.pk]


def test_refund_ends_access_records_who_and_why_and_is_refused_twice(market, settings):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    token = download_link_create(order=order, by=market.buyer_user)
    with pytest.raises(OrderError):
        order_refund(order=order, by=market.buyer_user, reason="I am not staff")
    order_refund(order=order, by=market.staff, reason="Data did not match the description")
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert OrderRefund.objects.get(order=order).by == market.staff
    with pytest.raises(DeliveryDenied):
        download_resolve(token=token)
    with pytest.raises(OrderError) as again:
        order_refund(order=order, by=market.staff, reason="twice")
    assert again.value.code == "already_refunded"
    # After the refund window a refund still goes through: the exchange and the provider
    # bear it and the jobseekers keep their shares (tests/payouts/test_refunds.py proves the ledger side).
    old = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    Order.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.EXCHANGE["REFUND_WINDOW_DAYS"] + 1)
    )
    order_refund(order=old, by=market.staff, reason="late, but the data was wrong")
    old.refresh_from_db()
    assert old.status == Order.Status.REFUNDED


def test_a_version_withdrawn_after_consent_withdrawal_is_no_longer_delivered(market):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    ProductVersion.objects.filter(pk=order.version_id).update(status=ProductVersion.Status.WITHDRAWN)
    order.refresh_from_db()
    with pytest.raises(DeliveryDenied):
        download_link_create(order=order, by=market.buyer_user)


def test_staff_refund_in_the_admin_asks_for_a_reason(market, client):
    order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
    client.force_login(market.staff)
    asked = client.post("/admin/exchange/order/", {"action": "refund", "_selected_action": [order.pk]})
    assert asked.status_code == 200 and b"reason" in asked.content
    client.post("/admin/exchange/order/", {"action": "refund", "_selected_action": [order.pk], "reason": "Duplicate purchase"})
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert OrderRefund.objects.get(order=order).reason == "Duplicate purchase"


def test_query_credits_are_spent_one_query_at_a_time_and_run_out_cleanly(market):
    pack = plan(market.product, PricePlan.Kind.CREDITS, 3_000, credits=2)
    order_place(buyer=market.buyer, product=market.product, by=market.buyer_user, plan=pack)
    assert query_credit_spend(buyer=market.buyer, product=market.product) == 1
    assert query_credit_spend(buyer=market.buyer, product=market.product) == 0
    with pytest.raises(OrderError) as error:
        query_credit_spend(buyer=market.buyer, product=market.product)
    assert error.value.code == "no_credits"
    assert QueryCredit.objects.get(buyer=market.buyer).remaining == 0


def test_a_suspended_merchants_api_keys_stop_working(market):
    api = api_for(market.buyer, market.buyer_user)
    assert api.get("/api/v1/wallet/").status_code == 200
    merchant_suspend(merchant=market.buyer, by=market.staff, reason="Unpaid fees")
    response = api.get("/api/v1/wallet/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_products_of_an_unverified_or_suspended_provider_leave_the_catalog_and_cannot_be_bought(market, client):
    merchant_suspend(merchant=market.provider, by=market.staff, reason="Licence withdrawn")
    api = api_for(market.buyer, market.buyer_user)
    assert api.get("/api/v1/products/").json()["count"] == 0
    assert client.get(f"/catalog/{market.product.pk}/").status_code == 404
    market.product.provider.refresh_from_db()
    with pytest.raises(NotSellable):
        order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
