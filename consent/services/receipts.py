"""Issuing signed consent receipts (Kantara Consent Receipt v1.1 / ISO/IEC TS 27560 fields)."""

import hashlib
import hmac
import uuid
from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Merchant, User

from ..keys import receipt_private_key
from ..models import ConsentGrant, ConsentReceipt, Purpose
from ..receipts import canonical, key_id, receipt_sign

KANTARA_VERSION = "KI-CR-v1.1.0"
EXCHANGE_NAME = "Data exchange"


def principal_id(user_id: int) -> str:
    """A stable pseudonym for the person: receipts never carry a name or an e-mail address."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"pii-principal:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _purpose_block(grant: ConsentGrant) -> dict:
    notice = grant.notice
    details = notice.details(grant.language)
    return {
        "service": str(Purpose(grant.purpose).label),
        "purposes": [
            {
                "purpose": grant.purpose,
                "purposeCategory": [str(Purpose(grant.purpose).label)],
                "consentType": "EXPLICIT",
                "piiCategory": [part.strip() for part in details["fields_used"].replace("、", ",").split(",") if part.strip()],
                "primaryPurpose": True,
                "termination": details["retention"],
                "thirdPartyDisclosure": True,
                "thirdPartyName": details["recipients"],
            }
        ],
    }


def _event_time(moment) -> tuple[int, str]:
    moment = moment.astimezone(UTC)
    return int(moment.timestamp()), moment.isoformat(timespec="seconds")


def receipt_issue(**kwargs) -> ConsentReceipt:
    """Sign and store one receipt. `grant` for a grant or withdrawal; `grants` for an account deletion.

    The receipt's labels are in the language the notice was shown in.
    """
    grant = kwargs.get("grant")
    with translation.override(grant.language if grant is not None else kwargs["user"].language):
        return _receipt_issue(**kwargs)


def _receipt_issue(
    *, event: str, user: User, grant: ConsentGrant | None = None, grants: list[ConsentGrant] | None = None, channel: str = "web"
) -> ConsentReceipt:
    receipt_uuid = uuid.uuid4()
    now = timezone.now()
    timestamp, moment = _event_time(now)
    public_key = receipt_private_key().public_key()
    covered = [grant] if grant is not None else list(grants or [])
    record: dict = {
        "recordId": str(receipt_uuid),
        "event": event,
        "eventTime": moment,
        "state": {"grant": "active", "withdrawal": "withdrawn", "deletion": "terminated"}[event],
        "issuer": EXCHANGE_NAME,
        "grantIds": [g.pk for g in covered],
    }
    receipt: dict = {
        "version": KANTARA_VERSION,
        "jurisdiction": "CN",
        "consentTimestamp": timestamp,
        "collectionMethod": channel,
        "consentReceiptID": str(receipt_uuid),
        "publicKey": key_id(public_key),
        "language": grant.language if grant is not None else user.language,
        "piiPrincipalId": principal_id(user.pk),
        "piiControllers": [],
        "policyUrl": "",
        "services": [_purpose_block(g) for g in covered],
        "sensitive": False,
        "spiCat": [],
        "iso27560": record,
    }
    if grant is not None:
        notice = grant.notice
        details = notice.details(grant.language)
        receipt["piiControllers"] = [{"piiController": grant.provider.name, "contact": notice.handler_contact, "onBehalf": False}]
        receipt["policyUrl"] = reverse("consent:notice", args=[notice.pk])
        record.update(
            {
                "noticeId": notice.pk,
                "noticeVersion": notice.version,
                "noticeLanguage": grant.language,
                "noticeTextSha256": grant.text_hash,
                "processingMethods": details["processing_methods"],
                "retention": details["retention"],
                "revenueShare": details["revenue_share"],
                "grantedAt": _event_time(grant.granted_at)[1],
                "withdrawnAt": _event_time(grant.withdrawn_at)[1] if grant.withdrawn_at else None,
            }
        )
    else:
        controllers = {g.provider_id: g for g in covered}
        receipt["piiControllers"] = [
            {"piiController": g.provider.name, "contact": g.notice.handler_contact, "onBehalf": False}
            for g in controllers.values()
        ]
        record["erasure"] = "personal data and files erased; ledger kept under a pseudonymous account"
    document = receipt_sign(receipt, receipt_private_key()).decode("utf-8")
    return ConsentReceipt.objects.create(receipt_id=receipt_uuid, user=user, grant=grant, event=event, document=document)


def disclosure_receipt_issue(
    *,
    event: str,
    user: User,
    recipient: Merchant,
    fields: list[str],
    purpose: str,
    reference: str,
    language: str,
    consented_at,
    withdrawn_at=None,
    channel: str = "web",
) -> ConsentReceipt:
    """A signed receipt for a consent to provide `fields` to one named `recipient` (PIPL Art. 23), or its withdrawal.

    `purpose` is the text the person agreed to (in `language`); `reference` names what
    the disclosure belongs to (e.g. an invitation), so the two receipts of one
    disclosure can be matched. The receipt carries a pseudonym, never the details.
    """
    with translation.override(language):
        receipt_uuid = uuid.uuid4()
        timestamp, moment = _event_time(timezone.now())
        public_key = receipt_private_key().public_key()
        withdrawn = event == ConsentReceipt.Event.DISCLOSURE_WITHDRAWN
        receipt = {
            "version": KANTARA_VERSION,
            "jurisdiction": "CN",
            "consentTimestamp": timestamp,
            "collectionMethod": channel,
            "consentReceiptID": str(receipt_uuid),
            "publicKey": key_id(public_key),
            "language": language,
            "piiPrincipalId": principal_id(user.pk),
            "piiControllers": [{"piiController": recipient.name, "contact": "", "onBehalf": False}],
            "policyUrl": "",
            "services": [
                {
                    "service": str(ConsentReceipt.Event(event).label),
                    "purposes": [
                        {
                            "purpose": purpose,
                            "purposeCategory": ["PIPL Art. 23"],
                            "consentType": "EXPLICIT",
                            "piiCategory": list(fields),
                            "primaryPurpose": True,
                            "termination": "withdrawn" if withdrawn else "until withdrawn",
                            "thirdPartyDisclosure": True,
                            "thirdPartyName": recipient.name,
                        }
                    ],
                }
            ],
            "sensitive": False,
            "spiCat": [],
            "iso27560": {
                "recordId": str(receipt_uuid),
                "event": event,
                "eventTime": moment,
                "state": "withdrawn" if withdrawn else "active",
                "issuer": EXCHANGE_NAME,
                "recipientId": recipient.pk,
                "reference": reference,
                "fields": list(fields),
                "grantedAt": _event_time(consented_at)[1],
                "withdrawnAt": _event_time(withdrawn_at)[1] if withdrawn_at else None,
            },
        }
        document = receipt_sign(receipt, receipt_private_key()).decode("utf-8")
    return ConsentReceipt.objects.create(receipt_id=receipt_uuid, user=user, recipient=recipient, event=event, document=document)


__all__ = ["receipt_issue", "disclosure_receipt_issue", "principal_id", "canonical"]
