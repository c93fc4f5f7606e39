"""What the exchange tells people and programs when something they care about happens.

Each function is called inside the transaction of the change: it writes the portal
notifications (e-mailed in each reader's language after commit, accounts/notifications.py)
and the merchant's webhook deliveries (exchange/webhooks.py), so neither is ever sent for a
change that rolled back nor lost for one that committed. Payloads carry ids, states and
amounts only.
"""

from django.urls import reverse

from accounts.notifications import notify, notify_merchant
from accounts.roles import Capability
from payouts import money

from .webhooks import event_publish


def version_built(version) -> None:
    product = version.product
    ready = version.status == version.Status.READY
    params = {"title": product.title, "version": version.number}
    if not ready:
        params["reason"] = version.error or ""
    notify_merchant(
        merchant=product.provider,
        kind="build.succeeded" if ready else "build.failed",
        params=params,
        url=reverse("exchange:product_console", kwargs={"product_id": product.pk}),
        capability=Capability.MANAGE_PRODUCTS,
    )
    event_publish(
        merchant=product.provider_id,
        event_type="version.ready" if ready else "version.failed",
        data={"product": product.pk, "version": version.number, "status": version.status},
    )


def listing_reviewed(product) -> None:
    approved = product.status == product.Status.APPROVED
    params = {"title": product.title}
    if not approved:
        params["notes"] = product.review_notes
    notify_merchant(
        merchant=product.provider,
        kind="listing.approved" if approved else "listing.rejected",
        params=params,
        url=reverse("exchange:product_console", kwargs={"product_id": product.pk}),
        capability=Capability.MANAGE_PRODUCTS,
    )
    event_publish(
        merchant=product.provider_id,
        event_type="listing.approved" if approved else "listing.rejected",
        data={"product": product.pk, "status": product.status},
    )


def topup_confirmed(topup) -> None:
    micros = money.fen_to_micros(topup.amount_fen)
    notify_merchant(merchant=topup.merchant, kind="topup.confirmed", params={"amount": micros}, url=reverse("exchange:wallet"))
    event_publish(
        merchant=topup.merchant_id,
        event_type="topup.confirmed",
        data={"topup": topup.pk, "amount_fen": topup.amount_fen, "currency": "CNY"},
    )


def order_paid(order) -> None:
    event_publish(
        merchant=order.buyer_id,
        event_type="order.paid",
        data={
            "order": order.pk,
            "product": order.version.product_id,
            "version": order.version.number,
            "amount_fen": order.price_fen,
            "currency": "CNY",
        },
    )


def order_settled(order) -> None:
    product = order.version.product
    notify_merchant(
        merchant=product.provider,
        kind="sale.made",
        params={
            "title": product.title,
            "version": order.version.number,
            "order": order.pk,
            "amount": money.fen_to_micros(order.price_fen),
        },
        url=reverse("exchange:sales"),
    )
    event_publish(
        merchant=product.provider_id,
        event_type="sale.made",
        data={
            "order": order.pk,
            "product": product.pk,
            "version": order.version.number,
            "amount_fen": order.price_fen,
            "currency": "CNY",
        },
    )


def order_refunded(order) -> None:
    data = {"order": order.pk, "product": order.version.product_id, "amount_fen": order.price_fen, "currency": "CNY"}
    event_publish(merchant=order.buyer_id, event_type="order.refunded", data=data)


def payout_sent(withdrawal) -> None:
    params = {"amount": money.fen_to_micros(withdrawal.amount_fen)}
    if withdrawal.merchant_id:
        url = reverse("payouts:earnings", kwargs={"side": "merchant"})
        notify_merchant(
            merchant=withdrawal.merchant, kind="payout.sent", params=params, url=url, capability=Capability.MANAGE_PAYOUTS
        )
        event_publish(
            merchant=withdrawal.merchant_id,
            event_type="payout.sent",
            data={"withdrawal": withdrawal.pk, "amount_fen": withdrawal.amount_fen, "currency": "CNY"},
        )
    elif withdrawal.user_id:
        notify(users=[withdrawal.user], kind="payout.sent", params=params, url=reverse("payouts:earnings", kwargs={"side": "me"}))


def consent_withdrawn_for(orders) -> None:
    """Buyers holding a version a person left: told in the portal and by webhook (the notice mail is separate)."""
    for order in orders:
        version = order.version
        params = {"title": version.product.title, "version": version.number, "order": order.pk}
        notify_merchant(
            merchant=order.buyer,
            kind="purchase.consent_withdrawn",
            params=params,
            url=reverse("exchange:purchase", kwargs={"order_id": order.pk}),
            capability=Capability.DOWNLOAD,
        )
        event_publish(
            merchant=order.buyer_id,
            event_type="purchase.consent_withdrawn",
            data={"order": order.pk, "product": version.product_id, "version": version.number},
        )


# The employer's notice for each way an invitation ends (a cancellation by its reason); the candidate's,
# for the ways it closes without their answer (they left the pool themselves, so that one tells them nothing).
_EMPLOYER_KINDS = {
    "accepted": "invitation.accepted",
    "declined": "invitation.declined",
    "disclosure_withdrawn": "invitation.disclosure_withdrawn",
    "expired": "invitation.expired",
    "cancelled:employer": "invitation.cancelled",
    "cancelled:candidate_left": "invitation.cancelled_candidate_left",
    "cancelled:suspended": "invitation.cancelled_suspended",
}
_CANDIDATE_KINDS = {
    "expired": "invitation.expired_unanswered",
    "cancelled:employer": "invitation.withdrawn_by_employer",
    "cancelled:suspended": "invitation.cancelled_employer_suspended",
}


def invitation_answered(invitation, event: str, *, by=None, tell_candidate: bool = True) -> None:
    """accepted, declined, expired, cancelled or disclosure_withdrawn: the employer's members (but `by`, the
    member who cancelled), the candidate when it closed without their answer (unless `tell_candidate` is
    False: they were answering and are told on the spot), and the employer's webhook endpoints hear of it."""
    outcome = f"{event}:{invitation.cancel_reason}" if event == "cancelled" else event
    employer_kind = _EMPLOYER_KINDS.get(outcome)
    if employer_kind:
        notify_merchant(
            merchant=invitation.merchant,
            kind=employer_kind,
            params={"job": invitation.job_title},
            url=reverse("talent:sent"),
            except_user=by,
        )
    candidate_kind = _CANDIDATE_KINDS.get(outcome)
    if candidate_kind and tell_candidate and invitation.candidate_id is not None:
        notify(
            users=[invitation.candidate],
            kind=candidate_kind,
            params={"org": invitation.merchant.name, "job": invitation.job_title},
            url=reverse("talent:invitation", kwargs={"invitation_id": invitation.pk}),
        )
    event_publish(
        merchant=invitation.merchant_id,
        event_type=f"invitation.{event}",
        data={"invitation": invitation.pk, "candidate": invitation.handle, "status": invitation.status},
    )
