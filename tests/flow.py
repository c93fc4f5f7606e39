"""The walking skeleton as service calls, shared by the SQLite and the PostgreSQL + Celery tests."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Merchant, User
from consent.models import ConsentGrant, ConsentNotice
from consent.services import consent_grant
from exchange.models import DataProduct, Order, ProductVersion
from exchange.services.builds import version_build_start
from exchange.services.orders import order_place
from exchange.services.products import product_create, product_review, product_submit
from payouts.models import TopUp
from payouts.services import wallet_topup_confirm, wallet_topup_request

from .factories import MerchantFactory, NoticeFactory, ProviderFactory, ResumeFactory, StaffFactory, member_of


@dataclass
class World:
    provider: Merchant
    provider_user: User
    buyer: Merchant
    buyer_user: User
    staff: User
    notice: ConsentNotice
    jobseekers: list[User]


def world_create(*, people: int = 12) -> World:
    provider = ProviderFactory(name="Talent Bridge Recruiting")
    buyer = MerchantFactory(name="Acme Employer")
    notice = NoticeFactory(provider=provider)
    jobseekers = []
    for _ in range(people):
        resume = ResumeFactory()
        consent_grant(user=resume.owner, notice=notice, language="en")
        jobseekers.append(resume.owner)
    return World(
        provider=provider,
        provider_user=member_of(provider),
        buyer=buyer,
        buyer_user=member_of(buyer),
        staff=StaffFactory(),
        notice=notice,
        jobseekers=jobseekers,
    )


def product_define(world: World, *, price_fen: int = 30_000, k: int = 3) -> DataProduct:
    return product_create(
        provider=world.provider,
        by=world.provider_user,
        title="Software talent pool, Q4",
        description="De-identified resumes of engineers and analysts.",
        kind=DataProduct.Kind.RECORDS,
        category=DataProduct.Category.TALENT,
        purpose=world.notice.purpose,
        price_fen=price_fen,
        k=k,
        max_suppression_bps=2000,
        quasi_identifiers=["age", "gender", "province", "education_level", "years_experience"],
        include_skills=True,
    )


def build_start(world: World, product: DataProduct) -> ProductVersion:
    return version_build_start(product=product, by=world.provider_user)


def legal_opinion_pdf() -> SimpleUploadedFile:
    """A minimal PDF standing in for the lawyer's opinion a listing needs."""
    return SimpleUploadedFile("opinion.pdf", b"%PDF-1.4\n% legal opinion\n%%EOF\n", content_type="application/pdf")


def list_and_fund(world: World, product: DataProduct, *, wallet_fen: int = 100_000) -> None:
    product_submit(product=product, by=world.provider_user, legal_opinion=legal_opinion_pdf())
    product_review(product=product, by=world.staff, approve=True, notes="Legal opinion on file.")
    topup = wallet_topup_request(
        merchant=world.buyer, amount_fen=wallet_fen, bank_reference="CMB-20261129-001", by=world.buyer_user
    )
    wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=world.staff)
    product.refresh_from_db()


def buy(world: World, product: DataProduct, key: str = "") -> Order:
    return order_place(buyer=world.buyer, product=product, by=world.buyer_user, idempotency_key=key)


__all__ = ["World", "world_create", "product_define", "build_start", "list_and_fund", "legal_opinion_pdf", "buy", "ConsentGrant"]
