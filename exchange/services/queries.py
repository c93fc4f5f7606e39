"""Clean-room queries: allow-listed templates run inside the exchange, noised and thresholded.

Buyers never send SQL or code. Each person counts at most once (one resume per
person), OpenDP adds the noise, results and bins whose noisy count is under the
product's threshold are suppressed, every query that reads the pool spends ε
against each matching person's lifetime budget whether it is answered or
suppressed, a refusal says only that the query cannot be answered now, and every
query is logged, refused ones included.

The spend is made in two steps that together are exact. A version reserves an
allowance A from each member's lifetime budget when it is built; each query adds
its ε to the version's running total, never past A, with no write per person
(every member's spend inside the version is at most that total). When the version
is settled (withdrawn or replaced) each member is given back A minus the ε of
the version's queries whose filter matched them.
"""

import json
import time

from django.db import connection, transaction
from django.db.models import BigIntegerField, Case, Count, Q, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Merchant, User
from privacy import budget as accountant
from privacy import templates

from ..exceptions import BuildError, QueryError, QueryRefused, QueryServiceMissing, QueryServiceResting
from ..models import BudgetSpend, DataProduct, Order, PrivacyBudget, ProductVersion, QueryAllowance, QueryLog, QueryPoolRow
from ..selectors import blocked_user_ids_for
from .budget import AllowanceUsedUp, budget_allowance_spend

# Distinct filters folded into one statement of a settlement (each is one CASE term).
SETTLE_FILTERS_PER_STATEMENT = 100


def _filters(filters) -> Q:
    """The pool rows a plan's (field, op, value) filters match; an empty Q() (no filter) matches every row."""
    condition = Q()
    for field, op, value in filters:
        if op == "eq":
            condition &= Q(**{field: value})
        elif op == "gte":
            condition &= Q(**{f"{field}__gte": value})
        elif op == "in":
            condition &= Q(**{f"{field}__in": list(value)})
        elif op == "has_all":
            # The snapshot holds skills in lower case, like the template's vocabulary.
            if connection.vendor == "postgresql":
                condition &= Q(**{f"{field}__contains": list(value)})  # jsonb @>
            else:
                # A JSON list holds the skill as a quoted string; the quotes keep "go" from matching "google".
                for item in value:
                    condition &= Q(**{f"{field}__icontains": f'"{item}"'})
        else:  # pragma: no cover - templates only produce the operators above
            raise ValueError(op)
    return condition


def query_pool(*, version: ProductVersion, buyer: Merchant) -> QuerySet:
    """The people a query may draw on: the version's members, minus those who block the buyer.

    A version holding someone who withdrew is withdrawn at once (and its snapshot
    deleted), so a query never reaches a person without an active consent.
    """
    pool = QueryPoolRow.objects.filter(version=version)
    blocked = blocked_user_ids_for(merchant=buyer)
    if blocked:
        pool = pool.exclude(user_id__in=blocked)
    return pool


def query_matching(*, version: ProductVersion, buyer: Merchant, plan: templates.QueryPlan) -> QuerySet:
    """The pool rows a planned query reads: its filter over what the buyer may draw on."""
    return query_pool(version=version, buyer=buyer).filter(_filters(plan.filters))


def _entitled_version(product: DataProduct, buyer: Merchant) -> ProductVersion:
    if product.kind != DataProduct.Kind.QUERY:
        raise QueryServiceMissing(_("This product is not a query service."))
    if not product.is_listed:
        raise QueryServiceMissing(_("This product is not listed in the catalog."), code="not_listed")
    # Its allowance comes with it: the query's first check reads no other row.
    version = (
        product.versions.filter(status=ProductVersion.Status.READY).select_related("query_allowance").order_by("-number").first()
    )
    if version is None:
        raise QueryServiceResting(_("This query service has no version in service right now; a new one is being built."))
    # An order of any version entitles: a rebuild after a withdrawal does not take a buyer's access away.
    entitled = Order.objects.filter(buyer=buyer, version__product=product).exclude(status=Order.Status.REFUNDED).exists()
    if not entitled:
        raise QueryRefused(_("Buy this query service before running queries."), code="not_entitled")
    return version


def _true_aggregate(plan: templates.QueryPlan, matching: QuerySet) -> tuple[int, object]:
    """The number of people matching and the template's true value, in one statement over the pool."""
    if plan.aggregate == "count":
        people = matching.count()
        return people, people
    # People sharing a value (a band's value, a whole skill list) are counted together by the
    # database; each pool row is one person, so the groups add up to the number of people.
    grouped = list(matching.order_by().values_list(plan.field).annotate(n=Count("id")))
    people = sum(n for _value, n in grouped)
    if plan.aggregate == "histogram":
        return people, templates.histogram_counts(grouped, plan.bands)
    return people, templates.skill_counts_grouped(grouped, plan.vocabulary)


def query_run(
    *, product: DataProduct, buyer: Merchant, template: str, params: dict, by: User | None, strict: bool = False
) -> QueryLog:
    """Run one allow-listed query for an entitled buyer and return its log entry (with the result).

    ``strict`` takes parameters only in the exact JSON form the API documents (privacy.templates.plan).

    Raises ``QueryError`` for bad input and ``QueryRefused`` when the buyer is not
    entitled or the version's query allowance is used up; a refusal is logged
    before it is raised. The allowance is the version's total, the same for every
    filter, so a refusal depends on no count of people.
    """
    started = time.monotonic()
    version = _entitled_version(product, buyer)
    log = QueryLog(product=product, version=version, buyer=buyer, run_by=by, template=template[:40], params=params)

    def refuse(message: str, error_class=QueryRefused, code: str = "query_refused"):
        log.outcome = QueryLog.Outcome.REFUSED
        log.refusal = message[:300]
        log.elapsed_ms = int((time.monotonic() - started) * 1000)
        log.save()
        raise error_class(message, code=code)

    try:
        plan = templates.plan(template, params, strict=strict)
    except templates.TemplateError as exc:
        refuse(_("This query is not allowed: %(reason)s") % {"reason": exc.message}, QueryError, exc.code)
    log.params = plan.params
    epsilon_micro = accountant.to_micro(product.epsilon)
    # One fixed message: neither how many people match nor any other count.
    cannot_answer = _("This query cannot be answered now.")
    allowance = getattr(version, "query_allowance", None)
    if allowance is None or allowance.settled_at is not None or allowance.spent_micro + epsilon_micro > allowance.allowance_micro:
        # A version without an allowance (built before allowances existed) or with too little left answers
        # nothing more: a new version is built, which gives back what this one's queries did not spend.
        _replenish(product)
        refuse(cannot_answer, code="cannot_answer_now")
    people, true_value = _true_aggregate(plan, query_matching(version=version, buyer=buyer, plan=plan))
    log.people = people
    try:
        with transaction.atomic():
            # Every query that reads the pool spends ε, answered or suppressed: the
            # suppression is decided on noisy counts, so it is part of the ε-DP answer.
            # The spend is made before any noise is drawn; if the allowance ran out
            # meanwhile, nothing is released.
            budget_allowance_spend(
                version=version,
                buyer=buyer,
                filters=[list(condition) for condition in plan.filters],
                epsilon_micro=epsilon_micro,
                people=people,
            )
            log.result = templates.release(
                plan, people=people, true_value=true_value, epsilon=product.epsilon, threshold=product.min_people
            )
            suppressed = log.result.get("suppressed")
            log.outcome = QueryLog.Outcome.SUPPRESSED if suppressed else QueryLog.Outcome.ANSWERED
            log.epsilon_micro = epsilon_micro
            log.elapsed_ms = int((time.monotonic() - started) * 1000)
            log.save()
    except AllowanceUsedUp:
        _replenish(product)
        refuse(cannot_answer, code="cannot_answer_now")
    return log


def _replenish(product: DataProduct) -> None:
    """Start the exchange's own rebuild of a query service whose version cannot take another query.

    The rebuild settles the old version (each member gets back what its queries did not
    spend) and reserves a new allowance from what is left of everyone's lifetime budget,
    so a service keeps answering until its people's budgets, not one version's, run out.
    One build at a time per product: a build already under way is left to finish. Whether
    a rebuild starts depends on the ε spent, never on a count of people.
    """
    from .builds import version_build_start

    try:
        version_build_start(product=product, by=None)
    except BuildError:
        pass  # nothing to build from (no consented resume left): the service rests as it is


def _matched_epsilon(spends: list[tuple[list, int]]):
    """Each pool row's ε from the given queries, as chunks of SQL expressions to add up.

    A query with no filter matched every member: its ε is a constant, never a
    ``When(Q())`` (an empty Q would be dropped, or refused, and the member undercharged).
    """
    everyone = 0
    by_filter: dict[str, tuple[list, int]] = {}
    for filters, epsilon_micro in spends:
        if not filters:
            everyone += epsilon_micro
            continue
        key = json.dumps(filters, sort_keys=True, ensure_ascii=False)
        kept, total = by_filter.get(key, (filters, 0))
        by_filter[key] = (kept, total + epsilon_micro)
    groups = [by_filter[key] for key in sorted(by_filter)]
    chunks = []
    for start in range(0, max(len(groups), 1), SETTLE_FILTERS_PER_STATEMENT):
        expression = Value(everyone if start == 0 else 0, output_field=BigIntegerField())
        for filters, total in groups[start : start + SETTLE_FILTERS_PER_STATEMENT]:
            expression = expression + Case(
                When(_filters(filters), then=Value(total)), default=Value(0), output_field=BigIntegerField()
            )
        chunks.append(expression)
    return chunks


def query_allowances_settle(*, version_ids) -> int:
    """Give each member of these versions back the allowance their queries did not spend; return how many were settled.

    Claimed by a conditional update of the allowance row, so settling twice gives
    nothing back twice, and a query still in flight either spent before the claim
    (and is counted) or finds the version settled and is refused. A member's real
    spend is the ε of every query of the version whose filter matched their pool
    row. Who was left out for blocking that query's buyer is not known afterwards,
    so such a query counts for them too: an overcharge, never an undercharge.
    Called before a version's pool rows are deleted.
    """
    settled = 0
    table = connection.ops.quote_name(PrivacyBudget._meta.db_table)
    for version_id in sorted(set(version_ids)):
        with transaction.atomic():
            if not QueryAllowance.objects.filter(version_id=version_id, settled_at__isnull=True).update(
                settled_at=timezone.now()
            ):
                continue
            allowance = QueryAllowance.objects.select_related("version__product").get(version_id=version_id)
            spends = list(
                BudgetSpend.objects.filter(version_id=version_id, source=BudgetSpend.Source.QUERY)
                .order_by("id")
                .values_list("filters", "epsilon_micro")
            )
            returned = 0
            for position, matched in enumerate(_matched_epsilon(spends)):
                # The first statement gives the allowance back, every statement takes the matched ε again.
                give_back = allowance.allowance_micro if position == 0 else 0
                rows = QueryPoolRow.objects.filter(version_id=version_id).annotate(matched=matched).values("user_id", "matched")
                sub_sql, sub_params = rows.query.sql_with_params()
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {table} SET spent_micro = {table}.spent_micro - %s + m.matched, "  # noqa: S608 (names quoted, values bound)
                        f"updated_at = %s FROM ({sub_sql}) AS m WHERE {table}.user_id = m.user_id",
                        [give_back, timezone.now(), *sub_params],
                    )
                    if position == 0:
                        members = cursor.rowcount
                taken = QueryPoolRow.objects.filter(version_id=version_id).aggregate(total=Sum(matched))["total"]
                returned -= taken or 0
            returned += allowance.allowance_micro * members
            BudgetSpend.objects.create(
                source=BudgetSpend.Source.RETURN,
                product=allowance.version.product,
                version=allowance.version,
                epsilon_micro=returned,
                people=members,
            )
            settled += 1
    return settled
