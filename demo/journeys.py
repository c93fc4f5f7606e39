"""The demo world's journeys beyond the catalogue and its first sales, so every page has something to show:

- earnings that are available (the first sales' refund window is treated as passed, and
  so is the window of the demo jobseeker's first accepted invitation, so that she holds at
  least the minimum withdrawal and can try one), withdrawals to payout accounts and a payout
  batch in each state (closed with one line paid and one failed, open at the bank, and a
  withdrawal waiting for the next batch);
- a query service sold as packs of credits, with a private offer to one buyer;
- a statistics product sold by monthly and yearly subscription;
- a refunded purchase;
- a jobseeker who withdrew consent, and the rebuild of the version they were in.

Every step is get-or-create and keyed on fixed names, amounts and dates, so a second run
changes nothing and a half-made run is completed. Other apps may add their own demo data
through `demo_seed(context)` in a module `<app>/demo_seed.py` (see `apps_seed` below).
"""

import importlib
import importlib.util
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils.text import slugify

from accounts.models import User
from consent.models import ConsentGrant, Purpose
from consent.services import consent_withdraw
from exchange.models import DataProduct, Order, PricePlan
from exchange.services.builds import versions_withdraw_for_grant
from exchange.services.orders import order_place, order_refund, order_settle, version_current
from exchange.services.products import product_create, product_review, product_submit
from payouts.models import JournalEntry, LedgerAccount, PayoutAccount, PayoutBatch, Withdrawal
from payouts.selectors import earnings_for_user
from payouts.services import (
    hold_release,
    payout_account_add,
    payout_batch_create,
    withdrawal_mark_failed,
    withdrawal_mark_paid,
    withdrawal_minimum_fen,
    withdrawal_request,
)

QUERY_TITLE = "求职者画像查询服务 · Jobseeker Insights Query Service"
STATISTICS_TITLE = "各省求职者统计月报 · Monthly Jobseeker Statistics by Province"
REFUND_KEY = "seed-demo:employer-credit-refunded"
REFUND_REASON = "买方误购，七日内申请退款。Bought by mistake; refund asked within seven days."
# Fixed business dates: the payout batches are the same on every run.
CLOSED_BATCH_DATE = date(2026, 1, 20)
OPEN_BATCH_DATE = date(2026, 1, 21)
PAID_FEN, FAILED_FEN, AT_BANK_FEN, WAITING_FEN = 100_000, 50_000, 80_000, 30_000
FAILED_REASON = "户名与账号不符 · Account name does not match the number"
# The jobseeker who withdraws consent (never the demo login, whose portal shows its sales).
WITHDRAWING_INDEX = 3

STATISTICS_LICENCE = (
    "仅限买方内部用于招聘规划与薪酬研究；不得尝试识别任何个人。\n"
    "For the buyer's internal recruitment planning and pay research only; never attempt to identify anyone."
)


class Journeys:
    def __init__(self, seeder) -> None:
        self.s = seeder
        from . import world

        self.world = world

    @property
    def recruiter(self):
        return self.s.merchants[self.world.RECRUITER]

    def owner(self, name):
        return self.s.owners[name]

    # --- products sold by plan ------------------------------------------------------------

    def _product(self, title: str, fields: dict) -> DataProduct:
        product = DataProduct.objects.filter(provider=self.recruiter, title=title).first()
        owner = self.owner(self.world.RECRUITER)
        if product is None:
            opinion = ContentFile(self.world._legal_opinion(title.split(" · ")[-1]), name=f"legal-opinion-{slugify(title)}.pdf")
            product = product_create(provider=self.recruiter, by=owner, title=title, legal_opinion=opinion, **fields)
            self.s.note("products")
        if product.status in (DataProduct.Status.DRAFT, DataProduct.Status.REJECTED):
            self.s.version_ready(product, by=owner)
            product = product_submit(product=product, by=owner)
            self.s.note("product submissions")
        if product.status == DataProduct.Status.IN_REVIEW:
            product = product_review(
                product=product,
                by=self.s.staff,
                approve=True,
                notes="ε、阈值和同意覆盖率已核查。ε, threshold and consent coverage checked.",
            )
            self.s.note("product approvals")
        self.s.products[title] = product
        return product

    def _plan(self, product: DataProduct, kind: str, price_fen: int, *, credits: int = 0, private_buyer=None) -> PricePlan:
        plan, created = PricePlan.objects.get_or_create(
            product=product,
            kind=kind,
            private_buyer=private_buyer,
            credits=credits,
            defaults={"price_fen": price_fen},
        )
        if created:
            self.s.note("price plans")
        return plan

    def _order(self, key: str, buyer_name: str, product: DataProduct, plan: PricePlan | None = None) -> Order:
        buyer = self.s.merchants[buyer_name]
        key = f"{self.world.ORDER_KEY_PREFIX}{key}"
        order = Order.objects.filter(buyer=buyer, idempotency_key=key).first()
        if order is None:
            order = order_place(buyer=buyer, product=product, by=self.owner(buyer_name), idempotency_key=key, plan=plan)
            self.s.note("orders")
        if order.status == Order.Status.PAID:
            order_settle(order_id=order.pk)
            self.s.note("settlements")
        return order

    def plans_ensure(self) -> None:
        query = self._product(
            QUERY_TITLE,
            {
                "kind": DataProduct.Kind.QUERY,
                "category": DataProduct.Category.TALENT,
                "purpose": Purpose.STATISTICS,
                "description": (
                    "在交易所内按模板查询求职者的计数、均值与分布；结果加噪，少于 10 人的结果不返回。按查询次数购买。\n"
                    "Counts, averages and distributions of jobseekers from allow-listed templates, run inside the exchange; "
                    "results are noised and nothing about fewer than 10 people is returned. Sold by packs of queries."
                ),
                "price_fen": 80_000,
                "epsilon": Decimal("0.2"),
                "min_people": 10,
                "licence": STATISTICS_LICENCE,
            },
        )
        credits = self._plan(query, PricePlan.Kind.CREDITS, 80_000, credits=100)
        private = self._plan(query, PricePlan.Kind.CREDITS, 300_000, credits=500, private_buyer=self.s.merchants[self.world.BANK])
        statistics = self._product(
            STATISTICS_TITLE,
            {
                "kind": DataProduct.Kind.STATISTICS,
                "category": DataProduct.Category.TALENT,
                "purpose": Purpose.STATISTICS,
                "description": (
                    "各省求职者人数、学历与期望薪资分布，差分隐私加噪，每月更新。可按月或按年订阅。\n"
                    "Jobseekers per province with education and expected-salary distributions, noised with differential "
                    "privacy, updated monthly. Subscribe by the month or by the year."
                ),
                "price_fen": 120_000,
                "epsilon": Decimal("0.5"),
                "min_people": 10,
                "licence": STATISTICS_LICENCE,
            },
        )
        monthly = self._plan(statistics, PricePlan.Kind.MONTHLY, 120_000)
        self._plan(statistics, PricePlan.Kind.YEARLY, 1_200_000)
        self._order("employer-query-credits", self.world.EMPLOYER, query, credits)
        self._order("bank-query-private", self.world.BANK, query, private)
        self._order("employer-statistics-monthly", self.world.EMPLOYER, statistics, monthly)

    # --- a refund ---------------------------------------------------------------------------

    def refund_ensure(self) -> None:
        credit = next(p for p in self.s.products.values() if p.kind == DataProduct.Kind.DATASET and "用电信用" in p.title)
        order = self._order(REFUND_KEY.removeprefix(self.world.ORDER_KEY_PREFIX), self.world.EMPLOYER, credit)
        if order.status != Order.Status.REFUNDED:
            order_refund(order=order, by=self.s.staff, reason=REFUND_REASON)
            self.s.note("refunds")

    # --- available earnings, withdrawals and payout batches -------------------------------

    def earnings_release(self) -> None:
        """The first sales' refund window is over in the demo's story: their shares become available."""
        for plan in self.s.plan.sales:
            order = Order.objects.filter(idempotency_key=f"{self.world.ORDER_KEY_PREFIX}{plan.key}").first()
            sale = order and JournalEntry.objects.filter(idempotency_key=f"{order.reference}:sale").first()
            if sale is not None and not sale.followers.filter(kind=JournalEntry.Kind.RELEASE).exists():
                if hold_release(sale=sale) is not None:
                    self.s.note("earnings released")

    def _account(self, **owner) -> PayoutAccount:
        account = PayoutAccount.objects.filter(is_active=True, **owner).order_by("id").first()
        if account is None:
            if "merchant" in owner:
                account = payout_account_add(
                    kind=PayoutAccount.Kind.BANK_CARD,
                    holder_name=owner["merchant"].name,
                    number="6225880000001234",
                    bank_name="招商示范银行 Demo Bank",
                    **owner,
                )
            else:
                account = payout_account_add(
                    kind=PayoutAccount.Kind.ALIPAY,
                    holder_name=owner["user"].display_name or owner["user"].email,
                    number=owner["user"].email,
                    **owner,
                )
            self.s.note("payout accounts")
        return account

    def _withdrawal(self, account: PayoutAccount, amount_fen: int, by: User, **owner) -> Withdrawal:
        existing = Withdrawal.objects.filter(payout_account=account, amount_fen=amount_fen).first()
        if existing is not None:
            return existing
        self.s.note("withdrawals")
        return withdrawal_request(payout_account=account, amount_fen=amount_fen, by=by, **owner)

    def payouts_ensure(self) -> None:
        owner = {"merchant": self.recruiter}
        by = self.owner(self.world.RECRUITER)
        account = self._account(**owner)
        if not PayoutBatch.objects.filter(business_date=CLOSED_BATCH_DATE).exists():
            self._withdrawal(account, PAID_FEN, by, **owner)
            self._withdrawal(account, FAILED_FEN, by, **owner)
            payout_batch_create(business_date=CLOSED_BATCH_DATE)
            self.s.note("payout batches")
        closed = PayoutBatch.objects.get(business_date=CLOSED_BATCH_DATE)
        for line in closed.lines.filter(status=Withdrawal.Status.BATCHED):
            if line.amount_fen == FAILED_FEN:
                withdrawal_mark_failed(withdrawal=line, reason=FAILED_REASON, by=self.s.staff)
            else:
                withdrawal_mark_paid(withdrawal=line, by=self.s.staff)
            self.s.note("payout lines answered")
        if not PayoutBatch.objects.filter(business_date=OPEN_BATCH_DATE).exists():
            self._withdrawal(account, AT_BANK_FEN, by, **owner)
            payout_batch_create(business_date=OPEN_BATCH_DATE)
            self.s.note("payout batches")
        self._withdrawal(account, WAITING_FEN, by, **owner)

    def jobseeker_payout_ensure(self) -> None:
        """The demo jobseeker's first accepted invitation is past its window (its share available
        beside her released sales), and she has a payout account: she can try a withdrawal. One
        is made for her only if what stays available is still enough to try another."""
        jobseeker = User.objects.get(email=self.world.JOBSEEKER_EMAIL)
        first_accepted = (
            JournalEntry.objects.filter(
                kind=JournalEntry.Kind.ESCROW_SETTLE,
                postings__account__user=jobseeker,
                postings__account__kind=LedgerAccount.Kind.SUBJECT_PENDING,
            )
            .order_by("created_at", "id")
            .first()
        )
        if first_accepted is not None and not first_accepted.followers.filter(kind=JournalEntry.Kind.RELEASE).exists():
            if hold_release(sale=first_accepted) is not None:
                self.s.note("earnings released")
        mine = self._account(user=jobseeker)
        minimum = withdrawal_minimum_fen()
        already = Withdrawal.objects.filter(payout_account=mine).exists()
        if not already and earnings_for_user(user=jobseeker).available >= 2 * minimum * 10_000:
            self._withdrawal(mine, minimum, jobseeker, user=jobseeker)

    # --- a withdrawn consent and its rebuild ------------------------------------------------

    def withdrawal_of_consent_ensure(self) -> None:
        person = self.s.plan.people[WITHDRAWING_INDEX]
        grant = (
            ConsentGrant.objects.filter(user__email=person.email, provider=self.recruiter, purpose=Purpose.RECORDS)
            .order_by("-granted_at")
            .first()
        )
        if grant is None:
            return
        if grant.withdrawn_at is None:
            consent_withdraw(grant=grant, by=grant.user)
            self.s.note("consent withdrawals")
        # The exchange stops selling what holds the person and rebuilds without them (the
        # signal does it after commit too; it then finds nothing left to withdraw).
        versions_withdraw_for_grant(grant_id=grant.pk)
        products = DataProduct.objects.filter(versions__members__grant=grant, status=DataProduct.Status.APPROVED).distinct()
        for product in products.order_by("id"):
            if version_current(product=product) is None:
                self.s.version_ready(product, by=self.owner(self.world.RECRUITER))
                self.s.note("rebuilds after a withdrawal")

    # --- other apps' demo data ---------------------------------------------------------------

    def apps_seed(self) -> None:
        """Call `demo_seed(context)` of every installed app that has a `demo_seed` module (talent, ...)."""
        for config in apps.get_app_configs():
            name = f"{config.name}.demo_seed"
            if config.name == "demo" or importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            module.demo_seed(self.s)

    def run(self) -> None:
        self.plans_ensure()
        self.refund_ensure()
        self.earnings_release()
        self.payouts_ensure()
        self.withdrawal_of_consent_ensure()
        self.apps_seed()
        self.jobseeker_payout_ensure()  # after the talent pool: her accepted invitation pays her
