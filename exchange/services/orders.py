"""Buying, settling through the outbox, and delivering."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import RoleForbidden
from accounts.models import Merchant, User
from accounts.roles import Capability, capability_require
from config.deferred import BrokerUnavailable, enqueue_on_commit
from payouts import money
from payouts.exceptions import InsufficientFunds
from payouts.services import payment_refund, sale_settle, wallet_charge

from .. import events
from ..exceptions import AlreadyOwned, DeliveryDenied, IdempotencyKeyReused, LinkExpired, NotSellable, ObjectMissing, OrderError
from ..lock_objects import buyer_for_purchase, order_for_update, subscription_for_update
from ..models import (
    ApiKey,
    DataProduct,
    DownloadLog,
    Order,
    OrderRefund,
    OrderTerms,
    Outbox,
    PricePlan,
    ProductVersion,
    QueryCredit,
    Subscription,
    VersionMember,
)
from ..selectors import order_owning_version, version_members_for_sale
from .receipts import order_receipt_send

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
    if not product.provider.is_verified:
        raise NotSellable(_("This provider is not verified at the moment, so its products cannot be bought."))


def _check_consent(version: ProductVersion) -> None:
    withdrawn = VersionMember.objects.filter(version=version, grant__withdrawn_at__isnull=False).exists()
    if withdrawn:
        raise NotSellable(_("This version can no longer be sold: a member withdrew consent. A new version is being built."))


def _plan_for(*, product: DataProduct, buyer: Merchant, plan: PricePlan | None) -> PricePlan | None:
    if plan is None:
        return None
    if plan.product_id != product.pk or not plan.is_active:
        raise OrderError(_("This price plan is not offered for this product."), code="invalid_plan")
    if plan.private_buyer_id is not None and plan.private_buyer_id != buyer.pk:
        # Another buyer's private offer is reported as missing, never shown.
        raise ObjectMissing(_("No such price plan."))
    return plan


def order_fingerprint(*, product: DataProduct, plan: PricePlan | None) -> str:
    """What an order request asks for; the same idempotency key must always ask for the same."""
    return hashlib.sha256(f"product={product.pk};plan={plan.pk if plan else ''}".encode()).hexdigest()


def _replay(existing: Order, fingerprint: str) -> Order:
    terms = OrderTerms.objects.filter(order=existing).first()
    if terms is not None and terms.fingerprint and terms.fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            _("This Idempotency-Key was already used for a different order. Use a new key for a new order.")
        )
    return existing


@transaction.atomic
def order_place(
    *, buyer: Merchant, product: DataProduct, by: User, idempotency_key: str = "", plan: PricePlan | None = None
) -> Order:
    """Buy from the wallet: the current version (one-off), a subscription period or a pack of credits.

    The order, the wallet debit and the outbox record commit together; settlement
    follows in a task. With an idempotency key the same order comes back on a retry
    (even from a request running in parallel); the same key for another product or
    plan is refused.
    """
    fingerprint = order_fingerprint(product=product, plan=plan)
    if idempotency_key:
        existing = Order.objects.filter(buyer=buyer, idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replay(existing, fingerprint)
    if not product.is_listed:
        raise NotSellable(_("This product is not listed in the catalog."))
    _check_buyer(buyer, product)
    plan = _plan_for(product=product, buyer=buyer, plan=plan)
    version = version_current(product=product)
    if version is None:
        raise NotSellable(_("This product has no version on sale right now."))
    _check_consent(version)
    buyer_for_purchase(buyer.pk).get()  # held to commit: a parallel click waits here, then sees this order
    if idempotency_key:
        # A request with the same key may have committed while this one waited for the lock.
        existing = Order.objects.filter(buyer=buyer, idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replay(existing, fingerprint)
    _check_not_owned(buyer=buyer, product=product, version=version, plan=plan)
    price_fen = plan.price_fen if plan is not None else product.price_fen
    try:
        with transaction.atomic():
            order = Order.objects.create(
                buyer=buyer, version=version, price_fen=price_fen, placed_by=by, idempotency_key=idempotency_key
            )
    except IntegrityError:
        # A parallel request with the same key committed first: its order is the answer.
        return _replay(Order.objects.get(buyer=buyer, idempotency_key=idempotency_key), fingerprint)
    subscription = None
    credits = 0
    if plan is not None and plan.is_subscription:
        subscription = Subscription.objects.create(
            buyer=buyer, plan=plan, product=product, current_period_end=timezone.now() + _period(plan)
        )
    elif plan is not None and plan.kind == PricePlan.Kind.CREDITS:
        credits = plan.credits
        credit, _created = QueryCredit.objects.get_or_create(buyer=buyer, product=product)
        QueryCredit.objects.filter(pk=credit.pk).update(remaining=F("remaining") + credits)
    OrderTerms.objects.create(order=order, plan=plan, subscription=subscription, credits=credits, fingerprint=fingerprint)
    _charge_and_queue(order, product, by)
    transaction.on_commit(lambda: order_receipt_send(order_id=order.pk))
    return order


def _check_not_owned(*, buyer: Merchant, product: DataProduct, version: ProductVersion, plan: PricePlan | None) -> None:
    """Refuse to take money twice for the same thing. Credit packs add up and are never refused."""
    if plan is not None and plan.kind == PricePlan.Kind.CREDITS:
        return
    subscription = subscription_active_for(buyer=buyer, product=product)
    if subscription is not None:
        raise AlreadyOwned(
            _("You already subscribe to this product until %(end)s; every new version is included.")
            % {"end": f"{timezone.localtime(subscription.current_period_end):%Y-%m-%d}"},
            code="already_subscribed",
        )
    if plan is not None and plan.is_subscription:
        return
    owned = order_owning_version(buyer=buyer, version=version)
    if owned is not None:
        raise AlreadyOwned(
            _("You already own version v%(n)s of this product (order #%(order)s). Download it from your purchases.")
            % {"n": version.number, "order": owned.pk}
        )


def _charge_and_queue(order: Order, product: DataProduct, by: User | None) -> None:
    wallet_charge(
        merchant=order.buyer,
        amount_micros=money.fen_to_micros(order.price_fen),
        key=f"{order.reference}:purchase",
        reference=order.reference,
        memo={"product": product.title, "version": order.version.number},
        by=by,
    )
    message = Outbox.objects.create(topic=SETTLE_TOPIC, key=f"{order.reference}:settle", payload={"order_id": order.pk})
    events.order_paid(order)
    from ..tasks import settle_order

    enqueue_on_commit(settle_order, order.pk, on_sent=lambda: _outbox_sent(message.pk))
    _sales_count_add(product.pk, 1)


def _sales_count_add(product_id: int, delta: int) -> None:
    """The catalog's popularity counter; one short UPDATE late in the order's transaction."""
    DataProduct.objects.filter(pk=product_id).update(sales_count=Greatest(F("sales_count") + delta, Value(0)))


def _outbox_sent(message_id: int) -> None:
    """The broker took the message: the sweep leaves it alone for RESEND_AFTER_SECONDS."""
    Outbox.objects.filter(pk=message_id, processed_at__isnull=True).update(last_sent_at=timezone.now())


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
    members = version_members_for_sale(version=order.version, buyer=order.buyer)
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
    events.order_settled(order)
    return order


# A settlement sent this long ago and still not done is presumed lost (its worker died as a
# whole and its message is waiting out the broker's visibility timeout); until then it is
# running or queued, and a copy would only hold another worker on the order's row lock.
RESEND_AFTER_SECONDS = 15 * 60


def outbox_resend(*, older_than_seconds: int = 30, resend_after_seconds: int = RESEND_AFTER_SECONDS) -> int:
    """Re-send settlements whose task never ran (lost message, broker outage).

    Skips messages sent within `resend_after_seconds` (a long settlement is not
    sent again every minute). Stops at the first message the broker refuses: the
    rest stay in the outbox for the next sweep, so an outage costs a delay and
    never a settlement.
    """
    from ..tasks import settle_order

    now = timezone.now()
    cutoff = now - timedelta(seconds=older_than_seconds)
    pending = (
        Outbox.objects.filter(topic=SETTLE_TOPIC, processed_at__isnull=True, created_at__lte=cutoff)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - timedelta(seconds=resend_after_seconds)))
        .order_by("id")[:500]
    )
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


def order_for_buyer(*, order_id: int, merchant: Merchant) -> Order:
    """The buyer's own order; another merchant's order is reported as missing."""
    order = (
        Order.objects.select_related("version__product", "buyer", "terms__subscription")
        .filter(pk=order_id, buyer=merchant)
        .first()
    )
    if order is None:
        raise ObjectMissing(_("No such order."))
    return order


def _subscription_of(order: Order) -> Subscription | None:
    try:
        return order.terms.subscription
    except OrderTerms.DoesNotExist:
        return None


def _check_deliverable(order: Order, version: ProductVersion) -> None:
    if order.buyer.status == Merchant.Status.SUSPENDED:
        raise DeliveryDenied(_("Your organisation is suspended; downloads are unavailable until staff reinstate it."))
    if order.status == Order.Status.REFUNDED:
        raise DeliveryDenied(_("This order was refunded; its data may no longer be downloaded."))
    if version.pk != order.version_id:
        subscription = _subscription_of(order)
        if subscription is None or version.product_id != order.version.product_id:
            raise DeliveryDenied(_("This order does not include that version."))
        if subscription.status != Subscription.Status.ACTIVE or subscription.current_period_end <= timezone.now():
            raise DeliveryDenied(_("Your subscription is not active; renew it to receive new versions."))
    if version.status != ProductVersion.Status.READY:
        raise DeliveryDenied(
            _(
                "This version was withdrawn because a person in it withdrew consent. "
                "Delete any copy you hold; the new version is offered in its place."
            )
        )


def download_link_create(*, order: Order, by: User, version: ProductVersion | None = None, api_key: ApiKey | None = None) -> str:
    """A signed token for one order's file (a subscription's: any version while active), valid for a short time.

    The link works on its own, like a presigned URL: it names who made it (the member, and the API key
    if it was made with one), and `download_resolve` checks them again when it is used.
    """
    version = version or order.version
    _check_deliverable(order, version)
    capability_require(user=by, merchant=order.buyer, capability=Capability.DOWNLOAD)
    claims = {"order": order.pk, "merchant": order.buyer_id, "version": version.pk, "user": by.pk}
    if api_key is not None:
        claims["key"] = api_key.pk
    return signing.dumps(claims, salt=_DOWNLOAD_SALT, compress=True)


def download_resolve(*, token: str) -> Order:
    """Check a download token, re-check now that its maker may still download for the buyer, and log the download.

    Refused when the link expired, when its maker is no longer an active member of the buying organisation
    with the download capability, or when the API key it was made with has been revoked since.
    The version to deliver is `order.delivered_version` (a subscription's link may name a newer one).
    """
    max_age = settings.EXCHANGE["DOWNLOAD_LINK_SECONDS"]
    try:
        claims = signing.loads(token, salt=_DOWNLOAD_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired(_("This download link has expired. Create a new one from your purchases.")) from exc
    except signing.BadSignature as exc:
        raise DeliveryDenied(_("This download link is not valid.")) from exc
    if not isinstance(claims, dict) or not all(isinstance(claims.get(name), int) for name in ("order", "merchant", "user")):
        raise DeliveryDenied(_("This download link is not valid."))  # signed by an older release: make a new one
    merchant = Merchant.objects.filter(pk=claims["merchant"]).first()
    if merchant is None:
        raise DeliveryDenied(_("This download link is not valid."))
    order = order_for_buyer(order_id=claims["order"], merchant=merchant)
    version = order.version
    if claims.get("version") not in (None, version.pk):
        version = ProductVersion.objects.select_related("product").filter(pk=claims["version"]).first()
        if version is None:
            raise DeliveryDenied(_("This download link is not valid."))
    _check_deliverable(order, version)
    maker = User.objects.filter(pk=claims["user"]).first()
    try:
        capability_require(user=maker, merchant=merchant, capability=Capability.DOWNLOAD)
    except RoleForbidden as exc:
        raise DeliveryDenied(
            _("This download link no longer works: the person who made it may no longer download for %(name)s.")
            % {"name": merchant.name}
        ) from exc
    if (
        "key" in claims
        and not ApiKey.objects.filter(pk=claims["key"], merchant=merchant, created_by=maker, revoked_at__isnull=True).exists()
    ):
        raise DeliveryDenied(_("This download link no longer works: the API key it was made with has been revoked."))
    DownloadLog.objects.create(order=order, user=maker)
    order.delivered_version = version
    return order


# --- subscriptions ---------------------------------------------------------------------------------


def _period(plan: PricePlan) -> timedelta:
    return timedelta(days=365) if plan.kind == PricePlan.Kind.YEARLY else timedelta(days=30)


def subscription_active_for(*, buyer: Merchant, product: DataProduct) -> Subscription | None:
    return Subscription.objects.filter(buyer=buyer, product=product, status=Subscription.Status.ACTIVE).first()


def subscription_cancel(*, subscription: Subscription, by: User) -> Subscription:
    """Cancel at the end of the paid period: access continues until then, nothing more is charged."""
    Subscription.objects.filter(pk=subscription.pk, status=Subscription.Status.ACTIVE).update(cancel_at_period_end=True)
    subscription.refresh_from_db()
    return subscription


@transaction.atomic
def subscription_renew(*, subscription_id: int, now=None) -> Subscription:
    """Renew one due subscription from the wallet, or end it. Safe to run twice: one order per period."""
    now = now or timezone.now()
    subscription = subscription_for_update(subscription_id).select_related("plan", "product__provider", "buyer").get()
    if subscription.status != Subscription.Status.ACTIVE or subscription.current_period_end > now:
        return subscription
    if subscription.cancel_at_period_end or not subscription.plan.is_active or subscription.buyer.is_suspended:
        subscription.status = Subscription.Status.CANCELLED if subscription.cancel_at_period_end else Subscription.Status.ENDED
        subscription.save(update_fields=["status"])
        return subscription
    product = subscription.product
    version = version_current(product=product)
    period_key = f"subscription:{subscription.pk}:{subscription.current_period_end:%Y%m%d%H%M%S}"
    try:
        if version is None or not product.is_listed or not product.provider.is_verified:
            raise NotSellable(_("The product has no version on sale right now."))
        with transaction.atomic():
            order = Order.objects.create(
                buyer=subscription.buyer,
                version=version,
                price_fen=subscription.plan.price_fen,
                placed_by=subscription.orders.order_by("id").first().order.placed_by,
                idempotency_key=period_key,
            )
            OrderTerms.objects.create(order=order, plan=subscription.plan, subscription=subscription, fingerprint="")
            _charge_and_queue(order, product, None)
    except IntegrityError:
        return subscription  # this period was renewed already
    except (InsufficientFunds, NotSellable) as exc:
        subscription.status = Subscription.Status.PAST_DUE
        subscription.renewal_error = str(
            _("Renewal failed: %(reason)s Top up your wallet and subscribe again.") % {"reason": exc.message}
        )
        subscription.save(update_fields=["status", "renewal_error"])
        return subscription
    subscription.current_period_end = subscription.current_period_end + _period(subscription.plan)
    subscription.renewal_error = ""
    subscription.save(update_fields=["current_period_end", "renewal_error"])
    return subscription


def subscriptions_renew_due(*, now=None, limit: int = 500) -> int:
    """The beat job: renew (or end) every subscription whose period has ended."""
    now = now or timezone.now()
    due = list(
        Subscription.objects.filter(status=Subscription.Status.ACTIVE, current_period_end__lte=now)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for subscription_id in due:
        subscription_renew(subscription_id=subscription_id, now=now)
    return len(due)


# --- query credits --------------------------------------------------------------------------------


def query_credit_spend(*, buyer: Merchant, product: DataProduct, credits: int = 1) -> int:
    """Take `credits` from the buyer's balance for a query service; returns what is left.

    One conditional UPDATE: two queries racing for the last credit cannot both get it.
    """
    if credits < 1:
        raise OrderError(_("A query costs at least one credit."), code="invalid_credits")
    taken = QueryCredit.objects.filter(buyer=buyer, product=product, remaining__gte=credits).update(
        remaining=F("remaining") - credits
    )
    if not taken:
        raise OrderError(_("No query credits left for this product. Buy a credit pack to run more queries."), code="no_credits")
    return QueryCredit.objects.get(buyer=buyer, product=product).remaining


# --- refunds ---------------------------------------------------------------------------------------


@transaction.atomic
def order_refund(*, order: Order, by: User, reason: str, now=None) -> Order:
    """Staff refund an order to the buyer's wallet, with a reason; access ends at once.

    Before settlement the payment is reversed and settlement will post nothing;
    inside the refund window the sale is reversed too, every share included; after
    it the exchange and the provider bear the refund and the jobseekers keep their
    shares (DESIGN §4). A second refund of the same order is refused and changes nothing.
    """
    if not by.is_staff:
        raise OrderError(_("Only exchange staff can refund orders."), code="not_allowed")
    if not reason.strip():
        raise OrderError(_("A refund needs a reason."), code="reason_required")
    order = order_for_update(order.pk).get()
    if order.status == Order.Status.REFUNDED:
        raise OrderError(_("Order #%(id)s was already refunded.") % {"id": order.pk}, code="already_refunded")
    # Lock order (payouts/lock_objects.py): the subscription and the credits before the ledger's rows.
    terms = OrderTerms.objects.filter(order=order).first()
    if terms is not None and terms.subscription_id:
        Subscription.objects.filter(pk=terms.subscription_id).update(status=Subscription.Status.ENDED)
    if terms is not None and terms.credits:
        QueryCredit.objects.filter(buyer_id=order.buyer_id, product_id=order.version.product_id).update(
            remaining=Greatest(F("remaining") - terms.credits, Value(0))
        )
    payment_refund(
        reference=order.reference,
        purchase_key=f"{order.reference}:purchase",
        sale_key=f"{order.reference}:sale",
        reason=reason.strip(),
        by=by,
        now=now,
    )
    order.status = Order.Status.REFUNDED
    order.save(update_fields=["status"])
    _sales_count_add(order.version.product_id, -1)
    OrderRefund.objects.create(order=order, by=by, reason=reason.strip())
    events.order_refunded(order)
    return order
