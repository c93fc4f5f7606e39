"""The database itself refuses what would break the ledger (PostgreSQL, payouts migration 0009).

Every forbidden statement is sent as raw SQL, as someone with a database shell would, and
must be refused by PostgreSQL; the money flows, each step committed, must still pass.
SQLite has none of these triggers: the module is skipped there (and fails on CI, which
runs PostgreSQL).
"""

from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from payouts import money
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.selectors import ledger_violations
from payouts.services import (
    account_get,
    holds_release_due,
    ledger_post,
    payout_batch_create,
    withdrawal_mark_failed,
    withdrawal_mark_paid,
    withdrawal_request,
)

from ..conftest import require
from ..factories import MerchantFactory
from .ledger_world import balance, market_create, purchase, refund, settle

Kind = LedgerAccount.Kind


@pytest.fixture
def pg(db):
    """PostgreSQL inside the test's transaction (rolled back after): for statements refused at once."""
    require(connection.vendor == "postgresql", "the ledger's database guards are PostgreSQL triggers: set DATABASE_URL")


def _topup(micros: int = 100):
    wallet = account_get(kind=Kind.MERCHANT_WALLET, merchant=MerchantFactory())
    bank = account_get(kind=Kind.BANK)
    entry = ledger_post(kind="topup", key=f"t:{wallet.pk}", reference="t", lines=[(bank.id, -micros), (wallet.id, micros)])
    return entry, wallet, bank


def _refused(sql: str, params=(), match: str = ""):
    """The statement fails in the database (in a savepoint, so the test goes on)."""
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _entry_insert(cursor, key: str) -> int:
    cursor.execute(
        "INSERT INTO payouts_journalentry (kind, idempotency_key, reference, memo, created_at)"
        " VALUES ('adjustment', %s, 'sql', '{}', now()) RETURNING id",
        [key],
    )
    return cursor.fetchone()[0]


def test_a_balance_or_an_account_is_not_edited_from_outside(pg):
    entry, wallet, bank = _topup(100)

    _refused("UPDATE payouts_ledgeraccount SET balance = 10000000 WHERE id = %s", [wallet.id], "balance changes only")
    _refused("UPDATE payouts_ledgeraccount SET balance = balance + 1", match="balance changes only")
    _refused("UPDATE payouts_ledgeraccount SET kind = 'bank' WHERE id = %s", [wallet.id], "never change")
    _refused("UPDATE payouts_ledgeraccount SET merchant_id = NULL WHERE id = %s", [wallet.id], "never change")
    _refused("UPDATE payouts_ledgeraccount SET key = 'bank2' WHERE id = %s", [bank.id], "never change")
    # a new account starts at zero: money is not created by inserting a rich account
    _refused(
        "INSERT INTO payouts_ledgeraccount (key, kind, merchant_id, balance, created_at)"
        " VALUES ('forged', 'merchant_wallet', %s, 5000000, now())",
        [MerchantFactory().pk],
        "starts at balance 0",
    )
    # nor by applying an entry's postings to the balances a second time
    _refused("SELECT payouts_apply_balances(%s, NULL)", [entry.id], "applied already")

    wallet.refresh_from_db()
    assert (wallet.kind, wallet.balance) == (Kind.MERCHANT_WALLET, 100)
    assert ledger_violations() == []


def test_postings_name_entries_and_accounts_that_exist(pg):
    _entry, wallet, bank = _topup(100)
    with connection.cursor() as cursor:
        entry_id = _entry_insert(cursor, "sql:open")  # open, not yet proved: it takes postings
    _refused(
        "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 5), (%s, %s, -5)",
        [987654321, wallet.id, 987654321, bank.id],
        "journal entry 987654321 which does not exist",
    )
    _refused(
        "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 5), (%s, %s, -5)",
        [entry_id, 987654321, entry_id, bank.id],
        "ledger account 987654321 which does not exist",
    )
    assert Posting.objects.count() == 2
    with connection.cursor() as cursor:  # the open entry balances (the test's end checks every entry)
        cursor.execute(
            "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 5), (%s, %s, -5)",
            [entry_id, wallet.id, entry_id, bank.id],
        )


def test_a_statement_of_many_postings_is_checked_in_one_pass_and_still_refuses_a_missing_account(pg):
    # given an open entry and 12,000 lines (a statement this large against the accounts is checked by one
    # ordered pass over both instead of one probe a line), one of them to an account that does not exist
    _entry, wallet, bank = _topup(100)
    with connection.cursor() as cursor:
        entry_id = _entry_insert(cursor, "sql:many")
    lines = """
        INSERT INTO payouts_posting (entry_id, account_id, amount)
        SELECT %s, CASE WHEN g = 6000 THEN %s ELSE %s END, CASE WHEN g %% 2 = 0 THEN 1 ELSE -1 END
          FROM generate_series(1, 12000) g
    """

    # then the statement is refused and names that account
    _refused(lines, [entry_id, 987654321, wallet.id], "ledger account 987654321 which does not exist")

    # and the same lines to accounts that exist pass, and leave the planner as it was
    with connection.cursor() as cursor:
        cursor.execute(lines, [entry_id, bank.id, wallet.id])
        cursor.execute("SELECT current_setting('enable_nestloop'), current_setting('enable_hashjoin')")
        assert cursor.fetchone() == ("on", "on")
    assert Posting.objects.filter(entry_id=entry_id).count() == 12000


def test_an_entry_proved_balanced_takes_no_more_postings(pg):
    # given an entry of this transaction with two balanced postings
    _entry, wallet, bank = _topup(100)
    with connection.cursor() as cursor:
        entry_id = _entry_insert(cursor, "sql:proved")
        cursor.execute(
            "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 30), (%s, %s, -30)",
            [entry_id, wallet.id, entry_id, bank.id],
        )

        # when the database proves it
        cursor.execute("SELECT postings, total FROM payouts_entry_prove(%s)", [entry_id])
        assert cursor.fetchone() == (2, 0)

    # then a posting added after the proof is refused, even a balanced pair (the commit-time check trusts the proof)
    _refused(
        "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 5), (%s, %s, -5)",
        [entry_id, wallet.id, entry_id, bank.id],
        f"journal entry {entry_id} was proved balanced",
    )


def test_an_unbalanced_entry_is_not_proved_and_the_commit_time_check_still_sums_it(pg):
    _entry, wallet, bank = _topup(100)
    with pytest.raises(IntegrityError, match="does not balance at commit: 40 micros over 2 postings"):
        with transaction.atomic(), connection.cursor() as cursor:
            entry_id = _entry_insert(cursor, "sql:unproved")
            cursor.execute(
                "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 100), (%s, %s, -60)",
                [entry_id, wallet.id, entry_id, bank.id],
            )
            # the proof answers with the sum and records nothing
            cursor.execute("SELECT postings, total FROM payouts_entry_prove(%s)", [entry_id])
            assert cursor.fetchone() == (2, 40)
            cursor.execute("SET CONSTRAINTS payouts_entry_balances IMMEDIATE")


def test_postings_are_never_changed_or_deleted(pg):
    entry, wallet, _bank = _topup(100)
    _refused("UPDATE payouts_posting SET amount = amount * 2 WHERE entry_id = %s", [entry.id], "append-only")
    _refused("DELETE FROM payouts_posting WHERE entry_id = %s", [entry.id], "append-only")
    _refused("DELETE FROM payouts_journalentry WHERE id = %s", [entry.id], "append-only")
    _refused("DELETE FROM payouts_ledgeraccount WHERE id = %s", [wallet.id], "append-only")
    assert sorted(Posting.objects.filter(entry=entry).values_list("amount", flat=True)) == [-100, 100]


def test_an_entry_that_does_not_sum_to_zero_is_refused_at_commit(pg):
    _entry, wallet, bank = _topup(100)
    # the deferred check runs at commit; SET CONSTRAINTS … IMMEDIATE runs it now, inside the test's transaction
    with pytest.raises(IntegrityError, match="does not balance at commit: 40 micros over 2 postings"):
        with transaction.atomic(), connection.cursor() as cursor:
            entry_id = _entry_insert(cursor, "sql:unbalanced")
            cursor.execute(
                "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 100), (%s, %s, -60)",
                [entry_id, wallet.id, entry_id, bank.id],
            )
            cursor.execute("SET CONSTRAINTS payouts_entry_balances IMMEDIATE")
    with pytest.raises(IntegrityError, match="0 micros over 0 postings"):
        with transaction.atomic(), connection.cursor() as cursor:
            _entry_insert(cursor, "sql:empty")
            cursor.execute("SET CONSTRAINTS payouts_entry_balances IMMEDIATE")
    # a balanced one passes the same check
    with transaction.atomic(), connection.cursor() as cursor:
        entry_id = _entry_insert(cursor, "sql:balanced")
        cursor.execute(
            "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 100), (%s, %s, -100)",
            [entry_id, wallet.id, entry_id, bank.id],
        )
        cursor.execute("SET CONSTRAINTS payouts_entry_balances IMMEDIATE")
        cursor.execute("SET CONSTRAINTS payouts_entry_balances DEFERRED")


@pytest.mark.postgres
@pytest.mark.parametrize(
    "table", ["payouts_posting", "payouts_journalentry", "payouts_ledgeraccount", "accounts_auditevent", "accounts_merchant"]
)
def test_truncate_is_refused(postgres, table):
    # (committed first: PostgreSQL refuses any TRUNCATE of a table with deferred checks pending)
    _topup(100)
    _refused(f"TRUNCATE {table}", match="is never truncated|referenced in a foreign key")
    # nor with CASCADE (which from accounts_merchant reaches the ledger accounts)
    _refused(f"TRUNCATE {table} CASCADE", match="is never truncated")
    assert Posting.objects.count() == 2
    assert LedgerAccount.objects.count() == 2


@pytest.mark.postgres
def test_commit_refuses_an_unbalanced_entry_and_postings_added_to_a_closed_one(postgres):
    entry, wallet, bank = _topup(100)  # committed: the entry is closed

    # a balanced pair added later to a committed entry still changes what it said
    _refused(
        "INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 500), (%s, %s, -500)",
        [entry.id, wallet.id, entry.id, bank.id],
        f"journal entry {entry.id} is closed",
    )
    # its balances were applied when it was posted, never again
    _refused("SELECT payouts_apply_balances(%s, NULL)", [entry.id], "not open in this transaction")
    # nor proved again: it was proved when it was posted
    _refused("SELECT * FROM payouts_entry_prove(%s)", [entry.id], "not open in this transaction")

    # an unbalanced entry is refused by COMMIT itself, and nothing of it stays
    with pytest.raises(IntegrityError, match="does not balance at commit"):
        with transaction.atomic(), connection.cursor() as cursor:
            entry_id = _entry_insert(cursor, "sql:unbalanced")
            cursor.execute("INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 7)", [entry_id, wallet.id])
    assert not JournalEntry.objects.filter(idempotency_key="sql:unbalanced").exists()
    assert Posting.objects.count() == 2
    wallet.refresh_from_db()
    assert wallet.balance == 100
    assert ledger_violations() == []


@pytest.mark.postgres
def test_every_money_flow_commits_through_the_guards(postgres, settings):
    # given a market whose every service call commits on its own (each one meets the commit-time check)
    settings.PAYOUTS_MIN_WITHDRAWAL_FEN = 100
    market = market_create(people=3)
    person = market.people[0]

    # when the buyer purchases, the sales settle, one is refunded inside the window, holds are released,
    # a person withdraws (one line paid, one failed) and a sale is refunded after the window
    refunded_early = purchase(market, price_fen=30_000)
    settle(market, refunded_early)
    refund(market, refunded_early)
    kept = purchase(market, price_fen=90_000)
    settle(market, kept)
    later = purchase(market, price_fen=60_000)
    settle(market, later)
    unsettled = purchase(market, price_fen=10_000)
    refund(market, unsettled)
    assert holds_release_due(now=timezone.now() + timedelta(days=60)) == 2
    earned = balance(Kind.SUBJECT_AVAILABLE, user=person)
    paid = withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=1_000, by=person)
    failed = withdrawal_request(user=person, payout_account=market.cards[person.pk], amount_fen=500, by=person)
    assert payout_batch_create() is not None
    withdrawal_mark_paid(withdrawal=paid, by=market.staff)
    withdrawal_mark_failed(withdrawal=failed, reason="Card closed", by=market.staff)
    refund(market, later, now=timezone.now() + timedelta(days=60))

    # then every entry balanced at its commit and the cached balances are the posted sums
    assert balance(Kind.SUBJECT_AVAILABLE, user=person) == earned - money.fen_to_micros(1_000)
    assert balance(Kind.MERCHANT_WALLET, merchant=market.buyer) == money.fen_to_micros(10_000_000 - 90_000)
    assert JournalEntry.objects.filter(kind=JournalEntry.Kind.REFUND).count() == 3
    assert ledger_violations() == []
