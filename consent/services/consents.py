"""Writes for consent: publish notices, grant and withdraw per purpose, each with a signed receipt."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import User

from ..exceptions import ConsentAlreadyGranted, ConsentError
from ..models import ConsentGrant, ConsentNotice, ConsentReceipt
from ..signals import consent_withdrawn
from .receipts import receipt_issue


@transaction.atomic
def notice_publish(*, notice: ConsentNotice, by: User) -> ConsentNotice:
    """Publish a notice; from then on it is immutable."""
    if notice.is_published:
        raise ConsentError(_("This notice is already published; publish a new version instead."), code="already_published")
    notice.published_at = timezone.now()
    notice.save(update_fields=["published_at"])
    audit_record(
        action="notice.published",
        actor_id=by.pk,
        object_type="consent_notice",
        object_id=notice.pk,
        data={"provider_id": notice.provider_id, "purpose": notice.purpose, "version": notice.version},
    )
    return notice


@transaction.atomic
def consent_grant(*, user: User, notice: ConsentNotice, language: str, channel: str = ConsentGrant.Channel.WEB) -> ConsentGrant:
    """Record one purpose's consent against the exact notice text the person saw, with a signed receipt."""
    if not user.is_jobseeker:
        raise ConsentError(_("Only jobseekers can give consent."), code="not_a_jobseeker")
    if not notice.is_published:
        raise ConsentError(_("This notice is not published."), code="notice_unpublished")
    latest = (
        ConsentNotice.objects.filter(provider=notice.provider, purpose=notice.purpose, published_at__isnull=False)
        .order_by("-version")
        .first()
    )
    if latest is not None and latest.pk != notice.pk:
        raise ConsentError(
            _("This notice has been replaced by a newer version; please read the new one."), code="notice_outdated"
        )
    try:
        with transaction.atomic():
            grant = ConsentGrant.objects.create(
                user=user,
                notice=notice,
                purpose=notice.purpose,
                provider=notice.provider,
                language=language,
                text_hash=notice.text_hash(language),
                channel=channel,
            )
    except IntegrityError as exc:
        raise ConsentAlreadyGranted(_("You have already given this consent.")) from exc
    receipt = receipt_issue(event=ConsentReceipt.Event.GRANT, user=user, grant=grant, channel=channel)
    audit_record(
        action="consent.granted",
        actor_id=user.pk,
        subject_id=user.pk,
        object_type="consent_grant",
        object_id=grant.pk,
        data={
            "notice_id": notice.pk,
            "purpose": notice.purpose,
            "text_hash": grant.text_hash,
            "receipt": str(receipt.receipt_id),
        },
    )
    return grant


@transaction.atomic
def consent_withdraw(*, grant: ConsentGrant, by: User) -> ConsentGrant:
    """Withdraw at once, in one step, with a signed receipt.

    This is the consent app's single announcement to the rest of the exchange: after
    the withdrawal commits, `consent.signals.consent_withdrawn` is sent with
    `grant_id` and `user_id`. Builds already exclude the person from this moment
    (`resumes_consented` needs an active grant); the exchange's receiver stops selling
    versions that contain the grant and rebuilds them.
    """
    if grant.user_id != by.pk:
        raise ConsentError(_("You can only withdraw your own consent."), code="not_owner")
    updated = ConsentGrant.objects.filter(pk=grant.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    grant.refresh_from_db()
    if updated:
        receipt = receipt_issue(event=ConsentReceipt.Event.WITHDRAWAL, user=by, grant=grant, channel=grant.channel)
        audit_record(
            action="consent.withdrawn",
            actor_id=by.pk,
            subject_id=grant.user_id,
            object_type="consent_grant",
            object_id=grant.pk,
            data={"purpose": grant.purpose, "receipt": str(receipt.receipt_id)},
        )
        grant_id, user_id = grant.pk, grant.user_id
        transaction.on_commit(lambda: consent_withdrawn.send(sender=ConsentGrant, grant_id=grant_id, user_id=user_id))
    return grant
