import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.fields import EncryptedJSONField, EncryptedTextField
from accounts.models import Merchant


class Purpose(models.TextChoices):
    RECORDS = "records", _("De-identified record in datasets sold to verified employers")
    STATISTICS = "statistics", _("Aggregate statistics and approved queries")
    TALENT = "talent", _("Let verified employers find me anonymously and send me paid invitations")


class EducationLevel(models.TextChoices):
    HIGH_SCHOOL = "high_school", _("High school or below")
    ASSOCIATE = "associate", _("Associate degree (大专)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    UNSPECIFIED = "U", _("Prefer not to say")


class Industry(models.TextChoices):
    INTERNET = "internet", _("Internet and software")
    FINANCE = "finance", _("Finance")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    EDUCATION = "education", _("Education")
    HEALTHCARE = "healthcare", _("Healthcare")
    RETAIL = "retail", _("Retail and e-commerce")
    LOGISTICS = "logistics", _("Logistics")
    PUBLIC = "public", _("Public sector")
    OTHER = "other", _("Other")


class RoleCategory(models.TextChoices):
    ENGINEERING = "engineering", _("Engineering")
    DATA = "data", _("Data and analytics")
    PRODUCT = "product", _("Product and design")
    SALES = "sales", _("Sales and marketing")
    FINANCE = "finance", _("Finance and accounting")
    OPERATIONS = "operations", _("Operations")
    HR = "hr", _("Human resources")
    OTHER = "other", _("Other")


class Resume(models.Model):
    """A jobseeker's resume. Contact details and employer are encrypted at rest."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft: not used until you confirm it")
        CONFIRMED = "confirmed", _("Confirmed")

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume", verbose_name=_("owner")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Direct identifiers: encrypted, never in any product.
    full_name = EncryptedTextField(_("full name"))
    phone = EncryptedTextField(_("phone"), blank=True)
    contact_email = EncryptedTextField(_("contact e-mail"), blank=True)
    current_employer = EncryptedTextField(_("current or last employer"), blank=True)
    # Quasi-identifiers and attributes: generalised before they leave.
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default=Gender.UNSPECIFIED)
    province = models.CharField(_("province"), max_length=20)
    city = models.CharField(_("city"), max_length=40, blank=True)
    education_level = models.CharField(_("education level"), max_length=16, choices=EducationLevel.choices)
    field_of_study = models.CharField(_("field of study"), max_length=100, blank=True)
    years_experience = models.PositiveSmallIntegerField(_("years of experience"))
    current_title = models.CharField(_("current or last job title"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices, default=Industry.OTHER)
    role_category = models.CharField(_("role category"), max_length=20, choices=RoleCategory.choices, default=RoleCategory.OTHER)
    desired_role = models.CharField(_("desired role"), max_length=100, blank=True)
    expected_salary = models.PositiveIntegerField(_("expected monthly salary (yuan)"), null=True, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)  # vocabulary ids only
    # Skills in the person's own words, outside the vocabulary: shown on their profile, never matched, counted or
    # released. Free text may name anything, so it is encrypted like the history below.
    other_skills = EncryptedJSONField(_("other skills"), null=True, blank=True)
    # Structured history after JSON Resume's `work` ({name, position, startDate, endDate}); it names
    # employers, so it is encrypted. The flat fields above stay what builds read.
    work_history = EncryptedJSONField(_("work history"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("resume")
        verbose_name_plural = _("resumes")
        constraints = [models.CheckConstraint(condition=models.Q(birth_year__gte=1900), name="resume_birth_year_sane")]

    def __str__(self) -> str:
        return f"resume #{self.pk}"


class ConsentNotice(models.Model):
    """What a person is asked to agree to. Immutable once published: changes are a new version."""

    provider = models.ForeignKey(
        Merchant, on_delete=models.PROTECT, related_name="consent_notices", verbose_name=_("personal-information handler")
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_zh = models.TextField(_("notice text (Chinese)"))
    body_en = models.TextField(_("notice text (English)"))
    handler_contact = models.CharField(_("handler contact"), max_length=200)
    recipients = models.CharField(_("categories of recipients (Chinese)"), max_length=300)
    processing_methods = models.CharField(_("processing methods (Chinese)"), max_length=300)
    fields_used = models.CharField(_("fields used (Chinese)"), max_length=500)
    retention = models.CharField(_("retention period (Chinese)"), max_length=100)
    revenue_share = models.CharField(_("revenue-share terms (Chinese)"), max_length=300)
    # English versions; a notice published before they existed shows the text above in both languages.
    recipients_en = models.CharField(_("categories of recipients (English)"), max_length=300, blank=True)
    processing_methods_en = models.CharField(_("processing methods (English)"), max_length=300, blank=True)
    fields_used_en = models.CharField(_("fields used (English)"), max_length=500, blank=True)
    retention_en = models.CharField(_("retention period (English)"), max_length=100, blank=True)
    revenue_share_en = models.CharField(_("revenue-share terms (English)"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("consent notice")
        verbose_name_plural = _("consent notices")
        constraints = [models.UniqueConstraint(fields=["provider", "purpose", "version"], name="notice_version_unique")]
        ordering = ["provider", "purpose", "-version"]

    def __str__(self) -> str:
        return f"{self.provider} · {self.get_purpose_display()} · v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    DETAILS = ("recipients", "processing_methods", "fields_used", "retention", "revenue_share")

    def details(self, language: str) -> dict[str, str]:
        """Recipients, methods, fields, retention and revenue share in the reader's language."""
        english = not language.startswith("zh")
        return {
            name: (getattr(self, f"{name}_en") or getattr(self, name)) if english else getattr(self, name)
            for name in self.DETAILS
        }

    def text(self, language: str) -> str:
        """The exact text shown to the person, whose hash the grant stores."""
        zh = language.startswith("zh")
        details = self.details(language)
        parts = [
            self.title_zh if zh else self.title_en,
            self.body_zh if zh else self.body_en,
            self.handler_contact,
            *(details[name] for name in self.DETAILS),
        ]
        return "\n".join(parts)

    def text_hash(self, language: str) -> str:
        return hashlib.sha256(self.text(language).encode()).hexdigest()


class ConsentGrant(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", _("Web portal")
        API = "api", _("API")

    # SET_NULL: after an account is erased, its (withdrawn) grants remain as the record of what was
    # agreed, under no one's name; product versions still point at them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="consent_grants", verbose_name=_("user")
    )
    notice = models.ForeignKey(ConsentNotice, on_delete=models.PROTECT, related_name="grants", verbose_name=_("consent notice"))
    purpose = models.CharField(max_length=16, choices=Purpose.choices, verbose_name=_("purpose"))
    provider = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider"))
    language = models.CharField(max_length=10, verbose_name=_("language"))
    text_hash = models.CharField(max_length=64, verbose_name=_("hash of the text shown"))
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB, verbose_name=_("channel"))
    granted_at = models.DateTimeField(auto_now_add=True, verbose_name=_("granted at"))
    withdrawn_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("withdrawn at"))

    class Meta:
        verbose_name = _("consent grant")
        verbose_name_plural = _("consent grants")
        constraints = [
            # At most one active grant per person, provider and purpose.
            models.UniqueConstraint(
                fields=["user", "provider", "purpose"], condition=models.Q(withdrawn_at__isnull=True), name="grant_one_active"
            )
        ]
        indexes = [models.Index(fields=["provider", "purpose", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"grant #{self.pk} {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ResumeUpload(models.Model):
    """An uploaded resume file on its way to the form: stored encrypted, parsed by a task.

    Nothing here is used by any product: the parsed fields only pre-fill the form the
    person reviews. A refused file keeps no content (no file, no text, no fields).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be read")
        PARSING = "parsing", _("Reading your resume")
        PARSED = "parsed", _("Read: please review")
        FAILED = "failed", _("Could not be used")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_uploads", verbose_name=_("owner")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status"))
    progress = models.PositiveSmallIntegerField(default=0, verbose_name=_("build progress (%)"))
    error_code = models.CharField(max_length=32, blank=True)
    kind = models.CharField(max_length=8, blank=True, verbose_name=_("kind"))
    size = models.PositiveIntegerField(default=0)
    # A scan is read page by page with OCR; the progress page shows how far it is.
    pages = models.PositiveSmallIntegerField(default=0)
    pages_read = models.PositiveSmallIntegerField(default=0)
    original_name = EncryptedTextField(blank=True)  # file names often carry the person's name
    stored_name = models.CharField(max_length=200, blank=True)  # random name of the encrypted blob
    text = EncryptedTextField(blank=True)
    parsed = EncryptedJSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))  # when a worker claimed the parse
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("resume upload")
        verbose_name_plural = _("resume uploads")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"upload #{self.pk} ({self.status})"

    @property
    def page_states(self) -> list[dict]:
        """Each scanned page and whether OCR has read it yet, for the progress page."""
        return [{"number": number, "done": number <= self.pages_read} for number in range(1, self.pages + 1)]


class ConsentReceipt(models.Model):
    """A signed receipt for one consent event, kept as the exact bytes handed to the person."""

    class Event(models.TextChoices):
        GRANT = "grant", _("Consent given")
        WITHDRAWAL = "withdrawal", _("Consent withdrawn")
        DELETION = "deletion", _("Account deleted")
        # PIPL Art. 23: a separate consent to provide personal information to one named recipient.
        DISCLOSURE = "disclosure", _("Contact details provided to an employer")
        DISCLOSURE_WITHDRAWN = "disclosure_withdrawn", _("Consent to provide contact details withdrawn")

    receipt_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, verbose_name=_("receipt ID"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="consent_receipts", verbose_name=_("user")
    )
    grant = models.ForeignKey(
        ConsentGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="receipts", verbose_name=_("consent grant")
    )
    event = models.CharField(max_length=24, choices=Event.choices, verbose_name=_("event"))
    # The organisation a disclosure receipt names (grants name theirs through the grant).
    recipient = models.ForeignKey(
        Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    document = models.TextField(verbose_name=_("document"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("consent receipt")
        verbose_name_plural = _("consent receipts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"receipt {self.receipt_id} ({self.event})"


class EmployerBlock(models.Model):
    """A merchant that must never receive this person's data (e.g. their current employer)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_blocks", verbose_name=_("user")
    )
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="blocked_by", verbose_name=_("merchant"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("blocked employer")
        verbose_name_plural = _("blocked employers")
        constraints = [models.UniqueConstraint(fields=["user", "merchant"], name="employer_block_unique")]
        indexes = [models.Index(fields=["merchant", "user"])]

    def __str__(self) -> str:
        return f"block #{self.pk}"
