"""Posting a subject pool to many members: one posting per member, no Python object per member.

On PostgreSQL the largest-remainder split runs in SQL (window functions over the
members query) and the postings are written with one INSERT … SELECT; ties are
broken by sha256(salt:user_id), byte for byte the order `allocation.largest_remainder`
uses, so both paths give identical shares. SQLite (development) takes the exact
Python path.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from .allocation import largest_remainder
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
    """One INSERT … SELECT. Only the members tied at the cut-off remainder are hashed and sorted.

    The largest-remainder order is (remainder desc, sha256(salt:user_id)). Members
    whose remainder is above the cut-off all get a leftover micro; of those exactly
    at it, the first `slots` by hash do — the same people as sorting everyone.
    A member without an earnings account yet makes account_id NULL, which the
    NOT NULL column refuses: the caller then creates the accounts and runs it again.
    """
    members_sql, params = _members_sql(members)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            /* pool_post: one posting per member */
            WITH m AS ({members_sql}),
            t AS (SELECT SUM(weight)::bigint AS w FROM m),
            b AS MATERIALIZED (
                SELECT m.user_id, (%s::bigint * m.weight) / t.w AS q, (%s::bigint * m.weight) %% t.w AS r
                  FROM m CROSS JOIN t
            ),
            lo AS (SELECT %s::bigint - SUM(q) AS leftover FROM b),
            g AS (SELECT r, COUNT(*) AS n FROM b GROUP BY r),
            c AS (SELECT r, n, SUM(n) OVER (ORDER BY r DESC) - n AS above FROM g),
            cut AS (
                SELECT c.r, lo.leftover - c.above AS slots FROM c CROSS JOIN lo
                 WHERE c.above < lo.leftover AND c.above + c.n >= lo.leftover
            ),
            tie AS (
                SELECT b.user_id FROM b JOIN cut ON b.r = cut.r
                 ORDER BY sha256(convert_to(%s || ':' || b.user_id::text, 'UTF8'))
                 LIMIT (SELECT slots FROM cut)
            ),
            shares AS (
                SELECT b.user_id,
                       b.q + CASE WHEN b.r > (SELECT r FROM cut) OR tie.user_id IS NOT NULL THEN 1 ELSE 0 END AS share
                  FROM b LEFT JOIN tie ON tie.user_id = b.user_id
            )
            INSERT INTO payouts_posting (entry_id, account_id, amount)
            SELECT %s, a.id, shares.share
              FROM shares
              LEFT JOIN payouts_ledgeraccount a ON a.user_id = shares.user_id AND a.kind = 'subject_pending'
             WHERE shares.share > 0
            """,
            params + (pool, pool, pool, salt, entry_id),
        )
