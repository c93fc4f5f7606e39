"""A listed catalog built fast for the buyer-side tests (datasets: no builds, no consent needed)."""

import csv
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Merchant, User
from exchange.models import DataProduct, PricePlan, ProductListing, ProductVersion
from payouts.models import TopUp
from payouts.services import wallet_topup_confirm, wallet_topup_request

from ..factories import MerchantFactory, ProviderFactory, StaffFactory, UserFactory, member_of

CSV_ROWS = [["district", "road_km", "updated"], ["Futian", "312.5", "2026-10"], ["Nanshan", "401.0", "2026-10"]]


def dataset_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(CSV_ROWS)
    return buffer.getvalue().encode()


def listed_dataset(
    provider: Merchant,
    *,
    title: str = "Shenzhen road network",
    description: str = "Road lengths per district, from survey data.",
    category: str = DataProduct.Category.MAPS,
    price_fen: int = 20_000,
    frequency: str = ProductListing.Frequency.MONTHLY,
    versions: int = 1,
) -> DataProduct:
    """An approved dataset product with `versions` ready versions (the artefact is a small CSV)."""
    product = DataProduct.objects.create(
        provider=provider,
        title=title,
        description=description,
        kind=DataProduct.Kind.DATASET,
        category=category,
        price_fen=price_fen,
        status=DataProduct.Status.APPROVED,
        licence="Internal use only.",
    )
    ProductListing.objects.create(product=product, update_frequency=frequency)
    for number in range(1, versions + 1):
        version = ProductVersion(
            product=product,
            number=number,
            status=ProductVersion.Status.READY,
            progress=100,
            privacy_report={"kind": "dataset", "columns": CSV_ROWS[0], "rows": 2, "personal_data": False},
            built_at=timezone.now(),
            artefact_sha256="0" * 64,
        )
        version.artefact.save(f"p{product.pk}-v{number}.csv", ContentFile(dataset_csv()), save=False)
        version.save()
    return product


@dataclass
class Market:
    provider: Merchant
    provider_user: User
    buyer: Merchant
    buyer_user: User
    other: Merchant
    other_user: User
    unverified: Merchant
    unverified_user: User
    jobseeker: User
    staff: User
    product: DataProduct
    extra: dict = field(default_factory=dict)


def fund(merchant: Merchant, user: User, staff: User, *, fen: int = 1_000_000, reference: str = "") -> None:
    topup = wallet_topup_request(
        merchant=merchant, amount_fen=fen, bank_reference=reference or f"REF-{merchant.pk}-{fen}", by=user
    )
    wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=staff)


def market_create() -> Market:
    provider = ProviderFactory(name="Pearl River Maps")
    buyer = MerchantFactory(name="Acme Employer", credit_code="91350100M000100Y43")
    other = MerchantFactory(name="Other Buyer Co")
    unverified = MerchantFactory(name="New Startup", status=Merchant.Status.PENDING, verified_at=None)
    staff = StaffFactory()
    market = Market(
        provider=provider,
        provider_user=member_of(provider),
        buyer=buyer,
        buyer_user=member_of(buyer),
        other=other,
        other_user=member_of(other),
        unverified=unverified,
        unverified_user=member_of(unverified),
        jobseeker=UserFactory(),
        staff=staff,
        product=listed_dataset(provider),
    )
    fund(buyer, market.buyer_user, staff)
    fund(other, market.other_user, staff)
    return market


def plan(product: DataProduct, kind: str, price_fen: int, **fields) -> PricePlan:
    return PricePlan.objects.create(product=product, kind=kind, price_fen=price_fen, **fields)


def talent_invitation_accepted(org, owner):
    """An invitation of the organisation that a candidate accepted (talent routes take its id)."""
    from consent.models import Purpose
    from consent.services import consent_grant
    from talent.services import (
        filters_clean,
        invitation_accept,
        invitation_send,
        pool_refresh,
        talent_profile_save,
        talent_search,
    )

    from ..factories import NoticeFactory, ResumeFactory

    notice = NoticeFactory(purpose=Purpose.TALENT)
    people = [ResumeFactory(province="广东", role_category="engineering").owner for _ in range(5)]
    for person in people:
        talent_profile_save(user=person, data={"reveal_email": True, "weekly_cap": "5"})
        consent_grant(user=person, notice=notice, language="en")
        pool_refresh(user_id=person.pk)  # the hook runs after commit, which a test transaction never reaches
    card = talent_search(merchant=org, by=owner, filters=filters_clean({})).cards[0]
    invitation = invitation_send(
        merchant=org,
        by=owner,
        handle=card["handle"],
        job_title="Engineer",
        description="Build.",
        city="深圳",
        salary_min=20000,
        salary_max=30000,
    )
    invitation_accept(invitation=invitation, by=invitation.candidate, agree=True, language="en")
    return invitation


def listed_query_service(market: Market, *, people: int = 12, epsilon: str = "0.01") -> DataProduct:
    """A built, listed clean-room query service of the market's provider over `people` consented resumes.

    A small ε per query keeps the people's lifetime budget far from exhaustion across many queries.
    """
    from consent.models import Purpose
    from consent.services import consent_grant
    from exchange.services.builds import version_build_start
    from exchange.services.products import product_create, product_review, product_submit

    from ..factories import NoticeFactory, ResumeFactory
    from ..flow import legal_opinion_pdf

    notice = NoticeFactory(provider=market.provider, purpose=Purpose.STATISTICS)
    for _ in range(people):
        consent_grant(user=ResumeFactory().owner, notice=notice, language="en")
    product = product_create(
        provider=market.provider,
        by=market.provider_user,
        title="Talent query service",
        description="Noised, thresholded counts over consented resumes.",
        kind=DataProduct.Kind.QUERY,
        purpose=Purpose.STATISTICS,
        price_fen=10_000,
        epsilon=epsilon,
        min_people=10,
    )
    version = version_build_start(product=product, by=market.provider_user)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    product_submit(product=product, by=market.provider_user, legal_opinion=legal_opinion_pdf())
    product_review(product=product, by=market.staff, approve=True, notes="Legal opinion on file.")
    product.refresh_from_db()
    return product
