"""Posting a subject pool to many members: one posting per member, no Python object per member.

On PostgreSQL the largest-remainder split is decided per weight (one grouping of the
members query) and the postings are written with one INSERT … SELECT; ties are
broken by sha256(salt:user_id), byte for byte the order `allocation.largest_remainder`
uses, so both paths give identical shares. SQLite (development) takes the exact
Python path.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from .allocation import largest_remainder, weight_cut
from .models import LedgerAccount, Posting

Kind = LedgerAccount.Kind


def _members_sql(members: QuerySet) -> tuple[str, tuple]:
    sql, params = members.query.sql_with_params()
    return f"SELECT * FROM ({sql}) AS members_raw(user_id, weight)", tuple(params)


def subject_accounts_ensure(members: QuerySet | list[tuple[int, int]]) -> None:
    """Create any missing jobseeker earnings accounts (available, then pending → available)."""
    if connection.vendor == "postgresql" and isinstance(members, QuerySet):
        members_sql, params = _members_sql(members)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO payouts_ledgeraccount (key, kind, user_id, balance, created_at)
                SELECT 'user:' || m.user_id || ':subject_available', 'subject_available', m.user_id, 0, now()
                  FROM ({members_sql}) m
                 WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount a
                                    WHERE a.user_id = m.user_id AND a.kind = 'subject_available')
                ON CONFLICT DO NOTHING
                """,
                params,
            )
            cursor.execute(
                f"""
                INSERT INTO payouts_ledgeraccount (key, kind, user_id, release_to_id, balance, created_at)
                SELECT 'user:' || m.user_id || ':subject_pending', 'subject_pending', m.user_id, a.id, 0, now()
                  FROM ({members_sql}) m
                  JOIN payouts_ledgeraccount a ON a.user_id = m.user_id AND a.kind = 'subject_available'
                 WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount p
                                    WHERE p.user_id = m.user_id AND p.kind = 'subject_pending')
                ON CONFLICT DO NOTHING
                """,
                params,
            )
        return
    user_ids = sorted({user_id for user_id, _ in members})
    available = [
        LedgerAccount(key=f"user:{uid}:{Kind.SUBJECT_AVAILABLE}", kind=Kind.SUBJECT_AVAILABLE, user_id=uid) for uid in user_ids
    ]
    LedgerAccount.objects.bulk_create(available, ignore_conflicts=True, batch_size=2000)
    available_ids = dict(
        LedgerAccount.objects.filter(kind=Kind.SUBJECT_AVAILABLE, user_id__in=user_ids).values_list("user_id", "id")
    )
    pending = [
        LedgerAccount(
            key=f"user:{uid}:{Kind.SUBJECT_PENDING}", kind=Kind.SUBJECT_PENDING, user_id=uid, release_to_id=available_ids[uid]
        )
        for uid in user_ids
    ]
    LedgerAccount.objects.bulk_create(pending, ignore_conflicts=True, batch_size=2000)


def _members_new(members: QuerySet, sample: int = 100) -> bool:
    """Whether any of the first `sample` members has no earnings account yet (cheap)."""
    members_sql, params = _members_sql(members)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT EXISTS (
                SELECT 1 FROM (SELECT user_id FROM ({members_sql}) m0 LIMIT {int(sample)}) m
                 WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount a
                                    WHERE a.user_id = m.user_id AND a.kind = 'subject_pending'))
            """,
            params,
        )
        return cursor.fetchone()[0]


def pool_post(*, entry_id: int, pool: int, members: QuerySet | list[tuple[int, int]], salt: str) -> None:
    """Write one posting per member with a non-zero share of `pool`.

    The caller proves the total: its entry balances only if exactly `pool` was posted.
    """
    if pool == 0:
        return
    if connection.vendor == "postgresql" and isinstance(members, QuerySet):
        if _members_new(members):  # a first sale: create the accounts before splitting
            subject_accounts_ensure(members)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE payouts_ledgeraccount")
            _pool_post_sql(entry_id=entry_id, pool=pool, members=members, salt=salt)
            return
        # Members who were paid before have their accounts: try without the (costly) full check.
        try:
            with transaction.atomic():
                _pool_post_sql(entry_id=entry_id, pool=pool, members=members, salt=salt)
            return
        except IntegrityError:
            subject_accounts_ensure(members)
            # Up to two new accounts per member: let the planner know before it joins them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE payouts_ledgeraccount")
        _pool_post_sql(entry_id=entry_id, pool=pool, members=members, salt=salt)
        return
    subject_accounts_ensure(members)
    shares = largest_remainder(pool, list(members), salt=salt)
    accounts = dict(
        LedgerAccount.objects.filter(kind=Kind.SUBJECT_PENDING, user_id__in=list(shares)).values_list("user_id", "id")
    )
    Posting.objects.bulk_create(
        (Posting(entry_id=entry_id, account_id=accounts[user_id], amount=share) for user_id, share in shares.items() if share),
        batch_size=5000,
    )


def _pool_post_sql(*, entry_id: int, pool: int, members: QuerySet, salt: str) -> None:
    """The split decided per weight, then one INSERT … SELECT; only the members at the cut-off are hashed.

    A member's remainder depends on its weight alone (`allocation.weight_cut`), so one
    grouping of the members by weight decides every share but the tie-break. The members
    at the cut-off are ranked by sha256(salt:user_id), the order `allocation.tie_rank`
    gives, and only the rank of the last winner (or of the first loser, whichever is
    nearer the end) is looked for: a bounded sort, never a sort of everyone. The INSERT
    then reads each member once, hashes only the tied ones again to compare them with
    that rank, and joins the members' accounts by hash.
    A member without an earnings account yet makes account_id NULL, which the
    NOT NULL column refuses: the caller then creates the accounts and runs it again.
    """
    members_sql, params = _members_sql(members)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT m.weight, COUNT(*) FROM ({members_sql}) m GROUP BY m.weight", params)
        counts = dict(cursor.fetchall())
        if not counts:  # nobody to pay: the entry cannot balance, and its close says so
            return
        cut = weight_cut(pool, counts)
        tied = sorted(cut.tied)
        # Rank the tied members by hash: winners are those up to the slots-th smallest hash,
        # or, when fewer lose than win, those below the smallest losing hash.
        tied_count = sum(counts[weight] for weight in tied)
        first, order, offset = (
            ("<=", "ASC", cut.slots - 1) if cut.slots <= tied_count - cut.slots else ("<", "DESC", tied_count - cut.slots - 1)
        )
        threshold = None
        if tied:
            cursor.execute(
                f"""
                SELECT h FROM (SELECT sha256(convert_to(%s || ':' || m.user_id::text, 'UTF8')) AS h
                                 FROM ({members_sql}) m WHERE m.weight = ANY(%s)) tied
                 ORDER BY h {order} LIMIT 1 OFFSET %s
                """,
                (salt, *params, tied, offset),
            )
            threshold = cursor.fetchone()[0]
        weights = sorted(counts)
        cursor.execute(
            f"""
            /* pool_post: one posting per member */
            INSERT INTO payouts_posting (entry_id, account_id, amount)
            SELECT %s, a.id, s.share
              FROM (SELECT m.user_id,
                           w.share + CASE WHEN w.tied AND sha256(convert_to(%s || ':' || m.user_id::text, 'UTF8')) {first} %s
                                          THEN 1 ELSE 0 END AS share
                      FROM ({members_sql}) m
                      JOIN unnest(%s::integer[], %s::bigint[], %s::boolean[]) AS w(weight, share, tied) ON w.weight = m.weight) s
              LEFT JOIN payouts_ledgeraccount a ON a.user_id = s.user_id AND a.kind = 'subject_pending'
             WHERE s.share > 0
            """,
            (
                entry_id,
                salt,
                threshold,
                *params,
                weights,
                [cut.shares[weight] for weight in weights],
                [weight in cut.tied for weight in weights],
            ),
        )
