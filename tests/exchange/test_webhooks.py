"""Webhooks: signed, delivered after commit, retried with backoff, replayable, never to the exchange's own network."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.exceptions import RoleForbidden
from accounts.models import Membership
from exchange.models import WebhookDelivery, WebhookEndpoint
from exchange.services.orders import order_place
from exchange.webhooks import (
    BACKOFF,
    MAX_ATTEMPTS,
    WebhookError,
    deliveries_due,
    delivery_replay,
    endpoint_create,
    endpoint_disable,
    event_publish,
    signature_header,
    signature_verify,
    url_check,
)

from ..factories import member_of
from .buyer_world import listed_dataset, market_create

pytestmark = pytest.mark.django_db


class Receiver:
    """A merchant's endpoint on this machine: records each POST, answers with the next status in `answers`."""

    def __init__(self):
        self.received: list[dict] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def market():
    return market_create()


def test_an_event_reaches_the_endpoint_signed_after_commit(market, receiver, django_capture_on_commit_callbacks):
    endpoint, secret = endpoint_create(merchant=market.buyer, url=receiver.url, events=["order.paid"], by=market.buyer_user)
    assert secret.startswith("whsec_")
    with connection.cursor() as cursor:  # the secret is encrypted at rest
        cursor.execute("SELECT secret FROM exchange_webhookendpoint WHERE id = %s", [endpoint.pk])
        assert secret not in cursor.fetchone()[0]

    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(buyer=market.buyer, product=market.product, by=market.buyer_user)
        assert receiver.received == []  # nothing leaves before the order is committed

    assert len(receiver.received) == 1
    message = receiver.received[0]
    body = json.loads(message["body"])
    assert body["type"] == "order.paid" and body["data"]["order"] == order.pk and body["data"]["amount_fen"] == 20_000
    assert message["headers"]["Exchange-Event-Id"] == body["id"]
    assert signature_verify(secret, message["body"], message["headers"]["Exchange-Signature"])
    assert not signature_verify("whsec_wrong", message["body"], message["headers"]["Exchange-Signature"])
    assert not signature_verify(secret, message["body"] + b" ", message["headers"]["Exchange-Signature"])
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED and delivery.attempts == 1


def test_an_old_signature_is_refused_by_the_reference_check():
    header = signature_header("whsec_x", b"{}", 1_000_000)
    assert signature_verify("whsec_x", b"{}", header, now=1_000_000 + 299)
    assert not signature_verify("whsec_x", b"{}", header, now=1_000_000 + 301)
    assert not signature_verify("whsec_x", b"{}", "garbage")


def test_a_rolled_back_change_sends_nothing(market, receiver):
    endpoint, _secret = endpoint_create(merchant=market.buyer, url=receiver.url, events=[], by=market.buyer_user)
    with pytest.raises(RuntimeError), transaction.atomic():
        event_publish(merchant=market.buyer, event_type="order.paid", data={"order": 1})
        raise RuntimeError("the order failed")
    assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()


def test_a_failing_endpoint_is_retried_with_backoff_then_given_up(market, receiver, django_capture_on_commit_callbacks):
    endpoint, _secret = endpoint_create(merchant=market.buyer, url=receiver.url, events=[], by=market.buyer_user)
    receiver.answers = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(merchant=market.buyer, event_type="topup.confirmed", data={"topup": 1})
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == WebhookDelivery.Status.PENDING and delivery.attempts == 1 and delivery.last_status_code == 500
    assert abs((delivery.next_attempt_at - delivery.last_attempt_at) - BACKOFF[0]) < timedelta(seconds=5)
    # not due yet: nothing is sent
    assert deliveries_due(now=timezone.now()) == 0
    later = timezone.now() + BACKOFF[0] + timedelta(seconds=1)
    assert deliveries_due(now=later) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.last_status_code == 503 and delivery.status == WebhookDelivery.Status.PENDING
    # the third try succeeds (the receiver answers 200 from now on)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    deliveries_due()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED and delivery.attempts == 3
    assert len(receiver.received) == 3 and len({json.loads(m["body"])["id"] for m in receiver.received}) == 1

    receiver.answers = [500] * MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(merchant=market.buyer, event_type="topup.confirmed", data={"topup": 2})
    failing = WebhookDelivery.objects.filter(endpoint=endpoint).exclude(pk=delivery.pk).get()
    for _ in range(MAX_ATTEMPTS):
        WebhookDelivery.objects.filter(pk=failing.pk).update(next_attempt_at=timezone.now())
        deliveries_due()
    failing.refresh_from_db()
    assert failing.status == WebhookDelivery.Status.FAILED and failing.attempts == MAX_ATTEMPTS


def test_a_delivery_whose_worker_died_is_sent_again(market, receiver):
    endpoint, _secret = endpoint_create(merchant=market.buyer, url=receiver.url, events=[], by=market.buyer_user)
    event_publish(merchant=market.buyer, event_type="order.paid", data={"order": 1})  # no commit hook: never sent
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.SENDING, last_attempt_at=timezone.now() - timedelta(minutes=6)
    )
    deliveries_due()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED and len(receiver.received) == 1


def test_replay_sends_the_same_event_again(market, receiver, django_capture_on_commit_callbacks):
    endpoint, secret = endpoint_create(merchant=market.buyer, url=receiver.url, events=[], by=market.buyer_user)
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(merchant=market.buyer, event_type="order.paid", data={"order": 7})
    first = WebhookDelivery.objects.get(endpoint=endpoint)
    with django_capture_on_commit_callbacks(execute=True):
        replay = delivery_replay(delivery=first, by=market.buyer_user)
    replay.refresh_from_db()
    assert replay.status == WebhookDelivery.Status.SUCCEEDED and replay.replay_of_id == first.pk
    bodies = [json.loads(m["body"]) for m in receiver.received]
    assert len(bodies) == 2 and bodies[0]["id"] == bodies[1]["id"] == first.event_id
    assert all(signature_verify(secret, m["body"], m["headers"]["Exchange-Signature"]) for m in receiver.received)


def test_only_subscribed_and_active_endpoints_get_an_event(market, receiver):
    wants_paid, _ = endpoint_create(merchant=market.buyer, url=receiver.url, events=["order.paid"], by=market.buyer_user)
    wants_all, _ = endpoint_create(merchant=market.buyer, url=receiver.url + "/all", events=[], by=market.buyer_user)
    disabled, _ = endpoint_create(merchant=market.buyer, url=receiver.url + "/off", events=[], by=market.buyer_user)
    endpoint_disable(endpoint=disabled, by=market.buyer_user)
    other, _ = endpoint_create(merchant=market.other, url=receiver.url, events=[], by=market.other_user)
    event_publish(merchant=market.buyer, event_type="topup.confirmed", data={})
    assert set(WebhookDelivery.objects.values_list("endpoint_id", flat=True)) == {wants_all.pk}


def test_bad_endpoints_are_refused_with_a_reason(market, settings):
    with pytest.raises(WebhookError):
        endpoint_create(merchant=market.buyer, url="ftp://example.com/x", events=[], by=market.buyer_user)
    with pytest.raises(WebhookError) as error:
        endpoint_create(merchant=market.buyer, url="https://example.com/x", events=["no.such"], by=market.buyer_user)
    assert error.value.code == "webhook_events"
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    # in production the exchange's own network (Redis, PostgreSQL, cloud metadata) is never a receiver
    for url in (
        "http://example.com/x",
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://169.254.169.254/latest",
        "https://[::1]/x",
    ):
        with pytest.raises(WebhookError) as error:
            url_check(url)
        assert error.value.code == "webhook_url"
    assert not WebhookEndpoint.objects.exists()


def test_an_endpoint_that_became_private_is_not_called(market, receiver, settings, django_capture_on_commit_callbacks):
    endpoint, _ = endpoint_create(merchant=market.buyer, url=receiver.url, events=[], by=market.buyer_user)
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(merchant=market.buyer, event_type="order.paid", data={})
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert receiver.received == [] and delivery.status == WebhookDelivery.Status.PENDING and delivery.last_error


def test_only_members_who_manage_keys_register_endpoints(market):
    member = member_of(market.buyer, role=Membership.Role.MEMBER)
    with pytest.raises(RoleForbidden):
        endpoint_create(merchant=market.buyer, url="https://example.com/x", events=[], by=member)


def test_the_console_shows_the_secret_once_and_the_delivery_log(client, market, receiver, django_capture_on_commit_callbacks):
    client.force_login(market.buyer_user)
    url = reverse("exchange:webhooks")
    created = client.post(url, {"url": receiver.url, "events": ["order.paid"]}, HTTP_ACCEPT_LANGUAGE="en")
    assert created.status_code == 200 and created["Cache-Control"] == "no-store"
    endpoint = WebhookEndpoint.objects.get(merchant=market.buyer)
    assert endpoint.secret in created.content.decode()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert endpoint.secret not in page and receiver.url in page and "添加端点" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:webhook", kwargs={"endpoint_id": endpoint.pk}), {"test": "1"})
    detail = client.get(reverse("exchange:webhook", kwargs={"endpoint_id": endpoint.pk}), HTTP_ACCEPT_LANGUAGE="en")
    assert "A test message sent from the console" in detail.content.decode() and "HTTP 200" in detail.content.decode()
    assert json.loads(receiver.received[0]["body"])["type"] == "webhook.test"

    bad = client.post(url, {"url": "not a url"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and 'value="not a url"' in bad.content.decode()
    # another organisation's endpoint does not exist for this one
    client.force_login(market.other_user)
    assert client.get(reverse("exchange:webhook", kwargs={"endpoint_id": endpoint.pk})).status_code == 404


def test_a_sale_event_carries_no_personal_data(market, receiver, django_capture_on_commit_callbacks):
    endpoint_create(merchant=market.provider, url=receiver.url, events=["sale.made"], by=market.provider_user)
    product = listed_dataset(market.provider, title="Another")
    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(buyer=market.buyer, product=product, by=market.buyer_user)
    body = json.loads(receiver.received[-1]["body"])
    assert body["type"] == "sale.made"
    assert body["data"] == {"order": order.pk, "product": product.pk, "version": 1, "amount_fen": 20_000, "currency": "CNY"}
    assert market.buyer_user.email not in receiver.received[-1]["body"].decode()
