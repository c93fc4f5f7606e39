"""Reads for the catalog, the dashboards, delivery and the exchange's statistics."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from accounts.models import Merchant
from consent.selectors import blocked_user_ids
from payouts.money import fen_to_micros
from payouts.selectors import wallet_balance

from .models import (
    ApiKey,
    BuyerNotice,
    DataProduct,
    DownloadLog,
    Order,
    PricePlan,
    ProductListing,
    ProductVersion,
    QueryCredit,
    QueryLog,
    Subscription,
    VersionMember,
)

_SOLD = ~Q(status=Order.Status.REFUNDED)


@dataclass(frozen=True)
class CatalogFilters:
    search: str = ""
    kind: str = ""
    category: str = ""
    provider: int | None = None
    frequency: str = ""
    price_min_fen: int | None = None
    price_max_fen: int | None = None
    sort: str = "newest"

    SORTS = ("newest", "price_asc", "price_desc", "popular", "relevance", "title")


def _like_escaped(search: str) -> str:
    return "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _by_provider_pg(search: str) -> RawSQL:
    """Products of providers whose name holds the term or its words.

    The ids come from one uncorrelated scan of the (small) merchant table as an array, so the
    provider index can join the other two indexes in one bitmap OR instead of a per-row subplan.
    """
    return RawSQL(
        "exchange_dataproduct.provider_id = ANY(ARRAY(SELECT m.id FROM accounts_merchant m"
        " WHERE upper(m.name::text) LIKE upper(%s)"
        " OR to_tsvector('simple'::regconfig, m.name) @@ websearch_to_tsquery('simple'::regconfig, %s)))",
        [_like_escaped(search), search],
        output_field=BooleanField(),
    )


def _search(products: QuerySet[DataProduct], search: str) -> QuerySet[DataProduct]:
    """Full-text search on PostgreSQL (ranked), substring search elsewhere.

    On PostgreSQL every test reads an index: the stored ``search_doc`` tsvector (GIN), the
    trigram GIN index on the upper-cased title (the parser keeps a run of Chinese characters as
    one token, so a search for 人才 finds 深圳人才库 only as a substring), and the provider
    ids whose name matches (exchange/migrations/0010_catalog_search.py).
    """
    substring = Q(title__icontains=search)
    if connection.vendor == "postgresql":
        words = RawSQL(
            "exchange_dataproduct.search_doc @@ websearch_to_tsquery('simple'::regconfig, %s)",
            [search],
            output_field=BooleanField(),
        )
        rank = RawSQL(
            "ts_rank(exchange_dataproduct.search_doc, websearch_to_tsquery('simple'::regconfig, %s))",
            [search],
            output_field=FloatField(),
        )
        return products.filter(Q(words) | substring | Q(_by_provider_pg(search))).annotate(rank=rank)
    by_provider = Q(provider__name__icontains=search)
    return products.filter(substring | by_provider | Q(description__icontains=search)).annotate(
        rank=Case(
            When(title__icontains=search, then=Value(2)),
            When(by_provider, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


_ORDERINGS = {
    # Each sort has its index (exchange/models.py), led by status, so the database reads one
    # page in order and stops. Ids grow with creation time.
    "newest": ("-id",),
    "price_asc": ("price_fen", "id"),
    "price_desc": ("-price_fen", "-id"),
    "popular": ("-sales_count", "-id"),
    "title": ("title", "id"),
}


def catalog_products(*, filters: CatalogFilters | None = None, **legacy) -> QuerySet[DataProduct]:
    """Approved products with what a catalog card shows, in a fixed number of queries however many match."""
    filters = filters or CatalogFilters(**legacy)
    products = (
        # Only verified providers sell: a suspended or unverified provider's products leave the catalog.
        DataProduct.objects.filter(status=DataProduct.Status.APPROVED, provider__status=Merchant.Status.VERIFIED)
        .select_related("provider", "listing")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ProductVersion.objects.filter(status=ProductVersion.Status.READY).order_by("-number"),
                to_attr="ready_versions",
            )
        )
        .annotate(sales=F("sales_count"))
    )
    if filters.kind:
        products = products.filter(kind=filters.kind)
    if filters.category:
        products = products.filter(category=filters.category)
    if filters.provider:
        products = products.filter(provider_id=filters.provider)
    if filters.frequency:
        if filters.frequency == ProductListing.Frequency.ONCE:
            products = products.filter(Q(listing__isnull=True) | Q(listing__update_frequency=filters.frequency))
        else:
            products = products.filter(listing__update_frequency=filters.frequency)
    if filters.price_min_fen is not None:
        products = products.filter(price_fen__gte=filters.price_min_fen)
    if filters.price_max_fen is not None:
        products = products.filter(price_fen__lte=filters.price_max_fen)
    if filters.search:
        products = _search(products, filters.search)
        if filters.sort == "relevance":
            return products.order_by(F("rank").desc(nulls_last=True), "-id")
    return products.order_by(*_ORDERINGS.get(filters.sort, _ORDERINGS["newest"]))


def catalog_api_products(*, filters: CatalogFilters) -> QuerySet[DataProduct]:
    """The catalog as the API lists it: the current version's number is read with the page (one
    correlated lookup per row through the version's (product, number) key), not prefetched."""
    ready = ProductVersion.objects.filter(product=OuterRef("pk"), status=ProductVersion.Status.READY)
    return (
        catalog_products(filters=filters)
        .prefetch_related(None)
        .annotate(current_version_number=Subquery(ready.order_by("-number").values("number")[:1]))
    )


def catalog_providers() -> QuerySet[Merchant]:
    """Providers with at least one listed product, for the catalog's filter."""
    return (
        Merchant.objects.filter(status=Merchant.Status.VERIFIED, products__status=DataProduct.Status.APPROVED)
        .distinct()
        .order_by("name")
    )


def products_of_provider(*, merchant: Merchant) -> QuerySet[DataProduct]:
    return (
        DataProduct.objects.filter(provider=merchant)
        .prefetch_related(Prefetch("versions", queryset=ProductVersion.objects.order_by("-number")))
        .order_by("-created_at")
    )


def orders_of_buyer(*, merchant: Merchant) -> QuerySet[Order]:
    return (
        Order.objects.filter(buyer=merchant)
        .select_related("version__product__provider", "buyer", "terms__plan", "terms__subscription")
        .order_by("-created_at", "-id")
    )


def product_visible(*, product_id: int, merchant: Merchant | None) -> DataProduct | None:
    """A listed product of a verified provider, or the merchant's own product in any state."""
    visible = Q(status=DataProduct.Status.APPROVED, provider__status=Merchant.Status.VERIFIED)
    if merchant is not None:
        visible |= Q(provider=merchant)
    return DataProduct.objects.select_related("provider", "listing").filter(visible, pk=product_id).first()


def plans_for(*, product: DataProduct, merchant: Merchant | None) -> QuerySet[PricePlan]:
    """Public plans, plus the private offers made to this merchant (never another's)."""
    visible = Q(private_buyer__isnull=True)
    if merchant is not None:
        visible |= Q(private_buyer=merchant)
    return PricePlan.objects.filter(visible, product=product, is_active=True).order_by("price_fen", "id")


def plan_for(*, plan_id: int, product: DataProduct, merchant: Merchant | None) -> PricePlan | None:
    return plans_for(product=product, merchant=merchant).filter(pk=plan_id).first()


def versions_of(*, product: DataProduct) -> QuerySet[ProductVersion]:
    """The version history a buyer may see: built versions, newest first (failed builds are the provider's business)."""
    return product.versions.filter(status__in=[ProductVersion.Status.READY, ProductVersion.Status.WITHDRAWN]).order_by("-number")


@dataclass(frozen=True)
class Entitlement:
    order: Order
    version: ProductVersion
    kind: str  # "one_off" or "subscription"
    active: bool
    reason: str


def entitlements_of(*, merchant: Merchant) -> list[Entitlement]:
    """What the buyer may download now: each one-off order's version; each live subscription's current version."""
    result: list[Entitlement] = []
    now = timezone.now()
    seen_subscriptions: set[int] = set()
    for order in orders_of_buyer(merchant=merchant).prefetch_related(
        Prefetch(
            "version__product__versions",
            queryset=ProductVersion.objects.filter(status=ProductVersion.Status.READY).order_by("-number"),
            to_attr="ready_versions",
        )
    ):
        terms = getattr(order, "terms", None) if _has_terms(order) else None
        subscription = terms.subscription if terms else None
        if subscription is not None:
            if subscription.pk in seen_subscriptions:
                continue
            seen_subscriptions.add(subscription.pk)
            live = subscription.status == Subscription.Status.ACTIVE and subscription.current_period_end > now
            ready = order.version.product.ready_versions
            version = ready[0] if ready else order.version
            result.append(
                Entitlement(order, version, "subscription", live and order.status != Order.Status.REFUNDED, subscription.status)
            )
            continue
        if terms is not None and terms.credits:
            continue
        active = (
            order.status != Order.Status.REFUNDED
            and order.version.status == ProductVersion.Status.READY
            and not merchant.is_suspended
        )
        result.append(Entitlement(order, order.version, "one_off", active, order.status))
    return result


def _has_terms(order: Order) -> bool:
    try:
        order.terms  # noqa: B018 - select_related already loaded it (or knows it is missing)
    except Order.terms.RelatedObjectDoesNotExist:
        return False
    return True


def order_owning_version(*, buyer: Merchant, version: ProductVersion) -> Order | None:
    """The buyer's standing order for exactly this version (one-off or a subscription's period), if any.

    A refunded order owns nothing; a pack of query credits names a version but delivers no file.
    """
    return (
        Order.objects.filter(_SOLD, buyer=buyer, version=version)
        .exclude(terms__credits__gt=0)
        .select_related("version__product")
        .order_by("created_at", "id")
        .first()
    )


@dataclass(frozen=True)
class PurchaseQuote:
    """What a buyer is about to pay for, shown on the review page before any money moves."""

    product: DataProduct
    plan: PricePlan | None
    version: ProductVersion | None
    price_fen: int
    wallet_micros: int
    owned: Order | None
    subscription: Subscription | None
    credits_left: int

    @property
    def wallet_after_micros(self) -> int:
        return self.wallet_micros - fen_to_micros(self.price_fen)

    @property
    def affordable(self) -> bool:
        return self.wallet_after_micros >= 0

    @property
    def kind(self) -> str:
        return self.plan.kind if self.plan is not None else PricePlan.Kind.ONE_OFF

    @property
    def blocked(self) -> bool:
        """True when paying would buy nothing new (the service refuses it too)."""
        if self.kind == PricePlan.Kind.CREDITS:
            return False
        if self.subscription is not None:
            return True
        return self.kind == PricePlan.Kind.ONE_OFF and self.owned is not None


def purchase_quote(*, buyer: Merchant, product: DataProduct, plan: PricePlan | None) -> PurchaseQuote:
    version = product.versions.filter(status=ProductVersion.Status.READY).order_by("-number").first()
    credit = QueryCredit.objects.filter(buyer=buyer, product=product).first()
    return PurchaseQuote(
        product=product,
        plan=plan,
        version=version,
        price_fen=plan.price_fen if plan is not None else product.price_fen,
        wallet_micros=wallet_balance(merchant=buyer),
        owned=order_owning_version(buyer=buyer, version=version) if version is not None else None,
        subscription=Subscription.objects.filter(buyer=buyer, product=product, status=Subscription.Status.ACTIVE).first(),
        credits_left=credit.remaining if credit else 0,
    )


def downloads_of(*, merchant: Merchant, limit: int = 50) -> QuerySet[DownloadLog]:
    return (
        DownloadLog.objects.filter(order__buyer=merchant)
        .select_related("order__version__product", "user")
        .order_by("-created_at", "-id")[:limit]
    )


def subscriptions_of(*, merchant: Merchant) -> QuerySet[Subscription]:
    return Subscription.objects.filter(buyer=merchant).select_related("plan", "product").order_by("-created_at", "-id")


def credits_of(*, merchant: Merchant) -> QuerySet[QueryCredit]:
    return QueryCredit.objects.filter(buyer=merchant).select_related("product").order_by("product__title")


def api_keys_of(*, merchant: Merchant) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(merchant=merchant).select_related("created_by").order_by("-created_at", "-id")


# --- charts and statistics -------------------------------------------------------------------------


def orders_of_provider(*, merchant: Merchant) -> QuerySet[Order]:
    """Sales of the provider's products (buyers are organisations; no person is named)."""
    return (
        Order.objects.filter(version__product__provider=merchant)
        .select_related("version__product", "buyer")
        .order_by("-created_at", "-id")
    )


def product_revenue_fen(*, product: DataProduct) -> int:
    """Gross sales of one product (refunds left out), in fen."""
    return Order.objects.filter(_SOLD, version__product=product).aggregate(total=Coalesce(Sum("price_fen"), 0))["total"]


def provider_sales_by_month(*, merchant: Merchant, months: int = 12, product: DataProduct | None = None) -> list[dict]:
    """[{month, orders, revenue_fen}] for the provider's products (or one of them), oldest first."""
    since = timezone.now() - timedelta(days=31 * months)
    scope = Q(version__product=product) if product is not None else Q()
    rows = (
        Order.objects.filter(_SOLD, scope, version__product__provider=merchant, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(orders=Count("id"), revenue_fen=Sum("price_fen"))
        .order_by("month")
    )
    return list(rows)


def provider_buyers_by_industry(*, merchant: Merchant) -> list[dict]:
    rows = (
        Order.objects.filter(_SOLD, version__product__provider=merchant)
        .values("buyer__industry")
        .annotate(buyers=Count("buyer", distinct=True), orders=Count("id"))
        .order_by("-buyers", "buyer__industry")
    )
    labels = dict(Merchant.Industry.choices)
    return [{"industry": labels.get(row["buyer__industry"], row["buyer__industry"]), **row} for row in rows]


def buyer_spend_by_month(*, merchant: Merchant, months: int = 12) -> list[dict]:
    since = timezone.now() - timedelta(days=31 * months)
    return list(
        Order.objects.filter(_SOLD, buyer=merchant, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(orders=Count("id"), revenue_fen=Sum("price_fen"))
        .order_by("month")
    )


@dataclass(frozen=True)
class ExchangeStats:
    turnover_fen: int
    orders: int
    merchants_total: int
    merchants_verified: int
    merchants_active: int
    products_by_category: list[dict]
    sales_by_month: list[dict]


def exchange_stats(*, active_days: int = 90) -> ExchangeStats:
    """The figures a data exchange publishes: turnover, merchants, products by category, sales per month."""
    sold = Order.objects.filter(_SOLD)
    totals = sold.aggregate(turnover=Sum("price_fen"), orders=Count("id"))
    since = timezone.now() - timedelta(days=active_days)
    merchants = Merchant.objects.aggregate(total=Count("id"), verified=Count("id", filter=Q(status=Merchant.Status.VERIFIED)))
    active = (
        Merchant.objects.filter(Q(orders__created_at__gte=since) | Q(products__versions__orders__created_at__gte=since))
        .distinct()
        .count()
    )
    labels = dict(DataProduct.Category.choices)
    by_category = [
        {"category": row["category"], "label": labels.get(row["category"], row["category"]), "products": row["products"]}
        for row in DataProduct.objects.filter(status=DataProduct.Status.APPROVED)
        .values("category")
        .annotate(products=Count("id"))
        .order_by("-products", "category")
    ]
    by_month = list(
        sold.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(orders=Count("id"), revenue_fen=Sum("price_fen"))
        .order_by("month")
    )
    return ExchangeStats(
        turnover_fen=totals["turnover"] or 0,
        orders=totals["orders"] or 0,
        merchants_total=merchants["total"],
        merchants_verified=merchants["verified"],
        merchants_active=active,
        products_by_category=by_category,
        sales_by_month=by_month,
    )


def blocked_user_ids_for(*, merchant: Merchant) -> set[int]:
    """People who blocked this merchant from ever receiving their data (the consent app's blocklist)."""
    return set(blocked_user_ids(merchant=merchant))


def version_excluded_for_buyer(*, version: ProductVersion, buyer: Merchant) -> set[int]:
    """User ids left out of what this buyer receives: blocked people, and for records the
    rows that had to go with them to keep every class at least k."""
    blocked = blocked_user_ids_for(merchant=buyer)
    if not blocked:
        return set()
    in_version = set(VersionMember.objects.filter(version=version, user_id__in=blocked).values_list("user_id", flat=True))
    if not in_version or version.product.kind != DataProduct.Kind.RECORDS:
        return in_version
    from .services.builds import artefact_rows_kept

    kept_rows = set(artefact_rows_kept(version=version, drop_user_ids=in_version))
    return in_version | set(
        VersionMember.objects.filter(version=version, row__isnull=False)
        .exclude(row__in=kept_rows)
        .values_list("user_id", flat=True)
    )


def version_members_for_sale(*, version: ProductVersion, buyer: Merchant) -> QuerySet:
    """(user_id, weight) of the members who share in a sale of ``version`` to ``buyer``."""
    members = VersionMember.objects.filter(version=version, user__isnull=False)
    excluded = version_excluded_for_buyer(version=version, buyer=buyer)
    if excluded:
        members = members.exclude(user_id__in=excluded)
    return members.values_list("user_id", "weight")


def notices_for_buyer(*, merchant: Merchant) -> QuerySet:
    return (
        BuyerNotice.objects.filter(order__buyer=merchant, read_at__isnull=True)
        .select_related("withdrawn_version__product", "replacement")
        .order_by("-created_at")
    )


def queries_of_buyer(*, merchant: Merchant, product: DataProduct) -> QuerySet:
    return QueryLog.objects.filter(buyer=merchant, product=product).order_by("-created_at")


def versions_including(*, user) -> QuerySet[VersionMember]:
    """Every product version a jobseeker is in, sold or not, newest first (for their portal)."""
    return (
        VersionMember.objects.filter(user=user)
        .select_related("version__product__provider", "grant")
        .order_by("-version__created_at", "-id")
    )
