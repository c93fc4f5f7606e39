"""Writes to the ledger. Every entry balances; every entry has a unique key, so a
service that runs twice (a retried task, a double click) posts once."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Merchant, User
from config.csvsafe import csv_text

from . import money
from .exceptions import AlreadyProcessed, InsufficientFunds, LedgerError
from .lock_objects import (
    accounts_for_update,
    entry_for_update,
    topup_for_update,
    withdrawal_for_update,
    withdrawals_for_update,
)
from .models import JournalEntry, LedgerAccount, PayoutAccount, PayoutBatch, Posting, TopUp, Withdrawal
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


def _uncached_sql() -> str:
    return ", ".join(f"'{kind}'" for kind in LedgerAccount.UNCACHED)


def _apply_balances(entry_id: int, account_ids: Iterable[int] | None = None) -> None:
    """Add an entry's postings to the cached balances, set-based (one statement for any size).

    With `account_ids` (the cached accounts of an entry whose member postings go to
    uncached accounts) only those postings are read, through the (account, entry) index.
    On PostgreSQL this is the database function `payouts_apply_balances`, the only writer
    a balance accepts (migration 0009: an UPDATE of a balance from anywhere else is refused).
    """
    ids = sorted(account_ids) if account_ids is not None else None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT payouts_apply_balances(%s::bigint, %s::bigint[])", [entry_id, ids])
            return
        only = "" if ids is None else f"AND p.account_id IN ({', '.join(str(int(i)) for i in ids) or 'NULL'})"
        cursor.execute(
            f"""
            UPDATE payouts_ledgeraccount SET balance = payouts_ledgeraccount.balance + s.total
            FROM (SELECT p.account_id, SUM(p.amount) AS total FROM payouts_posting p
                   WHERE p.entry_id = %s {only} GROUP BY p.account_id) s
            WHERE payouts_ledgeraccount.id = s.account_id AND payouts_ledgeraccount.kind NOT IN ({_uncached_sql()})
            """,
            [entry_id],
        )


def _set_based_memory() -> None:
    """Give this transaction's set-based statements room to hash and sort a million rows in memory.

    PostgreSQL's default work_mem (4 MB) makes the pool split, its join to the accounts and
    the commit-time balance check spill to disk at a million members; its JIT compiles each
    such statement (about half a second) for no gain in these scans and joins. SET LOCAL ends with
    the transaction (a sale, a release or a refund); the worker settles one sale at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '128MB'")
            cursor.execute("SET LOCAL jit = off")


def account_posted_balance(account_id: int) -> int:
    """The sum of an account's postings (the truth that a cached balance must equal)."""
    return Posting.objects.filter(account_id=account_id).aggregate(total=Sum("amount"))["total"] or 0


def _existing(key: str) -> JournalEntry | None:
    return JournalEntry.objects.filter(idempotency_key=key).first()


def _merge(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for account_id, amount in lines:
        if not isinstance(amount, int):
            raise LedgerError("Ledger amounts are integer micros.")
        merged[account_id] = merged.get(account_id, 0) + amount
    return {account_id: amount for account_id, amount in merged.items() if amount}


def _check_funds(merged: dict[int, int], may_overdraw: Iterable[int] = ()) -> None:
    """Lock every account of the entry that has a row lock to take (one call, id order), refuse an overdraft.

    Debited accounts are locked so two debits cannot both spend one balance; credited
    accounts with a cached balance are locked now too, before anything is written, so
    that the UPDATE of their balances takes no lock out of order. Accounts named in
    `may_overdraw` are locked but not checked (a provider's receivable, see `payment_refund`).
    """
    may_overdraw = set(may_overdraw)
    for account in _accounts_lock(merged):
        amount = merged[account.id]
        if amount >= 0 or account.kind in LedgerAccount.MAY_BE_NEGATIVE or account.id in may_overdraw:
            continue
        # Under the row lock a fresh statement sees every committed posting of the account.
        have = account.balance if account.is_cached else account_posted_balance(account.id)
        if have + amount < 0:
            raise InsufficientFunds(
                _("Insufficient balance: %(need)s needed, %(have)s available.")
                % {"need": money.format_micros(-amount), "have": money.format_micros(have)}
            )


def _accounts_lock(merged: dict[int, int]) -> list[LedgerAccount]:
    """The entry's debited and cached accounts, locked in id order (the exchange's own are never locked)."""
    return [account for account in accounts_for_update(merged) if merged[account.id] < 0 or account.is_cached]


def _cached_accounts_of(entry_id: int) -> list[int]:
    """The cached accounts an entry posted to, found from the (few) cached accounts through the (account, entry) index."""
    return list(
        LedgerAccount.objects.filter(kind__in=LedgerAccount.CACHED, postings__entry_id=entry_id)
        .values_list("id", flat=True)
        .distinct()
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


def _entry_close(entry: JournalEntry, cached_ids: Iterable[int] | None = None) -> JournalEntry:
    """Prove the entry balances (whatever wrote its postings), then update cached balances.

    The entry is summed once, here, inside the transaction (so a test, whose transaction never
    commits, sees an unbalanced or empty entry at once). On PostgreSQL the sum is the database's
    own (`payouts_entry_prove`, payouts migration 0012): a balanced entry is recorded as proved,
    the database refuses any later posting to it, and its commit-time check (migration 0009)
    therefore does not sum its million postings a second time.
    The cached accounts are locked in id order first (a no-op for those the caller
    locked already), so the balance UPDATE never waits on a row out of order.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT postings, total FROM payouts_entry_prove(%s)", [entry.id])
        else:
            cursor.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM payouts_posting WHERE entry_id = %s", [entry.id])
        count, total = cursor.fetchone()
    if count == 0 or total != 0:
        raise LedgerError(f"Entry {entry.idempotency_key} does not balance: {total} micros over {count} postings.")
    ids = sorted(set(cached_ids)) if cached_ids is not None else _cached_accounts_of(entry.id)
    list(accounts_for_update(ids).filter(kind__in=LedgerAccount.CACHED).values_list("id", flat=True))
    _apply_balances(entry.id, ids)
    return entry


def _postings_insert(entry: JournalEntry, merged: dict[int, int]) -> None:
    # Postings carry no database foreign key (see Posting): check the accounts exist here.
    if LedgerAccount.objects.filter(id__in=list(merged)).count() != len(merged):
        raise LedgerError(f"Entry {entry.idempotency_key} names an account that does not exist.")
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
    may_overdraw: Iterable[int] = (),
) -> JournalEntry:
    """Post one balanced entry of `(account_id, micros)` lines, once per `key`.

    Accounts that must not go negative are locked (in id order) and checked
    before anything is written (except those in `may_overdraw`); a second call
    with the same key returns the first entry unchanged.
    """
    existing = _existing(key)
    if existing is not None:
        return existing
    merged = _merge(lines)
    if not merged:
        raise LedgerError("An entry needs at least one non-zero posting.")
    if sum(merged.values()) != 0:
        raise LedgerError(f"Entry {key} does not balance: {sum(merged.values())} micros.")
    _check_funds(merged, may_overdraw)
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
    from exchange import events  # the exchange's events know merchants' endpoints; payouts knows money only

    events.topup_confirmed(topup)
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
    _set_based_memory()
    pool_post(entry_id=entry.id, pool=pool, members=members, salt=salt)
    # The fixed lines sum to -pool, so the entry balances only if the members got exactly the pool.
    return _entry_close(entry, cached_ids=fixed.keys())


# Escrow: a fee held for a counterparty's answer ------------------------------------------


@transaction.atomic
def escrow_hold(*, merchant: Merchant, amount_micros: int, key: str, reference: str, memo: dict, by: User | None) -> JournalEntry:
    """Take a fee from a merchant's wallet into escrow, once per `key`; refused if the wallet is short.

    Wallet and escrow are locked together in id order (as every escrow movement does),
    so parallel holds on one wallet never overdraw it and never deadlock with a return.
    """
    if amount_micros <= 0:
        raise LedgerError("An escrowed fee is greater than zero.")
    wallet = account_get(kind=Kind.MERCHANT_WALLET, merchant=merchant)
    escrow = account_get(kind=Kind.ESCROW)
    list(accounts_for_update([wallet.id, escrow.id]))
    return ledger_post(
        kind=JournalEntry.Kind.ESCROW_HOLD,
        key=key,
        reference=reference,
        lines=[(wallet.id, -amount_micros), (escrow.id, amount_micros)],
        memo=memo,
        created_by=by,
    )


def _escrowed(hold: JournalEntry) -> tuple[int, int]:
    """(wallet account id, amount) of an escrow hold."""
    debit = hold.postings.get(amount__lt=0)
    return debit.account_id, -debit.amount


@transaction.atomic
def escrow_settle(
    *, hold: JournalEntry, key: str, user: User, share_bps: int, memo: dict, hold_days: int | None = None
) -> JournalEntry:
    """Pay an escrowed fee out: `share_bps` of it to the person's pending earnings, the rest to revenue.

    The person's share is pending for the refund window, like a sale's, then released
    by the same beat task. `key` is shared with `escrow_return`, so one hold is paid
    out or returned, never both.
    """
    existing = _existing(key)
    if existing is not None:
        return existing
    _wallet_id, amount = _escrowed(hold)
    share = money.split_bps(amount, share_bps)
    escrow = account_get(kind=Kind.ESCROW)
    revenue = account_get(kind=Kind.EXCHANGE_REVENUE)
    pending = account_get(kind=Kind.SUBJECT_PENDING, user=user)
    list(accounts_for_update([escrow.id, revenue.id, pending.id]))
    hold_span = timedelta(days=settings.EXCHANGE["REFUND_WINDOW_DAYS"] if hold_days is None else hold_days)
    return ledger_post(
        kind=JournalEntry.Kind.ESCROW_SETTLE,
        key=key,
        reference=hold.reference,
        lines=[(escrow.id, -amount), (pending.id, share), (revenue.id, amount - share)],
        memo={**memo, "fee_micros": amount, "share_micros": share, "revenue_micros": amount - share},
        related=hold,
        release_after=timezone.now() + hold_span,
    )


@transaction.atomic
def escrow_return(*, hold: JournalEntry, key: str, memo: dict, by: User | None = None) -> JournalEntry:
    """Give an escrowed fee back to the wallet it came from (see `escrow_settle` for `key`)."""
    existing = _existing(key)
    if existing is not None:
        return existing
    wallet_id, amount = _escrowed(hold)
    escrow = account_get(kind=Kind.ESCROW)
    list(accounts_for_update([wallet_id, escrow.id]))
    return ledger_post(
        kind=JournalEntry.Kind.ESCROW_RETURN,
        key=key,
        reference=hold.reference,
        lines=[(escrow.id, -amount), (wallet_id, amount)],
        memo=memo,
        related=hold,
        created_by=by,
    )


@transaction.atomic
def hold_release(*, sale: JournalEntry) -> JournalEntry | None:
    """Move one sale's pending shares to available (set-based, any number of members).

    The sale's row lock serialises this with a refund; a refunded sale is never released.
    """
    sale = entry_for_update(sale.pk).get()
    if sale.followers.filter(kind=JournalEntry.Kind.REFUND).exists():
        return None
    entry = _entry_open(
        kind=JournalEntry.Kind.RELEASE, key=f"release:{sale.pk}", reference=sale.reference, memo=sale.memo, related=sale
    )
    if entry is None:
        return None
    _set_based_memory()
    with connection.cursor() as cursor:
        # Each pending posting moves out of its account and into that account's release_to: one read of
        # the sale's postings and their accounts gives both lines (each row twice, once per side).
        cursor.execute(
            """
            INSERT INTO payouts_posting (entry_id, account_id, amount)
            SELECT %s,
                   CASE WHEN side.moved_in = 1 THEN a.release_to_id ELSE p.account_id END,
                   CASE WHEN side.moved_in = 1 THEN p.amount ELSE -p.amount END
              FROM payouts_posting p
              JOIN payouts_ledgeraccount a ON a.id = p.account_id
             CROSS JOIN (SELECT 0 AS moved_in UNION ALL SELECT 1) side
             WHERE p.entry_id = %s AND a.release_to_id IS NOT NULL
            """,
            [entry.id, sale.id],
        )
    return _entry_close(entry)


def holds_release_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Release every sale whose refund window has passed. Safe to run any number of times."""
    now = now or timezone.now()
    due = (
        JournalEntry.objects.filter(kind__in=JournalEntry.HELD_KINDS, release_after__lte=now)
        .exclude(followers__kind__in=[JournalEntry.Kind.RELEASE, JournalEntry.Kind.REFUND])
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    released = 0
    for sale in JournalEntry.objects.filter(id__in=list(due)).order_by("id"):
        if hold_release(sale=sale) is not None:
            released += 1
    return released


def _refuse_negative(entry: JournalEntry, account_ids: Iterable[int]) -> None:
    """After a set-based entry: none of `account_ids` it debited may be below zero (else the transaction rolls back).

    The caller names the accounts that can matter: every account of the entry except
    jobseekers' pending accounts, which are not summed (a million of them in a large
    sale). One is credited only by a sale's share and debited only by that sale's release
    or refund, each once (the sale's row lock and the entries' keys), so it cannot go
    below zero. The postings are found through the (account, entry) index, never by
    reading the entry's million lines.
    """
    ids = sorted(set(account_ids))
    negative_ok = ", ".join(f"'{kind}'" for kind in (*LedgerAccount.MAY_BE_NEGATIVE, Kind.SUBJECT_PENDING))
    if connection.vendor == "postgresql":
        named, params = "a.id = ANY(%s)", [ids, entry.id]
    else:  # SQLite binds no arrays: the ids are integers, written out
        named, params = f"a.id IN ({', '.join(str(int(i)) for i in ids) or 'NULL'})", [entry.id]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT a.key FROM payouts_ledgeraccount a
             WHERE {named}
               AND a.kind NOT IN ({negative_ok})
               AND EXISTS (SELECT 1 FROM payouts_posting p WHERE p.account_id = a.id AND p.entry_id = %s AND p.amount < 0)
               AND CASE WHEN a.kind IN ({_uncached_sql()})
                        THEN (SELECT COALESCE(SUM(q.amount), 0) FROM payouts_posting q WHERE q.account_id = a.id)
                        ELSE a.balance END < 0
             LIMIT 5
            """,
            params,
        )
        bad = [row[0] for row in cursor.fetchall()]
    if bad:
        raise InsufficientFunds(_("This refund would overdraw an account: %(keys)s.") % {"keys": ", ".join(bad)})


def _reverse_sale(entry: JournalEntry, *, purchase_id: int, sale_id: int) -> list[int]:
    """Post the exact negation of a purchase and its sale (any size) into `entry`.

    Accounts of the purchase (the wallet and sales clearing, which the sale debits again)
    are netted into one line each, and dropped when they net to zero; every other posting
    of the sale (the fixed lines and one a member) is negated line by line, with no
    grouping of a million rows. Returns the accounts that are not jobseekers' pending
    accounts: the only ones whose balance the refund must check.
    """
    small = sorted(set(Posting.objects.filter(entry_id=purchase_id).values_list("account_id", flat=True)))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                INSERT INTO payouts_posting (entry_id, account_id, amount)
                SELECT %s, account_id, -SUM(amount) FROM payouts_posting
                 WHERE entry_id IN (%s, %s) AND account_id = ANY(%s)
                 GROUP BY account_id HAVING SUM(amount) <> 0
                UNION ALL
                SELECT %s, account_id, -amount FROM payouts_posting
                 WHERE entry_id = %s AND NOT (account_id = ANY(%s))
                """,
                [entry.id, purchase_id, sale_id, small, entry.id, sale_id, small],
            )
        else:
            cursor.execute(
                """
                INSERT INTO payouts_posting (entry_id, account_id, amount)
                SELECT %s, account_id, -SUM(amount) FROM payouts_posting
                 WHERE entry_id IN (%s, %s)
                 GROUP BY account_id HAVING SUM(amount) <> 0
                """,
                [entry.id, purchase_id, sale_id],
            )
    exchange_own = LedgerAccount.objects.filter(kind__in=LedgerAccount.EXCHANGE_OWN).values_list("id", flat=True)
    return sorted({*small, *_cached_accounts_of(sale_id), *exchange_own})


@transaction.atomic
def payment_refund(
    *, reference: str, purchase_key: str, sale_key: str, reason: str, by: User | None, now: datetime | None = None
) -> JournalEntry:
    """Return a purchase to the buyer's wallet, once per reference.

    Not settled yet: the purchase is reversed (settlement then posts nothing).
    Settled, inside the refund window: the sale and the purchase are reversed,
    every member's pending share included. After the window: the sale is released
    (jobseekers keep their shares) and the exchange (commission and pool) and the
    provider (its share) bear the refund. The buyer is always refunded: when the
    provider has already withdrawn its share, its available earnings go below zero.
    That negative balance is a receivable (what the provider owes the exchange): its
    next released earnings repay it first, and it withdraws nothing until they have
    (as Stripe does with a negative balance).
    """
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("Give the reason for the refund."), code="reason_required")
    key = f"{reference}:refund"
    existing = _existing(key)
    if existing is not None:
        return existing
    purchase = JournalEntry.objects.filter(idempotency_key=purchase_key, kind=JournalEntry.Kind.PURCHASE).first()
    if purchase is None:
        raise LedgerError(_("There is no payment to refund for %(reference)s.") % {"reference": reference})
    memo = {"reason": reason, "by": getattr(by, "email", "")}
    sale = JournalEntry.objects.filter(idempotency_key=sale_key, kind=JournalEntry.Kind.SALE).first()
    if sale is None:
        lines = [(account_id, -amount) for account_id, amount in purchase.postings.values_list("account_id", "amount")]
        return ledger_post(
            kind=JournalEntry.Kind.REFUND,
            key=key,
            reference=reference,
            lines=lines,
            memo={**memo, "scope": "unsettled"},
            related=purchase,
            created_by=by,
        )
    sale = entry_for_update(sale.pk).get()
    now = now or timezone.now()
    released = sale.followers.filter(kind=JournalEntry.Kind.RELEASE).exists()
    if not released and now < sale.release_after:
        entry = _entry_open(
            kind=JournalEntry.Kind.REFUND,
            key=key,
            reference=reference,
            memo={**memo, "scope": "within_window"},
            related=sale,
            created_by=by,
        )
        if entry is None:
            return JournalEntry.objects.get(idempotency_key=key)
        _set_based_memory()
        checked = _reverse_sale(entry, purchase_id=purchase.id, sale_id=sale.id)
        _entry_close(entry)
        _refuse_negative(entry, checked)
        return entry
    paid = -purchase.postings.filter(amount__lt=0).get().amount
    wallet_id = purchase.postings.get(amount__lt=0).account_id
    provider_pending = LedgerAccount.objects.get(kind=Kind.PROVIDER_PENDING, postings__entry_id=sale.id)
    # The release and the refund below touch the wallet and both provider accounts: lock all
    # three now, in id order, rather than two in the release and the third after them.
    list(accounts_for_update([wallet_id, provider_pending.id, provider_pending.release_to_id]))
    if not released:
        hold_release(sale=sale)
    provider_share = sale.memo.get("provider_micros", 0)
    available_id = provider_pending.release_to_id
    # Read under the row lock taken above: the provider's balance before this refund.
    before = LedgerAccount.objects.filter(pk=available_id).values_list("balance", flat=True).get()
    lines = [
        (wallet_id, paid),
        (account_get(kind=Kind.EXCHANGE_REVENUE).id, -(paid - provider_share)),
        (available_id, -provider_share),
    ]
    return ledger_post(
        kind=JournalEntry.Kind.REFUND,
        key=key,
        reference=reference,
        lines=lines,
        memo={**memo, "scope": "after_window", "provider_receivable_micros": max(0, provider_share - max(before, 0))},
        related=sale,
        created_by=by,
        may_overdraw=[available_id],
    )


def refund_exists(*, reference: str) -> bool:
    return JournalEntry.objects.filter(idempotency_key=f"{reference}:refund").exists()


# Withdrawals and payouts ---------------------------------------------------------------


def _owner(user: User | None, merchant: Merchant | None) -> tuple[User | None, Merchant | None]:
    if (user is None) == (merchant is None):
        raise LedgerError("A payout belongs to exactly one person or one merchant.")
    return user, merchant


def _available_account(user: User | None, merchant: Merchant | None) -> LedgerAccount:
    if user is not None:
        return account_get(kind=Kind.SUBJECT_AVAILABLE, user=user)
    return account_get(kind=Kind.PROVIDER_AVAILABLE, merchant=merchant)


def _mask(number: str) -> str:
    tail = number[-4:] if len(number) > 4 else number[-1:]
    return f"•••• {tail}"


def payout_account_add(
    *, kind: str, holder_name: str, number: str, bank_name: str = "", user: User | None = None, merchant: Merchant | None = None
) -> PayoutAccount:
    """Register where to be paid; the holder and number are stored encrypted, shown masked."""
    user, merchant = _owner(user, merchant)
    number = "".join(number.split())
    holder_name = holder_name.strip()
    errors: dict[str, list[str]] = {}
    if kind not in PayoutAccount.Kind.values:
        errors["kind"] = [_("Choose a bank card or an Alipay account.")]
    if not holder_name:
        errors["holder_name"] = [_("Enter the account holder's name.")]
    if kind == PayoutAccount.Kind.BANK_CARD and not (number.isdigit() and 12 <= len(number) <= 19):
        errors["number"] = [_("A bank card number has 12 to 19 digits.")]
    elif kind == PayoutAccount.Kind.ALIPAY and not (3 <= len(number) <= 100):
        errors["number"] = [_("Enter the Alipay account (a mobile number or an email address).")]
    if kind == PayoutAccount.Kind.BANK_CARD and not bank_name.strip():
        errors["bank_name"] = [_("Enter the name of the bank.")]
    if errors:
        raise LedgerError(_("Check the payout account details."), code="invalid_payout_account", fields=errors)
    return PayoutAccount.objects.create(
        user=user,
        merchant=merchant,
        kind=kind,
        holder_name=holder_name,
        number=number,
        bank_name=bank_name.strip(),
        masked=_mask(number),
    )


def withdrawal_minimum_fen() -> int:
    return int(getattr(settings, "PAYOUTS_MIN_WITHDRAWAL_FEN", 1000))


@transaction.atomic
def withdrawal_request(
    *, payout_account: PayoutAccount, amount_fen: int, by: User, user: User | None = None, merchant: Merchant | None = None
) -> Withdrawal:
    """Reserve `amount_fen` of the owner's available earnings for the next payout batch.

    The available account is locked while the reservation is posted, so parallel
    requests against one balance can never overdraw it.
    """
    user, merchant = _owner(user, merchant)
    if payout_account.user_id != (user.pk if user else None) or payout_account.merchant_id != (merchant.pk if merchant else None):
        raise LedgerError(_("This payout account is not yours."), code="foreign_payout_account")
    if not payout_account.is_active:
        raise LedgerError(_("This payout account was removed; choose another."), code="inactive_payout_account")
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool):
        # Never rounded here: a person's typed amount is parsed once, exactly, by money.parse_yuan_fen.
        raise LedgerError(_("Amounts are in whole fen: at most two decimals, e.g. 12.50."), code="invalid_amount")
    minimum = withdrawal_minimum_fen()
    if amount_fen < minimum:
        raise LedgerError(
            _("The smallest withdrawal is %(minimum)s.") % {"minimum": money.format_fen(minimum)}, code="below_minimum"
        )
    available = _available_account(user, merchant)
    if merchant is not None and available.balance < 0:
        # A receivable: the next earnings repay it before anything is paid out (checked again under the lock below).
        raise InsufficientFunds(
            _(
                "You owe the exchange %(owed)s from a refund after the refund window; "
                "your next earnings repay it before you can withdraw."
            )
            % {"owed": money.format_micros(-available.balance)},
            code="receivable_outstanding",
        )
    withdrawal = Withdrawal.objects.create(user=user, merchant=merchant, payout_account=payout_account, amount_fen=amount_fen)
    micros = money.fen_to_micros(amount_fen)
    withdrawal.reserve_entry = ledger_post(
        kind=JournalEntry.Kind.WITHDRAWAL,
        key=f"withdrawal:{withdrawal.pk}:reserve",
        reference=f"withdrawal:{withdrawal.pk}",
        lines=[(available.id, -micros), (account_get(kind=Kind.PAYOUT_CLEARING).id, micros)],
        memo={"payout_account": payout_account.masked},
        created_by=by,
    )
    withdrawal.save(update_fields=["reserve_entry"])
    return withdrawal


@transaction.atomic
def payout_batch_create(*, business_date: date | None = None) -> PayoutBatch | None:
    """Gather every requested withdrawal into the day's batch and write the bank's CSV.

    Run daily by beat; a second run on the same day returns the same batch, and a
    withdrawal is claimed by one batch only (conditional update). A provider that owes
    the exchange (a refund after the window left its earnings below zero) is paid
    nothing: its requested withdrawals wait until its earnings have repaid the receivable.
    """
    business_date = business_date or timezone.localdate()
    existing = PayoutBatch.objects.filter(business_date=business_date).first()
    if existing is not None:
        return existing
    owing = LedgerAccount.objects.filter(kind=Kind.PROVIDER_AVAILABLE, balance__lt=0).values("merchant_id")
    requested = (
        Withdrawal.objects.filter(status=Withdrawal.Status.REQUESTED)
        .filter(Q(merchant__isnull=True) | ~Q(merchant_id__in=owing))
        .values_list("id", flat=True)
    )
    ids = list(withdrawals_for_update(requested).filter(status=Withdrawal.Status.REQUESTED).values_list("id", flat=True))
    if not ids:
        return None
    batch = PayoutBatch.objects.create(business_date=business_date)
    Withdrawal.objects.filter(id__in=ids, status=Withdrawal.Status.REQUESTED).update(
        status=Withdrawal.Status.BATCHED, batch=batch
    )
    lines = list(batch.lines.select_related("payout_account").order_by("id"))
    header = ["line", "payee", "account_type", "account_number", "bank", "amount_cny", "reference"]
    rows = []
    for line in lines:
        account = line.payout_account
        rows.append(
            [
                line.pk,
                account.holder_name,
                account.kind,
                account.number,
                account.bank_name,
                f"{line.amount_fen // 100}.{line.amount_fen % 100:02d}",
                f"withdrawal:{line.pk}",
            ]
        )
    # Payee names and numbers are typed by people: the bank file never carries a formula.
    batch.csv = csv_text(rows, header=header)
    batch.total_fen = sum(line.amount_fen for line in lines)
    batch.line_count = len(lines)
    batch.save(update_fields=["csv", "total_fen", "line_count"])
    return batch


def _batch_close_if_done(batch_id: int | None) -> None:
    if batch_id and not Withdrawal.objects.filter(batch_id=batch_id, status=Withdrawal.Status.BATCHED).exists():
        PayoutBatch.objects.filter(pk=batch_id).update(status=PayoutBatch.Status.CLOSED)


@transaction.atomic
def withdrawal_mark_paid(*, withdrawal: Withdrawal, by: User) -> Withdrawal:
    """The bank paid the line: payout clearing → bank."""
    withdrawal = withdrawal_for_update(withdrawal.pk).get()
    if withdrawal.status != Withdrawal.Status.BATCHED:
        raise AlreadyProcessed(
            _("Only lines sent to the bank can be marked; this one is %(status)s.") % {"status": withdrawal.get_status_display()}
        )
    micros = money.fen_to_micros(withdrawal.amount_fen)
    withdrawal.outcome_entry = ledger_post(
        kind=JournalEntry.Kind.PAYOUT,
        key=f"withdrawal:{withdrawal.pk}:paid",
        reference=f"withdrawal:{withdrawal.pk}",
        lines=[(account_get(kind=Kind.PAYOUT_CLEARING).id, -micros), (account_get(kind=Kind.BANK).id, micros)],
        memo={"batch": withdrawal.batch_id},
        created_by=by,
    )
    withdrawal.status = Withdrawal.Status.PAID
    withdrawal.decided_by = by
    withdrawal.decided_at = timezone.now()
    withdrawal.save(update_fields=["outcome_entry", "status", "decided_by", "decided_at"])
    _batch_close_if_done(withdrawal.batch_id)
    from exchange import events

    events.payout_sent(withdrawal)
    return withdrawal


@transaction.atomic
def withdrawal_mark_failed(*, withdrawal: Withdrawal, reason: str, by: User) -> Withdrawal:
    """The bank refused the line: the reserved money returns to the owner's available balance."""
    withdrawal = withdrawal_for_update(withdrawal.pk).get()
    if withdrawal.status != Withdrawal.Status.BATCHED:
        raise AlreadyProcessed(
            _("Only lines sent to the bank can be marked; this one is %(status)s.") % {"status": withdrawal.get_status_display()}
        )
    micros = money.fen_to_micros(withdrawal.amount_fen)
    withdrawal.outcome_entry = ledger_post(
        kind=JournalEntry.Kind.PAYOUT,
        key=f"withdrawal:{withdrawal.pk}:failed",
        reference=f"withdrawal:{withdrawal.pk}",
        lines=[
            (account_get(kind=Kind.PAYOUT_CLEARING).id, -micros),
            (_available_account(withdrawal.user, withdrawal.merchant).id, micros),
        ],
        memo={"batch": withdrawal.batch_id, "reason": reason},
        created_by=by,
    )
    withdrawal.status = Withdrawal.Status.FAILED
    withdrawal.failure_reason = reason[:200]
    withdrawal.decided_by = by
    withdrawal.decided_at = timezone.now()
    withdrawal.save(update_fields=["outcome_entry", "status", "failure_reason", "decided_by", "decided_at"])
    _batch_close_if_done(withdrawal.batch_id)
    return withdrawal


@transaction.atomic
def adjustment_post(*, debit: LedgerAccount, credit: LedgerAccount, amount_micros: int, reason: str, by: User) -> JournalEntry:
    """A manual correction by finance staff: one balanced entry with the reason, audited in the same transaction."""
    if not by.is_staff:
        raise LedgerError(_("Only exchange staff can post adjustments."), code="not_allowed")
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("Give the reason for the adjustment."), code="reason_required")
    if amount_micros <= 0:
        raise LedgerError(_("Enter an amount greater than zero."), code="invalid_amount")
    if debit.pk == credit.pk:
        raise LedgerError(_("Choose two different accounts."), code="same_account")
    token = uuid.uuid4().hex
    entry = ledger_post(
        kind=JournalEntry.Kind.ADJUSTMENT,
        key=f"adjustment:{token}",
        reference=f"adjustment:{token[:12]}",
        lines=[(debit.id, -amount_micros), (credit.id, amount_micros)],
        memo={"reason": reason, "staff": by.email},
        created_by=by,
    )
    audit_record(
        action="ledger.adjustment",
        actor_id=by.pk,
        object_type="journal_entry",
        object_id=entry.pk,
        data={"debit": debit.key, "credit": credit.key, "amount_micros": amount_micros, "reason": reason},
    )
    return entry
