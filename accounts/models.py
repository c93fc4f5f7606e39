import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True, kind=User.Kind.STAFF)
        return self._create(email, password, **extra)


class User(AbstractUser):
    class Kind(models.TextChoices):
        JOBSEEKER = "jobseeker", _("Jobseeker")
        MERCHANT = "merchant", _("Merchant member")
        STAFF = "staff", _("Exchange staff")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    kind = models.CharField(_("account type"), max_length=16, choices=Kind.choices, default=Kind.JOBSEEKER)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_jobseeker(self) -> bool:
        return self.kind == self.Kind.JOBSEEKER

    @property
    def is_merchant(self) -> bool:
        return self.kind == self.Kind.MERCHANT


def _invite_code() -> str:
    return secrets.token_urlsafe(12)


def validate_credit_code(value: str) -> None:
    from django.core.exceptions import ValidationError

    from .credit_code import is_valid, normalise

    if value and not is_valid(normalise(value)):
        raise ValidationError(
            _("This is not a valid unified social credit code: 18 characters whose last one is the GB 32100 check character."),
            code="invalid_credit_code",
        )


class Merchant(models.Model):
    """A merchant organisation: provider, buyer or both."""

    class Industry(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        EMPLOYER = "employer", _("Employer")
        BANKING = "banking", _("Banking and finance")
        MAPPING = "mapping", _("Mapping and geodata")
        CREDIT = "credit", _("Credit services")
        ENERGY = "energy", _("Energy and utilities")
        TECHNOLOGY = "technology", _("Technology")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=200, unique=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True, validators=[validate_credit_code])
    is_provider = models.BooleanField(_("provides products"), default=False)
    is_buyer = models.BooleanField(_("buys products"), default=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField(_("reason for status"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    invite_code = models.CharField(
        max_length=32, unique=True, default=_invite_code, editable=False, verbose_name=_("invite code")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    # Onboarding profile (issue 5): what staff check before verifying, and what a VAT invoice request needs.
    business_licence = models.FileField(_("business licence (PDF or image)"), upload_to="licences/", blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    registered_address = models.CharField(_("registered address"), max_length=200, blank=True)
    invoice_phone = models.CharField(_("phone for invoices"), max_length=30, blank=True)
    bank_name = models.CharField(_("bank of deposit"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account number"), max_length=40, blank=True)
    status_changed_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("status changed by")
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def is_suspended(self) -> bool:
        return self.status == self.Status.SUSPENDED

    @property
    def profile_complete(self) -> bool:
        """Everything staff need to verify: a valid code, a licence and a contact."""
        return bool(self.credit_code and self.business_licence and self.contact_name and self.contact_phone)


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")
        VIEWER = "viewer", _("Viewer (read only)")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("merchant"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "merchant"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.merchant} ({self.role})"

    @property
    def can_manage(self) -> bool:
        """May manage the team (the team page shows its controls by this)."""
        from .roles import Capability, role_can

        return role_can(self.role, Capability.MANAGE_TEAM)


class AuditEvent(models.Model):
    """One append-only, hash-chained audit row.

    Rows carry ids, never personal data, so they can outlive an erased account.
    `hash` covers every field and the previous row's hash: editing or deleting a
    row breaks the chain, which `verify_audit_chain` reports. On PostgreSQL a
    trigger refuses UPDATE and DELETE outright.
    """

    seq = models.PositiveBigIntegerField(unique=True, verbose_name=_("sequence number"))
    created_at = models.DateTimeField(verbose_name=_("created at"))
    # Plain integers, not foreign keys: deleting a user must not rewrite audit rows.
    actor_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("actor (user ID)"))
    subject_id = models.BigIntegerField(null=True, blank=True, db_index=True, verbose_name=_("subject (user ID)"))
    action = models.CharField(max_length=64, verbose_name=_("action"))
    object_type = models.CharField(max_length=64, blank=True, verbose_name=_("object type"))
    object_id = models.CharField(max_length=64, blank=True, verbose_name=_("object ID"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("data"))
    prev_hash = models.CharField(max_length=64, verbose_name=_("previous hash"))
    hash = models.CharField(max_length=64, unique=True, verbose_name=_("hash"))

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class Notification(models.Model):
    """Something a person should know, shown in their portal and sent by e-mail in their language.

    The text is not stored: `kind` and `params` are rendered when read, so a person
    who changes their language reads every notification in the new one.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user"))
    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    params = models.JSONField(default=dict, blank=True, verbose_name=_("details"))
    url = models.CharField(max_length=300, blank=True, verbose_name=_("link"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("e-mailed at"))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.user_id}"
