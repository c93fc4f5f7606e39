"""Buying, settling through the outbox, and delivering."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Merchant, User
from payouts import money
from payouts.services import payment_refund, sale_settle, wallet_charge

from ..deferred import BrokerUnavailable, enqueue_on_commit
from ..exceptions import DeliveryDenied, LinkExpired, NotSellable, ObjectMissing, OrderError
from ..lock_objects import order_for_update
from ..models import DataProduct, DownloadLog, Order, Outbox, ProductVersion, VersionMember

SETTLE_TOPIC = "order.settle"
_DOWNLOAD_SALT = "exchange.download"
logger = logging.getLogger(__name__)


def version_current(*, product: DataProduct) -> ProductVersion | None:
    return product.versions.filter(status=ProductVersion.Status.READY).order_by("-number").first()


def _check_buyer(buyer: Merchant, product: DataProduct) -> None:
    if buyer.status == Merchant.Status.SUSPENDED:
        raise OrderError(_("Your organisation is suspended and cannot buy."), code="buyer_suspended")
    if product.is_personal and not buyer.is_verified:
        raise OrderError(
            _("Only verified merchants may buy products made from personal data. Complete verification first."),
            code="buyer_unverified",
        )
    if buyer.pk == product.provider_id:
        raise OrderError(_("You cannot buy your own product."), code="own_product")


def _check_consent(version: ProductVersion) -> None:
    withdrawn = VersionMember.objects.filter(version=version, grant__withdrawn_at__isnull=False).exists()
    if withdrawn:
        raise NotSellable(_("This version can no longer be sold: a member withdrew consent. A new version is being built."))


@transaction.atomic
def order_place(*, buyer: Merchant, product: DataProduct, by: User, idempotency_key: str = "") -> Order:
    """Buy the product's current version from the wallet.

    The order, the wallet debit and the outbox record commit together; settlement
    follows in a task. With an idempotency key the same order comes back on a retry.
    """
    if idempotency_key:
        existing = Order.objects.filter(buyer=buyer, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if not product.is_listed:
        raise NotSellable(_("This product is not listed in the catalog."))
    _check_buyer(buyer, product)
    version = version_current(product=product)
    if version is None:
        raise NotSellable(_("This product has no version on sale right now."))
    _check_consent(version)
    try:
        with transaction.atomic():
            order = Order.objects.create(
                buyer=buyer, version=version, price_fen=product.price_fen, placed_by=by, idempotency_key=idempotency_key
            )
    except IntegrityError:
        return Order.objects.get(buyer=buyer, idempotency_key=idempotency_key)
    wallet_charge(
        merchant=buyer,
        amount_micros=money.fen_to_micros(order.price_fen),
        key=f"{order.reference}:purchase",
        reference=order.reference,
        memo={"product": product.title, "version": version.number},
        by=by,
    )
    Outbox.objects.create(topic=SETTLE_TOPIC, key=f"{order.reference}:settle", payload={"order_id": order.pk})
    from ..tasks import settle_order

    enqueue_on_commit(settle_order, order.pk)
    return order


@transaction.atomic
def order_settle(*, order_id: int) -> Order:
    """Split the order's price in the ledger. Safe to run any number of times."""
    order = order_for_update(order_id).select_related("version__product__provider", "buyer").get()
    outbox = Outbox.objects.filter(key=f"{order.reference}:settle")
    if order.status != Order.Status.PAID:
        outbox.filter(processed_at__isnull=True).update(processed_at=timezone.now())
        return order
    product = order.version.product
    exchange_rules = settings.EXCHANGE
    commission_bps = product.commission_bps if product.commission_bps is not None else exchange_rules["COMMISSION_BPS"]
    if product.is_personal:
        pool_bps = product.pool_bps if product.pool_bps is not None else exchange_rules["SUBJECT_POOL_BPS"]
    else:
        pool_bps = 0
    members = VersionMember.objects.filter(version=order.version, user__isnull=False).values_list("user_id", "weight")
    sale_settle(
        key=f"{order.reference}:sale",
        reference=order.reference,
        memo={
            "product": product.title,
            "product_id": product.pk,
            "version": order.version.number,
            "buyer": order.buyer.name,
            "buyer_industry": order.buyer.industry,
            "order_id": order.pk,
        },
        amount_micros=money.fen_to_micros(order.price_fen),
        provider=product.provider,
        commission_bps=commission_bps,
        pool_bps=pool_bps,
        members=members,
        salt=order.reference,
    )
    order.status = Order.Status.SETTLED
    order.settled_at = timezone.now()
    order.save(update_fields=["status", "settled_at"])
    outbox.update(processed_at=timezone.now())
    return order


def outbox_resend(*, older_than_seconds: int = 30) -> int:
    """Re-send settlements whose task never ran (lost message, broker outage).

    Stops at the first message the broker refuses: the rest stay in the outbox for
    the next sweep, so an outage costs a delay and never a settlement.
    """
    from ..tasks import settle_order

    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    pending = Outbox.objects.filter(topic=SETTLE_TOPIC, processed_at__isnull=True, created_at__lte=cutoff).order_by("id")[:500]
    sent = 0
    for message in pending:
        try:
            settle_order.apply_async(args=[message.payload["order_id"]], retry=False)
        except BrokerUnavailable:
            logger.warning("Broker unavailable; %s left in the outbox for the next sweep", message.key)
            break
        Outbox.objects.filter(pk=message.pk).update(attempts=F("attempts") + 1, last_sent_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def order_refund(*, order_id: int, reason: str, by: User | None) -> Order:
    """Refund an order to the buyer's wallet, with a reason. Safe to call twice.

    Before settlement the payment is reversed and settlement will post nothing;
    inside the refund window the sale is reversed too; after it the exchange and
    the provider bear the refund and the jobseekers keep their shares (DESIGN §4).
    """
    order = order_for_update(order_id).get()
    if order.status == Order.Status.REFUNDED:
        return order
    payment_refund(
        reference=order.reference,
        purchase_key=f"{order.reference}:purchase",
        sale_key=f"{order.reference}:sale",
        reason=reason,
        by=by,
    )
    order.status = Order.Status.REFUNDED
    order.save(update_fields=["status"])
    return order


def order_for_buyer(*, order_id: int, merchant: Merchant) -> Order:
    """The buyer's own order; another merchant's order is reported as missing."""
    order = Order.objects.select_related("version__product").filter(pk=order_id, buyer=merchant).first()
    if order is None:
        raise ObjectMissing(_("No such order."))
    return order


def _check_deliverable(order: Order) -> None:
    if order.status == Order.Status.REFUNDED:
        raise DeliveryDenied(_("This order was refunded; its data may no longer be downloaded."))
    if order.version.status != ProductVersion.Status.READY:
        raise DeliveryDenied(
            _(
                "This version was withdrawn because a person in it withdrew consent. "
                "Delete any copy you hold; the new version is offered in its place."
            )
        )


def download_link_create(*, order: Order, by: User) -> str:
    """A signed token for one order's file, valid for a short time."""
    _check_deliverable(order)
    return signing.dumps({"order": order.pk, "merchant": order.buyer_id}, salt=_DOWNLOAD_SALT, compress=True)


def download_resolve(*, token: str, merchant: Merchant, by: User) -> Order:
    """Check a download token for this merchant and log the download."""
    max_age = settings.EXCHANGE["DOWNLOAD_LINK_SECONDS"]
    try:
        claims = signing.loads(token, salt=_DOWNLOAD_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired(_("This download link has expired. Create a new one from your purchases.")) from exc
    except signing.BadSignature as exc:
        raise DeliveryDenied(_("This download link is not valid.")) from exc
    if claims.get("merchant") != merchant.pk:
        raise DeliveryDenied(_("This download link belongs to another organisation."))
    order = order_for_buyer(order_id=claims["order"], merchant=merchant)
    _check_deliverable(order)
    DownloadLog.objects.create(order=order, user=by)
    return order
