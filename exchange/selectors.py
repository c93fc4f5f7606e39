"""Reads for the catalog, the dashboards and delivery."""

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import Merchant

from .models import DataProduct, Order, ProductVersion


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
