"""Properties of the query service over random parameters and budgets: no free answers.

Given a bought query service over 40 people, whatever the template, parameters and
budgets drawn: a refusal reads the same and charges nobody, however many people are
over their budget; every query that reads the pool charges its ε to each matching
person, answered or suppressed.
"""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.exceptions import QueryRefused
from exchange.models import PrivacyBudget, QueryLog, QueryPoolRow
from exchange.services.budget import lifetime_limit_micro
from exchange.services.queries import query_run
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


def _budgets(spent: dict[int, int]) -> None:
    PrivacyBudget.objects.all().delete()
    PrivacyBudget.objects.bulk_create([PrivacyBudget(user_id=user_id, spent_micro=micro) for user_id, micro in spent.items()])


@PROPERTY
@given(query=queries, data=st.data())
def test_a_refusal_reads_the_same_and_charges_nobody_whatever_the_number_over_budget(bought, query, data):  # noqa: F811
    world, product = bought
    params = _params(query)
    matching = _matching(params)
    if not matching:
        return
    over = data.draw(st.integers(min_value=1, max_value=len(matching)), label="people over budget")
    limit = lifetime_limit_micro()
    before = {user_id: (limit if position < over else 0) for position, user_id in enumerate(matching)}
    _budgets(before)
    language, expected = data.draw(
        st.sampled_from([("en", "This query cannot be answered now."), ("zh-hans", "该查询暂时无法回答。")]), label="language"
    )
    with translation.override(language), pytest.raises(QueryRefused) as refused:
        query_run(product=product, buyer=world.buyer, template=query["template"], params=params, by=world.buyer_user)
    assert refused.value.code == "cannot_answer_now"
    assert refused.value.message == expected
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == before
    assert QueryLog.objects.filter(outcome=QueryLog.Outcome.REFUSED).latest("id").epsilon_micro == 0


@PROPERTY
@given(query=queries)
def test_every_query_that_reads_the_pool_charges_its_epsilon_answered_or_suppressed(bought, query):  # noqa: F811
    world, product = bought
    params = _params(query)
    matching = set(_matching(params))
    _budgets({})
    log = query_run(product=product, buyer=world.buyer, template=query["template"], params=params, by=world.buyer_user)
    epsilon = accountant.to_micro(product.epsilon)
    assert log.outcome in (QueryLog.Outcome.ANSWERED, QueryLog.Outcome.SUPPRESSED)
    assert log.epsilon_micro == epsilon
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == dict.fromkeys(matching, epsilon)
