"""Data-subject rights: the employer blocklist, download my data, delete my account."""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Merchant, User
from payouts.money import format_micros
from payouts.selectors import earnings_for_user, sale_lines_for_user

from ..exceptions import ConsentError
from ..models import ConsentGrant, ConsentReceipt, EmployerBlock, Resume, ResumeUpload
from .consents import consent_withdraw
from .receipts import principal_id, receipt_issue
from .uploads import files_delete_on_commit

EXPORT_FORMAT = "data-exchange/my-data v1"


@transaction.atomic
def employer_block_add(*, user: User, merchant: Merchant) -> EmployerBlock:
    """From now on `merchant` never receives this person's data (the exchange reads `blocked_user_ids`)."""
    if not user.is_jobseeker:
        raise ConsentError(_("Only jobseekers can block employers."), code="not_a_jobseeker")
    block, created = EmployerBlock.objects.get_or_create(user=user, merchant=merchant)
    if created:
        audit_record(
            action="blocklist.added", actor_id=user.pk, subject_id=user.pk, object_type="merchant", object_id=merchant.pk
        )
    return block


@transaction.atomic
def employer_block_remove(*, user: User, merchant: Merchant) -> None:
    deleted, _rows = EmployerBlock.objects.filter(user=user, merchant=merchant).delete()
    if deleted:
        audit_record(
            action="blocklist.removed", actor_id=user.pk, subject_id=user.pk, object_type="merchant", object_id=merchant.pk
        )


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def data_export(*, user: User) -> dict:
    """Everything the exchange holds about the person, as machine-readable JSON."""
    resume = Resume.objects.filter(owner=user).first()
    resume_data = None
    if resume is not None:
        resume_data = {
            "status": resume.status,
            "confirmed_at": _iso(resume.confirmed_at),
            "updated_at": _iso(resume.updated_at),
            "basics": {
                "name": resume.full_name,
                "phone": resume.phone,
                "email": resume.contact_email,
                "location": {"region": resume.province, "city": resume.city, "countryCode": "CN"},
                "label": resume.desired_role,
            },
            "birth_year": resume.birth_year,
            "gender": resume.gender,
            "education": [{"studyType": resume.education_level, "area": resume.field_of_study}],
            "work": resume.work_history or [],
            "current_employer": resume.current_employer,
            "current_title": resume.current_title,
            "years_experience": resume.years_experience,
            "industry": resume.industry,
            "role_category": resume.role_category,
            "expected_salary_yuan_per_month": resume.expected_salary,
            "skills": list(resume.skills or []),
            "other_skills": list(resume.other_skills or []),
        }
    earnings = earnings_for_user(user=user)
    export = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now().isoformat(),
        "pii_principal_id": principal_id(user.pk),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "resume": resume_data,
        "uploads": [
            {
                "created_at": _iso(upload.created_at),
                "status": upload.status,
                "kind": upload.kind,
                "size": upload.size,
                "file_name": upload.original_name,
                "refusal": upload.error_code,
            }
            for upload in ResumeUpload.objects.filter(owner=user)
        ],
        "consents": [
            {
                "grant_id": grant.pk,
                "provider": grant.provider.name,
                "purpose": grant.purpose,
                "notice_version": grant.notice.version,
                "language": grant.language,
                "notice_text_sha256": grant.text_hash,
                "channel": grant.channel,
                "granted_at": _iso(grant.granted_at),
                "withdrawn_at": _iso(grant.withdrawn_at),
            }
            for grant in ConsentGrant.objects.filter(user=user).select_related("provider", "notice").order_by("granted_at")
        ],
        "receipts": [json.loads(receipt.document) for receipt in ConsentReceipt.objects.filter(user=user).order_by("created_at")],
        "blocked_employers": list(EmployerBlock.objects.filter(user=user).values_list("merchant__name", flat=True)),
        "sales": [
            {
                "date": _iso(line.entry.created_at),
                "reference": line.entry.reference,
                "product": line.entry.memo.get("product", ""),
                "buyer": line.entry.memo.get("buyer", ""),
                "buyer_industry": line.entry.memo.get("buyer_industry", ""),
                "share_micros": line.amount,
                "share": format_micros(line.amount),
            }
            for line in sale_lines_for_user(user=user, limit=100_000)
        ],
        "earnings": {
            "currency": "CNY",
            "pending_micros": earnings.pending,
            "available_micros": earnings.available,
            "total_micros": earnings.total,
        },
    }
    audit_record(action="data.exported", actor_id=user.pk, subject_id=user.pk, object_type="user", object_id=user.pk)
    return export


@transaction.atomic
def account_delete(*, user: User) -> ConsentReceipt:
    """Erase the person: withdraw every consent, erase personal data and files, keep the ledger.

    Ledger accounts, version memberships and (withdrawn) grants lose their link to the
    user (SET_NULL) and stay as pseudonymous records; financial entries are never
    touched. Returns the signed deletion receipt, which no longer names anyone.
    """
    if not user.is_jobseeker:
        raise ConsentError(
            _("Only a jobseeker account can be deleted here; merchant and staff accounts are closed by the exchange."),
            code="not_a_jobseeker",
        )
    grants = list(ConsentGrant.objects.filter(user=user).select_related("provider", "notice"))
    for grant in grants:
        if grant.is_active:
            consent_withdraw(grant=grant, by=user)
    files = list(ResumeUpload.objects.filter(owner=user).values_list("stored_name", flat=True))
    receipt = receipt_issue(event=ConsentReceipt.Event.DELETION, user=user, grants=grants)
    audit_record(
        action="account.deleted",
        actor_id=user.pk,
        subject_id=user.pk,
        object_type="user",
        object_id=user.pk,
        data={"grants": len(grants), "receipt": str(receipt.receipt_id)},
    )
    user.delete()  # cascades resume, uploads, blocks, e-mail addresses; SET_NULL keeps pseudonymous records
    files_delete_on_commit(files)
    receipt.refresh_from_db()
    return receipt
