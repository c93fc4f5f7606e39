"""Reads for the catalog, the dashboards and delivery."""

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import Merchant

from .models import BuyerNotice, DataProduct, Order, ProductVersion, QueryLog, VersionMember


def catalog_products(*, search: str = "", kind: str = "", category: str = "") -> QuerySet[DataProduct]:
    """Approved products only, with what a catalog card shows, in a fixed number of queries."""
    products = (
        DataProduct.objects.filter(status=DataProduct.Status.APPROVED)
        .select_related("provider")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ProductVersion.objects.filter(status=ProductVersion.Status.READY).order_by("-number"),
                to_attr="ready_versions",
            )
        )
        .annotate(sales=Count("versions__orders", distinct=True))
        .order_by("-created_at", "-id")
    )
    if search:
        products = products.filter(
            Q(title__icontains=search) | Q(description__icontains=search) | Q(provider__name__icontains=search)
        )
    if kind:
        products = products.filter(kind=kind)
    if category:
        products = products.filter(category=category)
    return products


def products_of_provider(*, merchant: Merchant) -> QuerySet[DataProduct]:
    return (
        DataProduct.objects.filter(provider=merchant)
        .prefetch_related(Prefetch("versions", queryset=ProductVersion.objects.order_by("-number")))
        .order_by("-created_at")
    )


def orders_of_buyer(*, merchant: Merchant) -> QuerySet[Order]:
    return Order.objects.filter(buyer=merchant).select_related("version__product__provider").order_by("-created_at")


def product_visible(*, product_id: int, merchant: Merchant | None) -> DataProduct | None:
    """A listed product, or the merchant's own product in any state."""
    visible = Q(status=DataProduct.Status.APPROVED)
    if merchant is not None:
        visible |= Q(provider=merchant)
    return DataProduct.objects.select_related("provider").filter(visible, pk=product_id).first()


def blocked_user_ids_for(*, merchant: Merchant) -> set[int]:
    """People who blocked this merchant from ever receiving their data.

    The blocklist lives in the consent app (``consent.selectors.blocked_user_ids``).
    Until that selector exists on this branch, nobody is blocked.
    """
    try:
        from consent.selectors import blocked_user_ids
    except ImportError:
        return set()
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
