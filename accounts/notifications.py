"""Notifications: in the person's portal and by e-mail, each in the person's own language.

A notification is a `kind` and its `params`; the sentence is written when it is read
(`notification_text`), so it follows the reader's language. Rows are written in the
transaction of the change that caused them, and the e-mail leaves after commit
(a beat sweep sends what a broker outage held back).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.deferred import enqueue_on_commit

from .lock_objects import notification_unmailed_for_update
from .models import Membership, Merchant, Notification, User
from .roles import Capability, role_can

logger = logging.getLogger(__name__)

# kind → the sentence; amounts in params are micros (shown with the one money formatter).
KINDS = {
    "build.succeeded": gettext_lazy("Version v%(version)s of “%(title)s” is built and ready."),
    "build.failed": gettext_lazy("The build of “%(title)s” v%(version)s failed: %(reason)s"),
    "listing.approved": gettext_lazy("“%(title)s” was approved and is listed in the catalog."),
    "listing.rejected": gettext_lazy("“%(title)s” was not approved. Staff notes: %(notes)s"),
    "topup.confirmed": gettext_lazy("Your top-up of %(amount)s was confirmed and is in the wallet."),
    "sale.made": gettext_lazy("“%(title)s” v%(version)s was sold for %(amount)s (order #%(order)s)."),
    "payout.sent": gettext_lazy("Your withdrawal of %(amount)s was paid to your account."),
    "purchase.consent_withdrawn": gettext_lazy(
        "A person in “%(title)s” v%(version)s (order #%(order)s) withdrew consent: delete every copy you hold; "
        "a version without them is being built."
    ),
    "invitation.accepted": gettext_lazy(
        "A candidate accepted your invitation for “%(job)s”: their contact details are in Talent."
    ),
    "invitation.declined": gettext_lazy("A candidate declined your invitation for “%(job)s”; the fee is back in your wallet."),
    "invitation.disclosure_withdrawn": gettext_lazy(
        "A candidate you invited for “%(job)s” withdrew their consent: delete the contact details you hold."
    ),
    "invitation.expired": gettext_lazy("Your invitation for “%(job)s” expired unanswered; the fee is back in your wallet."),
    "invitation.cancelled": gettext_lazy("Your invitation for “%(job)s” was cancelled; the fee is back in your wallet."),
    "invitation.cancelled_candidate_left": gettext_lazy(
        "The candidate you invited for “%(job)s” left the talent pool: the invitation is cancelled and the fee is back "
        "in your wallet."
    ),
    "invitation.cancelled_suspended": gettext_lazy(
        "Your invitation for “%(job)s” was cancelled because the exchange suspended your organisation; the fee is "
        "back in your wallet."
    ),
    # Told to the candidate: the invitation in their portal closed without their answer.
    "invitation.expired_unanswered": gettext_lazy(
        "The invitation from %(org)s for “%(job)s” expired before you answered; nothing of yours was shared."
    ),
    "invitation.withdrawn_by_employer": gettext_lazy(
        "%(org)s withdrew its invitation for “%(job)s”; nothing of yours was shared."
    ),
    "invitation.cancelled_employer_suspended": gettext_lazy(
        "The invitation from %(org)s for “%(job)s” is cancelled: the exchange suspended this employer, and nothing "
        "of yours was shared."
    ),
}
MONEY_PARAMS = ("amount",)
MAIL_SWEEP_AFTER = timedelta(minutes=2)
MAIL_GIVE_UP_AFTER = timedelta(days=1)


def notification_text(notification: Notification) -> str:
    """The sentence in the active language."""
    from payouts import money

    template = KINDS.get(notification.kind)
    if template is None:
        return notification.kind
    params = dict(notification.params)
    for name in MONEY_PARAMS:
        if name in params:
            params[name] = money.format_micros(params[name])
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        logger.warning("notification %s has params that do not fit its text", notification.pk)
        return str(template)


def notify(*, users, kind: str, params: dict | None = None, url: str = "") -> list[Notification]:
    """Tell each of `users`; their e-mails leave once the transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    rows = Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, params=params or {}, url=url) for user in users if user.is_active]
    )
    ids = [row.pk for row in rows if row.pk is not None]
    if ids:
        from .tasks import notifications_mail

        enqueue_on_commit(notifications_mail, ids)
    return rows


def notify_merchant(
    *,
    merchant: Merchant,
    kind: str,
    params: dict | None = None,
    url: str = "",
    capability=Capability.READ,
    except_user: User | None = None,
):
    """Tell every active member of the organisation whose role holds `capability`, but `except_user`
    (the member whose own action it was)."""
    members = [
        membership.user
        for membership in Membership.objects.filter(merchant=merchant, user__is_active=True).select_related("user")
        if role_can(membership.role, capability) and membership.user_id != getattr(except_user, "pk", None)
    ]
    return notify(users=members, kind=kind, params=params, url=url)


def notifications_mail_send(ids: list[int]) -> int:
    """E-mail the notifications not yet e-mailed, each in its reader's language. Safe to run twice."""
    sent = 0
    for notification_id in ids:
        with transaction.atomic():
            notification = notification_unmailed_for_update(notification_id)
            if notification is None:
                continue
            user = notification.user
            if user.is_active and user.email:
                with translation.override(user.language or settings.LANGUAGE_CODE):
                    text = notification_text(notification)
                    link = f"{settings.SITE_URL}{notification.url}" if notification.url else f"{settings.SITE_URL}/"
                    body = _("%(text)s\n\nOpen: %(link)s\n\nYou receive this because you have an account at the exchange.") % {
                        "text": text,
                        "link": link,
                    }
                    try:
                        send_mail(text[:120], body, None, [user.email])
                    except (smtplib.SMTPException, OSError):
                        # The portal row is the record; the sweep tries again later.
                        logger.warning("notification mail %s not sent", notification.pk, exc_info=True)
                        continue
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


def notifications_mail_due(now=None) -> int:
    """Beat: e-mail what a broker or mail-server outage held back (up to a day old)."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__lte=now - MAIL_SWEEP_AFTER, created_at__gte=now - MAIL_GIVE_UP_AFTER
        )
        .order_by("id")
        .values_list("id", flat=True)[:500]
    )
    return notifications_mail_send(ids)


def notifications_for(user: User):
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
