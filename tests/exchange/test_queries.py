"""The clean-room query service: entitlement, thresholds, budget, logging, blocklist."""

import pytest
from django.utils import translation

from accounts.models import User
from exchange.exceptions import QueryError, QueryRefused
from exchange.models import (
    BudgetSpend,
    DataProduct,
    PrivacyBudget,
    ProductVersion,
    QueryAllowance,
    QueryLog,
    QueryPoolRow,
    VersionMember,
)
from exchange.selectors import version_members_for_sale
from exchange.services.budget import query_allowance_micro
from exchange.services.products import product_create
from exchange.services.queries import query_allowances_settle, query_run
from privacy import budget as accountant

from ..factories import MerchantFactory, member_of
from ..flow import build_start, buy, list_and_fund, world_create

pytestmark = pytest.mark.django_db(transaction=True)


def _query_product(world, *, epsilon="0.5") -> DataProduct:
    """The query service's product, not yet built."""
    return product_create(
        provider=world.provider,
        by=world.provider_user,
        title="Talent query service",
        description="Privacy-preserving computation over consented resumes.",
        kind=DataProduct.Kind.QUERY,
        purpose=world.notice.purpose,
        price_fen=20_000,
        epsilon=epsilon,
        min_people=10,
    )


def _query_service(world, *, epsilon="0.5") -> DataProduct:
    product = _query_product(world, epsilon=epsilon)
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    list_and_fund(world, product)
    return product


@pytest.fixture
def bought():
    world = world_create(people=40)
    product = _query_service(world)
    buy(world, product)
    return world, product


def _reserved() -> int:
    return query_allowance_micro()


def test_entitled_buyer_gets_a_noised_count_that_spends_epsilon_for_each_contributor_and_is_logged(bought):
    world, product = bought
    version = product.versions.get(status=ProductVersion.Status.READY)
    log = query_run(product=product, buyer=world.buyer, template="candidates_count", params={}, by=world.buyer_user)
    assert log.outcome == QueryLog.Outcome.ANSWERED and log.people == 40
    assert abs(log.result["count"] - 40) < 25
    # Each person's lifetime budget holds the version's reserve; the query spent against the version's allowance.
    spent = set(PrivacyBudget.objects.values_list("user_id", "spent_micro"))
    assert spent == {(user.pk, _reserved()) for user in world.jobseekers}
    assert QueryAllowance.objects.get(version=version).spent_micro == accountant.to_micro("0.5")
    query = BudgetSpend.objects.get(source="query")
    assert (query.people, query.filters, query.buyer) == (40, [], world.buyer)


def test_a_suppressed_query_spends_epsilon_like_an_answered_one(bought):
    world, product = bought
    version = product.versions.get(status=ProductVersion.Status.READY)
    # ResumeFactory cycles four provinces: 10 people in 广东, narrowed further by experience.
    params = {"province": "广东", "min_experience": 10}
    matching = set(QueryPoolRow.objects.filter(province="广东", years_experience__gte=10).values_list("user_id", flat=True))
    assert len(matching) < 10
    budgets = dict(PrivacyBudget.objects.values_list("user_id", "spent_micro"))
    outcomes = []
    for run in range(1, 4):
        log = query_run(product=product, buyer=world.buyer, template="candidates_count", params=params, by=world.buyer_user)
        outcomes.append(log.outcome)
        assert log.epsilon_micro == accountant.to_micro("0.5")
        assert QueryAllowance.objects.get(version=version).spent_micro == run * accountant.to_micro("0.5")
        assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == budgets
        if log.outcome == QueryLog.Outcome.SUPPRESSED:
            assert log.result == {"suppressed": True, "reason": "fewer_than_threshold", "threshold": 10}
            break
    # The noisy count of a handful of people reaches 10 with well under 1% chance, three times in a row never.
    assert QueryLog.Outcome.SUPPRESSED in outcomes
    # Settled, the suppressed queries are spent by exactly the people they matched.
    query_allowances_settle(version_ids=[version.pk])
    spent = accountant.to_micro("0.5") * len(outcomes)
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == {
        user.pk: spent if user.pk in matching else 0 for user in world.jobseekers
    }


def test_a_refusal_reads_the_same_whatever_the_number_of_people_matching(bought, settings, monkeypatch):
    world, product = bought
    # The first refusal queues the service's rebuild; here it stays queued, so the version stays as it is.
    monkeypatch.setattr("exchange.services.builds.enqueue_on_commit", lambda task, *args: None)
    version = product.versions.get(status=ProductVersion.Status.READY)
    allowance = QueryAllowance.objects.get(version=version)
    # Two queries of ε = 0.5 fit in what is left of the allowance, a third does not.
    QueryAllowance.objects.filter(pk=allowance.pk).update(spent_micro=allowance.allowance_micro - accountant.to_micro("1"))
    for _ in range(2):
        query_run(product=product, buyer=world.buyer, template="candidates_count", params={}, by=world.buyer_user)
    budgets = dict(PrivacyBudget.objects.values_list("user_id", "spent_micro"))
    messages = []
    # Everyone (40 people) matches the first, 10 the second: the refusals read the same.
    for params in ({}, {"province": "广东"}):
        with translation.override("en"), pytest.raises(QueryRefused) as error:
            query_run(product=product, buyer=world.buyer, template="experience_distribution", params=params, by=world.buyer_user)
        assert error.value.code == "cannot_answer_now"
        messages.append(error.value.message)
    assert messages == ["This query cannot be answered now."] * 2
    assert not any(character.isdigit() for character in messages[0])
    refused = QueryLog.objects.filter(outcome=QueryLog.Outcome.REFUSED)
    assert refused.count() == 2 and set(refused.values_list("epsilon_micro", flat=True)) == {0}
    # A refused query read nothing of the pool, so not even the internal log holds a count.
    assert set(refused.values_list("people", flat=True)) == {0}
    # Nothing of the refused queries was spent, against the version or anyone's budget.
    assert QueryAllowance.objects.get(pk=allowance.pk).spent_micro == allowance.allowance_micro
    assert BudgetSpend.objects.filter(source="query").count() == 2
    assert dict(PrivacyBudget.objects.values_list("user_id", "spent_micro")) == budgets
    with translation.override("zh-hans"), pytest.raises(QueryRefused) as error:
        query_run(product=product, buyer=world.buyer, template="candidates_count", params={}, by=world.buyer_user)
    assert error.value.message == "该查询暂时无法回答。"


def test_free_sql_and_unknown_parameters_are_refused_and_logged(bought):
    world, product = bought
    with pytest.raises(QueryError):
        query_run(
            product=product,
            buyer=world.buyer,
            template="candidates_count",
            params={"where": "1=1; select full_name from consent_resume"},
            by=world.buyer_user,
        )
    assert QueryLog.objects.filter(outcome=QueryLog.Outcome.REFUSED).count() == 1


def test_a_buyer_without_an_order_cannot_query():
    world = world_create(people=12)
    product = _query_service(world)
    stranger = MerchantFactory()
    with pytest.raises(QueryRefused):
        query_run(product=product, buyer=stranger, template="candidates_count", params={}, by=member_of(stranger))


def test_histograms_and_top_skills_hold_no_identifier(bought):
    world, product = bought
    outputs = []
    for template, params in (
        ("salary_distribution", {"role_category": "engineering"}),
        ("top_skills", {"role_category": "engineering"}),
        ("experience_distribution", {}),
        ("candidates_count", {"skills": ["python"], "min_education": "bachelor"}),
    ):
        log = query_run(product=product, buyer=world.buyer, template=template, params=params, by=world.buyer_user)
        outputs.append(repr(log.result))
    blob = "".join(outputs)
    from consent.models import Resume

    for resume in Resume.objects.all():
        for value in (resume.full_name, resume.phone, resume.contact_email, resume.current_employer):
            assert value not in blob


def test_blocked_people_are_left_out_of_queries_and_shares():
    from consent.services.rights import employer_block_add

    world = world_create(people=20)
    product = _query_service(world)
    blocker: User = world.jobseekers[0]
    employer_block_add(user=blocker, merchant=world.buyer)
    order = buy(world, product)
    shares = dict(version_members_for_sale(version=order.version, buyer=world.buyer))
    assert blocker.pk not in shares and len(shares) == 19
    assert VersionMember.objects.filter(version=order.version, user=blocker).exists()
    log = query_run(product=product, buyer=world.buyer, template="candidates_count", params={}, by=world.buyer_user)
    assert log.people == 19
    # The blocker is a member, so the version's reserve is theirs too; settled, the query
    # counts for them although it left them out (who was blocked is not kept): an overcharge.
    query_allowances_settle(version_ids=[order.version_id])
    assert PrivacyBudget.objects.get(user=blocker).spent_micro == accountant.to_micro(product.epsilon)


def test_a_withdrawn_person_is_in_no_query_after_the_rebuild_and_their_snapshot_is_gone(bought):
    from consent.models import ConsentGrant
    from consent.services import consent_withdraw
    from exchange.models import QueryPoolRow

    world, product = bought
    leaver = world.jobseekers[0]
    first = product.versions.get(number=1)
    assert QueryPoolRow.objects.filter(version=first, user=leaver).exists()

    consent_withdraw(grant=ConsentGrant.objects.get(user=leaver, purpose="records", withdrawn_at__isnull=True), by=leaver)

    first.refresh_from_db()
    assert first.status == ProductVersion.Status.WITHDRAWN
    assert not QueryPoolRow.objects.filter(version=first).exists()
    second = product.versions.get(number=2)
    assert second.status == ProductVersion.Status.READY and second.member_count == 39
    assert not VersionMember.objects.filter(version=second, user=leaver).exists()
    log = query_run(product=product, buyer=world.buyer, template="candidates_count", params={}, by=world.buyer_user)
    assert (log.version, log.people) == (second, 39)
    # The first version's reserve went back to the leaver with the withdrawal: nothing was spent.
    assert PrivacyBudget.objects.get(user=leaver).spent_micro == 0
    assert QueryAllowance.objects.get(version=first).settled_at is not None


def test_the_api_runs_templates_with_an_api_key_and_refuses_sql(bought):
    from rest_framework.test import APIClient

    from exchange.services.api_keys import api_key_create

    world, product = bought
    _key, secret = api_key_create(merchant=world.buyer, name="ci", by=world.buyer_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}", HTTP_ACCEPT_LANGUAGE="en")
    url = f"/api/v1/products/{product.pk}/queries/"
    answered = client.post(url, {"template": "candidates_count", "params": {"skills": ["python"]}}, format="json")
    assert answered.status_code == 201, answered.content
    assert answered.json()["outcome"] == "answered" and answered.json()["params"] == {"skills": ["python"]}
    # The API takes parameters exactly as its schema documents them: skill ids, a number as a number.
    for params, code in (({"skills": ["PYTHON"]}, "bad_skill"), ({"min_experience": "5"}, "bad_experience")):
        refused = client.post(url, {"template": "candidates_count", "params": params}, format="json")
        assert (refused.status_code, refused.json()["error"]["code"]) == (400, code)
    assert QueryLog.objects.filter(outcome=QueryLog.Outcome.REFUSED).count() == 2
    refused = client.post(url, {"template": "sql", "params": {"q": "select 1"}}, format="json")
    error = refused.json()["error"]
    assert refused.status_code == 400 and error["code"] == "unknown_template" and "not allowed" in error["message"]


def test_skills_match_whole_values_whatever_their_case(bought):
    from consent.models import Resume

    world, product = bought
    Resume.objects.filter(owner__in=world.jobseekers[:12]).update(skills=["Go", "SQL"])
    Resume.objects.filter(owner__in=world.jobseekers[12:]).update(skills=["google ads"])
    from exchange.services.builds import version_build_start

    version_build_start(product=product, by=world.provider_user)
    log = query_run(
        product=product, buyer=world.buyer, template="candidates_count", params={"skills": ["go"]}, by=world.buyer_user
    )
    assert (log.version.number, log.people) == (2, 12)


def test_a_product_holding_epsilon_as_the_string_it_was_given_still_answers(bought):
    """Until it is read back, a model keeps ε as the string it was assigned (as bench/query.py did)."""
    world, product = bought
    product.epsilon = "0.5"
    log = query_run(product=product, buyer=world.buyer, template="candidates_count", params={}, by=world.buyer_user)
    assert log.outcome == QueryLog.Outcome.ANSWERED
    assert log.epsilon_micro == accountant.to_micro("0.5")


def test_top_skills_counted_from_grouped_lists_match_a_count_person_by_person(bought):
    from exchange.services.queries import _true_aggregate, query_pool
    from privacy import templates

    world, product = bought
    version = product.versions.get(status=ProductVersion.Status.READY)
    rows = list(QueryPoolRow.objects.filter(version=version).order_by("id"))
    shapes = [["python", "sql"], ["sql", "python"], ["python", "python"], list(templates.SKILLS[:7]), [], [" Go "], ["excel"]]
    for position, row in enumerate(rows):
        row.skills = shapes[position % len(shapes)]
    QueryPoolRow.objects.bulk_update(rows, ["skills"])
    plan = templates.plan("top_skills", {"role_category": "engineering"})
    matching = query_pool(version=version, buyer=world.buyer).filter(role_category="engineering")
    expected = templates.skill_counts(list(matching.values_list("skills", flat=True)), plan.vocabulary)
    assert sum(expected) > 0
    assert _true_aggregate(plan, matching) == (matching.count(), expected)
