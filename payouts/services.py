"""Writes to the ledger. Every entry balances; every entry has a unique key, so a
service that runs twice (a retried task, a double click) posts once."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Merchant, User

from . import money
from .exceptions import AlreadyProcessed, InsufficientFunds, LedgerError
from .lock_objects import accounts_for_update, topup_for_update
from .models import JournalEntry, LedgerAccount, Posting, TopUp
from .pool import pool_post

Kind = LedgerAccount.Kind
_PENDING_TO_AVAILABLE = {Kind.PROVIDER_PENDING: Kind.PROVIDER_AVAILABLE, Kind.SUBJECT_PENDING: Kind.SUBJECT_AVAILABLE}


def _account_key(kind: str, *, merchant_id: int | None = None, user_id: int | None = None) -> str:
    if merchant_id is not None:
        return f"merchant:{merchant_id}:{kind}"
    if user_id is not None:
        return f"user:{user_id}:{kind}"
    return kind


def account_get(*, kind: str, merchant: Merchant | None = None, user: User | None = None) -> LedgerAccount:
    """The ledger account of `kind` for its owner (none for the exchange's own accounts), created on first use."""
    merchant_id = merchant.pk if merchant else None
    user_id = user.pk if user else None
    release_to = None
    if kind in _PENDING_TO_AVAILABLE:
        release_to = account_get(kind=_PENDING_TO_AVAILABLE[kind], merchant=merchant, user=user)
    account, _created = LedgerAccount.objects.get_or_create(
        key=_account_key(kind, merchant_id=merchant_id, user_id=user_id),
        defaults={"kind": kind, "merchant_id": merchant_id, "user_id": user_id, "release_to": release_to},
    )
    return account


def _apply_balances(entry_id: int) -> None:
    """Add an entry's postings to the cached balances, set-based (one statement for any size)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE payouts_ledgeraccount SET balance = payouts_ledgeraccount.balance + s.total
            FROM (SELECT account_id, SUM(amount) AS total FROM payouts_posting WHERE entry_id = %s GROUP BY account_id) s
            WHERE payouts_ledgeraccount.id = s.account_id
            """,
            [entry_id],
        )


def _existing(key: str) -> JournalEntry | None:
    return JournalEntry.objects.filter(idempotency_key=key).first()


def _merge(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for account_id, amount in lines:
        if not isinstance(amount, int):
            raise LedgerError("Ledger amounts are integer micros.")
        merged[account_id] = merged.get(account_id, 0) + amount
    return {account_id: amount for account_id, amount in merged.items() if amount}


def _check_funds(merged: dict[int, int]) -> None:
    """Lock the accounts an entry takes money from (in id order) and refuse an overdraft."""
    debited = [account_id for account_id, amount in merged.items() if amount < 0]
    for account in accounts_for_update(debited):
        if account.kind not in LedgerAccount.MAY_BE_NEGATIVE and account.balance + merged[account.id] < 0:
            raise InsufficientFunds(
                _("Insufficient balance: %(need)s needed, %(have)s available.")
                % {"need": money.format_micros(-merged[account.id]), "have": money.format_micros(account.balance)}
            )


def _entry_open(*, kind: str, key: str, reference: str, memo: dict | None, related=None, release_after=None, created_by=None):
    """Create the entry row, or return None when the key was posted concurrently."""
    try:
        with transaction.atomic():
            return JournalEntry.objects.create(
                kind=kind,
                idempotency_key=key,
                reference=reference,
                memo=memo or {},
                related=related,
                release_after=release_after,
                created_by=created_by,
            )
    except IntegrityError:
        return None


def _entry_close(entry: JournalEntry) -> JournalEntry:
    """Prove the entry balances (whatever wrote its postings), then update cached balances."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM payouts_posting WHERE entry_id = %s", [entry.id])
        count, total = cursor.fetchone()
    if count == 0 or total != 0:
        raise LedgerError(f"Entry {entry.idempotency_key} does not balance: {total} micros over {count} postings.")
    _apply_balances(entry.id)
    return entry


def _postings_insert(entry: JournalEntry, merged: dict[int, int]) -> None:
    Posting.objects.bulk_create(
        [Posting(entry=entry, account_id=account_id, amount=amount) for account_id, amount in merged.items()],
        batch_size=5000,
    )


@transaction.atomic
def ledger_post(
    *,
    kind: str,
    key: str,
    reference: str,
    lines: Iterable[tuple[int, int]],
    memo: dict | None = None,
    related: JournalEntry | None = None,
    release_after: datetime | None = None,
    created_by: User | None = None,
) -> JournalEntry:
    """Post one balanced entry of `(account_id, micros)` lines, once per `key`.

    Accounts that must not go negative are locked (in id order) and checked
    before anything is written; a second call with the same key returns the
    first entry unchanged.
    """
    existing = _existing(key)
    if existing is not None:
        return existing
    merged = _merge(lines)
    if not merged:
        raise LedgerError("An entry needs at least one non-zero posting.")
    if sum(merged.values()) != 0:
        raise LedgerError(f"Entry {key} does not balance: {sum(merged.values())} micros.")
    _check_funds(merged)
    entry = _entry_open(
        kind=kind, key=key, reference=reference, memo=memo, related=related, release_after=release_after, created_by=created_by
    )
    if entry is None:  # someone posted the same key concurrently; theirs stands
        return JournalEntry.objects.get(idempotency_key=key)
    _postings_insert(entry, merged)
    return _entry_close(entry)


def wallet_topup_request(*, merchant: Merchant, amount_fen: int, bank_reference: str, by: User) -> TopUp:
    """A buyer announces a bank transfer; nothing is credited until finance confirms it."""
    if amount_fen <= 0:
        raise LedgerError(_("Enter an amount greater than zero."), code="invalid_amount")
    reference = bank_reference.strip()
    if not reference:
        raise LedgerError(_("Enter the reference of your bank transfer."), code="reference_required")
    if TopUp.objects.filter(merchant=merchant, bank_reference=reference).exists():
        raise AlreadyProcessed(_("A top-up with this bank reference was already requested."))
    return TopUp.objects.create(merchant=merchant, amount_fen=amount_fen, bank_reference=reference, requested_by=by)


@transaction.atomic
def wallet_topup_confirm(*, topup: TopUp, by: User) -> TopUp:
    """Finance confirms the transfer arrived: bank → merchant wallet."""
    topup = topup_for_update(topup.pk).get()
    if topup.status != TopUp.Status.REQUESTED:
        raise AlreadyProcessed(_("This top-up was already %(status)s.") % {"status": topup.get_status_display()})
    micros = money.fen_to_micros(topup.amount_fen)
    bank = account_get(kind=Kind.BANK)
    wallet = account_get(kind=Kind.MERCHANT_WALLET, merchant=topup.merchant)
    entry = ledger_post(
        kind=JournalEntry.Kind.TOPUP,
        key=f"topup:{topup.pk}",
        reference=f"topup:{topup.pk}",
        lines=[(bank.id, -micros), (wallet.id, micros)],
        memo={"bank_reference": topup.bank_reference},
        created_by=by,
    )
    topup.status = TopUp.Status.CONFIRMED
    topup.confirmed_by = by
    topup.confirmed_at = timezone.now()
    topup.entry = entry
    topup.save(update_fields=["status", "confirmed_by", "confirmed_at", "entry"])
    return topup


def wallet_charge(
    *, merchant: Merchant, amount_micros: int, key: str, reference: str, memo: dict, by: User | None
) -> JournalEntry:
    """Debit a buyer's wallet into sales clearing, atomically with the caller's order."""
    wallet = account_get(kind=Kind.MERCHANT_WALLET, merchant=merchant)
    clearing = account_get(kind=Kind.SALES_CLEARING)
    return ledger_post(
        kind=JournalEntry.Kind.PURCHASE,
        key=key,
        reference=reference,
        lines=[(wallet.id, -amount_micros), (clearing.id, amount_micros)],
        memo=memo,
        created_by=by,
    )


@transaction.atomic
def sale_settle(
    *,
    key: str,
    reference: str,
    memo: dict,
    amount_micros: int,
    provider: Merchant,
    commission_bps: int,
    pool_bps: int,
    members: QuerySet | Iterable[tuple[int, int]],
    salt: str,
    hold_days: int | None = None,
) -> JournalEntry:
    """Split a paid amount out of sales clearing: commission, provider share, subject pool.

    `members` gives `(user_id, weight)` pairs; pass a `values_list` queryset so that
    PostgreSQL splits the pool in SQL without loading the members. The pool is split
    by the largest remainder method; every member gets a posting of their own.
    Shares are pending until the refund window ends. Safe to call again with the
    same key (it returns the first entry).
    """
    existing = _existing(key)
    if existing is not None:
        return existing
    commission = money.split_bps(amount_micros, commission_bps)
    pool = money.split_bps(amount_micros, pool_bps)
    provider_share = amount_micros - commission - pool
    clearing = account_get(kind=Kind.SALES_CLEARING)
    fixed = _merge(
        [
            (clearing.id, -amount_micros),
            (account_get(kind=Kind.EXCHANGE_REVENUE).id, commission),
            (account_get(kind=Kind.PROVIDER_PENDING, merchant=provider).id, provider_share),
        ]
    )
    _check_funds(fixed)
    hold = timedelta(days=settings.EXCHANGE["REFUND_WINDOW_DAYS"] if hold_days is None else hold_days)
    entry = _entry_open(
        kind=JournalEntry.Kind.SALE,
        key=key,
        reference=reference,
        memo={**memo, "pool_micros": pool, "commission_micros": commission, "provider_micros": provider_share},
        release_after=timezone.now() + hold,
    )
    if entry is None:
        return JournalEntry.objects.get(idempotency_key=key)
    _postings_insert(entry, fixed)
    posted = pool_post(entry_id=entry.id, pool=pool, members=members, salt=salt)
    if posted != pool:
        raise LedgerError(f"Sale {reference}: pool {pool} but {posted} posted to members.")
    return _entry_close(entry)


@transaction.atomic
def hold_release(*, sale: JournalEntry) -> JournalEntry | None:
    """Move one sale's pending shares to available (set-based, any number of members)."""
    entry = _entry_open(
        kind=JournalEntry.Kind.RELEASE, key=f"release:{sale.pk}", reference=sale.reference, memo=sale.memo, related=sale
    )
    if entry is None:
        return None
    with connection.cursor() as cursor:
        # Each pending posting moves out of its account and into that account's release_to.
        cursor.execute(
            """
            INSERT INTO payouts_posting (entry_id, account_id, amount)
            SELECT %s, p.account_id, -p.amount FROM payouts_posting p
              JOIN payouts_ledgeraccount a ON a.id = p.account_id
             WHERE p.entry_id = %s AND a.release_to_id IS NOT NULL
            UNION ALL
            SELECT %s, a.release_to_id, p.amount FROM payouts_posting p
              JOIN payouts_ledgeraccount a ON a.id = p.account_id
             WHERE p.entry_id = %s AND a.release_to_id IS NOT NULL
            """,
            [entry.id, sale.id, entry.id, sale.id],
        )
    return _entry_close(entry)


def holds_release_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Release every sale whose refund window has passed. Safe to run any number of times."""
    now = now or timezone.now()
    due = (
        JournalEntry.objects.filter(kind=JournalEntry.Kind.SALE, release_after__lte=now)
        .exclude(followers__kind=JournalEntry.Kind.RELEASE)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    released = 0
    for sale in JournalEntry.objects.filter(id__in=list(due)).order_by("id"):
        if hold_release(sale=sale) is not None:
            released += 1
    return released
