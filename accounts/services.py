"""Writes for accounts and merchant organisations."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.files import storage_writing
from config.uploads import EXTENSIONS, NotADocument, document_type

from . import credit_code
from .audit import audit_record
from .exceptions import MerchantError, RoleForbidden
from .lock_objects import memberships_for_update
from .models import Membership, Merchant, User
from .roles import Capability, capability_require, role_can
from .signals import membership_ended, user_deactivated


@transaction.atomic
def merchant_create(*, owner: User, name: str, industry: str, is_provider: bool = False, is_buyer: bool = True) -> Merchant:
    """Create a merchant organisation with `owner` as its owner. It starts unverified."""
    name = name.strip()
    if Merchant.objects.filter(name__iexact=name).exists():
        raise MerchantError(
            _("An organisation named “%(name)s” already exists; ask its owner for an invite code.") % {"name": name},
            code="merchant_name_taken",
        )
    try:
        with transaction.atomic():
            merchant = Merchant.objects.create(name=name, industry=industry, is_provider=is_provider, is_buyer=is_buyer)
    except IntegrityError as exc:
        raise MerchantError(
            _("An organisation named “%(name)s” already exists.") % {"name": name}, code="merchant_name_taken"
        ) from exc
    Membership.objects.create(user=owner, merchant=merchant, role=Membership.Role.OWNER)
    if owner.kind != User.Kind.MERCHANT:
        owner.kind = User.Kind.MERCHANT
        owner.save(update_fields=["kind"])
    return merchant


@transaction.atomic
def merchant_join(*, user: User, invite_code: str) -> Membership:
    """Join an existing organisation as a plain member, by the owner's invite code."""
    merchant = Merchant.objects.filter(invite_code=invite_code.strip()).first()
    if merchant is None:
        raise MerchantError(
            _("That invite code is not valid. Ask the organisation's owner for a new one."), code="invalid_invite"
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, merchant=merchant, defaults={"role": Membership.Role.MEMBER}
    )
    if user.kind != User.Kind.MERCHANT:
        user.kind = User.Kind.MERCHANT
        user.save(update_fields=["kind"])
    return membership


def merchant_invite_rotate(*, merchant: Merchant, by: User) -> Merchant:
    """Issue a new invite code; the old one stops working at once."""
    capability_require(user=by, merchant=merchant, capability=Capability.MANAGE_TEAM)
    merchant.invite_code = secrets.token_urlsafe(12)
    merchant.save(update_fields=["invite_code"])
    audit_record(action="merchant.invite_rotated", actor_id=by.pk, object_type="merchant", object_id=merchant.pk)
    return merchant


@transaction.atomic
def membership_role_change(*, membership: Membership, role: str, by: User) -> Membership:
    """Only an owner changes roles, and an organisation always keeps at least one owner."""
    if role not in Membership.Role.values:
        raise MerchantError(_("Choose a valid role."), code="invalid_role")
    team = {m.pk: m for m in memberships_for_update(membership.merchant_id)}
    actor = next((m for m in team.values() if m.user_id == by.pk), None)
    if actor is None or not role_can(actor.role, Capability.CHANGE_ROLES):
        raise RoleForbidden(_("Only an owner can change roles."))
    target = team[membership.pk]
    owners = [m for m in team.values() if m.role == Membership.Role.OWNER]
    if target.role == Membership.Role.OWNER and role != Membership.Role.OWNER and len(owners) == 1:
        raise MerchantError(_("The organisation needs at least one owner: make someone else owner first."), code="last_owner")
    previous = target.role
    target.role = role
    target.save(update_fields=["role"])
    audit_record(
        action="membership.role_changed",
        actor_id=by.pk,
        subject_id=target.user_id,
        object_type="merchant",
        object_id=target.merchant_id,
        data={"from": previous, "to": role},
    )
    return target


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """An owner or administrator removes someone; administrators cannot remove owners; the last owner stays."""
    team = {m.pk: m for m in memberships_for_update(membership.merchant_id)}
    actor = next((m for m in team.values() if m.user_id == by.pk), None)
    if actor is None or not role_can(actor.role, Capability.MANAGE_TEAM):
        raise RoleForbidden(_("Only the organisation's owner or an administrator can manage its team."))
    target = team[membership.pk]
    if target.role == Membership.Role.OWNER:
        owners = [m for m in team.values() if m.role == Membership.Role.OWNER]
        if actor.role != Membership.Role.OWNER:
            raise RoleForbidden(_("Only an owner can remove an owner."))
        if len(owners) == 1:
            raise MerchantError(_("The organisation needs at least one owner: make someone else owner first."), code="last_owner")
    membership_end(membership=target, by=by)


@transaction.atomic
def membership_end(*, membership: Membership, by: User) -> None:
    """Delete a membership, audit it, and announce it (the exchange revokes the person's API keys there).

    Callers check who may do it: `membership_remove` for the team page, the admin for staff.
    """
    user_id, merchant_id = membership.user_id, membership.merchant_id
    membership.delete()
    audit_record(
        action="membership.removed",
        actor_id=by.pk,
        subject_id=user_id,
        object_type="merchant",
        object_id=merchant_id,
    )
    membership_ended.send(sender=Membership, user_id=user_id, merchant_id=merchant_id)


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> User:
    """Close an account's access: no login, and every API key the person created stops working."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    audit_record(action="user.deactivated", actor_id=by.pk, subject_id=user.pk, object_type="user", object_id=user.pk)
    user_deactivated.send(sender=User, user_id=user.pk)
    return user


PROFILE_FIELDS = (
    "credit_code",
    "contact_name",
    "contact_phone",
    "contact_email",
    "registered_address",
    "invoice_phone",
    "bank_name",
    "bank_account",
)
LICENCE_TYPES = {"application/pdf", "image/png", "image/jpeg"}
MAX_LICENCE_BYTES = 10 * 1024 * 1024


def _licence_checked(upload) -> str:
    """The licence's file extension, from its content; a clear refusal for anything else."""
    if upload.size > MAX_LICENCE_BYTES:
        raise MerchantError(_("The business licence is larger than 10 MB."), code="licence_size")
    data = upload.read()
    upload.seek(0)
    try:
        mime = document_type(data, LICENCE_TYPES)
    except NotADocument as exc:
        raise MerchantError(
            _("Upload the business licence as a PDF, PNG or JPEG of at most 10 MB; this file is not one that opens."),
            code="invalid_licence",
        ) from exc
    return EXTENSIONS[mime]


@transaction.atomic
def merchant_profile_update(*, merchant: Merchant, by: User, business_licence=None, **fields: str) -> Merchant:
    """The owner fills in the onboarding profile: credit code, contacts, invoice details, licence.

    The credit code is checked against its GB 32100 check character. Changing the
    code or the licence of a verified merchant sends it back to verification.
    """
    capability_require(user=by, merchant=merchant, capability=Capability.MANAGE_PROFILE)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise MerchantError(_("Unknown profile fields."), code="invalid_fields")
    cleaned = {name: str(value).strip() for name, value in fields.items()}
    if "credit_code" in cleaned:
        code = credit_code.normalise(cleaned["credit_code"])
        if code and not credit_code.is_valid(code):
            raise MerchantError(
                _(
                    "“%(code)s” is not a valid unified social credit code: it must have 18 characters "
                    "and end with the GB 32100 check character."
                )
                % {"code": code},
                code="invalid_credit_code",
                fields={"credit_code": [_("Check the code on your business licence.")]},
            )
        if code and Merchant.objects.filter(credit_code=code).exclude(pk=merchant.pk).exists():
            raise MerchantError(_("Another organisation is registered with this credit code."), code="credit_code_taken")
        cleaned["credit_code"] = code
    identity_changed = business_licence is not None or (
        "credit_code" in cleaned and cleaned["credit_code"] != merchant.credit_code
    )
    if business_licence is not None:
        extension = _licence_checked(business_licence)
        # The stored name follows the content: "licence.html" holding a PDF is kept as a .pdf.
        with storage_writing():  # the store away: nothing is saved and the owner is asked to try again
            merchant.business_licence.save(f"licence.{extension}", business_licence, save=False)
    for name, value in cleaned.items():
        setattr(merchant, name, value)
    if identity_changed and merchant.status == Merchant.Status.VERIFIED:
        merchant.status = Merchant.Status.PENDING
        merchant.status_reason = str(_("Credit code or licence changed; awaiting verification again."))
        merchant.verified_at = None
    merchant.save()
    return merchant


@transaction.atomic
def merchant_verify(*, merchant: Merchant, by: User) -> Merchant:
    """Staff verification: the merchant may now sell and buy personal-data products."""
    if not by.is_staff:
        raise MerchantError(_("Only exchange staff can verify merchants."), code="not_allowed")
    if not merchant.credit_code or not credit_code.is_valid(merchant.credit_code):
        raise MerchantError(
            _("%(name)s has no valid unified social credit code; it cannot be verified yet.") % {"name": merchant.name},
            code="credit_code_required",
        )
    merchant.status = Merchant.Status.VERIFIED
    merchant.status_reason = ""
    merchant.verified_at = timezone.now()
    merchant.status_changed_by = by
    merchant.status_changed_at = merchant.verified_at
    merchant.save(update_fields=["status", "status_reason", "verified_at", "status_changed_by", "status_changed_at"])
    return merchant


@transaction.atomic
def merchant_suspend(*, merchant: Merchant, by: User, reason: str) -> Merchant:
    """Staff suspend a merchant with a reason. A suspended merchant can neither buy, sell nor download."""
    if not reason.strip():
        raise MerchantError(_("A suspension needs a reason."), code="reason_required")
    merchant.status = Merchant.Status.SUSPENDED
    merchant.status_reason = reason.strip()
    merchant.status_changed_by = by
    merchant.status_changed_at = timezone.now()
    merchant.save(update_fields=["status", "status_reason", "status_changed_by", "status_changed_at"])
    return merchant
