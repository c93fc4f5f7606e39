"""The privacy-budget ledger: every release and query spends ε for each contributing person.

A statistics release charges each person's lifetime budget directly. A query
service reserves an allowance from each member's lifetime budget when its version
is built; its queries then spend against the version's running total
(``QueryAllowance``), which bounds what any member spends inside the version, and
what a member did not spend is given back when the version is settled
(``exchange.services.queries.query_allowances_settle``).
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Merchant
from privacy import budget as accountant

from ..models import BudgetSpend, DataProduct, PrivacyBudget, ProductVersion, QueryAllowance, QueryPoolRow


class BudgetExhausted(Exception):
    """Someone in the cohort would go past their lifetime ε; ``people`` says how many."""

    def __init__(self, people: int, cohort: int = 0) -> None:
        super().__init__(f"{people} people would exceed their lifetime privacy budget")
        self.people = people
        # How many people the spend was for (kept for the internal log, never shown).
        self.cohort = cohort


class AllowanceUsedUp(Exception):
    """The version's queries have spent its allowance (or it was settled): nothing more may be asked of it."""


def lifetime_limit_micro() -> int:
    return accountant.to_micro(settings.EXCHANGE.get("LIFETIME_EPSILON", "10"))


def query_allowance_micro() -> int:
    """The ε a query-service version reserves from each member: the setting, else a quarter of the lifetime budget."""
    limit = lifetime_limit_micro()
    configured = settings.EXCHANGE.get("QUERY_ALLOWANCE_EPSILON")
    allowance = accountant.to_micro(configured) if configured is not None else limit // 4
    return min(allowance, limit)


def budget_spend(
    *,
    user_ids: QuerySet,
    epsilon_micro: int,
    people: int | None,
    product: DataProduct,
    version: ProductVersion | None,
    source: str,
) -> BudgetSpend:
    """Charge ``epsilon_micro`` to every user in ``user_ids`` (a one-column queryset of user ids).

    One ``INSERT … SELECT … ON CONFLICT`` adds the spend for the whole cohort in
    the database; the rows it touches stay locked until the transaction ends, so
    two concurrent queries cannot both squeeze under a limit. If anyone is then
    past the limit, the whole spend is rolled back and ``BudgetExhausted`` raised.

    ``people=None`` lets the spend count the cohort itself: on PostgreSQL the same
    statement that charges it returns how many it charged, so a query does not
    read its pool once more only to count it.
    """
    limit = lifetime_limit_micro()
    accountant.check_spend(spent_micro=0, cost_micro=epsilon_micro, limit_micro=limit)
    table = connection.ops.quote_name(PrivacyBudget._meta.db_table)
    sub_sql, sub_params = user_ids.query.sql_with_params()
    column = connection.ops.quote_name(user_ids.query.values_select[0] if user_ids.query.values_select else "id")
    upsert = (
        f"INSERT INTO {table} (user_id, spent_micro, updated_at) "  # noqa: S608 (names quoted, values bound)
        f"SELECT s.{column}, %s, %s FROM ({sub_sql}) AS s WHERE true "
        f"ON CONFLICT (user_id) DO UPDATE SET spent_micro = {table}.spent_micro + excluded.spent_micro, "
        f"updated_at = excluded.updated_at"
    )
    params = [epsilon_micro, timezone.now(), *sub_params]
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One round trip: the upsert returns the new totals and they are checked on the way out.
                cursor.execute(
                    f"WITH spent AS ({upsert} RETURNING spent_micro) "  # noqa: S608
                    f"SELECT count(*), count(*) FILTER (WHERE spent_micro > %s) FROM spent",
                    [*params, limit],
                )
                charged, over = cursor.fetchone()
            else:
                # "WHERE true" keeps SQLite's parser from reading ON CONFLICT as a join clause.
                cursor.execute(upsert, params)
                over = PrivacyBudget.objects.filter(user_id__in=user_ids, spent_micro__gt=limit).count()
                charged = user_ids.count() if people is None else people
        if people is None:
            people = charged
        if over:
            raise BudgetExhausted(over, cohort=people)
        return BudgetSpend.objects.create(
            source=source, product=product, version=version, epsilon_micro=epsilon_micro, people=people
        )


def budget_spent_micro(*, user_id: int) -> int:
    """What the person's lifetime budget holds: releases, the allowance of every query-service
    version not yet settled (reserved, at least what its queries spent on them), and what the
    queries of each settled version matched them for."""
    return PrivacyBudget.objects.filter(user_id=user_id).values_list("spent_micro", flat=True).first() or 0


def budget_reserve(*, version: ProductVersion) -> QueryAllowance:
    """Reserve the query allowance from the lifetime budget of every member of a query-service version, once.

    The allowance row is created first and the charge made only if this call
    created it, so a retry of the same version charges nobody twice. One
    set-based statement charges the whole pool (``budget_spend``); anyone it would
    take past their lifetime budget rolls it back with ``BudgetExhausted``.
    """
    allowance_micro = query_allowance_micro()
    with transaction.atomic():
        allowance, created = QueryAllowance.objects.get_or_create(version=version, defaults={"allowance_micro": allowance_micro})
        if created:
            budget_spend(
                user_ids=QueryPoolRow.objects.filter(version=version).values("user_id"),
                epsilon_micro=allowance_micro,
                people=None,
                product=version.product,
                version=version,
                source=BudgetSpend.Source.RESERVE,
            )
    return allowance


def budget_allowance_spend(
    *, version: ProductVersion, buyer: Merchant, filters: list, epsilon_micro: int, people: int
) -> BudgetSpend:
    """Spend one query's ε against its version's allowance, and record what the query matched.

    One conditional UPDATE of the version's row: it adds ε only while the total
    stays within the allowance and the version is not settled, and the row stays
    locked until the transaction ends, so concurrent queries cannot both squeeze
    under the allowance. Raises ``AllowanceUsedUp`` when it adds nothing.
    """
    # No savepoint of its own: a refusal rolls back the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        spent = QueryAllowance.objects.filter(
            version=version, settled_at__isnull=True, spent_micro__lte=F("allowance_micro") - epsilon_micro
        ).update(spent_micro=F("spent_micro") + epsilon_micro)
        if not spent:
            raise AllowanceUsedUp
        return BudgetSpend.objects.create(
            source=BudgetSpend.Source.QUERY,
            product=version.product,
            version=version,
            epsilon_micro=epsilon_micro,
            people=people,
            filters=filters,
            buyer=buyer,
        )
