"""Anonymous talent search and paid invitations (DESIGN §6b).

A jobseeker who grants the talent purpose and sets preferences is in the consented
pool (`PoolRow`, one indexed row per person, plus `PoolTag` rows for set-valued
filters), which searches filter in the database. Employers see only generalised
cards under a per-employer `Handle`; an `Invitation` puts a fee in escrow; an
accepted invitation creates a `Disclosure` of the chosen contact details to that
one organisation, each view of which is a `DisclosureView`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Merchant
from consent.models import ConsentReceipt, EducationLevel, RoleCategory
from payouts.models import JournalEntry

EDUCATION_RANK = {level: rank for rank, level in enumerate(EducationLevel.values)}


class TalentRules(models.Model):
    """The exchange's invitation terms, edited by staff (one row; defaults apply until then)."""

    fee_fen = models.PositiveIntegerField(_("invitation fee (fen)"), default=2000)
    jobseeker_share_bps = models.PositiveSmallIntegerField(_("jobseeker's share of the fee (basis points)"), default=7000)
    employer_daily_cap = models.PositiveSmallIntegerField(_("invitations per employer per day"), default=50)
    expiry_days = models.PositiveSmallIntegerField(_("days before an unanswered invitation expires"), default=7)
    searches_per_hour = models.PositiveSmallIntegerField(_("searches per employer per hour"), default=120)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("invitation terms")
        verbose_name_plural = _("invitation terms")
        constraints = [
            models.CheckConstraint(condition=models.Q(fee_fen__gt=0), name="talent_fee_positive"),
            models.CheckConstraint(condition=models.Q(jobseeker_share_bps__lte=10000), name="talent_share_bps"),
            models.CheckConstraint(condition=models.Q(expiry_days__gte=1), name="talent_expiry_positive"),
        ]

    def __str__(self) -> str:
        return str(_("Invitation terms"))


class TalentProfile(models.Model):
    """What a jobseeker in the talent pool is open to, and what an accepted invitation reveals."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile")
    role_categories = models.JSONField(_("role categories I am open to"), default=list, blank=True)
    provinces = models.JSONField(_("provinces I would work in"), default=list, blank=True)
    remote_ok = models.BooleanField(_("open to remote work"), default=False)
    min_monthly_salary = models.PositiveIntegerField(_("minimum monthly salary (yuan)"), null=True, blank=True)
    reveal_name = models.BooleanField(_("reveal my name"), default=True)
    reveal_email = models.BooleanField(_("reveal my e-mail address"), default=True)
    reveal_phone = models.BooleanField(_("reveal my phone number"), default=False)
    weekly_cap = models.PositiveSmallIntegerField(_("invitations per week at most"), default=5)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("talent preferences")
        verbose_name_plural = _("talent preferences")
        constraints = [models.CheckConstraint(condition=models.Q(weekly_cap__gte=1), name="talent_weekly_cap_positive")]

    def __str__(self) -> str:
        return f"talent preferences of {self.user_id}"

    @property
    def revealed_fields(self) -> list[str]:
        return [name for name in ("name", "email", "phone") if getattr(self, f"reveal_{name}")]


class PoolRow(models.Model):
    """One person in the consented pool: the attributes a search filters on, nothing identifying."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+")
    role_category = models.CharField(max_length=20, choices=RoleCategory.choices)
    province = models.CharField(max_length=20)
    years_experience = models.PositiveSmallIntegerField()
    education_rank = models.PositiveSmallIntegerField()
    education_level = models.CharField(max_length=16)
    expected_salary = models.PositiveIntegerField(null=True)
    min_salary = models.PositiveIntegerField(null=True)
    remote_ok = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["role_category", "province"], name="talent_pool_role_province"),
            models.Index(fields=["province", "years_experience"], name="talent_pool_province_years"),
            models.Index(fields=["expected_salary"], name="talent_pool_salary"),
        ]

    def __str__(self) -> str:
        return f"pool row of {self.user_id}"


class PoolTag(models.Model):
    """Set-valued attributes of a pool row, one row each, so a filter is an indexed lookup."""

    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill")
        OPEN_ROLE = "role", _("Open to role category")
        OPEN_PROVINCE = "province", _("Open to province")

    row = models.ForeignKey(PoolRow, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["row", "kind", "value"], name="talent_tag_once")]
        indexes = [models.Index(fields=["kind", "value", "row"], name="talent_tag_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class Handle(models.Model):
    """The opaque name one employer knows a candidate by (an HMAC of both ids; unlinkable across employers)."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    handle = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["merchant", "handle"], name="talent_handle_unique"),
            models.UniqueConstraint(fields=["merchant", "user"], name="talent_handle_once"),
        ]

    def __str__(self) -> str:
        return self.handle


class SearchLog(models.Model):
    """Every talent search, answered or not: who asked what, and whether cards were shown."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        TOO_FEW = "too_few", _("Too few people matched")
        WITHHELD = "withheld", _("Withheld: the cards failed the privacy check")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="+")
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=8, default="web")
    filters = models.JSONField(default=dict)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    cards = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("talent search")
        verbose_name_plural = _("talent searches")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["merchant", "created_at"], name="talent_search_recent")]

    def __str__(self) -> str:
        return f"search by {self.merchant_id} ({self.outcome})"


class Invitation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired without an answer")
        CANCELLED = "cancelled", _("Cancelled, fee returned")

    class CancelReason(models.TextChoices):
        EMPLOYER = "employer", _("Cancelled by the employer")
        CANDIDATE_LEFT = "candidate_left", _("The candidate left the talent pool")
        SUSPENDED = "suspended", _("The employer was suspended")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="talent_invitations")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # SET_NULL: an erased account leaves the invitation (and its ledger entries) under no one's name.
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="talent_invitations"
    )
    handle = models.CharField(max_length=32)
    job_title = models.CharField(_("job title"), max_length=120)
    job_key = models.CharField(max_length=120)
    description = models.TextField(_("job description"))
    city = models.CharField(_("city"), max_length=40, blank=True)
    remote = models.BooleanField(_("remote"), default=False)
    salary_min = models.PositiveIntegerField(_("monthly salary from (yuan)"))
    salary_max = models.PositiveIntegerField(_("monthly salary to (yuan)"))
    fee_fen = models.PositiveIntegerField()
    share_bps = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    cancel_reason = models.CharField(max_length=16, choices=CancelReason.choices, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)
    escrow_entry = models.OneToOneField(JournalEntry, null=True, on_delete=models.PROTECT, related_name="+")
    outcome_entry = models.OneToOneField(JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    hired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["merchant", "idempotency_key"], condition=~models.Q(idempotency_key=""), name="invitation_idempotency"
            ),
            # One invitation per person per job, whatever its answer (cancelled ones excepted).
            models.UniqueConstraint(
                fields=["merchant", "candidate", "job_key"],
                condition=~models.Q(status="cancelled"),
                name="invitation_once_per_job",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__gt=0, salary_max__gte=models.F("salary_min")), name="invitation_salary_range"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="invitation_due"),
            models.Index(fields=["candidate", "created_at"], name="invitation_candidate_week"),
            models.Index(fields=["merchant", "created_at"], name="invitation_merchant_day"),
        ]

    def __str__(self) -> str:
        return f"invitation #{self.pk}"

    @property
    def reference(self) -> str:
        return f"invitation:{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Disclosure(models.Model):
    """An accepted invitation's contact details, provided to that one organisation until withdrawn."""

    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="disclosure")
    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="+")
    fields = models.JSONField(default=list)
    receipt = models.OneToOneField(ConsentReceipt, on_delete=models.PROTECT, related_name="+")
    withdrawal_receipt = models.OneToOneField(ConsentReceipt, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact disclosure")
        verbose_name_plural = _("contact disclosures")

    def __str__(self) -> str:
        return f"disclosure of {self.invitation_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class DisclosureView(models.Model):
    """One look at disclosed contact details: who, when, through which channel. The person sees these."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=8, default="web")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"view of {self.disclosure_id}"


class DeletionNotice(models.Model):
    """The organisation is told to delete details whose disclosure consent was withdrawn."""

    disclosure = models.OneToOneField(Disclosure, on_delete=models.CASCADE, related_name="deletion_notice")
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"deletion notice for {self.disclosure_id}"


class AbuseReport(models.Model):
    """A jobseeker reported an invitation as abuse; staff decide."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for staff")
        DISMISSED = "dismissed", _("Dismissed")
        SUSPENDED = "suspended", _("Employer suspended")

    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="abuse_report")
    reason = models.TextField(_("what happened"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"abuse report on {self.invitation_id}"
