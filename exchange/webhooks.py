"""Webhooks for merchants, as Stripe sends them.

An endpoint is an HTTPS URL a merchant registers in the console, with the event types it
wants; its signing secret is shown once. `event_publish` writes one delivery per endpoint in
the transaction of the change that caused the event (the deliveries table is the outbox),
and a worker POSTs it after commit. Every message is signed:

    Exchange-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>

A receiver recomputes the HMAC (`signature_verify` is the reference) and refuses messages
older than five minutes. A failed delivery is retried with growing waits for about three
days, then marked failed; the console shows every delivery and can send one again. Event
payloads carry ids, states and amounts, never a person's personal data.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Merchant, User
from accounts.roles import Capability, capability_require
from config.deferred import enqueue_on_commit
from config.errors import ApplicationError, NotFoundError

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

EVENT_TYPES = {
    "order.paid": gettext_lazy("An order was paid from the wallet"),
    "order.refunded": gettext_lazy("An order was refunded"),
    "sale.made": gettext_lazy("A product of yours was sold (settled)"),
    "version.ready": gettext_lazy("A product version finished building"),
    "version.failed": gettext_lazy("A product version failed to build"),
    "listing.approved": gettext_lazy("A listing was approved"),
    "listing.rejected": gettext_lazy("A listing was rejected"),
    "topup.confirmed": gettext_lazy("A wallet top-up was confirmed"),
    "payout.sent": gettext_lazy("A withdrawal was paid"),
    "purchase.consent_withdrawn": gettext_lazy("A person in a version you bought withdrew consent"),
    "invitation.accepted": gettext_lazy("A candidate accepted an invitation"),
    "invitation.declined": gettext_lazy("A candidate declined an invitation"),
    "invitation.expired": gettext_lazy("An invitation expired unanswered"),
    "invitation.cancelled": gettext_lazy("An invitation was cancelled"),
    "invitation.disclosure_withdrawn": gettext_lazy("A candidate withdrew the contact details they had shared"),
    "webhook.test": gettext_lazy("A test message sent from the console"),
}
# Waits before attempts 2, 3, …: about three days in all, as Stripe retries.
BACKOFF = [timedelta(seconds=s) for s in (60, 300, 1800, 7200, 18000, 36000, 86400, 86400)]
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT = (3.05, 10)
SIGNATURE_TOLERANCE = 300
STUCK_AFTER = timedelta(minutes=5)
MAX_ENDPOINTS = 10


class WebhookError(ApplicationError):
    code = "webhook_invalid"


def _allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", settings.DEBUG))


def _address_refusal(host: str) -> str | None:
    """Why the worker must not call `host`, or None. Private and loopback addresses are the
    exchange's own network (Redis, PostgreSQL, metadata services): never a merchant's receiver."""
    if _allow_private():
        return None
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return _("The host name could not be resolved.")
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return _("The address belongs to a private or reserved network.")
    return None


def url_check(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    schemes = ("https", "http") if _allow_private() else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise WebhookError(_("Enter a full https:// URL of your receiver."), code="webhook_url")
    if parts.username or parts.password:
        raise WebhookError(_("The URL must not carry a user name or password."), code="webhook_url")
    if len(url) > 500:
        raise WebhookError(_("The URL is longer than 500 characters."), code="webhook_url")
    refusal = _address_refusal(parts.hostname)
    if refusal:
        raise WebhookError(_("This URL cannot receive webhooks: %(reason)s") % {"reason": refusal}, code="webhook_url")
    return url


@transaction.atomic
def endpoint_create(*, merchant: Merchant, url: str, events: list[str], by: User) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it and its signing secret (shown once)."""
    capability_require(user=by, merchant=merchant, capability=Capability.MANAGE_KEYS)
    url = url_check(url)
    unknown = set(events) - set(EVENT_TYPES)
    if unknown:
        raise WebhookError(_("Unknown event types: %(types)s") % {"types": ", ".join(sorted(unknown))}, code="webhook_events")
    if WebhookEndpoint.objects.filter(merchant=merchant, disabled_at__isnull=True).count() >= MAX_ENDPOINTS:
        raise WebhookError(_("An organisation can have at most %(n)s endpoints.") % {"n": MAX_ENDPOINTS}, code="webhook_limit")
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint.objects.create(
        merchant=merchant, url=url, events=sorted(set(events)), secret=secret, created_by=by
    )
    return endpoint, secret


def endpoint_disable(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    capability_require(user=by, merchant=endpoint.merchant, capability=Capability.MANAGE_KEYS)
    if endpoint.disabled_at is None:
        endpoint.disabled_at = timezone.now()
        endpoint.save(update_fields=["disabled_at"])
        endpoint.deliveries.filter(status=WebhookDelivery.Status.PENDING).update(
            status=WebhookDelivery.Status.FAILED, last_error="endpoint disabled", next_attempt_at=None
        )
    return endpoint


def endpoint_of(*, merchant: Merchant, endpoint_id) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.filter(merchant=merchant, pk=endpoint_id).first() if endpoint_id else None
    if endpoint is None:
        raise NotFoundError(_("No such webhook endpoint."))
    return endpoint


def event_publish(*, merchant: Merchant | int, event_type: str, data: dict) -> list[WebhookDelivery]:
    """Queue the event for each of the merchant's endpoints that want it, in the caller's transaction."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event {event_type!r}")
    merchant_id = merchant if isinstance(merchant, int) else merchant.pk
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(merchant_id=merchant_id, disabled_at__isnull=True) if e.wants(event_type)
    ]
    if not endpoints:
        return []
    event_id = "evt_" + uuid.uuid4().hex
    payload = {"id": event_id, "type": event_type, "created": int(time.time()), "data": data}
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(endpoint=e, event_id=event_id, event_type=event_type, payload=payload, next_attempt_at=now)
            for e in endpoints
        ]
    )
    for delivery in deliveries:
        enqueue_on_commit(_deliver_task(), delivery.pk)
    return deliveries


def _deliver_task():
    from .tasks import webhook_deliver  # tasks import this module

    return webhook_deliver


def signature_header(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def signature_verify(secret: str, body: bytes, header: str, *, now: int | None = None) -> bool:
    """What a receiver does: the HMAC matches and the message is at most five minutes old."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (ValueError, KeyError):
        return False
    now = int(time.time()) if now is None else now
    if abs(now - timestamp) > SIGNATURE_TOLERANCE:
        return False
    expected = signature_header(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


def delivery_attempt(*, delivery_id: int, now=None) -> WebhookDelivery | None:
    """Send one delivery if it is due. The claim is one UPDATE, so two workers never send it twice at once."""
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now, endpoint__disabled_at__isnull=True
    ).update(status=WebhookDelivery.Status.SENDING, last_attempt_at=now)
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    status_code, error = None, ""
    refusal = _address_refusal(urlsplit(endpoint.url).hostname or "")
    if refusal:
        error = refusal
    else:
        try:
            response = requests.post(
                endpoint.url,
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": "DataExchange-Webhooks/1.0",
                    "Exchange-Event": delivery.event_type,
                    "Exchange-Event-Id": delivery.event_id,
                    "Exchange-Signature": signature_header(endpoint.secret, body, int(time.time())),
                },
                timeout=TIMEOUT,
                allow_redirects=False,
                stream=True,
            )
            status_code = response.status_code
            response.close()
        except requests.RequestException as exc:
            error = type(exc).__name__
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.last_error = error[:300]
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at", "next_attempt_at"])
    return delivery


def deliveries_due(*, now=None) -> int:
    """Beat: send what is due (retries, and what a broker outage held back); free deliveries whose worker died."""
    now = now or timezone.now()
    WebhookDelivery.objects.filter(status=WebhookDelivery.Status.SENDING, last_attempt_at__lte=now - STUCK_AFTER).update(
        status=WebhookDelivery.Status.PENDING, next_attempt_at=now
    )
    due = list(
        WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:200]
    )
    for delivery_id in due:
        delivery_attempt(delivery_id=delivery_id, now=now)
    return len(due)


@transaction.atomic
def delivery_replay(*, delivery: WebhookDelivery, by: User) -> WebhookDelivery:
    """Send an event again (same event id, so a receiver can tell it is the same event)."""
    endpoint = delivery.endpoint
    capability_require(user=by, merchant=endpoint.merchant, capability=Capability.MANAGE_KEYS)
    if endpoint.disabled_at is not None:
        raise WebhookError(_("This endpoint is disabled."), code="webhook_disabled")
    replay = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        payload=delivery.payload,
        next_attempt_at=timezone.now(),
        replay_of=delivery,
    )
    enqueue_on_commit(_deliver_task(), replay.pk)
    return replay


@transaction.atomic
def endpoint_test(*, endpoint: WebhookEndpoint, by: User) -> WebhookDelivery:
    """A `webhook.test` event to this endpoint only."""
    capability_require(user=by, merchant=endpoint.merchant, capability=Capability.MANAGE_KEYS)
    if endpoint.disabled_at is not None:
        raise WebhookError(_("This endpoint is disabled."), code="webhook_disabled")
    event_id = "evt_" + uuid.uuid4().hex
    payload = {"id": event_id, "type": "webhook.test", "created": int(time.time()), "data": {"endpoint": endpoint.pk}}
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_id=event_id, event_type="webhook.test", payload=payload, next_attempt_at=timezone.now()
    )
    enqueue_on_commit(_deliver_task(), delivery.pk)
    return delivery
