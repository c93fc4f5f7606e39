"""A general double-entry ledger in integer micros. It knows nothing of products.

Entries and postings are append-only (a PostgreSQL trigger refuses UPDATE and
DELETE); corrections are new entries. `LedgerAccount.balance` is a cache of the
account's posted sum, maintained in the same transaction as every posting and
proved equal by `verify_ledger` — for every account except the jobseekers' own.
On PostgreSQL the database guards all of it (migration 0009): a balance changes only
through `payouts_apply_balances`, an account's kind and owner never change, every
entry balances at commit, postings go only to entries of the same transaction, and
TRUNCATE is refused.

A sale over a million members would otherwise rewrite a million cached balances
(measured: most of the settlement's time). Jobseekers' balances are read one
person at a time, so they are summed from their postings instead (an index on
(account, entry) serves it); a withdrawal sums under the account's row lock, which
every debit of that account takes, so it can never overdraw. Their `balance`
column stays 0 and `verify_ledger` checks that it does.

The exchange's own accounts (bank, revenue, sales and payout clearing, escrow) are
uncached too, for another reason: every purchase and every settlement posts to
them, so a cached balance would be one row that every sale in the country waits
on (measured: purchases serialised on the clearing row, and purchase and
settlement deadlocked on it). Their balances are the sums of their postings,
read by the finance report; nothing locks them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.fields import EncryptedTextField
from accounts.models import Merchant


class LedgerAccount(models.Model):
    class Kind(models.TextChoices):
        BANK = "bank", _("Bank (cash held by the exchange)")
        EXCHANGE_REVENUE = "exchange_revenue", _("Exchange commission")
        SALES_CLEARING = "sales_clearing", _("Sales awaiting settlement")
        PAYOUT_CLEARING = "payout_clearing", _("Payouts in progress")
        MERCHANT_WALLET = "merchant_wallet", _("Merchant wallet")
        PROVIDER_PENDING = "provider_pending", _("Provider earnings (pending)")
        PROVIDER_AVAILABLE = "provider_available", _("Provider earnings (available)")
        SUBJECT_PENDING = "subject_pending", _("Jobseeker earnings (pending)")
        SUBJECT_AVAILABLE = "subject_available", _("Jobseeker earnings (available)")
        ESCROW = "escrow", _("Fees held in escrow")

    # Accounts whose balance is the exchange's own position and may go below zero:
    # the bank (cash held is a debit) and revenue, which bears refunds after the window.
    MAY_BE_NEGATIVE = (Kind.BANK, Kind.EXCHANGE_REVENUE)
    # The exchange's own accounts: never locked, never checked for funds (each sale takes out
    # of clearing exactly what its purchase put in; verify_ledger proves it), summed on read.
    EXCHANGE_OWN = (Kind.BANK, Kind.EXCHANGE_REVENUE, Kind.SALES_CLEARING, Kind.PAYOUT_CLEARING, Kind.ESCROW)
    # Accounts without a cached balance (see the module docstring): summed from postings.
    UNCACHED = (Kind.SUBJECT_PENDING, Kind.SUBJECT_AVAILABLE, *EXCHANGE_OWN)
    CACHED = (Kind.MERCHANT_WALLET, Kind.PROVIDER_PENDING, Kind.PROVIDER_AVAILABLE)

    key = models.CharField(max_length=64, unique=True, verbose_name=_("account key"))
    kind = models.CharField(max_length=24, choices=Kind.choices, verbose_name=_("kind"))
    merchant = models.ForeignKey(
        Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_accounts", verbose_name=_("merchant")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ledger_accounts",
        verbose_name=_("user"),
    )
    # Pending accounts name the available account their holds are released to.
    release_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="released_from", verbose_name=_("released into")
    )
    balance = models.BigIntegerField(
        default=0,
        help_text=_("Cached sum of postings, in micros (always 0 for jobseekers' accounts: summed on read)"),
        verbose_name=_("balance"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        indexes = [models.Index(fields=["kind"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], condition=models.Q(user__isnull=False), name="account_user_kind"),
            models.UniqueConstraint(
                fields=["merchant", "kind"], condition=models.Q(merchant__isnull=False), name="account_merchant_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def is_cached(self) -> bool:
        return self.kind not in self.UNCACHED


class JournalEntry(models.Model):
    class Kind(models.TextChoices):
        TOPUP = "topup", _("Wallet top-up")
        PURCHASE = "purchase", _("Purchase")
        SALE = "sale", _("Sale settlement")
        RELEASE = "release", _("Hold released")
        REFUND = "refund", _("Refund")
        WITHDRAWAL = "withdrawal", _("Withdrawal")
        PAYOUT = "payout", _("Payout")
        ADJUSTMENT = "adjustment", _("Manual adjustment")
        ESCROW_HOLD = "escrow_hold", _("Fee held in escrow")
        ESCROW_SETTLE = "escrow_settle", _("Escrowed fee paid out")
        ESCROW_RETURN = "escrow_return", _("Escrowed fee returned")

    # Entries whose subject shares are pending until `release_after`, then released.
    HELD_KINDS = (Kind.SALE, Kind.ESCROW_SETTLE)

    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind"))
    idempotency_key = models.CharField(max_length=128, unique=True, verbose_name=_("idempotency key"))
    reference = models.CharField(
        max_length=64, db_index=True, help_text=_("What this entry is about, e.g. order:42"), verbose_name=_("reference")
    )
    memo = models.JSONField(default=dict, blank=True, verbose_name=_("memo"))
    related = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="followers", verbose_name=_("related entry")
    )
    release_after = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("released after"))
    # PROTECT: entries are immutable, so a user who recorded one is deactivated, never deleted.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class Posting(models.Model):
    # No database foreign keys here, deliberately: PostgreSQL checks a deferred foreign
    # key row by row at commit and locks every referenced row (FOR KEY SHARE), which
    # for a million-member sale cost more than writing the postings (measured 14 s of
    # a 1M-row insert). Integrity holds without them: entries and accounts are never
    # deleted or truncated (triggers refuse it), and on PostgreSQL one check per INSERT
    # statement over its new rows refuses a posting whose entry or account does not exist
    # or whose entry is closed (migration 0009); `ledger_post` checks its account ids too
    # (SQLite), and `verify_ledger` reports any posting whose entry or account is missing.
    entry = models.ForeignKey(
        JournalEntry, on_delete=models.PROTECT, related_name="postings", db_constraint=False, verbose_name=_("journal entry")
    )
    # Indexed by (account, entry) below, which also serves lookups by account alone.
    account = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="postings", db_index=False, db_constraint=False
    )
    amount = models.BigIntegerField(help_text=_("Micros; positive credits the account"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        indexes = [models.Index(fields=["account", "entry"])]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="posting_amount_nonzero")]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.amount}"


class TopUp(models.Model):
    """A buyer's request to fund its wallet, confirmed by finance when the transfer arrives."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="topups", verbose_name=_("merchant"))
    amount_fen = models.PositiveBigIntegerField(_("amount (¥)"))
    bank_reference = models.CharField(_("bank transfer reference"), max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED, verbose_name=_("status"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    entry = models.OneToOneField(
        JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="topup", verbose_name=_("journal entry")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))

    class Meta:
        verbose_name = _("wallet top-up")
        verbose_name_plural = _("wallet top-ups")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="topup_amount_positive"),
            models.UniqueConstraint(fields=["merchant", "bank_reference"], name="topup_reference_unique"),
        ]

    def __str__(self) -> str:
        return f"top-up #{self.pk} {self.merchant}"


class PayoutAccount(models.Model):
    """Where a jobseeker or a provider is paid: a bank card or an Alipay account, encrypted at rest."""

    class Kind(models.TextChoices):
        BANK_CARD = "bank_card", _("Bank card")
        ALIPAY = "alipay", _("Alipay account")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payout_accounts",
        verbose_name=_("user"),
    )
    merchant = models.ForeignKey(
        Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="payout_accounts", verbose_name=_("merchant")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    holder_name = EncryptedTextField(_("account holder"))
    number = EncryptedTextField(_("card number or Alipay account"))
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    # Shown on screen and in lists without decrypting; never more than the last four characters.
    masked = models.CharField(max_length=40, editable=False, verbose_name=_("account (masked)"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(merchant__isnull=True))
                | (models.Q(user__isnull=True) & models.Q(merchant__isnull=False)),
                name="payout_account_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.masked}"


class PayoutBatch(models.Model):
    """The withdrawals sent to the bank together; its CSV is what the bank receives."""

    class Status(models.TextChoices):
        OPEN = "open", _("Sent to the bank")
        CLOSED = "closed", _("Every line answered")

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN, verbose_name=_("status"))
    business_date = models.DateField(unique=True, verbose_name=_("business date"))
    csv = models.TextField(blank=True, verbose_name=_("bank CSV"))
    total_fen = models.PositiveBigIntegerField(default=0, verbose_name=_("total (¥)"))
    line_count = models.PositiveIntegerField(default=0, verbose_name=_("lines"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")
        ordering = ["-business_date"]

    def __str__(self) -> str:
        return f"payout batch {self.business_date}"


class Withdrawal(models.Model):
    """A request to be paid, and the line of the payout batch that pays it.

    Requested: the amount is reserved (available → payout clearing). Paid: payout
    clearing → bank. Failed: the reserved amount returns to available.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        BATCHED = "batched", _("Sent to the bank")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed, money returned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="withdrawals",
        verbose_name=_("user"),
    )
    merchant = models.ForeignKey(
        Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="withdrawals", verbose_name=_("merchant")
    )
    payout_account = models.ForeignKey(
        PayoutAccount, on_delete=models.PROTECT, related_name="withdrawals", verbose_name=_("payout account")
    )
    amount_fen = models.PositiveBigIntegerField(_("amount (¥)"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.REQUESTED, db_index=True, verbose_name=_("status")
    )
    batch = models.ForeignKey(
        PayoutBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="lines", verbose_name=_("payout batch")
    )
    reserve_entry = models.OneToOneField(
        JournalEntry, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("reserving entry")
    )
    outcome_entry = models.OneToOneField(
        JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("outcome entry")
    )
    failure_reason = models.CharField(max_length=200, blank=True, verbose_name=_("failure reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="withdrawal_amount_positive"),
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(merchant__isnull=True))
                | (models.Q(user__isnull=True) & models.Q(merchant__isnull=False)),
                name="withdrawal_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"withdrawal #{self.pk}"
