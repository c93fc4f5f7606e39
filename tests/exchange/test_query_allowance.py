"""A query service's reserved allowance: charged once at build, spent with no write per person, given back exactly.

Given a query service, when its version is built, every member's lifetime budget
holds the version's allowance A once (a retry or a rebuild never charges twice);
a query then writes only the version's running total and its own spend record;
when the total cannot take another query, the query is refused with the one fixed
message; when the version is settled (withdrawn or replaced), each member is given
back A minus the ε of the queries whose filter matched them; and no one's lifetime
total of releases, reserves and returns ever passes the lifetime budget.
"""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from consent.models import Resume
from exchange.exceptions import QueryRefused
from exchange.models import BudgetSpend, DataProduct, PrivacyBudget, ProductVersion, QueryAllowance, QueryLog, QueryPoolRow
from exchange.services.budget import (
    AllowanceUsedUp,
    budget_allowance_spend,
    budget_reserve,
    lifetime_limit_micro,
    query_allowance_micro,
)
from exchange.services.builds import version_build_start
from exchange.services.products import product_create
from exchange.services.queries import query_allowances_settle, query_run
from privacy import budget as accountant

from ..flow import build_start, buy, world_create
from .test_queries import _query_product, _query_service, bought  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

HALF = accountant.to_micro("0.5")


def _budgets() -> dict[int, int]:
    return dict(PrivacyBudget.objects.values_list("user_id", "spent_micro"))


def _ready(product: DataProduct) -> ProductVersion:
    return product.versions.filter(status=ProductVersion.Status.READY).order_by("-number").first()


def _ask(world, product, template="candidates_count", **params) -> QueryLog:
    return query_run(product=product, buyer=world.buyer, template=template, params=params, by=world.buyer_user)


def test_the_allowance_is_reserved_once_per_member_and_a_retry_or_rebuild_never_charges_twice(bought):  # noqa: F811
    world, product = bought
    first = _ready(product)
    reserve = query_allowance_micro()
    assert reserve == lifetime_limit_micro() // 4
    assert _budgets() == {user.pk: reserve for user in world.jobseekers}
    assert BudgetSpend.objects.get(version=first, source="reserve").people == 40
    assert first.privacy_report["epsilon_reserved_per_person"] == "2.5"

    budget_reserve(version=first)  # a retried build of the same version

    assert _budgets() == {user.pk: reserve for user in world.jobseekers}
    assert BudgetSpend.objects.filter(version=first, source="reserve").count() == 1

    _ask(world, product)
    version_build_start(product=product, by=world.provider_user)

    # The rebuild settled the first version (one unfiltered query: ε = 0.5 for everyone) and reserved its own.
    second = _ready(product)
    assert second.number == 2
    assert QueryAllowance.objects.get(version=first).settled_at is not None
    assert _budgets() == {user.pk: HALF + reserve for user in world.jobseekers}
    assert _ask(world, product).version == second
    # Nothing more is spent against the settled version, even by a query that picked it before.
    assert QueryAllowance.objects.get(version=first).spent_micro == HALF
    with pytest.raises(AllowanceUsedUp):
        budget_allowance_spend(version=first, buyer=world.buyer, filters=[], epsilon_micro=1, people=0)


def test_a_query_writes_no_budget_row_only_the_versions_total_and_its_record(bought):  # noqa: F811
    world, product = bought
    version = _ready(product)
    before = _budgets()
    budget_table = PrivacyBudget._meta.db_table
    with CaptureQueriesContext(connection) as statements:
        log = _ask(world, product, "salary_distribution", role_category="engineering", province="广东")
    assert log.outcome in (QueryLog.Outcome.ANSWERED, QueryLog.Outcome.SUPPRESSED)
    assert not [s["sql"] for s in statements if budget_table in s["sql"]]
    assert _budgets() == before
    assert QueryAllowance.objects.get(version=version).spent_micro == HALF
    record = BudgetSpend.objects.get(version=version, source="query")
    assert record.filters == [["province", "eq", "广东"], ["role_category", "eq", "engineering"]]
    assert (record.buyer, record.people, record.epsilon_micro) == (world.buyer, log.people, HALF)


def test_when_the_allowance_is_used_up_the_query_is_refused_with_the_fixed_message_and_the_service_rebuilt(bought):  # noqa: F811
    world, product = bought
    version = _ready(product)
    asked = ("广东", "北京", "上海", "浙江", "西藏")
    province_of = dict(QueryPoolRow.objects.filter(version=version).values_list("user_id", "province"))
    # A = 2.5 holds five queries of ε = 0.5, whatever they filter.
    for province in asked:
        _ask(world, product, province=province)
    with translation.override("en"), pytest.raises(QueryRefused) as refused:
        _ask(world, product, province="西藏")
    assert (refused.value.code, refused.value.message) == ("cannot_answer_now", "This query cannot be answered now.")
    assert QueryAllowance.objects.get(version=version).spent_micro == QueryAllowance.objects.get(version=version).allowance_micro
    # Refused before the pool was read: not even the internal log holds a count.
    refused_logs = QueryLog.objects.filter(outcome=QueryLog.Outcome.REFUSED)
    assert [(log.people, log.epsilon_micro, log.result) for log in refused_logs] == [(0, 0, {})]
    # The refusal started the exchange's own rebuild (run at once here, as a worker would): it settled the
    # first version, each member paying only for the queries that matched them, and reserved a new allowance.
    second = _ready(product)
    assert second.number == 2 and second.created_by is None
    assert QueryAllowance.objects.get(version=version).settled_at is not None
    reserve = query_allowance_micro()
    expected = {user_id: (HALF if province in asked else 0) + reserve for user_id, province in province_of.items()}
    assert _budgets() == expected
    assert max(expected.values()) <= lifetime_limit_micro()
    assert _ask(world, product, province="西藏").version == second


def test_a_refusal_starts_no_second_build_while_one_is_under_way(bought, monkeypatch):  # noqa: F811
    world, product = bought
    version = _ready(product)
    QueryAllowance.objects.filter(version=version).update(spent_micro=QueryAllowance.objects.get(version=version).allowance_micro)
    sent = []
    monkeypatch.setattr("exchange.services.builds.enqueue_on_commit", lambda task, *args: sent.append(args))
    for _ in range(3):
        with pytest.raises(QueryRefused):
            _ask(world, product)
    assert len(sent) == 1
    assert product.versions.filter(status=ProductVersion.Status.QUEUED).count() == 1


def test_settling_gives_each_member_back_exactly_what_the_queries_matching_them_did_not_spend():
    world = world_create(people=12)
    # Six people in 广东 and six in 北京; even positions engineering, odd data.
    for position, user in enumerate(world.jobseekers):
        Resume.objects.filter(owner=user).update(
            province="广东" if position < 6 else "北京", role_category="engineering" if position % 2 == 0 else "data"
        )
    product = _query_service(world)
    buy(world, product)
    version = _ready(product)

    _ask(world, product, province="广东")  # 0–5
    _ask(world, product, "salary_distribution", role_category="engineering")  # the even ones
    _ask(world, product, "experience_distribution")  # no filter: everyone
    _ask(world, product, "top_skills", role_category="data", province="北京")  # 7, 9, 11
    assert query_allowances_settle(version_ids=[version.pk]) == 1

    by_hand = {0: 3, 2: 3, 4: 3, 1: 2, 3: 2, 5: 2, 6: 2, 8: 2, 10: 2, 7: 2, 9: 2, 11: 2}
    assert _budgets() == {user.pk: by_hand[position] * HALF for position, user in enumerate(world.jobseekers)}
    returned = BudgetSpend.objects.get(version=version, source="return")
    assert (returned.people, returned.epsilon_micro) == (12, 12 * query_allowance_micro() - 27 * HALF)
    # Settled once: a second settlement (a retried withdrawal) gives nothing back again, and the version answers no more.
    assert query_allowances_settle(version_ids=[version.pk]) == 0
    assert _budgets() == {user.pk: by_hand[position] * HALF for position, user in enumerate(world.jobseekers)}
    with pytest.raises(QueryRefused):
        _ask(world, product)


def test_a_lifetime_total_of_releases_reserves_and_returns_never_passes_the_lifetime_budget(settings):
    settings.EXCHANGE = {**settings.EXCHANGE, "LIFETIME_EPSILON": "2", "QUERY_ALLOWANCE_EPSILON": "1"}
    world = world_create(people=12)
    limit = lifetime_limit_micro()
    squeezed = world.jobseekers[0]
    PrivacyBudget.objects.create(user=squeezed, spent_micro=limit - accountant.to_micro("1") + 1)
    product = _query_service(world, epsilon="0.5")
    buy(world, product)
    first = _ready(product)
    # Someone with less than the allowance left is not in the version (protected, not overcharged).
    assert not QueryPoolRow.objects.filter(version=first, user=squeezed).exists()
    assert first.member_count == 11

    statistics = product_create(
        provider=world.provider,
        by=world.provider_user,
        title="Talent statistics",
        description="DP tables",
        kind=DataProduct.Kind.STATISTICS,
        purpose=world.notice.purpose,
        price_fen=10_000,
        epsilon="1",
        min_people=10,
    )
    released = build_start(world, statistics)
    released.refresh_from_db()
    # Everyone but the squeezed person had 1 reserved and 1 left: the release took it all.
    assert released.status == ProductVersion.Status.READY and released.member_count == 11
    assert max(_budgets().values()) <= limit
    again = build_start(world, statistics)
    again.refresh_from_db()
    assert again.status == ProductVersion.Status.FAILED  # nobody has budget left for a second release

    # A rebuild needs 10 people who can afford a new allowance; nobody can, so the first version stays in service.
    rebuilt = version_build_start(product=product, by=world.provider_user)
    rebuilt.refresh_from_db()
    assert rebuilt.status == ProductVersion.Status.FAILED and rebuilt.privacy_report["input_records"] == 0
    assert QueryAllowance.objects.get(version=first).settled_at is None
    _ask(world, product)
    _ask(world, product)  # two unfiltered queries: the whole allowance of 1, for everyone
    with pytest.raises(QueryRefused):
        _ask(world, product)
    assert query_allowances_settle(version_ids=[first.pk]) == 1
    budgets = _budgets()
    assert {budgets[user.pk] for user in world.jobseekers[1:]} == {limit}
    assert budgets[squeezed.pk] == limit - accountant.to_micro("1") + 1


def test_queries_racing_a_settlement_are_each_counted_or_refused(bought, postgres):  # noqa: F811
    threads = 8
    world, product = bought
    version = _ready(product)
    allowance = QueryAllowance.objects.get(version=version)
    # Room for three queries of ε = 0.5 and a half: exactly three may pass.
    QueryAllowance.objects.filter(pk=allowance.pk).update(spent_micro=allowance.allowance_micro - 3 * HALF - HALF // 2)
    barrier = threading.Barrier(threads + 1)
    outcomes, lock = [], threading.Lock()

    def ask():
        try:
            barrier.wait(timeout=30)
            try:
                outcome = _ask(world, product).outcome
            except QueryRefused as refused:
                outcome = refused.code
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    def settle():
        try:
            barrier.wait(timeout=30)
            query_allowances_settle(version_ids=[version.pk])
        finally:
            connections.close_all()

    workers = [threading.Thread(target=ask) for _ in range(threads)] + [threading.Thread(target=settle)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert connection.vendor == "postgresql"
    answered = sum(1 for outcome in outcomes if outcome in (QueryLog.Outcome.ANSWERED, QueryLog.Outcome.SUPPRESSED))
    assert len(outcomes) == threads and answered <= 3
    assert outcomes.count("cannot_answer_now") == threads - answered
    allowance.refresh_from_db()
    assert allowance.spent_micro <= allowance.allowance_micro and allowance.settled_at is not None
    assert BudgetSpend.objects.filter(version=version, source="query").count() == answered
    # Every query that was answered before or around the settlement is in what each member spent, beside the
    # allowance of the version a refusal rebuilt (if one was built by now).
    rebuilt = QueryAllowance.objects.filter(version__product=product, settled_at__isnull=True).exclude(version=version)
    assert rebuilt.count() <= 1
    assert set(_budgets().values()) == {answered * HALF + sum(a.allowance_micro for a in rebuilt)}


def test_concurrent_queries_near_the_boundary_never_overspend(bought, postgres):  # noqa: F811
    world, product = bought
    version = _ready(product)
    allowance = QueryAllowance.objects.get(version=version)
    QueryAllowance.objects.filter(pk=allowance.pk).update(spent_micro=allowance.allowance_micro - 3 * HALF - HALF // 2)
    barrier = threading.Barrier(8)
    outcomes, lock = [], threading.Lock()

    def ask():
        try:
            barrier.wait(timeout=30)
            try:
                outcome = _ask(world, product).outcome
            except QueryRefused as refused:
                outcome = refused.code
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=ask) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert connection.vendor == "postgresql"
    assert sorted(outcomes, key=str).count("cannot_answer_now") == 5
    allowance.refresh_from_db()
    assert allowance.spent_micro == allowance.allowance_micro - HALF // 2
    assert BudgetSpend.objects.filter(version=version, source="query").count() == 3


def test_a_version_that_turns_out_withdrawn_at_the_end_of_its_build_gives_its_whole_allowance_back(monkeypatch):
    from django.utils import timezone

    from consent.models import ConsentGrant
    from exchange.services import builds

    world = world_create(people=12)
    reserve = builds.budget_reserve

    def reserve_then_a_withdrawal_lands(*, version):
        allowance = reserve(version=version)
        # A withdrawal committed while the version was building, after its members were chosen.
        ConsentGrant.objects.filter(user=world.jobseekers[0]).update(withdrawn_at=timezone.now())
        return allowance

    monkeypatch.setattr(builds, "budget_reserve", reserve_then_a_withdrawal_lands)
    product = _query_product(world)
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.WITHDRAWN
    assert QueryAllowance.objects.get(version=version).settled_at is not None
    assert not QueryPoolRow.objects.filter(version=version).exists()
    assert set(_budgets().values()) == {0}
