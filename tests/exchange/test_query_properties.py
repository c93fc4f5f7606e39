"""Properties of the query service over random parameters and allowances: no free answers.

Given a bought query service over 40 people, whatever the template, parameters and
what is left of the version's allowance: a refusal reads the same and charges
nobody; every query that reads the pool spends its ε against the version's
allowance, answered or suppressed, with no write to anyone's budget; and once the
version is settled, each member has spent exactly the ε of the queries that matched them.
"""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.exceptions import QueryRefused
from exchange.models import BudgetSpend, PrivacyBudget, ProductVersion, QueryAllowance, QueryLog, QueryPoolRow
from exchange.services.budget import query_allowance_micro
from exchange.services.queries import query_allowances_settle, query_run
from privacy import budget as accountant
from privacy.templates import ROLE_CATEGORIES, TEMPLATES

from .test_queries import bought  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# Provinces the factory's people live in, and one nobody does (an empty pool still spends).
PROVINCES = ["广东", "北京", "上海", "浙江", "西藏"]
queries = st.fixed_dictionaries(
    {
        "template": st.sampled_from(sorted(TEMPLATES)),
        "province": st.sampled_from([None, *PROVINCES]),
        "min_experience": st.sampled_from([None, 0, 5, 10, 20]),
        "role_category": st.sampled_from(ROLE_CATEGORIES),
    }
)
PROPERTY = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _params(query: dict) -> dict:
    spec = TEMPLATES[query["template"]]
    # A role category only where the template requires one (optional filters are drawn as None or a value).
    names = ("province", "min_experience", *[name for name in ("role_category",) if name in spec.required])
    return {name: query[name] for name in names if name in spec.params and query[name] is not None}


def _matching(params: dict) -> list[int]:
    rows = QueryPoolRow.objects.all()
    if "province" in params:
        rows = rows.filter(province=params["province"])
    if "role_category" in params:
        rows = rows.filter(role_category=params["role_category"])
    if "min_experience" in params:
        rows = rows.filter(years_experience__gte=params["min_experience"])
    return list(rows.values_list("user_id", flat=True).distinct())


def _fresh_allowance(product, *, left: int | None = None) -> QueryAllowance:
    """The version as just built: every member holds the reserve, nothing spent (``left``: of the allowance)."""
    version = product.versions.get(status=ProductVersion.Status.READY)
    BudgetSpend.objects.filter(version=version, source__in=["query", "return"]).delete()
    members = list(QueryPoolRow.objects.filter(version=version).values_list("user_id", flat=True))
    PrivacyBudget.objects.filter(user_id__in=members).update(spent_micro=query_allowance_micro())
    allowance = QueryAllowance.objects.get(version=version)
    spent = 0 if left is None else allowance.allowance_micro - left
    QueryAllowance.objects.filter(pk=allowance.pk).update(spent_micro=spent, settled_at=None)
    allowance.refresh_from_db()
    return allowance


@PROPERTY
@given(query=queries, data=st.data())
def test_a_refusal_reads_the_same_and_charges_nobody_whatever_the_number_matching(bought, query, data, monkeypatch):  # noqa: F811
    world, product = bought
    # A refusal queues the service's rebuild; here it stays queued, so nobody's budget moves.
    monkeypatch.setattr("exchange.services.builds.enqueue_on_commit", lambda task, *args: None)
    params = _params(query)
    epsilon = accountant.to_micro(product.epsilon)
    left = data.draw(st.integers(min_value=0, max_value=epsilon - 1), label="allowance left")
    allowance = _fresh_allowance(product, left=left)
    before = dict(PrivacyBudget.objects.values_list("user_id", "spent_micro"))
    language, expected = data.draw(
        st.sampled_from([("en", "This query cannot be answered now."), ("zh-hans", "该查询暂时无法回答。")]), label="language"
    )
    with translation.override(language), pytest.raises(QueryRefused) as refused:
        query_run(product=product, buyer=world.buyer, template=query["template"], params=params, by=world.buyer_user)
    assert refused.value.code == "cannot_answer_now"
    assert refused.value.message == expected
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == before
    assert QueryAllowance.objects.get(pk=allowance.pk).spent_micro == allowance.spent_micro
    latest = QueryLog.objects.filter(outcome=QueryLog.Outcome.REFUSED).latest("id")
    assert (latest.epsilon_micro, latest.people) == (0, 0)


@PROPERTY
@given(query=queries)
def test_every_query_that_reads_the_pool_spends_its_epsilon_answered_or_suppressed(bought, query):  # noqa: F811
    world, product = bought
    params = _params(query)
    allowance = _fresh_allowance(product)
    before = dict(PrivacyBudget.objects.values_list("user_id", "spent_micro"))
    log = query_run(product=product, buyer=world.buyer, template=query["template"], params=params, by=world.buyer_user)
    epsilon = accountant.to_micro(product.epsilon)
    assert log.outcome in (QueryLog.Outcome.ANSWERED, QueryLog.Outcome.SUPPRESSED)
    assert log.epsilon_micro == epsilon and log.people == len(_matching(params))
    assert QueryAllowance.objects.get(pk=allowance.pk).spent_micro == epsilon
    # No write per person: the query's ε is in the version's total, not in anyone's budget.
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == before


@PROPERTY
# The allowance (a quarter of the lifetime 10) holds five queries of ε = 0.5.
@given(batch=st.lists(queries, min_size=1, max_size=5))
def test_settled_each_member_has_spent_exactly_the_queries_that_matched_them(bought, batch):  # noqa: F811
    world, product = bought
    allowance = _fresh_allowance(product)
    epsilon = accountant.to_micro(product.epsilon)
    expected = dict.fromkeys(QueryPoolRow.objects.filter(version=allowance.version).values_list("user_id", flat=True), 0)
    for query in batch:
        params = _params(query)
        query_run(product=product, buyer=world.buyer, template=query["template"], params=params, by=world.buyer_user)
        for user_id in _matching(params):  # no filter at all: every member
            expected[user_id] += epsilon
    assert query_allowances_settle(version_ids=[allowance.version_id]) == 1
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == expected
    # Settling again gives nothing back twice.
    assert query_allowances_settle(version_ids=[allowance.version_id]) == 0
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == expected
