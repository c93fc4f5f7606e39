"""A version with many members, written with set-based SQL (PostgreSQL), for settlement at scale.

Used by the worker tests and by bench/settlement.py.
"""

from django.db import connection

from exchange.models import DataProduct, Order, ProductVersion, VersionMember


def members_seed(*, version: ProductVersion, n: int, tag: str) -> None:
    """Add `n` jobseekers to `version` (weights 1, 2, 3 in turn), under the version's first grant.

    The rows are written in SQL, so the sign-up receiver does not run: like people who joined
    before earnings accounts opened at sign-up, they have none until a sale opens them.
    """
    grant_id = VersionMember.objects.filter(version=version).values_list("grant_id", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO accounts_user
                   (password, is_superuser, is_staff, is_active, date_joined, email, display_name, kind, language)
            SELECT '!', false, false, true, now(), 'bulk-' || %s || '-' || g || '@example.com', '', 'jobseeker', 'zh-hans'
              FROM generate_series(1, %s) g
            """,
            [tag, n],
        )
        cursor.execute(
            """
            INSERT INTO exchange_versionmember (version_id, user_id, grant_id, weight)
            SELECT %s, u.id, %s, 1 + (u.id %% 3) FROM accounts_user u WHERE u.email LIKE %s
            """,
            [version.pk, grant_id, f"bulk-{tag}-%"],
        )
        cursor.execute("ANALYZE accounts_user; ANALYZE exchange_versionmember")
    ProductVersion.objects.filter(pk=version.pk).update(member_count=VersionMember.objects.filter(version=version).count())


def expected_member_shares(order: Order) -> list[tuple[int, int]]:
    """What a clean settlement gives each member: the pure allocation over the same members."""
    from django.conf import settings

    from payouts import money
    from payouts.allocation import largest_remainder

    price = money.fen_to_micros(order.price_fen)
    product: DataProduct = order.version.product
    pool_bps = product.pool_bps if product.pool_bps is not None else settings.EXCHANGE["SUBJECT_POOL_BPS"]
    pool = money.split_bps(price, pool_bps)
    members = list(VersionMember.objects.filter(version=order.version).values_list("user_id", "weight"))
    shares = largest_remainder(pool, members, salt=order.reference)
    return sorted((user_id, share) for user_id, share in shares.items() if share)
