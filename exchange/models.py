import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.fields import EncryptedTextField
from accounts.models import Merchant
from consent.models import ConsentGrant, Purpose


class DataProduct(models.Model):
    class Kind(models.TextChoices):
        DATASET = "dataset", _("Dataset (uploaded business data)")
        RECORDS = "records", _("De-identified records")
        STATISTICS = "statistics", _("Statistics")
        QUERY = "query", _("Query service")

    class Category(models.TextChoices):
        TALENT = "talent", _("Talent and recruiting")
        MAPS = "maps", _("Maps and geodata")
        CREDIT = "credit", _("Credit and risk")
        ENERGY = "energy", _("Energy")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved and listed")
        REJECTED = "rejected", _("Rejected")

    class Technique(models.TextChoices):
        FULL_DOMAIN = "full-domain", _("Optimal full-domain generalisation")
        MONDRIAN = "mondrian", _("Mondrian local recoding (ranges and sets)")

    class Loss(models.TextChoices):
        DM = "dm", _("Discernibility (DM)")
        GCP = "gcp", _("Global certainty penalty (GCP)")

    class Weighting(models.TextChoices):
        EQUAL = "equal", _("Equal: every member weighs 1")
        COMPLETENESS = "completeness", _("By completeness: 1 + each released field the member filled in")

    PERSONAL_KINDS = (Kind.RECORDS, Kind.STATISTICS, Kind.QUERY)
    # Changing any of these after review sends the product back to review.
    PRIVACY_FIELDS = (
        "k",
        "max_suppression_bps",
        "quasi_identifiers",
        "include_skills",
        "m",
        "technique",
        "loss",
        "sensitive_attribute",
        "l_diversity",
        "epsilon",
        "min_people",
        "purpose",
        "weighting",
    )

    provider = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="products", verbose_name=_("provider"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices, default=Category.TALENT)
    purpose = models.CharField(_("consent purpose"), max_length=16, choices=Purpose.choices, blank=True)
    price_fen = models.PositiveBigIntegerField(_("price (¥)"))
    k = models.PositiveSmallIntegerField(_("k (smallest group size)"), default=5)
    max_suppression_bps = models.PositiveSmallIntegerField(_("suppression cap (% of records)"), default=500)
    quasi_identifiers = models.JSONField(_("quasi-identifiers released"), default=list, blank=True)
    include_skills = models.BooleanField(_("include skills"), default=True)
    m = models.PositiveSmallIntegerField(_("m (skills an attacker may know)"), default=2)
    technique = models.CharField(_("technique"), max_length=12, choices=Technique.choices, default=Technique.FULL_DOMAIN)
    loss = models.CharField(_("utility loss minimised"), max_length=4, choices=Loss.choices, default=Loss.DM)
    sensitive_attribute = models.CharField(_("sensitive attribute (l-diversity)"), max_length=32, blank=True)
    l_diversity = models.PositiveSmallIntegerField(_("l (distinct sensitive values per group)"), default=1)
    licence = models.TextField(_("licence terms"), blank=True)
    commission_bps = models.PositiveSmallIntegerField(_("commission override (%)"), null=True, blank=True)
    pool_bps = models.PositiveSmallIntegerField(_("subject pool override (%)"), null=True, blank=True)
    status = models.CharField(_("review status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    source_file = models.FileField(_("source data file (datasets)"), upload_to="sources/", blank=True)
    legal_opinion = models.FileField(_("legal opinion (PDF)"), upload_to="legal/", blank=True)
    review_notes = models.TextField(_("review notes"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    # Differential privacy (statistics and query service) and the subject pool's split.
    epsilon = models.DecimalField(_("ε per release or query"), max_digits=6, decimal_places=3, default=Decimal("0.500"))
    min_people = models.PositiveSmallIntegerField(_("suppress results from fewer people than"), default=10)
    weighting = models.CharField(_("weighting rule"), max_length=16, choices=Weighting.choices, default=Weighting.EQUAL)
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    # Orders not refunded, kept by the order services (placing +1, refunding -1) so that the
    # catalog sorts by popularity through an index instead of counting every product's orders.
    sales_count = models.PositiveIntegerField(_("sales"), default=0, editable=False)

    class Meta:
        verbose_name = _("data product")
        verbose_name_plural = _("data products")
        ordering = ["-created_at"]
        # The catalog lists approved products newest first or by price, a page at a time:
        # these let the database read one page in order instead of sorting every match.
        indexes = [
            models.Index(fields=["status", "-id"], name="product_catalog_newest"),
            models.Index(fields=["status", "price_fen", "id"], name="product_catalog_price"),
            models.Index(fields=["status", "-sales_count", "-id"], name="product_catalog_popular"),
            models.Index(fields=["status", "title", "id"], name="product_catalog_title"),
            # The page's COUNT reads only this index (status and the provider whose status it joins).
            models.Index(fields=["status", "provider"], name="product_catalog_provider"),
        ]
        # On PostgreSQL the search document is a stored generated tsvector column with a GIN
        # index, and titles have a trigram GIN index (exchange/migrations/0010_catalog_search.py);
        # neither is a model field, so SQLite keeps working without them.
        constraints = [
            models.CheckConstraint(condition=models.Q(k__gte=2), name="product_k_at_least_2"),
            models.CheckConstraint(condition=models.Q(m__gte=1), name="product_m_at_least_1"),
            models.CheckConstraint(condition=models.Q(max_suppression_bps__lte=10000), name="product_suppression_bps"),
            models.CheckConstraint(condition=models.Q(epsilon__gt=0), name="product_epsilon_positive"),
            models.CheckConstraint(condition=models.Q(min_people__gte=2), name="product_min_people_at_least_2"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_personal(self) -> bool:
        return self.kind in self.PERSONAL_KINDS

    @property
    def is_listed(self) -> bool:
        return self.status == self.Status.APPROVED


class ProductVersion(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn: contains a person who withdrew consent")

    product = models.ForeignKey(DataProduct, on_delete=models.PROTECT, related_name="versions", verbose_name=_("product"))
    number = models.PositiveIntegerField(verbose_name=_("version number"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status"))
    progress = models.PositiveSmallIntegerField(default=0, verbose_name=_("build progress (%)"))
    artefact = models.FileField(upload_to="artefacts/", blank=True, verbose_name=_("artefact"))
    artefact_sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("artefact SHA-256"))
    artefact_parquet = models.FileField(upload_to="artefacts/", blank=True, verbose_name=_("artefact (Parquet)"))
    privacy_report = models.JSONField(default=dict, blank=True, verbose_name=_("privacy and utility report"))
    member_count = models.PositiveIntegerField(default=0, verbose_name=_("people"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    # When the build task was last sent, and when a worker claimed it: the recovery
    # sweep re-sends a lost task and fails a build whose worker died.
    dispatched_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dispatched at"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    built_at = models.DateTimeField(null=True, blank=True, verbose_name=_("built at"))

    class Meta:
        verbose_name = _("product version")
        verbose_name_plural = _("product versions")
        ordering = ["product", "-number"]
        constraints = [models.UniqueConstraint(fields=["product", "number"], name="version_number_unique")]

    def __str__(self) -> str:
        return f"{self.product} v{self.number}"

    @property
    def is_sellable(self) -> bool:
        return self.status == self.Status.READY


class VersionMember(models.Model):
    """Exactly who is in a version, under which consent, with which weight."""

    version = models.ForeignKey(ProductVersion, on_delete=models.CASCADE, related_name="members", verbose_name=_("version"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="version_memberships", verbose_name=_("user")
    )
    grant = models.ForeignKey(
        ConsentGrant, on_delete=models.PROTECT, related_name="version_memberships", verbose_name=_("consent grant")
    )
    weight = models.PositiveIntegerField(default=1)
    # Position of the member's row in the artefact (records), to cut a per-buyer copy.
    row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="member_once_per_version"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="member_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.version} member {self.user_id}"


class Order(models.Model):
    class Status(models.TextChoices):
        PAID = "paid", _("Paid, settling")
        SETTLED = "settled", _("Settled")
        REFUNDED = "refunded", _("Refunded")

    buyer = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="orders", verbose_name=_("buyer"))
    version = models.ForeignKey(ProductVersion, on_delete=models.PROTECT, related_name="orders", verbose_name=_("version"))
    price_fen = models.PositiveBigIntegerField(verbose_name=_("price (¥)"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PAID, verbose_name=_("status"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("placed by")
    )
    idempotency_key = models.CharField(max_length=100, blank=True, verbose_name=_("idempotency key"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    settled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("settled at"))

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "idempotency_key"], condition=~models.Q(idempotency_key=""), name="order_idempotency_unique"
            )
        ]

    def __str__(self) -> str:
        return f"order #{self.pk}"

    @property
    def reference(self) -> str:
        return f"order:{self.pk}"


class Outbox(models.Model):
    """Messages that must leave the process, committed with the change that caused them."""

    topic = models.CharField(max_length=40, verbose_name=_("topic"))
    key = models.CharField(max_length=100, unique=True, verbose_name=_("message key"))
    payload = models.JSONField(default=dict, verbose_name=_("payload"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("processed at"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last sent at"))

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return self.key


class DownloadLog(models.Model):
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="downloads", verbose_name=_("order"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("user")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("download record")
        verbose_name_plural = _("download records")

    def __str__(self) -> str:
        return f"download of {self.order} at {self.created_at:%Y-%m-%d %H:%M}"


class ApiKey(models.Model):
    """A merchant's API key. Only a hash is stored; the key is shown once."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="api_keys", verbose_name=_("merchant"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True, verbose_name=_("prefix"))
    hashed_key = models.CharField(max_length=64, verbose_name=_("hashed key"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.merchant} · {self.name} ({self.prefix}…)"

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def generate() -> tuple[str, str]:
        prefix = secrets.token_hex(4)
        return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


# --- Issue 5: buyer side (listing attributes, price plans, subscriptions, credits, refunds) ---


class ProductListing(models.Model):
    """Catalog attributes of a product that buyers filter on."""

    class Frequency(models.TextChoices):
        ONCE = "once", _("One-off")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    product = models.OneToOneField(DataProduct, on_delete=models.CASCADE, related_name="listing", verbose_name=_("product"))
    update_frequency = models.CharField(_("update frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE)

    class Meta:
        verbose_name = _("catalog listing")
        verbose_name_plural = _("catalog listings")
        indexes = [models.Index(fields=["update_frequency"])]

    def __str__(self) -> str:
        return f"{self.product} ({self.update_frequency})"


class PricePlan(models.Model):
    """How a product is sold: one-off, a subscription, a pack of query credits, or a private offer."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("One-off purchase of the current version")
        MONTHLY = "monthly", _("Monthly subscription")
        YEARLY = "yearly", _("Yearly subscription")
        CREDITS = "credits", _("Query credits")

    SUBSCRIPTION_KINDS = (Kind.MONTHLY, Kind.YEARLY)

    product = models.ForeignKey(DataProduct, on_delete=models.CASCADE, related_name="plans", verbose_name=_("product"))
    kind = models.CharField(_("plan"), max_length=10, choices=Kind.choices)
    price_fen = models.PositiveBigIntegerField(_("price (¥)"))
    credits = models.PositiveIntegerField(_("query credits"), default=0)
    private_buyer = models.ForeignKey(
        Merchant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="private_offers",
        verbose_name=_("private offer for"),
    )
    is_active = models.BooleanField(_("on offer"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("price plan")
        verbose_name_plural = _("price plans")
        ordering = ["product", "price_fen", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price_fen__gt=0), name="plan_price_positive"),
            models.CheckConstraint(
                condition=(models.Q(kind="credits", credits__gt=0) | (~models.Q(kind="credits") & models.Q(credits=0))),
                name="plan_credits_only_for_credit_packs",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.get_kind_display()}"

    @property
    def is_subscription(self) -> bool:
        return self.kind in self.SUBSCRIPTION_KINDS


class Subscription(models.Model):
    """Access to every new version of a product while active; renewed from the wallet."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Renewal failed: wallet balance too low")
        CANCELLED = "cancelled", _("Cancelled")
        ENDED = "ended", _("Ended")

    LIVE = (Status.ACTIVE,)

    buyer = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("buyer"))
    plan = models.ForeignKey(PricePlan, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("price plan"))
    product = models.ForeignKey(DataProduct, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("product"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE, verbose_name=_("status"))
    current_period_end = models.DateTimeField(verbose_name=_("current period ends"))
    cancel_at_period_end = models.BooleanField(default=False, verbose_name=_("cancels at period end"))
    renewal_error = models.TextField(blank=True, verbose_name=_("renewal error"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "product"], condition=models.Q(status="active"), name="one_active_subscription_per_product"
            )
        ]
        indexes = [models.Index(fields=["status", "current_period_end"])]

    def __str__(self) -> str:
        return f"{self.buyer} → {self.product} ({self.status})"


class OrderTerms(models.Model):
    """What an order bought beyond its version: the plan, the subscription period, the credits."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="terms", verbose_name=_("order"))
    plan = models.ForeignKey(
        PricePlan, null=True, blank=True, on_delete=models.PROTECT, related_name="order_terms", verbose_name=_("price plan")
    )
    subscription = models.ForeignKey(Subscription, null=True, blank=True, on_delete=models.PROTECT, related_name="orders")
    credits = models.PositiveIntegerField(default=0)
    # What the idempotent request asked for: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"terms of {self.order}"


class QueryCredit(models.Model):
    """A buyer's remaining query credits for one query-service product."""

    buyer = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="query_credits", verbose_name=_("buyer"))
    product = models.ForeignKey(DataProduct, on_delete=models.PROTECT, related_name="query_credits", verbose_name=_("product"))
    remaining = models.PositiveIntegerField(default=0, verbose_name=_("queries remaining"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("query credits")
        verbose_name_plural = _("query credits")
        constraints = [models.UniqueConstraint(fields=["buyer", "product"], name="query_credit_unique")]

    def __str__(self) -> str:
        return f"{self.buyer} · {self.product}: {self.remaining}"


class OrderRefund(models.Model):
    """Staff refunded an order: who, when and why. Access ends with it."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="refund", verbose_name=_("order"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("refunded by"))
    reason = models.TextField(verbose_name=_("reason"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("order refund")
        verbose_name_plural = _("order refunds")

    def __str__(self) -> str:
        return f"refund of {self.order}"


class ApiIdempotency(models.Model):
    """The first response to an API request with an `Idempotency-Key`, replayed for retries for 24 hours."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="+", verbose_name=_("merchant"))
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["merchant", "key"], name="api_idempotency_unique")]
        indexes = [models.Index(fields=["created_at"], name="api_idempotency_created")]  # the hourly purge

    def __str__(self) -> str:
        return self.key


# --- issue 4: privacy budget, clean-room query log, notices to buyers --------------------------


class PrivacyBudget(models.Model):
    """ε a person has spent across every release and query, in micro-ε (exact integer sums)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_budget", verbose_name=_("user")
    )
    spent_micro = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("privacy budget")
        verbose_name_plural = _("privacy budgets")

    def __str__(self) -> str:
        return f"budget of {self.user_id}: {self.spent_micro} µε"


class BudgetSpend(models.Model):
    """One release, reserve, query or return: ε charged to (or given back to) ``people`` persons.

    A release or reserve charged ``epsilon_micro`` to each of ``people`` lifetime
    budgets. A query charged ``epsilon_micro`` against its version's allowance
    (``QueryAllowance``), not against budgets; ``filters`` and ``buyer`` keep what it
    matched, so that the version's return can work out each member's real spend. A
    return gave back ``epsilon_micro`` in all, spread over ``people`` members.
    """

    class Source(models.TextChoices):
        BUILD = "build", _("Statistics release")
        RESERVE = "reserve", _("Query allowance reserved")
        QUERY = "query", _("Clean-room query")
        RETURN = "return", _("Unspent query allowance returned")

    source = models.CharField(max_length=8, choices=Source.choices)
    product = models.ForeignKey(DataProduct, on_delete=models.PROTECT, related_name="budget_spends", verbose_name=_("product"))
    version = models.ForeignKey(
        ProductVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    epsilon_micro = models.PositiveBigIntegerField()
    people = models.PositiveIntegerField()
    # A query's plan filters, as (field, op, value) lists; [] matches every member.
    filters = models.JSONField(null=True, blank=True)
    buyer = models.ForeignKey(
        Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("buyer")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        indexes = [models.Index(fields=["version", "source"], name="budget_spend_version_source")]

    def __str__(self) -> str:
        return f"{self.source} spend {self.epsilon_micro} µε × {self.people}"


class QueryAllowance(models.Model):
    """The ε a query-service version reserved from each member's lifetime budget, and what its queries spent.

    Every query of the version adds its ε to ``spent_micro`` (never past
    ``allowance_micro``), so no member spends more than ``spent_micro`` inside it.
    Settling gives each member back what they did not spend, once.
    """

    version = models.OneToOneField(
        ProductVersion, on_delete=models.PROTECT, related_name="query_allowance", verbose_name=_("version")
    )
    allowance_micro = models.PositiveBigIntegerField()
    spent_micro = models.PositiveBigIntegerField(default=0)
    settled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("settled at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("query allowance")
        verbose_name_plural = _("query allowances")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(spent_micro__lte=models.F("allowance_micro")), name="query_allowance_not_overspent"
            )
        ]

    def __str__(self) -> str:
        return f"allowance of {self.version_id}: {self.spent_micro}/{self.allowance_micro} µε"


class QueryLog(models.Model):
    """Every clean-room query, answered, suppressed or refused."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        SUPPRESSED = "suppressed", _("Suppressed: too few people")
        REFUSED = "refused", _("Refused")

    product = models.ForeignKey(DataProduct, on_delete=models.PROTECT, related_name="query_logs", verbose_name=_("product"))
    version = models.ForeignKey(
        ProductVersion, null=True, on_delete=models.PROTECT, related_name="query_logs", verbose_name=_("version")
    )
    buyer = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="query_logs", verbose_name=_("buyer"))
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    template = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    result = models.JSONField(default=dict, blank=True)
    refusal = models.CharField(max_length=300, blank=True)
    epsilon_micro = models.PositiveBigIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    elapsed_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("clean-room query")
        verbose_name_plural = _("clean-room queries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.template} by {self.buyer_id} ({self.outcome})"


class BuyerNotice(models.Model):
    """A buyer holds a withdrawn version: delete it; here is its replacement."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="notices", verbose_name=_("order"))
    withdrawn_version = models.ForeignKey(ProductVersion, on_delete=models.PROTECT, related_name="+")
    replacement = models.ForeignKey(ProductVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice to a buyer")
        verbose_name_plural = _("notices to buyers")
        constraints = [models.UniqueConstraint(fields=["order", "withdrawn_version"], name="notice_once_per_order_version")]

    def __str__(self) -> str:
        return f"notice for {self.order}"


class QueryPoolRow(models.Model):
    """A query-service version's snapshot of what its members' queries may filter and count.

    Only the attributes the allow-listed templates use; no direct identifier. The
    rows of a withdrawn version are deleted with the withdrawal.
    """

    version = models.ForeignKey(ProductVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("version"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user"))
    province = models.CharField(max_length=20)
    role_category = models.CharField(max_length=20)
    education_level = models.CharField(max_length=16)
    years_experience = models.PositiveSmallIntegerField()
    expected_salary = models.PositiveIntegerField(null=True)
    skills = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="query_pool_once_per_version")]
        indexes = [
            models.Index(fields=["version", "province", "role_category"], name="query_pool_province_role"),
            models.Index(fields=["version", "role_category"], name="query_pool_role"),
        ]

    def __str__(self) -> str:
        return f"pool row of {self.user_id} in {self.version_id}"


class WebhookEndpoint(models.Model):
    """A merchant's HTTPS address that receives signed event messages (as Stripe's webhooks do)."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name=_("merchant"))
    url = models.URLField(_("URL"), max_length=500)
    # Empty: every event type.
    events = models.JSONField(_("event types"), default=list, blank=True)
    # Needed in clear to sign each message, so it is encrypted at rest and shown once at creation.
    secret = EncryptedTextField(_("signing secret"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    disabled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("disabled at"))

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events


class WebhookDelivery(models.Model):
    """One event for one endpoint: committed with the change that caused it, sent and retried from here."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed (no more retries)")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint"))
    event_id = models.CharField(_("event ID"), max_length=40, db_index=True)
    event_type = models.CharField(_("event type"), max_length=60)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    replay_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("replay of")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint_id}"
