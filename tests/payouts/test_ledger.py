"""Ledger invariants, the verify command, and the database's refusal to edit history."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from payouts import money
from payouts.allocation import largest_remainder, tie_rank, weight_cut
from payouts.exceptions import InsufficientFunds, LedgerError
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.selectors import ledger_violations
from payouts.services import account_get, ledger_post

from ..factories import MerchantFactory


@given(
    pool=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=60),
    salt=st.text(max_size=8),
)
def test_largest_remainder_is_exact_fair_and_order_independent(pool, weights, salt):
    members = list(enumerate(weights))
    shares = largest_remainder(pool, members, salt=salt)
    total_weight = sum(weights)
    assert sum(shares.values()) == pool
    for key, weight in members:
        exact_times_w = pool * weight  # exact share = pool * weight / total_weight
        assert abs(shares[key] * total_weight - exact_times_w) < total_weight
    assert largest_remainder(pool, list(reversed(members)), salt=salt) == shares


def _largest_remainder_member_by_member(pool, members, salt):
    """The method as first written: every member's remainder, sorted with the hash (the reference)."""
    total_weight = sum(weight for _, weight in members)
    shares, ranked = {}, []
    for key, weight in members:
        shares[key], remainder = divmod(pool * weight, total_weight)
        ranked.append((-remainder, tie_rank(salt, key), key))
    for _, _, key in sorted(ranked)[: pool - sum(shares.values())]:
        shares[key] += 1
    return shares


@given(
    pool=st.integers(min_value=0, max_value=10**15),
    weights=st.lists(st.sampled_from([1, 2, 3, 5, 7, 12, 1000]), min_size=1, max_size=80),
    salt=st.text(max_size=8),
)
def test_the_split_decided_per_weight_is_the_member_by_member_split(pool, weights, salt):
    # few distinct weights, so that several share a remainder and whole groups tie
    members = [(key * 7 + 3, weight) for key, weight in enumerate(weights)]
    assert largest_remainder(pool, members, salt=salt) == _largest_remainder_member_by_member(pool, members, salt)
    cut = weight_cut(pool, {w: weights.count(w) for w in set(weights)})
    tied = sum(weights.count(w) for w in cut.tied)
    assert (cut.slots == 0 and not cut.tied) or 0 < cut.slots < tied
    assert sum(cut.shares[w] for w in weights) + cut.slots == pool


def test_a_weight_cut_names_only_the_weights_at_the_cut_off():
    # 10 units over weights 1 (3 members) and 2 (2 members): total weight 7, quotients 1 and 2, remainders
    # 3 and 6, 3 units left: both weight-2 members get one, and one of the three weight-1 members, by hash
    cut = weight_cut(10, {1: 3, 2: 2})
    assert (cut.shares, cut.tied, cut.slots) == ({1: 1, 2: 3}, frozenset({1}), 1)
    # 12 units (remainders 5 and 3, 3 left): every weight-1 member gets one, nobody is ranked
    assert weight_cut(12, {1: 3, 2: 2}) == type(cut)(shares={1: 2, 2: 3}, tied=frozenset(), slots=0)
    with pytest.raises(ValueError):
        weight_cut(5, {})
    with pytest.raises(ValueError):
        weight_cut(5, {0: 2})


def test_ties_rotate_between_sales():
    members = [(user_id, 1) for user_id in range(10)]
    winners = {frozenset(k for k, v in largest_remainder(3, members, salt=f"order:{n}").items() if v) for n in range(20)}
    assert len(winners) > 1  # not always the same three people


def test_money_formats_tiny_shares_exactly():
    assert money.format_micros(300) == "¥0.000300"
    assert money.format_fen(123_456) == "¥1,234.56"
    assert money.yuan_to_fen("12.5") == 1250
    with pytest.raises(ValueError):
        money.yuan_to_fen("0.001")


@pytest.mark.django_db
def test_unbalanced_entry_is_refused_and_nothing_is_written():
    wallet = account_get(kind=LedgerAccount.Kind.MERCHANT_WALLET, merchant=MerchantFactory())
    bank = account_get(kind=LedgerAccount.Kind.BANK)
    with pytest.raises(LedgerError):
        ledger_post(kind="adjustment", key="bad", reference="t", lines=[(bank.id, -5), (wallet.id, 4)])
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_overdraft_is_refused():
    wallet = account_get(kind=LedgerAccount.Kind.MERCHANT_WALLET, merchant=MerchantFactory())
    other = account_get(kind=LedgerAccount.Kind.SALES_CLEARING)
    with pytest.raises(InsufficientFunds):
        ledger_post(kind="purchase", key="p1", reference="t", lines=[(wallet.id, -1), (other.id, 1)])
    assert not Posting.objects.exists()


@pytest.mark.django_db
def test_same_key_posts_once():
    wallet = account_get(kind=LedgerAccount.Kind.MERCHANT_WALLET, merchant=MerchantFactory())
    bank = account_get(kind=LedgerAccount.Kind.BANK)
    first = ledger_post(kind="topup", key="t1", reference="t", lines=[(bank.id, -100), (wallet.id, 100)])
    second = ledger_post(kind="topup", key="t1", reference="t", lines=[(bank.id, -100), (wallet.id, 100)])
    assert first == second
    wallet.refresh_from_db()
    assert wallet.balance == 100


@pytest.mark.django_db
def test_verify_ledger_catches_a_tampered_posting_and_a_stale_balance():
    wallet = account_get(kind=LedgerAccount.Kind.MERCHANT_WALLET, merchant=MerchantFactory())
    bank = account_get(kind=LedgerAccount.Kind.BANK)
    entry = ledger_post(kind="topup", key="t1", reference="t", lines=[(bank.id, -100), (wallet.id, 100)])
    call_command("verify_ledger")
    if connection.vendor == "postgresql":  # the database refuses the edit unless the writer's flag is forged
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL exchange.ledger_writer = 'on'")
    LedgerAccount.objects.filter(pk=wallet.pk).update(balance=999)
    with pytest.raises(CommandError):
        call_command("verify_ledger")
    LedgerAccount.objects.filter(pk=wallet.pk).update(balance=100)
    if connection.vendor == "sqlite":  # PostgreSQL refuses the edit itself (next test)
        Posting.objects.filter(entry=entry, account=wallet).update(amount=101)
        assert any("does not balance" in problem for problem in ledger_violations())


@pytest.mark.postgres
def test_postgres_refuses_to_update_or_delete_ledger_rows(postgres):
    wallet = account_get(kind=LedgerAccount.Kind.MERCHANT_WALLET, merchant=MerchantFactory())
    bank = account_get(kind=LedgerAccount.Kind.BANK)
    entry = ledger_post(kind="topup", key="t1", reference="t", lines=[(bank.id, -100), (wallet.id, 100)])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Posting.objects.filter(entry=entry).update(amount=5)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Posting.objects.filter(entry=entry).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        JournalEntry.objects.filter(pk=entry.pk).update(reference="edited")
    assert sorted(Posting.objects.filter(entry=entry).values_list("amount", flat=True)) == [-100, 100]
