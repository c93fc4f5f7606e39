"""The SQL split (PostgreSQL) gives exactly the shares of the pure allocation, tie-breaks included."""

from contextlib import contextmanager

import pytest
from django.db import transaction
from django.db.models import Case, F, Value, When

from accounts.models import User
from payouts.allocation import largest_remainder, weight_cut
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.pool import pool_post

from ..factories import UserFactory


@contextmanager
def _rolled_back():
    """One transaction, rolled back: the pool's entry is never committed half-posted.

    (The database refuses at commit an entry whose postings do not sum to zero, and postings
    added to an entry after the transaction that opened it; a split alone is half a sale.)
    """
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("pool", "modulus"),
    [(1_000, 1), (999, 1), (7, 1), (1_000_003, 3), (10**12 + 7, 5), (30, 7), (0, 2), (5, 4), (123_456_789, 11)],
)
def test_sql_split_equals_the_pure_allocation(postgres, pool, modulus):
    with _rolled_back():
        people = [UserFactory() for _ in range(37)]
        ids = [person.pk for person in people]
        members = User.objects.filter(pk__in=ids).annotate(w=F("id") % modulus + 1).order_by("id").values_list("id", "w")
        entry = JournalEntry.objects.create(kind="sale", idempotency_key=f"t:{pool}:{modulus}", reference="t")
        salt = f"order:{pool}"
        pool_post(entry_id=entry.id, pool=pool, members=members, salt=salt)
        pool_post_again = Posting.objects.filter(entry=entry).count()
        got = dict(
            Posting.objects.filter(entry=entry, account__kind=LedgerAccount.Kind.SUBJECT_PENDING).values_list(
                "account__user_id", "amount"
            )
        )
        expected = largest_remainder(pool, [(pk, pk % modulus + 1) for pk in ids], salt=salt)
        assert got == {pk: share for pk, share in expected.items() if share}
        assert pool_post_again == len(got)


@pytest.mark.postgres
@pytest.mark.parametrize(("pool", "ranked_from"), [(60, "the smallest hash"), (300, "the largest hash")])
def test_members_of_two_weights_tied_at_the_cut_off_are_ranked_together(postgres, pool, ranked_from):
    # given 70 members of weights 1, 2 and 4 (20, 20, 30), whose weights 1 and 4 leave the same remainder:
    # at pool 60, 10 of their 50 members get a leftover micro (the SQL looks for the 10th smallest hash);
    # at pool 300, 40 do (it looks for the 10th largest, the first loser)
    weights = [1] * 20 + [2] * 20 + [4] * 30
    cut = weight_cut(pool, {1: 20, 2: 20, 4: 30})
    assert cut.tied == {1, 4} and cut.slots == {60: 10, 300: 40}[pool]
    with _rolled_back():
        ids = [UserFactory().pk for _ in weights]
        weight_of = dict(zip(ids, weights, strict=True))
        members = (
            User.objects.filter(pk__in=ids)
            .annotate(w=Case(*[When(pk=pk, then=Value(w)) for pk, w in weight_of.items()]))
            .values_list("id", "w")
        )
        entry = JournalEntry.objects.create(kind="sale", idempotency_key=f"t:tied:{pool}", reference="t")

        # when the pool is posted
        pool_post(entry_id=entry.id, pool=pool, members=members, salt=f"order:tied:{pool}")

        # then every share is the pure allocation's, and exactly `slots` tied members got the extra micro
        got = dict(Posting.objects.filter(entry=entry).values_list("account__user_id", "amount"))
        expected = largest_remainder(pool, list(weight_of.items()), salt=f"order:tied:{pool}")
        assert got == {pk: share for pk, share in expected.items() if share}
        assert sum(got.values()) == pool
        winners = [pk for pk in ids if weight_of[pk] in cut.tied and got.get(pk, 0) > cut.shares[weight_of[pk]]]
        assert len(winners) == cut.slots, ranked_from


@pytest.mark.postgres
def test_new_members_beyond_the_sample_get_accounts_through_the_retry(postgres):
    with _rolled_back():
        # given 120 members paid before, and 30 newcomers after them (the cheap sample sees only old ones)
        # who joined before accounts opened at sign-up (bulk_create runs no receiver: no accounts)
        paid_before = [UserFactory().pk for _ in range(120)]
        newcomers = User.objects.bulk_create([User(email=f"early{n}@example.com") for n in range(30)])
        assert not LedgerAccount.objects.filter(user__in=newcomers).exists()
        ids = sorted(paid_before + [person.pk for person in newcomers])
        old = User.objects.filter(pk__in=ids[:120]).annotate(w=F("id") % 3 + 1).order_by("id").values_list("id", "w")
        everyone = User.objects.filter(pk__in=ids).annotate(w=F("id") % 3 + 1).order_by("id").values_list("id", "w")
        first = JournalEntry.objects.create(kind="sale", idempotency_key="t:first", reference="t")
        pool_post(entry_id=first.id, pool=120_000, members=old, salt="a")
        second = JournalEntry.objects.create(kind="sale", idempotency_key="t:second", reference="t")

        # when a sale includes everyone
        pool_post(entry_id=second.id, pool=1_000_003, members=everyone, salt="b")

        # then everyone, newcomers included, got exactly the pure allocation
        got = dict(Posting.objects.filter(entry=second).values_list("account__user_id", "amount"))
        expected = largest_remainder(1_000_003, [(pk, pk % 3 + 1) for pk in ids], salt="b")
        assert got == {pk: share for pk, share in expected.items() if share}


@pytest.mark.postgres
def test_a_jobseeker_signs_up_with_both_earnings_accounts_so_a_first_sale_opens_none(postgres):
    with _rolled_back():
        # given people who signed up (the receiver opened their accounts) and a merchant's user
        people = [UserFactory() for _ in range(40)]
        merchant_user = UserFactory(kind=User.Kind.MERCHANT)
        pending = {a.user_id: a for a in LedgerAccount.objects.filter(kind=LedgerAccount.Kind.SUBJECT_PENDING)}
        available = {a.user_id: a for a in LedgerAccount.objects.filter(kind=LedgerAccount.Kind.SUBJECT_AVAILABLE)}
        for person in people:
            assert pending[person.pk].balance == 0 and pending[person.pk].release_to_id == available[person.pk].pk
        assert merchant_user.pk not in pending and merchant_user.pk not in available
        accounts_before = LedgerAccount.objects.count()

        # when they are paid for the first time
        members = User.objects.filter(pk__in=[p.pk for p in people]).annotate(w=F("id") % 2 + 1).values_list("id", "w")
        entry = JournalEntry.objects.create(kind="sale", idempotency_key="t:signed-up", reference="t")
        pool_post(entry_id=entry.id, pool=1_000_001, members=members, salt="c")

        # then no account was opened, and each got the pure allocation into the account opened at sign-up
        assert LedgerAccount.objects.count() == accounts_before
        got = dict(Posting.objects.filter(entry=entry).values_list("account_id", "amount"))
        expected = largest_remainder(1_000_001, [(p.pk, p.pk % 2 + 1) for p in people], salt="c")
        assert got == {pending[pk].pk: share for pk, share in expected.items() if share}
