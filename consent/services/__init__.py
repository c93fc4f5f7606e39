"""Writes for the jobseeker portal. Import from here: `from consent.services import consent_grant`."""

from .consents import consent_grant, consent_withdraw, notice_publish
from .receipts import disclosure_receipt_issue, principal_id, receipt_issue
from .resumes import RESUME_FIELDS, age_check, resume_confirm, resume_save, resume_viewed_by_staff
from .rights import account_delete, data_export, employer_block_add, employer_block_remove
from .uploads import upload_accept, upload_parse, upload_refuse

__all__ = [
    "RESUME_FIELDS",
    "account_delete",
    "age_check",
    "consent_grant",
    "consent_withdraw",
    "data_export",
    "employer_block_add",
    "employer_block_remove",
    "notice_publish",
    "principal_id",
    "receipt_issue",
    "disclosure_receipt_issue",
    "resume_confirm",
    "resume_save",
    "resume_viewed_by_staff",
    "upload_accept",
    "upload_parse",
    "upload_refuse",
]
