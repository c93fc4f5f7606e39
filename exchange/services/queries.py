"""Clean-room queries: allow-listed templates run inside the exchange, noised and thresholded.

Buyers never send SQL or code. Each person counts at most once (one resume per
person), OpenDP adds the noise, results and bins whose noisy count is under the
product's threshold are suppressed, every query that reads the pool spends ε
against each matching person's lifetime budget whether it is answered or
suppressed, a refusal says only that the query cannot be answered now, and every
query is logged, refused ones included.
"""

import time

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Merchant, User
from privacy import budget as accountant
from privacy import templates

from ..exceptions import QueryError, QueryRefused, QueryServiceMissing, QueryServiceResting
from ..models import BudgetSpend, DataProduct, Order, ProductVersion, QueryLog, QueryPoolRow
from ..selectors import blocked_user_ids_for
from .budget import BudgetExhausted, budget_spend


def _filters(plan: templates.QueryPlan) -> Q:
    condition = Q()
    for field, op, value in plan.filters:
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
    return query_pool(version=version, buyer=buyer).filter(_filters(plan))


def _entitled_version(product: DataProduct, buyer: Merchant) -> ProductVersion:
    if product.kind != DataProduct.Kind.QUERY:
        raise QueryServiceMissing(_("This product is not a query service."))
    if not product.is_listed:
        raise QueryServiceMissing(_("This product is not listed in the catalog."), code="not_listed")
    version = product.versions.filter(status=ProductVersion.Status.READY).order_by("-number").first()
    if version is None:
        raise QueryServiceResting(_("This query service has no version in service right now; a new one is being built."))
    # An order of any version entitles: a rebuild after a withdrawal does not take a buyer's access away.
    entitled = Order.objects.filter(buyer=buyer, version__product=product).exclude(status=Order.Status.REFUNDED).exists()
    if not entitled:
        raise QueryRefused(_("Buy this query service before running queries."), code="not_entitled")
    return version


def _true_aggregate(plan: templates.QueryPlan, matching: QuerySet, people: int):
    if plan.aggregate == "count":
        return people
    # People sharing a value (a band's value, a whole skill list) are counted together by the database.
    grouped = list(matching.order_by().values_list(plan.field).annotate(n=Count("id")))
    if plan.aggregate == "histogram":
        return templates.histogram_counts(grouped, plan.bands)
    return templates.skill_counts_grouped(grouped, plan.vocabulary)


def query_run(
    *, product: DataProduct, buyer: Merchant, template: str, params: dict, by: User | None, strict: bool = False
) -> QueryLog:
    """Run one allow-listed query for an entitled buyer and return its log entry (with the result).

    ``strict`` takes parameters only in the exact JSON form the API documents (privacy.templates.plan).

    Raises ``QueryError`` for bad input and ``QueryRefused`` when the buyer is not
    entitled or someone's lifetime privacy budget would be exceeded; a refusal is
    logged before it is raised.
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
    matching = query_matching(version=version, buyer=buyer, plan=plan)
    epsilon_micro = accountant.to_micro(product.epsilon)
    try:
        with transaction.atomic():
            # Every query that reads the pool spends ε, answered or suppressed: the
            # suppression is decided on noisy counts, so it is part of the ε-DP answer.
            # The spend counts the people it charges: that is the query's true count.
            spend = budget_spend(
                user_ids=matching.values("user_id"),
                epsilon_micro=epsilon_micro,
                people=None,
                product=product,
                version=version,
                source=BudgetSpend.Source.QUERY,
            )
            people = log.people = spend.people
            true_value = _true_aggregate(plan, matching, people)
            log.result = templates.release(
                plan, people=people, true_value=true_value, epsilon=product.epsilon, threshold=product.min_people
            )
            suppressed = log.result.get("suppressed")
            log.outcome = QueryLog.Outcome.SUPPRESSED if suppressed else QueryLog.Outcome.ANSWERED
            log.epsilon_micro = epsilon_micro
            log.elapsed_ms = int((time.monotonic() - started) * 1000)
            log.save()
    except BudgetExhausted as exhausted:
        log.people = exhausted.cohort
        # One fixed message: neither how many people are over their budget nor any other count.
        refuse(_("This query cannot be answered now."), code="cannot_answer_now")
    return log
