"""`manage.py seed_demo`: the demo world behind `make run` (DESIGN.md §7)."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Membership, Merchant, User
from accounts.services import merchant_create
from consent.models import ConsentGrant, Purpose, Resume
from consent.services import resume_save
from demo import world as demo_world
from exchange.models import DataProduct, Order, PricePlan, ProductVersion, QueryCredit, Subscription, VersionMember
from exchange.services.orders import version_current
from payouts.models import LedgerAccount, PayoutAccount, PayoutBatch, TopUp, Withdrawal
from payouts.selectors import (
    account_balance,
    earning_lines,
    earnings_for_merchant,
    earnings_for_user,
    ledger_violations,
    sale_lines_for_user,
    wallet_balance,
)
from payouts.services import withdrawal_minimum_fen, withdrawal_request
from privacy.hierarchies import PROVINCE_REGION
from talent import demo_seed as talent_demo
from talent.models import Invitation, PoolRow
from talent.selectors import talent_statistics
from talent.services import disclosure_contact

LOGINS = ["jobseeker@example.com", "provider@example.com", "buyer@example.com", "staff@example.com"]
APPS = ("accounts", "account", "consent", "exchange", "payouts", "talent")


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for app in APPS for model in apps.get_app_config(app).get_models()}


def owned_merchant(email: str) -> Merchant:
    return Membership.objects.select_related("merchant").get(user__email=email, role=Membership.Role.OWNER).merchant


def test_the_plan_is_deterministic_and_plausible():
    # given two plans made independently
    plan, again = demo_world.demo_world_plan(), demo_world.demo_world_plan()

    # then they are the same world
    assert plan == again
    people = plan.people
    assert len(people) >= 200
    emails = [person.email for person in people]
    assert len(set(emails)) == len(emails)
    assert all(email.endswith("@example.com") for email in emails)
    for person in people:
        resume = person.resume
        age = demo_world.REFERENCE_YEAR - resume["birth_year"]
        assert 1970 <= resume["birth_year"] <= 2004
        assert resume["years_experience"] <= age - 16
        assert re.fullmatch(r"1[3-9]\d{9}", resume["phone"])
        assert resume["province"] in PROVINCE_REGION
        assert all(skill == skill.lower() for skill in resume["skills"])
    assert {person.language for person in people} == {"zh-hans", "en"}
    assert len({person.resume["province"] for person in people}) >= 10
    records = sum(Purpose.RECORDS in person.purposes for person in people) / len(people)
    statistics = sum(Purpose.STATISTICS in person.purposes for person in people) / len(people)
    assert 0.78 <= records <= 0.92
    assert 0.5 <= statistics <= 0.7
    assert any(not person.purposes for person in people)


@pytest.mark.django_db
def test_seed_demo_creates_a_world_the_four_logins_can_use(django_capture_on_commit_callbacks):
    # when the demo world is seeded, and the tasks the services queued run after commit
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = seed()
    assert callbacks, "the services queue their build and settlement tasks on commit"

    # then it holds enough jobseekers, each with a verified e-mail address
    jobseekers = User.objects.filter(kind=User.Kind.JOBSEEKER)
    assert Resume.objects.filter(owner__in=jobseekers, status=Resume.Status.CONFIRMED).count() >= 200
    assert EmailAddress.objects.filter(user__in=jobseekers, verified=True, primary=True).count() == jobseekers.count()
    assert Merchant.objects.count() >= 5
    assert Merchant.objects.filter(status=Merchant.Status.PENDING).exists()

    # and the four logins sign in with the published password
    for email in LOGINS:
        assert authenticate(email=email, password=demo_world.DEMO_PASSWORD) is not None, email
        assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()
        assert email in output
    staff = User.objects.get(email="staff@example.com")
    assert (staff.is_staff, staff.is_superuser, staff.kind) == (True, True, User.Kind.STAFF)
    provider = owned_merchant("provider@example.com")
    assert provider.is_verified and provider.is_provider and provider.industry == Merchant.Industry.RECRUITING
    buyer = owned_merchant("buyer@example.com")
    assert buyer.is_verified and buyer.industry == Merchant.Industry.EMPLOYER
    assert TopUp.objects.get(merchant=buyer, status=TopUp.Status.CONFIRMED).amount_fen == 5_000_000
    assert wallet_balance(merchant=buyer) > 0

    # and the catalogue lists records and datasets, each on a version built once
    listed = DataProduct.objects.filter(status=DataProduct.Status.APPROVED)
    assert {DataProduct.Kind.RECORDS, DataProduct.Kind.DATASET} <= set(listed.values_list("kind", flat=True))
    assert listed.filter(kind=DataProduct.Kind.RECORDS, provider=provider).count() >= 2
    for product in listed:
        assert version_current(product=product) is not None, product.title
    # (the only versions not on sale are those a withdrawn consent took off it)
    assert set(ProductVersion.objects.exclude(status=ProductVersion.Status.READY).values_list("status", flat=True)) == {
        ProductVersion.Status.WITHDRAWN
    }

    # and the jobseeker login is in every listed records product and was paid for its sales
    jobseeker = User.objects.get(email="jobseeker@example.com")
    assert jobseeker.resume.status == Resume.Status.CONFIRMED
    # (both purposes that sell data, and the talent pool)
    assert set(ConsentGrant.objects.filter(user=jobseeker, withdrawn_at__isnull=True).values_list("purpose", flat=True)) == {
        Purpose.RECORDS,
        Purpose.STATISTICS,
        Purpose.TALENT,
    }
    for product in listed.filter(kind=DataProduct.Kind.RECORDS):
        assert VersionMember.objects.filter(version=version_current(product=product), user=jobseeker).exists(), product.title
    assert len(sale_lines_for_user(user=jobseeker)) >= 1

    # and every sale settled exactly once into a sound ledger
    sale_keys = [f"{demo_world.ORDER_KEY_PREFIX}{sale.key}" for sale in demo_world.demo_world_plan().sales]
    assert Order.objects.filter(idempotency_key__in=sale_keys, status=Order.Status.SETTLED).count() == len(sale_keys)
    assert Order.objects.filter(status=Order.Status.REFUNDED).count() == 1
    assert not Order.objects.exclude(status__in=[Order.Status.SETTLED, Order.Status.REFUNDED]).exists()
    assert Order.objects.filter(buyer__name=demo_world.BANK).exists()
    assert earnings_for_merchant(merchant=provider).pending > 0
    assert ledger_violations() == []

    # and every journey has something to show: available earnings, a payout batch in each state
    assert earnings_for_merchant(merchant=provider).available > 0
    # the demo jobseeker holds at least the minimum withdrawal, to a payout account of hers: she can try one
    assert earnings_for_user(user=jobseeker).available >= withdrawal_minimum_fen() * 10_000
    assert PayoutAccount.objects.filter(user=jobseeker, is_active=True).exists()
    assert earnings_for_user(user=jobseeker).pending > 0  # and still has sales inside their refund window
    assert set(PayoutBatch.objects.values_list("status", flat=True)) == {PayoutBatch.Status.OPEN, PayoutBatch.Status.CLOSED}
    assert {Withdrawal.Status.REQUESTED, Withdrawal.Status.BATCHED, Withdrawal.Status.PAID, Withdrawal.Status.FAILED} <= set(
        Withdrawal.objects.values_list("status", flat=True)
    )
    # a query service sold by credits (one pack a private offer), monthly and yearly plans, a subscription
    query = listed.get(kind=DataProduct.Kind.QUERY)
    assert QueryCredit.objects.filter(product=query, buyer=buyer, remaining=100).exists()
    private = PricePlan.objects.get(product=query, private_buyer__name=demo_world.BANK)
    assert QueryCredit.objects.filter(product=query, buyer=private.private_buyer, remaining=private.credits).exists()
    statistics = listed.get(kind=DataProduct.Kind.STATISTICS)
    assert set(statistics.plans.values_list("kind", flat=True)) == {PricePlan.Kind.MONTHLY, PricePlan.Kind.YEARLY}
    assert Subscription.objects.filter(buyer=buyer, product=statistics, status=Subscription.Status.ACTIVE).exists()
    # a jobseeker who withdrew is in no version on sale, and the versions they were in were rebuilt
    withdrawn = ConsentGrant.objects.get(withdrawn_at__isnull=False)
    assert withdrawn.user != jobseeker
    assert not VersionMember.objects.filter(grant=withdrawn, version__status=ProductVersion.Status.READY).exists()
    rebuilt = DataProduct.objects.filter(versions__members__grant=withdrawn).distinct()
    assert rebuilt.exists()
    for product in rebuilt:
        assert version_current(product=product).number > 1

    # and the talent pool: the jobseeker holds an invitation in each state, found and sent through the services
    talent_members = talent_demo.pool_members(demo_world.demo_world_plan().people, demo_world.JOBSEEKER_EMAIL)
    assert PoolRow.objects.count() == len(talent_members) >= 20
    mine = Invitation.objects.filter(candidate=jobseeker)
    assert sorted(mine.values_list("status", flat=True)) == ["accepted", "declined", "expired", "open"]
    accepted = mine.get(status=Invitation.Status.ACCEPTED)
    # the demo employer sees her contact; her share of the fee, past its window, is available beside her sales
    buyer_owner = User.objects.get(email="buyer@example.com")
    assert accepted.merchant == buyer
    contact = disclosure_contact(disclosure=accepted.disclosure, viewer=buyer_owner)
    assert contact == {"name": "林晓雯", "email": "jobseeker@example.com"}
    lines = earning_lines(user=jobseeker)
    assert {line["source"] for line in lines} == {"sale", "invitation"}
    mine_paid = [line for line in lines if line["source"] == "invitation"]
    assert [(line["state"], line["share"]) for line in mine_paid] == [("available", 14_000_000)]
    assert Invitation.objects.filter(status=Invitation.Status.ACCEPTED).count() == 2
    figures = talent_statistics()
    assert (figures.open, figures.accepted, figures.declined, figures.expired) == (2, 2, 1, 1)
    assert figures.acceptance_rate == 0.5 and figures.revenue_micros == 2 * 6_000_000
    escrow = LedgerAccount.objects.get(kind=LedgerAccount.Kind.ESCROW)
    assert account_balance(account=escrow) == 2 * 20_000_000  # the two open invitations' fees
    assert ledger_violations() == []

    # and when the demo jobseeker tries the smallest withdrawal to her payout account, it goes through
    minimum = withdrawal_minimum_fen()
    before = earnings_for_user(user=jobseeker).available
    account = PayoutAccount.objects.get(user=jobseeker, is_active=True)
    withdrawal = withdrawal_request(payout_account=account, amount_fen=minimum, by=jobseeker, user=jobseeker)
    assert withdrawal.status == Withdrawal.Status.REQUESTED
    assert earnings_for_user(user=jobseeker).available == before - minimum * 10_000
    assert ledger_violations() == []


@pytest.mark.django_db
def test_seed_demo_run_twice_changes_nothing():
    # given a seeded world
    seed()
    before = row_counts()
    balances = {merchant.name: wallet_balance(merchant=merchant) for merchant in Merchant.objects.all()}

    # when the command runs again
    output = seed()

    # then it says so and no row was added anywhere
    assert "already seeded" in output
    assert row_counts() == before
    assert {merchant.name: wallet_balance(merchant=merchant) for merchant in Merchant.objects.all()} == balances


@pytest.mark.django_db
def test_seed_demo_completes_a_half_seeded_world_without_duplicates():
    # given a world cut short: the staff login, an unverified recruiting firm, a draft resume
    plan = demo_world.demo_world_plan()
    User.objects.create_superuser("staff@example.com", demo_world.DEMO_PASSWORD)
    owner = User.objects.create_user("provider@example.com", demo_world.DEMO_PASSWORD, kind=User.Kind.MERCHANT)
    merchant_create(
        owner=owner, name=demo_world.RECRUITER, industry=Merchant.Industry.RECRUITING, is_provider=True, is_buyer=False
    )
    jobseeker = User.objects.create_user("jobseeker@example.com", demo_world.DEMO_PASSWORD)
    resume_save(user=jobseeker, data=demo_world.DEMO_JOBSEEKER.resume)

    # when the command runs
    output = seed()

    # then the missing pieces were made and the existing ones completed, none twice
    assert "already seeded" not in output
    assert User.objects.count() == plan.user_count
    assert Merchant.objects.count() == len(plan.merchants)
    assert Resume.objects.count() == len(plan.people)
    talent_members = len(talent_demo.pool_members(plan.people, demo_world.JOBSEEKER_EMAIL))
    assert ConsentGrant.objects.count() == sum(len(person.purposes) for person in plan.people) + talent_members
    assert set(Invitation.objects.values_list("idempotency_key", flat=True)) == {
        f"{talent_demo.KEY_PREFIX}{invitation.key}" for invitation in talent_demo._plans(demo_world)
    }
    assert DataProduct.objects.count() == len(plan.products) + 2  # and the query service and statistics of the journeys
    assert Order.objects.count() == len(plan.sales) + 4  # credits, a private offer, a subscription, a refunded purchase
    assert owned_merchant("provider@example.com").is_verified
    assert Resume.objects.get(owner=jobseeker).status == Resume.Status.CONFIRMED
    assert EmailAddress.objects.filter(email__in=LOGINS, verified=True, primary=True).count() == len(LOGINS)
    assert ledger_violations() == []


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_in_production(settings):
    # given production settings
    settings.PRODUCTION = True

    # when the command runs, then it refuses and creates nothing
    with pytest.raises(CommandError, match="production"):
        seed()
    assert not User.objects.exists()
