"""Paid invitations: the fee goes into escrow when sent, to the person and the exchange when accepted,
back to the employer when declined, expired or cancelled. Each outcome happens once: the invitation row
is locked and its state checked, and the ledger key of the escrow's way out is shared by both outcomes."""

import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Membership, Merchant, User
from accounts.services import merchant_suspend
from config.deferred import enqueue_on_commit
from config.errors import ForbiddenError
from consent.models import ConsentGrant, ConsentReceipt, EmployerBlock, Purpose, Resume
from consent.services import disclosure_receipt_issue
from exchange.exceptions import IdempotencyKeyReused
from payouts import money
from payouts.exceptions import InsufficientFunds
from payouts.lock_objects import accounts_for_update
from payouts.models import LedgerAccount
from payouts.selectors import wallet_balance
from payouts.services import account_get, escrow_hold, escrow_return, escrow_settle

from ..exceptions import (
    DuplicateInvitation,
    InvitationCapReached,
    InvitationClosed,
    NoSuchCandidate,
    TalentError,
)
from ..lock_objects import invitation_for_update, profile_for_update
from ..models import AbuseReport, DeletionNotice, Disclosure, DisclosureView, Handle, Invitation, TalentProfile
from ..rules import talent_rules

Status = Invitation.Status


def _no_such_candidate() -> NoSuchCandidate:
    return NoSuchCandidate(_("There is no such candidate."))


def _job_key(title: str) -> str:
    return " ".join(title.lower().split())[:120]


def _clean_job(
    *, job_title: str, description: str, city: str, remote: bool, salary_min, salary_max
) -> tuple[dict, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    job_title = (job_title or "").strip()
    description = (description or "").strip()
    city = (city or "").strip()
    if not job_title:
        errors["job_title"] = [_("Enter the job title.")]
    elif len(job_title) > 120:
        errors["job_title"] = [_("Keep the job title within 120 characters.")]
    if not description:
        errors["description"] = [_("Describe the job.")]
    elif len(description) > 4000:
        errors["description"] = [_("Keep the description within 4,000 characters.")]
    if not city and not remote:
        errors["city"] = [_("Enter the city of the job, or mark it as remote.")]
    elif len(city) > 40:
        errors["city"] = [_("Keep the city within 40 characters.")]
    numbers = {}
    for name, value in (("salary_min", salary_min), ("salary_max", salary_max)):
        if value in (None, ""):
            errors[name] = [_("State the monthly salary range: both ends are required.")]
            continue
        try:
            numbers[name] = int(value)
        except (TypeError, ValueError):
            numbers[name] = 0
        if not 0 < numbers[name] <= 1_000_000:
            errors[name] = [_("Enter a monthly salary in whole yuan between 1 and 1,000,000.")]
    if not errors.get("salary_min") and not errors.get("salary_max") and numbers["salary_max"] < numbers["salary_min"]:
        errors["salary_max"] = [_("The upper end of the salary range is below the lower end.")]
    cleaned = {
        "job_title": job_title,
        "description": description,
        "city": city,
        "remote": bool(remote),
        "salary_min": numbers.get("salary_min", 0),
        "salary_max": numbers.get("salary_max", 0),
    }
    return cleaned, errors


def _fingerprint(handle: str, job: dict) -> str:
    return hashlib.sha256(json.dumps({"handle": handle, **job}, sort_keys=True).encode()).hexdigest()


def _idempotent(merchant: Merchant, key: str, handle: str, job: dict) -> Invitation | None:
    if not key:
        return None
    existing = Invitation.objects.filter(merchant=merchant, idempotency_key=key).first()
    if existing is None:
        return None
    job_of_existing = {
        name: getattr(existing, name) for name in ("job_title", "description", "city", "remote", "salary_min", "salary_max")
    }
    if _fingerprint(existing.handle, job_of_existing) != _fingerprint(handle, job):
        raise IdempotencyKeyReused(_("This Idempotency-Key was already used for a different invitation."))
    return existing


def _candidate_refusal(*, merchant: Merchant, candidate: User) -> None:
    """Why this person cannot be invited by this organisation now, if they cannot."""
    if EmployerBlock.objects.filter(user=candidate, merchant=merchant).exists():
        raise _no_such_candidate()  # a blocked organisation must not learn that it is blocked
    talent_grants = ConsentGrant.objects.filter(user=candidate, purpose=Purpose.TALENT)
    if not talent_grants.filter(withdrawn_at__isnull=True).exists():
        if talent_grants.exists():
            raise TalentError(
                _("This candidate has left the talent pool and no longer receives invitations."), code="candidate_withdrew"
            )
        raise TalentError(_("This candidate has not agreed to receive invitations."), code="no_talent_consent")
    if not Resume.objects.filter(owner=candidate, status=Resume.Status.CONFIRMED).exists():
        raise TalentError(
            _("This candidate has left the talent pool and no longer receives invitations."), code="candidate_withdrew"
        )


def invitation_send(
    *,
    merchant: Merchant,
    by: User,
    handle: str,
    job_title: str,
    description: str,
    city: str = "",
    remote: bool = False,
    salary_min=None,
    salary_max=None,
    idempotency_key: str = "",
) -> Invitation:
    """Invite the candidate known to `merchant` as `handle`; the fee moves from the wallet into escrow.

    Refused, with nothing written and nothing charged: an unverified organisation,
    an unknown handle or a person who blocked the organisation (both "no such
    candidate"), a person without the talent consent or who withdrew it, a missing
    salary range or one below the person's minimum, a cap reached, the same job
    twice, or a wallet that cannot pay. The same `idempotency_key` returns the first
    invitation.
    """
    if not merchant.is_verified:
        raise ForbiddenError(_("Only verified organisations can send invitations."), code="not_verified")
    job, errors = _clean_job(
        job_title=job_title, description=description, city=city, remote=remote, salary_min=salary_min, salary_max=salary_max
    )
    if errors:
        # The message says what is wrong (each field's own sentence once), not merely that something is.
        reasons = dict.fromkeys(str(message) for messages in errors.values() for message in messages)
        raise TalentError(" ".join(reasons), code="invalid_invitation", fields=errors)
    idempotency_key = (idempotency_key or "").strip()[:100]
    existing = _idempotent(merchant, idempotency_key, handle, job)
    if existing is not None:
        return existing
    known = Handle.objects.filter(merchant=merchant, handle=(handle or "").strip()).select_related("user").first()
    if known is None:
        raise _no_such_candidate()
    try:
        with transaction.atomic():
            return _send(merchant=merchant, by=by, candidate=known.user, handle=known.handle, job=job, key=idempotency_key)
    except InsufficientFunds:
        # Rolled back with the invitation row: say what the fee is and what the wallet holds.
        raise InsufficientFunds(
            _("Your wallet holds %(have)s and an invitation costs %(fee)s: top up the wallet, then send it again.")
            % {"have": money.format_micros(wallet_balance(merchant=merchant)), "fee": money.format_fen(talent_rules().fee_fen)}
        ) from None
    except IntegrityError:
        # A parallel request with the same key or for the same job committed first.
        existing = _idempotent(merchant, idempotency_key, handle, job)
        if existing is not None:
            return existing
        raise DuplicateInvitation(_("You have already invited this candidate to this job.")) from None


def _send(*, merchant: Merchant, by: User, candidate: User, handle: str, job: dict, key: str) -> Invitation:
    rules = talent_rules()
    now = timezone.now()
    # The wallet lock serialises this organisation's sends: the daily cap and the balance are exact.
    wallet = account_get(kind=LedgerAccount.Kind.MERCHANT_WALLET, merchant=merchant)
    escrow = account_get(kind=LedgerAccount.Kind.ESCROW)
    list(accounts_for_update([wallet.id, escrow.id]))
    existing = _idempotent(merchant, key, handle, job)  # a retry that waited for the first to commit
    if existing is not None:
        return existing
    _candidate_refusal(merchant=merchant, candidate=candidate)
    profile = profile_for_update(candidate.pk).first()
    if profile is None:
        raise TalentError(
            _("This candidate has left the talent pool and no longer receives invitations."), code="candidate_withdrew"
        )
    if profile.min_monthly_salary and job["salary_max"] < profile.min_monthly_salary:
        raise TalentError(
            _("The salary range is below the minimum this candidate accepts; raise it to invite them."),
            code="salary_below_minimum",
            fields={"salary_max": [_("Below the candidate's minimum monthly salary.")]},
        )
    sent_today = Invitation.objects.filter(merchant=merchant, created_at__gte=now - timedelta(days=1)).exclude(
        status=Status.CANCELLED, cancel_reason=Invitation.CancelReason.EMPLOYER
    )
    if sent_today.count() >= rules.employer_daily_cap:
        raise InvitationCapReached(
            _("Your organisation has sent %(n)s invitations in the last 24 hours, the most allowed; try again tomorrow.")
            % {"n": rules.employer_daily_cap},
            code="employer_cap",
        )
    this_week = Invitation.objects.filter(candidate=candidate, created_at__gte=now - timedelta(days=7)).exclude(
        status=Status.CANCELLED
    )
    if this_week.count() >= profile.weekly_cap:
        raise InvitationCapReached(
            _("This candidate has received as many invitations this week as they accept; try again next week."),
            code="candidate_cap",
        )
    job_key = _job_key(job["job_title"])
    if (
        Invitation.objects.filter(merchant=merchant, candidate=candidate, job_key=job_key)
        .exclude(status=Status.CANCELLED)
        .exists()
    ):
        raise DuplicateInvitation(_("You have already invited this candidate to this job."))
    invitation = Invitation.objects.create(
        merchant=merchant,
        sent_by=by,
        candidate=candidate,
        handle=handle,
        job_key=job_key,
        fee_fen=rules.fee_fen,
        share_bps=rules.jobseeker_share_bps,
        idempotency_key=key,
        expires_at=now + timedelta(days=rules.expiry_days),
        **job,
    )
    invitation.escrow_entry = escrow_hold(
        merchant=merchant,
        amount_micros=money.fen_to_micros(rules.fee_fen),
        key=f"{invitation.reference}:escrow",
        reference=invitation.reference,
        memo={"invitation": invitation.pk, "job_title": invitation.job_title},
        by=by,
    )
    invitation.save(update_fields=["escrow_entry"])
    audit_record(
        action="talent.invitation_sent",
        actor_id=by.pk,
        subject_id=candidate.pk,
        object_type="invitation",
        object_id=invitation.pk,
        data={"merchant_id": merchant.pk, "fee_fen": rules.fee_fen},
    )
    enqueue_on_commit(_notify_task(), invitation.pk)
    return invitation


def _notify_task():
    from ..tasks import invitation_notify  # tasks import services, so the service imports its task late

    return invitation_notify


def _event(invitation: Invitation, event: str, *, by: User | None = None, tell_candidate: bool = True) -> None:
    """The notifications (the employer's members, the candidate where it closed without their answer) and the
    webhook event, committed with the change that caused them."""
    from exchange import events

    events.invitation_answered(invitation, event, by=by, tell_candidate=tell_candidate)


def _escrow_out_key(invitation: Invitation) -> str:
    # One key for every way out of escrow: the ledger itself refuses to pay out and return one fee.
    return f"{invitation.reference}:escrow-out"


def _return(invitation: Invitation, reason: str, by: User | None) -> None:
    invitation.outcome_entry = escrow_return(
        hold=invitation.escrow_entry, key=_escrow_out_key(invitation), memo={"invitation": invitation.pk, "reason": reason}, by=by
    )


def _locked_open(invitation_id: int) -> Invitation:
    invitation = invitation_for_update(invitation_id).select_related("escrow_entry", "merchant").get()
    if invitation.status != Status.OPEN:
        raise InvitationClosed(_("This invitation is no longer open: %(status)s.") % {"status": invitation.get_status_display()})
    return invitation


def _expire_if_due(invitation: Invitation, now, *, answering: bool = False) -> bool:
    """Expire the invitation if its date has passed. `answering`: the candidate found it so while answering,
    and is told by the refusal itself."""
    if invitation.expires_at > now:
        return False
    invitation.status = Status.EXPIRED
    invitation.decided_at = now
    _return(invitation, "expired", None)
    invitation.save(update_fields=["status", "decided_at", "outcome_entry"])
    _event(invitation, "expired", tell_candidate=not answering)
    return True


def _revealed(profile: TalentProfile | None) -> list[str]:
    return profile.revealed_fields if profile is not None else ["email"]


def invitation_accept(*, invitation: Invitation, by: User, agree: bool, language: str | None = None) -> Disclosure:
    """The candidate accepts: a separate consent to provide the chosen contact details to this one organisation.

    A signed receipt records the disclosure; the fee in escrow settles at once, the
    person's share to their pending earnings (under the refund-window hold), the rest
    to the exchange.
    """
    if invitation.candidate_id != by.pk:
        raise _no_such_candidate()
    if not agree:
        raise TalentError(
            _("To accept, agree to provide your contact details to %(org)s.") % {"org": invitation.merchant.name},
            code="disclosure_consent_required",
            fields={"agree": [_("Required to accept.")]},
        )
    language = language or by.language
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_open(invitation.pk)
        if _expire_if_due(locked, now, answering=True):
            closed = _("This invitation expired before you answered; the employer's fee was returned.")
        elif locked.merchant.is_suspended:
            # Suspended before the sweep reached its invitations: nothing is disclosed to it, its fee goes back.
            _cancel(locked, Invitation.CancelReason.SUSPENDED, None, answering=True)
            closed = _("The exchange has suspended this employer: the invitation is cancelled and nothing was shared.")
        else:
            closed = None
            disclosure = _accept(locked, by=by, language=language, now=now)
    if closed:
        raise InvitationClosed(closed)
    return disclosure


def _accept(invitation: Invitation, *, by: User, language: str, now) -> Disclosure:
    merchant = invitation.merchant
    fields = _revealed(TalentProfile.objects.filter(user=by).first())
    with translation.override(language):
        purpose = _("Provide my contact details to %(org)s for the job “%(job)s” (invitation %(ref)s)") % {
            "org": merchant.name,
            "job": invitation.job_title,
            "ref": invitation.reference,
        }
    receipt = disclosure_receipt_issue(
        event=ConsentReceipt.Event.DISCLOSURE,
        user=by,
        recipient=merchant,
        fields=fields,
        purpose=purpose,
        reference=invitation.reference,
        language=language,
        consented_at=now,
    )
    disclosure = Disclosure.objects.create(invitation=invitation, candidate=by, merchant=merchant, fields=fields, receipt=receipt)
    invitation.status = Status.ACCEPTED
    invitation.decided_at = now
    invitation.outcome_entry = escrow_settle(
        hold=invitation.escrow_entry,
        key=_escrow_out_key(invitation),
        user=by,
        share_bps=invitation.share_bps,
        memo={
            "invitation": invitation.pk,
            "product": invitation.job_title,
            "buyer": merchant.name,
            "buyer_industry": merchant.industry,
        },
    )
    invitation.save(update_fields=["status", "decided_at", "outcome_entry"])
    _event(invitation, "accepted")
    audit_record(
        action="talent.invitation_accepted",
        actor_id=by.pk,
        subject_id=by.pk,
        object_type="invitation",
        object_id=invitation.pk,
        data={"merchant_id": merchant.pk, "fields": fields, "receipt": str(receipt.receipt_id)},
    )
    return disclosure


@transaction.atomic
def invitation_decline(*, invitation: Invitation, by: User) -> Invitation:
    """The candidate declines: the fee returns to the employer's wallet."""
    if invitation.candidate_id != by.pk:
        raise _no_such_candidate()
    locked = _locked_open(invitation.pk)
    locked.status = Status.DECLINED
    locked.decided_at = timezone.now()
    _return(locked, "declined", by)
    locked.save(update_fields=["status", "decided_at", "outcome_entry"])
    _event(locked, "declined")
    audit_record(
        action="talent.invitation_declined", actor_id=by.pk, subject_id=by.pk, object_type="invitation", object_id=locked.pk
    )
    return locked


def _cancel(invitation: Invitation, reason: str, by: User | None, *, answering: bool = False) -> None:
    invitation.status = Status.CANCELLED
    invitation.cancel_reason = reason
    invitation.decided_at = timezone.now()
    _return(invitation, f"cancelled:{reason}", by)
    invitation.save(update_fields=["status", "cancel_reason", "decided_at", "outcome_entry"])
    # A member who cancels is not told what they did; staff who suspended the employer are no member.
    _event(invitation, "cancelled", by=by, tell_candidate=not answering)


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, merchant: Merchant, by: User) -> Invitation:
    """The employer withdraws an unanswered invitation: its fee returns to the wallet."""
    if invitation.merchant_id != merchant.pk:
        raise _no_such_candidate()
    locked = _locked_open(invitation.pk)
    _cancel(locked, Invitation.CancelReason.EMPLOYER, by)
    audit_record(action="talent.invitation_cancelled", actor_id=by.pk, object_type="invitation", object_id=locked.pk)
    return locked


def _cancel_open(ids: list[int], reason: str, by: User | None) -> int:
    cancelled = 0
    for invitation_id in ids:
        with transaction.atomic():
            locked = invitation_for_update(invitation_id).select_related("escrow_entry").first()
            if locked is None or locked.status != Status.OPEN:
                continue  # answered or expired meanwhile: that outcome stands
            _cancel(locked, reason, by)
            cancelled += 1
    return cancelled


def invitations_cancel_for_candidate(*, user_id: int) -> int:
    """A person left the talent pool: their unanswered invitations are cancelled and the fees returned."""
    ids = list(Invitation.objects.filter(candidate_id=user_id, status=Status.OPEN).order_by("id").values_list("id", flat=True))
    return _cancel_open(ids, Invitation.CancelReason.CANDIDATE_LEFT, None)


def invitations_cancel_for_merchant(*, merchant: Merchant, by: User | None = None) -> int:
    """A suspended organisation's unanswered invitations are cancelled and the fees returned."""
    ids = list(Invitation.objects.filter(merchant=merchant, status=Status.OPEN).order_by("id").values_list("id", flat=True))
    return _cancel_open(ids, Invitation.CancelReason.SUSPENDED, by)


def invitations_expire_due(*, now=None, limit: int = 500) -> int:
    """Expire unanswered invitations past their date (fees returned), and cancel those of suspended organisations.

    Run by beat; safe to run any number of times and alongside answers: each
    invitation is locked and its state checked before its escrow moves.
    """
    now = now or timezone.now()
    due = list(
        Invitation.objects.filter(status=Status.OPEN, expires_at__lte=now).order_by("id").values_list("id", flat=True)[:limit]
    )
    expired = 0
    for invitation_id in due:
        with transaction.atomic():
            locked = invitation_for_update(invitation_id).select_related("escrow_entry").first()
            if locked is not None and locked.status == Status.OPEN and _expire_if_due(locked, now):
                expired += 1
    for merchant in Merchant.objects.filter(status=Merchant.Status.SUSPENDED, talent_invitations__status=Status.OPEN).distinct():
        invitations_cancel_for_merchant(merchant=merchant)
    return expired


@transaction.atomic
def invitation_mark_hired(*, invitation: Invitation, merchant: Merchant, by: User) -> Invitation:
    """The employer records that it hired the candidate (for statistics only)."""
    if invitation.merchant_id != merchant.pk:
        raise _no_such_candidate()
    locked = invitation_for_update(invitation.pk).get()
    if locked.status != Status.ACCEPTED:
        raise InvitationClosed(_("Only an accepted invitation can be marked as hired."))
    if locked.hired_at is None:
        locked.hired_at = timezone.now()
        locked.save(update_fields=["hired_at"])
        audit_record(action="talent.hired", actor_id=by.pk, object_type="invitation", object_id=locked.pk)
    return locked


def _member_of(merchant_id: int, user: User) -> bool:
    return Membership.objects.filter(merchant_id=merchant_id, user=user).exists()


@transaction.atomic
def disclosure_contact(*, disclosure: Disclosure, viewer: User, channel: str = "web") -> dict[str, str]:
    """The disclosed contact details, for a member of the recipient organisation only; every look is logged."""
    if not disclosure.is_active or disclosure.candidate_id is None or not _member_of(disclosure.merchant_id, viewer):
        raise _no_such_candidate()
    candidate = disclosure.candidate
    resume = Resume.objects.filter(owner=candidate).first()
    values = {
        "name": (resume.full_name if resume else "") or candidate.display_name,
        "email": (resume.contact_email if resume else "") or candidate.email,
        "phone": resume.phone if resume else "",
    }
    DisclosureView.objects.create(disclosure=disclosure, viewer=viewer, channel=channel)
    return {name: values[name] for name in disclosure.fields}


@transaction.atomic
def disclosure_withdraw(*, disclosure: Disclosure, by: User) -> Disclosure:
    """The person withdraws the disclosure consent: the organisation loses access at once, is told to delete
    the details, and a signed receipt records the withdrawal."""
    if disclosure.candidate_id != by.pk:
        raise _no_such_candidate()
    now = timezone.now()
    if not Disclosure.objects.filter(pk=disclosure.pk, withdrawn_at__isnull=True).update(withdrawn_at=now):
        disclosure.refresh_from_db()
        return disclosure
    disclosure.refresh_from_db()
    original = disclosure.receipt
    disclosure.withdrawal_receipt = disclosure_receipt_issue(
        event=ConsentReceipt.Event.DISCLOSURE_WITHDRAWN,
        user=by,
        recipient=disclosure.merchant,
        fields=disclosure.fields,
        purpose=json.loads(original.document)["receipt"]["services"][0]["purposes"][0]["purpose"],
        reference=disclosure.invitation.reference,
        language=json.loads(original.document)["receipt"]["language"],
        consented_at=disclosure.created_at,
        withdrawn_at=now,
    )
    disclosure.save(update_fields=["withdrawal_receipt"])
    DeletionNotice.objects.get_or_create(disclosure=disclosure, defaults={"merchant": disclosure.merchant})
    _event(disclosure.invitation, "disclosure_withdrawn")
    audit_record(
        action="talent.disclosure_withdrawn", actor_id=by.pk, subject_id=by.pk, object_type="disclosure", object_id=disclosure.pk
    )
    return disclosure


@transaction.atomic
def abuse_report(*, invitation: Invitation, by: User, reason: str) -> AbuseReport:
    """The candidate reports an invitation as abuse; it waits in the staff queue."""
    if invitation.candidate_id != by.pk:
        raise _no_such_candidate()
    reason = (reason or "").strip()
    if not reason:
        raise TalentError(
            _("Say what was wrong with this invitation."), code="reason_required", fields={"reason": [_("Required.")]}
        )
    report, created = AbuseReport.objects.get_or_create(invitation=invitation, defaults={"reason": reason[:2000]})
    if created:
        audit_record(
            action="talent.abuse_reported", actor_id=by.pk, subject_id=by.pk, object_type="invitation", object_id=invitation.pk
        )
    return report


def abuse_decide(*, report: AbuseReport, suspend: bool, by: User, reason: str = "") -> AbuseReport:
    """Staff dismiss a report, or suspend the organisation (its unanswered invitations are cancelled and refunded)."""
    with transaction.atomic():
        if AbuseReport.objects.filter(pk=report.pk, status=AbuseReport.Status.OPEN).update(
            status=AbuseReport.Status.SUSPENDED if suspend else AbuseReport.Status.DISMISSED,
            decided_by=by,
            decided_at=timezone.now(),
        ):
            if suspend:
                merchant = report.invitation.merchant
                if not merchant.is_suspended:
                    merchant_suspend(merchant=merchant, by=by, reason=reason or _("Invitations reported as abuse."))
    report.refresh_from_db()
    if suspend:
        invitations_cancel_for_merchant(merchant=report.invitation.merchant, by=by)
    return report
